/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // `npm test` is the developer's loop, run inside jest's workers. The tests that start processes
  // (node, npm, the framework CLIs, signals) are `npm run test:integration` (CI runs both).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/integration/'],
  // The transpiler of every entry point (ts-node with swc, see the file); `npm run typecheck` checks types.
  transform: { '^.+\\.ts$': '<rootDir>/__tests__/helpers/ts-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The framework's zip library, loaded on first use instead of in every test file (see the file).
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/helpers/lazy-archiver.js' },
  // jest's runtime, compiling a module a worker has compiled before from V8's code cache (see the file).
  runtime: '<rootDir>/__tests__/helpers/code-cache-runtime.js',
  // Two workers on two cores: a worker blocked on a spawned child leaves its core to the child.
  maxWorkers: 2,
  setupFiles: ['<rootDir>/__tests__/helpers/plain-token-stacks.ts'],
  // One snapshot set for both flavours (this and flavours/cdktn/jest.config.js): version strings masked.
  snapshotSerializers: ['<rootDir>/__tests__/helpers/mask-versions.js'],
};

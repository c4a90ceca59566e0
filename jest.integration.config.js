// `npm run test:integration`: the slow checks kept out of `npm test`'s loop, which CI runs after it:
// the tests under __tests__/integration (real processes: the bins, the framework CLIs, a fake az,
// npm installs against a local registry, Ctrl-C; and the TypeScript compiler over the config types),
// and the property tests again at their full count of cases (helpers/property-runs.ts).
'use strict';
const base = require('./jest.config.js');

// Inherited by jest's workers.
process.env.DOUBLE_NAT_PROPERTY_RUNS ??= 'full';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts', '<rootDir>/__tests__/config.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};

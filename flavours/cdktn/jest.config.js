// The project's own suite on CDK Terrain: `npm run test:cdktn`, the tests of jest.config.js and
// jest.integration.config.js together. The source's cdktf, @cdktf/provider-* and constructs resolve
// to the pinned CDK Terrain install beside this file, and spawned node processes map them through
// require-hook.js. The snapshots are
// the same files as CDKTF's: the serializer of jest.config.js masks the versions, the only difference
// (__tests__/stacks/flavour-versions.ts asserts each flavour's).
'use strict';
const path = require('path');
const base = require('../../jest.config.js');

const modules = path.join(__dirname, 'node_modules');
const hook = path.join(__dirname, 'require-hook.js');
// Every test at its full count of cases (helpers/property-runs.ts).
process.env.DOUBLE_NAT_PROPERTY_RUNS ??= 'full';
// Inherited by jest's workers and every process a test spawns.
if (!(process.env.NODE_OPTIONS ?? '').includes(hook)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(hook)}`.trim();
}

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, '../..'),
  testPathIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^cdktf(/.*)?$': `${modules}/cdktn$1`,
    '^@cdktf/provider-([^/]+)(/.*)?$': `${modules}/@cdktn/provider-$1$2`,
    '^constructs(/.*)?$': `${modules}/constructs$1`,
  },
};

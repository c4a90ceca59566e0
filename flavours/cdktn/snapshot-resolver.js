// CDK Terrain snapshots: __tests__/x.test.ts <-> flavours/cdktn/__snapshots__/x.test.ts.snap.
'use strict';
const path = require('path');

const snapshots = path.join(__dirname, '__snapshots__');
const tests = path.resolve(__dirname, '../../__tests__');

module.exports = {
  resolveSnapshotPath: (testPath, extension) => path.join(snapshots, path.basename(testPath) + extension),
  resolveTestPath: (snapshotPath, extension) => path.join(tests, path.basename(snapshotPath, extension)),
  testPathForConsistencyCheck: path.join(tests, 'example.test.ts'),
};

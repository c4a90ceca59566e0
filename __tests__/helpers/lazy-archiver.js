// The framework requires archiver (it zips TerraformAsset folders) as it loads, a third of the CPU
// of loading it, in every test file. No stack here has an asset: jest maps `archiver` to this
// stand-in (jest.config.js), which loads the framework's own archiver on the first call, if any.
'use strict';
const fs = require('fs');
const path = require('path');

/** The archiver folder node would find from the framework's own folder (CDKTF or CDK Terrain). */
function frameworkArchiver() {
  for (let dir = path.dirname(require.resolve('cdktf/package.json')); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'archiver');
    // By its path: a bare `archiver` would map back to this file.
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error('archiver is not installed beside the framework');
  }
}

let real;
module.exports = function archiver(...args) {
  real ??= require(frameworkArchiver());
  return real(...args);
};

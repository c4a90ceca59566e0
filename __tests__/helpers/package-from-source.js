// `node -r` hook for tests: `require('double-nat-azure')` in an example app loads this checkout's
// lib/ (through the transpile hook loaded before it), as the installed package would load dist/lib.
'use strict';
const Module = require('module');
const path = require('path');

const entry = path.resolve(__dirname, '..', '..', 'lib', 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveOurPackage(request, ...rest) {
  return request === 'double-nat-azure' ? entry : resolve.call(this, request, ...rest);
};

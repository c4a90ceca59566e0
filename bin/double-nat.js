#!/usr/bin/env node
// The `double-nat` command of the installed package: the compiled tools (dist/tools, built from tools/).
'use strict';
// Its hints name this bin (npx double-nat destroy …), which any app has, not this repository's npm scripts.
require('../dist/tools/double-nat.js')
  .main(process.argv.slice(2), { invocation: 'bin' })
  .then((code) => {
    process.exitCode = code;
  });

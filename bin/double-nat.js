#!/usr/bin/env node
// The `double-nat` command of the installed package: the compiled tools (dist/tools, built from tools/).
'use strict';
require('../dist/tools/double-nat.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

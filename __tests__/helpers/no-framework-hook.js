// `node --require` hook for tests: loading any framework package (cdktf, cdktn, their providers,
// constructs) throws, naming who asked. The double-nat commands that run in any app (destroy,
// retire, e2e) must work where only one framework, or none, is installed. It patches Module._load,
// which sees the request as written, before flavours/cdktn/require-hook.js maps it.
// Plain JavaScript: it loads before anything is transpiled.
'use strict';
const Module = require('module');

const FRAMEWORK = /^(cdktf|cdktn|constructs)(\/|$)|^@(cdktf|cdktn)\//;
const load = Module._load;
Module._load = function loadWithoutFramework(request, parent, isMain) {
  if (FRAMEWORK.test(request)) throw new Error(`framework package ${request} loaded by ${parent?.filename ?? '?'}`);
  return load.call(this, request, parent, isMain);
};

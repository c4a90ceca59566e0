// `node --require` hook for the CDK Terrain run of the suite: processes the tests spawn (synth of
// main.ts, the examples, the CLI scripts) load cdktn, @cdktn/provider-* and constructs from
// flavours/cdktn/node_modules when the source asks for cdktf, @cdktf/provider-* or constructs.
// Plain JS and independent of any other hook; jest itself maps the same names in jest.config.js.
'use strict';
const Module = require('module');
const path = require('path');
const { toCdktn } = require('./names');

const modules = path.join(__dirname, 'node_modules');
const original = Module._resolveFilename;

/** The mapped request, or undefined when the request is not one of the renamed packages. */
function mapped(request) {
  if (request === 'constructs' || request.startsWith('constructs/')) return request;
  const renamed = toCdktn(request);
  return renamed === request ? undefined : renamed;
}

Module._resolveFilename = function resolveFlavour(request, parent, isMain, options) {
  // The CDK Terrain packages themselves (and its CLI) resolve as installed.
  const target = parent?.filename?.startsWith(modules + path.sep) ? undefined : mapped(request);
  if (target === undefined) return original.call(this, request, parent, isMain, options);
  return original.call(this, target, parent, isMain, { ...options, paths: [modules] });
};

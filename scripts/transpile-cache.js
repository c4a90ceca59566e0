// Runs this project's TypeScript with `node -r ./scripts/transpile-cache.js <file>.ts`: ts-node
// (transpile-only, swc per tsconfig.json) stays the transpiler, but its output is kept on disk keyed
// by content (scripts/transpile-cache-store.js), so an unchanged file is never transpiled twice and
// a synth whose files are all cached never loads ts-node or TypeScript (see `npm run bench`).
//
// Plain JavaScript on purpose: it must load before anything can be transpiled. It only handles the
// `.ts` extension; module resolution is left to Node and to any other `-r` hook (e.g. one mapping
// `cdktf` to another framework package), since the transpiled code keeps its `require` calls as written.
'use strict';
const Module = require('module');
const path = require('path');
const { createTranspileCache, lazyTranspiler } = require('./transpile-cache-store');

const projectRoot = path.resolve(__dirname, '..');
/** The tsconfig ts-node reads (as `ts-node` does, TS_NODE_PROJECT overrides it). */
const tsconfigPath = process.env.TS_NODE_PROJECT ? path.resolve(process.env.TS_NODE_PROJECT) : path.join(projectRoot, 'tsconfig.json');
const transpiler = lazyTranspiler({ tsconfigPath, root: projectRoot, hookFile: __filename });

const cache = createTranspileCache({
  // Git-ignored with node_modules, where tools conventionally keep caches.
  directory: process.env.DOUBLE_NAT_TS_CACHE ? path.resolve(process.env.DOUBLE_NAT_TS_CACHE) : path.join(projectRoot, 'node_modules', '.cache', 'double-nat-ts'),
  fingerprint: transpiler.fingerprint,
  transpile: transpiler.compile,
});

const previous = Module._extensions['.ts'] ?? Module._extensions['.js'];
Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  // As ts-node does by default, TypeScript inside node_modules is not ours to transpile.
  if (path.relative(projectRoot, filename).split(path.sep).includes('node_modules')) return previous(module, filename);
  module._compile(cache.compiled(filename), filename);
};

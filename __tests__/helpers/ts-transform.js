// The jest transform for this project's TypeScript: the transpiler every entry point runs through
// (scripts/transpile-cache.js: ts-node, transpile-only, swc per tsconfig.json), so tests run the
// code exactly as `cdktf synth` and `npm run <script>` do. Replaces ts-jest, which loaded TypeScript
// in every worker even when jest's cache held every file, and transpiled misses with TypeScript
// (on an empty jest cache, as in CI, the suite took about 12 s less CPU with this). Types are checked by
// `npm run typecheck`, as before (tsconfig.json sets isolatedModules).
//
// Plain JavaScript on purpose: jest loads it before anything can be transpiled.
'use strict';
const crypto = require('crypto');
const path = require('path');
const { lazyTranspiler } = require('../../scripts/transpile-cache-store');

const projectRoot = path.resolve(__dirname, '..', '..');
// Read once per worker; ts-node loads on the first miss of jest's cache only.
const transpiler = lazyTranspiler({ tsconfigPath: path.join(projectRoot, 'tsconfig.json'), root: projectRoot, hookFile: __filename });

module.exports = {
  process(source, filename) {
    return { code: transpiler.compile(source, filename) };
  },
  // The output depends on the file, its path (named in the inline source map) and the fingerprint,
  // not on jest's configuration (jest keeps one cache folder per configuration anyway).
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(`${transpiler.fingerprint()}\0${filename}\0${source}`).digest('hex');
  },
};

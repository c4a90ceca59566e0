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
const { fingerprintOf, tsconfigChain } = require('../../scripts/transpile-cache-store');

const projectRoot = path.resolve(__dirname, '..', '..');
const tsconfigPath = path.join(projectRoot, 'tsconfig.json');

let fingerprint;
/** What decides the output besides the file itself (as in scripts/transpile-cache.js), read once per worker. */
function optionsFingerprint() {
  fingerprint ??= fingerprintOf({
    files: [__filename, require.resolve('../../scripts/transpile-cache-store'), ...tsconfigChain(tsconfigPath)],
    packages: ['ts-node', 'typescript', '@swc/core'],
    root: projectRoot,
    env: process.env,
  });
  return fingerprint;
}

let service;
/** ts-node (and with it TypeScript) is loaded on the first cache miss only. */
function compile(source, filename) {
  if (!service) {
    // ts-node installs source-map-support's prepareStackTrace; jest maps traces itself (and
    // helpers/plain-token-stacks.ts decides which traces are mapped), so the worker's is kept.
    const prepareStackTrace = Error.prepareStackTrace;
    service = require('ts-node').create({ project: tsconfigPath, transpileOnly: true });
    Error.prepareStackTrace = prepareStackTrace;
  }
  // ts-node's output ends with an inline source map, which jest reads to map error traces.
  return service.compile(source, filename);
}

module.exports = {
  process(source, filename) {
    return { code: compile(source, filename) };
  },
  // The output depends on the file, its path (named in the inline source map) and the fingerprint,
  // not on jest's configuration (jest keeps one cache folder per configuration anyway).
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(`${optionsFingerprint()}\0${filename}\0${source}`).digest('hex');
  },
};

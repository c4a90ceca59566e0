// Runs this project's TypeScript with `node -r ./scripts/transpile-cache.js <file>.ts`: ts-node
// (transpile-only, swc per tsconfig.json) stays the transpiler, but its output is kept on disk keyed
// by content, so an unchanged file is never transpiled twice and a synth whose files are all cached
// never loads ts-node or TypeScript at all (measured with `npm run bench`, see the README).
//
// Plain JavaScript on purpose: it must load before anything can be transpiled. It only handles the
// `.ts` extension; module resolution is left to Node and to any other `-r` hook (e.g. one mapping
// `cdktf` to another framework package), since the transpiled code keeps its `require` calls as written.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const projectRoot = path.resolve(__dirname, '..');
/** The tsconfig ts-node reads; its text is part of every key, so changed options never share entries. */
const tsconfigPath = process.env.TS_NODE_PROJECT ? path.resolve(process.env.TS_NODE_PROJECT) : path.join(projectRoot, 'tsconfig.json');
/** Where entries live: git-ignored with node_modules, conventional for tool caches. */
const cacheDir = process.env.DOUBLE_NAT_TS_CACHE
  ? path.resolve(process.env.DOUBLE_NAT_TS_CACHE)
  : path.join(projectRoot, 'node_modules', '.cache', 'double-nat-ts');

/** The version of an installed package, or "none": a new transpiler version means new entries. */
function versionOf(name) {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [projectRoot] }), 'utf8')).version;
  } catch {
    return 'none';
  }
}

let fingerprint;
/**
 * Everything besides the file itself that decides the output: this hook's own code, the transpiler
 * versions, the tsconfig text and ts-node's environment options. Read once per process, on first use.
 */
function optionsFingerprint() {
  if (fingerprint === undefined) {
    const env = Object.keys(process.env)
      .filter((name) => name.startsWith('TS_NODE_'))
      .sort()
      .map((name) => `${name}=${process.env[name]}`);
    let tsconfig = '';
    try {
      tsconfig = fs.readFileSync(tsconfigPath, 'utf8');
    } catch {
      // no tsconfig: ts-node uses its defaults, which the versions below pin
    }
    fingerprint = [fs.readFileSync(__filename, 'utf8'), ...['ts-node', 'typescript', '@swc/core'].map((name) => `${name}@${versionOf(name)}`), tsconfig, ...env].join('\0');
  }
  return fingerprint;
}

function sha256(text) {
  return crypto.createHash('sha256').update(text).digest('hex');
}

let service;
/** ts-node, created only on the first cache miss (it loads TypeScript, most of a cold start). */
function transpile(source, filename) {
  service ??= require('ts-node').create({ project: tsconfigPath, transpileOnly: true });
  return service.compile(source, filename);
}

// An entry is "<sha256 of the code>\n<code>": a truncated or altered entry fails the check and is
// transpiled again, so a damaged cache can cost time but never break a synth.
function readEntry(file) {
  let entry;
  try {
    entry = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = entry.indexOf('\n');
  const code = entry.slice(newline + 1);
  return newline === 64 && entry.slice(0, 64) === sha256(code) ? code : undefined;
}

// Written under a unique temporary name, then renamed: readers (other synths, parallel test
// workers) see either no entry or a whole one. A cache that cannot be written is only slower.
function writeEntry(file, code) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(temporary, `${sha256(code)}\n${code}`);
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/** The transpiled code of a .ts file, from the cache when its content and options are unchanged. */
function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  // The path is in the key because ts-node writes it into the inline source map of the output.
  const entryFile = path.join(cacheDir, `${sha256(`${optionsFingerprint()}\0${filename}\0${source}`)}.js`);
  const cached = readEntry(entryFile);
  if (cached !== undefined) return cached;
  const code = transpile(source, filename);
  writeEntry(entryFile, code);
  return code;
}

const previous = Module._extensions['.ts'] ?? Module._extensions['.js'];
Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  // As ts-node does by default, TypeScript inside node_modules is not ours to transpile.
  if (path.relative(projectRoot, filename).split(path.sep).includes('node_modules')) return previous(module, filename);
  module._compile(compiled(filename), filename);
};

module.exports = { cacheDir };

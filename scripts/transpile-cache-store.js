// The on-disk store behind scripts/transpile-cache.js: transpiled code keyed by a hash of the
// source, its path and everything else that decides the output; plain JavaScript, no dependencies.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function sha256(text) {
  return crypto.createHash('sha256').update(text).digest('hex');
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

// Written under a unique temporary name, then renamed: readers (other synths, concurrent tests)
// see either no entry or a whole one. A cache that cannot be written is only slower.
function writeEntry(directory, file, code) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(directory, { recursive: true });
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

function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The version of an installed package, or "none". */
function versionOf(name, root) {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), 'utf8')).version;
  } catch {
    return 'none';
  }
}

/**
 * Everything besides a file itself that decides its output: the text of `files` (the hook, a
 * tsconfig), the installed versions of `packages` (resolved from `root`) and the TS_NODE_* variables
 * of `env`, which ts-node reads as options.
 */
function fingerprintOf({ files, packages, root, env }) {
  return [
    ...files.map(readOrEmpty),
    ...packages.map((name) => `${name}@${versionOf(name, root)}`),
    ...Object.keys(env)
      .filter((name) => name.startsWith('TS_NODE_'))
      .sort()
      .map((name) => `${name}=${env[name]}`),
  ].join('\0');
}

/**
 * A cache of `transpile(source, filename)` in `directory`. `fingerprint` must change whenever the
 * transpiler or its options do, so entries made with other options are never reused.
 */
function createTranspileCache({ directory, fingerprint, transpile }) {
  return {
    /** The transpiled code of a file, transpiling only when this content, path and fingerprint are new. */
    compiled(filename) {
      const source = fs.readFileSync(filename, 'utf8');
      // The path is in the key because ts-node writes it into the inline source map of the output.
      const file = path.join(directory, `${sha256(`${fingerprint()}\0${filename}\0${source}`)}.js`);
      const cached = readEntry(file);
      if (cached !== undefined) return cached;
      const code = transpile(source, filename);
      writeEntry(directory, file, code);
      return code;
    },
  };
}

module.exports = { createTranspileCache, fingerprintOf };

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

/** An entry's file name: the hash of its key, so a stray file in the folder is never taken for one. */
const ENTRY = /^[0-9a-f]{64}\.js$/;
/** A temporary file some writer left behind (see writeEntry). */
const TEMPORARY = /^[0-9a-f]{64}\.js\.\d+\.[0-9a-f]{8}\.tmp$/;
const DAY = 24 * 60 * 60 * 1000;

// The last use of an entry is its modification time: a hit refreshes it at most once a day, so a
// warm synth stays read-only, and pruning can tell the entries still in use from the rest.
function markUsed(file, now) {
  try {
    if (now - fs.statSync(file).mtimeMs > DAY) fs.utimesSync(file, new Date(now), new Date(now));
  } catch {
    // a cache that cannot be written is only slower; the miss path says so once
  }
}

// Entries unused for longer than maxAgeMs go (edited files leave their old entries behind), then the
// least recently used beyond maxEntries; temporary files older than a minute are a writer that died.
// Another process may be reading an entry removed here: it sees a miss and transpiles again.
function prune(directory, { maxAgeMs, maxEntries, now }) {
  let names;
  try {
    names = fs.readdirSync(directory);
  } catch {
    return;
  }
  const entries = [];
  for (const name of names) {
    const file = path.join(directory, name);
    let mtimeMs;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      continue;
    }
    if (TEMPORARY.test(name)) {
      if (now - mtimeMs > 60_000) fs.rmSync(file, { force: true });
    } else if (ENTRY.test(name)) {
      entries.push({ file, mtimeMs });
    }
  }
  entries.sort((a, b) => b.mtimeMs - a.mtimeMs);
  entries.forEach(({ file, mtimeMs }, index) => {
    if (index >= maxEntries || now - mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
  });
}

// Written under a unique temporary name, then renamed: readers (other synths, concurrent tests)
// see either no entry or a whole one. Returns the error when the entry could not be written.
function writeEntry(directory, file, code) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(temporary, `${sha256(code)}\n${code}`);
    fs.renameSync(temporary, file);
    return undefined;
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
    return error;
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

/** A tsconfig's text without comments and trailing commas (tsconfig files are JSONC), parsed. */
function parseJsonc(text) {
  const json = text
    .replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match) => (match.startsWith('"') ? match : ''))
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(json);
}

/** Where TypeScript finds an `extends` entry: a path relative to the tsconfig, or a package's file. */
function resolveExtends(specifier, from) {
  const directory = path.dirname(from);
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const file = path.resolve(directory, specifier);
    return fs.existsSync(file) || file.endsWith('.json') ? file : `${file}.json`;
  }
  for (const candidate of [specifier, `${specifier}.json`, `${specifier}/tsconfig.json`]) {
    try {
      return require.resolve(candidate, { paths: [directory] });
    } catch {
      // try the next form TypeScript accepts
    }
  }
  return undefined;
}

/**
 * The tsconfig and every file its `extends` chain names (a string or, since TypeScript 5, a list),
 * base files after the file that extends them. Each one's options decide the output, so each one's
 * text goes into the fingerprint. A file that cannot be read or parsed ends its branch: its text (or
 * its absence) is already in the fingerprint.
 */
function tsconfigChain(tsconfig) {
  const chain = [];
  const visit = (file) => {
    if (!file || chain.includes(file)) return;
    chain.push(file);
    let extended;
    try {
      extended = parseJsonc(fs.readFileSync(file, 'utf8')).extends;
    } catch {
      return;
    }
    for (const specifier of [extended].flat()) if (typeof specifier === 'string') visit(resolveExtends(specifier, file));
  };
  visit(path.resolve(tsconfig));
  return chain;
}

/**
 * Everything besides a file itself that decides its output: the text of `files` (the hook, every
 * tsconfig of the chain), the installed versions of `packages` (resolved from `root`) and the
 * TS_NODE_* variables of `env`, which ts-node reads as options.
 */
function fingerprintOf({ files, packages, root, env }) {
  return [
    ...files.map((file) => `${file}\0${readOrEmpty(file)}`),
    ...packages.map((name) => `${name}@${versionOf(name, root)}`),
    ...Object.keys(env)
      .filter((name) => name.startsWith('TS_NODE_'))
      .sort()
      .map((name) => `${name}=${env[name]}`),
  ].join('\0');
}

/**
 * A cache of `transpile(source, filename)` in `directory`. `fingerprint` must change whenever the
 * transpiler or its options do, so entries made with other options are never reused. At its first
 * write a process prunes the folder (see prune). When an entry cannot be written, `warn` gets one
 * line, once per cache: synth still works, only slower.
 */
function createTranspileCache({
  directory,
  fingerprint,
  transpile,
  maxAgeMs = 14 * DAY,
  maxEntries = 5000,
  now = Date.now,
  warn = (line) => process.stderr.write(`${line}\n`),
}) {
  let pruned = false;
  let warned = false;
  return {
    /** The transpiled code of a file, transpiling only when this content, path and fingerprint are new. */
    compiled(filename) {
      const source = fs.readFileSync(filename, 'utf8');
      // The path is in the key because ts-node writes it into the inline source map of the output.
      const file = path.join(directory, `${sha256(`${fingerprint()}\0${filename}\0${source}`)}.js`);
      const cached = readEntry(file);
      if (cached !== undefined) {
        markUsed(file, now());
        return cached;
      }
      const code = transpile(source, filename);
      if (!pruned) {
        pruned = true;
        prune(directory, { maxAgeMs, maxEntries, now: now() });
      }
      const error = writeEntry(directory, file, code);
      if (error && !warned) {
        warned = true;
        warn(`double-nat: the transpile cache ${directory} cannot be written (${error.code ?? error.message}); every run transpiles again, which is slower. Set DOUBLE_NAT_TS_CACHE to a writable folder.`);
      }
      return code;
    },
  };
}

/**
 * The project's TypeScript transpiler, shared by the require hook (scripts/transpile-cache.js) and
 * jest's transform (__tests__/helpers/ts-transform.js): ts-node, transpile-only, per `tsconfigPath`
 * (swc as tsconfig.json names it). ts-node, and TypeScript with it, loads on the first `compile`
 * only; `fingerprint()` (computed once) is everything besides a file that decides its output: the
 * transpiler's versions, the whole tsconfig `extends` chain and the code of the hook using it.
 */
function lazyTranspiler({ tsconfigPath, root, hookFile }) {
  let fingerprint;
  let service;
  return {
    fingerprint() {
      fingerprint ??= fingerprintOf({
        files: [hookFile, __filename, ...tsconfigChain(tsconfigPath)],
        packages: ['ts-node', 'typescript', '@swc/core'],
        root,
        env: process.env,
      });
      return fingerprint;
    },
    compile(source, filename) {
      if (!service) {
        // ts-node installs source-map support, which would map every stack trace the framework
        // records (one per token): a fifth of a cold synth. Cached runs and jest (which maps traces
        // itself) go without it, so traces read alike either way.
        const prepareStackTrace = Error.prepareStackTrace;
        service = require('ts-node').create({ project: tsconfigPath, transpileOnly: true });
        Error.prepareStackTrace = prepareStackTrace;
      }
      // The output ends with an inline source map (jest reads it to map error traces).
      return service.compile(source, filename);
    },
  };
}

module.exports = { createTranspileCache, fingerprintOf, lazyTranspiler, tsconfigChain };

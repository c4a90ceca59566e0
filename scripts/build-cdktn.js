// Generates the CDK Terrain flavour (dist/cdktn/lib, and its copy of dist/schema) from the compiled CDKTF one (dist/lib) by
// renaming the imported packages in every .js and .d.ts file; nothing else changes. Runs after
// `tsc` in `npm run build`, so `double-nat-azure/cdktn` always matches `double-nat-azure`. Then it
// reads the result back and fails, leaving no dist/cdktn, when any `cdktf` or `@cdktf/...` import
// survived (a form the rename does not know, or a package names.js does not map).
'use strict';
const fs = require('fs');
const path = require('path');
const { toCdktn } = require('../flavours/cdktn/names');

/** require("x"), from "x", import("x"): the places a compiled file names a package. */
const SPECIFIER = /(require\(|from |import\()(["'])([^"']+)\2/g;

/**
 * Every way a compiled .js or .d.ts can name a package, spaces allowed: require("x"), import/export
 * ... from "x", import("x"), a bare import "x", and a /// <reference types="x" /> directive.
 */
const ANY_IMPORT = /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(\s*|\bimport\s*|<reference\s+types\s*=\s*)(["'])([^"']+)\1/g;

function rename(text) {
  return text.replace(SPECIFIER, (_all, before, quote, specifier) => `${before}${quote}${toCdktn(specifier)}${quote}`);
}

/** The CDKTF package names a file's text still imports: `cdktf`, `cdktf/...` or `@cdktf/...`. */
function cdktfImportsIn(text) {
  return [...text.matchAll(ANY_IMPORT)].map((match) => match[2]).filter((specifier) => /^(cdktf(\/|$)|@cdktf\/)/.test(specifier));
}

/** Each generated file (relative to `dir`) that imports a CDKTF package, with what it imports. */
function survivingCdktfImports(dir) {
  const found = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(js|d\.ts)$/.test(entry.name)) {
        const imports = cdktfImportsIn(fs.readFileSync(path.join(dir, file), 'utf8'));
        if (imports.length > 0) found.push(`${file}: ${[...new Set(imports)].join(', ')}`);
      }
    }
  };
  walk('');
  return found;
}

function copy(from, to, dir) {
  for (const entry of fs.readdirSync(path.join(from, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      copy(from, to, relative);
    } else if (/\.(js|d\.ts)$/.test(entry.name)) {
      fs.mkdirSync(path.join(to, dir), { recursive: true });
      fs.writeFileSync(path.join(to, relative), rename(fs.readFileSync(path.join(from, relative), 'utf8')));
    }
  }
}

/** Builds `<root>/dist/cdktn` from `<root>/dist/lib` and `<root>/dist/schema`; throws, removing it, when a CDKTF import survives. */
function buildCdktn(root) {
  const dist = path.join(root, 'dist');
  const to = path.join(dist, 'cdktn');
  fs.rmSync(to, { recursive: true, force: true });
  copy(path.join(dist, 'lib'), path.join(to, 'lib'), '');
  // The compiled code reads the configuration schema by a relative path (lib/config/config-schema.ts):
  // the flavour keeps dist/'s layout, so it gets its own copy beside its lib/.
  fs.cpSync(path.join(dist, 'schema'), path.join(to, 'schema'), { recursive: true });
  const surviving = survivingCdktfImports(to);
  if (surviving.length > 0) {
    fs.rmSync(to, { recursive: true, force: true });
    throw new Error(
      `the CDK Terrain build still imports CDKTF packages, so it was removed (map them in flavours/cdktn/names.js, or teach scripts/build-cdktn.js the import form):\n${surviving.map((line) => `  - dist/cdktn/${line}`).join('\n')}`,
    );
  }
}

if (require.main === module) {
  try {
    buildCdktn(path.resolve(__dirname, '..'));
  } catch (error) {
    console.error(`build-cdktn: ${error.message}`);
    process.exitCode = 1;
  }
}

module.exports = { rename, cdktfImportsIn, survivingCdktfImports, buildCdktn };

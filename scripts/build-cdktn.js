// Generates the CDK Terrain flavour (dist/cdktn/lib, and its copy of dist/schema) from the compiled CDKTF one (dist/lib) by
// renaming the imported packages in every .js and .d.ts file; nothing else changes. Runs after
// `tsc` in `npm run build`, so `double-nat-azure/cdktn` always matches `double-nat-azure`.
'use strict';
const fs = require('fs');
const path = require('path');
const { toCdktn } = require('../flavours/cdktn/names');

const root = path.resolve(__dirname, '..');
const from = path.join(root, 'dist', 'lib');
const to = path.join(root, 'dist', 'cdktn', 'lib');

/** require("x"), from "x", import("x"): the places a compiled file names a package. */
const SPECIFIER = /(require\(|from |import\()(["'])([^"']+)\2/g;

function rename(text) {
  return text.replace(SPECIFIER, (_all, before, quote, specifier) => `${before}${quote}${toCdktn(specifier)}${quote}`);
}

function copy(dir) {
  for (const entry of fs.readdirSync(path.join(from, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      copy(relative);
    } else if (/\.(js|d\.ts)$/.test(entry.name)) {
      fs.mkdirSync(path.join(to, dir), { recursive: true });
      fs.writeFileSync(path.join(to, relative), rename(fs.readFileSync(path.join(from, relative), 'utf8')));
    }
  }
}

if (require.main === module) {
  fs.rmSync(to, { recursive: true, force: true });
  copy('');
  // The compiled code reads the configuration schema by a relative path (lib/config/config-schema.ts):
  // the flavour keeps dist/'s layout, so it gets its own copy beside its lib/.
  fs.cpSync(path.join(root, 'dist', 'schema'), path.join(root, 'dist', 'cdktn', 'schema'), { recursive: true });
}

module.exports = { rename };

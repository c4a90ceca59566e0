// `double-nat-azure/cdktn`: the constructs for CDK Terrain apps, generated from the CDKTF build by
// scripts/build-cdktn.js. @cdktn/provider-azurerm is checked here rather than as a peer dependency:
// its only release (16.1.0) declares the peer cdktn ^0.23.0, which no published cdktn satisfies, and
// npm then refuses every install that lists it, even as an optional peer of a CDKTF app.
'use strict';
const { loadTimePeerDependencies } = require('../package.json');

/** `version` within a caret range `^a.b.c` (the only form used there). */
function withinCaret(version, range) {
  const [low, v] = [range.slice(1), version].map((s) => s.split('-')[0].split('.').map(Number));
  const fixed = low[0] > 0 ? 1 : low[1] > 0 ? 2 : 3; // ^ fixes the first non-zero part
  for (let i = 0; i < fixed; i++) if (v[i] !== low[i]) return false;
  return v[0] * 1e12 + v[1] * 1e6 + v[2] >= low[0] * 1e12 + low[1] * 1e6 + low[2];
}

for (const [name, range] of Object.entries(loadTimePeerDependencies)) {
  let version;
  try {
    version = require(`${name}/package.json`).version;
  } catch {
    throw new Error(`double-nat-azure/cdktn needs ${name} ${range} in your app: npm install ${name}`);
  }
  if (!withinCaret(version, range)) throw new Error(`double-nat-azure/cdktn needs ${name} ${range}, found ${version}`);
}

module.exports = require('../dist/cdktn/lib/index.js');

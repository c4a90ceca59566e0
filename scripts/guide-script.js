#!/usr/bin/env node
// Turns docs/reuse.md into the bash script CI runs, so CI follows the guide literally:
//
//   node scripts/guide-script.js <guide.md> <cdktf|cdktn> [<peer-ends.json> <low|high>]
//
// A fenced block after `<!-- guide:<flavour> -->` is run as written; one after
// `<!-- guide:<flavour> file=<name> -->` is written to that file. With the peer ends, each peer's
// range on an `npm install` line becomes that end's exact version (flavours/peer-ends.json), and a
// peer the guide's install line leaves out is an error: the guide must name every peer.
'use strict';
const fs = require('fs');

/** The marked blocks of a guide, in order: { flavour, file?, body }. */
function guideBlocks(text) {
  const blocks = [];
  const marked = /<!-- guide:([a-z0-9]+)(?: file=([^ ]+))? -->\n```[a-z]*\n([\s\S]*?)\n```/g;
  for (let match; (match = marked.exec(text)); ) blocks.push({ flavour: match[1], file: match[2], body: match[3] });
  return blocks;
}

/** `name@range` on npm install lines → `name@version` of this end; throws when a peer is missing. */
function pinToEnd(commands, versions) {
  const seen = new Set();
  const pinned = commands.replace(/^npm install .*$/gm, (line) =>
    line.replace(/(^|\s)((?:@[a-z0-9-]+\/)?[a-z0-9.-]+)@(\S+)/g, (all, space, name) => {
      if (!(name in versions)) return all;
      seen.add(name);
      return `${space}${name}@${versions[name]}`;
    }),
  );
  const missing = Object.keys(versions).filter((name) => !seen.has(name));
  if (missing.length > 0) throw new Error(`the guide's install lines leave out ${missing.join(', ')}`);
  return pinned;
}

function guideScript(text, flavour, versions) {
  const blocks = guideBlocks(text).filter((b) => b.flavour === flavour);
  if (blocks.length === 0) throw new Error(`the guide has no block marked <!-- guide:${flavour} -->`);
  const parts = blocks.map((b) => (b.file ? `cat > ${JSON.stringify(b.file)} <<'GUIDE_FILE_END'\n${b.body}\nGUIDE_FILE_END` : b.body));
  const script = parts.join('\n');
  return versions ? pinToEnd(script, versions) : script;
}

if (require.main === module) {
  const [guide, flavour, endsFile, end] = process.argv.slice(2);
  if (!guide || !flavour || (endsFile && !end)) {
    console.error('usage: guide-script.js <guide.md> <cdktf|cdktn> [<peer-ends.json> <low|high>]');
    process.exit(2);
  }
  const versions = endsFile ? JSON.parse(fs.readFileSync(endsFile, 'utf8'))[flavour][end] : undefined;
  process.stdout.write(`set -euo pipefail\n${guideScript(fs.readFileSync(guide, 'utf8'), flavour, versions)}\n`);
}

module.exports = { guideBlocks, guideScript, pinToEnd };

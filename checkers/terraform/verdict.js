// Judges `terraform validate -json` results of every stack: prints each diagnostic with its stack,
// then fails (exit 1) on any error that known-differences.json does not explain, and on an entry
// there that no diagnostic needs any more. Warnings are printed and do not fail the run.
// Usage: node verdict.js <folder of <flavour>__<app>__<stack>.json files>
'use strict';
const fs = require('fs');
const path = require('path');

/** Whether a known difference explains a diagnostic: its text, on a resource of its type. */
function explains(known, diagnostic) {
  const context = diagnostic.snippet?.context ?? '';
  return `${diagnostic.summary}: ${diagnostic.detail}`.includes(known.detail) && context.startsWith(`resource.${known.resourceType}.`);
}

/**
 * The verdict on the validate results of several stacks.
 * @param {Record<string, {valid: boolean, diagnostics?: object[]}>} results by stack name
 * @param {{resourceType: string, detail: string, reason: string}[]} differences errors expected from the provider version
 */
function judge(results, differences) {
  const lines = [];
  const used = new Set();
  let unexplained = 0;
  const names = Object.keys(results).sort();
  if (names.length === 0) return { pass: false, lines: ['no stack was validated'] };
  for (const name of names) {
    const result = results[name];
    // The overrides are how the providers get here: Terraform's warning about them says nothing new.
    const diagnostics = (result.diagnostics ?? []).filter((d) => d.summary !== 'Provider development overrides are in effect');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (result.valid !== (errors.length === 0)) {
      lines.push(`INVALID  ${name}: terraform says valid=${result.valid} with ${errors.length} errors`);
      unexplained += 1;
      continue;
    }
    lines.push(`${errors.length ? 'INVALID ' : 'valid   '} ${name}`);
    for (const d of diagnostics) {
      const place = [d.range && `${d.range.filename}:${d.range.start?.line}`, d.snippet?.context].filter(Boolean).join(', ');
      const where = place ? ` (${place})` : '';
      const known = d.severity === 'error' ? differences.find((k) => explains(k, d)) : undefined;
      if (known) used.add(known);
      else if (d.severity === 'error') unexplained += 1;
      const label = d.severity === 'error' ? (known ? 'known difference' : 'ERROR') : d.severity;
      lines.push(`    ${label}: ${d.summary}: ${d.detail ?? ''}${where}`);
    }
  }
  const stale = differences.filter((k) => !used.has(k));
  lines.push(`terraform validate: ${names.length} stacks, ${unexplained} unexplained errors, ${used.size} known differences seen`);
  for (const k of stale) lines.push(`known-differences.json entry no diagnostic needs any more (remove it): ${k.detail}`);
  return { pass: unexplained === 0 && stale.length === 0, lines };
}

if (require.main === module) {
  const [folder] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: node verdict.js <folder of validate -json results>');
    process.exit(2);
  }
  const results = {};
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    results[file.slice(0, -'.json'.length).split('__').join('/')] = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  }
  const { pass, lines } = judge(results, require('./known-differences.json').differences);
  for (const line of lines) console.log(line);
  process.exitCode = pass ? 0 : 1;
}
module.exports = { judge };

// Judges a checkov JSON report against suppressions.json (the one reviewed list of checks this
// project does not meet, each with its reason): prints every finding by check, then fails (exit 1)
// on any finding whose check is not suppressed, on any suppression no finding needs, and on a report
// that checked nothing.
// Usage: node findings.js <checkov --output json report>
'use strict';
const fs = require('fs');

/** checkov writes one report object per framework, or a list of them. */
const reportsOf = (report) => (Array.isArray(report) ? report : [report]);

/**
 * The verdict on a parsed report: the lines to print and whether the scan passes.
 * @param {object|object[]} report checkov's `--output json`
 * @param {{id: string, check: string, reason: string}[]} suppressions
 */
function judge(report, suppressions) {
  const reports = reportsOf(report);
  const checked = reports.reduce((n, r) => n + (r.summary?.passed ?? 0) + (r.summary?.failed ?? 0), 0);
  if (checked === 0) return { pass: false, lines: ['checkov checked nothing: no resource was scanned'] };
  const reasons = new Map(suppressions.map((s) => [s.id, s.reason]));
  const byCheck = new Map();
  for (const finding of reports.flatMap((r) => r.results?.failed_checks ?? [])) {
    const entry = byCheck.get(finding.check_id) ?? { name: finding.check_name, where: [] };
    entry.where.push(`${finding.file_path}: ${finding.resource}`);
    byCheck.set(finding.check_id, entry);
  }
  const lines = [];
  let unsuppressed = 0;
  for (const [id, { name, where }] of [...byCheck].sort(([a], [b]) => a.localeCompare(b))) {
    const reason = reasons.get(id);
    lines.push(`${reason ? 'suppressed' : 'FAILED    '} ${id} ${name} (${where.length})`);
    if (reason) continue;
    unsuppressed += where.length;
    lines.push(...where.map((w) => `    ${w}`));
  }
  const stale = suppressions.filter((s) => !byCheck.has(s.id)).map((s) => s.id);
  lines.push(`checkov: ${checked} check results, ${unsuppressed} unsuppressed findings, ${byCheck.size} failing checks, ${suppressions.length} suppressions`);
  if (stale.length) lines.push(`suppressions no finding needs any more (remove them from checkers/checkov/suppressions.json): ${stale.join(', ')}`);
  return { pass: unsuppressed === 0 && stale.length === 0, lines };
}

if (require.main === module) {
  const [file] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node findings.js <report.json>');
    process.exit(2);
  }
  const { pass, lines } = judge(JSON.parse(fs.readFileSync(file, 'utf8')), require('./suppressions.json').suppressions);
  for (const line of lines) console.log(line);
  process.exitCode = pass ? 0 : 1;
}
module.exports = { judge };

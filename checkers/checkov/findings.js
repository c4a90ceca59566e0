// Judges a checkov JSON report against suppressions.json (the one reviewed list of checks
// this project does not meet, each with its reason): prints every finding by check, then fails
// (exit 1) on any finding whose check is not suppressed and on any suppression no finding needs.
// Usage: node findings.js <checkov --output json report> <folder checkov scanned>
'use strict';
const fs = require('fs');
const path = require('path');

const { suppressions } = require('./suppressions.json');

/** The failed checks of a report: checkov writes one object per framework, or a list of them. */
function failedChecks(report) {
  const reports = Array.isArray(report) ? report : [report];
  return reports.flatMap((r) => r.results?.failed_checks ?? []);
}

/** Reads the report; a scan that found nothing to check is an error, not a pass. */
function readReport(file) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const reports = Array.isArray(report) ? report : [report];
  const checked = reports.reduce((n, r) => n + (r.summary?.passed ?? 0) + (r.summary?.failed ?? 0), 0);
  if (checked === 0) throw new Error(`checkov checked nothing in ${file}`);
  return { report, checked };
}

function main([reportFile, scanned]) {
  if (!reportFile || !scanned) {
    console.error('usage: node findings.js <report.json> <scanned folder>');
    return 2;
  }
  const { report, checked } = readReport(reportFile);
  const reasons = new Map(suppressions.map((s) => [s.id, s.reason]));
  const byCheck = new Map();
  for (const finding of failedChecks(report)) {
    const entry = byCheck.get(finding.check_id) ?? { name: finding.check_name, where: [] };
    entry.where.push(`${path.relative(scanned, path.join(scanned, finding.file_path))}: ${finding.resource}`);
    byCheck.set(finding.check_id, entry);
  }
  let unsuppressed = 0;
  for (const [id, { name, where }] of [...byCheck].sort(([a], [b]) => a.localeCompare(b))) {
    const reason = reasons.get(id);
    console.log(`${reason ? 'suppressed' : 'FAILED'}  ${id} ${name} (${where.length})`);
    if (reason) console.log(`    reason: ${reason}`);
    else {
      unsuppressed += where.length;
      for (const w of where) console.log(`    ${w}`);
    }
  }
  const stale = suppressions.filter((s) => !byCheck.has(s.id)).map((s) => s.id);
  console.log(`checkov: ${checked} check results, ${unsuppressed} unsuppressed findings, ${byCheck.size} failing checks, ${suppressions.length} suppressions`);
  if (stale.length) console.error(`suppressions no finding needs any more (remove them from suppressions.json): ${stale.join(', ')}`);
  return unsuppressed > 0 || stale.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
module.exports = { failedChecks, main };

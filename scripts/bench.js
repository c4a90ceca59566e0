#!/usr/bin/env node
// The developer loop, measured: medians of wall time and peak memory for synth and tests.
// Usage: npm run bench [-- --runs N]   (not part of CI: timings belong here, not in tests)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-bench-'));
const app = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app;
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a shell command once; returns seconds and peak RSS in MB (when GNU time is there). */
function once(command, env) {
  const wrapped = gnuTime ? `${gnuTime} -f '__RSS_KB=%M' sh -c '${command.replace(/'/g, "'\\''")}'` : command;
  const start = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', wrapped], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr}`);
  const rss = /__RSS_KB=(\d+)/.exec(result.stderr);
  return { seconds, mb: rss ? Number(rss[1]) / 1024 : NaN };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, command, count, env = {}) {
  const samples = Array.from({ length: count }, () => once(command, env));
  const row = { label, command, runs: count, seconds: median(samples.map((s) => s.seconds)), mb: Math.max(...samples.map((s) => s.mb)) };
  console.log(`${label.padEnd(34)} ${row.seconds.toFixed(2).padStart(6)} s  ${Number.isNaN(row.mb) ? '   n/a' : row.mb.toFixed(0).padStart(6)} MB  (median of ${count})`);
  return row;
}

const env = { CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' };
console.log(`node ${process.version}, ${os.cpus().length} cores\n`);
const baseline = measure('load cdktf (baseline)', `node -e 'require("cdktf")'`, runs);
const synth = measure('app command (cdktf.json)', app, runs, env);
// The same entry point with ts-node's full type-check, for comparison (swc off, as it skips types).
const typedConfig = path.join(outdir, 'tsconfig.typed.json');
fs.writeFileSync(typedConfig, JSON.stringify({ extends: path.join(root, 'tsconfig.json'), 'ts-node': { swc: false, transpileOnly: false } }));
const typed = measure('ts-node with type-checking', 'node -r ts-node/register main.ts', Math.min(runs, 3), {
  ...env,
  TS_NODE_PROJECT: typedConfig,
});
const tests = measure('npm test (jest)', 'npx jest --silent', Math.min(runs, 3));
console.log(`\napp / baseline: ${(synth.seconds / baseline.seconds).toFixed(1)}x   type-checked / baseline: ${(typed.seconds / baseline.seconds).toFixed(1)}x`);
console.log(`app peak memory: ${synth.mb.toFixed(0)} MB   tests: ${tests.seconds.toFixed(1)} s`);
fs.rmSync(outdir, { recursive: true, force: true });

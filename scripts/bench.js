#!/usr/bin/env node
// The developer loop, measured: the synth command against the floor of loading `cdktf` alone, a
// fresh clone's first synth (empty transpile cache) next to a warm one, peak memory, and npm test.
// Usage: npm run bench [-- --runs N] [--synth-only]   (after npm run build; not part of CI: timings belong here, not in tests)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-bench-'));
const app = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app;
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a shell command once: wall seconds, CPU seconds and peak RSS in MB (the last two need GNU time). */
function once(command, env = {}) {
  const wrapped = gnuTime ? `${gnuTime} -f '__TIME=%U %S %M' sh -c '${command.replace(/'/g, "'\\''")}'` : command;
  const start = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', wrapped], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr}`);
  const time = /__TIME=([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  return { seconds, cpu: time ? Number(time[1]) + Number(time[2]) : NaN, mb: time ? Number(time[3]) / 1024 : NaN };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const cases = [];
/** A command measured in every round, so all cases share the machine's load alike. */
function measured(label, command, env) {
  const row = { label, command, env, samples: [] };
  cases.push(row);
  return row;
}

const out = { CDKTF_OUTDIR: path.join(scratch, 'cdktf.out'), CHECKPOINT_DISABLE: '1' };
const warmCache = path.join(scratch, 'warm-cache');
const floor = measured('floor: require("cdktf")', `node -e 'require("cdktf")'`);
const warm = measured('app command, warm cache', app, () => ({ ...out, DOUBLE_NAT_TS_CACHE: warmCache }));
// A fresh clone: nothing transpiled yet, so every file goes through ts-node once.
const cold = measured('app command, empty cache', app, () => ({ ...out, DOUBLE_NAT_TS_CACHE: fs.mkdtempSync(path.join(scratch, 'cold-')) }));
// What every synth cost before the cache (the app command of cdktf.json until then).
const uncached = measured('ts-node, no cache (before)', 'node -r ts-node/register/transpile-only main.ts', () => out);
// The command as users run it: the package's bin (built by npm run build), against the cdktf CLI.
const bin = path.join(root, 'bin', 'double-nat.js');
if (!fs.existsSync(path.join(root, 'dist', 'tools', 'double-nat.js'))) throw new Error('dist/tools is missing: run npm run build first');
const doubleNatSynth = measured('double-nat synth (bin), warm', `node ${bin} synth --output ${path.join(scratch, 'double-nat.out')}`, () => ({ CHECKPOINT_DISABLE: '1', DOUBLE_NAT_TS_CACHE: warmCache }));
const cdktfSynth = measured('npx cdktf synth, warm', `npx cdktf synth --output ${path.join(scratch, 'cdktf-cli.out')}`, () => ({ CHECKPOINT_DISABLE: '1', DOUBLE_NAT_TS_CACHE: warmCache }));

console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}: other load slows every row; compare ratios\n`);
once(app, { ...out, DOUBLE_NAT_TS_CACHE: warmCache });
for (let round = 0; round < runs; round++) {
  for (const row of cases) row.samples.push(once(row.command, row.env ? row.env() : {}));
}
// --synth-only: the synth rows alone (npm test takes most of a bench's time).
const synthOnly = process.argv.includes('--synth-only');
const tests = { label: 'npm test (jest)', samples: synthOnly ? [] : Array.from({ length: Math.min(runs, 3) }, () => once('npx jest --silent')) };

const show = (value, digits) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
console.log(`${''.padEnd(30)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)} ${'peak MB'.padStart(8)}`);
for (const row of synthOnly ? cases : [...cases, tests]) {
  const wall = median(row.samples.map((s) => s.seconds));
  const cpu = median(row.samples.map((s) => s.cpu));
  const mb = Math.max(...row.samples.map((s) => s.mb));
  console.log(`${row.label.padEnd(30)} ${show(wall, 2).padStart(7)} ${show(cpu, 2).padStart(7)} ${show(mb, 0).padStart(8)}   median of ${row.samples.length}`);
}
const ratio = (row) => median(row.samples.map((s, i) => s.seconds / floor.samples[i].seconds));
console.log(`\napp / floor (median of paired ratios): warm ${ratio(warm).toFixed(2)}x (goal <= 2x), empty cache ${ratio(cold).toFixed(2)}x, before ${ratio(uncached).toFixed(2)}x`);
console.log(`double-nat synth / floor: ${ratio(doubleNatSynth).toFixed(2)}x (goal <= 2x); npx cdktf synth / floor: ${ratio(cdktfSynth).toFixed(2)}x; npx cdktf synth / double-nat synth: ${median(cdktfSynth.samples.map((s, i) => s.seconds / doubleNatSynth.samples[i].seconds)).toFixed(2)}x`);
console.log(`empty cache / before (paired): ${median(cold.samples.map((s, i) => s.seconds / uncached.samples[i].seconds)).toFixed(2)}x (goal <= 1x)`);
fs.rmSync(scratch, { recursive: true, force: true });

#!/usr/bin/env node
// The developer loop, measured: the synth command against the floor of loading `cdktf` alone, a
// fresh clone's first synth (empty transpile cache) next to a warm one, the double-nat bin's synth
// against the cdktf CLI's, peak memory, npm test and npm run test:integration.
// Usage: npm run bench [-- --runs N] [--synth-only | --tests-only]
// (after npm run build, for the bin; not part of CI: timings belong here, not in tests)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
/** Only the `npm test` rows (three runs take minutes on a busy machine; the synth rows take more). */
const testsOnly = process.argv.includes('--tests-only');
/** Only the synth rows (npm test takes most of a bench's time). */
const synthOnly = process.argv.includes('--synth-only');
if (testsOnly && synthOnly) throw new Error('--tests-only and --synth-only exclude each other');
/** Issue 17: `npm test` at or under this many seconds on a quiet machine. */
const TEST_TARGET_SECONDS = 15;
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
if (!testsOnly && !fs.existsSync(path.join(root, 'dist', 'tools', 'double-nat.js'))) throw new Error('dist/tools is missing: run npm run build first');
const doubleNatSynth = measured('double-nat synth (bin), warm', `node ${bin} synth --output ${path.join(scratch, 'double-nat.out')}`, () => ({ CHECKPOINT_DISABLE: '1', DOUBLE_NAT_TS_CACHE: warmCache }));
const cdktfSynth = measured('npx cdktf synth, warm', `npx cdktf synth --output ${path.join(scratch, 'cdktf-cli.out')}`, () => ({ CHECKPOINT_DISABLE: '1', DOUBLE_NAT_TS_CACHE: warmCache }));

const cores = os.cpus().length;
console.log(`node ${process.version}, ${cores} cores, load average ${os.loadavg()[0].toFixed(1)}: other load slows every row; compare ratios\n`);
if (testsOnly) cases.length = 0;
else once(app, { ...out, DOUBLE_NAT_TS_CACHE: warmCache });
for (let round = 0; round < runs; round++) {
  for (const row of cases) row.samples.push(once(row.command, row.env ? row.env() : {}));
}
// The command the README and CI run. The first run fills jest's transform cache (as a fresh clone's
// first run does) and is reported on its own; the median is of the warm runs after it.
const firstTest = synthOnly ? undefined : once('npm test --silent');
const tests = { label: 'npm test (warm jest cache)', samples: synthOnly ? [] : Array.from({ length: Math.min(runs, 3) }, () => once('npm test --silent')) };
// CI's second test step, no target (processes, installs, the property tests at full count): one run.
const integration = { label: 'npm run test:integration', samples: synthOnly ? [] : [once('npm run --silent test:integration')] };

const show = (value, digits) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
console.log(`${''.padEnd(30)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)} ${'peak MB'.padStart(8)}`);
for (const row of [...cases, ...(synthOnly ? [] : [tests, integration])]) {
  const wall = median(row.samples.map((s) => s.seconds));
  const cpu = median(row.samples.map((s) => s.cpu));
  const mb = Math.max(...row.samples.map((s) => s.mb));
  console.log(`${row.label.padEnd(30)} ${show(wall, 2).padStart(7)} ${show(cpu, 2).padStart(7)} ${show(mb, 0).padStart(8)}   median of ${row.samples.length}`);
}
if (firstTest) {
  console.log(`${'npm test, first run'.padEnd(30)} ${show(firstTest.seconds, 2).padStart(7)} ${show(firstTest.cpu, 2).padStart(7)} ${show(firstTest.mb, 0).padStart(8)}   jest's transform cache as this checkout left it`);
}
if (!testsOnly) {
  const ratio = (row) => median(row.samples.map((s, i) => s.seconds / floor.samples[i].seconds));
  console.log(`\napp / floor (median of paired ratios): warm ${ratio(warm).toFixed(2)}x (goal <= 2x), empty cache ${ratio(cold).toFixed(2)}x, before ${ratio(uncached).toFixed(2)}x`);
  console.log(`double-nat synth / floor: ${ratio(doubleNatSynth).toFixed(2)}x (goal <= 2x); npx cdktf synth / floor: ${ratio(cdktfSynth).toFixed(2)}x; npx cdktf synth / double-nat synth: ${median(cdktfSynth.samples.map((s, i) => s.seconds / doubleNatSynth.samples[i].seconds)).toFixed(2)}x`);
  console.log(`empty cache / before (paired): ${median(cold.samples.map((s, i) => s.seconds / uncached.samples[i].seconds)).toFixed(2)}x (goal <= 1x)`);
}
if (!synthOnly) {
  // Wall time on a busy machine says little; CPU time (user + sys of jest, its workers and every
  // process a test starts) divided by the cores is what a quiet machine of this size would take at
  // best, since the jest workers (maxWorkers in jest.config.js) keep every core busy.
  const testWall = median(tests.samples.map((s) => s.seconds));
  const testCpu = median(tests.samples.map((s) => s.cpu));
  const quiet = testCpu / cores;
  const verdict = (seconds) => (seconds <= TEST_TARGET_SECONDS ? 'within' : 'OVER');
  console.log(`\nnpm test: ${testWall.toFixed(1)} s wall (${verdict(testWall)} the ${TEST_TARGET_SECONDS} s target at load ${os.loadavg()[0].toFixed(1)}), ${show(testCpu, 1)} s CPU`);
  if (!Number.isNaN(quiet)) console.log(`npm test on a quiet ${cores}-core machine: about ${quiet.toFixed(1)} s (CPU / cores), ${verdict(quiet)} the ${TEST_TARGET_SECONDS} s target`);
}
fs.rmSync(scratch, { recursive: true, force: true });

/**
 * Ctrl-C in `npm run e2e`, for real: a real SIGINT to the real double-nat e2e process, whose `cdktf`
 * is a fake on PATH that synthesizes for real, deploys by writing a state file, and sleeps in the
 * step the test interrupts. Nothing aborts a controller from inside a fake.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TRANSPILE_CACHE_HOOK } from '../helpers/run-typescript';

jest.setTimeout(120_000);
const root = path.resolve(__dirname, '..', '..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * The fake cdktf: logs each call; synth runs main.ts as cdktf would; deploy/destroy write the stack's
 * local state (resources / none). The steps named in FAKE_SLOW_STEPS ("deploy <consumer>",
 * "destroy <provider>", matched on the stack's prefix) announce itself in a file and sleeps until
 * SIGINT, then exits 0, as a command that stops cleanly may: the run must not take that for success.
 */
const FAKE_CDKTF = `
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const [kind, ...rest] = process.argv.slice(2);
const arg = (name) => rest[rest.indexOf(name) + 1];
const outdir = path.resolve(arg('--output'));
const stack = kind === 'synth' ? '' : rest[0];
const dir = process.env.FAKE_DIR;
fs.appendFileSync(path.join(dir, 'calls'), (kind + ' ' + stack).trim() + '\\n');
const writeState = (resources) => {
  const file = path.resolve(outdir, 'stacks', stack, '../../../terraform.' + stack + '.tfstate');
  fs.writeFileSync(file, JSON.stringify({ version: 4, resources }));
};
const consumer = [{ mode: 'managed', type: 'azurerm_private_endpoint', name: 'pe', instances: [{ attributes: { name: 'pe-a', private_service_connection: [{ private_connection_resource_alias: 'pls-b.alias' }] } }] }];
const provider = [{ mode: 'managed', type: 'azurerm_private_link_service', name: 'pls', instances: [{ attributes: { name: 'pls-b', alias: 'pls-b.alias', id: '' } }] }];
if (kind === 'synth') {
  const run = spawnSync(process.execPath, ['-r', ${JSON.stringify(TRANSPILE_CACHE_HOOK)}, ${JSON.stringify(path.join(root, 'main.ts'))}], { stdio: 'inherit', env: { ...process.env, CDKTF_OUTDIR: outdir } });
  process.exit(run.status);
}
const slow = (process.env.FAKE_SLOW_STEPS || '').split(',').filter(Boolean);
const isProvider = stack.startsWith('double-nat-provider-');
const finish = () => { writeState(kind === 'destroy' ? [] : isProvider ? provider : consumer); process.exit(0); };
if (slow.some((step) => (kind + ' ' + stack).startsWith(step))) {
  // Started: a deploy may have created resources already.
  if (kind === 'deploy') writeState(isProvider ? provider : consumer);
  process.on('SIGINT', () => { fs.appendFileSync(path.join(dir, 'calls'), 'SIGINT ' + kind + ' ' + stack + '\\n'); if (kind === 'destroy') process.exit(1); process.exit(0); });
  fs.writeFileSync(path.join(dir, 'waiting'), kind + ' ' + stack);
  setTimeout(finish, 60_000);
} else {
  finish();
}
`;

interface E2eRun {
  readonly child: ChildProcess;
  readonly dir: string;
  output(): string;
  exited: Promise<number | null>;
  calls(): string[];
}

function startE2e(slowSteps: string[]): E2eRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-e2e-sigint-'));
  made.push(dir);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'fake-cdktf.js'), FAKE_CDKTF);
  fs.writeFileSync(path.join(bin, 'cdktf'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(bin, 'fake-cdktf.js'))} "$@"\n`, { mode: 0o755 });
  const config = path.join(dir, 'double-nat.config.json');
  fs.writeFileSync(config, JSON.stringify({ consumers: [{ name: 'team-a' }, { name: 'team-b', network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } }] }));
  const child = spawn(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, path.join(root, 'tools', 'double-nat.ts'), 'e2e'], {
    cwd: dir,
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, DOUBLE_NAT_CONFIG: config, FAKE_DIR: dir, FAKE_SLOW_STEPS: slowSteps.join(','), ARM_SUBSCRIPTION_ID: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  const calls = () => (fs.existsSync(path.join(dir, 'calls')) ? fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n') : []);
  return { child, dir, output: () => output, exited, calls };
}

/** Waits until the fake sleeps in the slow step (or the run ended without reaching it). */
async function untilWaiting(run: E2eRun, step: string): Promise<void> {
  const marker = path.join(run.dir, 'waiting');
  for (let i = 0; i < 1200; i++) {
    if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').startsWith(step)) return;
    if (run.child.exitCode !== null) throw new Error(`e2e ended before ${step}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the fake never reached ${step}:\n${run.output()}`);
}

test('a real SIGINT during a deploy: the deploy is stopped, nothing else deploys, no PASS, everything is destroyed, exit non-zero', async () => {
  const run = startE2e(['deploy double-nat-team-a-']);
  await untilWaiting(run, 'deploy double-nat-team-a-');
  fs.rmSync(path.join(run.dir, 'waiting'));
  // Under `npm run e2e` one Ctrl-C arrives twice (the terminal's, and npm's forwarded copy): still one.
  run.child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 30));
  run.child.kill('SIGINT');
  const status = await run.exited;
  const calls = run.calls().map((c) => c.replace(/-e2e[a-z0-9]{6}$/, ''));
  // The interrupted deploy got SIGINT from the run (its own process group), then exited 0.
  expect(calls).toEqual(['synth', 'deploy double-nat-provider', 'deploy double-nat-team-a', 'SIGINT deploy double-nat-team-a', 'destroy double-nat-team-a', 'destroy double-nat-provider']);
  expect(run.output()).not.toContain('PASS');
  expect(run.output()).toMatch(/FAIL at interrupted during deploy double-nat-team-a-e2e[a-z0-9]{6}/);
  expect(run.output()).toContain('Everything this run deployed is destroyed.');
  expect(run.output()).not.toContain('stopping the cleanup');
  expect(status).not.toBe(0);
});

test('a second SIGINT during the cleanup first says what is left and how to remove it, then stops the destroy', async () => {
  const run = startE2e(['deploy double-nat-team-a-', 'destroy double-nat-provider-']);
  await untilWaiting(run, 'deploy double-nat-team-a-');
  run.child.kill('SIGINT');
  await untilWaiting(run, 'destroy double-nat-provider-');
  await new Promise((r) => setTimeout(r, 1100));
  run.child.kill('SIGINT');
  const status = await run.exited;
  const output = run.output();
  const runId = /e2e (e2e[a-z0-9]{6}): files in/.exec(output)![1];
  const told = output.indexOf('these stacks may still exist');
  expect(told).toBeGreaterThan(-1);
  expect(output.indexOf('stopping the cleanup')).toBeGreaterThan(told);
  expect(output).toContain(`  - double-nat-provider-${runId} (resource group rg-double-nat-provider-${runId})`);
  expect(output).toContain(`npm run destroy -- double-nat-provider-${runId} --outdir .e2e/${runId}/cdktf.out`);
  expect(output).toContain(`az group delete --name rg-double-nat-provider-${runId} --yes`);
  expect(run.calls()).toContain(`SIGINT destroy double-nat-provider-${runId}`);
  expect(output).toContain('Could NOT clean up 1 stack');
  expect(output).not.toContain('PASS');
  expect(status).toBe(130);
  // The run's files stay for the commands it printed.
  expect(fs.existsSync(path.join(run.dir, '.e2e', runId, 'terraform.double-nat-provider-' + runId + '.tfstate'))).toBe(true);
});

/**
 * destroy, retire and e2e in any app: they run `cdktn` on a CDK Terrain synth and `cdktf` on a CDKTF
 * one (read from the version the synth records), `--cli` overrides that, a missing CLI is an error
 * naming what was looked for, and none of them loads a framework package (a CDK Terrain app has no
 * cdktf, and the reverse).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { FrameworkCliError, frameworkOfVersion, resolveFrameworkCli, synthesizedBy } from '../../lib/lifecycle/framework-cli';
import { localStateFile } from '../../lib/lifecycle/stack-state';
import { consumerResources, providerResources, tempProject, writeState } from '../helpers/fake-deployment';
import { TRANSPILE_CACHE_HOOK } from '../helpers/run-typescript';
import { synthesizeInto } from '../helpers/synth';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const root = path.resolve(__dirname, '..', '..');
const NO_FRAMEWORK_HOOK = path.join(__dirname, '..', 'helpers', 'no-framework-hook.js');
const P = 'double-nat-provider';
const A = 'double-nat-team-a';
const second = { network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } };

/**
 * What each framework records: cdktn 0.24.0 writes the same cdktf.out as cdktf 0.21.0 but for the
 * version (seen with `npm run synth:cdktn`), in manifest.json and in each stack's "//".metadata. The
 * fixture is synthesized by whichever flavour runs this suite, then given the framework's version.
 */
const VERSION = { cdktf: '0.21.0', cdktn: '0.24.0' } as const;

function setVersion(outdir: string, version: string, where: 'manifest' | 'stacks' = 'manifest'): void {
  const manifestPath = path.join(outdir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.version = where === 'manifest' ? version : undefined;
  fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  for (const name of Object.keys(manifest.stacks)) {
    const file = path.join(outdir, 'stacks', name, 'cdk.tf.json');
    const stack = JSON.parse(fs.readFileSync(file, 'utf8'));
    stack['//'].metadata.version = version;
    fs.writeFileSync(file, JSON.stringify(stack));
  }
}

/** A deployed provider and consumer, synthesized by `framework`. */
function deployed(framework: keyof typeof VERSION, config: object = { consumers: [{ name: 'team-a' }] }) {
  const project = tempProject(made);
  synthesizeInto(config, project.outdir);
  setVersion(project.outdir, VERSION[framework]);
  writeState(localStateFile(project.outdir, P), providerResources());
  writeState(localStateFile(project.outdir, A), consumerResources());
  return project;
}

/** A fake framework CLI: records "<its name> <args>" and, for destroy, empties the stack's local state. */
const FAKE_CLI = `
const fs = require('fs');
const path = require('path');
const [kind, ...rest] = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CALLS, [process.env.FAKE_NAME, kind, ...rest].join(' ') + '\\n');
if (kind === 'synth') { console.error('fake synth fails'); process.exit(1); }
if (kind === 'destroy') {
  const outdir = path.resolve(rest[rest.indexOf('--output') + 1]);
  fs.writeFileSync(path.resolve(outdir, 'stacks', rest[0], '../../../terraform.' + rest[0] + '.tfstate'), JSON.stringify({ version: 4, resources: [] }));
}
`;

/** A folder with fake `clis` (none: an empty folder), and the file they record their calls in. */
function fakeClis(clis: readonly string[]): { bin: string; calls: () => string[] } {
  const { root: dir } = tempProject(made);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(dir, 'fake-cli.js'), FAKE_CLI);
  for (const name of clis) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nFAKE_NAME=${name} exec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(dir, 'fake-cli.js'))} "$@"\n`, { mode: 0o755 });
  }
  const callsFile = path.join(dir, 'calls');
  return { bin, calls: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').trim().split('\n') : []) };
}

/**
 * `double-nat <args>` with only `bin` on PATH (and node's folder, for the fakes' `#!/bin/sh`), run
 * in `cwd` (a temporary folder: no node_modules/.bin above it), with no framework package loadable.
 */
function doubleNat(args: string[], bin: string, cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, '-r', NO_FRAMEWORK_HOOK, path.join(root, 'tools', 'double-nat.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: [bin, '/usr/bin', '/bin'].join(path.delimiter), FAKE_CALLS: path.join(path.dirname(bin), 'calls'), ...env },
  });
}

test('the no-framework hook the runs below use does stop a framework load (else they prove nothing)', () => {
  for (const name of ['cdktf', 'cdktn', 'constructs', '@cdktf/provider-azurerm/lib/provider']) {
    const run = spawnSync(process.execPath, ['-r', NO_FRAMEWORK_HOOK, '-e', `require(${JSON.stringify(name)})`], { cwd: root, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`framework package ${name} loaded by`);
  }
  const backend = spawnSync(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, '-r', NO_FRAMEWORK_HOOK, '-e', "require('./lib/stacks/state-backend.ts')"], { cwd: root, encoding: 'utf8' });
  expect(backend.stderr).toContain(`framework package cdktf loaded by ${path.join(root, 'lib', 'stacks', 'state-backend.ts')}`);
});

describe('the framework a synth was made by', () => {
  test('CDKTF versions are 0.21 and before; CDK Terrain continued from 0.23; anything else is not a version', () => {
    expect(frameworkOfVersion('0.21.0')).toBe('cdktf');
    expect(frameworkOfVersion('0.20.11')).toBe('cdktf');
    expect(frameworkOfVersion('0.24.0')).toBe('cdktn');
    expect(frameworkOfVersion('0.26.0-pre.22')).toBe('cdktn');
    expect(frameworkOfVersion('1.0.0')).toBe('cdktn');
    for (const value of ['stubbed', '', undefined, 24, 'v0.24']) expect(frameworkOfVersion(value)).toBeUndefined();
  });

  test("from manifest.json's version, else from a stack's \"//\".metadata.version, else unknown", () => {
    const { outdir } = deployed('cdktn');
    expect(synthesizedBy(outdir)).toEqual({ cli: 'cdktn', evidence: `${path.join(outdir, 'manifest.json')} records version 0.24.0` });
    setVersion(outdir, '0.21.0', 'stacks');
    expect(synthesizedBy(outdir)?.cli).toBe('cdktf');
    expect(synthesizedBy(outdir)?.evidence).toMatch(/cdk\.tf\.json records version 0\.21\.0$/);
    setVersion(outdir, 'stubbed', 'stacks');
    expect(synthesizedBy(outdir)).toBeUndefined();
    expect(synthesizedBy(path.join(outdir, 'nothing-here'))).toBeUndefined();
  });

  test('with no synth to read: the one CLI installed; none, or both, is an error that says what to do', () => {
    const { root: cwd } = tempProject(made);
    const only = fakeClis(['cdktn']);
    expect(resolveFrameworkCli({ env: { PATH: only.bin }, cwd })).toMatchObject({ cli: 'cdktn', file: path.join(only.bin, 'cdktn') });
    const both = fakeClis(['cdktf', 'cdktn']);
    expect(() => resolveFrameworkCli({ env: { PATH: both.bin }, cwd })).toThrow(/both cdktf .* and cdktn .* are installed .*: pass --cli cdktf or --cli cdktn/);
    const none = fakeClis([]);
    expect(() => resolveFrameworkCli({ env: { PATH: none.bin }, cwd })).toThrow(FrameworkCliError);
    expect(() => resolveFrameworkCli({ env: { PATH: none.bin }, cwd })).toThrow(/neither cdktf .* nor cdktn .* was found on PATH, then node_modules\/\.bin in /);
  });

  test("the app's node_modules/.bin, after PATH", () => {
    const { root: app } = tempProject(made);
    const appBin = path.join(app, 'node_modules', '.bin');
    fs.mkdirSync(appBin, { recursive: true });
    fs.writeFileSync(path.join(appBin, 'cdktn'), '#!/bin/sh\n', { mode: 0o755 });
    fs.mkdirSync(path.join(app, 'src'));
    const none = fakeClis([]);
    expect(resolveFrameworkCli({ env: { PATH: none.bin }, cwd: path.join(app, 'src') }).file).toBe(path.join(appBin, 'cdktn'));
    const first = fakeClis(['cdktn']);
    expect(resolveFrameworkCli({ env: { PATH: first.bin }, cwd: app }).file).toBe(path.join(first.bin, 'cdktn'));
  });
});

describe('double-nat destroy runs the CLI of the framework that synthesized', () => {
  test('a CDK Terrain synth: cdktn destroy, consumer before provider, never cdktf (both installed)', () => {
    const { root: cwd, outdir } = deployed('cdktn');
    const fakes = fakeClis(['cdktf', 'cdktn']);
    const run = doubleNat(['destroy', '--outdir', outdir, '--auto-approve'], fakes.bin, cwd);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const tail = `--skip-synth --output ${outdir} --ignore-missing-stack-dependencies --auto-approve`;
    expect(fakes.calls()).toEqual([`cdktn destroy ${A} ${tail}`, `cdktn destroy ${P} ${tail}`]);
    expect(run.stdout).toContain(`destroy order: ${A}, ${P} (with cdktn: the synth is CDK Terrain's: ${path.join(outdir, 'manifest.json')} records version 0.24.0)`);
    expect(run.stdout).toContain(`destroyed: ${A}, ${P}`);
  });

  test('a CDKTF synth: cdktf destroy, never cdktn (both installed)', () => {
    const { root: cwd, outdir } = deployed('cdktf');
    const fakes = fakeClis(['cdktf', 'cdktn']);
    const run = doubleNat(['destroy', A, '--outdir', outdir], fakes.bin, cwd);
    expect(run.status).toBe(0);
    expect(fakes.calls()).toEqual([`cdktf destroy ${A} --skip-synth --output ${outdir} --ignore-missing-stack-dependencies`]);
  });

  test('--cli overrides the synth', () => {
    const { root: cwd, outdir } = deployed('cdktn');
    const fakes = fakeClis(['cdktf', 'cdktn']);
    const run = doubleNat(['destroy', A, '--outdir', outdir, '--cli=cdktf'], fakes.bin, cwd);
    expect(run.status).toBe(0);
    expect(fakes.calls()).toEqual([`cdktf destroy ${A} --skip-synth --output ${outdir} --ignore-missing-stack-dependencies`]);
  });

  test('a --cli typo is a usage error (exit 2) naming the value and what is allowed; nothing runs', () => {
    const { root: cwd, outdir } = deployed('cdktn');
    const fakes = fakeClis(['cdktf', 'cdktn']);
    const run = doubleNat(['destroy', '--outdir', outdir, '--cli', 'cdktm'], fakes.bin, cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('double-nat destroy: --cli must be cdktf or cdktn, not "cdktm"');
    expect(run.stderr).toContain('--cli cdktf|cdktn');
    expect(fakes.calls()).toEqual([]);
    expect(doubleNat(['destroy', '--outdir', outdir, '--cli'], fakes.bin, cwd).status).toBe(2);
    for (const args of [['retire', A, '--outdir', outdir], ['e2e']]) {
      const other = doubleNat([...args, '--cli', 'CDKTN'], fakes.bin, cwd);
      expect(other.status).toBe(2);
      expect(other.stderr).toContain(`double-nat ${args[0]}: --cli must be cdktf or cdktn, not "CDKTN"`);
    }
    expect(fakes.calls()).toEqual([]);
  });

  test("the synth's CLI not installed: exit 1 naming it, where it was looked for and what to do; nothing destroyed", () => {
    const { root: cwd, outdir } = deployed('cdktn');
    const fakes = fakeClis(['cdktf']);
    const run = doubleNat(['destroy', '--outdir', outdir], fakes.bin, cwd);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cdktn (CDK Terrain's CLI) is needed (the synth is CDK Terrain's: ${path.join(outdir, 'manifest.json')} records version 0.24.0) but was not found on PATH, then node_modules/.bin in ${cwd}`);
    expect(run.stderr).toContain('npm install --save-dev cdktn-cli');
    expect(run.stderr).toContain('or pass --cli cdktf');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fakes.calls()).toEqual([]);
    expect(JSON.parse(fs.readFileSync(localStateFile(outdir, A), 'utf8')).resources).not.toEqual([]);
  });

  test('--help documents --cli and where the CLI comes from', () => {
    const fakes = fakeClis([]);
    const run = doubleNat(['destroy', '--help'], fakes.bin, root);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--cli cdktf\|cdktn +the framework CLI to run/);
    expect(run.stdout).toContain('Runs cdktf for a CDKTF app and cdktn for a CDK Terrain app');
  });
});

test('double-nat retire destroys a dropped stack with cdktn on a CDK Terrain synth', () => {
  const { root: cwd, outdir } = deployed('cdktn', { consumers: [{ name: 'team-a' }, { name: 'team-b', ...second }] });
  writeState(localStateFile(outdir, 'double-nat-team-b'), consumerResources('other.alias'));
  const config = path.join(cwd, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ consumers: [{ name: 'team-a' }] }));
  const fakes = fakeClis(['cdktf', 'cdktn']);
  const run = doubleNat(['retire', 'double-nat-team-b', '--outdir', outdir, '--auto-approve'], fakes.bin, cwd, { DOUBLE_NAT_CONFIG: config });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(fakes.calls()).toEqual([`cdktn destroy double-nat-team-b --skip-synth --output ${outdir} --ignore-missing-stack-dependencies --auto-approve`]);
  expect(run.stdout).toContain('now run: npx cdktn synth');
});

test('double-nat e2e synthesizes with the one CLI installed (cdktn), loading no framework itself', () => {
  const { root: cwd } = tempProject(made);
  const fakes = fakeClis(['cdktn']);
  // The fake's synth fails: the run stops there, with nothing deployed to destroy.
  fs.writeFileSync(path.join(cwd, 'double-nat.config.json'), '{}');
  const e2e = doubleNat(['e2e'], fakes.bin, cwd, { DOUBLE_NAT_CONFIG: path.join(cwd, 'double-nat.config.json') });
  expect(e2e.stdout).toMatch(/e2e e2e[a-z0-9]{6}: files in \.e2e\/e2e[a-z0-9]{6}, with cdktn \(the only framework CLI installed; no synth to read the framework from yet\)/);
  expect(fakes.calls()).toEqual([expect.stringMatching(/^cdktn synth --output \.e2e\/e2e[a-z0-9]{6}\/cdktf\.out$/)]);
  expect(e2e.stdout).toMatch(/FAIL at synth: DOUBLE_NAT_CONFIG=\S+ cdktn synth --output \S+ exited 1/);
  expect(e2e.stderr).not.toContain('framework package');
  expect(e2e.status).toBe(1);
});

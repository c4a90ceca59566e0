/**
 * The `cdktf synth` entry point: a user's mistake prints every problem, exits non-zero, and leaves
 * no stack in the output folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runMain as runMainHere } from '../helpers/in-process';
import { RunResult, runTypeScript } from '../helpers/run-typescript';
import { expectNoPieceOf } from '../helpers/secret-marker';

const root = path.resolve(__dirname, '..', '..');
// Child processes: a busy machine can slow them well past jest's 5 s default; no test measures time.
jest.setTimeout(60_000);
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A configuration file in a folder of its own, and where the stacks of a run with it go. */
function project(config: unknown): { file: string; outdir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-cli-'));
  made.push(dir);
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return { file, outdir: path.join(dir, 'out') };
}

// Spawns node (about a second of CPU each); `test.concurrent` lets the spawns overlap.
async function runMain(config: unknown): Promise<RunResult & { outdir: string }> {
  const { file, outdir } = project(config);
  const result = await runTypeScript(path.join(root, 'main.ts'), [], {
    cwd: root,
    env: { ...process.env, DOUBLE_NAT_CONFIG: file, CDKTF_OUTDIR: outdir },
  });
  return { ...result, outdir };
}

/** main.ts in this process (helpers/in-process.ts), with a configuration file of its own. */
function runMainInProcess(config: unknown): RunResult & { outdir: string } {
  const { file, outdir } = project(config);
  return { ...runMainHere({ DOUBLE_NAT_CONFIG: file, CDKTF_OUTDIR: outdir }), outdir };
}

test.concurrent('a valid configuration writes both stacks and the manifest', async () => {
  const run = await runMain({ consumers: [{ name: 'consumer', network: { addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } } }] });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(fs.readdirSync(path.join(run.outdir, 'stacks')).sort()).toEqual(['double-nat-consumer', 'double-nat-provider']);
  expect(fs.existsSync(path.join(run.outdir, 'manifest.json'))).toBe(true);
});

test('bad settings print every problem without a stack trace, exit 1 and write nothing', () => {
  const run = runMainInProcess({
    provider: { frontendIp: '10.1.0.1', inboundNatRules: [{ name: 'RDP', frontendPort: 70000 }] },
    consumers: [{ name: 'consumer', location: 'Japan East', clientVm: { computerName: '1234567890123456' } }],
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('5 invalid settings');
  expect(run.stderr).toContain('provider: frontendIp = "10.1.0.1" must be none of the five addresses Azure reserves');
  expect(run.stderr).toContain('provider: inboundNatRules[0].frontendPort = 70000 must be a whole number from 1 to 65534 (port)');
  expect(run.stderr).toContain('consumers[0]: location = "Japan East" must be an Azure region name');
  expect(run.stderr).toContain('consumers[0]: clientVm.computerName = "1234567890123456"');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(run.outdir)).toBe(false);
});

// One run for both.
test('an unknown setting is reported by its path; a password in the file is refused and never printed', () => {
  const secret = 'Zq7!Tr0ub4dor&3-cli';
  const run = runMainInProcess({
    provider: { frontendIP: '10.1.0.4', backendVms: [{ adminPassword: secret }, { adminPasword: secret }] },
    consumers: [{ clientVm: { adminPassword: { source: 'literal', value: secret } } }],
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('configuration: provider.frontendIP (a string) must be a known setting');
  expect(run.stderr).toContain('configuration: provider.backendVms[0].adminPassword (a string) must be an object');
  expect(run.stderr).toContain('configuration: provider.backendVms[1].adminPasword (a string) must be a known setting');
  expect(run.stderr).toContain('configuration: consumers[0].clientVm.adminPassword.value (a string) must be a known setting');
  expectNoPieceOf(secret, run.stdout + run.stderr);
  expect(fs.existsSync(run.outdir)).toBe(false);
});

test.concurrent('a real synth: misspelt secret keys, a root key and a list given as an object are named by path and type, the password is in neither stream', async () => {
  const secret = 'Zq7!Kennw0rt-cli-run';
  const run = await runMain({
    passphrase: secret,
    provider: { backendVms: { adminPassword: secret } },
    consumers: [{ clientVm: { adminPassowrd: secret, adminKennwort: secret, adminPw: [secret] } }],
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('configuration: passphrase (a string) must be a known setting');
  expect(run.stderr).toContain('configuration: provider.backendVms (an object) must be a list');
  expect(run.stderr).toContain('configuration: consumers[0].clientVm.adminPassowrd (a string) must be a known setting');
  expect(run.stderr).toContain('configuration: consumers[0].clientVm.adminKennwort (a string) must be a known setting');
  expect(run.stderr).toContain('configuration: consumers[0].clientVm.adminPw (a list) must be a known setting');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expectNoPieceOf(secret, run.stdout + run.stderr);
  expect(fs.existsSync(run.outdir)).toBe(false);
});

test.concurrent('npm run explain (double-nat explain) prints the path, and exits 1 naming the break when a port has no rule', async () => {
  const run = runMainInProcess({});
  expect(run.status).toBe(0);
  const explain = (...args: string[]) =>
    // The last --outdir wins (util.parseArgs), so a test's own one comes after the default.
    runTypeScript(path.join(root, 'tools', 'double-nat.ts'), ['explain', '--outdir', run.outdir, ...args], { cwd: root });
  const [ok, broken, missing] = await Promise.all([explain(), explain('--port', '443'), explain('--outdir', path.join(run.outdir, 'nowhere'))]);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain('VM-B sees its peer as  10.1.1.4 (the NAT IP, in its own VNet)');
  expect(broken.status).toBe(1);
  expect(broken.stderr).toContain("no NAT or load-balancing rule listens on port 443 of pls-b's frontend (rules listen on: 3389)");
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('does not exist: run `npx cdktf synth` first');
});

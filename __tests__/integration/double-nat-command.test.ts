/**
 * The `double-nat` command (tools/): strict argument parsing with its exit codes, --help on every
 * subcommand, `synth` writing what `npx cdktf synth` writes, and the read-only subcommands on the
 * output of another team's app (examples/outside-app, two stacks, built from the constructs).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RunResult, TRANSPILE_CACHE_HOOK, run } from '../helpers/run-typescript';

const root = path.resolve(__dirname, '..', '..');
const tool = path.join(root, 'tools', 'double-nat.ts');
// Child processes: a busy machine can slow them well past jest's 5 s default; no test measures time.
jest.setTimeout(120_000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-command-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const { DOUBLE_NAT_CONFIG, CDKTF_OUTDIR, ...rest } = process.env;
  void DOUBLE_NAT_CONFIG;
  void CDKTF_OUTDIR;
  return { ...rest, CHECKPOINT_DISABLE: '1', ...extra };
};
const doubleNat = (args: string[], extra: Record<string, string> = {}, cwd = root): Promise<RunResult> =>
  run(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, tool, ...args], { cwd, env: env(extra) });

/** Every file under `dir`, by relative path, with its bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(file);
      else files[file] = fs.readFileSync(path.join(dir, file)).toString('base64');
    }
  };
  walk('');
  return files;
}

// The outside app's synth, as its team runs it, with `double-nat-azure` resolved to this checkout's lib/.
const outsideOut = path.join(work, 'outside', 'cdktf.out');
beforeAll(async () => {
  fs.mkdirSync(path.dirname(outsideOut), { recursive: true });
  const synth = await run(
    process.execPath,
    ['-r', TRANSPILE_CACHE_HOOK, '-r', path.join(__dirname, '..', 'helpers', 'package-from-source.js'), path.join(root, 'examples', 'outside-app', 'main.ts')],
    { cwd: root, env: env({ CDKTF_OUTDIR: outsideOut }) },
  );
  expect(synth.stderr).toBe('');
  expect(synth.status).toBe(0);
});

describe('strict arguments and exit codes', () => {
  test.concurrent.each([
    [['explain', '--outdri', 'x'], "Unknown option '--outdri'"],
    [['destroy', '--auto-aprove'], "Unknown option '--auto-aprove'"],
    [['explain', '--outdir'], "Option '--outdir <value>' argument missing"],
    [['explain', 'stray'], "Unexpected argument 'stray'"],
    [['explain', '--port', 'rdp'], '--port "rdp" is not a port number'],
    [['diagram', '--format=png'], '--format "png" is not mermaid or svg'],
    [['retire'], 'name the stacks to retire'],
  ])('double-nat %j is a usage error (exit 2) that names the mistake', async (args, message) => {
    const result = await doubleNat(args as string[]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`usage: double-nat ${(args as string[])[0]}`);
    expect(result.stdout).toBe('');
  });

  test.concurrent('an unknown subcommand exits 2 and lists the commands', async () => {
    const result = await doubleNat(['explian']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "explian"');
    expect(result.stderr).toContain('  explain ');
  });

  test.concurrent.each(['synth', 'explain', 'diagram', 'check', 'approve', 'verify', 'rehearse', 'destroy', 'retire', 'e2e'])(
    'double-nat %s --help prints its usage and options, exit 0',
    async (name) => {
      const result = await doubleNat([name, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`usage: double-nat ${name}`);
      expect(result.stdout).toContain('-h, --help');
      expect(result.stdout).toContain('exit codes: 0 done, 1 the operation failed, 2 usage error');
    },
  );

  test.concurrent('a missing synth is an operation failure (exit 1) that says what to do', async () => {
    const result = await doubleNat(['explain', '--outdir', path.join(work, 'nothing')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('manifest.json does not exist: run `npx cdktf synth` first');
  });
});

describe("on another team's app (examples/outside-app: provider team and consumer team stacks)", () => {
  test.concurrent('explain follows the cross-stack alias, with --outdir=DIR and --outdir DIR alike', async () => {
    const [joined, separate] = await Promise.all([doubleNat(['explain', `--outdir=${outsideOut}`]), doubleNat(['explain', '--outdir', outsideOut])]);
    expect(joined.status).toBe(0);
    expect(joined.stdout).toBe(separate.stdout);
    expect(joined.stdout).toContain('Double NAT through pls-b (stack provider-team)');
    expect(joined.stdout).toContain('consumer-team → RDP (Tcp 3389 → 3389)');
    expect(joined.stdout).toContain('VM-B sees its peer as  10.1.1.4 (the NAT IP');
  });

  test.concurrent('diagram draws both teams', async () => {
    const mermaid = await doubleNat(['diagram', '--outdir', outsideOut]);
    expect(mermaid.status).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart LR/);
    expect(mermaid.stdout).toContain('consumer-team');
    const svgFile = path.join(work, 'outside.svg');
    const svg = await doubleNat(['diagram', '--outdir', outsideOut, '--format', 'svg', '--output', svgFile]);
    expect(svg.status).toBe(0);
    expect(fs.readFileSync(svgFile, 'utf8')).toMatch(/^<svg/);
  });

  test.concurrent('check finds the invariants hold', async () => {
    const result = await doubleNat(['check', '--outdir', outsideOut]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('double NAT invariants hold in consumer-team, provider-team');
  });

  test.concurrent("approve approves the consumer team's endpoint, which the app synthesized, and leaves a stranger pending", async () => {
    const providerSub = '22222222-2222-2222-2222-222222222222';
    const consumerEndpoint = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-consumer-team/providers/Microsoft.Network/privateEndpoints/pe-to-b';
    const stranger = '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-x/providers/Microsoft.Network/privateEndpoints/pe-x';
    const plsId = `/subscriptions/${providerSub}/resourceGroups/rg-provider-team/providers/Microsoft.Network/privateLinkServices/pls-b`;
    const connection = (name: string, id: string) => ({ name, id: `${plsId}/privateEndpointConnections/${name}`, privateEndpoint: { id }, privateLinkServiceConnectionState: { status: 'Pending' } });
    const state = path.join(work, 'pls.json');
    fs.writeFileSync(state, JSON.stringify({ id: plsId, resourceGroup: 'rg-provider-team', name: 'pls-b', privateEndpointConnections: [connection('team', consumerEndpoint), connection('stranger', stranger)] }));
    const result = await doubleNat(['approve', '--outdir', outsideOut], { AZ_COMMAND: path.join(root, 'scripts', 'fake-az.js'), FAKE_AZ_STATE: state });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`approved           ${consumerEndpoint}`);
    expect(result.stdout).toContain(`NOT approved       ${stranger}`);
    const after = JSON.parse(fs.readFileSync(state, 'utf8'));
    expect(after.privateEndpointConnections.map((c: any) => c.privateLinkServiceConnectionState.status)).toEqual(['Approved', 'Pending']);
  });
});

// The framework CLI of the flavour this suite runs on: under flavours/cdktn/jest.config.js `cdktf`
// resolves to CDK Terrain, whose own CLI (cdktn-cli, pinned there) is the reference.
const flavour: string = require('cdktf/package.json').name;
const frameworkCli = flavour === 'cdktn' ? path.join(root, 'flavours', 'cdktn', 'node_modules', '.bin', 'cdktn') : 'npx';
const frameworkArgs = flavour === 'cdktn' ? ['synth'] : ['cdktf', 'synth'];

test(`double-nat synth writes byte for byte what the ${flavour} CLI's synth writes (default configuration)`, async () => {
  const viaCli = path.join(work, 'cli', 'cdktf.out');
  const viaTool = path.join(work, 'tool', 'cdktf.out');
  fs.mkdirSync(path.dirname(viaCli));
  const [cli, ours] = await Promise.all([
    run(frameworkCli, [...frameworkArgs, '--output', viaCli], { cwd: root, env: env() }),
    doubleNat(['synth', '--output', viaTool]),
  ]);
  expect(cli.status).toBe(0);
  expect(ours.stderr).toBe('');
  expect(ours.status).toBe(0);
  expect(ours.stdout).toContain('synthesized double-nat-consumer, double-nat-provider');
  const expected = tree(viaCli);
  expect(Object.keys(expected)).toContain(path.join('stacks', 'double-nat-provider', 'cdk.tf.json'));
  expect(tree(viaTool)).toEqual(expected);
});

test('double-nat synth fails (exit 1) when the app command fails, and says which', async () => {
  const result = await doubleNat(['synth', '--app', 'node -e "process.exit(3)"', '--output', path.join(work, 'failed')]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('the app command failed (exit 3)');
});

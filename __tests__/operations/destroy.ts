/**
 * `npm run destroy`: consumers before their provider, and no provider destroy while a consumer's
 * state still holds an endpoint connected to its Private Link Service (Azure would fail it half-way).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DestroyRefusedError, planDestroy } from '../../lib/lifecycle/destroy-plan';
import { destroyInOrder } from '../../lib/lifecycle/destroy-stacks';
import { deployOrder, destroyOrder } from '../../lib/lifecycle/stack-order';
import { localStateFile, readManifest } from '../../lib/lifecycle/stack-state';
import { commandLine, stepCommand } from '../../lib/lifecycle/steps';
import { FakeDeployment, consumerResources, providerResources, tempProject, writeState } from '../helpers/fake-deployment';
import { runDoubleNat } from '../helpers/in-process';
import { synthesizeInto } from '../helpers/synth';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const second = { network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } };
const P = 'double-nat-provider';
const A = 'double-nat-team-a';
const B = 'double-nat-team-b';

/** team-a and team-b deployed, both connected to the provider's PLS. */
function deployed(backend?: object) {
  const project = tempProject(made);
  synthesizeInto({ backend: backend as never, consumers: [{ name: 'team-a' }, { name: 'team-b', ...second }] }, project.outdir);
  writeState(localStateFile(project.outdir, P), providerResources());
  writeState(localStateFile(project.outdir, A), consumerResources());
  writeState(localStateFile(project.outdir, B), consumerResources());
  return project;
}

test('stack order: the provider deploys first and is destroyed last, whatever order is asked for', () => {
  const stacks = [
    { name: A, dependencies: [P] },
    { name: P, dependencies: [] },
    { name: B, dependencies: [P] },
  ];
  expect(deployOrder(stacks, [A, P, B])).toEqual([P, A, B]);
  expect(destroyOrder(stacks, [P, A, B])).toEqual([B, A, P]);
  expect(() => deployOrder([{ name: 'x', dependencies: ['y'] }, { name: 'y', dependencies: ['x'] }], ['x', 'y'])).toThrow('cycle');
});

describe('the provider destroy guard', () => {
  test('refuses the provider alone while consumers hold connected endpoints, naming the command that works', () => {
    const { outdir } = deployed();
    const plan = planDestroy(outdir, [P]);
    expect(plan.blockers.map((b) => b.by)).toEqual([A, B]);
    const message = new DestroyRefusedError(plan, readManifest(outdir).map((s) => s.name)).message;
    expect(message).toContain(`${P}: ${A} first: its state holds the private endpoint pe-a, connected to ${P}'s Private Link Service`);
    expect(message).toContain(`npm run destroy -- ${A} ${B} ${P}`);
  });

  test('with its consumers in the same destroy, consumers go first and nothing blocks', () => {
    const { outdir } = deployed();
    expect(planDestroy(outdir, [P, A, B])).toEqual({ order: [B, A, P], blockers: [], unknown: [] });
    expect(planDestroy(outdir, [])).toEqual({ order: [B, A, P], blockers: [], unknown: [] });
  });

  test('consumers already destroyed (empty state) do not block', () => {
    const { outdir } = deployed();
    writeState(localStateFile(outdir, A), []);
    writeState(localStateFile(outdir, B), []);
    expect(planDestroy(outdir, [P]).blockers).toEqual([]);
  });

  test('a consumer gone from the configuration still blocks when its endpoint is connected by alias', () => {
    const { outdir } = deployed();
    writeState(localStateFile(outdir, 'double-nat-old'), consumerResources());
    writeState(localStateFile(outdir, 'double-nat-elsewhere'), consumerResources('other.11111111-1111-1111-1111-111111111111.westeurope.azure.privatelinkservice'));
    const plan = planDestroy(outdir, [P, A, B]);
    expect(plan.blockers.map((b) => b.by)).toEqual(['double-nat-old']);
    expect(new DestroyRefusedError(plan, [P, A, B]).message).toContain('double-nat-old is no longer in cdktf.out: put it back in the configuration');
  });

  test('a consumer with remote state blocks unless it is destroyed first in the same command', () => {
    const { outdir } = deployed({ type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate' });
    expect(planDestroy(outdir, [P]).blockers.map((b) => [b.by, b.reason])).toEqual([
      [A, `its state is in the azurerm backend, which cannot be read offline; it may hold a private endpoint connected to ${P}`],
      [B, `its state is in the azurerm backend, which cannot be read offline; it may hold a private endpoint connected to ${P}`],
    ]);
    expect(planDestroy(outdir, [A, B, P]).blockers).toEqual([]);
  });

  test('an unknown stack is named', () => {
    const { outdir } = deployed();
    expect(planDestroy(outdir, ['double-nat-typo']).unknown).toEqual(['double-nat-typo']);
  });
});

describe('a state file that cannot be read blocks the destroy (fail closed)', () => {
  /** A state cut off half-way, as an interrupted write leaves it. */
  const truncate = (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40));
  // Were the guard to let it through, PATH holds no command to run: fail loudly instead.
  const runDestroy = (outdir: string, stacks: string[]) => runDoubleNat(['destroy', ...stacks, '--outdir', outdir], { PATH: '/nonexistent' });

  test('a truncated consumer state blocks the provider destroy, naming the file and what to do', async () => {
    const { outdir } = deployed();
    truncate(localStateFile(outdir, A));
    const plan = planDestroy(outdir, [P]);
    expect(plan.blockers.map((b) => [b.by, b.unreadableState])).toEqual([
      [A, localStateFile(outdir, A)],
      [B, undefined],
    ]);
    const run = await runDestroy(outdir, [P]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refused, nothing was destroyed');
    expect(run.stderr).toContain(`the state file ${localStateFile(outdir, A)} of ${A} cannot be read or parsed`);
    expect(run.stderr).toContain(`Repair ${localStateFile(outdir, A)} before destroying anything`);
    expect(run.stderr).toContain(`${localStateFile(outdir, A)}.backup`);
  });

  test('an empty or non-state consumer file blocks too', () => {
    for (const content of ['', '[]', '{"resources": 3}', 'null']) {
      const { outdir } = deployed();
      fs.writeFileSync(localStateFile(outdir, B), content);
      expect(planDestroy(outdir, [P]).blockers.find((b) => b.by === B)?.unreadableState).toBe(localStateFile(outdir, B));
    }
  });

  test('a corrupt provider state blocks its own destroy, even with its consumers destroyed first', async () => {
    const { outdir } = deployed();
    writeState(localStateFile(outdir, A), []);
    writeState(localStateFile(outdir, B), []);
    fs.writeFileSync(localStateFile(outdir, P), '{"version": 4, "resources": [{"mode": "managed", "type": "azurerm_priv');
    const plan = planDestroy(outdir, [P]);
    expect(plan.blockers).toEqual([expect.objectContaining({ stack: P, by: P, unreadableState: localStateFile(outdir, P) })]);
    const run = await runDestroy(outdir, [P]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the state file ${localStateFile(outdir, P)} of ${P} cannot be read or parsed`);
    expect(run.stderr).not.toContain('Destroy the consumers first');
  });

  test('a corrupt manifest stops npm run destroy with the file named, not a stack trace', async () => {
    const { outdir } = deployed();
    fs.writeFileSync(path.join(outdir, 'manifest.json'), '{"stacks": {');
    const run = await runDestroy(outdir, [P]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.join(outdir, 'manifest.json')} cannot be read or parsed`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('the e2e cleanup (destroyInOrder) leaves a provider whose consumer state is corrupt, and says why', async () => {
    const { outdir } = deployed();
    const fake = new FakeDeployment(outdir, undefined);
    // B is destroyed first; A's state is cut off after that.
    truncate(localStateFile(outdir, A));
    const outcome = await destroyInOrder(outdir, [P, B], fake, () => undefined);
    expect(fake.steps).toEqual([`destroy ${B}`]);
    expect(outcome.left).toEqual([{ stack: P, why: expect.stringContaining(`the state file ${localStateFile(outdir, A)} of ${A} cannot be read or parsed`) }]);
  });
});

describe('destroying in order', () => {
  test('a failed consumer does not stop the others, and its provider is left, with why', async () => {
    const { outdir } = deployed();
    const fake = new FakeDeployment(outdir, undefined, [`destroy ${B}`]);
    const outcome = await destroyInOrder(outdir, [P, A, B], fake, () => undefined);
    expect(fake.steps).toEqual([`destroy ${B}`, `destroy ${A}`]);
    expect(outcome.destroyed).toEqual([A]);
    expect(outcome.left).toEqual([
      { stack: B, why: `its destroy failed: destroy ${B} failed (fake)` },
      { stack: P, why: expect.stringContaining(`not destroyed: ${B} is still there (its state holds the private endpoint pe-a`) },
    ]);
  });
});

test('deploy and destroy commands reuse the synthesized folder, one stack at a time', () => {
  const command = stepCommand({ kind: 'destroy', stack: A }, { outdir: '.e2e/run 1/cdktf.out', configFile: 'x.json', autoApprove: true });
  expect(commandLine(command)).toBe(
    `DOUBLE_NAT_CONFIG=x.json cdktf destroy ${A} --skip-synth --output '.e2e/run 1/cdktf.out' --ignore-missing-stack-dependencies --auto-approve`,
  );
  expect(stepCommand({ kind: 'verify' }, { outdir: 'out' }).args).toEqual(['run', '--silent', 'verify', '--', '--outdir', 'out']);
});

test('npm run destroy refuses before running anything', async () => {
  const { outdir } = deployed();
  // Were the guard to let it through, PATH holds no command to run: fail loudly instead.
  const run = await runDoubleNat(['destroy', P, '--outdir', outdir], { PATH: '/nonexistent' });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('refused, nothing was destroyed');
  expect(run.stderr).toContain(`npm run destroy -- ${A} ${B} ${P}`);
});

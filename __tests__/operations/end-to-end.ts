/**
 * `npm run e2e` against a fake cdktf/npm (no Azure here): what it runs in which order, under which
 * names, and what it cleans up after a failure. Synth is real, so the run's names pass every check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { RUN_TAG, newRunId, renderReport, runConfig, runEndToEnd, runPaths } from '../../lib/lifecycle/end-to-end';
import { localStateFile, readLocalState } from '../../lib/lifecycle/stack-state';
import { StepExecutor } from '../../lib/lifecycle/steps';
import { FakeDeployment, consumerResources, providerResources, tempProject, writeState } from '../helpers/fake-deployment';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const RUN = 'e2eabc123';
const P = `double-nat-provider-${RUN}`;
const A = `double-nat-team-a-${RUN}`;
const B = `double-nat-team-b-${RUN}`;
const twoConsumers: DoubleNatConfig = {
  consumers: [{ name: 'team-a' }, { name: 'team-b', network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } }],
};

async function run(config: DoubleNatConfig, failing: string[] = []) {
  const { root } = tempProject(made);
  const runDir = path.join(root, '.e2e', RUN);
  const paths = runPaths(runDir);
  const fake = new FakeDeployment(paths.outdir, paths.configFile, failing);
  const report = await runEndToEnd({ config, runId: RUN, runDir, executor: fake, log: () => undefined });
  return { root, runDir, paths, fake, report };
}

test('a clean run: synth, provider, consumers, verify, then consumers destroyed before the provider; nothing left', async () => {
  const { fake, report, runDir } = await run(twoConsumers);
  expect(fake.steps).toEqual(['synth', `deploy ${P}`, `deploy ${A}`, `deploy ${B}`, 'verify', `destroy ${B}`, `destroy ${A}`, `destroy ${P}`]);
  expect(report).toEqual({ passed: true, failure: undefined, leftovers: [] });
  expect(fs.existsSync(runDir)).toBe(false);
  expect(renderReport(report, RUN)).toContain('PASS (deployed, verified, destroyed)');
});

test('a failed verify still destroys everything, and the run fails', async () => {
  const { fake, report } = await run(twoConsumers, ['verify']);
  expect(fake.steps.slice(-3)).toEqual([`destroy ${B}`, `destroy ${A}`, `destroy ${P}`]);
  expect(report.passed).toBe(false);
  expect(report.failure).toBe('verify: verify failed (fake)');
  expect(report.leftovers).toEqual([]);
});

test('a failed deploy stops deploying, destroys what was attempted (the failed stack too) and touches nothing else', async () => {
  const { fake, report } = await run(twoConsumers, [`deploy ${A}`]);
  expect(fake.steps).toEqual(['synth', `deploy ${P}`, `deploy ${A}`, `destroy ${A}`, `destroy ${P}`]);
  expect(report.failure).toBe(`deploy ${A}: deploy ${A} failed (fake)`);
  expect(report.leftovers).toEqual([]);
});

test('a failed consumer destroy leaves the provider standing and says how to finish by hand', async () => {
  const { fake, report, runDir, paths } = await run(twoConsumers, [`destroy ${A}`]);
  expect(fake.steps.slice(-2)).toEqual([`destroy ${B}`, `destroy ${A}`]);
  expect(report.passed).toBe(false);
  expect(report.leftovers.map((l) => [l.stack, l.resourceGroup])).toEqual([
    [A, `rg-${A}`],
    [P, `rg-${P}`],
  ]);
  expect(report.cleanupCommand).toBe(`npm run destroy -- ${A} ${P} --outdir ${paths.outdir}`);
  const text = renderReport(report, RUN);
  expect(text).toContain('Could NOT clean up 2 stacks');
  expect(text).toContain(`${P} (resource group rg-${P}): not destroyed: ${A} is still there`);
  expect(text).toContain(`az group delete --name rg-${A} --yes`);
  expect(text).toContain(`az resource list --tag '${RUN_TAG}=${RUN}' -o table`);
  // The run's files stay for the commands above.
  expect(fs.existsSync(paths.configFile)).toBe(true);
  expect(readLocalState(localStateFile(path.join(runDir, 'cdktf.out'), A)).resources.length).toBeGreaterThan(0);
});

test('an interrupt stops deploying and still destroys what was deployed', async () => {
  const { root } = tempProject(made);
  const runDir = path.join(root, '.e2e', RUN);
  const paths = runPaths(runDir);
  const interrupt = new AbortController();
  const fake = new FakeDeployment(paths.outdir, paths.configFile);
  const executor: StepExecutor = {
    run: async (step) => {
      await fake.run(step);
      if (step.kind === 'deploy' && step.stack === A) interrupt.abort();
    },
  };
  const report = await runEndToEnd({ config: twoConsumers, runId: RUN, runDir, executor, log: () => undefined, signal: interrupt.signal });
  expect(fake.steps).toEqual(['synth', `deploy ${P}`, `deploy ${A}`, `destroy ${A}`, `destroy ${P}`]);
  expect(report).toMatchObject({ passed: false, failure: `interrupted during deploy ${A}`, leftovers: [] });
});

test('a failed synth deploys and destroys nothing', async () => {
  const { fake, report } = await run({ consumers: [{ name: 'x'.repeat(40) }] });
  expect(fake.steps).toEqual(['synth']);
  expect(report.passed).toBe(false);
  expect(report.failure).toContain('invalid setting');
});

test('manual-approval consumers are approved (by the approval step) after they deploy and before verify', async () => {
  const config: DoubleNatConfig = { consumers: [{ name: 'team-a', privateEndpoint: { manualApproval: true } }] };
  const { fake } = await run(config);
  expect(fake.steps.slice(0, 5)).toEqual(['synth', `deploy ${P}`, `deploy ${A}`, 'approve', 'verify']);
});

test('the run never touches a deployment that is not its own', async () => {
  // The same configuration deployed for real from the project root: its state is beside the project's cdktf.out.
  const { root } = tempProject(made);
  const own = path.join(root, 'cdktf.out');
  writeState(localStateFile(own, 'double-nat-provider'), providerResources());
  writeState(localStateFile(own, 'double-nat-team-a'), consumerResources());
  const before = fs.readFileSync(localStateFile(own, 'double-nat-team-a'), 'utf8');
  const runDir = path.join(root, '.e2e', RUN);
  const paths = runPaths(runDir);
  const fake = new FakeDeployment(paths.outdir, paths.configFile, ['verify']);
  await runEndToEnd({ config: twoConsumers, runId: RUN, runDir, executor: fake, log: () => undefined });
  for (const step of fake.steps.filter((s) => /^(deploy|destroy) /.test(s))) expect(step.endsWith(`-${RUN}`)).toBe(true);
  expect(fs.readFileSync(localStateFile(own, 'double-nat-team-a'), 'utf8')).toBe(before);
});

describe('the run configuration', () => {
  const derived = runConfig(
    {
      backend: { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate' },
      provider: { resourceGroupName: 'rg-shared', tags: { owner: 'net' } },
      consumers: [{ name: 'team-a' }, { resourceGroupName: 'rg-app' }],
    },
    RUN,
  );

  test('every stack, resource group and resource carries the run id; state stays in the run folder', () => {
    expect(derived.backend).toEqual({ type: 'local' });
    expect(derived.provider).toMatchObject({ stackName: P, resourceGroupName: `rg-shared-${RUN}`, tags: { owner: 'net', [RUN_TAG]: RUN } });
    expect(derived.consumers?.map((c) => [c.name, c.resourceGroupName, c.tags?.[RUN_TAG]])).toEqual([
      [`team-a-${RUN}`, undefined, RUN],
      [`consumer-${RUN}`, `rg-app-${RUN}`, RUN],
    ]);
    expect(path.relative('.e2e/x', runPaths('.e2e/x').outdir)).toBe('cdktf.out');
  });

  test('run ids fit every name they are appended to', () => {
    const id = newRunId();
    expect(id).toMatch(/^e2e[a-z0-9]{6}$/);
    expect(newRunId(() => 0.999)).toBe('e2ezzzzzz');
  });
});

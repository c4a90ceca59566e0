/**
 * Removing or renaming a consumer: synth refuses while the dropped stack is still deployed (its
 * folder in cdktf.out is the last way to destroy it) and leaves cdktf.out as it was; otherwise it
 * removes the stale folder. `npm run retire` destroys such a stack and lets synth through.
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { DestroyRefusedError } from '../../lib/lifecycle/destroy-plan';
import { RetireFirstError } from '../../lib/lifecycle/retired-stacks';
import { RetireError, retireStack } from '../../lib/lifecycle/retire';
import { localStateFile, readManifest, stackFolders } from '../../lib/lifecycle/stack-state';
import { FakeDeployment, consumerResources, providerResources, tempProject, tree, writeState } from '../helpers/fake-deployment';
import { runDoubleNat, runMain } from '../helpers/in-process';
import { synthesizeInto } from '../helpers/synth';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const second = { network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } };
const twoConsumers: DoubleNatConfig = { consumers: [{ name: 'team-a' }, { name: 'team-b', ...second }] };
const onlyTeamA: DoubleNatConfig = { consumers: [{ name: 'team-a' }] };
const renamedTeamB: DoubleNatConfig = { consumers: [{ name: 'team-a' }, { name: 'team-c', ...second }] };

/** A project synthesized with team-a and team-b, whose team-b stack state holds `resources` (none: no file). */
function deployedProject(teamB?: Parameters<typeof writeState>[1]) {
  const project = tempProject(made);
  synthesizeInto(twoConsumers, project.outdir);
  writeState(localStateFile(project.outdir, 'double-nat-provider'), providerResources());
  writeState(localStateFile(project.outdir, 'double-nat-team-a'), consumerResources());
  if (teamB) writeState(localStateFile(project.outdir, 'double-nat-team-b'), teamB);
  return project;
}

describe('synth refuses to orphan a deployed consumer', () => {
  test.each([
    ['removed', onlyTeamA],
    ['renamed', renamedTeamB],
  ])('%s consumer whose state holds resources: one error with the steps, cdktf.out as it was', (_case, config) => {
    const { root, outdir } = deployedProject(consumerResources());
    const before = tree(root);
    let error: unknown;
    try {
      synthesizeDoubleNat({ config, outdir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RetireFirstError);
    const message = (error as Error).message;
    expect(message).toContain('1 stack is gone from the configuration but may still be deployed; nothing was written');
    expect(message).toContain('double-nat-team-b: its state terraform.double-nat-team-b.tfstate holds 3 resources (azurerm_private_endpoint, azurerm_virtual_network, azurerm_windows_virtual_machine)');
    expect(message).toContain('npm run retire -- double-nat-team-b');
    expect(message).not.toContain('double-nat-team-a:');
    expect(tree(root)).toEqual(before);
  });

  test('also when cdktf.out was deleted: the state file beside it is enough', () => {
    const { outdir } = deployedProject(consumerResources());
    fs.rmSync(outdir, { recursive: true });
    expect(() => synthesizeDoubleNat({ config: onlyTeamA, outdir })).toThrow(
      /double-nat-team-b has no folder in cdktf.out any more: put it back in the configuration[\s\S]*npm run destroy -- double-nat-team-b/,
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a state that cannot be read counts as deployed', () => {
    const { outdir } = deployedProject();
    fs.writeFileSync(localStateFile(outdir, 'double-nat-team-b'), '{ not json');
    expect(() => synthesizeDoubleNat({ config: onlyTeamA, outdir })).toThrow('terraform.double-nat-team-b.tfstate could not be read, so it may hold resources');
  });

  test('a renamed provider is caught like a consumer', () => {
    const { outdir } = deployedProject();
    expect(() => synthesizeDoubleNat({ config: { ...twoConsumers, provider: { stackName: 'double-nat-service' } }, outdir })).toThrow(
      /double-nat-provider: its state terraform.double-nat-provider.tfstate holds 2 resources/,
    );
  });

  test('remote state: a dropped stack whose folder is still in cdktf.out is refused, since synth cannot read its state', () => {
    const project = tempProject(made);
    const backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate' } as const;
    synthesizeInto({ ...twoConsumers, backend }, project.outdir);
    expect(() => synthesizeDoubleNat({ config: { ...onlyTeamA, backend }, outdir: project.outdir })).toThrow(
      'double-nat-team-b: its state is in the azurerm backend, which synth cannot read',
    );
  });
});

describe('a dropped stack that holds nothing: synth goes on and cdktf.out matches the manifest', () => {
  test.each([
    ['no state file', undefined],
    ['an emptied state (after destroy)', []],
    ['only data sources in the state', [{ type: 'terraform_remote_state', name: 'provider', mode: 'data' as const }]],
  ])('%s', (_case, teamB) => {
    const { outdir } = deployedProject(teamB);
    synthesizeDoubleNat({ config: renamedTeamB, outdir });
    const listed = readManifest(outdir).map((s) => s.name).sort();
    expect(listed).toEqual(['double-nat-provider', 'double-nat-team-a', 'double-nat-team-c']);
    expect(stackFolders(outdir).sort()).toEqual(listed);
  });
});

describe('npm run retire', () => {
  test('destroys the dropped stack from its folder, forgets it, and synth goes through', async () => {
    const { outdir } = deployedProject(consumerResources());
    const fake = new FakeDeployment(outdir, undefined);
    const lines: string[] = [];
    await retireStack(outdir, 'double-nat-team-b', ['double-nat-provider', 'double-nat-team-a'], fake, (l) => lines.push(l));
    expect(fake.steps).toEqual(['destroy double-nat-team-b']);
    expect(stackFolders(outdir)).not.toContain('double-nat-team-b');
    expect(readManifest(outdir).map((s) => s.name)).not.toContain('double-nat-team-b');
    expect(lines.join('\n')).toContain('double-nat-team-b retired: destroyed');
    synthesizeDoubleNat({ config: onlyTeamA, outdir });
    expect(stackFolders(outdir).sort()).toEqual(['double-nat-provider', 'double-nat-team-a']);
  });

  test('a stack whose local state holds nothing is only forgotten, without running Terraform', async () => {
    const { outdir } = deployedProject([]);
    const fake = new FakeDeployment(outdir, undefined);
    expect(await retireStack(outdir, 'double-nat-team-b', [], fake, () => undefined)).toEqual({ destroyed: false });
    expect(fake.steps).toEqual([]);
  });

  test('a failed destroy keeps the folder, to try again', async () => {
    const { outdir } = deployedProject(consumerResources());
    const fake = new FakeDeployment(outdir, undefined, ['destroy double-nat-team-b']);
    await expect(retireStack(outdir, 'double-nat-team-b', [], fake, () => undefined)).rejects.toThrow(
      'double-nat-team-b was not retired: its destroy failed: destroy double-nat-team-b failed (fake)',
    );
    expect(stackFolders(outdir)).toContain('double-nat-team-b');
  });

  test('refuses a stack still in the configuration, one cdktf.out does not hold, and a provider with connected consumers', async () => {
    const { outdir } = deployedProject(consumerResources());
    const fake = new FakeDeployment(outdir, undefined);
    await expect(retireStack(outdir, 'double-nat-team-a', ['double-nat-team-a'], fake, () => undefined)).rejects.toThrow(RetireError);
    await expect(retireStack(outdir, 'double-nat-nobody', [], fake, () => undefined)).rejects.toThrow('double-nat-nobody: not a stack of cdktf.out/manifest.json');
    await expect(retireStack(outdir, 'double-nat-provider', [], fake, () => undefined)).rejects.toThrow(DestroyRefusedError);
    expect(fake.steps).toEqual([]);
  });
});

describe('npm run retire refuses while a state file cannot be read', () => {
  test('a truncated consumer state blocks retiring the provider', async () => {
    const { outdir } = deployedProject([]);
    const file = localStateFile(outdir, 'double-nat-team-a');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 30));
    const fake = new FakeDeployment(outdir, undefined);
    await expect(retireStack(outdir, 'double-nat-provider', [], fake, () => undefined)).rejects.toThrow(
      `the state file ${file} of double-nat-team-a cannot be read or parsed`,
    );
    expect(fake.steps).toEqual([]);
    expect(stackFolders(outdir)).toContain('double-nat-provider');
  });

  test("a dropped stack whose own state is corrupt is not destroyed nor forgotten, and the script exits 1 naming the file", async () => {
    const { root, outdir } = deployedProject(consumerResources());
    const file = localStateFile(outdir, 'double-nat-team-b');
    fs.writeFileSync(file, '{"version": 4, "resources": [');
    const config = path.join(root, 'config.json');
    fs.writeFileSync(config, JSON.stringify(onlyTeamA));
    // Were the guard to let it through, PATH holds no command to run: fail loudly instead.
    const run = await runDoubleNat(['retire', 'double-nat-team-b', '--outdir', outdir], { DOUBLE_NAT_CONFIG: config, PATH: '/nonexistent' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the state file ${file} of double-nat-team-b cannot be read or parsed`);
    expect(run.stderr).toContain(`Repair ${file} before destroying anything`);
    expect(stackFolders(outdir)).toContain('double-nat-team-b');
  });
});

test('cdktf synth (main.ts) prints the refusal without a stack trace and exits 1', () => {
  const { root, outdir } = deployedProject(consumerResources());
  const file = path.join(root, 'config.json');
  fs.writeFileSync(file, JSON.stringify(onlyTeamA));
  const run = runMain({ DOUBLE_NAT_CONFIG: file, CDKTF_OUTDIR: outdir });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('npm run retire -- double-nat-team-b');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

/**
 * A fake of what `cdktf deploy`/`destroy` leave behind: Terraform state files (format version 4)
 * with the resources that matter to the lifecycle checks, and a step executor that writes them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LifecycleStep, StepError, StepExecutor } from '../../lib/lifecycle/steps';
import { stateLocation } from '../../lib/lifecycle/stack-state';
import { readStacks, resourcesOfType } from '../../lib/synth/stack-json';
import { synthesizeInto } from './synth';

export const PLS_ALIAS = 'pls-b.00000000-0000-0000-0000-000000000000.japaneast.azure.privatelinkservice';

export type FakeResource = { type: string; name: string; attributes?: Record<string, unknown>; mode?: 'managed' | 'data' };

/** Writes a Terraform state file holding `resources`. */
export function writeState(file: string, resources: FakeResource[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const state = {
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: 'test',
    outputs: {},
    resources: resources.map((r) => ({
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      provider: 'provider["registry.terraform.io/hashicorp/azurerm"]',
      instances: [{ schema_version: 0, attributes: r.attributes ?? {} }],
    })),
  };
  fs.writeFileSync(file, JSON.stringify(state));
}

/** What a deployed provider's state holds (the part the checks read). */
export function providerResources(alias = PLS_ALIAS): FakeResource[] {
  return [
    { type: 'azurerm_resource_group', name: 'resource-group' },
    { type: 'azurerm_private_link_service', name: 'pls', attributes: { name: 'pls-b', alias, id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateLinkServices/pls-b' } },
  ];
}

/** What a deployed consumer's state holds: its VNet, VM-A and the endpoint connected to `alias`. */
export function consumerResources(alias = PLS_ALIAS): FakeResource[] {
  return [
    { type: 'azurerm_virtual_network', name: 'vnet' },
    { type: 'azurerm_windows_virtual_machine', name: 'vm' },
    {
      type: 'azurerm_private_endpoint',
      name: 'pe',
      attributes: { name: 'pe-a', private_service_connection: [{ name: 'conn', private_connection_resource_alias: alias, is_manual_connection: false }] },
    },
    { type: 'terraform_remote_state', name: 'provider', mode: 'data' },
  ];
}

/** A project folder in the system's temporary folder: `outdir` is its cdktf.out, state files go beside it. */
export function tempProject(made: string[]): { root: string; outdir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-lifecycle-'));
  made.push(root);
  return { root, outdir: path.join(root, 'cdktf.out') };
}

/** Every file under `dir` with its content, to show that a refused synth changed nothing. */
export function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return files;
}

/**
 * Plays cdktf and npm against an outdir: synth really synthesizes (the configuration file named in
 * the env of the step, as the CLI would read it), deploy writes a state with resources, destroy
 * empties it. Steps listed in `failing` throw a StepError; destroy of a failing stack leaves its state.
 */
export class FakeDeployment implements StepExecutor {
  readonly steps: string[] = [];

  constructor(
    private readonly outdir: string,
    private readonly configFile: string | undefined,
    private readonly failing: string[] = [],
  ) {}

  async run(step: LifecycleStep): Promise<void> {
    const label = 'stack' in step ? `${step.kind} ${step.stack}` : step.kind;
    this.steps.push(label);
    if (this.failing.includes(label)) throw new StepError(step, `${label} failed (fake)`);
    if (step.kind === 'synth') {
      const config = this.configFile ? JSON.parse(fs.readFileSync(this.configFile, 'utf8')) : {};
      synthesizeInto(config, this.outdir);
    }
    if (step.kind === 'deploy' || step.kind === 'destroy') {
      const location = stateLocation(this.outdir, step.stack);
      if (location.kind !== 'local') throw new Error('the fake keeps local state only');
      const isProvider = resourcesOfType(readStacks(this.outdir)[step.stack], 'azurerm_private_endpoint').length === 0;
      writeState(location.file, step.kind === 'destroy' ? [] : isProvider ? providerResources() : consumerResources());
    }
  }
}

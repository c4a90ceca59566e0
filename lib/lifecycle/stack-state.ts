/**
 * What `cdktf.out` and the Terraform state say about each stack: which stacks were synthesized, in
 * what order they depend on each other, where their state is and what it still holds. Shared by the
 * retire check of synth, the guarded destroy and the end-to-end run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { localStatePath } from '../stacks/local-state-path';
import { toolCommand } from '../shell/tool-command';
import { manifestFile, readManifestStacks } from '../synth/stack-json';

export { manifestFile };

/** A stack as the manifest of a synthesized app lists it. */
export interface SynthesizedStack {
  readonly name: string;
  /** Stacks it reads outputs from (a consumer: the provider); they deploy before it and are destroyed after it. */
  readonly dependencies: string[];
}

/** Where a stack's state is: a local file, or a backend that only Terraform (signed in) can read. */
export type StateLocation = { readonly kind: 'local'; readonly file: string } | { readonly kind: 'remote'; readonly backend: string };

/** A managed resource recorded in a state (data sources are not: there is nothing to destroy). */
export interface DeployedResource {
  readonly type: string;
  readonly name: string;
  /** The attributes of its first instance. */
  readonly attributes: Record<string, unknown>;
}

export interface StackState {
  readonly resources: DeployedResource[];
  /** The file exists but could not be read as a Terraform state; counted as holding resources. */
  readonly unreadable?: boolean;
  /** Why it could not be read (the parser's or file system's error). */
  readonly problem?: string;
}

export function stackFolder(outdir: string, stack: string): string {
  return path.join(outdir, 'stacks', stack);
}

/** A JSON file of cdktf.out; one that cannot be parsed stops the command with its name and `fix` (fail closed). */
function readJson(file: string, fix: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read or parsed (${error instanceof Error ? error.message : String(error)}): ${fix}; nothing was changed`);
  }
}

/** The stacks of the last successful synth into `outdir`; none when there was none. */
export function readManifest(outdir: string): SynthesizedStack[] {
  return (readManifestStacks(outdir) ?? []).map(({ name, dependencies }) => ({ name, dependencies }));
}

/** The local state file the app gives a stack (see `localStatePath`), as an absolute path. */
export function localStateFile(outdir: string, stack: string): string {
  return path.resolve(stackFolder(outdir, stack), localStatePath(stack));
}

/**
 * Where a stack keeps its state, read from its synthesized JSON; a stack whose folder is gone is
 * assumed to have had the default local backend (whose file is then looked for).
 */
export function stateLocation(outdir: string, stack: string): StateLocation {
  const json = path.join(stackFolder(outdir, stack), 'cdk.tf.json');
  if (!fs.existsSync(json)) return { kind: 'local', file: localStateFile(outdir, stack) };
  const terraform = (readJson(json, `run ${toolCommand('synth')} again to rewrite it`) as { terraform?: { backend?: Record<string, { path?: string }>; cloud?: unknown } }).terraform ?? {};
  if (terraform.cloud) return { kind: 'remote', backend: 'HCP Terraform (cloud)' };
  const [type, settings] = Object.entries(terraform.backend ?? {})[0] ?? ['local', {}];
  if (type !== 'local') return { kind: 'remote', backend: type };
  return { kind: 'local', file: path.resolve(stackFolder(outdir, stack), settings.path ?? `terraform.${stack}.tfstate`) };
}

/**
 * What a local state file holds; an absent file holds nothing. A file that exists but is empty,
 * truncated or not a Terraform state (an interrupted write) is `unreadable`: it may record deployed
 * resources, so every guard treats it as holding some (fail closed).
 */
export function readLocalState(file: string): StackState {
  if (!fs.existsSync(file)) return { resources: [] };
  let state: { resources?: unknown };
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { resources: [], unreadable: true, problem: error instanceof Error ? error.message : String(error) };
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state) || (state.resources !== undefined && !Array.isArray(state.resources))) {
    return { resources: [], unreadable: true, problem: 'not a Terraform state (a JSON object with a "resources" list)' };
  }
  const resources = ((state.resources ?? []) as { mode?: string; type?: string; name?: string; instances?: { attributes?: Record<string, unknown> }[] }[])
    // Terraform drops a resource from the state when its last instance is destroyed.
    .filter((r) => typeof r === 'object' && r !== null && r.mode === 'managed' && (r.instances ?? []).length > 0)
    .map((r) => ({ type: r.type ?? '?', name: r.name ?? '?', attributes: r.instances?.[0]?.attributes ?? {} }));
  return { resources };
}

export function holdsResources(state: StackState): boolean {
  return state.unreadable === true || state.resources.length > 0;
}

/** "12 resources (azurerm_private_endpoint, azurerm_virtual_network, ...)", or why it is unknown. */
export function describeState(state: StackState): string {
  if (state.unreadable) return `could not be read, so it may hold resources (${state.problem ?? 'unknown problem'})`;
  const types = [...new Set(state.resources.map((r) => r.type))].sort();
  const shown = types.length > 4 ? `${types.slice(0, 4).join(', ')}, ...` : types.join(', ');
  return `holds ${state.resources.length} resource${state.resources.length === 1 ? '' : 's'} (${shown})`;
}

/**
 * Stacks that have a local state file beside `outdir` (the project root), found by file name, so
 * they are found even when `cdktf.out` was deleted.
 */
export function localStateStacks(outdir: string): string[] {
  const dir = path.dirname(localStateFile(outdir, 'any'));
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((file) => ({ file, stack: /^terraform\.(.+)\.tfstate$/.exec(file)?.[1] }))
    .filter(({ file, stack }) => stack !== undefined && localStateFile(outdir, stack) === path.join(dir, file))
    .map(({ stack }) => stack as string);
}

/** Folders under <outdir>/stacks. */
export function stackFolders(outdir: string): string[] {
  const dir = path.join(outdir, 'stacks');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

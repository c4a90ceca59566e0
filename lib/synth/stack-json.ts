/**
 * The one reader of synthesized stacks (cdktf.out) that every tool and test uses: the manifest,
 * each stack's cdk.tf.json, and the "${type.name.attribute}" references between resources. The
 * output of CDKTF and of CDK Terrain has the same layout, so both read alike.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toolCommand } from '../shell/tool-command';

/** A synthesized stack: its cdk.tf.json, parsed. */
export type StackJson = {
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: Record<string, any>;
  variable?: Record<string, any>;
  [key: string]: unknown;
};

/** Every stack of a synth, by name (loosely typed: callers index into outputs they know). */
export type Stacks = Record<string, Record<string, any>>;

/** A stack as the manifest lists it. */
export interface ManifestStack {
  readonly name: string;
  /** Relative to the output folder: stacks/<name>/cdk.tf.json. */
  readonly synthesizedStackPath: string;
  /** Stacks it reads outputs from; they deploy before it. */
  readonly dependencies: string[];
}

/** Thrown when the synthesized output is missing or does not hold a double NAT. */
export class SynthReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthReadError';
  }
}

export function manifestFile(outdir: string): string {
  return path.join(outdir, 'manifest.json');
}

/** The stacks the manifest of `outdir` lists; undefined when there is no manifest (no synth yet). */
export function readManifestStacks(outdir: string): ManifestStack[] | undefined {
  const file = manifestFile(outdir);
  if (!fs.existsSync(file)) return undefined;
  const manifest = readSynthJson(file) as { stacks?: Record<string, { synthesizedStackPath?: string; dependencies?: string[] }> };
  return Object.entries(manifest.stacks ?? {}).map(([name, stack]) => ({
    name,
    synthesizedStackPath: stack.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json'),
    dependencies: stack.dependencies ?? [],
  }));
}

/** Reads every stack of a synth output folder, in the manifest's order. */
export function readStacks(outdir: string): Stacks {
  const stacks = readManifestStacks(outdir);
  if (!stacks) throw new SynthReadError(`${manifestFile(outdir)} does not exist: run \`${toolCommand('synth')}\` first`);
  return Object.fromEntries(stacks.map((stack) => [stack.name, readSynthJson(path.join(outdir, stack.synthesizedStackPath)) as Stacks[string]]));
}

/** What a "${type.name.attribute}" reference points to. */
export interface Reference {
  readonly type: string;
  /** The resource's key in the stack (its friendly unique id). */
  readonly key: string;
  readonly attribute: string;
  /** The resource's synthesized attributes; undefined when the stack has no such resource. */
  readonly resource: Record<string, any> | undefined;
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([^}]+)\}$/;

/** The resource a whole-value reference names in `stack`; undefined for a literal or an expression. */
export function resolveReference(stack: { resource?: StackJson['resource'] }, value: unknown): Reference | undefined {
  const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
  if (!match) return undefined;
  return { type: match[1], key: match[2], attribute: match[3], resource: stack.resource?.[match[1]]?.[match[2]] };
}

/** The output of another stack a "${data.terraform_remote_state.<name>.outputs.<output>}" value reads. */
export function remoteOutputOf(value: unknown): { readonly remoteState: string; readonly output: string } | undefined {
  const match = typeof value === 'string' ? /^\$\{data\.terraform_remote_state\.([^.}]+)\.outputs\.([^}]+)\}$/.exec(value) : null;
  return match ? { remoteState: match[1], output: match[2] } : undefined;
}

/** The resources of one type in a stack, with their keys. */
export function resourcesOfType(stack: { resource?: StackJson['resource'] }, type: string): [string, Record<string, any>][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/**
 * A JSON file of cdktf.out. One that cannot be parsed (truncated, half-written) stops every reader
 * with its name and the fix, so no guard goes on as if it were empty (fail closed).
 */
export function readSynthJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read or parsed (${error instanceof Error ? error.message : String(error)}): run the synth again to rewrite it; nothing was changed`);
  }
}

/**
 * Which framework CLI deploys and destroys the stacks: `cdktf` for a CDKTF app, `cdktn` for a CDK
 * Terrain app. CDK Terrain is CDKTF's code under new names and writes the same cdktf.out; the one
 * difference is the framework version it records (manifest.json `version`, and each stack's
 * `"//".metadata.version`): CDKTF's last release is 0.21, CDK Terrain's releases start at 0.23.
 * Imports no framework, so it runs in either kind of app.
 */
import * as fs from 'fs';
import * as path from 'path';
import { manifestFile, readManifestStacks, readSynthJson } from '../synth/stack-json';

export const FRAMEWORK_CLIS = ['cdktf', 'cdktn'] as const;
export type FrameworkCli = (typeof FRAMEWORK_CLIS)[number];

const FRAMEWORK_NAME: Record<FrameworkCli, string> = { cdktf: 'CDKTF', cdktn: 'CDK Terrain' };
/** The npm package that holds each CLI, for the install hint. */
const CLI_PACKAGE: Record<FrameworkCli, string> = { cdktf: 'cdktf-cli', cdktn: 'cdktn-cli' };

/** Why a CLI cannot be chosen or found: exit 1, with what was looked for and where. */
export class FrameworkCliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameworkCliError';
  }
}

/** The framework a version string belongs to; undefined when it is not a version. */
export function frameworkOfVersion(version: unknown): FrameworkCli | undefined {
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)\.\d+/.exec(version) : null;
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major === 0 && minor <= 21 ? 'cdktf' : 'cdktn';
}

/** The framework that synthesized `outdir`, with the evidence; undefined without a synth or a version in it. */
export function synthesizedBy(outdir: string): { cli: FrameworkCli; evidence: string } | undefined {
  const file = manifestFile(outdir);
  if (!fs.existsSync(file)) return undefined;
  const version = (readSynthJson(file) as { version?: unknown }).version;
  const fromManifest = frameworkOfVersion(version);
  if (fromManifest) return { cli: fromManifest, evidence: `${file} records version ${String(version)}` };
  for (const stack of readManifestStacks(outdir) ?? []) {
    const json = path.join(outdir, stack.synthesizedStackPath);
    if (!fs.existsSync(json)) continue;
    const stackVersion = (readSynthJson(json) as { '//'?: { metadata?: { version?: unknown } } })['//']?.metadata?.version;
    const fromStack = frameworkOfVersion(stackVersion);
    if (fromStack) return { cli: fromStack, evidence: `${json} records version ${String(stackVersion)}` };
  }
  return undefined;
}

/** Where a CLI is looked for: PATH, then node_modules/.bin of `cwd` and each folder above it (as npx does). */
export function cliSearchPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string[] {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    dirs.push(path.join(dir, 'node_modules', '.bin'));
    if (path.dirname(dir) === dir) break;
  }
  return dirs;
}

/** The first executable `name` in `dirs`; undefined when there is none. */
export function findExecutable(name: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

export interface ResolvedCli {
  readonly cli: FrameworkCli;
  /** The executable to run. */
  readonly file: string;
  /** Why this one: "--cli", the synth's version, or the only one installed. */
  readonly reason: string;
}

export interface ResolveCliOptions {
  /** --cli, when given. */
  readonly explicit?: FrameworkCli;
  /** A synth to read the framework from; none for a run that has not synthesized yet (e2e). */
  readonly outdir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/**
 * The CLI to run: the one `--cli` names; else the one of the framework that synthesized `outdir`;
 * else the one installed (both installed, with nothing to tell them apart, is an error asking for
 * --cli). Throws a FrameworkCliError naming what was looked for, and where, when it is not found.
 */
export function resolveFrameworkCli(options: ResolveCliOptions = {}): ResolvedCli {
  const dirs = cliSearchPath(options.env, options.cwd);
  const where = `PATH, then node_modules/.bin in ${path.resolve(options.cwd ?? process.cwd())} and the folders above it`;
  const need = (cli: FrameworkCli, reason: string, otherwise: string): ResolvedCli => {
    const file = findExecutable(cli, dirs);
    if (file) return { cli, file, reason };
    throw new FrameworkCliError(
      `${cli} (${FRAMEWORK_NAME[cli]}'s CLI) is needed (${reason}) but was not found on ${where}: ` +
        `install it in the app (npm install --save-dev ${CLI_PACKAGE[cli]}, at the version of the app's ${cli})${otherwise}`,
    );
  };
  if (options.explicit) return need(options.explicit, `--cli ${options.explicit}`, '');
  const synth = options.outdir === undefined ? undefined : synthesizedBy(options.outdir);
  if (synth) {
    const other = synth.cli === 'cdktf' ? 'cdktn' : 'cdktf';
    return need(synth.cli, `the synth is ${FRAMEWORK_NAME[synth.cli]}'s: ${synth.evidence}`, `, or pass --cli ${other} to use ${other}`);
  }
  const found = FRAMEWORK_CLIS.map((cli) => ({ cli, file: findExecutable(cli, dirs) })).filter((f): f is { cli: FrameworkCli; file: string } => f.file !== undefined);
  const unknown = options.outdir === undefined ? 'no synth to read the framework from yet' : `${manifestFile(options.outdir)} names no framework version`;
  if (found.length === 1) return { ...found[0], reason: `the only framework CLI installed; ${unknown}` };
  if (found.length === 0) {
    throw new FrameworkCliError(`neither cdktf (CDKTF's CLI) nor cdktn (CDK Terrain's) was found on ${where}: install the app's framework CLI (cdktf-cli or cdktn-cli)`);
  }
  throw new FrameworkCliError(`both cdktf (${found[0].file}) and cdktn (${found[1].file}) are installed and ${unknown}: pass --cli cdktf or --cli cdktn`);
}

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { manifestFile, readManifestStacks } from '../../lib/synth/stack-json';
import { Command, EXIT, UsageError } from '../command';

/** What `cdktf synth` reads from cdktf.json (or cdktn's): the app command, the output folder, the context. */
interface CdktfJson {
  readonly app?: string;
  readonly output?: string;
  readonly context?: Record<string, unknown>;
  readonly terraformModules?: (string | { readonly source: string })[];
}

function stackFolders(outdir: string): string[] {
  const dir = path.join(outdir, 'stacks');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
}

/**
 * The environment `cdktf synth` (cdktf-cli 0.21, @cdktf/cli-core SynthStack.synth) gives the app:
 * no TF_VAR_* (they belong to deploy time), the output folder, the context with the local modules,
 * and a larger heap unless NODE_OPTIONS is set. Error annotations are left to fail the app (the CLI
 * sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and reports them itself; we have no such report).
 */
function appEnvironment(outdir: string, config: CdktfJson): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TF_VAR_')));
  if (!env.NODE_OPTIONS) env.NODE_OPTIONS = '--max-old-space-size=4096';
  const relativeModules = (config.terraformModules ?? []).filter((m) => /^\.\.?\//.test(typeof m === 'string' ? m : m.source));
  const context = { ...(config.context ?? {}), ...(process.env.CDKTF_CONTEXT_JSON ? JSON.parse(process.env.CDKTF_CONTEXT_JSON) : {}), cdktfRelativeModules: relativeModules };
  return { ...env, CDKTF_OUTDIR: outdir, CDKTF_CONTEXT_JSON: JSON.stringify(context), SYNTH_HCL_OUTPUT: 'false' };
}

/**
 * `node [-r module]... script [args]`, the usual app command, as its parts; undefined for anything
 * else (a shell feature, another program), which then runs in a child shell as the CLI runs it.
 */
export function nodeAppCommand(app: string): { requires: string[]; script: string; args: string[] } | undefined {
  const words = app.trim().split(/\s+/);
  if (words[0] !== 'node' || !words.every((w) => /^[\w@./=:+-]+$/.test(w))) return undefined;
  const requires: string[] = [];
  let i = 1;
  for (; i < words.length && words[i].startsWith('-'); i++) {
    if (words[i] === '-r' || words[i] === '--require') requires.push(words[++i]);
    else if (words[i].startsWith('--require=')) requires.push(words[i].slice('--require='.length));
    else return undefined;
  }
  if (i >= words.length || requires.some((r) => r === undefined)) return undefined;
  return { requires, script: words[i], args: words.slice(i + 1) };
}

/**
 * Runs a `node` app command in this process: one node start-up instead of two (a shell and a second
 * node), which is most of what `double-nat synth` would add to the app's own time. The app sees
 * what it would see as its own process: the environment, argv, the cwd-relative -r modules.
 */
function runInProcess(command: { requires: string[]; script: string; args: string[] }, env: NodeJS.ProcessEnv): Promise<number> {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  const fromCwd = (request: string) => (request.startsWith('.') ? path.resolve(request) : require.resolve(request, { paths: [process.cwd()] }));
  const script = path.resolve(command.script);
  process.argv = [process.argv[0], script, ...command.args];
  for (const hook of command.requires) require(fromCwd(hook));
  require(script);
  // The app may still have work queued (an async main): its exit code is known when the loop drains.
  return new Promise((resolve) => process.once('beforeExit', () => resolve(Number(process.exitCode ?? 0))));
}

export const synth: Command = {
  name: 'synth',
  summary: "Runs the app command of cdktf.json (or cdktn's) without the cdktf CLI's start-up, writing the same output folder as `npx cdktf synth`.",
  details: 'Run it where cdktf.json is. Exits with 1 when the app fails or writes no manifest; the app prints its own errors.',
  options: {
    app: { type: 'string', valueName: 'COMMAND', description: 'the app command (default: "app" of cdktf.json)' },
    output: { type: 'string', short: 'o', valueName: 'DIR', description: 'the output folder (default: "output" of cdktf.json, else cdktf.out)' },
  },
  async run(args) {
    const file = path.resolve('cdktf.json');
    const config: CdktfJson = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    const app = (args.values.app as string | undefined) ?? config.app;
    if (!app) throw new UsageError(`no app command: ${fs.existsSync(file) ? `${file} has no "app"` : `${file} does not exist`}, and --app is not given`);
    const outdir = path.resolve((args.values.output as string | undefined) ?? config.output ?? 'cdktf.out');
    const before = stackFolders(outdir);
    // The app creates the output folder itself, but not the folders above it.
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    const env = appEnvironment(outdir, config);
    const inProcess = nodeAppCommand(app);
    // In this process the heap is already sized: NODE_OPTIONS stays as it is.
    const { NODE_OPTIONS, ...inProcessEnv } = env;
    void NODE_OPTIONS;
    if (process.env.NODE_OPTIONS !== undefined) inProcessEnv.NODE_OPTIONS = process.env.NODE_OPTIONS;
    const status = inProcess ? await runInProcess(inProcess, inProcessEnv) : await new Promise<number | null>((resolve, reject) => {
      // The shell runs the command as written in cdktf.json, as the CLI does; Ctrl-C reaches the app
      // (same process group), which stops and leaves its own output folder as it leaves it under the CLI.
      const child = spawn(app, { shell: true, stdio: 'inherit', env });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(signal ? 128 : code));
    });
    if (status !== 0) {
      console.error(`double-nat synth: the app command failed (exit ${status}): ${app}`);
      return EXIT.failed;
    }
    const listed = readManifestStacks(outdir);
    if (!listed) {
      console.error(`double-nat synth: the app did not call synth(), so ${manifestFile(outdir)} was not written`);
      return EXIT.failed;
    }
    // As the CLI does: folders of stacks the app no longer has go.
    const stacks = listed.map((stack) => stack.name);
    for (const orphan of before.filter((name) => !stacks.includes(name))) fs.rmSync(path.join(outdir, 'stacks', orphan), { recursive: true, force: true });
    if (stacks.length === 0) {
      console.error('double-nat synth: no Terraform code synthesized');
      return EXIT.failed;
    }
    const shown = path.relative(process.cwd(), outdir);
    console.log(`synthesized ${stacks.join(', ')} into ${shown.startsWith('..') ? outdir : shown}`);
    return EXIT.ok;
  },
};

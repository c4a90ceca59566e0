/**
 * The Azure CLI of the check's virtual environment, run with a configuration folder of its own (never
 * the user's ~/.azure), no telemetry, no extension installs, and a PATH on which a recorder stands in
 * front of it: every argument vector the project's code hands to `az` is written down.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Children still running, so that an interrupted check can stop them before it removes their folders. */
const running = new Set<ChildProcess>();

/** Stops every child still running (Ctrl-C). */
export function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Runs a process without blocking the event loop (the fake ARM answers from this same process).
 * A run that outlives `timeoutMs` is killed and reported as status null.
 */
export function runAsync(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('error', reject);
    child.on('close', (status) => {
      running.delete(child);
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

export interface AzEnvironment {
  /** The virtual environment's folder. */
  readonly venv: string;
  /** Where the recorder writes each argument vector, one JSON array a line. */
  readonly recordFile: string;
  /** The folder in front of the PATH (the recorder; a test can add other stand-ins). */
  readonly bin: string;
  /** PATH with the recorder (and a fake `terraform`) in front of the real az. */
  readonly path: string;
  /** The environment for a run with this configuration folder. */
  env(configDir: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** The real az (not the recorder), with this configuration folder. */
  az(configDir: string, args: string[], extra?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Argument vectors the recorder saw so far. */
  recorded(): string[][];
}

export function azEnvironment(venv: string, work: string): AzEnvironment {
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const recordFile = path.join(work, 'az-argv.jsonl');
  const realAz = path.join(venv, 'bin', 'az');
  // Python (the venv's) rather than sh: JSON-quoting an argument vector in sh is error-prone.
  fs.writeFileSync(
    path.join(bin, 'az'),
    [
      `#!${path.join(venv, 'bin', 'python')}`,
      'import json, os, sys',
      `with open(${JSON.stringify(recordFile)}, "a") as f: f.write(json.dumps(sys.argv[1:]) + "\\n")`,
      `os.execv(${JSON.stringify(realAz)}, [${JSON.stringify(realAz)}] + sys.argv[1:])`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const searchPath = `${bin}:${path.join(venv, 'bin')}:${process.env.PATH ?? ''}`;
  const env = (configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    PATH: searchPath,
    AZURE_CONFIG_DIR: configDir,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_SURVEY_MESSAGE: 'false',
    AZURE_CORE_NO_COLOR: 'true',
    AZURE_EXTENSION_USE_DYNAMIC_INSTALL: 'no',
    AZURE_CORE_DISABLE_PROGRESS_BAR: 'true',
    ...extra,
  });
  return {
    venv,
    recordFile,
    bin,
    path: searchPath,
    env,
    az: (configDir, args, extra) => runAsync(realAz, args, { env: env(configDir, extra) }),
    recorded: () =>
      fs.existsSync(recordFile)
        ? fs
            .readFileSync(recordFile, 'utf8')
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as string[])
        : [],
  };
}

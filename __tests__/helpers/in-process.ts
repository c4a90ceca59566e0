/**
 * The app (main.ts) and the `double-nat` command run inside the test's process, as node runs them:
 * the same environment variables, what they print and the exit code they give. Starting node costs
 * about a second of CPU a run; the tests under integration/ start real processes and prove the
 * wiring around this (the transpile hook, a real exit code and stderr, signals).
 */
import { format } from 'util';
import { main as doubleNatMain } from '../../tools/double-nat';
import { RunResult } from './run-typescript';

/** Environment variables for one run; undefined removes one. */
export type EnvChanges = Record<string, string | undefined>;

/** Applies `env` and captures the console (and stdout) until `restore`. */
function capture(env: EnvChanges): { stdout: string[]; stderr: string[]; restore(): void } {
  const apply = (values: EnvChanges) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const into = (lines: string[]) => (...args: unknown[]) => void lines.push(`${format(...args)}\n`);
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(into(stdout)),
    jest.spyOn(console, 'info').mockImplementation(into(stdout)),
    jest.spyOn(console, 'error').mockImplementation(into(stderr)),
    jest.spyOn(console, 'warn').mockImplementation(into(stderr)),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(chunk.toString()), true)),
  ];
  apply(env);
  return {
    stdout,
    stderr,
    restore() {
      spies.forEach((spy) => spy.mockRestore());
      apply(saved);
    },
  };
}

/** One run at a time: each changes process.env and the console. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * `double-nat <args>` in this process: its exit code, stdout and stderr. An error it lets escape
 * fails the test, as it would crash node with a stack trace.
 */
export function runDoubleNat(args: string[], env: EnvChanges = {}): Promise<RunResult> {
  const run = queue.then(async () => {
    const output = capture(env);
    try {
      const status = await doubleNatMain(args);
      return { status, stdout: output.stdout.join(''), stderr: output.stderr.join('') };
    } finally {
      output.restore();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * main.ts (what `cdktf synth` runs) in this process, with fresh modules: what it prints and the exit
 * code it sets. An error it lets escape fails the test, as it would crash node with a stack trace.
 */
export function runMain(env: EnvChanges): RunResult {
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  const output = capture(env);
  try {
    jest.isolateModules(() => require('../../main'));
    return { status: typeof process.exitCode === 'number' ? process.exitCode : 0, stdout: output.stdout.join(''), stderr: output.stderr.join('') };
  } finally {
    output.restore();
    process.exitCode = exitCode;
  }
}

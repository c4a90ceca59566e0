import { spawn, SpawnOptions } from 'child_process';
import * as path from 'path';

/** The require hook every TypeScript entry point of this project runs through (as `cdktf.json` does). */
export const TRANSPILE_CACHE_HOOK = path.resolve(__dirname, '..', '..', 'scripts', 'transpile-cache.js');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without blocking, so `test.concurrent` cases overlap their child processes. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs a TypeScript entry point in a new node process, the way `cdktf synth` and `npm run <script>` do. */
export function runTypeScript(entry: string, args: string[] = [], options: SpawnOptions = {}): Promise<RunResult> {
  return run(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, entry, ...args], options);
}

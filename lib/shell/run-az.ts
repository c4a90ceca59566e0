import { spawnSync } from 'child_process';
import { ExecutorError } from './executor-error';

/**
 * Runs the Azure CLI and returns what it printed; a missing CLI or a failed command becomes an
 * `ExecutorError` naming `what` failed, with the hint `hintFor` gives for its error text (each
 * caller knows which calls it makes: VM run-command, or Private Link Service calls).
 */
export function runAz(command: string, args: string[], what: string, hintFor: (stderr: string) => string, timeoutMs = 10 * 60_000): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new ExecutorError('the Azure CLI (az) is not installed', 'install it (https://aka.ms/azcli) and run az login');
  }
  if (result.status !== 0) {
    const first = (result.stderr ?? '').trim().split('\n').find((line) => line.trim()) ?? `exit ${result.status ?? result.signal}`;
    throw new ExecutorError(`${what} failed: ${first}`, hintFor(result.stderr ?? ''));
  }
  return result.stdout;
}

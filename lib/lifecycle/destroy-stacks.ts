/**
 * Destroys stacks in order (consumers before their provider) and says what is left: shared by
 * `npm run destroy`, `npm run retire` and the end-to-end run's cleanup.
 */
import { blockersOf, planDestroy } from './destroy-plan';
import { StepError, StepExecutor, commandLine } from './steps';
import { describeState, holdsResources, readLocalState, readManifest, stateLocation } from './stack-state';

export interface DestroyOutcome {
  readonly destroyed: string[];
  /** Stacks not destroyed: their destroy failed, or a consumer of theirs is still there. */
  readonly left: { readonly stack: string; readonly why: string }[];
}

/**
 * Destroys `stacks` in destroy order. A failed consumer does not stop the other consumers; a provider
 * whose consumers still hold connected endpoints is skipped (Azure would fail it half-way), and so
 * is a destroy that succeeded but left resources in the local state.
 */
export interface DestroyOptions {
  /** Aborted: the running destroy is interrupted and no other starts; the rest is reported as left. */
  readonly signal?: AbortSignal;
  /** Told of each stack as soon as it is destroyed (the e2e run keeps what is left up to date). */
  readonly onDestroyed?: (stack: string) => void;
}

export async function destroyInOrder(
  outdir: string,
  stacks: readonly string[],
  executor: StepExecutor,
  log: (line: string) => void,
  options: DestroyOptions = {},
): Promise<DestroyOutcome> {
  const manifest = readManifest(outdir);
  const { order } = planDestroy(outdir, stacks);
  const destroyed: string[] = [];
  const left: DestroyOutcome['left'] = [];
  for (const stack of order) {
    if (options.signal?.aborted) {
      left.push({ stack, why: 'not destroyed: the cleanup was interrupted (Ctrl-C)' });
      continue;
    }
    const blockers = blockersOf(outdir, manifest, stack, destroyed);
    if (blockers.length > 0) {
      left.push({ stack, why: `not destroyed: ${blockers.map((b) => `${b.by} is still there (${b.reason})`).join('; ')}` });
      continue;
    }
    log(`destroying ${stack} ...`);
    try {
      await executor.run({ kind: 'destroy', stack }, options.signal);
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      left.push({ stack, why: `its destroy failed: ${error.message}` });
      continue;
    }
    const location = stateLocation(outdir, stack);
    const state = location.kind === 'local' ? readLocalState(location.file) : { resources: [] };
    if (holdsResources(state)) {
      left.push({ stack, why: `destroy finished but its state still ${describeState(state)}` });
      continue;
    }
    destroyed.push(stack);
    options.onDestroyed?.(stack);
  }
  return { destroyed, left };
}

/** The command that retries the destroy of `stacks` (guarded and in order), for a person to run. */
export function retryCommand(stacks: readonly string[], outdir: string): string {
  return commandLine({ command: 'npm', args: ['run', 'destroy', '--', ...stacks, '--outdir', outdir], env: {} });
}

/**
 * `npm run retire -- <stack>`: destroys a stack that is gone from the configuration, from the
 * folder the last synth left in cdktf.out, then forgets it (folder and manifest entry), so the next
 * synth goes through.
 */
import { DestroyRefusedError, planDestroy } from './destroy-plan';
import { destroyInOrder } from './destroy-stacks';
import { forgetStack } from './retired-stacks';
import { StepExecutor } from './steps';
import { holdsResources, readLocalState, readManifest, stateLocation } from './stack-state';
import { toolCommand } from '../shell/tool-command';

export class RetireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetireError';
  }
}

/**
 * Retires `stack`. Refuses a stack that is still configured (the next synth would bring it back:
 * use `npm run destroy`), one that cdktf.out does not hold, and a provider whose consumers still
 * hold connected endpoints. Returns whether Terraform had to destroy anything.
 */
export async function retireStack(
  outdir: string,
  stack: string,
  configured: readonly string[],
  executor: StepExecutor,
  log: (line: string) => void,
): Promise<{ destroyed: boolean }> {
  if (configured.includes(stack)) {
    throw new RetireError(`${stack} is still in the configuration: remove it there first (or destroy it and keep it: ${toolCommand('destroy', [stack])})`);
  }
  const plan = planDestroy(outdir, [stack]);
  if (plan.unknown.length > 0 || plan.blockers.length > 0) throw new DestroyRefusedError(plan, readManifest(outdir).map((s) => s.name));
  const location = stateLocation(outdir, stack);
  // A local state without resources has nothing to destroy; a remote one cannot be read offline,
  // and destroying an empty stack is harmless.
  const needsDestroy = location.kind === 'remote' || holdsResources(readLocalState(location.file));
  if (needsDestroy) {
    const outcome = await destroyInOrder(outdir, [stack], executor, log);
    if (outcome.left.length > 0) throw new RetireError(`${stack} was not retired: ${outcome.left[0].why}. Its folder stays in cdktf.out; run ${toolCommand('retire', [stack])} again once that is fixed.`);
  }
  forgetStack(outdir, stack);
  log(`${stack} retired: ${needsDestroy ? 'destroyed, and ' : 'its state holds nothing; '}its folder and manifest entry are removed`);
  return { destroyed: needsDestroy };
}

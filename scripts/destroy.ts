// npm run destroy [-- <stack>...] [--outdir DIR] [--auto-approve]: destroys stacks of the synthesized
// app (all when none is named), consumers before their provider, and refuses before Terraform runs
// when a provider's Private Link Service still has consumers' endpoints connected (in their state).
import { DestroyRefusedError, planDestroy } from '../lib/lifecycle/destroy-plan';
import { destroyInOrder, retryCommand } from '../lib/lifecycle/destroy-stacks';
import { readManifest } from '../lib/lifecycle/stack-state';
import { CliStepExecutor } from '../lib/lifecycle/steps';
import { cliOption, positionalArgs } from './cli-options';

async function main(): Promise<void> {
  const outdir = cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const requested = positionalArgs(['--outdir']);
  const plan = planDestroy(outdir, requested);
  if (plan.unknown.length > 0 || plan.blockers.length > 0) {
    console.error(new DestroyRefusedError(plan, readManifest(outdir).map((s) => s.name)).message);
    process.exitCode = 1;
    return;
  }
  if (plan.order.length === 0) {
    console.error(`no stacks to destroy: ${outdir}/manifest.json lists none (run npx cdktf synth first)`);
    process.exitCode = 1;
    return;
  }
  console.log(`destroy order: ${plan.order.join(', ')}`);
  const options = { outdir, autoApprove: process.argv.includes('--auto-approve') };
  const outcome = await destroyInOrder(outdir, plan.order, new CliStepExecutor(options), console.log);
  if (outcome.left.length === 0) {
    console.log(`destroyed: ${outcome.destroyed.join(', ')}`);
    return;
  }
  console.error(
    ['not destroyed:', ...outcome.left.map((l) => `  - ${l.stack}: ${l.why}`), `Fix the cause, then run again: ${retryCommand(outcome.left.map((l) => l.stack), outdir)}`].join('\n'),
  );
  process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

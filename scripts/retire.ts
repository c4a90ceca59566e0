// npm run retire -- <stack> [--outdir DIR] [--auto-approve]: destroys a stack that is gone from the
// configuration, from its folder in cdktf.out, then removes that folder and its manifest entry, so
// that the next `npx cdktf synth` (which refuses while the stack is still deployed) goes through.
import { configuredStacks } from '../lib/lifecycle/configured-stacks';
import { retireStack } from '../lib/lifecycle/retire';
import { destroyOrder } from '../lib/lifecycle/stack-order';
import { readManifest } from '../lib/lifecycle/stack-state';
import { CliStepExecutor } from '../lib/lifecycle/steps';
import { loadConfig } from '../lib/config/load-config';
import { cliOption, positionalArgs } from './cli-options';

async function main(): Promise<void> {
  const outdir = cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const stacks = positionalArgs(['--outdir']);
  if (stacks.length === 0) {
    console.error('usage: npm run retire -- <stack> [<stack> ...]   (the stacks synth named as gone from the configuration)');
    process.exitCode = 1;
    return;
  }
  const configured = configuredStacks(loadConfig().config).map((s) => s.stack);
  const executor = new CliStepExecutor({ outdir, autoApprove: process.argv.includes('--auto-approve') });
  // Several at once (a renamed provider and its old consumers): consumers first.
  const manifest = readManifest(outdir);
  const ordered = [...destroyOrder(manifest, stacks), ...stacks.filter((s) => !manifest.some((m) => m.name === s))];
  for (const stack of ordered) await retireStack(outdir, stack, configured, executor, console.log);
  console.log('now run: npx cdktf synth');
}

main().catch((error) => {
  // RetireError and DestroyRefusedError say what to do; nothing else is expected.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

import { CLI_DETAILS, CLI_OPTION, Command, EXIT, OUTDIR_OPTION, cliOf, outdirOf } from '../command';

export const destroy: Command = {
  name: 'destroy',
  summary: 'Destroys stacks of the synthesized app (all when none is named), consumers before their provider.',
  positionals: '[<stack>...]',
  details: [
    "Refuses before Terraform runs when a provider's Private Link Service still has consumers' endpoints connected (in their state).",
    'Each stack is destroyed with `<cli> destroy <stack> --skip-synth`, from the folder the last synth wrote.',
    CLI_DETAILS,
  ].join('\n'),
  options: {
    outdir: OUTDIR_OPTION,
    cli: CLI_OPTION,
    'auto-approve': { type: 'boolean', description: "pass --auto-approve to Terraform (no prompt)" },
  },
  async run(args) {
    const outdir = outdirOf(args);
    const explicit = cliOf(args);
    const { DestroyRefusedError, planDestroy } = await import('../../lib/lifecycle/destroy-plan');
    const { destroyInOrder, retryCommand } = await import('../../lib/lifecycle/destroy-stacks');
    const { readManifest } = await import('../../lib/lifecycle/stack-state');
    const { CliStepExecutor } = await import('../../lib/lifecycle/steps');
    const { resolveFrameworkCli } = await import('../../lib/lifecycle/framework-cli');
    const plan = planDestroy(outdir, args.positionals);
    if (plan.unknown.length > 0 || plan.blockers.length > 0) {
      console.error(new DestroyRefusedError(plan, readManifest(outdir).map((s) => s.name)).message);
      return EXIT.failed;
    }
    if (plan.order.length === 0) {
      console.error(`no stacks to destroy: ${outdir}/manifest.json lists none (synthesize first)`);
      return EXIT.failed;
    }
    // Found before anything is destroyed: a missing CLI stops the command with nothing changed.
    const cli = resolveFrameworkCli({ explicit, outdir });
    console.log(`destroy order: ${plan.order.join(', ')} (with ${cli.cli}: ${cli.reason})`);
    const outcome = await destroyInOrder(outdir, plan.order, new CliStepExecutor({ outdir, cli, autoApprove: args.values['auto-approve'] === true }), console.log);
    if (outcome.left.length === 0) {
      console.log(`destroyed: ${outcome.destroyed.join(', ')}`);
      return EXIT.ok;
    }
    console.error(
      ['not destroyed:', ...outcome.left.map((l) => `  - ${l.stack}: ${l.why}`), `Fix the cause, then run again: ${retryCommand(outcome.left.map((l) => l.stack), outdir)}`].join('\n'),
    );
    return EXIT.failed;
  },
};

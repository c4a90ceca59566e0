import { CLI_DETAILS, CLI_OPTION, Command, EXIT, OUTDIR_OPTION, UsageError, cliOf, outdirOf } from '../command';

export const retire: Command = {
  name: 'retire',
  summary: 'Destroys a stack that is gone from the configuration, from its folder in cdktf.out, then removes that folder and its manifest entry.',
  positionals: '<stack>...',
  details: 'For the double-nat app (reads its configuration: DOUBLE_NAT_CONFIG or ./double-nat.config.json): the next synth,\nwhich refuses while such a stack is still deployed, then goes through.\n' + CLI_DETAILS,
  options: {
    outdir: OUTDIR_OPTION,
    cli: CLI_OPTION,
    'auto-approve': { type: 'boolean', description: 'pass --auto-approve to Terraform (no prompt)' },
  },
  async run(args) {
    if (args.positionals.length === 0) throw new UsageError('name the stacks to retire (the stacks synth named as gone from the configuration)');
    const outdir = outdirOf(args);
    const explicit = cliOf(args);
    const { configuredStacks } = await import('../../lib/lifecycle/configured-stacks');
    const { retireStack } = await import('../../lib/lifecycle/retire');
    const { destroyOrder } = await import('../../lib/lifecycle/stack-order');
    const { readManifest } = await import('../../lib/lifecycle/stack-state');
    const { CliStepExecutor } = await import('../../lib/lifecycle/steps');
    const { loadConfig } = await import('../../lib/config/load-config');
    const { resolveFrameworkCli, synthesizedBy } = await import('../../lib/lifecycle/framework-cli');
    const stacks = args.positionals;
    const configured = configuredStacks(loadConfig().config).map((s) => s.stack);
    // Found when a stack needs destroying: one whose state holds nothing is only forgotten.
    let cli: ReturnType<typeof resolveFrameworkCli> | undefined;
    const executor = new CliStepExecutor({ outdir, cli: () => (cli = resolveFrameworkCli({ explicit, outdir })), autoApprove: args.values['auto-approve'] === true });
    // Several at once (a renamed provider and its old consumers): consumers first.
    const manifest = readManifest(outdir);
    const ordered = [...destroyOrder(manifest, stacks), ...stacks.filter((s) => !manifest.some((m) => m.name === s))];
    for (const stack of ordered) await retireStack(outdir, stack, configured, executor, console.log);
    console.log(`now run: npx ${cli?.cli ?? synthesizedBy(outdir)?.cli ?? 'cdktf'} synth`);
    return EXIT.ok;
  },
};

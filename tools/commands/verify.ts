import { Command, EXIT, OUTDIR_OPTION, outdirOf } from '../command';

export const verify: Command = {
  name: 'verify',
  summary: 'Against the deployed stacks: from the client VM, connect to the private endpoint on each service port and read on the backend who it sees as the peer (DNAT and SNAT as Azure does them).',
  details: 'Every az call names the stack\'s subscription (configured, or read from its outputs). Needs the Azure CLI (az), signed in; uses `az vm run-command`, so no VM needs a public IP. Exits 1 when a check fails or a path is broken.',
  options: { outdir: OUTDIR_OPTION },
  async run(args) {
    const outdir = outdirOf(args);
    const { readStacks, readTopology } = await import('../../lib/topology/read-synth');
    const { servicePaths } = await import('../../lib/topology/paths');
    const { AzExecutor } = await import('../../lib/probe/az-executor');
    const { deployedResolver, stackSubscriptions, terraformOutputs } = await import('../../lib/probe/deployed-addresses');
    const { probe, renderResults } = await import('../../lib/probe/probe');
    const { probeTargets } = await import('../../lib/probe/targets');
    const topology = readTopology(readStacks(outdir));
    const paths = servicePaths(topology);
    for (const path of paths.filter((p) => p.broken.length > 0)) {
      console.error(`not probed, the path is broken: ${path.consumer.stack} → ${path.service.name}: ${path.broken.join('; ')}`);
    }
    const outputs = new Map<string, ReturnType<typeof terraformOutputs>>();
    const outputsOf = (stack: string) => outputs.get(stack) ?? outputs.set(stack, terraformOutputs(outdir, stack)).get(stack)!;
    // Each VM is probed in its own stack's subscription, never in whichever one az has selected.
    const subscriptionOf = stackSubscriptions(topology, outputsOf);
    for (const stack of [topology.provider.stack, ...topology.consumers.map((c) => c.stack)]) console.log(`${stack}: subscription ${subscriptionOf(stack)}`);
    const targets = probeTargets(topology, paths, deployedResolver(topology, outputsOf), subscriptionOf);
    const executor = new AzExecutor();
    const results = [];
    for (const target of targets) {
      console.log(`probing ${target.label} ...`);
      results.push(await probe(target, executor));
    }
    const report = renderResults(results);
    console.log(`\n${report.text}`);
    return report.failed > 0 || report.passed === 0 || paths.some((p) => p.broken.length > 0) ? EXIT.failed : EXIT.ok;
  },
};

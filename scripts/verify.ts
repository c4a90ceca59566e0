// npm run verify [-- --outdir DIR]: against the deployed stacks, from VM-A connect to the private
// endpoint on each service port and read on the backend who it sees as the peer: DNAT and SNAT as
// Azure does them. Needs the Azure CLI, signed in; uses `az vm run-command`, so no VM needs a public IP.
// Every az call names the VM's stack's subscription (configured, or read from the stack's outputs).
import { AzExecutor } from '../lib/probe/az-executor';
import { deployedResolver, stackSubscriptions, terraformOutputs } from '../lib/probe/deployed-addresses';
import { ProbeResult, probe, renderResults } from '../lib/probe/probe';
import { probeTargets } from '../lib/probe/targets';
import { servicePaths } from '../lib/topology/paths';
import { TopologyError, readStacks, readTopology } from '../lib/topology/read-synth';
import { cliOption } from './cli-options';

async function main(): Promise<void> {
  const outdir = cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
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
  const results: ProbeResult[] = [];
  for (const target of targets) {
    console.log(`probing ${target.label} ...`);
    results.push(await probe(target, executor));
  }
  const report = renderResults(results);
  console.log(`\n${report.text}`);
  if (report.failed > 0 || report.passed === 0 || paths.some((p) => p.broken.length > 0)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof TopologyError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

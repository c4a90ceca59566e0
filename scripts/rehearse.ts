// npm run rehearse [-- --outdir DIR] [--approve]: the double NAT check of `npm run verify`, run
// against a Linux network-namespace copy of the synthesized topology. It does not contact Azure.
import { renderResults } from '../lib/probe/probe';
import { rehearse } from '../lib/rehearsal/rehearse';
import { TopologyError, readStacks, readTopology } from '../lib/topology/read-synth';
import { cliOption } from './cli-options';

async function main(): Promise<void> {
  const topology = readTopology(readStacks(cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out'));
  const results = await rehearse(topology, { approvePending: process.argv.includes('--approve'), log: (line) => console.log(line) });
  const report = renderResults(results);
  console.log(`\n${report.text}`);
  if (report.failed > 0 || report.passed === 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof TopologyError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

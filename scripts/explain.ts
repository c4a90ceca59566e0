// npm run explain [-- --port N] [--outdir DIR]: the double NAT's paths, hop by hop, from cdktf.out.
import { servicePaths } from '../lib/topology/paths';
import { TopologyError, readStacks, readTopology } from '../lib/topology/read-synth';
import { renderReport } from '../lib/topology/report';
import { cliOption } from './cli-options';

try {
  const topology = readTopology(readStacks(cliOption('--outdir') ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out'));
  const port = cliOption('--port');
  const report = renderReport(topology, servicePaths(topology), port === undefined ? undefined : Number(port));
  console.log(report.text);
  if (report.problems.length > 0) {
    console.error(`\nThe path is broken:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof TopologyError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

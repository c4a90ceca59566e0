import { Command, EXIT, OUTDIR_OPTION, UsageError, outdirOf } from '../command';

export const explain: Command = {
  name: 'explain',
  summary: "The double NAT's paths, hop by hop (DNAT at the private endpoint, SNAT at the PLS NAT IPs), from a synth.",
  details: 'Reads the Private Link Service, its load balancer and the private endpoints that take its alias from any app built\nfrom the constructs. Exits 1 when a path is broken.',
  options: {
    outdir: OUTDIR_OPTION,
    port: { type: 'string', valueName: 'N', description: 'only the service on this frontend port' },
  },
  async run(args) {
    const port = args.values.port as string | undefined;
    if (port !== undefined && !/^\d+$/.test(port)) throw new UsageError(`--port ${JSON.stringify(port)} is not a port number`);
    const { readStacks, readTopology } = await import('../../lib/topology/read-synth');
    const { servicePaths } = await import('../../lib/topology/paths');
    const { renderReport } = await import('../../lib/topology/report');
    const topology = readTopology(readStacks(outdirOf(args)));
    const report = renderReport(topology, servicePaths(topology), port === undefined ? undefined : Number(port));
    console.log(report.text);
    if (report.problems.length === 0) return EXIT.ok;
    console.error(`\nThe path is broken:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
    return EXIT.failed;
  },
};

import { Command, EXIT, OUTDIR_OPTION, outdirOf } from '../command';

export const rehearse: Command = {
  name: 'rehearse',
  summary: 'The check of `double-nat verify`, run against a Linux network-namespace copy of the synthesized topology; it does not contact Azure.',
  details: 'Needs root, ip, nft and ss. Exits 1 when a check fails.',
  options: {
    outdir: OUTDIR_OPTION,
    approve: { type: 'boolean', description: 'approve the invited pending endpoints in the copy first' },
  },
  async run(args) {
    const { readStacks, readTopology } = await import('../../lib/topology/read-synth');
    const { rehearse: rehearseTopology } = await import('../../lib/rehearsal/rehearse');
    const { renderResults } = await import('../../lib/probe/probe');
    const topology = readTopology(readStacks(outdirOf(args)));
    const results = await rehearseTopology(topology, { approvePending: args.values.approve === true, log: (line) => console.log(line) });
    const report = renderResults(results);
    console.log(`\n${report.text}`);
    return report.failed > 0 || report.passed === 0 ? EXIT.failed : EXIT.ok;
  },
};

import * as fs from 'fs';
import { Command, EXIT, OUTDIR_OPTION, UsageError, outdirOf } from '../command';

export const diagram: Command = {
  name: 'diagram',
  summary: 'The topology of a synth as a Mermaid flowchart (default) or an SVG picture.',
  details: 'Prints to standard output, or writes the file named by --output.',
  options: {
    outdir: OUTDIR_OPTION,
    format: { type: 'string', valueName: 'mermaid|svg', description: 'what to render (default: mermaid)' },
    output: { type: 'string', valueName: 'FILE', description: 'write to this file instead of standard output' },
  },
  async run(args) {
    const format = (args.values.format as string | undefined) ?? 'mermaid';
    if (format !== 'mermaid' && format !== 'svg') throw new UsageError(`--format ${JSON.stringify(format)} is not mermaid or svg`);
    const { readStacks, readTopology } = await import('../../lib/topology/read-synth');
    const { renderMermaid, renderSvg } = await import('../../lib/topology/diagram');
    const topology = readTopology(readStacks(outdirOf(args)));
    const text = format === 'svg' ? renderSvg(topology) : `${renderMermaid(topology)}\n`;
    const output = args.values.output as string | undefined;
    if (output === undefined) process.stdout.write(text);
    else {
      fs.writeFileSync(output, text);
      console.log(`wrote ${output}`);
    }
    return EXIT.ok;
  },
};

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeDoubleNat } from '../app/synthesize';
import { DoubleNatConfig } from '../config/app-config';
import { renderMermaid, renderSvg } from './diagram';
import { readStacks, readTopology } from './read-synth';
import { Topology } from './model';

export const SVG_FILE = 'docs/topology.svg';
const START = '<!-- topology-mermaid:start -->';
const END = '<!-- topology-mermaid:end -->';

/** The topology of a configuration, synthesized into a temporary folder. */
export function topologyOf(config: DoubleNatConfig): Topology {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-topology-'));
  try {
    synthesizeDoubleNat({ config, outdir });
    return readTopology(readStacks(outdir));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** What the diagram files should hold for the default configuration: path → content. */
export function diagramFiles(root: string): Record<string, string> {
  const topology = topologyOf({});
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  const block = `${START}\n\`\`\`mermaid\n${renderMermaid(topology)}\n\`\`\`\n`;
  return {
    [SVG_FILE]: renderSvg(topology),
    'README.md': readme.slice(0, start) + block + readme.slice(end),
  };
}

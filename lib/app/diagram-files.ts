/** docs/topology.svg and the README's Mermaid block, drawn from the default configuration's synth (`npm run diagram`). */
import * as fs from 'fs';
import * as path from 'path';
import { renderMermaid, renderSvg } from '../topology/diagram';
import { topologyOf } from './synth-topology';

export const SVG_FILE = 'docs/topology.svg';
const START = '<!-- topology-mermaid:start -->';
const END = '<!-- topology-mermaid:end -->';

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

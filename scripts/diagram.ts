// npm run diagram: renders the default configuration's topology into docs/topology.svg and the
// README's Mermaid block. CI fails when either is stale (see __tests__/operations/topology.ts).
import * as fs from 'fs';
import * as path from 'path';
import { diagramFiles } from '../lib/app/diagram-files';

const root = path.resolve(__dirname, '..');
for (const [file, content] of Object.entries(diagramFiles(root))) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
  console.log(`wrote ${file}`);
}

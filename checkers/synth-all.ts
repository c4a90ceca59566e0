// Synthesizes everything the checkers look at into one folder: the default app (the configuration
// `npx cdktf synth` reads here) as <outdir>/app, and every example with a double-nat.config.json as
// <outdir>/example-<name>. Each is a normal cdktf.out (manifest.json, stacks/<stack>/cdk.tf.json).
// Run with `node -r ./scripts/transpile-cache.js`; under flavours/cdktn/require-hook.js as well, it
// synthesizes with CDK Terrain instead.
import * as fs from 'fs';
import * as path from 'path';
import { isUserError, synthesizeDoubleNat } from '../lib/app/synthesize';
import { loadConfig } from '../lib/config/load-config';

const root = path.resolve(__dirname, '..');
const outdir = process.argv[2];
if (!outdir || process.argv.length !== 3) {
  console.error('usage: synth-all.ts <empty output folder>');
  process.exit(2);
}

const examplesDir = path.join(root, 'examples');
const targets: Array<{ name: string; cwd: string; env: NodeJS.ProcessEnv }> = [{ name: 'app', cwd: root, env: process.env }];
for (const example of fs.readdirSync(examplesDir).sort()) {
  const file = path.join(example, 'double-nat.config.json');
  if (fs.existsSync(path.join(examplesDir, file))) targets.push({ name: `example-${example}`, cwd: examplesDir, env: { DOUBLE_NAT_CONFIG: file } });
}

try {
  fs.mkdirSync(outdir, { recursive: true });
  for (const target of targets) {
    synthesizeDoubleNat({ config: loadConfig(target.cwd, target.env).config, outdir: path.join(outdir, target.name) });
    console.log(`synthesized ${target.name}`);
  }
} catch (error) {
  if (!isUserError(error)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

/**
 * `node -r ./scripts/transpile-cache.js scripts/check-invariants.ts <cdktf.out>`: checks the
 * double NAT invariants on every stack synthesized there (used by the outside-app check); prints
 * each broken one and exits 1, or prints a one-line summary.
 */
import * as fs from 'fs';
import * as path from 'path';
import { StackJson, doubleNatViolations } from './double-nat-invariants';

const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: check-invariants <cdktf.out folder>');
  process.exit(2);
}
const stacksDir = path.join(outdir, 'stacks');
const stacks: Record<string, StackJson> = {};
for (const name of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
  stacks[name] = JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'));
}
const violations = Object.keys(stacks).length === 0 ? [`no stack in ${stacksDir}`] : doubleNatViolations(stacks);
if (violations.length > 0) {
  console.error(`${violations.length} double NAT invariants broken:\n${violations.map((v) => `  - ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`double NAT invariants hold in ${Object.keys(stacks).join(', ')}`);

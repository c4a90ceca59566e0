import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { StackJson } from '../../scripts/double-nat-invariants';

export type { StackJson };

export interface SynthResult {
  readonly stacks: Record<string, StackJson>;
  /** The raw text of every file written, for whole-output assertions. */
  readonly text: string;
}

/** Synthesizes a configuration the way `cdktf synth` does, into a temporary folder. */
export function synth(config: DoubleNatConfig = {}): SynthResult {
  // A folder of its own above the output: synth looks for local state files beside the output folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-'));
  const outdir = path.join(dir, 'cdktf.out');
  try {
    synthesizeDoubleNat({ config, outdir });
    const stacks: Record<string, StackJson> = {};
    let text = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
    for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) {
      const json = fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
      stacks[name] = JSON.parse(json);
      text += json;
    }
    return { stacks, text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The only resource of a type in a stack (fails the test when there are none or several). */
export function only(stack: StackJson, type: string): any {
  const all = Object.values(stack.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** All resources of a type in a stack. */
export function all(stack: StackJson, type: string): any[] {
  return Object.values(stack.resource[type] ?? {});
}

/** The "${type.name.attr}" reference to the only resource of a type. */
export function ref(stack: StackJson, type: string, attribute = 'id'): string {
  const names = Object.keys(stack.resource[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

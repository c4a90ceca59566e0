/** The topology a configuration synthesizes to: synth into a temporary folder, then read it back. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DoubleNatConfig } from '../config/app-config';
import { Topology } from '../topology/model';
import { Stacks, readStacks, readTopology } from '../topology/read-synth';
import { synthesizeDoubleNat } from './synthesize';

/** The synthesized stacks of a configuration, from a temporary output folder. */
export function stacksOf(config: DoubleNatConfig): Stacks {
  // A folder of its own above the output: synth looks for local state files beside the output folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-topology-'));
  const outdir = path.join(dir, 'cdktf.out');
  try {
    synthesizeDoubleNat({ config, outdir });
    return readStacks(outdir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The topology of a configuration, as synth writes it. */
export function topologyOf(config: DoubleNatConfig): Topology {
  return readTopology(stacksOf(config));
}

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { StackJson } from '../../lib/synth/invariants';
import { manifestFile, readManifestStacks, readStacks } from '../../lib/synth/stack-json';

export type { StackJson };

export interface SynthResult {
  readonly stacks: Record<string, StackJson>;
  /** The raw text of every file written, for whole-output assertions. */
  readonly text: string;
}

/**
 * A configuration as a cache key: its JSON, with `undefined` kept apart from a missing setting.
 * Synth is a pure function of the configuration (given a fresh output folder), so a test file
 * synthesizes each configuration once; jest loads this module once per test file.
 */
const keyOf = (config: DoubleNatConfig): string =>
  JSON.stringify(config, (_key, value) => (value === undefined ? '\u0000undefined' : value));

/** Freezes a synth result all the way down, so a test that tries to change a shared result fails. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * `fn` called once per configuration (in this test file), its deep-frozen result shared by every call
 * with the same configuration. For synth-backed functions, which depend on the configuration alone.
 */
export function oncePerConfig<T>(fn: (config: DoubleNatConfig) => T): (config?: DoubleNatConfig) => T {
  const results = new Map<string, T>();
  return (config = {}) => {
    const key = keyOf(config);
    if (!results.has(key)) results.set(key, deepFreeze(fn(config)));
    return results.get(key)!;
  };
}

/**
 * Synthesizes a configuration the way `cdktf synth` does, into a temporary folder. The result is
 * deep-frozen and shared by every test of the file that synthesizes the same configuration: copy it
 * (JSON.parse(JSON.stringify(...))) before changing it.
 */
export const synth: (config?: DoubleNatConfig) => SynthResult = oncePerConfig(synthUncached);

function synthUncached(config: DoubleNatConfig): SynthResult {
  const outdir = templateOf(config);
  // The stacks as every tool reads them (lib/synth/stack-json.ts), and the files' text besides.
  const files = [manifestFile(outdir), ...readManifestStacks(outdir)!.map((stack) => path.join(outdir, stack.synthesizedStackPath))];
  return { stacks: readStacks(outdir) as Record<string, StackJson>, text: files.map((file) => fs.readFileSync(file, 'utf8')).join('') };
}

/** Output folders synthesized once per configuration (per test file), read by synth, copied by synthesizeInto. */
let templateRoot: string | undefined;
const templates = new Map<string, string>();
afterAll(() => {
  if (templateRoot) fs.rmSync(templateRoot, { recursive: true, force: true });
  templateRoot = undefined;
  templates.clear();
});

/** The output of a synth of `config` into a fresh project, as `cdktf synth` writes it. */
function templateOf(config: DoubleNatConfig): string {
  const key = keyOf(config);
  let template = templates.get(key);
  if (!template) {
    templateRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-templates-'));
    // A folder of its own above the output: synth looks for local state files beside the output folder.
    template = path.join(fs.mkdtempSync(path.join(templateRoot, 'project-')), 'cdktf.out');
    synthesizeDoubleNat({ config, outdir: template });
    templates.set(key, template);
  }
  return template;
}

/**
 * `synthesizeDoubleNat({ config, outdir })` for a test's setup. Into a fresh project (no `outdir`,
 * no state file beside it) the output depends on the configuration alone, so the first synth of a
 * configuration goes into a template folder and every one is a copy of it (the files hold no
 * absolute path). Anything else (an existing output, state files beside it) synthesizes for real.
 */
export function synthesizeInto(config: DoubleNatConfig, outdir: string): void {
  const parent = path.dirname(path.resolve(outdir));
  const fresh = !fs.existsSync(outdir) && (!fs.existsSync(parent) || !fs.readdirSync(parent).some((name) => name.endsWith('.tfstate')));
  if (fresh) fs.cpSync(templateOf(config), outdir, { recursive: true });
  else synthesizeDoubleNat({ config, outdir });
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

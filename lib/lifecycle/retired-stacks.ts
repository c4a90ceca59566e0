/**
 * Removing or renaming a consumer (or the provider's stackName) drops its stack from the app. When
 * that stack is still deployed, its folder in cdktf.out was the last thing that could destroy it:
 * `cdktf destroy <old stack>` no longer knows the stack. So synth refuses until it is destroyed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toolCommand } from '../shell/tool-command';
import {
  describeState,
  holdsResources,
  localStateStacks,
  manifestFile,
  readLocalState,
  readManifest,
  stackFolder,
  stackFolders,
  stateLocation,
} from './stack-state';

/** A stack gone from the configuration that may still own resources in Azure. */
export interface RetiredStack {
  readonly stack: string;
  /** What its state shows, e.g. "its state terraform.x.tfstate holds 12 resources (...)". */
  readonly evidence: string;
  /** Its synthesized folder is still in cdktf.out, so it can be destroyed from there. */
  readonly folderExists: boolean;
}

/**
 * Stacks that were synthesized or deployed from here, are not in `configured`, and may still hold
 * resources: a local state with resources (also when cdktf.out was deleted), or a remote backend
 * (unreadable offline) whose stack folder is still in `outdir`.
 */
export function findRetiredStacks(outdir: string, configured: readonly string[]): RetiredStack[] {
  const candidates = [...new Set([...readManifest(outdir).map((s) => s.name), ...stackFolders(outdir), ...localStateStacks(outdir)])]
    .filter((stack) => !configured.includes(stack))
    .sort();
  const retired: RetiredStack[] = [];
  for (const stack of candidates) {
    const folderExists = fs.existsSync(stackFolder(outdir, stack));
    const location = stateLocation(outdir, stack);
    if (location.kind === 'remote') {
      if (folderExists) retired.push({ stack, folderExists, evidence: `its state is in the ${location.backend} backend, which synth cannot read` });
      continue;
    }
    const state = readLocalState(location.file);
    if (holdsResources(state)) retired.push({ stack, folderExists, evidence: `its state ${path.basename(location.file)} ${describeState(state)}` });
  }
  return retired;
}

/** Refuses a synth that would orphan deployed stacks, with the steps that destroy them. */
export class RetireFirstError extends Error {
  constructor(public readonly stacks: readonly RetiredStack[]) {
    const lines = stacks.map((s) => `  - ${s.stack}: ${s.evidence}`);
    const withFolder = stacks.filter((s) => s.folderExists).map((s) => s.stack);
    const withoutFolder = stacks.filter((s) => !s.folderExists).map((s) => s.stack);
    const steps: string[] = [];
    if (withFolder.length > 0) {
      steps.push(
        `Destroy ${withFolder.length === 1 ? 'it' : 'them'} from the folder still in cdktf.out, then synthesize again:`,
        ...withFolder.map((stack) => `    ${toolCommand('retire', [stack])}`),
        `    ${toolCommand('synth')}`,
        '  (retire destroys the stack, consumers before a provider, then removes its folder and manifest entry; if it was',
        '  never deployed or is destroyed already, it only removes them.)',
      );
    }
    if (withoutFolder.length > 0) {
      steps.push(
        `${withoutFolder.join(', ')} ${withoutFolder.length === 1 ? 'has' : 'have'} no folder in cdktf.out any more: put ${withoutFolder.length === 1 ? 'it' : 'them'} back in the configuration`,
        '  with the same name and settings, then:',
        `    ${toolCommand('synth')}`,
        `    ${toolCommand('destroy', withoutFolder)}`,
        '  and remove it from the configuration again.',
      );
    }
    steps.push('To keep a stack instead, put it back in the configuration.');
    super(
      `${stacks.length} stack${stacks.length === 1 ? ' is' : 's are'} gone from the configuration but may still be deployed; nothing was written:\n` +
        `${lines.join('\n')}\n` +
        'Their resources keep running (and costing), and once a folder leaves cdktf.out no command can destroy them.\n' +
        steps.join('\n'),
    );
    this.name = 'RetireFirstError';
  }
}

/** Removes stack folders the manifest no longer lists, so cdktf.out/stacks matches manifest.json. */
export function removeStaleStackFolders(outdir: string): string[] {
  const listed = readManifest(outdir).map((s) => s.name);
  const stale = stackFolders(outdir).filter((stack) => !listed.includes(stack));
  for (const stack of stale) fs.rmSync(stackFolder(outdir, stack), { recursive: true, force: true });
  return stale;
}

/** Forgets a destroyed stack: its folder and its manifest entry (so `cdktf --skip-synth` reads the rest). */
export function forgetStack(outdir: string, stack: string): void {
  fs.rmSync(stackFolder(outdir, stack), { recursive: true, force: true });
  const file = manifestFile(outdir);
  if (!fs.existsSync(file)) return;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { stacks?: Record<string, unknown> };
  if (!manifest.stacks || !(stack in manifest.stacks)) return;
  delete manifest.stacks[stack];
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

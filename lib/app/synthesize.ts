import * as fs from 'fs';
import * as path from 'path';
import { App, AnnotationMetadataEntryType, Aspects } from 'cdktf';
import { DoubleNatConfig } from '../config/app-config';
import { RetireFirstError, findRetiredStacks, removeStaleStackFolders } from '../lifecycle/retired-stacks';
import { readManifest } from '../lifecycle/stack-state';
import { doubleNatPolicies } from '../policy/policies';
import { DoubleNatValidationError } from '../validation/problems';
import { DoubleNatStacks, buildDoubleNatApp } from './double-nat-app';
import { removeAbandonedStagingFolders, stagingFolder } from './staging-folders';

/** Policy findings (error annotations) of a synthesized app. */
export class DoubleNatPolicyError extends Error {
  constructor(public readonly findings: readonly string[]) {
    super(`${findings.length} policy violation${findings.length === 1 ? '' : 's'}:\n${findings.map((f) => `  - ${f}`).join('\n')}`);
    this.name = 'DoubleNatPolicyError';
  }
}

/** The output folder cannot be made (its parent is a file, or not writable). */
export class OutputFolderError extends Error {
  constructor(outdir: string, reason: string) {
    super(`cannot write the stacks to ${outdir}: ${reason}`);
    this.name = 'OutputFolderError';
  }
}

export interface SynthesizeOptions {
  readonly config: DoubleNatConfig;
  /** Where the stacks go. @default - CDKTF_OUTDIR (set by the cdktf CLI), else "cdktf.out" */
  readonly outdir?: string;
}

/**
 * Synthesizes the app all or nothing: into a staging folder first, and only when every input and
 * policy check passed are the files moved into `outdir`. A failure leaves `outdir` as it was, so no
 * half-written stack is ever deployed. A stack dropped from the configuration while still deployed
 * is refused too (its folder is the last way to destroy it); other dropped stacks' folders are
 * removed, so `outdir/stacks` matches `manifest.json`. A missing parent folder of `outdir` is made
 * (and removed again when the synth fails); staging folders of killed synths are removed.
 */
export function synthesizeDoubleNat(options: SynthesizeOptions): DoubleNatStacks {
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = stagingFolder(outdir);
  const madeParent = makeParent(outdir);
  let done = false;
  removeAbandonedStagingFolders(outdir);
  fs.rmSync(staging, { recursive: true, force: true });
  // Report error annotations of all stacks together instead of stopping at the first stack.
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
  try {
    const app = new App({ outdir: staging });
    const stacks = buildDoubleNatApp(app, options.config);
    // On each stack, not the app: cdktf invokes aspects from each stack down, so an app's aspects never run.
    const policies = doubleNatPolicies();
    for (const stack of [stacks.provider, ...stacks.consumers]) Aspects.of(stack).add(policies);
    app.synth();
    const findings = app.node
      .findAll()
      .flatMap((node) =>
        node.node.metadata
          .filter((entry) => entry.type === AnnotationMetadataEntryType.ERROR)
          .map((entry) => `${node.node.path}: ${entry.data}`),
      );
    if (findings.length > 0) throw new DoubleNatPolicyError(findings);
    const retired = findRetiredStacks(outdir, readManifest(staging).map((stack) => stack.name));
    if (retired.length > 0) throw new RetireFirstError(retired);
    moveInto(staging, outdir);
    removeStaleStackFolders(outdir);
    done = true;
    return stacks;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    // A refused synth leaves the disk as it found it, folders it made for the output included.
    if (!done && madeParent) fs.rmSync(madeParent, { recursive: true, force: true });
  }
}

/** Makes the parent folders of `outdir` that are missing; returns the topmost one it made. */
function makeParent(outdir: string): string | undefined {
  try {
    return fs.mkdirSync(path.dirname(outdir), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a part of its path is a file, not a folder' : code === 'EACCES' || code === 'EPERM' ? 'no permission to make its parent folder' : `its parent folder cannot be made (${code})`;
    throw new OutputFolderError(outdir, reason);
  }
}

/** Moves every file of `from` into the same place under `to`, leaving other files of `to` (Terraform's .terraform folders) alone. */
function moveInto(from: string, to: string): void {
  // A folder `to` lacks moves whole, in one rename: staging sits beside the output, on its file system.
  if (!fs.existsSync(to)) {
    fs.renameSync(from, to);
    return;
  }
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      moveInto(source, target);
    } else {
      fs.renameSync(source, target);
    }
  }
}

/** True for mistakes a user makes in settings, which the CLI reports without a stack trace. */
export function isUserError(error: unknown): error is Error {
  return (
    error instanceof DoubleNatValidationError ||
    error instanceof DoubleNatPolicyError ||
    error instanceof RetireFirstError ||
    error instanceof OutputFolderError
  );
}

/**
 * `npm run e2e`: deploys every stack of a configuration under run-unique names, checks the double NAT
 * with `npm run verify`, and destroys everything it deployed, consumers first, also when a step
 * failed; then says what it could not clean up. Everything it creates carries the run id: stack
 * names, resource groups, a tag, and its own state files in its own folder, so it never touches
 * another deployment (Terraform destroys only what its state records).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CONSUMER_NAME, DoubleNatConfig } from '../config/app-config';
import { configuredStacks } from './configured-stacks';
import { destroyInOrder, retryCommand } from './destroy-stacks';
import { deployOrder } from './stack-order';
import { CommandOptions, StepError, StepExecutor } from './steps';
import { readManifest } from './stack-state';
import { shellQuote } from '../shell/shell-quote';

/** The tag every resource of a run carries, to find leftovers: az resource list --tag double-nat-e2e=<run id>. */
export const RUN_TAG = 'double-nat-e2e';

/** A run id: "e2e" and 6 lower-case letters or digits, short enough for every name it is appended to. */
export function newRunId(random: () => number = Math.random): string {
  let id = 'e2e';
  for (let i = 0; i < 6; i++) id += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
  return id;
}

/**
 * The configuration of a run: every stack name and resource group gets `-<runId>`, every resource
 * the run tag, and state stays local (in the run's folder) whatever backend the original uses.
 */
export function runConfig(config: DoubleNatConfig, runId: string): DoubleNatConfig {
  const suffix = (name: string | undefined) => (name === undefined ? undefined : `${name}-${runId}`);
  const [provider] = configuredStacks(config);
  return {
    ...config,
    backend: { type: 'local' },
    provider: {
      ...config.provider,
      stackName: `${provider.stack}-${runId}`,
      // Left out, the default "rg-<stack name>" already carries the run id.
      resourceGroupName: suffix(config.provider?.resourceGroupName),
      tags: { ...config.provider?.tags, [RUN_TAG]: runId },
    },
    consumers: (config.consumers ?? [{}]).map((consumer) => ({
      ...consumer,
      name: `${consumer.name ?? DEFAULT_CONSUMER_NAME}-${runId}`,
      resourceGroupName: suffix(consumer.resourceGroupName),
      tags: { ...consumer.tags, [RUN_TAG]: runId },
    })),
  };
}

export interface EndToEndOptions {
  readonly config: DoubleNatConfig;
  readonly runId: string;
  /** The run's own folder: its configuration, cdktf.out and state files. */
  readonly runDir: string;
  /** Runs the steps for this run's configuration and cdktf.out (see `runPaths`). */
  readonly executor: StepExecutor;
  readonly log: (line: string) => void;
  /** Aborted (Ctrl-C): the running step is interrupted, no further deploy or check starts; what was deployed is still destroyed. */
  readonly signal?: AbortSignal;
  /** Aborted (a second Ctrl-C): the running destroy is interrupted and no other starts; what is left is reported. */
  readonly cleanupSignal?: AbortSignal;
  /** Kept up to date while the run goes, so an interrupt can say what is left. @default - a new one */
  readonly progress?: RunProgress;
  /**
   * Where stacks without a configured subscription deploy (ARM_SUBSCRIPTION_ID, which the azurerm
   * provider reads), for the cleanup commands. @default - unknown: the commands say so
   */
  readonly defaultSubscription?: string;
}

/** What could not be cleaned up, with how to do it by hand. */
export interface Leftover {
  readonly stack: string;
  readonly resourceGroup: string;
  /** The subscription it deployed into, when known. */
  readonly subscription?: string;
  readonly why: string;
}

/** What a run has deployed and destroyed so far: what an interrupt must tell the user is left. */
export class RunProgress {
  /** Stacks whose deploy started (it may have created resources even when it failed). */
  readonly attempted: string[] = [];
  readonly destroyed: string[] = [];
  /** Each stack's resource group and subscription. */
  readonly stacks = new Map<string, { readonly resourceGroup: string; readonly subscription?: string }>();
  outdir = '';

  /** Stacks that may still exist, consumers first. */
  remaining(): Leftover[] {
    return this.attempted
      .filter((stack) => !this.destroyed.includes(stack))
      .reverse()
      .map((stack) => ({ stack, resourceGroup: this.stacks.get(stack)?.resourceGroup ?? '?', subscription: this.stacks.get(stack)?.subscription, why: 'may still exist' }));
  }
}

export interface EndToEndReport {
  /** Deployed, verified and destroyed without a failure. */
  readonly passed: boolean;
  /** The first step that failed, e.g. "deploy double-nat-consumer-e2e1a2b3c: ...". */
  readonly failure?: string;
  readonly leftovers: Leftover[];
  /** With leftovers: the command that retries their destroy, consumers first. */
  readonly cleanupCommand?: string;
}

/** Where a run keeps its files, and the options its executor needs. */
export function runPaths(runDir: string): CommandOptions & { configFile: string } {
  return { outdir: path.join(runDir, 'cdktf.out'), configFile: path.join(runDir, 'double-nat.config.json'), autoApprove: true };
}

export async function runEndToEnd(options: EndToEndOptions): Promise<EndToEndReport> {
  const { runId, executor, log } = options;
  const paths = runPaths(options.runDir);
  const config = runConfig(options.config, runId);
  const progress = options.progress ?? new RunProgress();
  progress.outdir = paths.outdir;
  for (const s of configuredStacks(config)) progress.stacks.set(s.stack, { resourceGroup: s.resourceGroup, subscription: s.subscription ?? options.defaultSubscription });
  const groups = progress.stacks;
  fs.mkdirSync(options.runDir, { recursive: true });
  fs.writeFileSync(paths.configFile, `${JSON.stringify(config, null, 2)}\n`);

  let failure: string | undefined;
  const attempted = progress.attempted;
  const step = async (label: string, run: () => Promise<void>): Promise<boolean> => {
    if (options.signal?.aborted) {
      failure ??= `interrupted before ${label}`;
      return false;
    }
    log(`e2e ${runId}: ${label} ...`);
    try {
      await run();
      // A step interrupted by Ctrl-C may still report success: it is not, and nothing after it starts.
      if (options.signal?.aborted) {
        failure ??= `interrupted during ${label}`;
        return false;
      }
      return true;
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      if (options.signal?.aborted) {
        failure ??= `interrupted during ${label}`;
        return false;
      }
      failure = `${label}: ${error.message}`;
      log(`e2e ${runId}: ${label} failed: ${error.message}`);
      return false;
    }
  };

  const deployAndVerify = async (): Promise<void> => {
    if (!(await step('synth', () => executor.run({ kind: 'synth' }, options.signal)))) return;
    const stacks = readManifest(paths.outdir);
    const foreign = stacks.filter((s) => !s.name.endsWith(`-${runId}`) || !groups.has(s.name));
    if (foreign.length > 0) {
      // Never deploy (nor later destroy) a stack that is not this run's own.
      failure = `synth made stacks that are not this run's: ${foreign.map((s) => s.name).join(', ')}`;
      return;
    }
    for (const stack of deployOrder(stacks, stacks.map((s) => s.name))) {
      const deploy = () => {
        // A deploy that started may have created resources, even when it failed: destroy it too.
        attempted.push(stack);
        return executor.run({ kind: 'deploy', stack }, options.signal);
      };
      if (!(await step(`deploy ${stack}`, deploy))) return;
    }
    const manual = (config.consumers ?? []).some((c) => c.privateEndpoint?.manualApproval === true);
    if (manual && !(await step('approve the configured manual consumers', () => executor.run({ kind: 'approve' }, options.signal)))) return;
    await step('verify', () => executor.run({ kind: 'verify' }, options.signal));
  };
  try {
    await deployAndVerify();
  } catch (error) {
    // Whatever went wrong, what was deployed is destroyed below.
    failure = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  }

  if (attempted.length > 0) log(`e2e ${runId}: destroying ${attempted.join(', ')}, consumers first ...`);
  // The first Ctrl-C does not stop the cleanup; only `cleanupSignal` (a second one) does.
  const outcome = await destroyInOrder(paths.outdir, [...attempted], executor, log, {
    signal: options.cleanupSignal,
    onDestroyed: (stack) => progress.destroyed.push(stack),
  });
  const leftovers = outcome.left.map((l) => ({ stack: l.stack, resourceGroup: groups.get(l.stack)?.resourceGroup ?? '?', subscription: groups.get(l.stack)?.subscription, why: l.why }));
  if (leftovers.length === 0) {
    fs.rmSync(options.runDir, { recursive: true, force: true });
    return { passed: failure === undefined, failure, leftovers };
  }
  return { passed: false, failure, leftovers, cleanupCommand: retryCommand(leftovers.map((l) => l.stack), paths.outdir) };
}

/** The end of a run, for the terminal: the verdict, and for each leftover what to run by hand. */
export function renderReport(report: EndToEndReport, runId: string): string {
  const lines = [report.passed ? `e2e ${runId}: PASS (deployed, verified, destroyed)` : `e2e ${runId}: FAIL${report.failure ? ` at ${report.failure}` : ''}`];
  if (report.leftovers.length === 0) {
    lines.push('Everything this run deployed is destroyed.');
    return lines.join('\n');
  }
  lines.push(`Could NOT clean up ${report.leftovers.length} stack${report.leftovers.length === 1 ? '' : 's'}; they keep running and costing until you do:`);
  for (const left of report.leftovers) lines.push(`  - ${left.stack} (resource group ${left.resourceGroup}): ${left.why}`);
  lines.push(`Fix the cause, then destroy them (consumers first, as above): ${report.cleanupCommand}`, ...removalLines(report.leftovers, runId));
  return lines.join('\n');
}

/** What an interrupted run tells before it leaves: the stacks that may still exist and the commands that remove them. */
export function renderWhatIsLeft(progress: RunProgress, runId: string): string {
  const left = progress.remaining();
  if (left.length === 0) return `e2e ${runId}: nothing of this run is deployed.`;
  return [
    `e2e ${runId}: these stacks may still exist; they keep running and costing until you remove them:`,
    ...left.map((l) => `  - ${l.stack} (resource group ${l.resourceGroup})`),
    `Destroy them (consumers first): ${retryCommand(left.map((l) => l.stack), progress.outdir)}`,
    ...removalLines(left, runId),
  ].join('\n');
}

/** The az commands that remove a run's resource groups and find anything else of it, every value quoted. */
function removalLines(leftovers: readonly Leftover[], runId: string): string[] {
  const where = (subscription: string | undefined) => (subscription ? ` --subscription ${shellQuote(subscription)}` : '');
  const subscriptions = [...new Set(leftovers.map((l) => l.subscription))];
  const lines = [
    "If Terraform cannot finish, delete the run's resource groups, which hold nothing else:",
    ...leftovers.map((left) => `      az group delete --name ${shellQuote(left.resourceGroup)} --yes${where(left.subscription)}`),
    ...subscriptions.map((subscription) => `Find anything else of this run with: az resource list --tag ${shellQuote(`${RUN_TAG}=${runId}`)}${where(subscription)} -o table`),
  ];
  if (subscriptions.includes(undefined)) lines.push('  (without --subscription: in the subscription the run deployed into, ARM_SUBSCRIPTION_ID at the time)');
  return lines;
}

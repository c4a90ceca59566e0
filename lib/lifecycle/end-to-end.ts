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
  /** Aborted (Ctrl-C): no further deploy or check starts; what was deployed is still destroyed. */
  readonly signal?: AbortSignal;
}

/** What could not be cleaned up, with how to do it by hand. */
export interface Leftover {
  readonly stack: string;
  readonly resourceGroup: string;
  readonly why: string;
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
  const groups = new Map(configuredStacks(config).map((s) => [s.stack, s.resourceGroup]));
  fs.mkdirSync(options.runDir, { recursive: true });
  fs.writeFileSync(paths.configFile, `${JSON.stringify(config, null, 2)}\n`);

  let failure: string | undefined;
  const attempted: string[] = [];
  const step = async (label: string, run: () => Promise<void>): Promise<boolean> => {
    if (options.signal?.aborted) {
      failure ??= `interrupted before ${label}`;
      return false;
    }
    log(`e2e ${runId}: ${label} ...`);
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      failure = `${label}: ${error.message}`;
      log(`e2e ${runId}: ${label} failed: ${error.message}`);
      return false;
    }
  };

  const deployAndVerify = async (): Promise<void> => {
    if (!(await step('synth', () => executor.run({ kind: 'synth' })))) return;
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
        return executor.run({ kind: 'deploy', stack });
      };
      if (!(await step(`deploy ${stack}`, deploy))) return;
    }
    const manual = (config.consumers ?? []).some((c) => c.privateEndpoint?.manualApproval === true);
    if (manual && !(await step('approve the configured manual consumers', () => executor.run({ kind: 'approve' })))) return;
    await step('verify', () => executor.run({ kind: 'verify' }));
  };
  try {
    await deployAndVerify();
  } catch (error) {
    // Whatever went wrong, what was deployed is destroyed below.
    failure = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  }

  if (attempted.length > 0) log(`e2e ${runId}: destroying ${attempted.join(', ')}, consumers first ...`);
  const outcome = await destroyInOrder(paths.outdir, attempted, executor, log);
  const leftovers = outcome.left.map((l) => ({ stack: l.stack, resourceGroup: groups.get(l.stack) ?? '?', why: l.why }));
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
  lines.push(
    `Fix the cause, then destroy them (consumers first, as above): ${report.cleanupCommand}`,
    'If Terraform cannot finish, delete the run\'s resource groups, which hold nothing else:',
    ...report.leftovers.map((left) => `      az group delete --name ${left.resourceGroup} --yes`),
    `Find anything else of this run with: az resource list --tag ${RUN_TAG}=${runId} -o table`,
  );
  return lines.join('\n');
}

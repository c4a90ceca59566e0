/**
 * The commands that deploy, check and destroy stacks, behind one interface: the framework CLI
 * (cdktf or cdktn, see framework-cli.ts) and npm commands for real, scripted fakes in the tests
 * (as the probe's executors are).
 */
import { spawn } from 'child_process';
import { CONFIG_ENV } from '../config/load-config';
import { shellQuote } from '../shell/shell-quote';
import { toolArgv } from '../shell/tool-command';
import { FrameworkCli, ResolvedCli } from './framework-cli';

export type LifecycleStep =
  | { readonly kind: 'synth' }
  | { readonly kind: 'deploy'; readonly stack: string }
  /** Approve the connections of the configured manual-approval consumers (`npm run approve`), and nobody else's. */
  | { readonly kind: 'approve' }
  | { readonly kind: 'verify' }
  | { readonly kind: 'destroy'; readonly stack: string };

/** Runs a step; throws a `StepError` when it failed or was interrupted. */
export interface StepExecutor {
  /** @param signal aborted: stop the step (its command gets SIGINT, as from a terminal) and throw a `StepError`. */
  run(step: LifecycleStep, signal?: AbortSignal): Promise<void>;
}

export class StepError extends Error {
  constructor(
    public readonly step: LifecycleStep,
    message: string,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

export interface CommandOptions {
  /** The synthesized app the step works on. */
  readonly outdir: string;
  /** The configuration file synth reads. @default - DOUBLE_NAT_CONFIG or ./double-nat.config.json */
  readonly configFile?: string;
  /** Deploy and destroy without Terraform's prompt. @default false */
  readonly autoApprove?: boolean;
  /** The framework CLI that synthesizes, deploys and destroys. @default "cdktf" */
  readonly cli?: FrameworkCli;
}

export interface Command {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

/**
 * The command line of a step. Deploy and destroy reuse the synthesized folder (--skip-synth), one
 * stack at a time in the order the caller chose, so the CLI's own all-dependencies check is off
 * (cdktn takes the same commands and options as cdktf).
 */
export function stepCommand(step: LifecycleStep, options: CommandOptions): Command {
  const env: Record<string, string> = options.configFile ? { [CONFIG_ENV]: options.configFile } : {};
  const approve = options.autoApprove ? ['--auto-approve'] : [];
  const cli = options.cli ?? 'cdktf';
  switch (step.kind) {
    case 'synth':
      return { command: cli, args: ['synth', '--output', options.outdir], env };
    case 'deploy':
    case 'destroy':
      return {
        command: cli,
        args: [step.kind, step.stack, '--skip-synth', '--output', options.outdir, '--ignore-missing-stack-dependencies', ...approve],
        env,
      };
    case 'approve':
    case 'verify':
      // As the run itself was started (this repository's npm script, or the bin). Approve approves
      // only the endpoints the configuration invites (the run's own).
      return { ...toolArgv(step.kind, ['--outdir', options.outdir]), env };
  }
}

/** The step as a line a person can paste into a shell. */
export function commandLine(command: Command): string {
  const env = Object.entries(command.env).map(([name, value]) => `${name}=${shellQuote(value)} `);
  return `${env.join('')}${[command.command, ...command.args].map(shellQuote).join(' ')}`;
}

export interface CliStepOptions extends Omit<CommandOptions, 'cli'> {
  /**
   * The framework CLI (`resolveFrameworkCli`): its name is printed, its file is run. A function is
   * called at the first step, so a command that ends up running none never needs the CLI.
   */
  readonly cli: ResolvedCli | (() => ResolvedCli);
  /**
   * Start each command in a process group of its own, so a terminal's Ctrl-C reaches only this
   * process, which decides what the command gets (the e2e run: stop, then clean up).
   * @default false - the command shares the terminal's Ctrl-C
   */
  readonly ownProcessGroup?: boolean;
}

/**
 * Runs steps as the framework CLI and npm commands, their output going straight to the terminal. Runs them
 * asynchronously, so signal handlers run while a step does (spawnSync would block them until it ends).
 */
export class CliStepExecutor implements StepExecutor {
  private resolved?: ResolvedCli;

  constructor(private readonly options: CliStepOptions) {}

  run(step: LifecycleStep, signal?: AbortSignal): Promise<void> {
    const cli = (this.resolved ??= typeof this.options.cli === 'function' ? this.options.cli() : this.options.cli);
    const command = stepCommand(step, { ...this.options, cli: cli.cli });
    const line = commandLine(command);
    if (signal?.aborted) return Promise.reject(new StepError(step, `${line} not started: interrupted`));
    const env = { ...process.env, ...command.env };
    // The line printed names the CLI; the file run is the one found (also in node_modules/.bin).
    const file = command.command === cli.cli ? cli.file : command.command;
    return new Promise((resolve, reject) => {
      const child = spawn(file, command.args, { stdio: 'inherit', env, detached: this.options.ownProcessGroup === true });
      // SIGINT as a terminal sends it: Terraform stops cleanly, releasing its state lock.
      const interrupt = () => {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        try {
          if (this.options.ownProcessGroup) process.kill(-child.pid, 'SIGINT');
          else child.kill('SIGINT');
        } catch {
          // Gone already.
        }
      };
      signal?.addEventListener('abort', interrupt, { once: true });
      child.on('error', (error) => {
        signal?.removeEventListener('abort', interrupt);
        reject(new StepError(step, `${command.command} could not start: ${error.message}`));
      });
      child.on('close', (status, exitSignal) => {
        signal?.removeEventListener('abort', interrupt);
        // An interrupted command may still exit 0: it did not finish its job either way.
        if (signal?.aborted) reject(new StepError(step, `${line} interrupted (exit ${status ?? exitSignal})`));
        else if (status !== 0) reject(new StepError(step, `${line} exited ${status ?? exitSignal}`));
        else resolve();
      });
    });
  }
}

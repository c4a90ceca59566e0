/**
 * The commands that deploy, check and destroy stacks, behind one interface: the cdktf and npm
 * commands for real, scripted fakes in the tests (as the probe's executors are).
 */
import { spawnSync } from 'child_process';
import { CONFIG_ENV } from '../config/load-config';
import { shellQuote } from '../shell/shell-quote';

export type LifecycleStep =
  | { readonly kind: 'synth' }
  | { readonly kind: 'deploy'; readonly stack: string }
  /** Approve the connections of the configured manual-approval consumers (`npm run approve`), and nobody else's. */
  | { readonly kind: 'approve' }
  | { readonly kind: 'verify' }
  | { readonly kind: 'destroy'; readonly stack: string };

/** Runs a step; throws a `StepError` when it failed. */
export interface StepExecutor {
  run(step: LifecycleStep): Promise<void>;
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
}

export interface Command {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

/**
 * The command line of a step. Deploy and destroy reuse the synthesized folder (--skip-synth), one
 * stack at a time in the order the caller chose, so cdktf's own all-dependencies check is off.
 */
export function stepCommand(step: LifecycleStep, options: CommandOptions): Command {
  const env: Record<string, string> = options.configFile ? { [CONFIG_ENV]: options.configFile } : {};
  const approve = options.autoApprove ? ['--auto-approve'] : [];
  switch (step.kind) {
    case 'synth':
      return { command: 'npx', args: ['cdktf', 'synth', '--output', options.outdir], env };
    case 'deploy':
    case 'destroy':
      return {
        command: 'npx',
        args: ['cdktf', step.kind, step.stack, '--skip-synth', '--output', options.outdir, '--ignore-missing-stack-dependencies', ...approve],
        env,
      };
    case 'approve':
      // `npm run approve` approves only the endpoints the configuration invites (the run's own).
      return { command: 'npm', args: ['run', '--silent', 'approve', '--', '--outdir', options.outdir], env };
    case 'verify':
      return { command: 'npm', args: ['run', '--silent', 'verify', '--', '--outdir', options.outdir], env };
  }
}

/** The step as a line a person can paste into a shell. */
export function commandLine(command: Command): string {
  const env = Object.entries(command.env).map(([name, value]) => `${name}=${shellQuote(value)} `);
  return `${env.join('')}${[command.command, ...command.args].map(shellQuote).join(' ')}`;
}

/** Runs steps as the cdktf and npm commands, their output going straight to the terminal. */
export class CliStepExecutor implements StepExecutor {
  constructor(private readonly options: CommandOptions) {}

  async run(step: LifecycleStep): Promise<void> {
    const command = stepCommand(step, this.options);
    const result = spawnSync(command.command, command.args, { stdio: 'inherit', env: { ...process.env, ...command.env } });
    if (result.error) throw new StepError(step, `${command.command} could not start: ${result.error.message}`);
    if (result.status !== 0) throw new StepError(step, `${commandLine(command)} exited ${result.status ?? result.signal}`);
  }
}

/**
 * What every `double-nat` subcommand is made of, and the strict parsing they share: node's
 * util.parseArgs with strict: true, so an unknown flag or a typo (`--auto-aprove`) is a usage error
 * that names it, and `--opt value` and `--opt=value` both work.
 */
import { parseArgs } from 'util';

/** Exit codes a script can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A mistake on the command line: printed with the subcommand's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** One line for --help. */
  readonly description: string;
  /** The value's name in --help (`--outdir DIR`). */
  readonly valueName?: string;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The positional arguments, as shown in the usage line (`<stack>...`); none when empty. */
  readonly positionals?: string;
  /** Paragraphs after the usage line: what it reads, what it needs, when it fails. */
  readonly details: string;
  readonly options: Record<string, OptionSpec>;
  /** Runs the command; resolves to its exit code. Throws UsageError for a bad combination of arguments. */
  run(args: ParsedArgs): Promise<number>;
}

/** --outdir, as every command that reads a synth takes it. */
export const OUTDIR_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'DIR',
  description: 'the synth output folder (default: $CDKTF_OUTDIR, else cdktf.out)',
};

export function outdirOf(args: ParsedArgs): string {
  return (args.values.outdir as string | undefined) ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
}

/** --cli, as every command that runs the framework CLI takes it (destroy, retire, e2e). */
export const CLI_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'cdktf|cdktn',
  description: "the framework CLI to run (default: the synth's framework, from the version in manifest.json; else the one installed)",
};

/** Where the framework CLI comes from, for a command's --help. */
export const CLI_DETAILS =
  'Runs cdktf for a CDKTF app and cdktn for a CDK Terrain app: the framework is read from the synth (the version\n' +
  "cdktf.out/manifest.json records), --cli overrides it. The CLI is looked for on PATH, then in node_modules/.bin of\n" +
  'the current folder and the folders above it; not found, the command fails (exit 1) naming what it looked for.';

/** The value of --cli: cdktf or cdktn, anything else a usage error. */
export function cliOf(args: ParsedArgs): 'cdktf' | 'cdktn' | undefined {
  const value = args.values.cli;
  if (value === undefined) return undefined;
  if (value === 'cdktf' || value === 'cdktn') return value;
  throw new UsageError(`--cli must be cdktf or cdktn, not ${JSON.stringify(value)}`);
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs & { help: boolean } {
  const options = { ...command.options, help: HELP };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(options).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }])),
      strict: true,
      allowPositionals: command.positionals !== undefined,
    });
    const { help, ...rest } = values as Record<string, string | boolean | undefined>;
    return { values: rest, positionals, help: help === true };
  } catch (error) {
    // parseArgs names the flag: "Unknown option '--auto-aprove'", "Option '--outdir <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message.split('. To specify')[0] : String(error));
  }
}

export function commandHelp(command: Command): string {
  const options = { ...command.options, help: HELP };
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(26)} ${o.description}`;
  });
  return [
    `usage: double-nat ${command.name}${command.positionals ? ` ${command.positionals}` : ''} [options]`,
    '',
    command.summary,
    '',
    command.details,
    '',
    'options:',
    ...rows,
    '',
    'exit codes: 0 done, 1 the operation failed, 2 usage error',
  ].join('\n');
}

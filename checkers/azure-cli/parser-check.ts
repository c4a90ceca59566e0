/**
 * Every `az` command the project runs or prints, given to the real CLI signed out (a configuration
 * folder of its own, whose only cloud points at a closed port on loopback, so nothing leaves the
 * machine): the parser must accept it, so the run may stop only for want of a login.
 */
import * as path from 'path';
import { AzEnvironment } from './az-environment';
import { ParseVerdict, parseVerdict } from './parse-verdict';

export interface CommandToParse {
  /** Where the command came from: "npm run approve (recorded)", "output double-nat-provider.vm_b_bastion_connect". */
  readonly source: string;
  readonly argv: string[];
}

export interface ParsedCommand extends CommandToParse {
  readonly verdict: ParseVerdict;
}

/** The CLI with no account: commands stop at the sign-in check, or at the parser before it. */
export async function signedOutCli(env: AzEnvironment, work: string): Promise<(argv: string[]) => Promise<ParseVerdict>> {
  const configDir = path.join(work, 'azure-config-parse');
  // A cloud whose every endpoint is a closed loopback port: whatever tries the network fails at once, locally.
  const dead = 'https://127.0.0.1:9/';
  const register = await env.az(configDir, [
    'cloud', 'register', '-n', 'DoubleNatNowhere', '--skip-endpoint-discovery',
    '--endpoint-resource-manager', dead, '--endpoint-active-directory', 'https://127.0.0.1:9',
    '--endpoint-active-directory-resource-id', 'https://management.core.windows.net/',
    '--endpoint-active-directory-graph-resource-id', 'https://graph.windows.net/',
    '--endpoint-management', 'https://management.core.windows.net/', '--endpoint-gallery', dead,
  ]);
  if (register.status !== 0) throw new Error(`az cloud register failed: ${register.stderr}`);
  const set = await env.az(configDir, ['cloud', 'set', '-n', 'DoubleNatNowhere']);
  if (set.status !== 0) throw new Error(`az cloud set failed: ${set.stderr}`);
  return async (argv) => {
    const run = await env.az(configDir, argv, { AZURE_CORE_INSTANCE_DISCOVERY: 'false' });
    return parseVerdict(run.status, run.stderr, argv);
  };
}

/** Runs each command (two at a time: each az start is a second or more of Python imports). */
export async function parseAll(parse: (argv: string[]) => Promise<ParseVerdict>, commands: CommandToParse[]): Promise<ParsedCommand[]> {
  const results: ParsedCommand[] = new Array(commands.length);
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const i = next++;
      results[i] = { ...commands[i], verdict: await parse(commands[i].argv) };
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** One command per distinct argument vector, keeping the first source. */
export function distinct(commands: CommandToParse[]): CommandToParse[] {
  const seen = new Map<string, CommandToParse>();
  for (const command of commands) if (!seen.has(JSON.stringify(command.argv))) seen.set(JSON.stringify(command.argv), command);
  return [...seen.values()];
}

/**
 * A command the parser must refuse, made from one the project runs: a required option dropped and an
 * unknown one added. It proves the check can fail.
 */
export function brokenVariant(argv: string[]): string[] {
  const broken = [...argv];
  const i = broken.findIndex((a) => a === '-g' || a === '--resource-group');
  if (i >= 0) broken.splice(i, 2);
  return [...broken, '--no-such-option', 'x'];
}

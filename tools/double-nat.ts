/**
 * `double-nat`: the operations on a double NAT synthesized by any app built from the constructs
 * (CDKTF or CDK Terrain), one subcommand each. A subcommand loads only the library modules it uses,
 * so `double-nat synth` starts fast and nothing loads cdktf in a CDK Terrain app.
 *
 * Exit codes: 0 done, 1 the operation failed, 2 usage error (unknown subcommand or flag, missing value).
 */
import { ToolInvocation, setToolInvocation } from '../lib/shell/tool-command';
import { Command, EXIT, UsageError, commandHelp, parseCommandArgs } from './command';
import { approve } from './commands/approve';
import { check } from './commands/check';
import { destroy } from './commands/destroy';
import { diagram } from './commands/diagram';
import { e2e } from './commands/e2e';
import { explain } from './commands/explain';
import { rehearse } from './commands/rehearse';
import { retire } from './commands/retire';
import { synth } from './commands/synth';
import { verify } from './commands/verify';

export const COMMANDS: readonly Command[] = [synth, explain, diagram, check, approve, verify, rehearse, destroy, retire, e2e];

export function mainHelp(): string {
  return [
    'usage: double-nat <command> [options]      (double-nat <command> --help for its options)',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'exit codes: 0 done, 1 the operation failed, 2 usage error',
  ].join('\n');
}

/**
 * Runs `double-nat <argv>`; resolves to the exit code. `invocation` is how hints name the commands:
 * this repository's npm scripts (the default), or the installed bin.
 */
export async function main(argv: string[], options: { invocation?: ToolInvocation } = {}): Promise<number> {
  if (options.invocation) setToolInvocation(options.invocation);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`double-nat: unknown command ${JSON.stringify(name)}\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args.help) {
      console.log(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`double-nat ${command.name}: ${error.message}\n\n${commandHelp(command)}`);
      return EXIT.usage;
    }
    // The library's errors say what is wrong and what to do (missing synth, no double NAT, az failures).
    console.error(`double-nat ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    const hint = (error as { hint?: unknown }).hint;
    if (typeof hint === 'string') console.error(`  what to do: ${hint}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

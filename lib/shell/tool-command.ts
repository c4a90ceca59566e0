/**
 * How hints name the operations on a deployment. In this repository they are its npm scripts
 * (`npm run destroy -- …`, `npx cdktf synth`); from the installed package's bin, which another
 * team's app runs, they are that bin (`npx double-nat destroy …`, `npx double-nat synth`, which runs
 * the app's own synth on CDKTF and CDK Terrain alike). The bin says which (bin/double-nat.js).
 */
import { shellQuote } from './shell-quote';

export type ToolInvocation = 'npm-scripts' | 'bin';

let invocation: ToolInvocation = 'npm-scripts';

/** Set once, by the entry point, before anything runs. */
export function setToolInvocation(how: ToolInvocation): void {
  invocation = how;
}

/** The program and arguments that run `double-nat <subcommand> <args>` here (the e2e run's steps use it). */
export function toolArgv(subcommand: string, args: readonly string[] = []): { command: string; args: string[] } {
  return invocation === 'bin'
    ? { command: 'npx', args: ['double-nat', subcommand, ...args] }
    : { command: 'npm', args: ['run', '--silent', subcommand, '--', ...args] };
}

/** The command line that runs `double-nat <subcommand> <args>` here, each argument one shell word. */
export function toolCommand(subcommand: string, args: readonly string[] = []): string {
  return invocation === 'bin' ? ['npx', 'double-nat', subcommand, ...args.map(shellQuote)].join(' ') : scriptCommand(subcommand, args);
}

/** The same as this repository's npm scripts run it, whoever runs this process. */
export function scriptCommand(subcommand: string, args: readonly string[] = []): string {
  const words = args.map(shellQuote);
  // This repository's synth is the framework CLI's, as the README says; its other scripts are named for the subcommands.
  if (subcommand === 'synth') return ['npx', 'cdktf', 'synth', ...words].join(' ');
  return words.length > 0 ? `npm run ${subcommand} -- ${words.join(' ')}` : `npm run ${subcommand}`;
}

/** The value after `name` on the command line (`--port 3389`), if given. */
export function cliOption(name: string, argv: string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The arguments that are neither flags nor the values of `valued` options (stack names). */
export function positionalArgs(valued: string[], argv: string[] = process.argv.slice(2)): string[] {
  return argv.filter((arg, i) => !arg.startsWith('--') && !valued.includes(argv[i - 1]));
}

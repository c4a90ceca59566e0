/** The value after `name` on the command line (`--port 3389`), if given. */
export function cliOption(name: string, argv: string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

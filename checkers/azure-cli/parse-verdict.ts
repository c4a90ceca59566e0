/**
 * What the Azure CLI's answer to a command, run signed out, says about the command itself. Signed
 * out, a command the parser accepts stops at the sign-in check ("Please run 'az login' to setup
 * account."); one it refuses stops earlier with a usage error (exit code 2, argparse's "the following
 * arguments are required" / "unrecognized arguments", or knack's "misspelled or not recognized").
 */

export type ParseVerdict =
  /** The parser accepted it: it ran, or it stopped for want of a login. */
  | { readonly kind: 'accepted'; readonly why: string }
  /** The command lives in a CLI extension, which the core CLI cannot parse. */
  | { readonly kind: 'extension'; readonly extension: string; readonly why: string }
  /** The parser refused it. */
  | { readonly kind: 'usage-error'; readonly why: string }
  /** Neither: something else failed (the check cannot tell whether the command parses). */
  | { readonly kind: 'unknown'; readonly why: string };

/** The first line of `stderr` that says something. */
export function firstLine(stderr: string): string {
  return stderr.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !/^WARNING: /.test(l)) ?? '';
}

const USAGE = [
  /the following arguments are required/i,
  /unrecognized arguments/i,
  /is misspelled or not recognized/i,
  /^usage error/im,
  /argument [^ ]+: (invalid|expected)/i,
  /is not in the '.*' command group/i,
  // AAZ commands (most of az network) check required options after parsing, with exit 1.
  /Missing required field/i,
  // knack's check of option groups: "(--resource-group --name | --ids) are required".
  /\) are required/i,
];

/**
 * Signs that az got past its parser and stopped later, for want of a login: the sign-in check
 * itself; `az account set` finding no subscription in the (empty) account list; `az login` trying
 * the sign-in endpoint, which the check's cloud puts on a closed loopback port.
 */
const PAST_THE_PARSER = [/Please run 'az login'/i, /The subscription of '.*' doesn't exist in cloud/i, /host='127\.0\.0\.1', port=9\).*(Connection refused|Failed to establish)/i];

/**
 * Command groups of CLI extensions, by their words (`network bastion`: the bastion extension). The
 * core CLI does not know them, and offline it cannot look up which extension has them.
 */
export const EXTENSION_GROUPS: Record<string, string[]> = { bastion: ['network', 'bastion'] };

export function parseVerdict(status: number | null, stderr: string, argv: string[] = []): ParseVerdict {
  const extension = /requires the extension ([\w-]+)/i.exec(stderr);
  if (extension) return { kind: 'extension', extension: extension[1], why: firstLine(stderr) };
  const unknownWord = /'([\w-]+)' is misspelled or not recognized/i.exec(stderr)?.[1];
  const group = Object.entries(EXTENSION_GROUPS).find(([, words]) => words.every((w, i) => argv[i] === w) && words[words.length - 1] === unknownWord);
  if (group) return { kind: 'extension', extension: group[0], why: `${firstLine(stderr)} (the core CLI does not have it)` };
  const usage = USAGE.find((pattern) => pattern.test(stderr));
  if (status === 2 || usage) return { kind: 'usage-error', why: `exit ${status}: ${firstLine(stderr)}` };
  if (status === 0) return { kind: 'accepted', why: 'exit 0' };
  const past = PAST_THE_PARSER.find((pattern) => pattern.test(stderr));
  if (past) return { kind: 'accepted', why: `exit ${status}, past the parser, wants a login: ${(past.exec(stderr) ?? [''])[0].slice(0, 100)}` };
  return { kind: 'unknown', why: `exit ${status}: ${firstLine(stderr)}` };
}

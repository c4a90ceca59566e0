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

const USAGE = [/the following arguments are required/i, /unrecognized arguments/i, /is misspelled or not recognized/i, /^usage error/im, /argument [^ ]+: (invalid|expected)/i, /is not in the '.*' command group/i];

export function parseVerdict(status: number | null, stderr: string): ParseVerdict {
  const extension = /requires the extension ([\w-]+)/i.exec(stderr);
  if (extension) return { kind: 'extension', extension: extension[1], why: firstLine(stderr) };
  const usage = USAGE.find((pattern) => pattern.test(stderr));
  if (status === 2 || usage) return { kind: 'usage-error', why: `exit ${status}: ${firstLine(stderr)}` };
  if (status === 0) return { kind: 'accepted', why: 'exit 0' };
  if (/Please run 'az login'|az login/i.test(stderr)) return { kind: 'accepted', why: `exit ${status}, wants a login: ${firstLine(stderr)}` };
  return { kind: 'unknown', why: `exit ${status}: ${firstLine(stderr)}` };
}

/**
 * The one way a value enters a command we print or output for a person to paste into a shell.
 * Azure names hold characters a shell reads as syntax: resource group names may hold "(", ")" and
 * "." (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules), and
 * a Terraform reference resolves to whatever Azure returns.
 */

/** Characters no POSIX shell treats specially, also as the first character of a word. */
const PLAIN = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * `value` as one shell word: bare when it holds only plain characters, otherwise in POSIX single
 * quotes, inside which nothing is special except "'" itself, written as '\'' (close, escaped quote,
 * reopen). A Terraform reference ("${...}") is quoted too, so what it resolves to stays one word.
 */
export function shellQuote(value: string): string {
  if (value !== '' && PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

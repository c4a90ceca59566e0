/**
 * Finds the `az` commands in text the project prints (stack outputs, hints, reports) and turns each
 * into an argument vector the real CLI can be asked to parse. Placeholders a reader fills in
 * (`<group>`, a shell variable, a Terraform interpolation) become sample values of the same kind, so
 * that the CLI sees one argument where the reader would type one.
 */

/** One command found in printed text. */
export interface PrintedAzCommand {
  /** The text it came from (an output name, a hint), for the report. */
  readonly source: string;
  /** As printed, from `az` to where the command ends. */
  readonly text: string;
  /** The arguments after `az`, placeholders replaced by sample values. */
  readonly argv: string[];
}

/** Sample values of the kinds the project prints placeholders for. */
export const SAMPLE = {
  subscription: '00000000-0000-0000-0000-0000000000aa',
  vmId: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-sample/providers/Microsoft.Compute/virtualMachines/vm-sample',
  file: 'sample-file',
};

/** Words that end a command when they appear as a separate word of prose after it. */
const PROSE = new Set(['if', 'and', 'then', 'or', 'which', 'when', 'to', 'for', 'until']);
/** Words that show "az" began a sentence, not a command ("the subscription az is using"). */
const NOT_A_SUBCOMMAND = new Set(['is', 'was', 'has', 'can', 'cannot', 'will', 'does', 'did', 'not', 'could', 'would', 'should', 'may', 'might', 'uses', 'prints']);
/**
 * "az vm run-command on vm-a failed: ...": how a failed run is named in an error message (runAz's
 * `what`), not a command to type; the run itself is recorded with all its arguments.
 */
const FAILED_RUN = /^az (?:[a-z][a-z-]* )+on \S+ failed/;
/** Shell operators that end a command. */
const OPERATORS = new Set([';', ';;', '&&', '||', '|', '&']);

/** A placeholder's sample value, by what it names. */
function sampleFor(placeholder: string): string {
  const name = placeholder.toLowerCase();
  if (/subscription/.test(name)) return SAMPLE.subscription;
  if (/\.id\b|_id\b|resource.id/.test(name)) return SAMPLE.vmId;
  if (/file|path/.test(name)) return SAMPLE.file;
  return `sample-${name.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'value'}`;
}

interface Word {
  value: string;
  /** Had quotes or a placeholder: never prose, never an operator. */
  literal: boolean;
  /** Text consumed, including what ends it. */
  end: number;
}

/**
 * Reads one shell word at `start` (after blanks): quotes, `$var`, `${...}` and `<placeholder>` are
 * kept together. Returns undefined at the end of the line or at a character that ends a command.
 */
function readWord(line: string, start: number): Word | undefined {
  let i = start;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (i >= line.length || line[i] === '`' || line[i] === ')' || line[i] === '(') return undefined;
  if (line[i] === '<' && line[i + 1] !== ' ') {
    const close = line.indexOf('>', i);
    if (close > i) return { value: sampleFor(line.slice(i + 1, close)), literal: true, end: close + 1 };
  }
  if (line[i] === '<' || line[i] === '>') return undefined; // a redirection ends the command
  let value = '';
  let literal = false;
  while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
    const c = line[i];
    if (c === '`') break;
    if (c === ')' && !value.includes('(')) break;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      value += line.slice(i + 1, close < 0 ? undefined : close);
      i = close < 0 ? line.length : close + 1;
      literal = true;
    } else if (c === '"') {
      let j = i + 1;
      let inner = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        inner += line[j++];
      }
      value += substituteVariables(inner);
      i = j + 1;
      literal = true;
    } else if (c === '$' && line[i + 1] === '{') {
      const close = line.indexOf('}', i);
      value += sampleFor(line.slice(i + 2, close < 0 ? undefined : close));
      i = close < 0 ? line.length : close + 1;
      literal = true;
    } else if (c === '$' && /[A-Za-z_]/.test(line[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1))![0];
      value += sampleFor(name);
      i += 1 + name.length;
      literal = true;
    } else if (c === '\\' && i + 1 < line.length) {
      value += line[i + 1];
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return { value, literal, end: i };
}

/** `$var` and `${...}` inside double quotes. */
function substituteVariables(text: string): string {
  return text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => sampleFor(name)).replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => sampleFor(name));
}

/**
 * Every `az ...` command in `text`. A command starts at the word `az` followed by a lower-case word
 * and ends at the end of the line, a shell operator, a redirection, a closing bracket or backtick, a
 * word of prose (`if`, `and`, ...) or a word that ends a sentence (`word,` `word.`).
 */
export function extractAzCommands(text: string, source: string): PrintedAzCommand[] {
  const commands: PrintedAzCommand[] = [];
  for (const line of text.split(/\r?\n/)) {
    const starts = /(^|[\s(`"':=])az +(?=[a-z])/g;
    let match: RegExpExecArray | null;
    while ((match = starts.exec(line)) !== null) {
      const begin = match.index + match[1].length;
      if (FAILED_RUN.test(line.slice(begin))) continue;
      let i = match.index + match[0].length;
      const argv: string[] = [];
      for (;;) {
        const word = readWord(line, i);
        if (!word) break;
        if (!word.literal && (OPERATORS.has(word.value) || (argv.length > 0 && PROSE.has(word.value)))) break;
        const sentenceEnd = !word.literal && /[,.;:]$/.test(word.value) && !/^[.\d]+$/.test(word.value);
        const value = sentenceEnd ? word.value.replace(/[,.;:]+$/, '') : word.value;
        if (value !== '') argv.push(value);
        i = word.end;
        if (sentenceEnd) break;
      }
      if (argv.length > 0 && !NOT_A_SUBCOMMAND.has(argv[0])) commands.push({ source, text: line.slice(begin, i).trim(), argv });
    }
  }
  return commands;
}

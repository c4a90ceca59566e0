/**
 * Where a JSON text breaks and what was expected there, without quoting it: V8's JSON.parse
 * messages quote a snippet of the text, and a configuration file may hold a secret at that spot.
 */

export interface JsonSyntaxError {
  /** 1-based line and column of the first character that cannot be JSON. */
  readonly line: number;
  readonly column: number;
  /** What JSON allows there, e.g. '"," or "}"'. */
  readonly expected: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {}
}

const VALUE = 'a value (an object, a list, a string in double quotes, a number, true, false or null)';

/** The first syntax error of `text` (JSON as RFC 8259 defines it), or undefined when it is valid (or nested too deep to scan). */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const fail = (expected: string): never => {
    throw new Stop(at, expected);
  };
  const space = () => {
    while (/[ \t\n\r]/.test(text[at] ?? '')) at++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else fail(VALUE);
  };
  const string = () => {
    at++; // the opening quote
    for (;;) {
      const c = text[at];
      if (c === undefined) fail('a closing double quote before the end of the file');
      if (c === '"') return void at++;
      if (c < ' ') fail('no line break or control character inside a string (write \\n or \\t)');
      if (c === '\\') {
        at++;
        if (text[at] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) at += 5;
        else if (/^["\\/bfnrt]$/.test(text[at] ?? '')) at++;
        else fail('an escape: \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hex digits');
      } else {
        at++;
      }
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail(VALUE);
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text[at];
    if (c === '{') return members('}', () => {
      space();
      if (text[at] !== '"') fail('a setting name in double quotes');
      string();
      space();
      if (text[at] !== ':') fail('":" after the setting name');
      at++;
      value();
    });
    if (c === '[') return members(']', value);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(c === undefined ? `${VALUE} before the end of the file` : VALUE);
  };
  const members = (close: string, member: () => void) => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      member();
      space();
      if (text[at] === ',') {
        at++;
        // JSON has no trailing comma, a common slip when editing by hand.
        space();
        if (text[at] === close) fail(`another entry after ",", or no "," before "${close}"`);
      } else if (text[at] === close) {
        return void at++;
      } else {
        fail(`"," or "${close}"`);
      }
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail('the end of the file: one JSON value only');
    return undefined;
  } catch (error) {
    // Nesting too deep for this recursive scan: the caller still reports the file, without a position.
    if (error instanceof RangeError) return undefined;
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.at).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1, expected: error.expected };
  }
}

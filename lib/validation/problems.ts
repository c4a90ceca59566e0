/**
 * Collecting input problems, so that one run reports every mistake at once instead of the first.
 */
import { redactValue } from './secrets';

/** One bad input: where it is, which prop, the value given (never a secret: see `redactProblem`) and what is allowed. */
export interface Problem {
  /** Construct path or configuration section, e.g. "double-nat-provider/provider-side". */
  readonly where: string;
  /** Prop path inside it, e.g. "natIps[0].privateIp". */
  readonly prop: string;
  readonly value: unknown;
  /**
   * Set instead of a value for input of unknown meaning (an unknown key, a value of the wrong type):
   * its JSON type, e.g. "a string". The value itself is never kept, so it cannot be printed.
   */
  readonly valueType?: string;
  /** What is allowed, phrased to complete "must be ...". */
  readonly allowed: string;
}

export function formatProblem(problem: Problem): string {
  if (problem.valueType !== undefined) return `${problem.where}: ${problem.prop} (${problem.valueType}) must be ${problem.allowed}`;
  return `${problem.where}: ${problem.prop} = ${showValue(redactValue(problem.prop, problem.value))} must be ${problem.allowed}`;
}

/** The problem with any secret in its value hidden; every problem passes here before it is kept or thrown. */
export function redactProblem(problem: Problem): Problem {
  if (problem.valueType !== undefined) return { ...problem, value: undefined };
  return { ...problem, value: redactValue(problem.prop, problem.value) };
}

/** A value's JSON type in words, all that a message may say of a value of unknown meaning. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value === 'number' ? 'a number' : typeof value === 'string' ? 'a string' : 'not JSON';
}

function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Thrown for a user's input mistakes; the CLI prints its message without a stack trace. */
export class DoubleNatValidationError extends Error {
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const redacted = problems.map(redactProblem);
    super(
      `${redacted.length} invalid setting${redacted.length === 1 ? '' : 's'}:\n` +
        redacted.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.problems = redacted;
    this.name = 'DoubleNatValidationError';
  }
}

/** Gathers problems under one location; nested props use `at()`. */
export class ProblemList {
  private readonly problems: Problem[];

  constructor(
    private readonly where: string,
    private readonly prefix = '',
    shared?: Problem[],
  ) {
    this.problems = shared ?? [];
  }

  /** A view that records props under `prefix.name` into the same list. */
  at(name: string): ProblemList {
    return new ProblemList(this.where, this.propPath(name), this.problems);
  }

  add(prop: string, value: unknown, allowed: string): void {
    this.problems.push(redactProblem({ where: this.where, prop: this.propPath(prop), value, allowed }));
  }

  /** Records a problem naming only the JSON type of `value`: for input of unknown meaning. */
  addTypeOnly(prop: string, value: unknown, allowed: string): void {
    this.problems.push({ where: this.where, prop: this.propPath(prop), value: undefined, valueType: describeJsonType(value), allowed });
  }

  /** Records a problem unless `ok`; returns `ok` so callers can skip checks that depend on it. */
  check(ok: boolean, prop: string, value: unknown, allowed: string): boolean {
    if (!ok) this.add(prop, value, allowed);
    return ok;
  }

  get all(): readonly Problem[] {
    return this.problems;
  }

  /** Throws one error listing every problem recorded so far, if any. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw new DoubleNatValidationError([...this.problems]);
  }

  private propPath(name: string): string {
    if (!this.prefix) return name;
    return name.startsWith('[') ? `${this.prefix}${name}` : `${this.prefix}.${name}`;
  }
}

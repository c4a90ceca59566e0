import { Token } from 'cdktf';

/** A value only known at deploy time (a reference to another resource): nothing to check offline. */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' && Token.isUnresolved(value);
}

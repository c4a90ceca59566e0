/**
 * The double NAT invariants as a jest assertion; the list itself is lib/synth/invariants.ts,
 * which the outside-app check runs too.
 */
import { StackJson, doubleNatViolations } from '../../lib/synth/invariants';

/** Fails with every broken invariant listed. */
export function expectDoubleNatInvariants(stacks: Record<string, StackJson>, knownPrefixes: Record<string, string> = {}): void {
  expect(doubleNatViolations(stacks, knownPrefixes)).toEqual([]);
}

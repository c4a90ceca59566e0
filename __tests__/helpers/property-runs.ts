/**
 * How many cases a property test tries. `npm test` is the developer's loop and tries an eighth of
 * them (at least 5); CI runs the property tests again at the full count under
 * `npm run test:integration`, which sets DOUBLE_NAT_PROPERTY_RUNS=full (as does `npm run test:cdktn`).
 */
export function propertyRuns(full: number): number {
  const mode = process.env.DOUBLE_NAT_PROPERTY_RUNS ?? 'quick';
  if (mode === 'full') return full;
  if (mode === 'quick') return Math.max(5, Math.ceil(full / 8));
  throw new Error(`DOUBLE_NAT_PROPERTY_RUNS is ${JSON.stringify(mode)}: it must be quick (the default) or full`);
}

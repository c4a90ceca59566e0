/**
 * Waivers of policy rules, recorded on the tree. Constructs write them (a Bastion or a NAT gateway
 * needs a public IP) and the rules in policy/ read them: the record sits below both.
 */
import { IConstruct } from 'constructs';

const SUPPRESSION = 'double-nat:policy-suppression';

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Turns a policy rule off for a construct and everything under it. The reason is required and kept
 * in the synthesized manifest as an info annotation, so a waiver is always visible in review.
 */
export function suppressPolicy(scope: IConstruct, ruleId: string, reason: string): void {
  if (!reason || reason.trim().length < 10) {
    throw new Error(`suppressPolicy(${scope.node.path}, ${ruleId}): reason = ${JSON.stringify(reason)} must say why, in at least 10 characters`);
  }
  scope.node.addMetadata(SUPPRESSION, { ruleId, reason } satisfies Suppression);
}

/** The waiver of `ruleId` nearest to `node`, on it or on a scope above it. */
export function suppressionOf(node: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of node.node.scopes.slice().reverse()) {
    const found = scope.node.metadata.find(
      (entry) => entry.type === SUPPRESSION && (entry.data as Suppression).ruleId === ruleId,
    );
    if (found) return found.data as Suppression;
  }
  return undefined;
}

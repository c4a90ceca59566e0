/**
 * `npm run approve`: approves the invited endpoints' pending connections and nothing else.
 */
import { ApprovalPlan, PlsConnection, planApproval } from './approval-plan';
import { withProviderSubscription, subscriptionOfId } from './endpoint-id';
import { PlsRef, PrivateLinkServiceClient } from './pls-client';

/** The reason recorded on each approved connection (the consumer sees it). */
export const APPROVAL_DESCRIPTION = 'Approved: invited by the double-nat configuration';

export interface ApprovalResult {
  readonly plan: ApprovalPlan;
  /** The invited ids, with the provider's subscription filled in. */
  readonly invited: string[];
  /** Report lines, one per connection and per invited endpoint without one. */
  readonly lines: string[];
  /** Connections that were pending from endpoints nobody invited. */
  readonly unknown: PlsConnection[];
}

export async function approveInvited(client: PrivateLinkServiceClient, pls: PlsRef, invitedIds: readonly string[]): Promise<ApprovalResult> {
  const state = await client.show(pls);
  const providerSubscription = subscriptionOfId(state.id) ?? pls.subscription;
  const invited = invitedIds.map((id) => (providerSubscription ? withProviderSubscription(id, providerSubscription) : id));
  const plan = planApproval(state.connections, invited);
  const lines: string[] = [];
  const message = (c: PlsConnection) => (c.description ? ` (request message: "${printable(c.description)}")` : '');
  for (const { connection, verdict } of plan.steps) {
    const endpoint = printable(connection.privateEndpointId) || '(no endpoint id)';
    if (verdict === 'approve') {
      await client.approve(pls, connection.name, APPROVAL_DESCRIPTION);
      lines.push(`approved           ${endpoint}${message(connection)}`);
    } else if (verdict === 'already-approved') {
      lines.push(`already approved   ${endpoint}`);
    } else if (verdict === 'invited-not-pending') {
      lines.push(`${connection.status.toLowerCase().padEnd(18)} ${endpoint}: invited, but ${connection.status}; its owner must re-create the endpoint`);
    } else if (verdict === 'unknown') {
      lines.push(`NOT approved       ${endpoint}${message(connection)}: not invited by the configuration, left Pending (reject it with az network private-link-service connection update --connection-status Rejected if you do not know it)`);
    }
  }
  for (const id of plan.notRequested) lines.push(`not requested yet  ${id}: deploy its consumer stack, then run this again`);
  if (invited.length === 0) lines.unshift(`no consumer of ${pls.name} uses manual approval: nothing to approve`);
  return { plan, invited, lines, unknown: plan.steps.filter((s) => s.verdict === 'unknown').map((s) => s.connection) };
}

/** A requester writes its message: keep control characters (terminal escapes) out of our output. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

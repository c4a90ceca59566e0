/**
 * `npm run approve`: approves the invited endpoints' pending connections and nothing else.
 */
import { ApprovalPlan, PlsConnection, planApproval } from './approval-plan';
import { withProviderSubscription, subscriptionOfId } from './endpoint-id';
import { ExecutorError } from '../shell/executor-error';
import { shellQuote } from '../shell/shell-quote';
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
  /**
   * Invited endpoints that are not approved after this run: their approval failed, they were
   * rejected or disconnected, or they have not asked yet. Any makes `npm run approve` exit non-zero.
   */
  readonly notApproved: string[];
}

export async function approveInvited(client: PrivateLinkServiceClient, pls: PlsRef, invitedIds: readonly string[]): Promise<ApprovalResult> {
  const state = await client.show(pls);
  const providerSubscription = subscriptionOfId(state.id) ?? pls.subscription;
  const invited = invitedIds.map((id) => (providerSubscription ? withProviderSubscription(id, providerSubscription) : id));
  const plan = planApproval(state.connections, invited);
  const lines: string[] = [];
  const notApproved: string[] = [];
  const message = (c: PlsConnection) => (c.description ? ` (request message: "${printable(c.description)}")` : '');
  for (const { connection, verdict } of plan.steps) {
    const endpoint = printable(connection.privateEndpointId) || '(no endpoint id)';
    if (verdict === 'approve') {
      try {
        await client.approve(pls, connection.name, APPROVAL_DESCRIPTION);
      } catch (error) {
        // One failure must not hide the others: try every invited endpoint, then fail.
        if (!(error instanceof ExecutorError)) throw error;
        notApproved.push(connection.privateEndpointId);
        lines.push(`FAILED             ${endpoint}: ${error.message}; what to do: ${error.hint}`);
        continue;
      }
      lines.push(`approved           ${endpoint}${message(connection)}`);
    } else if (verdict === 'already-approved') {
      lines.push(`already approved   ${endpoint}`);
    } else if (verdict === 'invited-not-pending') {
      notApproved.push(connection.privateEndpointId);
      lines.push(`${connection.status.toLowerCase().padEnd(18)} ${endpoint}: invited, but ${connection.status}; its owner must re-create the endpoint`);
    } else if (verdict === 'unknown') {
      lines.push(`NOT approved       ${endpoint}${message(connection)}: not invited by the configuration, left Pending; if you do not know it, reject it with: ${rejectCommand(pls, connection.name)}`);
    }
  }
  for (const id of plan.notRequested) {
    notApproved.push(id);
    lines.push(`not requested yet  ${id}: deploy its consumer stack, then run this again`);
  }
  if (invited.length === 0) lines.unshift(`no consumer of ${pls.name} uses manual approval: nothing to approve`);
  return { plan, invited, lines, unknown: plan.steps.filter((s) => s.verdict === 'unknown').map((s) => s.connection), notApproved };
}

/** The command that rejects one connection of the PLS, every value quoted for the shell. */
export function rejectCommand(pls: PlsRef, connectionName: string): string {
  return [
    'az network private-link-service connection update',
    `-g ${shellQuote(pls.resourceGroup)} --service-name ${shellQuote(pls.name)} -n ${shellQuote(connectionName)}`,
    `--connection-status Rejected --subscription ${shellQuote(pls.subscription)}`,
  ].join(' ');
}

/** A requester writes its message: keep control characters (terminal escapes) out of our output. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/**
 * What to do with each private endpoint connection of a Private Link Service: approve it only when
 * the configuration invited its endpoint; every other pending request stays pending, listed as unknown.
 */
import { sameResourceId } from './endpoint-id';

/**
 * One entry of the PLS's `privateEndpointConnections`, as `az network private-link-service show`
 * prints it: https://learn.microsoft.com/rest/api/virtualnetwork/private-link-services/get#privateendpointconnection
 */
export interface PlsConnection {
  /** The connection's name on the PLS (what `connection update -n` takes). */
  readonly name: string;
  /** `privateEndpoint.id`: the requesting endpoint. */
  readonly privateEndpointId: string;
  /** `privateLinkServiceConnectionState.status`: Pending, Approved, Rejected or Disconnected. */
  readonly status: string;
  /**
   * `privateLinkServiceConnectionState.description`: while pending, what the requester wrote (its
   * request message); after a decision, the provider's reason. Shown, never trusted.
   */
  readonly description?: string;
}

export type ApprovalVerdict =
  /** Invited and pending: approve it. */
  | 'approve'
  /** Invited and approved already. */
  | 'already-approved'
  /** Invited but rejected or disconnected: not ours to revive (the consumer re-creates its endpoint). */
  | 'invited-not-pending'
  /** Pending, from an endpoint the configuration does not name: left pending. */
  | 'unknown'
  /** Not invited and not pending (an automatic consumer, or settled earlier): nothing to do. */
  | 'other';

export interface ApprovalStep {
  readonly connection: PlsConnection;
  readonly verdict: ApprovalVerdict;
}

export interface ApprovalPlan {
  readonly steps: ApprovalStep[];
  /** Invited endpoints that have no connection on the PLS yet (their stack is not deployed). */
  readonly notRequested: string[];
}

export function planApproval(connections: readonly PlsConnection[], invited: readonly string[]): ApprovalPlan {
  const isInvited = (id: string) => invited.some((i) => sameResourceId(i, id));
  const steps = connections.map((connection): ApprovalStep => {
    const pending = connection.status.toLowerCase() === 'pending';
    if (!isInvited(connection.privateEndpointId)) return { connection, verdict: pending ? 'unknown' : 'other' };
    if (pending) return { connection, verdict: 'approve' };
    return { connection, verdict: connection.status.toLowerCase() === 'approved' ? 'already-approved' : 'invited-not-pending' };
  });
  const notRequested = invited.filter((id) => !connections.some((c) => sameResourceId(c.privateEndpointId, id)));
  return { steps, notRequested };
}

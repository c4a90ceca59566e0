/**
 * Approval approves only the invited: the endpoints of the consumers the configuration names with
 * manual approval, by resource id (case-insensitive, as Azure compares them). Any other pending
 * request stays pending. Here: the plan, the approval against a client in memory, the endpoint ids
 * the stacks list and the error hints; `npm run approve` against a fake az (a process that knows the
 * PLS only in its own subscription) is in integration/approve-command.test.ts.
 */
import { planApproval } from '../../lib/approval/approval-plan';
import { APPROVAL_DESCRIPTION, approveInvited } from '../../lib/approval/approve';
import { PROVIDER_SUBSCRIPTION } from '../../lib/approval/endpoint-id';
import { APPROVE_COMMAND } from '../../lib/approval/approve-command';
import { PlsRef, PlsState, PrivateLinkServiceClient, hintForPlsError, parsePlsShow } from '../../lib/approval/pls-client';
import { ExecutorError } from '../../lib/shell/executor-error';
import { PARTNER_SUB, PROVIDER_SUB, connection, endpoint, multiConsumer, partnerEndpoint, plsId, sameSubscription, strangerEndpoint } from '../helpers/approval-fixtures';
import { synth } from '../helpers/synth';

describe('planApproval', () => {
  const pending = (id: string) => ({ name: id.split('/')[4], privateEndpointId: id, status: 'Pending' });

  test('a pending connection from an endpoint nobody invited stays pending, the invited one is approved', () => {
    const plan = planApproval([pending(partnerEndpoint), pending(strangerEndpoint)], [partnerEndpoint]);
    expect(plan.steps.map((s) => [s.connection.privateEndpointId, s.verdict])).toEqual([
      [partnerEndpoint, 'approve'],
      [strangerEndpoint, 'unknown'],
    ]);
  });

  test('ids match whatever their case (ARM ids are case-insensitive)', () => {
    const plan = planApproval([pending(partnerEndpoint.toUpperCase())], [partnerEndpoint.toLowerCase()]);
    expect(plan.steps[0].verdict).toBe('approve');
    expect(plan.notRequested).toEqual([]);
  });

  test('nothing is approved when no consumer uses manual approval', () => {
    const plan = planApproval([pending(partnerEndpoint), pending(strangerEndpoint)], []);
    expect(plan.steps.map((s) => s.verdict)).toEqual(['unknown', 'unknown']);
  });

  test('approved, rejected and missing invited endpoints are told apart', () => {
    const other = endpoint(PARTNER_SUB, 'rg-other');
    const plan = planApproval(
      [
        { name: 'a', privateEndpointId: partnerEndpoint, status: 'Approved' },
        { name: 'b', privateEndpointId: other, status: 'Rejected' },
        { name: 'c', privateEndpointId: strangerEndpoint, status: 'Approved' },
      ],
      [partnerEndpoint, other, endpoint(PARTNER_SUB, 'rg-late')],
    );
    expect(plan.steps.map((s) => s.verdict)).toEqual(['already-approved', 'invited-not-pending', 'other']);
    expect(plan.notRequested).toEqual([endpoint(PARTNER_SUB, 'rg-late')]);
  });
});

/** An in-memory PLS: what az would show, and the approvals it was asked for. */
class MemoryPls implements PrivateLinkServiceClient {
  readonly approved: string[] = [];
  /** Connections whose approval fails, as az does without the right role. */
  readonly failing = new Set<string>();
  constructor(private readonly state: PlsState) {}
  async show(): Promise<PlsState> {
    return this.state;
  }
  async approve(_pls: PlsRef, name: string, description: string): Promise<void> {
    expect(description).toBe(APPROVAL_DESCRIPTION);
    if (this.failing.has(name)) throw new ExecutorError('approval failed (fake)', 'a hint');
    this.approved.push(name);
  }
}

describe('approveInvited', () => {
  const pls = { resourceGroup: 'rg-double-nat-provider', name: 'pls-b', subscription: PROVIDER_SUB };

  test('approves the invited endpoint, names the stranger with its request message and leaves it pending', async () => {
    const client = new MemoryPls(
      parsePlsShow(
        JSON.stringify({
          id: plsId(PROVIDER_SUB),
          privateEndpointConnections: [
            connection('partner', partnerEndpoint.replace('resourceGroups/rg-double-nat-partner', 'resourcegroups/RG-DOUBLE-NAT-PARTNER'), 'Pending', 'Partner access'),
            connection('stranger', strangerEndpoint, 'Pending', 'let me in\u001b[2J'),
          ],
        }),
      ),
    );
    const result = await approveInvited(client, pls, [partnerEndpoint]);
    expect(client.approved).toEqual(['partner']);
    expect(result.unknown.map((c) => c.privateEndpointId)).toEqual([strangerEndpoint]);
    expect(result.lines.join('\n')).toContain(`NOT approved       ${strangerEndpoint} (request message: "let me in?[2J"): not invited by the configuration, left Pending`);
    expect(result.lines.join('\n')).not.toContain('\u001b');
  });

  test("fills in the provider's own subscription from the PLS id", async () => {
    const own = endpoint(PROVIDER_SUB, 'rg-double-nat-consumer');
    const client = new MemoryPls({ id: plsId(PROVIDER_SUB), connections: [{ name: 'c', privateEndpointId: own, status: 'Pending' }] });
    const result = await approveInvited(client, pls, [endpoint(PROVIDER_SUBSCRIPTION, 'rg-double-nat-consumer')]);
    expect(client.approved).toEqual(['c']);
    expect(result.invited).toEqual([own]);
  });

  test('one failed approval does not stop the others; both the failure and the rejected one are not approved', async () => {
    const second = endpoint(PARTNER_SUB, 'rg-double-nat-partner', 'pe-second');
    const rejected = endpoint(PARTNER_SUB, 'rg-double-nat-partner', 'pe-rejected');
    const client = new MemoryPls({
      id: plsId(PROVIDER_SUB),
      connections: [
        { name: 'first', privateEndpointId: partnerEndpoint, status: 'Pending' },
        { name: 'second', privateEndpointId: second, status: 'Pending' },
        { name: 'third', privateEndpointId: rejected, status: 'Rejected' },
      ],
    });
    client.failing.add('first');
    const result = await approveInvited(client, pls, [partnerEndpoint, second, rejected]);
    expect(client.approved).toEqual(['second']);
    expect(result.notApproved).toEqual([partnerEndpoint, rejected]);
    expect(result.lines[0]).toBe(`FAILED             ${partnerEndpoint}: approval failed (fake); what to do: a hint`);
  });

  test('with nobody invited it approves nothing and says so', async () => {
    const client = new MemoryPls({ id: plsId(PROVIDER_SUB), connections: [{ name: 's', privateEndpointId: strangerEndpoint, status: 'Pending' }] });
    const result = await approveInvited(client, pls, []);
    expect(client.approved).toEqual([]);
    expect(result.lines[0]).toBe('no consumer of pls-b uses manual approval: nothing to approve');
  });
});

describe('what the stacks output', () => {
  test('the provider lists exactly the manual consumers\' endpoint ids; each consumer outputs its own', () => {
    const { stacks } = synth(multiConsumer);
    expect(stacks['double-nat-provider'].output?.invited_private_endpoint_ids.value).toEqual([partnerEndpoint]);
    expect(stacks['double-nat-partner'].output?.private_endpoint_id.value).toMatch(/^\$\{azurerm_private_endpoint\.[^.]+\.id\}$/);
  });

  test("a consumer in the provider's subscription is identified through the deploy-time subscription", () => {
    const { stacks } = synth(sameSubscription);
    expect(stacks['double-nat-provider'].output?.invited_private_endpoint_ids.value).toEqual([
      endpoint('${data.azurerm_client_config.current.subscription_id}', 'rg-double-nat-consumer'),
    ]);
  });

  test('without manual approval there is nothing to approve: no invited ids, no command', () => {
    const { stacks } = synth({});
    expect(stacks['double-nat-provider'].output?.invited_private_endpoint_ids).toBeUndefined();
    expect(stacks['double-nat-provider'].output?.approve_pending_connections_command).toBeUndefined();
  });
});

describe('the approve_pending_connections_command output', () => {
  test('points to the one approval implementation instead of carrying a shell program', () => {
    expect(synth(multiConsumer).stacks['double-nat-provider'].output?.approve_pending_connections_command.value).toBe(APPROVE_COMMAND);
    expect(synth(sameSubscription).stacks['double-nat-provider'].output?.approve_pending_connections_command.value).toBe('npm run approve');
  });
});

describe('PLS error hints', () => {
  const pls = { resourceGroup: 'rg-double-nat-provider', name: 'pls-b', subscription: PROVIDER_SUB };
  test.each([
    ["ERROR: Please run 'az login' to setup account.", `sign in first: az login (with an identity that can reach subscription ${PROVIDER_SUB})`],
    ['(AuthorizationFailed) The client does not have authorization', 'privateEndpointConnections/write on pls-b'],
    ["(ResourceNotFound) The Resource 'pls-b' was not found", `is the provider stack deployed in subscription ${PROVIDER_SUB}?`],
    ['(AnotherOperationInProgress) Another operation on this or dependent resource is in progress', 'run npm run approve again in a minute'],
    [`(SubscriptionNotFound) The subscription '${PROVIDER_SUB}' could not be found.`, `az cannot see subscription ${PROVIDER_SUB}`],
  ])('%s', (stderr, hint) => {
    expect(hintForPlsError(stderr, pls)).toContain(hint);
    expect(hintForPlsError(stderr, pls)).not.toMatch(/Virtual Machine|run command/);
  });
});

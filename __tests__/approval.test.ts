/**
 * Approval approves only the invited: the endpoints of the consumers the configuration names with
 * manual approval, by resource id (case-insensitive, as Azure compares them). Any other pending
 * request stays pending. Covered on every path: the plan and `npm run approve` (with a fake az that
 * knows the PLS only in its own subscription); the provider stack's output points to that command.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planApproval } from '../lib/approval/approval-plan';
import { APPROVAL_DESCRIPTION, approveInvited } from '../lib/approval/approve';
import { PROVIDER_SUBSCRIPTION } from '../lib/approval/endpoint-id';
import { APPROVE_COMMAND } from '../lib/approval/approve-command';
import { PlsRef, PlsState, PrivateLinkServiceClient, hintForPlsError, parsePlsShow } from '../lib/approval/pls-client';
import { DoubleNatConfig } from '../lib/config/app-config';
import { ExecutorError } from '../lib/probe/executor';
import { synth, synthesizeInto } from './helpers/synth';
import { TRANSPILE_CACHE_HOOK } from './helpers/run-typescript';

const root = path.resolve(__dirname, '..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-approval-'));
  made.push(dir);
  return dir;
};

const PROVIDER_SUB = '11111111-1111-1111-1111-111111111111';
const PARTNER_SUB = '22222222-2222-2222-2222-222222222222';
const STRANGER_SUB = '99999999-9999-9999-9999-999999999999';
const endpoint = (sub: string, rg: string, name = 'pe-to-b') => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateEndpoints/${name}`;
const partnerEndpoint = endpoint(PARTNER_SUB, 'rg-double-nat-partner');
const strangerEndpoint = endpoint(STRANGER_SUB, 'rg-someone-else');
const plsId = (sub: string) => `/subscriptions/${sub}/resourceGroups/rg-double-nat-provider/providers/Microsoft.Network/privateLinkServices/pls-b`;

/** The multi-consumer example: partner (another subscription) waits for manual approval. */
const multiConsumer: DoubleNatConfig = JSON.parse(fs.readFileSync(path.join(root, 'examples/multi-consumer/double-nat.config.json'), 'utf8'));
/** A manual consumer without a subscription: it deploys into the provider's, known only at deploy. */
const sameSubscription: DoubleNatConfig = {
  consumers: [{ name: 'consumer', network: { addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } }, privateEndpoint: { manualApproval: true } }],
};

/** A PLS connection as az prints it. */
const connection = (name: string, id: string, status: string, description?: string) => ({
  name,
  id: `${plsId(PROVIDER_SUB)}/privateEndpointConnections/${name}`,
  privateEndpoint: { id },
  privateLinkServiceConnectionState: { status, description, actionsRequired: 'None' },
});

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

/** A fake az: serves one PLS from a JSON file and records every call next to it. */
function fakeAz(
  connections: object[],
  sub = PROVIDER_SUB,
  options: { failUpdate?: Record<string, string>; selected?: string } = {},
): { bin: string; dir: string; state: () => any; calls: () => string[] } {
  const dir = tempDir();
  const statePath = path.join(dir, 'pls.json');
  fs.writeFileSync(
    statePath,
    JSON.stringify({ id: plsId(sub), subscription: sub, selected: options.selected ?? STRANGER_SUB, failUpdate: options.failUpdate ?? {}, resourceGroup: 'rg-double-nat-provider', name: 'pls-b', privateEndpointConnections: connections }),
  );
  const script = path.join(dir, 'fake-az.js');
  fs.writeFileSync(
    script,
    `const fs = require('fs');
const args = process.argv.slice(2);
const statePath = ${JSON.stringify(statePath)};
fs.appendFileSync(statePath + '.calls', args.join(' ') + '\\n');
const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
const arg = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const fail = (text) => { process.stderr.write('ERROR: ' + text + '\\n'); process.exit(1); };
const verb = args.slice(0, 4).join(' ');
if (verb.startsWith('account show')) { process.stdout.write(state.selected + '\\n'); process.exit(0); }
// Like Azure, the PLS exists only in its own subscription; without --subscription az uses the selected one.
if ((arg('--subscription') ?? state.selected) !== state.subscription) fail("(ResourceNotFound) The Resource 'Microsoft.Network/privateLinkServices/pls-b' was not found");
if (verb.startsWith('network private-link-service show')) {
  if (arg('-g') !== state.resourceGroup || arg('-n') !== state.name) fail('(ResourceNotFound) was not found');
  const query = arg('--query');
  if (query === undefined) { process.stdout.write(JSON.stringify(state)); process.exit(0); }
  if (query !== "privateEndpointConnections[?privateLinkServiceConnectionState.status=='Pending'].[name, privateEndpoint.id]" || arg('-o') !== 'tsv') fail('unexpected query ' + query);
  for (const c of state.privateEndpointConnections) if (c.privateLinkServiceConnectionState.status === 'Pending') process.stdout.write(c.name + '\\t' + c.privateEndpoint.id + '\\n');
  process.exit(0);
}
if (verb === 'network private-link-service connection update') {
  if (arg('-g') !== state.resourceGroup || arg('--service-name') !== state.name) fail('(ResourceNotFound) was not found');
  const c = state.privateEndpointConnections.find((x) => x.name === arg('-n'));
  if (!c) fail('(NotFound) connection ' + arg('-n'));
  if (state.failUpdate[c.name]) fail(state.failUpdate[c.name]);
  c.privateLinkServiceConnectionState.status = arg('--connection-status');
  fs.writeFileSync(statePath, JSON.stringify(state));
  process.exit(0);
}
fail('fake az does not know: ' + args.join(' '));
`,
  );
  const bin = path.join(dir, 'az');
  fs.writeFileSync(bin, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)} "$@"\n`, { mode: 0o755 });
  return {
    bin,
    dir,
    state: () => JSON.parse(fs.readFileSync(statePath, 'utf8')),
    calls: () => (fs.existsSync(`${statePath}.calls`) ? fs.readFileSync(`${statePath}.calls`, 'utf8').trim().split('\n') : []),
  };
}
const statusOf = (state: any) => Object.fromEntries(state.privateEndpointConnections.map((c: any) => [c.name, c.privateLinkServiceConnectionState.status]));

describe('npm run approve (fake az)', () => {
  const runApprove = (config: DoubleNatConfig, az: string, env: Record<string, string> = {}) => {
    const outdir = path.join(tempDir(), 'out');
    synthesizeInto(config, outdir);
    const { ARM_SUBSCRIPTION_ID, ...rest } = process.env;
    void ARM_SUBSCRIPTION_ID;
    return spawnSync(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, path.join(root, 'tools/double-nat.ts'), 'approve', '--outdir', outdir], {
      cwd: root,
      env: { ...rest, AZ_COMMAND: az, ...env },
      encoding: 'utf8',
    });
  };

  test('approves the invited partner (its id in another case), leaves the stranger pending and names it', () => {
    const az = fakeAz([
      connection('team-a', endpoint(PROVIDER_SUB, 'rg-double-nat-team-a'), 'Approved'),
      connection('partner', partnerEndpoint.toLowerCase(), 'Pending', 'Partner access to the RDP service, ticket 4711'),
      connection('stranger', strangerEndpoint, 'Pending', 'please'),
    ]);
    const run = runApprove(multiConsumer, az.bin);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statusOf(az.state())).toEqual({ 'team-a': 'Approved', partner: 'Approved', stranger: 'Pending' });
    expect(run.stdout).toContain(`subscription ${PROVIDER_SUB}: the provider stack's, from the configuration`);
    expect(run.stdout).toContain(`approved           ${partnerEndpoint.toLowerCase()} (request message: "Partner access to the RDP service, ticket 4711")`);
    expect(run.stdout).toContain(`NOT approved       ${strangerEndpoint} (request message: "please"): not invited by the configuration, left Pending`);
    expect(run.stdout).toContain('1 pending request from endpoints the configuration does not name: not approved.');
    expect(az.calls().filter((c) => c.includes('connection update'))).toEqual([
      `network private-link-service connection update -g rg-double-nat-provider --service-name pls-b -n partner --connection-status Approved --description ${APPROVAL_DESCRIPTION} -o none --subscription ${PROVIDER_SUB}`,
    ]);
  });

  test('the reject hint is a whole command (-g, --service-name, -n, --subscription) that bash parses', () => {
    const az = fakeAz([connection("stranger's (test)", strangerEndpoint, 'Pending')]);
    const run = runApprove(multiConsumer, az.bin);
    const hint = /reject it with: (.*)$/m.exec(run.stdout)?.[1] ?? '';
    expect(hint).toBe(
      `az network private-link-service connection update -g rg-double-nat-provider --service-name pls-b -n 'stranger'\\''s (test)' --connection-status Rejected --subscription ${PROVIDER_SUB}`,
    );
    expect(spawnSync('bash', ['-n', '-c', hint]).status).toBe(0);
    // Run as printed, it rejects exactly that connection.
    const rejected = spawnSync('bash', ['-c', hint], { env: { ...process.env, PATH: `${az.dir}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(rejected.stderr).toBe('');
    expect(statusOf(az.state())).toEqual({ "stranger's (test)": 'Rejected' });
  });

  test('a failed approval exits 1, with a hint for the PLS call (not for VM run-command)', () => {
    const az = fakeAz(
      [connection('partner', partnerEndpoint, 'Pending'), connection('stranger', strangerEndpoint, 'Pending')],
      PROVIDER_SUB,
      { failUpdate: { partner: "(AuthorizationFailed) The client 'me' does not have authorization to perform action 'Microsoft.Network/privateLinkServices/privateEndpointConnections/write'" } },
    );
    const run = runApprove(multiConsumer, az.bin);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`FAILED             ${partnerEndpoint}: az network private-link-service connection update on pls-b failed: ERROR: (AuthorizationFailed)`);
    expect(run.stdout).toContain('what to do: your identity needs Microsoft.Network/privateLinkServices/privateEndpointConnections/write on pls-b');
    expect(run.stdout + run.stderr).not.toMatch(/Virtual Machine Contributor|run command/);
    expect(run.stderr).toContain('1 of 1 invited endpoint not approved (see above): fix the cause, then run npm run approve again.');
    expect(statusOf(az.state())).toEqual({ partner: 'Pending', stranger: 'Pending' });
  });

  test('an invited endpoint that was rejected, or has not asked yet, is not approved: exit 1', () => {
    const rejected = fakeAz([connection('partner', partnerEndpoint, 'Rejected')]);
    const run = runApprove(multiConsumer, rejected.bin);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`rejected           ${partnerEndpoint}: invited, but Rejected`);
    const missing = runApprove(multiConsumer, fakeAz([]).bin);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain(`not requested yet  ${partnerEndpoint}`);
  });

  test("without a configured subscription it names the one az has selected and passes it to every az call", () => {
    const own = endpoint(PROVIDER_SUB, 'rg-double-nat-consumer');
    const az = fakeAz([connection('consumer', own, 'Pending')], PROVIDER_SUB, { selected: PROVIDER_SUB });
    const run = runApprove(sameSubscription, az.bin);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`subscription ${PROVIDER_SUB}: the one az has selected`);
    const calls = az.calls();
    expect(calls[0]).toBe('account show --query id -o tsv');
    for (const call of calls.slice(1)) expect(call).toMatch(new RegExp(`--subscription ${PROVIDER_SUB}$`));
    expect(statusOf(az.state())).toEqual({ consumer: 'Approved' });
  });

  test('ARM_SUBSCRIPTION_ID (where the azurerm provider deployed) wins over the subscription az has selected', () => {
    const az = fakeAz([connection('consumer', endpoint(PROVIDER_SUB, 'rg-double-nat-consumer'), 'Pending')], PROVIDER_SUB, { selected: STRANGER_SUB });
    const run = runApprove(sameSubscription, az.bin, { ARM_SUBSCRIPTION_ID: PROVIDER_SUB });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`subscription ${PROVIDER_SUB}: from ARM_SUBSCRIPTION_ID`);
    expect(az.calls().some((c) => c.startsWith('account show'))).toBe(false);
    expect(statusOf(az.state())).toEqual({ consumer: 'Approved' });
  });

  test('approves nothing when no consumer uses manual approval', () => {
    const az = fakeAz([connection('stranger', strangerEndpoint, 'Pending')], PROVIDER_SUB, { selected: PROVIDER_SUB });
    const run = runApprove({}, az.bin);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no consumer of pls-b uses manual approval: nothing to approve');
    expect(statusOf(az.state())).toEqual({ stranger: 'Pending' });
    expect(az.calls().some((c) => c.includes('connection update'))).toBe(false);
  });

  test('an az failure exits 1 with what to do', () => {
    const run = runApprove(multiConsumer, path.join(tempDir(), 'no-such-az'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the Azure CLI (az) is not installed');
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

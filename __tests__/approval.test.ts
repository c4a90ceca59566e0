/**
 * Approval approves only the invited: the endpoints of the consumers the configuration names with
 * manual approval, by resource id (case-insensitive, as Azure compares them). Any other pending
 * request stays pending. Covered on every path: the plan, `npm run approve` (with a fake az), and the
 * command the provider stack outputs (run by bash against the same fake az).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planApproval } from '../lib/approval/approval-plan';
import { APPROVAL_DESCRIPTION, approveInvited } from '../lib/approval/approve';
import { PROVIDER_SUBSCRIPTION } from '../lib/approval/endpoint-id';
import { PlsRef, PlsState, PrivateLinkServiceClient, parsePlsShow } from '../lib/approval/pls-client';
import { DoubleNatConfig } from '../lib/config/app-config';
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
  constructor(private readonly state: PlsState) {}
  async show(): Promise<PlsState> {
    return this.state;
  }
  async approve(_pls: PlsRef, name: string, description: string): Promise<void> {
    expect(description).toBe(APPROVAL_DESCRIPTION);
    this.approved.push(name);
  }
}

describe('approveInvited', () => {
  const pls = { resourceGroup: 'rg-double-nat-provider', name: 'pls-b' };

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
function fakeAz(connections: object[], sub = PROVIDER_SUB): { bin: string; dir: string; state: () => any; calls: () => string[] } {
  const dir = tempDir();
  const statePath = path.join(dir, 'pls.json');
  fs.writeFileSync(statePath, JSON.stringify({ id: plsId(sub), resourceGroup: 'rg-double-nat-provider', name: 'pls-b', privateEndpointConnections: connections }));
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
  const runApprove = (config: DoubleNatConfig, az: string) => {
    const outdir = path.join(tempDir(), 'out');
    synthesizeInto(config, outdir);
    return spawnSync(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, path.join(root, 'tools/double-nat.ts'), 'approve', '--outdir', outdir], {
      cwd: root,
      env: { ...process.env, AZ_COMMAND: az },
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
    expect(run.stdout).toContain(`approved           ${partnerEndpoint.toLowerCase()} (request message: "Partner access to the RDP service, ticket 4711")`);
    expect(run.stdout).toContain(`NOT approved       ${strangerEndpoint} (request message: "please"): not invited by the configuration, left Pending`);
    expect(run.stdout).toContain('1 pending request from endpoints the configuration does not name: not approved.');
    expect(az.calls().filter((c) => c.includes('connection update'))).toEqual([
      `network private-link-service connection update -g rg-double-nat-provider --service-name pls-b -n partner --connection-status Approved --description ${APPROVAL_DESCRIPTION} -o none --subscription ${PROVIDER_SUB}`,
    ]);
  });

  test('approves nothing when no consumer uses manual approval', () => {
    const az = fakeAz([connection('stranger', strangerEndpoint, 'Pending')]);
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

describe('the approve_pending_connections_command output (bash, fake az)', () => {
  /** What Terraform does to the output at deploy: fill in the deploy-time subscription. */
  const deployed = (config: DoubleNatConfig) =>
    String(synth(config).stacks['double-nat-provider'].output?.approve_pending_connections_command.value).split('${data.azurerm_client_config.current.subscription_id}').join(PROVIDER_SUB);
  const runCommand = (command: string, az: ReturnType<typeof fakeAz>) =>
    spawnSync('bash', ['-c', command], { env: { ...process.env, PATH: `${az.dir}:${process.env.PATH}` }, encoding: 'utf8' });

  test('holds no other interpolation than the subscription', () => {
    expect(deployed(sameSubscription)).not.toContain('${');
  });

  test('fails when az fails, approving nothing', () => {
    const az = fakeAz([connection('stranger', strangerEndpoint, 'Pending')]);
    const run = runCommand(deployed(multiConsumer).replace("-n 'pls-b'", "-n 'pls-x'"), az);
    expect(run.status).not.toBe(0);
    expect(statusOf(az.state())).toEqual({ stranger: 'Pending' });
  });

  test('approves the invited endpoint whatever its case and leaves the stranger pending', () => {
    const az = fakeAz([
      connection('partner', partnerEndpoint.toUpperCase(), 'Pending'),
      connection('stranger', strangerEndpoint, 'Pending'),
    ]);
    const run = runCommand(deployed(multiConsumer), az);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statusOf(az.state())).toEqual({ partner: 'Approved', stranger: 'Pending' });
    expect(run.stdout).toContain(`NOT approved (not invited, left Pending): ${strangerEndpoint}`);
  });

  test("approves a consumer in the provider's own subscription once Terraform has filled it in", () => {
    const own = endpoint(PROVIDER_SUB, 'rg-double-nat-consumer');
    const az = fakeAz([connection('consumer', own, 'Pending'), connection('stranger', endpoint(STRANGER_SUB, 'rg-double-nat-consumer'), 'Pending')]);
    const run = runCommand(deployed(sameSubscription), az);
    expect(run.status).toBe(0);
    expect(statusOf(az.state())).toEqual({ consumer: 'Approved', stranger: 'Pending' });
  });
});

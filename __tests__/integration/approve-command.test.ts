/**
 * `npm run approve` (double-nat approve) against a fake az: a process that serves one Private Link
 * Service from a JSON file, knows it only in its own subscription (as Azure does) and records every
 * call. The approve command runs in this process; every az call it makes starts the fake.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APPROVAL_DESCRIPTION } from '../../lib/approval/approve';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { PROVIDER_SUB, STRANGER_SUB, connection, endpoint, multiConsumer, partnerEndpoint, plsId, sameSubscription, strangerEndpoint } from '../helpers/approval-fixtures';
import { runDoubleNat } from '../helpers/in-process';
import { synthesizeInto } from '../helpers/synth';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-approval-'));
  made.push(dir);
  return dir;
};

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
    return runDoubleNat(['approve', '--outdir', outdir], { ARM_SUBSCRIPTION_ID: undefined, AZ_COMMAND: az, ...env });
  };

  test('approves the invited partner (its id in another case), leaves the stranger pending and names it', async () => {
    const az = fakeAz([
      connection('team-a', endpoint(PROVIDER_SUB, 'rg-double-nat-team-a'), 'Approved'),
      connection('partner', partnerEndpoint.toLowerCase(), 'Pending', 'Partner access to the RDP service, ticket 4711'),
      connection('stranger', strangerEndpoint, 'Pending', 'please'),
    ]);
    const run = await runApprove(multiConsumer, az.bin);
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

  test('the reject hint is a whole command (-g, --service-name, -n, --subscription) that bash parses', async () => {
    const az = fakeAz([connection("stranger's (test)", strangerEndpoint, 'Pending')]);
    const run = await runApprove(multiConsumer, az.bin);
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

  test('a failed approval exits 1, with a hint for the PLS call (not for VM run-command)', async () => {
    const az = fakeAz(
      [connection('partner', partnerEndpoint, 'Pending'), connection('stranger', strangerEndpoint, 'Pending')],
      PROVIDER_SUB,
      { failUpdate: { partner: "(AuthorizationFailed) The client 'me' does not have authorization to perform action 'Microsoft.Network/privateLinkServices/privateEndpointConnections/write'" } },
    );
    const run = await runApprove(multiConsumer, az.bin);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`FAILED             ${partnerEndpoint}: az network private-link-service connection update on pls-b failed: ERROR: (AuthorizationFailed)`);
    expect(run.stdout).toContain('what to do: your identity needs Microsoft.Network/privateLinkServices/privateEndpointConnections/write on pls-b');
    expect(run.stdout + run.stderr).not.toMatch(/Virtual Machine Contributor|run command/);
    expect(run.stderr).toContain('1 of 1 invited endpoint not approved (see above): fix the cause, then run npm run approve again.');
    expect(statusOf(az.state())).toEqual({ partner: 'Pending', stranger: 'Pending' });
  });

  test('an invited endpoint that was rejected, or has not asked yet, is not approved: exit 1', async () => {
    const rejected = fakeAz([connection('partner', partnerEndpoint, 'Rejected')]);
    const run = await runApprove(multiConsumer, rejected.bin);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`rejected           ${partnerEndpoint}: invited, but Rejected`);
    const missing = await runApprove(multiConsumer, fakeAz([]).bin);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain(`not requested yet  ${partnerEndpoint}`);
  });

  test("without a configured subscription it names the one az has selected and passes it to every az call", async () => {
    const own = endpoint(PROVIDER_SUB, 'rg-double-nat-consumer');
    const az = fakeAz([connection('consumer', own, 'Pending')], PROVIDER_SUB, { selected: PROVIDER_SUB });
    const run = await runApprove(sameSubscription, az.bin);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`subscription ${PROVIDER_SUB}: the one az has selected`);
    const calls = az.calls();
    expect(calls[0]).toBe('account show --query id -o tsv');
    for (const call of calls.slice(1)) expect(call).toMatch(new RegExp(`--subscription ${PROVIDER_SUB}$`));
    expect(statusOf(az.state())).toEqual({ consumer: 'Approved' });
  });

  test('ARM_SUBSCRIPTION_ID (where the azurerm provider deployed) wins over the subscription az has selected', async () => {
    const az = fakeAz([connection('consumer', endpoint(PROVIDER_SUB, 'rg-double-nat-consumer'), 'Pending')], PROVIDER_SUB, { selected: STRANGER_SUB });
    const run = await runApprove(sameSubscription, az.bin, { ARM_SUBSCRIPTION_ID: PROVIDER_SUB });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`subscription ${PROVIDER_SUB}: from ARM_SUBSCRIPTION_ID`);
    expect(az.calls().some((c) => c.startsWith('account show'))).toBe(false);
    expect(statusOf(az.state())).toEqual({ consumer: 'Approved' });
  });

  test('approves nothing when no consumer uses manual approval', async () => {
    const az = fakeAz([connection('stranger', strangerEndpoint, 'Pending')], PROVIDER_SUB, { selected: PROVIDER_SUB });
    const run = await runApprove({}, az.bin);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no consumer of pls-b uses manual approval: nothing to approve');
    expect(statusOf(az.state())).toEqual({ stranger: 'Pending' });
    expect(az.calls().some((c) => c.includes('connection update'))).toBe(false);
  });

  test('an az failure exits 1 with what to do', async () => {
    const run = await runApprove(multiConsumer, path.join(tempDir(), 'no-such-az'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the Azure CLI (az) is not installed');
  });
});

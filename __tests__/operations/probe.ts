/**
 * The probe shared by `npm run verify` (Azure) and the rehearsal (namespaces): its scripts, the
 * parsing of what they print, the az output, and its verdicts, driven here by a scripted executor.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzExecutor, hintForAzError, parseRunCommandOutput } from '../../lib/probe/az-executor';
import { parseConnections } from '../../lib/probe/connections';
import { deployedResolver, stackSubscriptions } from '../../lib/probe/deployed-addresses';
import { Executor, HostRef } from '../../lib/probe/executor';
import { ExecutorError } from '../../lib/shell/executor-error';
import { probe, renderResults } from '../../lib/probe/probe';
import { backendScript, clientScript } from '../../lib/probe/scripts';
import { probeTargets } from '../../lib/probe/targets';
import { servicePaths } from '../../lib/topology/paths';
import { readTopology } from '../../lib/topology/read-synth';
import { stacksOf } from '../../lib/app/synth-topology';
import { target } from '../helpers/probe-target';

describe('parseConnections', () => {
  test.each([
    ['ss with state', 'ESTAB 0 0 10.0.0.4:50012 10.0.0.5:3389', { local: { ip: '10.0.0.4', port: 50012 }, peer: { ip: '10.0.0.5', port: 3389 } }],
    ['ss state established (no state column)', '0      0      10.1.0.5:3389   10.1.1.4:1044', { local: { ip: '10.1.0.5', port: 3389 }, peer: { ip: '10.1.1.4', port: 1044 } }],
    ['IPv4-mapped IPv6', 'ESTAB 0 0 [::ffff:10.1.0.5]:443 [::ffff:10.1.1.4]:5001', { local: { ip: '10.1.0.5', port: 443 }, peer: { ip: '10.1.1.4', port: 5001 } }],
    ['Windows script line', 'ESTAB 10.1.0.5:3389 10.1.1.4:49731\r', { local: { ip: '10.1.0.5', port: 3389 }, peer: { ip: '10.1.1.4', port: 49731 } }],
  ])('%s', (_case, line, expected) => {
    expect(parseConnections(`header\n${line}\n\n`)).toEqual([expected]);
  });

  test('skips listening sockets and noise', () => {
    expect(parseConnections('LISTEN 0 128 0.0.0.0:3389 0.0.0.0:*\nEnable succeeded\n')).toEqual([]);
  });
});

describe('probe scripts', () => {
  test('Linux client holds a connection to the endpoint and lists it', () => {
    const script = clientScript('linux', '10.0.0.5', 3389, 30);
    expect(script).toContain("exec 3<>/dev/tcp/10.0.0.5/3389 && sleep 30");
    expect(script).toContain("ss -Htn state established '( dst 10.0.0.5 and dport = :3389 )'");
  });

  test('Windows client and backend print the same line shape', () => {
    expect(clientScript('windows', '10.0.0.5', 3389)).toContain("$c.Connect(''10.0.0.5'', 3389)");
    expect(backendScript('windows', 3389)).toContain('Get-NetTCPConnection -LocalPort 3389 -State Established');
    expect(backendScript('windows', 3389)).toContain('"ESTAB $($_.LocalAddress):$($_.LocalPort) $($_.RemoteAddress):$($_.RemotePort)"');
  });

  test('only addresses and ports reach a script', () => {
    expect(() => clientScript('linux', '10.0.0.5; rm -rf /', 22)).toThrow('not an IPv4 address');
    expect(() => backendScript('linux', 70000)).toThrow('not a port');
  });
});

describe('az vm run-command output', () => {
  test('Linux: the [stdout] section', () => {
    const json = JSON.stringify({ value: [{ code: 'ProvisioningState/succeeded', message: 'Enable succeeded: \n[stdout]\nESTAB 0 0 10.1.0.5:22 10.1.1.4:4000\n\n[stderr]\nwarning\n' }] });
    expect(parseRunCommandOutput(json)).toBe('ESTAB 0 0 10.1.0.5:22 10.1.1.4:4000\n');
  });

  test('Windows: the StdOut entry', () => {
    const json = JSON.stringify({ value: [{ code: 'ComponentStatus/StdOut/succeeded', message: 'ESTAB 10.1.0.5:3389 10.1.1.4:49731' }, { code: 'ComponentStatus/StdErr/succeeded', message: '' }] });
    expect(parseRunCommandOutput(json)).toBe('ESTAB 10.1.0.5:3389 10.1.1.4:49731');
  });

  test.each([
    ["ERROR: Please run 'az login' to setup account.", 'az login'],
    ['(VMAgentStatusCommunicationError) VM has reported a failure', 'VM agent is not ready'],
    ['(AuthorizationFailed) The client does not have authorization', 'Virtual Machine Contributor'],
    ['(Conflict) Run command extension execution is in progress', 'retry in a minute'],
    ["(ResourceNotFound) The Resource 'vm-a' was not found", 'is that stack deployed'],
  ])('hint for %s', (stderr, hint) => {
    expect(hintForAzError(stderr)).toContain(hint);
  });
});

/** An executor that answers from a table: host name → what the script printed (or an error). */
class ScriptedExecutor implements Executor {
  readonly calls: { host: string; script: string }[] = [];
  constructor(private readonly outputs: Record<string, string | Error>) {}
  async run(host: HostRef, script: string): Promise<string> {
    this.calls.push({ host: host.name, script });
    const output = this.outputs[host.name];
    if (output instanceof Error) throw output;
    return output ?? '';
  }
}

describe('probe verdicts', () => {
  test('DNAT and SNAT pass when VM-A sees the endpoint and VM-B sees the NAT IP', async () => {
    const executor = new ScriptedExecutor({ 'vm-a': 'ESTAB 10.0.0.4:50000 10.0.0.5:3389', 'vm-b': 'ESTAB 10.1.0.5:3389 10.1.1.4:1024' });
    const result = await probe(target, executor);
    expect(result.checks.map((c) => [c.name, c.pass])).toEqual([['DNAT', true], ['SNAT', true]]);
    expect(executor.calls.map((c) => c.host)).toEqual(['vm-a', 'vm-b']);
    expect(renderResults([result]).text).toContain('PASS  SNAT: vm-b sees 10.1.1.4, a PLS NAT IP in its own VNet');
  });

  test('DNAT fails when VM-A cannot connect, with the approval hint when approval is pending', async () => {
    const result = await probe({ ...target, pendingApproval: true }, new ScriptedExecutor({ 'vm-a': '' }));
    expect(result.checks).toEqual([expect.objectContaining({ name: 'DNAT', pass: false, hint: expect.stringContaining('run npm run approve') })]);
  });

  test("SNAT fails when VM-B sees VM-A's own address", async () => {
    const executor = new ScriptedExecutor({ 'vm-a': 'ESTAB 10.0.0.4:50000 10.0.0.5:3389', 'vm-b': 'ESTAB 10.1.0.5:3389 10.0.0.4:50000' });
    const result = await probe(target, executor);
    expect(result.checks[1]).toMatchObject({ name: 'SNAT', pass: false, detail: "vm-b sees vm-a's own address 10.0.0.4: no SNAT happened" });
  });

  test('SNAT fails when no backend holds the connection', async () => {
    const result = await probe(target, new ScriptedExecutor({ 'vm-a': 'ESTAB 10.0.0.4:50000 10.0.0.5:3389', 'vm-b': '' }));
    expect(result.checks[1]).toMatchObject({ name: 'SNAT', pass: false, detail: 'no backend has a connection on port 3389' });
    expect(renderResults([result])).toMatchObject({ passed: 1, failed: 1 });
  });

  test('an executor failure is reported with its hint and counts as failed', async () => {
    const result = await probe(target, new ScriptedExecutor({ 'vm-a': new ExecutorError('az vm run-command on vm-a failed: (VMAgentStatusCommunicationError)', 'the VM agent is not ready') }));
    const rendered = renderResults([result]);
    expect(rendered.text).toContain('SKIP  az vm run-command on vm-a failed: (VMAgentStatusCommunicationError). the VM agent is not ready');
    expect(rendered.failed).toBe(1);
  });

  test('UDP services are not probed, and say so', async () => {
    const result = await probe({ ...target, protocol: 'Udp' }, new ScriptedExecutor({}));
    expect(result.skipped).toContain('only TCP services are probed');
    expect(renderResults([result]).failed).toBe(0);
  });
});

test('dynamic addresses come from the deployed outputs', () => {
  const topology = readTopology(stacksOf({ provider: { natIps: [{ privateIp: 'Dynamic' }] }, consumers: [{ privateEndpoint: { privateIp: 'Dynamic' } }] }));
  const outputs: Record<string, Record<string, { value: unknown }>> = {
    'double-nat-provider': { nat_ips: { value: ['10.1.1.7'] } },
    'double-nat-consumer': { private_endpoint_ip: { value: '10.0.0.9' } },
  };
  const resolve = deployedResolver(topology, (stack) => outputs[stack]);
  expect(resolve(topology.provider.natIps[0], 'nat-ip-0')).toBe('10.1.1.7');
  expect(resolve(topology.consumers[0].privateEndpoint.address, 'endpoint:double-nat-consumer')).toBe('10.0.0.9');
  expect(resolve({ ip: '10.1.0.4', subnet: '10.1.0.0/24' }, 'frontend')).toBe('10.1.0.4');
});

describe('npm run verify probes every VM in its own stack\'s subscription', () => {
  const PROVIDER_SUB = '11111111-1111-1111-1111-111111111111';
  const PARTNER_SUB = '22222222-2222-2222-2222-222222222222';
  const topology = readTopology(
    stacksOf({
      consumers: [
        { name: 'partner', subscriptionId: PARTNER_SUB, network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } },
        { name: 'team-a' },
      ],
    }),
  );
  // No subscription configured for the provider: Terraform filled it into the ids it outputs.
  const outputs: Record<string, Record<string, { value: unknown }>> = {
    'double-nat-provider': { private_link_service_id: { value: `/subscriptions/${PROVIDER_SUB}/resourceGroups/rg-double-nat-provider/providers/Microsoft.Network/privateLinkServices/pls-b` } },
  };

  test('the configured subscription, else the one in the stack\'s deployed resource id', () => {
    const subscriptionOf = stackSubscriptions(topology, (stack) => outputs[stack] ?? {});
    expect(subscriptionOf('double-nat-provider')).toBe(PROVIDER_SUB);
    expect(subscriptionOf('double-nat-partner')).toBe(PARTNER_SUB);
    expect(subscriptionOf('double-nat-team-a')).toBe(PROVIDER_SUB);
    expect(() => stackSubscriptions(topology, () => ({}))('double-nat-provider')).toThrow('no subscription for double-nat-provider');
    const targets = probeTargets(topology, servicePaths(topology), (address) => address.ip ?? '10.0.0.9', subscriptionOf);
    const partner = targets.find((t) => t.label.startsWith('double-nat-partner'))!;
    expect(partner.client.subscription).toBe(PARTNER_SUB);
    expect(partner.backends.map((b) => b.subscription)).toEqual([PROVIDER_SUB]);
    expect(targets.find((t) => t.label.startsWith('double-nat-team-a'))!.client.subscription).toBe(PROVIDER_SUB);
  });

  test('az vm run-command gets --subscription, and its hints name the VM with every value quoted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-probe-az-'));
    try {
      const az = path.join(dir, 'az');
      fs.writeFileSync(az, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\necho '(ResourceNotFound) was not found' >&2\nexit 1\n`, { mode: 0o755 });
      const host = { name: 'vm-a', resourceGroup: 'rg-team (a).x', os: 'linux' as const, subscription: PARTNER_SUB };
      const error = await new AzExecutor(az).run(host, 'true').catch((e: unknown) => e);
      expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n').slice(-3, -1)).toEqual(['--subscription', PARTNER_SUB]);
      expect(error).toBeInstanceOf(ExecutorError);
      const hint = (error as ExecutorError).hint;
      expect(hint).toBe(`is that stack deployed, in that subscription? (az vm show -g 'rg-team (a).x' -n vm-a --subscription ${PARTNER_SUB} -o table)`);
      expect(spawnSync('bash', ['-n', '-c', /\((az .*)\)$/.exec(hint)![1]]).status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

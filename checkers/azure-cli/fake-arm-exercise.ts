/**
 * `npm run approve` and `npm run verify`, unchanged, against the real Azure CLI talking to the fake
 * Azure endpoints (fake-arm.ts) over TLS on loopback, through a custom cloud and a service principal
 * sign-in that never leaves the machine. Each scenario states what must hold; the outputs of every
 * run are kept for the parser check (the hints they print hold `az` commands too).
 */
import * as fs from 'fs';
import * as path from 'path';
import { APPROVAL_DESCRIPTION } from '../../lib/approval/approve';
import { probeTargets } from '../../lib/probe/targets';
import { Topology } from '../../lib/topology/model';
import { servicePaths } from '../../lib/topology/paths';
import { AzEnvironment, RunResult, runAsync } from './az-environment';
import { FakeArm, FakeConnection, FakeVm } from './fake-arm';

export interface Finding {
  readonly ok: boolean;
  readonly what: string;
  readonly detail?: string;
}

export interface ExerciseResult {
  readonly findings: Finding[];
  /** Every run's printed text, by a label, for the parser check. */
  readonly printed: { source: string; text: string }[];
  /** What the fake received: "METHOD path?api-version" with the status it gave. */
  readonly requests: string[];
}

const TENANT = '33333333-3333-3333-3333-333333333333';
/** A subscription no stack uses: selected in az, so a call that does not name its stack's subscription lands here and fails. */
const BYSTANDER = '44444444-4444-4444-4444-444444444444';
const CLOUD = 'DoubleNatFakeArm';
const root = path.resolve(__dirname, '..', '..');

export async function exerciseAgainstFakeArm(options: { env: AzEnvironment; work: string; outdir: string; topology: Topology }): Promise<ExerciseResult> {
  const { env, work, outdir, topology } = options;
  const findings: Finding[] = [];
  const printed: { source: string; text: string }[] = [];
  const expect = (ok: boolean, what: string, detail?: string) => findings.push({ ok, what, detail: ok ? undefined : detail });

  // TLS: a CA made for this run; az (requests) trusts it through REQUESTS_CA_BUNDLE, Node through the server options.
  const certDir = path.join(work, 'tls');
  const made = await runAsync(path.join(env.venv, 'bin', 'python'), [path.join(__dirname, 'make-cert.py'), certDir], { env: process.env });
  if (made.status !== 0) throw new Error(`make-cert.py failed: ${made.stderr}`);
  const tls = { ca: path.join(certDir, 'ca.pem'), cert: fs.readFileSync(path.join(certDir, 'server.pem'), 'utf8'), key: fs.readFileSync(path.join(certDir, 'server-key.pem'), 'utf8') };

  const providerSub = topology.provider.subscription ?? BYSTANDER;
  const subOf = (s: string) => (s === 'provider' ? providerSub : s);
  const subscriptions = [...new Set([providerSub, ...topology.consumers.map((c) => subOf(c.subscription)), BYSTANDER])].map((id, i) => ({ id, name: `fake-subscription-${i}` }));

  // Addresses Azure would pick at deploy: made up here, served by a fake `terraform output -json`.
  const outputs = fakeOutputs(topology);
  writeFakeTerraform(env.bin, outputs);
  const resolve = (address: { ip?: string }, role: string): string => {
    if (address.ip) return address.ip;
    const [kind, stack] = role.split(':');
    return kind === 'endpoint' ? (outputs[stack].private_endpoint_ip.value as string) : (outputs[topology.provider.stack].nat_ips.value as string[])[Number(kind.slice(7))];
  };
  const targets = probeTargets(topology, servicePaths(topology), resolve);
  // VMs are told apart by resource group and name: every consumer's client VM may be called vm-a.
  const same = (a: { name: string; resourceGroup: string }, b: { name: string; resourceGroup: string }) => a.name === b.name && a.resourceGroup === b.resourceGroup;
  const vms: FakeVm[] = [];
  const addVm = (vm: Omit<FakeVm, 'stdout'>, lines: () => string[]) => {
    if (!vms.some((v) => same(v, vm))) vms.push({ ...vm, stdout: () => lines().join('\n') });
  };
  for (const consumer of topology.consumers) {
    const mine = targets.filter((t) => same(t.client, consumer.clientVm));
    const ip = consumer.clientVm.address.ip ?? '10.99.0.4';
    // `ss -tn` lines as the probe scripts print them: VM-A connected to its private endpoint ...
    addVm({ subscription: subOf(consumer.subscription), resourceGroup: consumer.clientVm.resourceGroup, name: consumer.clientVm.name }, () =>
      mine.map((t, i) => `ESTAB 0 0 ${ip}:${50000 + i} ${t.endpointIp}:${t.frontendPort}`),
    );
  }
  for (const backend of topology.provider.backendVms) {
    // ... and each backend seeing a PLS NAT IP as its peer.
    addVm({ subscription: providerSub, resourceGroup: backend.resourceGroup, name: backend.name }, () =>
      targets.filter((t) => t.backends.some((b) => same(b, backend))).map((t, i) => `ESTAB 0 0 ${backend.address.ip ?? '10.98.0.4'}:${t.backendPort} ${t.natIps[0]}:${40000 + i}`),
    );
  }

  const invited = topology.provider.invitedEndpointIds.map((id) => id.split('{provider-subscription}').join(providerSub));
  const stranger = `/subscriptions/${BYSTANDER}/resourceGroups/rg-stranger/providers/Microsoft.Network/privateEndpoints/pe-stranger`;
  const connections = (): FakeConnection[] => [
    ...topology.consumers
      .filter((c) => !c.privateEndpoint.manualApproval)
      .map((c): FakeConnection => ({ name: `${c.privateEndpoint.name}.auto`, privateEndpointId: c.privateEndpoint.id.split('{provider-subscription}').join(providerSub), status: 'Approved', description: 'Auto-Approved' })),
    // An invited endpoint as Azure may spell it: resource ids compare case-insensitively.
    ...invited.map((id, i): FakeConnection => ({ name: `invited-${i}.pending`, privateEndpointId: i === 0 ? id.toLowerCase() : id, status: 'Pending', description: 'Partner access, ticket 4711' })),
    { name: 'stranger.pending', privateEndpointId: stranger, status: 'Pending', description: 'please approve' },
  ];
  const pls = { subscription: providerSub, resourceGroup: topology.provider.resourceGroup, name: topology.provider.privateLinkService, location: 'westeurope', connections: connections() };
  const fake = new FakeArm({ tenant: TENANT, subscriptions, pls, vms, cert: tls.cert, key: tls.key });
  await fake.start();
  const configDir = path.join(work, 'azure-config-fake');
  // MSAL checks an unknown authority host with login.microsoftonline.com unless told not to: the
  // setting az documents for Azure Stack (core.instance_discovery) keeps the sign-in on loopback.
  const azEnv = env.env(configDir, { REQUESTS_CA_BUNDLE: tls.ca, AZURE_CORE_INSTANCE_DISCOVERY: 'false' });
  const az = (args: string[]) => runAsync(path.join(env.venv, 'bin', 'az'), args, { env: azEnv });
  const step = async (what: string, args: string[]): Promise<RunResult> => {
    const run = await az(args);
    expect(run.status === 0, `az ${what}`, `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return run;
  };
  try {
    // A custom cloud whose Resource Manager and Entra ID endpoints are the fake.
    // Registered as an Azure Stack cloud is: from its Resource Manager's metadata endpoint.
    await step('cloud register (the fake as a custom cloud, from its metadata endpoint)', ['cloud', 'register', '-n', CLOUD, '--endpoint-resource-manager', fake.url]);
    await step('cloud set', ['cloud', 'set', '-n', CLOUD]);
    // A service principal sign-in: MSAL reads the fake's OpenID configuration and token endpoint.
    const login = await step('login --service-principal (against the fake Entra ID)', ['login', '--service-principal', '-u', '00000000-0000-0000-0000-0000000000ad', '-p', 'fake-secret-not-a-secret', '--tenant', TENANT, '-o', 'none']);
    if (login.status !== 0) return { findings, printed, requests: describe(fake) };
    await step('account set (a subscription no stack uses)', ['account', 'set', '-s', BYSTANDER]);

    // The double-nat command's subcommands, as `npm run approve|verify` run them.
    const node = (subcommand: 'approve' | 'verify', extra: NodeJS.ProcessEnv = {}) =>
      runAsync(process.execPath, ['-r', path.join(root, 'scripts', 'transpile-cache.js'), path.join(root, 'tools', 'double-nat.ts'), subcommand, '--outdir', outdir], { env: { ...azEnv, ...extra }, cwd: root, timeoutMs: 600_000 });
    const statusOf = () => Object.fromEntries(pls.connections.map((c) => [c.name, c.status]));

    // approve, 1: the invited endpoint is approved, the stranger stays pending.
    const approved = await node('approve');
    printed.push({ source: 'npm run approve (invited + stranger pending)', text: approved.stdout + approved.stderr });
    expect(approved.status === 0, 'approve: exits 0 when every invited endpoint was approved', `exit ${approved.status}: ${approved.stderr.trim()}`);
    for (const c of pls.connections.filter((c) => c.name.startsWith('invited-'))) {
      expect(c.status === 'Approved', `approve: invited ${c.name} is Approved in the fake`, `status ${c.status}`);
      expect(c.description === APPROVAL_DESCRIPTION, `approve: ${c.name} carries the approval reason`, `description "${c.description}"`);
    }
    expect(statusOf()['stranger.pending'] === 'Pending', 'approve: the stranger stays Pending', JSON.stringify(statusOf()));
    expect(approved.stdout.includes(stranger), 'approve: names the stranger in its report', approved.stdout);
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    expect(puts.length === invited.length && puts.every((r) => r.path.toLowerCase().includes(`/subscriptions/${providerSub}/`)), "approve: every update goes to the provider's subscription (not the one az has selected)", puts.map((r) => r.path).join(', '));

    // approve, 2: Azure refuses the update: exit non-zero, nothing approved.
    pls.connections = connections();
    for (const c of pls.connections) if (c.name.startsWith('invited-')) fake.refuseUpdateOf.add(c.name);
    const refused = await node('approve');
    printed.push({ source: 'npm run approve (update refused: 403 AuthorizationFailed)', text: refused.stdout + refused.stderr });
    expect(refused.status !== 0 && refused.status !== null, 'approve: exits non-zero when Azure refuses an approval', `exit ${refused.status}: ${refused.stdout}${refused.stderr}`);
    expect(pls.connections.every((c) => c.status !== 'Approved' || c.name.endsWith('.auto')), 'approve: nothing approved when refused', JSON.stringify(statusOf()));
    fake.refuseUpdateOf.clear();

    // approve, 3: signed out (an empty configuration folder): exit non-zero with the sign-in hint.
    const signedOut = await runAsync(process.execPath, ['-r', path.join(root, 'scripts', 'transpile-cache.js'), path.join(root, 'tools', 'double-nat.ts'), 'approve', '--outdir', outdir], {
      env: env.env(path.join(work, 'azure-config-signed-out'), { REQUESTS_CA_BUNDLE: tls.ca }),
      cwd: root,
    });
    printed.push({ source: 'npm run approve (signed out)', text: signedOut.stdout + signedOut.stderr });
    expect(signedOut.status !== 0, 'approve: exits non-zero signed out', `exit ${signedOut.status}`);
    expect(/az login/.test(signedOut.stderr), 'approve: signed out, says to sign in', signedOut.stderr);

    // verify: every probe passes when the VMs print what a working double NAT shows.
    const before = fake.requests.length;
    const verified = await node('verify');
    printed.push({ source: 'npm run verify', text: verified.stdout + verified.stderr });
    const summary = /(\d+) passed, (\d+) failed/.exec(verified.stdout);
    const tcp = targets.filter((t) => t.protocol === 'Tcp').length;
    expect(verified.status === 0 && summary?.[1] === String(2 * tcp) && summary?.[2] === '0', `verify: ${2 * tcp} checks (DNAT and SNAT on ${tcp} TCP paths) pass through az vm run-command`, `exit ${verified.status}: ${verified.stdout.trim().split('\n').slice(-12).join(' | ')} ${verified.stderr.trim()}`);
    const runCommands = fake.requests.slice(before).filter((r) => /\/runCommand$/i.test(r.path));
    expect(runCommands.length > 0 && runCommands.every((r) => r.status === 200), "verify: every run command reached its VM in that VM's subscription", runCommands.filter((r) => r.status !== 200).map((r) => `${r.method} ${r.path} -> ${r.status}`).join(', '));
    // verify, again, with the fake answering each VM in any subscription: whatever the check above
    // found, this reads what az prints for a Linux and a Windows run command through the probe's parser.
    if (runCommands.some((r) => r.status !== 200)) {
      fake.vmsInAnySubscription = true;
      const lenient = await node('verify');
      printed.push({ source: 'npm run verify (VMs answered in any subscription)', text: lenient.stdout + lenient.stderr });
      const counts = /(\d+) passed, (\d+) failed/.exec(lenient.stdout);
      expect(lenient.status === 0 && counts?.[1] === String(2 * tcp) && counts?.[2] === '0', `verify, VMs answered in any subscription: ${2 * tcp} checks pass (the probe reads az's Linux and Windows run-command output)`, `exit ${lenient.status}: ${lenient.stdout.trim().split('\n').slice(-12).join(' | ')} ${lenient.stderr.trim()}`);
      fake.vmsInAnySubscription = false;
    }

    // verify when VMs are in trouble (errors as ARM words them): exit non-zero, and the hints it prints
    // (with their az commands) go to the parser check.
    fake.vmsInAnySubscription = true;
    // The hint for a failed connection differs: an automatic consumer's names the endpoint to check.
    const vmOf = (c: (typeof topology.consumers)[number] | undefined) => (c ? `${c.clientVm.resourceGroup}/${c.clientVm.name}` : '');
    const automatic = vmOf(topology.consumers.find((c) => !c.privateEndpoint.manualApproval));
    const manual = vmOf(topology.consumers.find((c) => c.privateEndpoint.manualApproval));
    const troubles: [string, Parameters<FakeArm['vmTrouble']['set']>[1]][][] = [
      [
        [automatic, 'no-connection'],
        [manual, { status: 409, code: 'VMAgentStatusCommunicationError', message: "VM 'vm-a' has not reported status for VM agent or extensions. Verify that the OS is up and healthy, the VM has a running VM agent, and that it can establish outbound connections to Azure storage." }],
      ],
      [
        [automatic, { status: 409, code: 'Conflict', message: 'Run command extension execution is in progress. Please wait for completion before invoking a run command.' }],
        [manual, { status: 409, code: 'OperationNotAllowed', message: "Operation 'runCommand' is not allowed on VM 'vm-a' since the VM is deallocated." }],
      ],
    ];
    for (const [i, trouble] of troubles.entries()) {
      fake.vmTrouble.clear();
      for (const [vm, what] of trouble) fake.vmTrouble.set(vm, what);
      const run = await node('verify');
      printed.push({ source: `npm run verify (VMs in trouble, ${i + 1})`, text: run.stdout + run.stderr });
      expect(run.status !== 0 && run.status !== null, `verify: exits non-zero when the VMs are in trouble (${trouble.map(([, w]) => (typeof w === 'string' ? w : w.code)).join(', ')})`, `exit ${run.status}`);
    }
    fake.vmTrouble.clear();
    fake.vmsInAnySubscription = false;
    return { findings, printed, requests: describe(fake) };
  } finally {
    await fake.stop();
  }
}

function describe(fake: FakeArm): string[] {
  return fake.requests.map((r) => `${r.method} ${r.path}${r.apiVersion ? `?api-version=${r.apiVersion}` : ''} -> ${r.status}`);
}

type Outputs = Record<string, Record<string, { value: unknown }>>;

/** Deploy-time addresses for every dynamic one, as the stacks' outputs would give them. */
function fakeOutputs(topology: Topology): Outputs {
  const outputs: Outputs = { [topology.provider.stack]: { nat_ips: { value: topology.provider.natIps.map((n, i) => n.ip ?? `10.97.0.${10 + i}`) } } };
  topology.consumers.forEach((c, i) => (outputs[c.stack] = { private_endpoint_ip: { value: c.privateEndpoint.address.ip ?? `10.96.${i}.5` } }));
  return outputs;
}

/** `terraform -chdir=<outdir>/stacks/<stack> output -json`, answered from `outputs` (Terraform is not what this checks). */
function writeFakeTerraform(bin: string, outputs: Outputs): void {
  const file = path.join(bin, 'terraform-outputs.json');
  fs.writeFileSync(file, JSON.stringify(outputs));
  fs.writeFileSync(
    path.join(bin, 'terraform'),
    `#!${process.execPath}\nconst chdir = process.argv.find((a) => a.startsWith('-chdir=')) || '';\nconst stack = require('path').basename(chdir.slice(7));\nconst all = require(${JSON.stringify(file)});\nif (!all[stack] || !process.argv.includes('output')) { console.error('fake terraform: no outputs for ' + stack); process.exit(1); }\nprocess.stdout.write(JSON.stringify(all[stack]));\n`,
    { mode: 0o755 },
  );
}

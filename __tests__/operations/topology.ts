/**
 * Reading the synthesized stacks back into the path model, the explain report, the diagrams and the
 * rehearsal lab plan (the lab itself runs in CI as root: npm run test:rehearsal).
 */
import * as fs from 'fs';
import * as path from 'path';
import { planLab } from '../../lib/rehearsal/lab';
import { diagramFiles } from '../../lib/app/diagram-files';
import { renderMermaid, renderSvg } from '../../lib/topology/diagram';
import { servicePaths } from '../../lib/topology/paths';
import { Stacks, TopologyError, readTopology } from '../../lib/topology/read-synth';
import { renderReport } from '../../lib/topology/report';
import { stacksOf as synthStacksOf } from '../../lib/app/synth-topology';
import { oncePerConfig } from '../helpers/synth';

const root = path.resolve(__dirname, '..', '..');
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(root, 'examples', name, 'double-nat.config.json'), 'utf8'));
const clone = (stacks: Stacks): Stacks => JSON.parse(JSON.stringify(stacks));
const explain = (stacks: Stacks, port?: number) => {
  const topology = readTopology(stacks);
  return renderReport(topology, servicePaths(topology), port);
};

// Each configuration synthesizes once in this file; its stacks are frozen (clone them to break them).
const stacksOf = oncePerConfig(synthStacksOf);
const defaults = stacksOf({});

test('the default topology holds the article addresses', () => {
  const topology = readTopology(defaults);
  expect(topology.provider).toMatchObject({
    privateLinkService: 'pls-b',
    frontend: { ip: '10.1.0.4', subnet: '10.1.0.0/24' },
    natIps: [{ ip: '10.1.1.4', subnet: '10.1.1.0/24' }],
    services: [{ kind: 'nat', name: 'RDP', protocol: 'Tcp', frontendPort: 3389, backendPort: 3389, targets: ['vm-b'] }],
    backendVms: [{ name: 'vm-b', os: 'windows', address: { ip: '10.1.0.5' }, inPool: true }],
    autoApproves: ['provider'],
  });
  expect(topology.consumers).toEqual([
    expect.objectContaining({ stack: 'double-nat-consumer', subscription: 'provider', clientVm: expect.objectContaining({ name: 'vm-a', address: { ip: '10.0.0.4', subnet: '10.0.0.0/24' } }) }),
  ]);
});

describe('npm run explain', () => {
  test('prints every hop and what each VM sees as its peer', () => {
    const report = explain(defaults);
    expect(report.problems).toEqual([]);
    expect(report.text).toMatch(/1\. VM-A vm-a\s+10\.0\.0\.4/);
    expect(report.text).toMatch(/2\. private endpoint pe-to-b\s+10\.0\.0\.5:3389/);
    expect(report.text).toMatch(/3\. Private Link Service pls-b\s+NAT IP 10\.1\.1\.4/);
    expect(report.text).toMatch(/4\. load balancer frontend\s+10\.1\.0\.4:3389/);
    expect(report.text).toMatch(/5\. VM-B vm-b\s+10\.1\.0\.5:3389/);
    expect(report.text).toContain('VM-A sees its peer as  10.0.0.5:3389');
    expect(report.text).toContain('VM-B sees its peer as  10.1.1.4');
  });

  test('dynamic addresses show as "dynamic in <subnet>"', () => {
    const report = explain(stacksOf({ provider: { natIps: [{ privateIp: 'Dynamic' }] }, consumers: [{ privateEndpoint: { privateIp: 'Dynamic' } }] }));
    expect(report.text).toContain('NAT IP dynamic in 10.1.1.0/24');
    expect(report.text).toMatch(/private endpoint pe-to-b\s+dynamic in 10\.0\.0\.0\/24:3389/);
  });

  test('fails when no rule listens on the asked port', () => {
    expect(explain(defaults, 443).problems).toEqual(["no NAT or load-balancing rule listens on port 443 of pls-b's frontend (rules listen on: 3389)"]);
  });

  test('fails when a NAT rule reaches no NIC', () => {
    const stacks = clone(defaults);
    delete stacks['double-nat-provider'].resource.azurerm_network_interface_nat_rule_association;
    expect(explain(stacks).problems).toEqual(['double-nat-consumer → RDP: NAT rule RDP is associated with no VM\'s NIC']);
  });

  test('fails when a NIC is in no backend pool of a load-balancing rule', () => {
    const stacks = clone(stacksOf(example('linux-https')));
    const associations = stacks['double-nat-provider'].resource.azurerm_network_interface_backend_address_pool_association;
    delete associations[Object.keys(associations).sort()[1]];
    expect(explain(stacks).problems).toEqual([expect.stringMatching(/^double-nat-consumer → HTTPS: web-[12]'s NIC is in no backend pool, so HTTPS never reaches it$/)]);
  });

  test('fails when a consumer asks for an automatic connection the PLS does not approve', () => {
    const stacks = clone(stacksOf(example('multi-consumer')));
    const pls = Object.values<any>(stacks['double-nat-provider'].resource.azurerm_private_link_service)[0];
    pls.auto_approval_subscription_ids = [];
    const problems = explain(stacks).problems;
    expect(problems).toContain('double-nat-team-a → RDP: an automatic connection from subscription 11111111-1111-1111-1111-111111111111, which pls-b does not auto-approve (auto-approve it, or set manualApproval)');
  });

  test('a consumer waiting for approval is shown with the approve command, not as broken', () => {
    const report = explain(stacksOf(example('multi-consumer')));
    expect(report.problems).toEqual([]);
    expect(report.text).toContain(
      "connection: waits for the provider's approval of /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-double-nat-partner/providers/Microsoft.Network/privateEndpoints/pe-to-b: run npm run approve",
    );
  });

  test('refuses output that holds no double NAT', () => {
    const stacks = clone(defaults);
    delete stacks['double-nat-provider'].resource.azurerm_private_link_service;
    expect(() => readTopology(stacks)).toThrow(TopologyError);
    expect(() => readTopology(stacks)).toThrow('expected one stack with a Private Link Service, found 0');
  });
});

describe('diagrams', () => {
  test('docs/topology.svg and the README Mermaid block are up to date (npm run diagram)', () => {
    for (const [file, content] of Object.entries(diagramFiles(root))) {
      expect([file, fs.readFileSync(path.join(root, file), 'utf8')]).toEqual([file, content]);
    }
  });

  test('the SVG and Mermaid show both NAT points and every address', () => {
    const topology = readTopology(stacksOf(example('multi-consumer')));
    const svg = renderSvg(topology);
    const mermaid = renderMermaid(topology);
    for (const text of ['10.0.0.5', '10.20.0.5', '10.1.0.5', '10.1.1.4', '10.1.0.4', 'DNAT', 'SNAT']) {
      expect(svg).toContain(text);
      expect(mermaid).toContain(text);
    }
    expect(svg.match(/<svg[^>]*>/)?.[0]).toContain('viewBox');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});

describe('rehearsal lab plan', () => {
  test('overlapping VNets get separate namespaces with the synthesized addresses', () => {
    const plan = planLab(readTopology(stacksOf(example('overlapping-address-spaces'))), { prefix: 'dnx' });
    expect(plan.namespaces).toEqual(['dnx-pls', 'dnx-lb', 'dnx-b0', 'dnx-a0', 'dnx-pe0']);
    const commands = plan.setup.map((c) => c.argv.join(' '));
    expect(commands).toContain('ip -n dnx-a0 address add 10.0.0.4/24 dev vm');
    expect(commands).toContain('ip -n dnx-b0 address add 10.0.0.4/24 dev vm');
    expect(commands).toContain('ip -n dnx-pe0 address add 10.0.0.10/24 dev a');
    expect(commands).toContain('ip -n dnx-pls address add 10.0.1.4/32 dev n');
    const rules = plan.setup.filter((c) => c.input).map((c) => c.input).join('\n');
    expect(rules).toContain('ip daddr 10.0.0.10 dnat ip to 198.18.0.2');
    expect(rules).toContain('oifname "n" snat ip to 10.0.1.4');
    expect(rules).toContain('ip daddr 10.0.0.10 tcp dport 3389 dnat ip to 10.0.0.4:3389');
    expect(plan.listeners).toEqual([{ namespace: 'dnx-b0', ip: '10.0.0.4', port: 3389 }]);
  });

  test('a consumer waiting for approval gets no forwarding until approved', () => {
    const topology = readTopology(stacksOf(example('multi-consumer')));
    const partner = topology.consumers.findIndex((c) => c.stack === 'double-nat-partner');
    const forwards = (approvePending: boolean) =>
      planLab(topology, { prefix: 'dnx', approvePending }).setup.some((c) => c.argv.includes(`dnx-pe${partner}`) && c.input?.includes('dnat'));
    expect(forwards(false)).toBe(false);
    expect(forwards(true)).toBe(true);
  });

  test('--approve approves only the endpoints the provider invited: another pending consumer gets no forwarding', () => {
    const stacks = clone(stacksOf(example('multi-consumer')));
    stacks['double-nat-provider'].output.invited_private_endpoint_ids.value = [];
    const topology = readTopology(stacks);
    const partner = topology.consumers.findIndex((c) => c.stack === 'double-nat-partner');
    const plan = planLab(topology, { prefix: 'dnx', approvePending: true });
    expect(plan.setup.some((c) => c.argv.includes(`dnx-pe${partner}`) && c.input?.includes('dnat'))).toBe(false);
    expect(explain(stacks).problems).toEqual([
      expect.stringContaining('double-nat-partner → RDP: private endpoint /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-double-nat-partner/providers/Microsoft.Network/privateEndpoints/pe-to-b waits for manual approval, but double-nat-provider does not invite it'),
    ]);
  });
});

describe('operator access in the path report and the diagrams', () => {
  const operator = stacksOf(example('operator-access'));

  test('explain shows the operator path: Bastion to VM-A, then the double NAT by hand with the same addresses', () => {
    const report = explain(operator);
    expect(report.problems).toEqual([]);
    expect(report.text).toContain('Operator access (the article by hand; no VM has a public IP)');
    expect(report.text).toContain('double-nat-consumer: operator → Bastion bastion-vnet-a (Developer) → vm-a 10.0.0.4:3389 (RDP), seen from 168.63.129.16/32');
    expect(report.text).toContain('then on vm-a: mstsc /v:10.0.0.5 (DNAT) reaches vm-b, which sees 10.1.1.4 (the NAT IP, in its own VNet)');
    expect(report.text).toContain('double-nat-provider: operator → Bastion bastion-vnet-b (Standard, native client) → vm-b 10.1.0.5:3389 (RDP), seen from 10.1.255.192/26');
  });

  test('without operator access the report has no such section', () => {
    expect(explain(defaults).text).not.toContain('Operator access');
  });

  test('the Mermaid and SVG drawings show the Bastion of each side', () => {
    const topology = readTopology(operator);
    const mermaid = renderMermaid(topology);
    expect(mermaid).toContain('double_nat_consumer_op(["operator: Bastion Developer"]) -- "RDP/SSH from 168.63.129.16/32" --> double_nat_consumer_vm');
    expect(mermaid).toContain('provider_op -- "RDP/SSH from 10.1.255.192/26" --> vm0');
    const svg = renderSvg(topology);
    expect(svg).toContain('VNet-A 10.0.0.0/16 · Bastion Developer');
    expect(svg).toContain('VNet-B 10.1.0.0/16 · Bastion Standard');
    expect(renderMermaid(readTopology(defaults))).not.toContain('operator');
  });
});

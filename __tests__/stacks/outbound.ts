/**
 * Outbound: every subnet we create is private; a side asks for a NAT gateway (created, with its own
 * waived public IP, or existing by id); existing subnets are never modified; every bad value is refused
 * at synth with nothing written; explain, the diagram and the invariants say what each side can reach.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { checkConfig } from '../../lib/config/check-config';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { renderMermaid, renderSvg } from '../../lib/topology/diagram';
import { servicePaths } from '../../lib/topology/paths';
import { readTopology } from '../../lib/topology/read-synth';
import { renderReport } from '../../lib/topology/report';
import { formatProblem } from '../../lib/validation/problems';
import { doubleNatViolations } from '../../lib/synth/invariants';
import { expectDoubleNatInvariants } from '../helpers/invariants';
import { all, only, ref, synth } from '../helpers/synth';

const GUID = '11111111-2222-3333-4444-555555555555';
const NAT_GATEWAY_ID = `/subscriptions/${GUID}/resourceGroups/rg-hub/providers/Microsoft.Network/natGateways/natgw-hub`;
const SUBNET_ID = `/subscriptions/${GUID}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-app`;
const withNat: DoubleNatConfig = {
  provider: { outbound: { method: 'natGateway' } },
  consumers: [{ name: 'consumer', outbound: { method: 'natGateway', natGateway: { id: NAT_GATEWAY_ID } } }],
};

function problems(config: DoubleNatConfig): string[] {
  return checkConfig(config).map(formatProblem);
}

function report(config: DoubleNatConfig): string {
  const topology = readTopology(synth(config).stacks as any);
  return renderReport(topology, servicePaths(topology)).text;
}

describe('private subnets by default', () => {
  test('every subnet the app creates sets default_outbound_access_enabled = false, and no NAT gateway exists', () => {
    for (const config of [{}, { provider: { operatorAccess: { sku: 'Standard' as const } } }]) {
      const { stacks } = synth(config);
      const subnets = Object.values(stacks).flatMap((stack) => all(stack, 'azurerm_subnet'));
      expect(subnets.length).toBeGreaterThanOrEqual(3);
      for (const subnet of subnets) expect(subnet).toMatchObject({ default_outbound_access_enabled: false });
      for (const stack of Object.values(stacks)) expect(stack.resource.azurerm_nat_gateway).toBeUndefined();
    }
  });

  test('explain says each side has no internet and what breaks without it', () => {
    const text = report({});
    expect(text).toContain('Outbound to the internet (the double NAT itself needs none)');
    expect(text).toContain('double-nat-consumer: vm-a → none (private subnet): no internet; Windows activation (KMS), Windows Update and extensions that download from the internet fail');
    expect(text).toContain('double-nat-provider: vm-b → none (private subnet): no internet;');
  });

  test('a Linux side names what Linux loses', () => {
    expect(report({ consumers: [{ clientVm: { os: 'linux', adminSshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ0aGlzIGlzIGEgdGVzdCBrZXkgb25seSBmb3IgdGVzdHM= test' } as any }] })).toContain(
      'vm-a → none (private subnet): no internet; package updates from public mirrors',
    );
  });
});

describe('a NAT gateway on request', () => {
  const { stacks, text } = synth(withNat);
  const provider = stacks['double-nat-provider'];
  const consumer = stacks['double-nat-consumer'];

  test('created: Standard NAT gateway, its own Standard static public IP, associated with the backend subnet only', () => {
    expect(only(provider, 'azurerm_nat_gateway')).toMatchObject({ name: 'natgw-vnet-b', sku_name: 'Standard', idle_timeout_in_minutes: 4 });
    expect(only(provider, 'azurerm_public_ip')).toMatchObject({ name: 'natgw-vnet-b-pip', sku: 'Standard', allocation_method: 'Static' });
    expect(only(provider, 'azurerm_nat_gateway_public_ip_association')).toMatchObject({
      nat_gateway_id: ref(provider, 'azurerm_nat_gateway'),
      public_ip_address_id: ref(provider, 'azurerm_public_ip'),
    });
    const backendSubnet = Object.entries<any>(provider.resource.azurerm_subnet).find(([, s]) => s.name === 'snet-backend')![0];
    expect(only(provider, 'azurerm_subnet_nat_gateway_association')).toMatchObject({
      subnet_id: `\${azurerm_subnet.${backendSubnet}.id}`,
      nat_gateway_id: ref(provider, 'azurerm_nat_gateway'),
    });
  });

  test('its public IP is waived in DN001 with a reason that shows in manifest.json', () => {
    expect(text).toContain('[DN001] suppressed: outbound \\"natGateway\\" was asked for: a NAT gateway egresses only through a Standard static public IP');
  });

  test('existing: only the association, with the given id; no NAT gateway or public IP is created', () => {
    expect(consumer.resource.azurerm_nat_gateway).toBeUndefined();
    expect(consumer.resource.azurerm_public_ip).toBeUndefined();
    expect(only(consumer, 'azurerm_subnet_nat_gateway_association')).toMatchObject({ subnet_id: ref(consumer, 'azurerm_subnet'), nat_gateway_id: NAT_GATEWAY_ID });
  });

  test('passes every policy and the invariants', () => {
    expectDoubleNatInvariants(stacks);
  });

  test('explain and both diagrams show the NAT gateways', () => {
    const topology = readTopology(stacks as any);
    const explained = renderReport(topology, servicePaths(topology)).text;
    expect(explained).toContain('double-nat-provider: vm-b → NAT gateway natgw-vnet-b (static public IP natgw-vnet-b-pip): the internet, outbound only; nothing can connect in');
    expect(explained).toContain(`double-nat-consumer: vm-a → NAT gateway ${NAT_GATEWAY_ID}: the internet, outbound only`);
    expect(renderMermaid(topology)).toContain('provider_nat0(["NAT gateway natgw-vnet-b<br/>public IP natgw-vnet-b-pip"]) -.-> internet((internet))');
    expect(renderMermaid(topology)).toContain('vm0 -. "outbound only" .-> provider_nat0');
    expect(renderSvg(topology)).toContain('outbound: NAT gateway natgw-vnet-b');
  });

  test('names and idle timeout follow the settings', () => {
    const { stacks: named } = synth({ provider: { outbound: { natGateway: { name: 'natgw-b', publicIpName: 'pip-egress', idleTimeoutInMinutes: 120 } } } });
    expect(only(named['double-nat-provider'], 'azurerm_nat_gateway')).toMatchObject({ name: 'natgw-b', idle_timeout_in_minutes: 120 });
    expect(only(named['double-nat-provider'], 'azurerm_public_ip')).toMatchObject({ name: 'pip-egress' });
  });
});

describe('refused at synth', () => {
  test.each<[string, DoubleNatConfig, string]>([
    ['an unknown method', { provider: { outbound: { method: 'publicIp' as any } } }, 'provider: outbound.method = "publicIp" must be one of "none", "natGateway"'],
    ['an idle timeout below 4', { provider: { outbound: { natGateway: { idleTimeoutInMinutes: 3 } } } }, 'provider: outbound.natGateway.idleTimeoutInMinutes = 3 must be a whole number from 4 to 120 (minutes)'],
    ['an idle timeout above 120', { consumers: [{ outbound: { natGateway: { idleTimeoutInMinutes: 121 } } }] }, 'consumers[0]: outbound.natGateway.idleTimeoutInMinutes = 121 must be a whole number from 4 to 120 (minutes)'],
    ['a bad NAT gateway name', { provider: { outbound: { natGateway: { name: '-natgw' } } } }, 'provider: outbound.natGateway.name = "-natgw" must be 1-80 characters'],
    ['a bad public IP name', { provider: { outbound: { natGateway: { publicIpName: 'pip!' } } } }, 'provider: outbound.natGateway.publicIpName = "pip!" must be 1-80 characters'],
    ['an id that is no NAT gateway', { provider: { outbound: { natGateway: { id: SUBNET_ID } } } }, `provider: outbound.natGateway.id = "${SUBNET_ID.slice(0, 76)}... must be a NAT gateway id: /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/natGateways/<name>`],
    [
      'a NAT gateway for an existing subnet',
      { consumers: [{ network: { subnet: { id: SUBNET_ID, addressPrefix: '192.168.5.0/24' } }, outbound: { method: 'natGateway' } }] },
      'consumers[0]: outbound.method = "natGateway" must be "none" when network.subnet.id is an existing subnet: it is never modified, so associate your NAT gateway with it yourself',
    ],
    ['NAT gateway settings with method "none"', { provider: { outbound: { method: 'none', natGateway: { name: 'natgw-b' } } } }, 'provider: outbound.natGateway = "(set)" must be left out with method "none", or method "natGateway"'],
    ['an unknown setting', { provider: { outbound: { natGatway: {} } as any } }, 'configuration: provider.outbound.natGatway (an object) must be a known setting: this is not one (known here: method, natGateway)'],
  ])('%s', (_what, config, message) => {
    expect(problems(config).join('\n')).toContain(message);
  });

  test('a refused configuration writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-outbound-'));
    const outdir = path.join(dir, 'cdktf.out');
    try {
      expect(() => synthesizeDoubleNat({ config: { provider: { outbound: { method: 'natGateway', natGateway: { idleTimeoutInMinutes: 0 } } } }, outdir })).toThrow(
        'outbound.natGateway.idleTimeoutInMinutes = 0 must be a whole number from 4 to 120',
      );
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the invariants guard outbound', () => {
  const copy = () => JSON.parse(JSON.stringify(synth(withNat).stacks));

  test('a created subnet with default outbound access is a violation', () => {
    const stacks = copy();
    const [key, subnet] = Object.entries<any>(stacks['double-nat-consumer'].resource.azurerm_subnet)[0];
    delete subnet.default_outbound_access_enabled;
    expect(doubleNatViolations(stacks)).toContain(`double-nat-consumer: subnet ${key} keeps Azure's default outbound access`);
  });

  test('a NAT gateway associated with a subnet the stack did not create is a violation', () => {
    const stacks = copy();
    only(stacks['double-nat-consumer'], 'azurerm_subnet_nat_gateway_association').subnet_id = SUBNET_ID;
    expect(doubleNatViolations(stacks)).toContain(`double-nat-consumer: a NAT gateway is associated with ${SUBNET_ID}, a subnet the stack did not create`);
  });

  test("a NAT gateway's dynamic public IP is a violation, and it does not count as Bastion's", () => {
    const stacks = copy();
    only(stacks['double-nat-provider'], 'azurerm_public_ip').allocation_method = 'Dynamic';
    expect(doubleNatViolations(stacks)).toEqual(['double-nat-provider: NAT gateway public IP natgw-vnet-b-pip must be Standard and Static']);
  });
});

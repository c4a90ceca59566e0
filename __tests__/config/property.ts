/**
 * Property tests: random valid address plans and services all synthesize and keep the double NAT's
 * invariants; random single mistakes are all refused with a message, never a crash or an output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { checkConfig } from '../../lib/config/check-config';
import { cidrContainsAddress, parseCidr, parseIpv4, reservedAddresses } from '../../lib/net/ipv4';
import { DoubleNatValidationError } from '../../lib/validation/problems';
import { expectDoubleNatInvariants } from '../helpers/invariants';
import { propertyRuns } from '../helpers/property-runs';
import { all, only, synth } from '../helpers/synth';

const VALID_RUNS = propertyRuns(40);
const INVALID_RUNS = propertyRuns(200);

/** n distinct host offsets usable in a /24 (4..254: off the five reserved addresses). */
const offsets = (n: number) => fc.uniqueArray(fc.integer({ min: 4, max: 254 }), { minLength: n, maxLength: n });

const natRules = fc
  .uniqueArray(fc.record({ protocol: fc.constantFrom('Tcp' as const, 'Udp' as const), frontendPort: fc.integer({ min: 1, max: 65534 }) }), {
    minLength: 1,
    maxLength: 4,
    selector: (r) => `${r.protocol}/${r.frontendPort}`,
  })
  .chain((rules) =>
    fc.tuple(...rules.map(() => fc.record({ backendPort: fc.integer({ min: 1, max: 65535 }), idle: fc.integer({ min: 4, max: 30 }) }))).map((extra) =>
      rules.map((rule, i) => ({ name: `rule-${i}`, ...rule, backendPort: extra[i].backendPort, idleTimeoutInMinutes: extra[i].idle })),
    ),
  );

const validConfig: fc.Arbitrary<DoubleNatConfig> = fc
  .record({
    providerNet: fc.integer({ min: 0, max: 255 }),
    // Often the same /16 as the provider: overlapping VNets are a main reason to use this design.
    consumerNet: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 255 })),
    subnets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 }),
    natIpCount: fc.integer({ min: 1, max: 8 }),
    dynamicNat: fc.boolean(),
    dynamicEndpoint: fc.boolean(),
    providerHosts: offsets(2),
    consumerHosts: offsets(2),
    natHosts: offsets(8),
    rules: natRules,
    location: fc.constantFrom('japaneast', 'westeurope', 'eastus2', 'southeastasia'),
  })
  .map((r) => {
    const p = `10.${r.providerNet}`;
    const c = `10.${r.consumerNet < 0 ? r.providerNet : r.consumerNet}`;
    return {
      provider: {
        location: r.location,
        network: {
          addressSpace: [`${p}.0.0/16`],
          backendSubnet: { addressPrefix: `${p}.${r.subnets[0]}.0/24` },
          privateLinkSubnet: { addressPrefix: `${p}.${r.subnets[1]}.0/24` },
        },
        frontendIp: `${p}.${r.subnets[0]}.${r.providerHosts[0]}`,
        backendVms: [{ privateIp: `${p}.${r.subnets[0]}.${r.providerHosts[1]}` }],
        natIps: r.natHosts.slice(0, r.natIpCount).map((host, i) => ({
          privateIp: r.dynamicNat ? 'Dynamic' : `${p}.${r.subnets[1]}.${host}`,
          primary: i === 0,
        })),
        inboundNatRules: r.rules,
      },
      consumers: [
        {
          name: 'consumer',
          location: r.location,
          network: { addressSpace: [`${c}.0.0/16`], subnet: { addressPrefix: `${c}.${r.subnets[2]}.0/24` } },
          clientVm: { privateIp: `${c}.${r.subnets[2]}.${r.consumerHosts[0]}` },
          privateEndpoint: { privateIp: r.dynamicEndpoint ? 'Dynamic' : `${c}.${r.subnets[2]}.${r.consumerHosts[1]}` },
        },
      ],
    };
  });

const inSubnet = (ip: string, prefix: string) => cidrContainsAddress(parseCidr(prefix)!, parseIpv4(ip)!);
const reserved = (ip: string, prefix: string) => reservedAddresses(parseCidr(prefix)!).includes(parseIpv4(ip)!);

test('random valid configurations synthesize and keep the double NAT invariants', () => {
  fc.assert(
    fc.property(validConfig, (config) => {
      expect(checkConfig(config)).toEqual([]);
      const { stacks } = synth(config);
      expectDoubleNatInvariants(stacks);
      const provider = stacks['double-nat-provider'];
      const consumer = stacks['double-nat-consumer'];
      const settings = config.provider!;

      const subnets = Object.values<any>(provider.resource.azurerm_subnet);
      const privateLink = subnets.find((s) => s.private_link_service_network_policies_enabled === false);
      const privateLinkPrefix = privateLink.address_prefixes[0];
      expect(privateLinkPrefix).toBe(settings.network!.privateLinkSubnet!.addressPrefix);

      // SNAT: every static NAT IP is a usable address of VNet-B's private-link subnet.
      const pls = only(provider, 'azurerm_private_link_service');
      expect(pls.nat_ip_configuration).toHaveLength(settings.natIps!.length);
      expect(pls.nat_ip_configuration.filter((n: any) => n.primary)).toHaveLength(1);
      for (const natIp of pls.nat_ip_configuration.filter((n: any) => n.private_ip_address)) {
        expect(inSubnet(natIp.private_ip_address, privateLinkPrefix)).toBe(true);
        expect(reserved(natIp.private_ip_address, privateLinkPrefix)).toBe(false);
      }

      // The frontend is static, in the backend subnet, and every rule forwards on it to VM-B's NIC.
      const frontend = only(provider, 'azurerm_lb').frontend_ip_configuration[0];
      expect(frontend.private_ip_address_allocation).toBe('Static');
      expect(inSubnet(frontend.private_ip_address, settings.network!.backendSubnet!.addressPrefix!)).toBe(true);
      const rules = all(provider, 'azurerm_lb_nat_rule');
      expect(rules.map((r) => [r.protocol, r.frontend_port, r.backend_port])).toEqual(
        settings.inboundNatRules!.map((r) => [r.protocol, r.frontendPort, r.backendPort]),
      );
      expect(all(provider, 'azurerm_network_interface_nat_rule_association')).toHaveLength(rules.length);

      // VM-B's NSG admits exactly the NAT sources on each backend port.
      const natSources = settings.natIps!.some((n) => n.privateIp === 'Dynamic')
        ? [privateLinkPrefix]
        : settings.natIps!.map((n) => `${n.privateIp}/32`);
      const allows = all(provider, 'azurerm_network_security_rule').filter((r) => r.access === 'Allow' && r.source_address_prefix !== 'AzureLoadBalancer');
      expect(allows).toHaveLength(rules.length);
      for (const allow of allows) {
        expect(allow.source_address_prefixes ?? [allow.source_address_prefix]).toEqual(natSources);
      }

      // DNAT: the endpoint is in VNet-A and connects to the provider's alias by remote state.
      const pe = only(consumer, 'azurerm_private_endpoint');
      expect(pe.private_service_connection.private_connection_resource_alias).toMatch(/^\$\{data\.terraform_remote_state\./);
      const consumerPrefix = config.consumers![0].network!.subnet!.addressPrefix!;
      for (const ipConfiguration of pe.ip_configuration ?? []) {
        expect(inSubnet(ipConfiguration.private_ip_address, consumerPrefix)).toBe(true);
      }
      for (const stack of [provider, consumer]) {
        expect(stack.resource.azurerm_public_ip).toBeUndefined();
        expect(stack.resource.azurerm_virtual_network_peering).toBeUndefined();
      }
    }),
    { numRuns: VALID_RUNS },
  );
});

/** One mistake each, applied to a valid configuration. */
const mistakes: [string, (config: any) => void][] = [
  ['reserved frontend IP', (c) => (c.provider.frontendIp = c.provider.frontendIp.replace(/\.\d+$/, '.1'))],
  ['broadcast NAT IP', (c) => (c.provider.natIps[0].privateIp = `${c.provider.network.privateLinkSubnet.addressPrefix.split('.').slice(0, 3).join('.')}.255`)],
  ['frontend port 0', (c) => (c.provider.inboundNatRules[0].frontendPort = 0)],
  ['backend port 65536', (c) => (c.provider.inboundNatRules[0].backendPort = 65536)],
  ['idle timeout 31', (c) => (c.provider.inboundNatRules[0].idleTimeoutInMinutes = 31)],
  ['duplicate NAT rule port', (c) => c.provider.inboundNatRules.push({ ...c.provider.inboundNatRules[0], name: 'dup' })],
  ['subnet outside the VNet', (c) => (c.consumers[0].network.subnet.addressPrefix = '192.168.0.0/24')],
  ['host bits in address space', (c) => (c.provider.network.addressSpace = [c.provider.network.addressSpace[0].replace('.0.0/16', '.0.1/16')])],
  ['region display name', (c) => (c.provider.location = 'Japan East')],
  ['16-character computer name', (c) => (c.consumers[0].clientVm.computerName = 'a'.repeat(16))],
  ['reserved admin name', (c) => (c.consumers[0].clientVm.adminUsername = 'admin')],
  ['nine NAT IPs', (c) => (c.provider.natIps = Array.from({ length: 9 }, (_, i) => ({ primary: i === 0 })))],
  ['no primary NAT IP', (c) => c.provider.natIps.forEach((n: any) => (n.primary = false))],
  ['same consumer twice', (c) => c.consumers.push({ ...c.consumers[0] })],
  ['unknown setting', (c) => (c.provider.frontendIP = '10.0.0.4')],
  ['bad subscription', (c) => (c.consumers[0].subscriptionId = 'not-a-guid')],
  ['non-numeric port', (c) => (c.provider.inboundNatRules[0].frontendPort = '3389')],
  ['null network', (c) => (c.provider.network = null)],
];

test('random single mistakes are all refused with a message, and nothing is written', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-invalid-'));
  try {
    fc.assert(
      fc.property(validConfig, fc.constantFrom(...mistakes), (config, [, mistake]) => {
        const broken = JSON.parse(JSON.stringify(config));
        mistake(broken);
        expect(checkConfig(broken).length).toBeGreaterThan(0);
        let thrown: unknown;
        try {
          synthesizeDoubleNat({ config: broken, outdir });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DoubleNatValidationError);
        expect((thrown as Error).message).toMatch(/invalid setting/);
        expect(fs.readdirSync(outdir)).toEqual([]);
      }),
      { numRuns: INVALID_RUNS },
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

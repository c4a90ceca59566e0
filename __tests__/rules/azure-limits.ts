/**
 * Azure's published limits, checked at synth: each at its boundary (the maximum passes, one more
 * fails with a message naming the setting, the count and the limit), on the pure configuration check.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { checkConfig } from '../../lib/config/check-config';
import {
  MAX_AUTO_APPROVAL_SUBSCRIPTIONS,
  MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND,
  MAX_BACKEND_POOL_SIZE,
  MAX_LB_RULES_PER_NIC,
  MAX_NSG_ADDRESSES,
  MAX_PRIVATE_ENDPOINTS_PER_PLS,
  MAX_VISIBILITY_SUBSCRIPTIONS,
} from '../../lib/validation/azure-limits';
import { MAX_ALLOW_RULES } from '../../lib/network-security/priorities';
import { NetworkSecurity } from '../../lib/network-security/network-security';
import { formatProblem } from '../../lib/validation/problems';
import { synth } from '../helpers/synth';
import { testApp } from '../helpers/test-app';

const problems = (config: DoubleNatConfig) => checkConfig(config).map(formatProblem);
const guid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** n NAT rules on distinct ports, spread round-robin over `vms` backend VMs. */
const natRules = (n: number, vms: number) =>
  range(n).map((i) => ({ name: `nat-${i}`, frontendPort: 1000 + i, backendPort: 22, targetVm: i % vms === 0 ? 'vm-b' : `vm-b${(i % vms) + 1}` }));
const lbRules = (n: number) => range(n).map((i) => ({ name: `lb-${i}`, frontendPort: 20000 + i }));
/** A backend subnet big enough for thousands of VMs. */
const bigNetwork = { addressSpace: ['10.1.0.0/16'], backendSubnet: { addressPrefix: '10.1.0.0/19' }, privateLinkSubnet: { addressPrefix: '10.1.32.0/24' } };
const provider = (vms: number, settings: object) => ({ provider: { network: bigNetwork, backendVms: range(vms).map(() => ({})), ...settings } });
const dynamicVms = (vms: number, settings: object) => ({ provider: { ...provider(vms, settings).provider, backendVms: range(vms).map(() => ({ privateIp: 'Dynamic' })) } });
const consumers = (n: number, settings: (i: number) => object = () => ({})) => range(n).map((i) => ({ name: `c${i}`, ...settings(i) }));

// [limit, configuration at the limit, one over it, the message one over it gives]
const cases: [string, () => DoubleNatConfig, () => DoubleNatConfig, string][] = [
  [
    'private endpoints per Private Link Service (one per consumer)',
    () => ({ consumers: consumers(MAX_PRIVATE_ENDPOINTS_PER_PLS) }),
    () => ({ consumers: consumers(MAX_PRIVATE_ENDPOINTS_PER_PLS + 1) }),
    'configuration: consumers = "1001 consumers" must be at most 1000: each consumer is a private endpoint, and Azure accepts at most 1000 on one Private Link Service',
  ],
  [
    "visibility list, counted with the consumers' subscriptions",
    () => ({ provider: { visibilitySubscriptionIds: range(98).map(guid) }, consumers: consumers(2, (i) => ({ subscriptionId: guid(1000 + i) })) }),
    () => ({ provider: { visibilitySubscriptionIds: range(98).map(guid) }, consumers: consumers(3, (i) => ({ subscriptionId: guid(1000 + i) })) }),
    `configuration: provider.visibilitySubscriptionIds = "101 subscriptions" must be at most 100 in the PLS visibility list (Azure's limit), which holds the 98 configured and every consumer's subscription`,
  ],
  [
    "visibility list: consumers in the provider's subscription count once",
    () => ({ provider: { visibilitySubscriptionIds: range(99).map(guid) }, consumers: consumers(5) }),
    () => ({ provider: { visibilitySubscriptionIds: range(99).map(guid) }, consumers: [...consumers(5), { name: 'other', subscriptionId: guid(5000) }] }),
    'provider.visibilitySubscriptionIds = "101 subscriptions" must be at most 100 in the PLS visibility list (Azure\'s limit), which holds the 99 configured',
  ],
  [
    'visibility list as configured',
    () => ({ provider: { visibilitySubscriptionIds: range(MAX_VISIBILITY_SUBSCRIPTIONS).map(guid) }, consumers: consumers(1, () => ({ subscriptionId: guid(0) })) }),
    () => ({ provider: { visibilitySubscriptionIds: range(MAX_VISIBILITY_SUBSCRIPTIONS + 1).map(guid) }, consumers: consumers(1, () => ({ subscriptionId: guid(0) })) }),
    'provider: visibilitySubscriptionIds = "101 subscriptions" must be at most 100 (Azure\'s limit for a Private Link Service)',
  ],
  [
    'auto-approval list',
    () => ({ consumers: consumers(MAX_AUTO_APPROVAL_SUBSCRIPTIONS, (i) => ({ subscriptionId: guid(i) })) }),
    () => ({ consumers: consumers(MAX_AUTO_APPROVAL_SUBSCRIPTIONS + 1, (i) => ({ subscriptionId: guid(i) })) }),
    'configuration: consumers = "101 subscriptions with automatic approval" must be at most 100 in the PLS auto-approval list (Azure\'s limit): give the consumers of the others manual approval',
  ],
  [
    'rules per NIC',
    () => provider(1, { inboundNatRules: natRules(MAX_LB_RULES_PER_NIC, 1) }),
    () => provider(1, { inboundNatRules: natRules(MAX_LB_RULES_PER_NIC, 1).slice(1), loadBalancingRules: lbRules(2) }),
    'provider: backendVms[0] = "301 rules on its NIC" must be at most 300 NAT and load-balancing rules on one NIC',
  ],
  [
    'backend NSG allow rules (priorities 100-4090 below deny-all at 4096)',
    () => provider(2, { inboundNatRules: natRules(MAX_ALLOW_RULES, 2) }),
    () => provider(2, { inboundNatRules: natRules(MAX_ALLOW_RULES - 1, 2), loadBalancingRules: lbRules(1) }),
    'provider: inboundNatRules = "401 backend NSG allow rules" must be at most 400: each NAT and load-balancing rule (here 400) has an allow rule in the backend NSG, plus one for probes',
  ],
  [
    'backend NSG allow rules with operator access (one more rule for the admin port)',
    () => provider(2, { inboundNatRules: natRules(MAX_ALLOW_RULES - 1, 2), operatorAccess: {} }),
    () => provider(2, { inboundNatRules: natRules(MAX_ALLOW_RULES, 2), operatorAccess: {} }),
    'provider: inboundNatRules = "401 backend NSG allow rules" must be at most 400',
  ],
  [
    'backend pool size',
    () => provider(MAX_BACKEND_POOL_SIZE, {}),
    () => provider(MAX_BACKEND_POOL_SIZE + 1, {}),
    'provider: backendVms = "5001 VMs" must be at most 5000',
  ],
  [
    'backend IP configurations per frontend',
    // Dynamic VM addresses: the NSG then lists the subnet once, so its own address limit stays clear.
    () => dynamicVms(40, { loadBalancingRules: lbRules(250) }),
    () => dynamicVms(40, { loadBalancingRules: lbRules(250), inboundNatRules: natRules(1, 1) }),
    'provider: loadBalancingRules = "10001 backend IP configurations" must be at most 10000 on the frontend (Azure\'s limit): each load-balancing rule counts once per backend VM (here 250 x 40), each NAT rule once (1)',
  ],
  [
    'destination addresses in the backend NSG',
    () => provider(40, { loadBalancingRules: lbRules(100) }),
    () => provider(40, { loadBalancingRules: lbRules(100), inboundNatRules: natRules(1, 1) }),
    'provider: loadBalancingRules = "4001 NSG destination addresses" must be at most 4000 in the backend NSG (Azure\'s limit): each load-balancing rule lists every backend VM\'s address, each NAT rule its VM\'s',
  ],
];

describe.each(cases)('%s', (_limit, atLimit, overLimit, message) => {
  test('the maximum passes', () => {
    expect(problems(atLimit())).toEqual([]);
  });
  test('one more fails naming the setting, the count and the limit', () => {
    expect(problems(overLimit())).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });
});

test('the limits are the numbers Azure publishes', () => {
  expect({ MAX_PRIVATE_ENDPOINTS_PER_PLS, MAX_VISIBILITY_SUBSCRIPTIONS, MAX_AUTO_APPROVAL_SUBSCRIPTIONS, MAX_LB_RULES_PER_NIC, MAX_BACKEND_POOL_SIZE, MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND, MAX_NSG_ADDRESSES, MAX_ALLOW_RULES }).toEqual({
    MAX_PRIVATE_ENDPOINTS_PER_PLS: 1000,
    MAX_VISIBILITY_SUBSCRIPTIONS: 100,
    MAX_AUTO_APPROVAL_SUBSCRIPTIONS: 100,
    MAX_LB_RULES_PER_NIC: 300,
    MAX_BACKEND_POOL_SIZE: 5000,
    MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND: 10000,
    MAX_NSG_ADDRESSES: 4000,
    MAX_ALLOW_RULES: 400,
  });
});

describe('the checks count what synth writes', () => {
  test('the visibility list the provider stack writes has the length the check counted', () => {
    const config = { provider: { subscriptionId: guid(4242), visibilitySubscriptionIds: range(97).map(guid) }, consumers: [...consumers(2), { name: 'p', subscriptionId: guid(5000) }, { name: 'q', subscriptionId: guid(5000).toUpperCase() }] };
    // One subscription written in two cases is one entry in each list (a manual consumer may not share it: rules/validation.ts).
    expect(problems(config)).toEqual([]);
    const pls = Object.values<any>(synth(config).stacks['double-nat-provider'].resource.azurerm_private_link_service)[0];
    expect(pls.visibility_subscription_ids).toHaveLength(99);
    expect(pls.auto_approval_subscription_ids).toEqual([guid(4242), guid(5000)]);
  });

  test('the last allowed NSG rule takes priority 4090, below deny-all at 4096', () => {
    // The NSG construct alone: a whole provider stack with 400 NAT rules costs seconds for the same fact.
    const stack = new TerraformStack(testApp(), 'nsg');
    new NetworkSecurity(stack, 'nsg', {
      resourceGroupName: 'rg',
      location: 'japaneast',
      name: 'nsg-backend',
      attachTo: { networkInterfaceIds: [] },
      allowInbound: range(MAX_ALLOW_RULES).map((i) => ({
        name: `allow-${i}`,
        protocol: 'Tcp' as const,
        sourceAddressPrefixes: ['10.1.1.4/32'],
        destinationAddressPrefixes: ['10.1.0.5'],
        destinationPortRange: String(1000 + i),
      })),
    });
    const nsgRules = Object.values<any>(JSON.parse(Testing.synth(stack)).resource.azurerm_network_security_rule);
    expect(nsgRules).toHaveLength(MAX_ALLOW_RULES + 1);
    const priorities = nsgRules.map((r) => r.priority).sort((a, b) => a - b);
    expect(priorities.slice(-2)).toEqual([4090, 4096]);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  test('destination addresses of the backend NSG are counted as the NSG lists them', () => {
    const config = provider(3, { loadBalancingRules: lbRules(2), inboundNatRules: natRules(2, 3) });
    const nsgRules = Object.values<any>(synth(config).stacks['double-nat-provider'].resource.azurerm_network_security_rule).filter((r) => r.access === 'Allow' && r.name !== 'allow-load-balancer-probe');
    const listed = nsgRules.reduce((sum, r) => sum + (r.destination_address_prefixes?.length ?? 1), 0);
    expect(listed).toBe(2 * 3 + 2);
  });

  test('a configuration over a limit leaves the output folder as it was', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-limits-')), 'out');
    try {
      synthesizeDoubleNat({ config: {}, outdir });
      const before = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
      expect(() => synthesizeDoubleNat({ config: { consumers: consumers(MAX_AUTO_APPROVAL_SUBSCRIPTIONS + 1, (i) => ({ subscriptionId: guid(i) })) }, outdir })).toThrow(
        '101 subscriptions with automatic approval',
      );
      expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe(before);
      expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['double-nat-consumer', 'double-nat-provider']);
    } finally {
      fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
    }
  });
});

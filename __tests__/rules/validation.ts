/**
 * Every input rule, table-driven: a valid value at each boundary passes, an invalid one fails with
 * a message that names the setting, the value and what is allowed.
 */
import fc from 'fast-check';
import { testApp } from '../helpers/test-app';
import { expectNoPieceOf, secretMarker } from '../helpers/secret-marker';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { checkConfig } from '../../lib/config/check-config';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { ConsumerSide } from '../../lib/consumer-side/consumer-side';
import { ProviderSide } from '../../lib/provider-side/provider-side';
import { AdminPassword } from '../../lib/private-vm/admin-password';
import { PrivateVm } from '../../lib/private-vm/private-vm';
import { resolveVmSettings } from '../../lib/private-vm/vm-settings-defaults';
import { DoubleNatValidationError, formatProblem } from '../../lib/validation/problems';

function problems(config: DoubleNatConfig): string[] {
  return checkConfig(config).map(formatProblem);
}

const GUID = '11111111-2222-3333-4444-555555555555';
const chars = (n: number, c = 'a') => c.repeat(n);
const natRule = (rule: object) => ({ provider: { inboundNatRules: [{ name: 'RDP', frontendPort: 3389, ...rule }] } });
const providerVm = (vm: object) => ({ provider: { backendVms: [vm] } });
const consumer = (settings: object) => ({ consumers: [{ name: 'consumer', ...settings }] });
const lbRule = (rule: object) => ({ provider: { loadBalancingRules: [{ name: 'HTTPS', frontendPort: 443, ...rule }] } });
const SSH_KEY = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${'x'.repeat(43)} ops@example`;
const SUBNET_ID = (name: string) =>
  `/subscriptions/${GUID}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/${name}`;
const FRONTEND_ID = `/subscriptions/${GUID}/resourceGroups/rg-app/providers/Microsoft.Network/loadBalancers/lb-app/frontendIPConfigurations/fe`;

// [rule, config, expected problem (substring) or undefined when valid]
const cases: [string, DoubleNatConfig, string | undefined][] = [
  ['defaults are valid', {}, undefined],

  // Address spaces and subnets
  ['address space: CIDR syntax', { provider: { network: { addressSpace: ['10.1.0.0'] } } }, 'provider: network.addressSpace[0] = "10.1.0.0" must be an IPv4 CIDR block'],
  ['address space: octet range', { provider: { network: { addressSpace: ['10.256.0.0/16'] } } }, 'network.addressSpace[0] = "10.256.0.0/16" must be an IPv4 CIDR block'],
  ['address space: host bits zero', { provider: { network: { addressSpace: ['10.1.0.1/16'] } } }, 'must be a CIDR block whose host bits are zero, such as 10.1.0.0/16'],
  ['address space: /29 is the smallest', { provider: { network: { addressSpace: ['10.1.0.0/16', '10.2.0.0/29'] } } }, undefined],
  ['address space: /30 is too small', { provider: { network: { addressSpace: ['10.1.0.0/16', '10.2.0.0/30'] } } }, 'network.addressSpace[1] = "10.2.0.0/30" must be a block of /29 or larger'],
  ['address space: blocks apart', { provider: { network: { addressSpace: ['10.1.0.0/16', '10.1.128.0/17'] } } }, 'must be apart from 10.1.0.0/16'],
  ['address space: empty', { provider: { network: { addressSpace: [] } } }, 'network.addressSpace = [] must be a non-empty list'],
  ['subnet: /29 accepted', { consumers: [{ network: { subnet: { addressPrefix: '10.0.0.0/29' } } }] }, undefined],
  ['subnet: /30 refused', { consumers: [{ network: { subnet: { addressPrefix: '10.0.0.0/30' } } }] }, 'consumers[0]: network.subnet.addressPrefix = "10.0.0.0/30" must be a subnet from /2 to /29'],
  ['subnet: inside the VNet', { provider: { network: { backendSubnet: { addressPrefix: '10.2.0.0/24' } } } }, 'network.backendSubnet.addressPrefix = "10.2.0.0/24" must be inside the VNet\'s address space 10.1.0.0/16'],
  ['subnet: last block of the VNet', { provider: { network: { privateLinkSubnet: { addressPrefix: '10.1.255.0/24' } } } }, undefined],
  ['subnets: not overlapping', { provider: { network: { privateLinkSubnet: { addressPrefix: '10.1.0.128/25' } } } }, 'must be apart from network.backendSubnet.addressPrefix 10.1.0.0/24'],
  ['subnets: distinct names', { provider: { network: { privateLinkSubnet: { name: 'snet-backend' } } } }, 'network.privateLinkSubnet.name = "snet-backend" must be a name other than the backend subnet\'s'],
  ['overlap between the two VNets is valid', consumer({ network: { addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } } }), undefined],

  // Static IPs
  ['static IP: first usable (.4)', { provider: { frontendIp: '10.1.0.4', backendVms: [{ privateIp: '10.1.0.6' }] } }, undefined],
  ['static IP: last usable (.254)', { provider: { frontendIp: '10.1.0.254' } }, undefined],
  ['static IP: .3 is reserved (Azure DNS)', { provider: { frontendIp: '10.1.0.3' } }, 'frontendIp = "10.1.0.3" must be none of the five addresses Azure reserves in 10.1.0.0/24'],
  ['static IP: network address reserved', { provider: { frontendIp: '10.1.0.0' } }, 'must be none of the five addresses Azure reserves'],
  ['static IP: broadcast reserved', { provider: { frontendIp: '10.1.0.255' } }, 'must be none of the five addresses Azure reserves'],
  ['static IP: inside its subnet', { provider: { frontendIp: '10.1.1.10' } }, 'frontendIp = "10.1.1.10" must be inside its subnet network.backendSubnet 10.1.0.0/24'],
  ['static IP: syntax', consumer({ privateEndpoint: { privateIp: '10.0.0' } }), 'privateEndpoint.privateIp = "10.0.0" must be an IPv4 address or "Dynamic"'],
  ['static IP: frontend must be static', { provider: { frontendIp: 'Dynamic' } }, 'frontendIp = "Dynamic" must be an IPv4 address'],
  ['static IP: Dynamic allowed for a VM', providerVm({ privateIp: 'Dynamic' }), undefined],
  ['static IP: used once', { provider: { frontendIp: '10.1.0.5' } }, 'backendVms[0].privateIp = "10.1.0.5" must be an address not already taken by frontendIp'],
  ['static IP: endpoint and VM-A apart', consumer({ privateEndpoint: { privateIp: '10.0.0.4' } }), 'privateEndpoint.privateIp = "10.0.0.4" must be an address not already taken by clientVm.privateIp'],

  // Private Link Service
  ['NAT IPs: eight', { provider: { natIps: Array.from({ length: 8 }, () => ({})) } }, undefined],
  ['NAT IPs: nine', { provider: { natIps: Array.from({ length: 9 }, () => ({})) } }, 'natIps = "9 entries" must be 1 to 8 NAT IP configurations'],
  ['NAT IPs: none', { provider: { natIps: [] } }, 'natIps = "0 entries" must be 1 to 8'],
  ['NAT IPs: exactly one primary', { provider: { natIps: [{ primary: true }, { primary: true }] } }, 'natIps = "2 primary" must be a list with exactly one primary NAT IP'],
  ['NAT IPs: no primary', { provider: { natIps: [{ primary: false }] } }, 'natIps = "0 primary"'],
  ['NAT IPs: dynamic allowed', { provider: { natIps: [{ privateIp: 'Dynamic' }] } }, undefined],
  ['NAT IPs: in the private-link subnet', { provider: { natIps: [{ privateIp: '10.1.0.20' }] } }, 'natIps[0].privateIp = "10.1.0.20" must be inside its subnet network.privateLinkSubnet 10.1.1.0/24'],
  ['NAT IPs: unique names', { provider: { natIps: [{ name: 'a' }, { name: 'a' }] } }, 'natIps[1].name = "a" must be a name used by no other NAT IP'],
  ['visibility: GUID', { provider: { visibilitySubscriptionIds: [GUID] } }, undefined],
  ['visibility: "*"', { provider: { visibilitySubscriptionIds: ['*'] } }, undefined],
  ['visibility: not a GUID', { provider: { visibilitySubscriptionIds: ['my-subscription'] } }, 'visibilitySubscriptionIds[0] = "my-subscription" must be a subscription GUID or "*"'],

  // Load balancer rules
  ['NAT rule: frontend port 1', natRule({ frontendPort: 1 }), undefined],
  ['NAT rule: frontend port 65534', natRule({ frontendPort: 65534 }), undefined],
  ['NAT rule: frontend port 0', natRule({ frontendPort: 0, backendPort: 3389 }), 'inboundNatRules[0].frontendPort = 0 must be a whole number from 1 to 65534 (port)'],
  ['NAT rule: frontend port 65535', natRule({ frontendPort: 65535, backendPort: 3389 }), 'inboundNatRules[0].frontendPort = 65535 must be a whole number from 1 to 65534'],
  ['NAT rule: backend port 65535', natRule({ backendPort: 65535 }), undefined],
  ['NAT rule: backend port 65536', natRule({ backendPort: 65536 }), 'inboundNatRules[0].backendPort = 65536 must be a whole number from 1 to 65535 (port)'],
  ['NAT rule: port is a whole number', natRule({ frontendPort: 3389.5, backendPort: 3389 }), 'frontendPort = 3389.5 must be a whole number'],
  ['NAT rule: idle timeout 4', natRule({ idleTimeoutInMinutes: 4 }), undefined],
  ['NAT rule: idle timeout 30', natRule({ idleTimeoutInMinutes: 30 }), undefined],
  ['NAT rule: idle timeout 3', natRule({ idleTimeoutInMinutes: 3 }), 'idleTimeoutInMinutes = 3 must be a whole number from 4 to 30 (minutes)'],
  ['NAT rule: idle timeout 31 (azurerm takes 4-30 for NAT rules)', natRule({ idleTimeoutInMinutes: 31 }), 'inboundNatRules[0].idleTimeoutInMinutes = 31 must be a whole number from 4 to 30'],
  ['NAT rule: protocol Udp', natRule({ protocol: 'Udp' }), undefined],
  ['NAT rule: protocol All is not for NAT rules here', natRule({ protocol: 'All' }), 'inboundNatRules[0].protocol = "All" must be one of Tcp, Udp'],
  ['NAT rules: same port, other protocol', { provider: { inboundNatRules: [{ name: 'a', frontendPort: 53 }, { name: 'b', frontendPort: 53, protocol: 'Udp' }] } }, undefined],
  ['NAT rules: same protocol and port', { provider: { inboundNatRules: [{ name: 'a', frontendPort: 3389 }, { name: 'b', frontendPort: 3389, backendPort: 3390 }] } }, 'inboundNatRules[1] = "Tcp/3389" must be a protocol and frontend port not already used by inboundNatRules[0]'],
  ['NAT rules: unique names', { provider: { inboundNatRules: [{ name: 'a', frontendPort: 1 }, { name: 'a', frontendPort: 2 }] } }, 'inboundNatRules[1].name = "a" must be a name used by no other rule'],
  ['NAT rule name: 60 characters', natRule({ name: chars(60) }), undefined],
  ['NAT rule name: 61 characters (its NSG rule name would pass 80)', natRule({ name: chars(61) }), 'inboundNatRules[0].name = "' + chars(61) + '" must be at most 60 characters'],
  ['NAT rules: at least one', { provider: { inboundNatRules: [] } }, 'inboundNatRules = [] must be at least one NAT or load-balancing rule'],

  // Names
  ['VNet name: 2 characters', { provider: { network: { name: 'vb' } } }, undefined],
  ['VNet name: 1 character', { provider: { network: { name: 'v' } } }, 'network.name = "v" must be 2-64 characters'],
  ['VNet name: 64 characters', { provider: { network: { name: chars(64) } } }, undefined],
  ['VNet name: 65 characters', { provider: { network: { name: chars(65) } } }, 'must be 2-64 characters'],
  ['VNet name: may end with "_"', { provider: { network: { name: 'vnet_' } } }, undefined],
  ['VNet name: not ending with "-"', { provider: { network: { name: 'vnet-' } } }, 'network.name = "vnet-" must be 2-64 characters of letters, digits, "_", "." and "-"'],
  ['subnet name: 80 characters', { provider: { network: { backendSubnet: { name: chars(80) } } } }, undefined],
  ['subnet name: 81 characters', { provider: { network: { backendSubnet: { name: chars(81) } } } }, 'network.backendSubnet.name'],
  ['resource group: 90 characters', { provider: { resourceGroupName: chars(90) } }, undefined],
  ['resource group: 91 characters', { provider: { resourceGroupName: chars(91) } }, 'resourceGroupName'],
  ['resource group: not ending with "."', { provider: { resourceGroupName: 'rg.' } }, 'resourceGroupName = "rg." must be 1-90 characters'],
  ['resource group: parentheses allowed', { provider: { resourceGroupName: 'rg(lab)' } }, undefined],
  ['PLS name: with a space', { provider: { names: { privateLinkService: 'pls b' } } }, 'names.privateLinkService = "pls b"'],
  ['LB name: 80 characters', { provider: { names: { loadBalancer: chars(80) } } }, undefined],
  ['private endpoint name: 64 characters', consumer({ privateEndpoint: { name: chars(64) } }), undefined],
  ['private endpoint name: 65 characters', consumer({ privateEndpoint: { name: chars(65) } }), 'privateEndpoint.name'],
  ['NSG name: starts with a letter or digit', consumer({ names: { clientNetworkSecurityGroup: '-nsg' } }), 'names.clientNetworkSecurityGroup = "-nsg"'],
  ['private-link NSG name: not the backend NSG\'s', { provider: { names: { privateLinkNetworkSecurityGroup: 'NSG-Backend' } } }, 'names.privateLinkNetworkSecurityGroup = "NSG-Backend" must be a name other than names.backendNetworkSecurityGroup ("nsg-backend")'],
  ['private-link NSG name: a name rule', { provider: { names: { privateLinkNetworkSecurityGroup: 'nsg pl' } } }, 'names.privateLinkNetworkSecurityGroup = "nsg pl"'],
  ['VM name: 64 characters', providerVm({ name: chars(64), computerName: 'vmb' }), undefined],
  ['VM name: no "_"', providerVm({ name: 'vm_b', computerName: 'vmb' }), 'backendVms[0].name = "vm_b"'],
  ['computer name: 15 characters', providerVm({ computerName: chars(15) }), undefined],
  ['computer name: 16 characters', providerVm({ computerName: chars(16) }), 'backendVms[0].computerName = "aaaaaaaaaaaaaaaa" must be 1-15 letters'],
  ['computer name: not only digits', providerVm({ computerName: '12345' }), 'backendVms[0].computerName = "12345"'],
  ['computer name: defaults to a long VM name', providerVm({ name: 'backend-server-01' }), 'backendVms[0].computerName = "backend-server-01"'],
  ['admin user: 20 characters', providerVm({ adminUsername: chars(20) }), undefined],
  ['admin user: 21 characters', providerVm({ adminUsername: chars(21) }), 'backendVms[0].adminUsername = "aaaaaaaaaaaaaaaaaaaaa" must be 1-20 letters'],
  ['admin user: "admin" refused', providerVm({ adminUsername: 'admin' }), 'backendVms[0].adminUsername = "admin" must be a name Azure accepts for an admin account'],
  ['admin user: case-insensitive', consumer({ clientVm: { adminUsername: 'Administrator' } }), 'clientVm.adminUsername = "Administrator" must be a name Azure accepts'],
  ['admin user: root refused', consumer({ clientVm: { adminUsername: 'root' } }), 'must be a name Azure accepts'],
  ['admin user: not ending with "."', providerVm({ adminUsername: 'ops.' }), 'backendVms[0].adminUsername = "ops."'],

  // Azure values
  ['region: short name', { provider: { location: 'westeurope' } }, undefined],
  ['region: display name refused with a hint', { provider: { location: 'West Europe' } }, 'location = "West Europe" must be an Azure region name in lower case without spaces, e.g. "japaneast" (did you mean "westeurope"?)'],
  ['VM size: Standard_D2s_v5', providerVm({ size: 'Standard_D2s_v5' }), undefined],
  ['VM size: Standard_M416-208ms_v2', providerVm({ size: 'Standard_M416-208ms_v2' }), undefined],
  ['VM size: missing tier', providerVm({ size: 'D2s_v5' }), 'backendVms[0].size = "D2s_v5" must be a VM size name'],
  ['OS disk type', providerVm({ osDiskType: 'SSD' }), 'backendVms[0].osDiskType = "SSD" must be one of Standard_LRS'],
  ['image: all four parts', providerVm({ image: { publisher: 'Canonical', offer: '', sku: 'x', version: 'latest' } }), 'backendVms[0].image.offer = "" must be a non-empty string'],
  ['subscription: GUID', { provider: { subscriptionId: GUID } }, undefined],
  ['subscription: not a GUID', { provider: { subscriptionId: 'prod' } }, 'provider: subscriptionId = "prod" must be a subscription GUID'],
  ['tenant: not a GUID', consumer({ subscriptionId: GUID, tenantId: 'contoso.onmicrosoft.com' }), 'consumers[0]: tenantId = "contoso.onmicrosoft.com" must be a tenant GUID'],
  ['tags: 50', { provider: { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, 'v'])) } }, undefined],
  ['tags: 51', { provider: { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'])) } }, 'tags = "51 tags" must be at most 50 tags'],
  ['tags: name without "/"', { provider: { tags: { 'cost/center': 'x' } } }, 'tags.cost/center = "cost/center" must be a tag name'],
  ['tags: value at most 256', consumer({ tags: { owner: chars(257) } }), 'must be a string of at most 256 characters'],

  // Private endpoint and approval
  ['request message: 140 characters', consumer({ privateEndpoint: { manualApproval: true, requestMessage: chars(140) } }), undefined],
  ['request message: 141 characters', consumer({ privateEndpoint: { manualApproval: true, requestMessage: chars(141) } }), 'privateEndpoint.requestMessage'],
  ['manual approval: boolean', consumer({ privateEndpoint: { manualApproval: 'yes' as unknown as boolean } }), 'privateEndpoint.manualApproval = "yes" must be true or false'],

  // Several VMs, Linux, load-balancing rules
  ['backend VMs: two, distinct', { provider: { backendVms: [{}, { name: 'vm-c' }] } }, undefined],
  ['backend VMs: names unique', { provider: { backendVms: [{ name: 'web' }, { name: 'web' }] } }, 'backendVms[1].name = "web" must be a name used by no other backend VM'],
  ['backend VMs: at least one', { provider: { backendVms: [] } }, 'backendVms = [] must be at least one VM'],
  ['NAT rule: target VM exists', { provider: { backendVms: [{}, { name: 'vm-c' }], inboundNatRules: [{ name: 'RDP', frontendPort: 3389, targetVm: 'vm-c' }] } }, undefined],
  ['NAT rule: unknown target VM', natRule({ targetVm: 'vm-x' }), 'inboundNatRules[0].targetVm = "vm-x" must be the name of a backend VM (vm-b)'],
  ['VM os: linux with a key', providerVm({ os: 'linux', adminSshPublicKey: SSH_KEY }), undefined],
  ['VM os: unknown', providerVm({ os: 'macos' }), 'backendVms[0].os = "macos" must be "windows" or "linux"'],
  ['Linux: key required', providerVm({ os: 'linux' }), 'backendVms[0].adminSshPublicKey = (missing) must be an OpenSSH public key line'],
  ['Linux: not a key', providerVm({ os: 'linux', adminSshPublicKey: 'my-key' }), 'backendVms[0].adminSshPublicKey = "(key)" must be an OpenSSH public key line'],
  ['Linux: 64-character user', providerVm({ os: 'linux', adminSshPublicKey: SSH_KEY, adminUsername: chars(64) }), undefined],
  ['Linux: 65-character user', providerVm({ os: 'linux', adminSshPublicKey: SSH_KEY, adminUsername: chars(65) }), 'backendVms[0].adminUsername'],
  ['Linux: root refused', providerVm({ os: 'linux', adminSshPublicKey: SSH_KEY, adminUsername: 'root' }), 'must be a name Azure accepts'],
  ['Linux: long host name allowed', providerVm({ os: 'linux', adminSshPublicKey: SSH_KEY, name: 'web-server-frontend-01' }), undefined],
  ['Windows: no SSH key', providerVm({ adminSshPublicKey: SSH_KEY }), 'backendVms[0].adminSshPublicKey = "(set)" must be left out for Windows'],
  ['LB rule: HTTPS with an Https probe', lbRule({ probe: { protocol: 'Https', requestPath: '/healthz' } }), undefined],
  ['LB rule: probe protocol', lbRule({ probe: { protocol: 'Icmp' } }), 'loadBalancingRules[0].probe.protocol = "Icmp" must be one of Tcp, Http, Https'],
  ['LB rule: probe path starts with "/"', lbRule({ probe: { protocol: 'Http', requestPath: 'healthz' } }), 'loadBalancingRules[0].probe.requestPath = "healthz" must be a path starting with "/"'],
  ['LB rule: no path on a Tcp probe', lbRule({ probe: { protocol: 'Tcp', requestPath: '/' } }), 'probe.requestPath = "/" must be left out for a Tcp probe'],
  ['LB rule: idle timeout 100', lbRule({ idleTimeoutInMinutes: 100 }), undefined],
  ['LB rule: idle timeout 101', lbRule({ idleTimeoutInMinutes: 101 }), 'loadBalancingRules[0].idleTimeoutInMinutes = 101 must be a whole number from 4 to 100'],
  ['LB rule: probe interval 5', lbRule({ probe: { intervalInSeconds: 5 } }), undefined],
  ['LB rule: probe interval 4', lbRule({ probe: { intervalInSeconds: 4 } }), 'probe.intervalInSeconds = 4 must be a whole number from 5'],
  ['LB rule: probe port 65536', lbRule({ probe: { port: 65536 } }), 'probe.port = 65536 must be a whole number from 1 to 65535'],
  ['LB and NAT rule on one port', { provider: { inboundNatRules: [{ name: 'a', frontendPort: 443 }], loadBalancingRules: [{ name: 'b', frontendPort: 443 }] } }, 'loadBalancingRules[0] = "Tcp/443" must be a protocol and frontend port not already used by inboundNatRules[0]'],
  ['LB and NAT rule names unique', { provider: { inboundNatRules: [{ name: 'web', frontendPort: 22 }], loadBalancingRules: [{ name: 'web', frontendPort: 443 }] } }, 'loadBalancingRules[0].name = "web" must be a name used by no other rule'],

  // PLS options
  ['proxy protocol: boolean', { provider: { proxyProtocol: 'on' as unknown as boolean } }, 'proxyProtocol = "on" must be true or false'],
  ['FQDNs: DNS names', { provider: { fqdns: ['rdp.contoso.internal'] } }, undefined],
  ['FQDNs: one label is not a name', { provider: { fqdns: ['rdp'] } }, 'fqdns[0] = "rdp" must be'],
  ['delete lock: boolean', { provider: { deleteLock: 1 as unknown as boolean } }, 'deleteLock = 1 must be true or false'],
  ['dynamic NAT IP needs a known subnet prefix', { provider: { network: { backendSubnet: { id: SUBNET_ID('a') }, privateLinkSubnet: { id: SUBNET_ID('b') } }, natIps: [{ privateIp: 'Dynamic' }] } }, 'network.privateLinkSubnet.addressPrefix = (missing) must be given when a NAT IP is "Dynamic"'],

  // Existing networks
  ['existing subnets: ids with prefixes', { provider: { network: { backendSubnet: { id: SUBNET_ID('a'), addressPrefix: '172.16.0.0/24' }, privateLinkSubnet: { id: SUBNET_ID('b'), addressPrefix: '172.16.1.0/24' } } } }, undefined],
  ['existing subnets: static IPs checked against the stated prefix', { provider: { network: { backendSubnet: { id: SUBNET_ID('a'), addressPrefix: '172.16.0.0/24' }, privateLinkSubnet: { id: SUBNET_ID('b') } }, natIps: [{ privateIp: '172.16.1.4' }], frontendIp: '172.16.5.4' } }, 'frontendIp = "172.16.5.4" must be inside its subnet network.backendSubnet 172.16.0.0/24'],
  ['existing subnets: the frontend needs an address or a prefix', { provider: { network: { backendSubnet: { id: SUBNET_ID('a') }, privateLinkSubnet: { id: SUBNET_ID('b') } }, natIps: [{ privateIp: '172.16.1.4' }] } }, 'frontendIp = "(not set)" must be a static IPv4 address in the backend subnet: set it, or give network.backendSubnet.addressPrefix'],
  ['existing subnets: prefix optional with static IPs', { provider: { network: { backendSubnet: { id: SUBNET_ID('a') }, privateLinkSubnet: { id: SUBNET_ID('b') } }, natIps: [{ privateIp: '172.16.1.4' }], frontendIp: '172.16.0.4', backendVms: [{ privateIp: '172.16.0.5' }] } }, undefined],
  ['existing subnets: both or neither', { provider: { network: { backendSubnet: { id: SUBNET_ID('a') } } } }, 'network.privateLinkSubnet.id = (missing) must be the id of an existing subnet too'],
  ['existing subnet: id format', consumer({ network: { subnet: { id: '/subscriptions/x/subnets/y' } } }), 'consumers[0]: network.subnet.id = "/subscriptions/x/subnets/y" must be a subnet resource id'],
  ['existing subnet: static IP inside its prefix', consumer({ network: { subnet: { id: SUBNET_ID('c'), addressPrefix: '192.168.0.0/24' } }, clientVm: { privateIp: '192.168.1.4' } }), 'clientVm.privateIp = "192.168.1.4" must be inside its subnet network.subnet 192.168.0.0/24'],
  ['existing frontend', { provider: { existingFrontend: { frontendIpConfigurationId: FRONTEND_ID }, network: { privateLinkSubnet: { id: SUBNET_ID('b') } } } }, undefined],
  ['existing frontend: id format', { provider: { existingFrontend: { frontendIpConfigurationId: 'lb-1' }, network: { privateLinkSubnet: { id: SUBNET_ID('b') } } } }, 'existingFrontend.frontendIpConfigurationId = "lb-1" must be a frontend ip configuration id'],
  ['existing frontend: no VMs of ours', { provider: { existingFrontend: { frontendIpConfigurationId: FRONTEND_ID }, network: { privateLinkSubnet: { id: SUBNET_ID('b') } }, backendVms: [{}] } }, 'backendVms = "1 VMs" must be none with existingFrontend'],
  ['existing frontend: NAT subnet must exist', { provider: { existingFrontend: { frontendIpConfigurationId: FRONTEND_ID } } }, 'network.privateLinkSubnet.id = (missing) must be an existing subnet id'],

  // Private DNS
  ['private DNS: zone and record', consumer({ privateDns: { zoneName: 'services.internal', recordName: 'rdp' } }), undefined],
  ['private DNS: zone needs two labels', consumer({ privateDns: { zoneName: 'internal' } }), 'privateDns.zoneName = "internal" must be'],
  ['private DNS: one label per record', consumer({ privateDns: { zoneName: 'services.internal', recordName: 'a.b' } }), 'privateDns.recordName = "a.b" must be'],
  ['private DNS: TTL positive', consumer({ privateDns: { zoneName: 'services.internal', ttl: 0 } }), 'privateDns.ttl = 0 must be a whole number from 1'],

  // State backends
  ['backend: azurerm', { backend: { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate' } }, undefined],
  ['backend: storage account name', { backend: { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'St-State', containerName: 'tfstate' } }, 'configuration: backend.storageAccountName = "St-State" must be 3-24 lower case letters and digits'],
  ['backend: container name', { backend: { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'ststate', containerName: 'tf--state' } }, 'backend.containerName = "tf--state" must be 3-63 lower case letters'],
  ['backend: cloud', { backend: { type: 'cloud', organization: 'contoso', workspacePrefix: 'double-nat-' } }, undefined],
  ['backend: cloud organization', { backend: { type: 'cloud', organization: 'con toso' } }, 'backend.organization = "con toso" must be an HCP Terraform organization name'],
  ['backend: unknown type', { backend: { type: 's3' } as never }, 'backend.type = "s3" must be one of "local", "azurerm" or "cloud"'],

  // The configuration file itself
  ['unknown setting', { provider: { frontendIP: '10.1.0.4' } as never }, 'configuration: provider.frontendIP (a string) must be a known setting'],
  ['unknown setting in a list', { consumers: [{ name: 'a', vm: {} } as never] }, 'configuration: consumers[0].vm (an object) must be a known setting'],
  ['no password in the file', providerVm({ adminPassword: { source: 'value', value: 'Sup3r-secret!' } }), 'backendVms[0].adminPassword.value'],
  ['password source: variable', providerVm({ adminPassword: { source: 'variable', variableName: 'vm_b_pw' } }), undefined],
  ['password source: unknown', providerVm({ adminPassword: { source: 'keyvault' } as never }), 'backendVms[0].adminPassword.source = "(hidden)" must be one of "generated", "variable", "value" (a token) or "unsafePlainText"'],
  ['consumer names: unique stacks', { consumers: [{ name: 'a' }, { name: 'a' }] }, 'consumers[1]: name = "a" must be a name whose stack "double-nat-a" is not already used by consumers[0]'],
  ['consumer names: not the provider stack', { consumers: [{ name: 'provider' }] }, 'must be a name whose stack "double-nat-provider" is not already used by provider'],
  ['consumer names: lower case', { consumers: [{ name: 'Team A' }] }, 'consumers[0]: name = "Team A" must be 1-40 lower case letters'],
  ['consumers: at least one', { consumers: [] }, 'consumers = [] must be a list of at least one consumer'],
];

describe.each(cases)('%s', (_rule, config, expected) => {
  test(expected ? 'is refused with a message naming setting, value and rule' : 'is accepted', () => {
    const found = problems(config);
    if (expected) {
      expect(found).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    } else {
      expect(found).toEqual([]);
    }
  });
});

test('every problem of a configuration is reported at once', () => {
  const found = problems({
    provider: { frontendIp: '10.1.0.1', location: 'Japan East', natIps: [{ primary: false }] },
    consumers: [{ name: 'a', clientVm: { adminUsername: 'admin', size: 'big' } }],
  });
  expect(found).toHaveLength(5);
});

describe('construct props (for apps that use the constructs directly)', () => {
  const stack = () => new TerraformStack(testApp(), 'test');
  const alias = 'pls-b.11111111-2222-3333-4444-555555555555.japaneast.azure.privatelinkservice';
  const consumerWith = (props: object) => () =>
    new ConsumerSide(stack(), 'consumer', { resourceGroupName: 'rg', privateLinkServiceAlias: alias, ...props });
  const providerWith = (props: object) => () => new ProviderSide(stack(), 'provider', { resourceGroupName: 'rg', ...props });
  const password = (value: string) => consumerWith({ clientVm: { adminPassword: AdminPassword.unsafePlainText(value) } });

  test.each([
    ['12 characters, three classes', 'Abcdefghij1k'],
    ['123 characters', `Aa1${'x'.repeat(120)}`],
  ])('password %s is accepted', (_case, value) => {
    expect(password(value)).not.toThrow();
  });

  test.each([
    ['11 characters', 'Abcdefghi1k'],
    ['124 characters', `Aa1${'x'.repeat(121)}`],
    ['two classes only', 'abcdefghijk1'],
    ['a well-known password', 'P@ssword123'],
  ])('password %s is refused without echoing it', (_case, value) => {
    expect(password(value)).toThrow(DoubleNatValidationError);
    expect(password(value)).toThrow('consumer: clientVm.adminPassword.value = "(hidden)" must be 12-123 characters');
    try {
      password(value)();
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });

  test('no message of theirs shows a secret given under adminPassword, in any shape', () => {
    fc.assert(
      fc.property(secretMarker, (secret) => {
        const attempts = [
          providerWith({ backendVms: [{ adminPassword: secret }] }),
          providerWith({ backendVms: [{ adminPassword: { source: secret } }] }),
          consumerWith({ clientVm: { adminPassword: { source: 'value', value: secret.slice(0, 8) } } }),
          () => {
            throw new DoubleNatValidationError([{ where: 'app', prop: 'vm.adminPassword', value: secret, allowed: 'x' }]);
          },
        ];
        for (const attempt of attempts) {
          let thrown: unknown;
          try {
            attempt();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DoubleNatValidationError);
          expectNoPieceOf(secret, (thrown as Error).message);
          expectNoPieceOf(secret, JSON.stringify((thrown as DoubleNatValidationError).problems));
        }
      }),
      { numRuns: 5 },
    );
  });

  describe('a plain-text admin password is refused by the constructs themselves, with no policy added', () => {
    const plain = 'Plain-Text-Passw0rd!';
    const refusedWithout = (attempt: () => unknown, where: string, prop: string) => {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DoubleNatValidationError);
      const message = (thrown as Error).message;
      expect(message).toContain(`${where}: ${prop} = "(hidden)" must be a token (a Key Vault secret, a Terraform variable), not plain text`);
      expect(message).toContain('AdminPassword.unsafePlainText(...)');
      expect(message).not.toContain(plain);
      expect(JSON.stringify((thrown as DoubleNatValidationError).problems)).not.toContain(plain);
    };
    const privateVm = (adminPassword: object) => {
      const vmStack = stack();
      new PrivateVm(vmStack, 'vm-c', {
        resourceGroupName: 'rg',
        location: 'japaneast',
        subnetId: 'subnet-id',
        settings: resolveVmSettings({ name: 'vm-c', adminPassword: adminPassword as never }, { name: 'vm-c', privateIp: '10.1.0.9' }),
        outputBaseName: 'vm_c',
      });
      return JSON.parse(Testing.synth(vmStack));
    };

    test('ConsumerSide, ProviderSide and PrivateVm name the prop and never print the password', () => {
      refusedWithout(consumerWith({ clientVm: { adminPassword: { source: 'value', value: plain } } }), 'test/consumer', 'clientVm.adminPassword.value');
      refusedWithout(providerWith({ backendVms: [{ adminPassword: { source: 'value', value: plain } }] }), 'test/provider', 'backendVms[0].adminPassword.value');
      refusedWithout(() => privateVm({ source: 'value', value: plain }), 'test/vm-c/admin-password', 'adminPassword.value');
    });

    test('AdminPassword.unsafePlainText is the way through for a caller who means it, still checked against Azure\'s rule', () => {
      expect(consumerWith({ clientVm: { adminPassword: AdminPassword.unsafePlainText(plain) } })).not.toThrow();
      const vm = Object.values(privateVm(AdminPassword.unsafePlainText(plain)).resource.azurerm_windows_virtual_machine)[0] as { admin_password: string };
      expect(vm.admin_password).toBe(plain);
      expect(password('short1A')).toThrow('clientVm.adminPassword.value = "(hidden)" must be 12-123 characters');
    });

    test('a token, a variable and the default generated password are accepted', () => {
      const tokenStack = stack();
      const token = new TerraformVariable(tokenStack, 'kv_password', { type: 'string', sensitive: true }).stringValue;
      expect(() => new ConsumerSide(tokenStack, 'consumer', { resourceGroupName: 'rg', privateLinkServiceAlias: alias, clientVm: { adminPassword: { source: 'value', value: token } } })).not.toThrow();
      expect(consumerWith({ clientVm: { adminPassword: { source: 'variable' } } })).not.toThrow();
      const generated = privateVm({ source: 'generated' });
      expect(Object.keys(generated.resource.random_password)).toHaveLength(1);
      expect((Object.values(generated.resource.azurerm_windows_virtual_machine)[0] as { admin_password: string }).admin_password).toMatch(/^\$\{random_password\./);
    });
  });

  test('a literal alias must look like one', () => {
    expect(consumerWith({})).not.toThrow();
    expect(() => new ConsumerSide(stack(), 'c', { resourceGroupName: 'rg', privateLinkServiceAlias: '/subscriptions/x/pls' })).toThrow(
      'test/c: privateLinkServiceAlias = "/subscriptions/x/pls" must be a Private Link Service alias',
    );
  });

  test('auto-approval takes GUIDs, not "*"', () => {
    expect(providerWith({ visibilitySubscriptionIds: ['*'], autoApprovalSubscriptionIds: ['*'] })).toThrow(
      'autoApprovalSubscriptionIds[0] = "*" must be a subscription GUID ("*" is not allowed here)',
    );
  });

  test('auto-approved subscriptions must also be visible', () => {
    expect(providerWith({ visibilitySubscriptionIds: [GUID], autoApprovalSubscriptionIds: [GUID] })).not.toThrow();
    expect(providerWith({ autoApprovalSubscriptionIds: [GUID] })).toThrow('must be also listed in visibilitySubscriptionIds');
  });

  test('the error names the construct path', () => {
    expect(providerWith({ frontendIp: '10.9.9.9' })).toThrow('test/provider: frontendIp = "10.9.9.9" must be inside its subnet');
  });
});

describe('a manual consumer whose subscription would be auto-approved is refused', () => {
  const OTHER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const manual = { manualApproval: true, requestMessage: 'please review' };

  test('sharing a subscription with an automatic consumer (GUIDs compared ignoring case)', () => {
    const found = problems({
      consumers: [
        { name: 'auto', subscriptionId: GUID },
        { name: 'review', subscriptionId: GUID.toUpperCase(), privateEndpoint: manual },
      ],
    });
    expect(found).toEqual([
      `configuration: consumers[1].privateEndpoint.manualApproval = true must be kept by a subscription that is not auto-approved: ` +
        `consumer "review" asks for manual approval, but automatic consumer "auto" (consumers[0]) puts subscription ${GUID.toUpperCase()} ` +
        `on the PLS auto-approval list, where any endpoint is approved without review. ` +
        `Give "review" a separate subscriptionId, or set privateEndpoint.manualApproval: true on "auto" (consumers[0]) too`,
    ]);
  });

  test("in the provider's own subscription, which an automatic consumer naming none puts on the list", () => {
    const unnamed = problems({ consumers: [{ name: 'auto' }, { name: 'review', privateEndpoint: manual }] });
    expect(unnamed).toEqual([expect.stringContaining(`consumer "review" asks for manual approval, but automatic consumer "auto" (consumers[0]) puts the provider's own subscription on the PLS auto-approval list`)]);
    const named = problems({ provider: { subscriptionId: GUID }, consumers: [{ name: 'auto' }, { name: 'review', subscriptionId: GUID, privateEndpoint: manual }] });
    expect(named).toEqual([expect.stringContaining(`puts subscription ${GUID} (the provider's own) on the PLS auto-approval list`)]);
    expect(named[0]).toContain('Give "review" a separate subscriptionId, or set privateEndpoint.manualApproval: true on "auto" (consumers[0]) too');
  });

  test('every automatic consumer sharing it is named', () => {
    const found = problems({ consumers: [{ name: 'a' }, { name: 'review', privateEndpoint: manual }, { name: 'b' }] });
    expect(found).toEqual([expect.stringContaining('automatic consumers "a" (consumers[0]), "b" (consumers[2]) put the provider\'s own subscription')]);
  });

  test('a separate subscription, or both manual, is accepted', () => {
    expect(problems({ consumers: [{ name: 'auto' }, { name: 'review', subscriptionId: OTHER, privateEndpoint: manual }] })).toEqual([]);
    expect(problems({ consumers: [{ name: 'one', privateEndpoint: manual }, { name: 'two', privateEndpoint: manual }] })).toEqual([]);
    expect(problems({ provider: { subscriptionId: GUID }, consumers: [{ name: 'auto', subscriptionId: OTHER }, { name: 'review', privateEndpoint: manual }] })).toEqual([]);
  });
});

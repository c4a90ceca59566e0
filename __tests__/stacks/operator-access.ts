/**
 * Operator access through Azure Bastion: off by default, every SKU's resources and NSG rules, every
 * refused input with its message, and the policy rules that guard it (DN001 waiver, DN003, DN005).
 */
import { AnnotationMetadataEntryType, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { BastionHost } from '@cdktf/provider-azurerm/lib/bastion-host';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { IConstruct } from 'constructs';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { checkConfig } from '../../lib/config/check-config';
import { BASTION_SUBNET_RULES } from '../../lib/operator-access/bastion-subnet-rules';
import { DEVELOPER_REGIONS } from '../../lib/operator-access/bastion-developer-regions';
import { doubleNatPolicyRules } from '../../lib/policy/policies';
import { ProviderSide } from '../../lib/provider-side/provider-side';
import { formatProblem } from '../../lib/validation/problems';
import { expectDoubleNatInvariants } from '../helpers/invariants';
import { all, only, synth } from '../helpers/synth';
import { testApp } from '../helpers/test-app';

const GUID = '11111111-2222-3333-4444-555555555555';
const SUBNET_ID = (name: string, vnet = 'vnet-spoke', rg = 'rg-double-nat-consumer') =>
  `/subscriptions/${GUID}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/${name}`;
const consumer = (settings: object) => ({ consumers: [{ name: 'consumer', ...settings }] });
const existingConsumer = (operatorAccess: object) =>
  consumer({ network: { subnet: { id: SUBNET_ID('snet-app'), addressPrefix: '192.168.5.0/24' } }, operatorAccess });

function problems(config: DoubleNatConfig): string[] {
  return checkConfig(config).map(formatProblem);
}

describe('synthesized resources', () => {
  test('off by default: no Bastion, and VM-A admits nothing inbound', () => {
    const { stacks } = synth();
    for (const stack of Object.values(stacks)) expect(stack.resource.azurerm_bastion_host).toBeUndefined();
    expect(all(stacks['double-nat-consumer'], 'azurerm_network_security_rule').filter((r) => r.access === 'Allow')).toEqual([]);
  });

  test('Developer (the default SKU): no subnet, no public IP; VM-A admits RDP from 168.63.129.16 only', () => {
    const { stacks } = synth(consumer({ operatorAccess: {} }));
    const stack = stacks['double-nat-consumer'];
    expect(only(stack, 'azurerm_bastion_host')).toEqual(
      expect.objectContaining({ name: 'bastion-vnet-a', sku: 'Developer', virtual_network_id: expect.stringMatching(/^\$\{azurerm_virtual_network\..+\.id\}$/) }),
    );
    expect(all(stack, 'azurerm_subnet').map((s) => s.name)).toEqual(['snet-default']);
    expect(stack.resource.azurerm_public_ip).toBeUndefined();
    expect(all(stack, 'azurerm_network_security_rule').filter((r) => r.access === 'Allow')).toEqual([
      expect.objectContaining({ protocol: 'Tcp', source_address_prefix: '168.63.129.16/32', destination_address_prefix: '10.0.0.4', destination_port_range: '3389' }),
    ]);
    expectDoubleNatInvariants(stacks);
  });

  test('a Linux VM-A is opened over SSH (22), not RDP', () => {
    const key = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${'x'.repeat(43)} ops@example`;
    const { stacks } = synth(consumer({ clientVm: { os: 'linux', adminSshPublicKey: key }, operatorAccess: {} }));
    const allows = all(stacks['double-nat-consumer'], 'azurerm_network_security_rule').filter((r) => r.access === 'Allow');
    expect(allows).toEqual([expect.objectContaining({ name: 'allow-operator-ssh-from-bastion', destination_port_range: '22' })]);
  });

  test('Basic: AzureBastionSubnet (default the last /26) with the NSG Microsoft requires, a Standard static public IP waived in DN001', () => {
    const { stacks, text } = synth(consumer({ operatorAccess: { sku: 'Basic' } }));
    const stack = stacks['double-nat-consumer'];
    const subnet = all(stack, 'azurerm_subnet').find((s) => s.name === 'AzureBastionSubnet');
    expect(subnet.address_prefixes).toEqual(['10.0.255.192/26']);
    expect(only(stack, 'azurerm_public_ip')).toMatchObject({ name: 'bastion-vnet-a-pip', sku: 'Standard', allocation_method: 'Static' });
    expect(only(stack, 'azurerm_bastion_host')).toMatchObject({ sku: 'Basic', ip_configuration: { name: 'bastion-ipconfig' } });
    expect(only(stack, 'azurerm_bastion_host').virtual_network_id).toBeUndefined();
    const bastionRules = all(stack, 'azurerm_network_security_rule').filter((r) => /bastion-vnet-a-nsg|operator-access_nsg/.test(r.network_security_group_name));
    expect(bastionRules.map((r) => r.name).sort()).toEqual([...BASTION_SUBNET_RULES.map((r) => r.name), 'DenyAllOtherInbound'].sort());
    expect(all(stack, 'azurerm_network_security_rule')).toContainEqual(
      expect.objectContaining({ name: 'allow-operator-rdp-from-bastion', source_address_prefix: '10.0.255.192/26', destination_port_range: '3389' }),
    );
    expect(text).toContain('[DN001] suppressed: Azure Bastion Basic/Standard needs a Standard static public IP');
    expectDoubleNatInvariants(stacks);
  });

  test('an existing network: Developer takes the VNet of the subnet id; no subnet or NSG is touched', () => {
    const { stacks } = synth(existingConsumer({}));
    const stack = stacks['double-nat-consumer'];
    expect(only(stack, 'azurerm_bastion_host').virtual_network_id).toBe(SUBNET_ID('snet-app').replace(/\/subnets\/.*$/, ''));
    expect(stack.resource.azurerm_subnet).toBeUndefined();
  });

  test('an existing network given by reference: the VNet id is cut from the subnet id when Terraform applies', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const backend = new TerraformVariable(stack, 'backend-subnet-id', { type: 'string' });
    const privateLink = new TerraformVariable(stack, 'private-link-subnet-id', { type: 'string' });
    new ProviderSide(stack, 'provider-side', {
      resourceGroupName: 'rg',
      network: { backendSubnet: { id: backend.stringValue, addressPrefix: '10.1.0.0/24' }, privateLinkSubnet: { id: privateLink.stringValue, addressPrefix: '10.1.1.0/24' } },
      operatorAccess: {},
    });
    const bastion = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_bastion_host as Record<string, any>)[0];
    expect(bastion.virtual_network_id).toBe('${replace(var.backend-subnet-id, "/\\/subnets\\/[^/]+$/", "")}');
  });

  test('an existing network: Standard uses the existing AzureBastionSubnet and admits its prefix', () => {
    const id = SUBNET_ID('AzureBastionSubnet');
    const { stacks } = synth(existingConsumer({ sku: 'Standard', subnet: { id, addressPrefix: '192.168.9.0/26' } }));
    const stack = stacks['double-nat-consumer'];
    expect(only(stack, 'azurerm_bastion_host').ip_configuration.subnet_id).toBe(id);
    expect(stack.resource.azurerm_subnet).toBeUndefined();
    expect(stack.resource.azurerm_subnet_network_security_group_association).toBeUndefined();
    expect(all(stack, 'azurerm_network_security_rule')).toContainEqual(expect.objectContaining({ source_address_prefix: '192.168.9.0/26', destination_port_range: '3389' }));
    expectDoubleNatInvariants(stacks, { [SUBNET_ID('snet-app')]: '192.168.5.0/24', [id]: '192.168.9.0/26' });
  });

  test('provider: VM-B admits the Bastion on RDP next to the NAT IP, and the outputs say how to connect', () => {
    const { stacks } = synth({ provider: { operatorAccess: {} } });
    const provider = stacks['double-nat-provider'];
    expect(all(provider, 'azurerm_network_security_rule').filter((r) => r.access === 'Allow').map((r) => [r.source_address_prefix, r.destination_port_range])).toEqual([
      ['10.1.1.4/32', '3389'],
      ['168.63.129.16/32', '3389'],
    ]);
    expect(provider.output?.vm_b_bastion_connect.value).toContain('virtual machine vm-b > Connect > Bastion');
    expect(provider.output?.vm_b_bastion_connect.value).not.toContain('az network bastion');
    expectDoubleNatInvariants(stacks);
  });
});

describe('refused at synth, all in one list', () => {
  const cases: [string, DoubleNatConfig, string][] = [
    ['SKU', consumer({ operatorAccess: { sku: 'Premium' } }), 'consumers[0]: operatorAccess.sku = "Premium" must be one of Developer, Basic, Standard'],
    ['Developer outside its regions', consumer({ location: 'eastus', operatorAccess: {} }), 'operatorAccess.sku = "Developer" must be "Basic" or "Standard" in eastus: Bastion Developer is offered only in'],
    ['Developer with a subnet', consumer({ operatorAccess: { subnet: { addressPrefix: '10.0.1.0/26' } } }), 'operatorAccess.subnet = {"addressPrefix":"10.0.1.0/26"} must be left out for the Developer SKU'],
    ['native client on Developer', consumer({ operatorAccess: { nativeClient: true } }), 'operatorAccess.nativeClient = true must be false unless sku is "Standard"'],
    ['native client on Basic', consumer({ operatorAccess: { sku: 'Basic', nativeClient: true } }), 'operatorAccess.nativeClient = true must be false unless sku is "Standard"'],
    ['subnet smaller than /26', consumer({ operatorAccess: { sku: 'Basic', subnet: { addressPrefix: '10.0.1.0/27' } } }), 'operatorAccess.subnet.addressPrefix = "10.0.1.0/27" must be a /26 or larger'],
    ['subnet outside the VNet', consumer({ operatorAccess: { sku: 'Basic', subnet: { addressPrefix: '10.9.0.0/26' } } }), 'operatorAccess.subnet.addressPrefix = "10.9.0.0/26" must be inside the VNet\'s address space 10.0.0.0/16'],
    ['subnet apart from the VM subnet', consumer({ operatorAccess: { sku: 'Basic', subnet: { addressPrefix: '10.0.0.0/26' } } }), 'operatorAccess.subnet.addressPrefix = "10.0.0.0/26" must be apart from network.subnet.addressPrefix 10.0.0.0/24'],
    ['provider subnet apart from the private-link subnet', { provider: { operatorAccess: { sku: 'Standard', subnet: { addressPrefix: '10.1.1.0/26' } } } }, 'provider: operatorAccess.subnet.addressPrefix = "10.1.1.0/26" must be apart from network.privateLinkSubnet.addressPrefix 10.1.1.0/24'],
    ['name', consumer({ operatorAccess: { name: 'b-' } }), 'operatorAccess.name = "b-" must be 3-80 letters, digits'],
    ['existing network needs the AzureBastionSubnet id', existingConsumer({ sku: 'Basic' }), 'operatorAccess.subnet.id = (missing) must be the id of the existing AzureBastionSubnet of this VNet'],
    ['existing subnet named exactly AzureBastionSubnet', existingConsumer({ sku: 'Basic', subnet: { id: SUBNET_ID('snet-bastion'), addressPrefix: '192.168.9.0/26' } }), 'must be the id of a subnet named exactly "AzureBastionSubnet"'],
    ['existing subnet in the same VNet', existingConsumer({ sku: 'Basic', subnet: { id: SUBNET_ID('AzureBastionSubnet', 'vnet-hub'), addressPrefix: '192.168.9.0/26' } }), "must be a subnet of this side's VNet"],
    ['existing subnet in the same resource group', existingConsumer({ sku: 'Basic', subnet: { id: SUBNET_ID('AzureBastionSubnet', 'vnet-spoke', 'rg-net'), addressPrefix: '192.168.9.0/26' } }), "must be a subnet in this side's resource group \"rg-double-nat-consumer\""],
    ['existing subnet states its prefix', existingConsumer({ sku: 'Basic', subnet: { id: SUBNET_ID('AzureBastionSubnet') } }), 'operatorAccess.subnet.addressPrefix = (missing) must be given with subnet.id'],
    ['provider without VMs of its own', { provider: { existingFrontend: { frontendIpConfigurationId: `/subscriptions/${GUID}/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe` }, network: { privateLinkSubnet: { id: SUBNET_ID('snet-pl') } }, operatorAccess: {} } }, 'provider: operatorAccess.sku = "Developer" must be left out: this side has no VM of its own'],
    ['unknown key', consumer({ operatorAccess: { tunneling: true } }), 'consumers[0].operatorAccess.tunneling (a boolean) must be a known setting'],
  ];
  test.each(cases)('%s', (_rule, config, expected) => {
    expect(problems(config)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  test('each Developer region is accepted', () => {
    for (const location of DEVELOPER_REGIONS) expect(problems(consumer({ location, operatorAccess: {} }))).toEqual([]);
  });

  test('valid settings pass: Standard with native client and its own /26', () => {
    expect(problems({ provider: { operatorAccess: { sku: 'Standard', nativeClient: true, subnet: { addressPrefix: '10.1.2.0/26' } } }, ...consumer({ operatorAccess: {} }) })).toEqual([]);
  });
});

describe('policies', () => {
  function errors(root: IConstruct): string[] {
    const rules = doubleNatPolicyRules();
    root.node.findAll().filter(TerraformStack.isStack).forEach((stack) => rules.forEach((rule) => rule.visit(stack)));
    return root.node.findAll().flatMap((node) => node.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.ERROR).map((m) => `${node.node.path}: ${m.data}`));
  }
  const rule = (stack: TerraformStack, id: string, source: string, port: string, nsgName = 'nsg-backend') =>
    new NetworkSecurityRule(stack, id, {
      name: id, resourceGroupName: 'rg', networkSecurityGroupName: nsgName, priority: 150, direction: 'Inbound', access: 'Allow',
      protocol: 'Tcp', sourcePortRange: '*', sourceAddressPrefix: source, destinationAddressPrefix: '*', destinationPortRange: port,
    });
  function provider(operatorAccess?: object): { stack: TerraformStack; side: ProviderSide } {
    const stack = new TerraformStack(testApp(), 'test');
    return { stack, side: new ProviderSide(stack, 'provider-side', { resourceGroupName: 'rg', operatorAccess }) };
  }

  test('DN003 admits the Bastion source on the admin port, and the default app with operator access passes', () => {
    expect(errors(provider({}).stack)).toEqual([]);
    expect(errors(provider({ sku: 'Standard' }).stack)).toEqual([]);
  });

  test('DN003 still flags the Bastion source on another port, and a broader source on the admin port', () => {
    const { stack } = provider({});
    rule(stack, 'operator-https', '168.63.129.16/32', '443');
    rule(stack, 'vnet-rdp', 'VirtualNetwork', '3389');
    expect(errors(stack)).toEqual([
      expect.stringContaining('test/operator-https: [DN003] rule "operator-https" allows 168.63.129.16/32, which is not a PLS NAT IP, nor the operator\'s Bastion (168.63.129.16/32) on an admin port (3389)'),
      expect.stringContaining('test/vnet-rdp: [DN003] rule "vnet-rdp" allows VirtualNetwork'),
    ]);
  });

  test('DN003 without operator access: the Developer source is flagged even on RDP', () => {
    const { stack } = provider();
    rule(stack, 'operator-rdp', '168.63.129.16/32', '3389');
    expect(errors(stack)).toEqual([expect.stringContaining('[DN003] rule "operator-rdp" allows 168.63.129.16/32, which is not a PLS NAT IP (')]);
  });

  test('DN005: an NSG on AzureBastionSubnet without the required rules is an error; ours passes', () => {
    const { stack, side } = provider({ sku: 'Basic' });
    expect(errors(stack)).toEqual([]);
    const subnet = new Subnet(stack, 'bastion-subnet-2', { name: 'AzureBastionSubnet', resourceGroupName: 'rg', virtualNetworkName: side.virtualNetwork!.name, addressPrefixes: ['10.1.254.0/26'] });
    const nsg = new NetworkSecurityGroup(stack, 'bare-nsg', { name: 'bare-nsg', resourceGroupName: 'rg', location: 'japaneast' });
    rule(stack, 'https-only', 'Internet', '443', nsg.name);
    new SubnetNetworkSecurityGroupAssociation(stack, 'bare-association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
    const found = errors(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^test\/bare-nsg: \[DN005\] NSG "bare-nsg" on AzureBastionSubnet lacks AllowGatewayManagerInbound .*AllowHttpOutbound/);
    expect(found[0].split(' (Azure rejects')[0]).not.toContain('AllowHttpsInbound');
  });

  test('DN005: removing one required rule from our NSG is an error', () => {
    const { stack, side } = provider({ sku: 'Basic' });
    side.operatorAccess!.node.tryRemoveChild('nsg-rule-AllowGatewayManagerInbound');
    expect(errors(stack)).toEqual([expect.stringContaining('[DN005] NSG "bastion-vnet-b-nsg" on AzureBastionSubnet lacks AllowGatewayManagerInbound (Inbound GatewayManager → * 443)')]);
  });

  test('DN001 sees the public IP of a Bastion host written without the waiver (its ip_configuration is an object)', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const pip = new PublicIp(stack, 'pip', { name: 'pip', resourceGroupName: 'rg', location: 'japaneast', allocationMethod: 'Static', sku: 'Standard' });
    new BastionHost(stack, 'bastion', {
      name: 'bastion', resourceGroupName: 'rg', location: 'japaneast', sku: 'Basic',
      ipConfiguration: { name: 'ipconfig', subnetId: SUBNET_ID('AzureBastionSubnet'), publicIpAddressId: pip.id },
    });
    expect(errors(stack)).toEqual([
      expect.stringContaining('test/pip: [DN001] azurerm_public_ip "pip" creates a public address'),
      expect.stringContaining('test/bastion: [DN001] azurerm_bastion_host "bastion" ip configuration "ipconfig" has a public IP'),
    ]);
  });
});

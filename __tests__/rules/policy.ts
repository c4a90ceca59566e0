/**
 * Policy rules: each fires on the tree it guards against, stays quiet on the default app, and can be
 * suppressed only with a reason that is kept.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { testApp } from '../helpers/test-app';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { NoPublicIpRule } from '../../lib/policy/no-public-ip';
import { AnnotationMetadataEntryType, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { IConstruct } from 'constructs';
import { buildDoubleNatApp } from '../../lib/app/double-nat-app';
import { ProviderSide } from '../../lib/provider-side/provider-side';
import { doubleNatPolicyRules } from '../../lib/policy/policies';
import { suppressPolicy } from '../../lib/policy/policy-rule';
import { resolveVmSettings } from '../../lib/private-vm/vm-settings-defaults';
import { PrivateVm } from '../../lib/private-vm/private-vm';
import { AdminPassword } from '../../lib/private-vm/admin-password';

function annotations(root: IConstruct, type: AnnotationMetadataEntryType): string[] {
  return root.node.findAll().flatMap((node) => node.node.metadata.filter((m) => m.type === type).map((m) => `${node.node.path}: ${m.data}`));
}

/** Runs every rule over each stack under `root` and returns the error findings. */
function findings(root: IConstruct): string[] {
  const rules = doubleNatPolicyRules();
  root.node.findAll().filter(TerraformStack.isStack).forEach((stack) => rules.forEach((rule) => rule.visit(stack)));
  return annotations(root, AnnotationMetadataEntryType.ERROR);
}

function providerStack(): { stack: TerraformStack; side: ProviderSide } {
  const stack = new TerraformStack(testApp(), 'test');
  const side = new ProviderSide(stack, 'provider-side', { resourceGroupName: 'rg' });
  return { stack, side };
}

test('the default app passes every rule', () => {
  const app = testApp();
  buildDoubleNatApp(app);
  expect(findings(app)).toEqual([]);
});

test('rules have unique ids, an explanation and a fix', () => {
  const rules = doubleNatPolicyRules();
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  for (const rule of rules) {
    expect(rule.id).toMatch(/^DN\d{3}$/);
    expect(rule.explanation.length).toBeGreaterThan(20);
    expect(rule.fix.length).toBeGreaterThan(20);
  }
});

describe('DN001 no public IP', () => {
  test('a public IP resource is an error with its fix', () => {
    const { stack } = providerStack();
    new PublicIp(stack, 'pip', { name: 'pip', resourceGroupName: 'rg', location: 'japaneast', allocationMethod: 'Static' });
    expect(findings(stack)).toEqual([expect.stringMatching(/^test\/pip: \[DN001\] azurerm_public_ip "pip" creates a public address .* Fix: remove the public IP/)]);
  });

  test('a suppression with a reason turns it into a recorded info', () => {
    const { stack } = providerStack();
    const pip = new PublicIp(stack, 'pip', { name: 'pip', resourceGroupName: 'rg', location: 'japaneast', allocationMethod: 'Static' });
    suppressPolicy(pip, 'DN001', 'jump host for the lab, removed after the demo');
    expect(findings(stack)).toEqual([]);
    expect(annotations(stack, AnnotationMetadataEntryType.INFO)).toEqual(['test/pip: [DN001] suppressed: jump host for the lab, removed after the demo']);
  });

  test('a suppression needs a reason', () => {
    const { stack } = providerStack();
    expect(() => suppressPolicy(stack, 'DN001', '')).toThrow('reason = "" must say why');
  });
});

describe('DN002 NSG on every subnet with a VM', () => {
  test('a VM in a subnet without NSG is an error', () => {
    const { stack, side } = providerStack();
    const bare = new Subnet(stack, 'bare', { name: 'bare', resourceGroupName: 'rg', virtualNetworkName: side.virtualNetwork!.name, addressPrefixes: ['10.1.2.0/24'], defaultOutboundAccessEnabled: false });
    new PrivateVm(stack, 'extra-vm', {
      resourceGroupName: 'rg',
      location: 'japaneast',
      subnetId: bare.id,
      settings: resolveVmSettings({ name: 'vm-c' }, { name: 'vm-c', privateIp: '10.1.2.4' }),
      outputBaseName: 'vm_c',
    });
    expect(findings(stack)).toEqual([expect.stringContaining('test/extra-vm/vm: [DN002] VM "vm-c" sits in subnet ${azurerm_subnet.bare.id} with no NSG')]);
  });
});

describe('DN003 backend NSG admits only the NAT IPs', () => {
  /** An allow rule for RDP from the whole VNet, bound to the NSG named `nsgName`. */
  const allowVnetRdp = (stack: TerraformStack, nsgName: string) =>
    new NetworkSecurityRule(stack, 'wide', {
      name: 'allow-vnet-rdp',
      resourceGroupName: 'rg',
      networkSecurityGroupName: nsgName,
      priority: 150,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourcePortRange: '*',
      sourceAddressPrefix: 'VirtualNetwork',
      destinationAddressPrefix: '*',
      destinationPortRange: '3389',
    });
  const wideFinding = 'test/wide: [DN003] rule "allow-vnet-rdp" allows VirtualNetwork, which is not a PLS NAT IP';

  test('an allow from the whole VNet, bound by the NSG name, is an error', () => {
    const { stack } = providerStack();
    allowVnetRdp(stack, 'nsg-backend');
    expect(findings(stack)).toEqual([expect.stringContaining(wideFinding)]);
  });

  test('an allow bound to the backend NSG by reference, from a non-NAT source, is an error', () => {
    const { stack, side } = providerStack();
    allowVnetRdp(stack, side.backendSecurity!.networkSecurityGroup.name);
    expect(findings(stack)).toEqual([expect.stringContaining(wideFinding)]);
  });

  test('without the deny-all rule the backend is open to the VNet', () => {
    const { stack, side } = providerStack();
    const security = side.node.findChild('backend-security');
    security.node.tryRemoveChild('deny-all-other-inbound');
    expect(findings(stack)).toEqual([expect.stringContaining('[DN003] the backend NSG has no rule denying other inbound traffic before AllowVnetInBound')]);
  });
});

describe('DN004 no plain-text secret', () => {
  test('a literal VM password is an error, even through the constructs\' escape hatch', () => {
    const { stack, side } = providerStack();
    new PrivateVm(stack, 'extra-vm', {
      resourceGroupName: 'rg',
      location: 'japaneast',
      subnetId: side.backendSubnetId!,
      settings: resolveVmSettings({ name: 'vm-c', adminPassword: AdminPassword.unsafePlainText('Literal-Passw0rd!') }, { name: 'vm-c', privateIp: '10.1.0.9' }),
      outputBaseName: 'vm_c',
    });
    expect(findings(stack)).toEqual([expect.stringContaining('test/extra-vm/vm: [DN004] azurerm_windows_virtual_machine "vm-c" has admin_password written as plain text')]);
  });

  test('a password variable that is not sensitive, or has a default, is an error', () => {
    const { stack } = providerStack();
    new TerraformVariable(stack, 'db_password', { type: 'string', default: 'hunter2hunter2' });
    new TerraformOutput(stack, 'client_secret', { value: 'x' });
    expect(findings(stack)).toEqual([
      expect.stringContaining('test/db_password: [DN004] variable "db_password" holds a secret but is not sensitive'),
      expect.stringContaining('test/db_password: [DN004] variable "db_password" has a default value, a secret in source'),
      expect.stringContaining('test/client_secret: [DN004] output "client_secret" holds a secret but is not sensitive'),
    ]);
  });
});

test('synthesis runs every rule on every stack (cdktf invokes aspects per stack, not from the app)', () => {
  const visited = jest.spyOn(NoPublicIpRule.prototype, 'report');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-policy-'));
  try {
    synthesizeDoubleNat({ config: {}, outdir });
    const stacks = visited.mock.calls.map(([stack]) => stack.node.id);
    expect(stacks.sort()).toEqual(['double-nat-consumer', 'double-nat-provider']);
  } finally {
    visited.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

describe('DN006 VM subnets are private', () => {
  function vmIn(stack: TerraformStack, subnetId: string): void {
    new PrivateVm(stack, 'extra-vm', {
      resourceGroupName: 'rg',
      location: 'japaneast',
      subnetId,
      settings: resolveVmSettings({ name: 'vm-c' }, { name: 'vm-c', privateIp: '10.1.2.4' }),
      outputBaseName: 'vm_c',
    });
  }

  test.each([
    ['left out (azurerm defaults it to true)', undefined],
    ['set to true', true],
  ])('a VM subnet whose default outbound access is %s is an error, once per subnet', (_what, enabled) => {
    const { stack, side } = providerStack();
    const subnet = new Subnet(stack, 'open', { name: 'open', resourceGroupName: 'rg', virtualNetworkName: side.virtualNetwork!.name, addressPrefixes: ['10.1.2.0/24'], defaultOutboundAccessEnabled: enabled });
    suppressPolicy(stack, 'DN002', 'this test is about DN006 only');
    vmIn(stack, subnet.id);
    expect(findings(stack)).toEqual([expect.stringMatching(/^test\/open: \[DN006\] subnet "open" of VM "vm-c" keeps default outbound access .* Fix: set default_outbound_access_enabled = false/)]);
  });

  test('a subnet without VMs, or an existing subnet, is not judged', () => {
    const { stack, side } = providerStack();
    new Subnet(stack, 'empty', { name: 'empty', resourceGroupName: 'rg', virtualNetworkName: side.virtualNetwork!.name, addressPrefixes: ['10.1.3.0/24'] });
    suppressPolicy(stack, 'DN002', 'this test is about DN006 only');
    vmIn(stack, '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s');
    expect(findings(stack)).toEqual([]);
  });
});

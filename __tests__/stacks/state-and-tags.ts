/**
 * Shared state backends (each stack its own state, consumers reading the provider's) and tags on
 * every resource that takes them.
 */
import { all, synth } from '../helpers/synth';

describe('azurerm backend', () => {
  const { stacks } = synth({
    backend: { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate01', containerName: 'tfstate' },
    consumers: [{ name: 'team-a' }, { name: 'team-b', network: { addressSpace: ['10.9.0.0/16'], subnet: { addressPrefix: '10.9.0.0/24' } } }],
  });

  test('each stack keeps its state in its own blob', () => {
    const keys = Object.entries(stacks).map(([name, stack]) => [name, stack.terraform?.backend?.azurerm?.key]);
    expect(Object.fromEntries(keys)).toEqual({
      'double-nat-provider': 'double-nat/double-nat-provider.tfstate',
      'double-nat-team-a': 'double-nat/double-nat-team-a.tfstate',
      'double-nat-team-b': 'double-nat/double-nat-team-b.tfstate',
    });
    for (const stack of Object.values(stacks)) {
      expect(stack.terraform?.backend?.azurerm).toMatchObject({ storage_account_name: 'sttfstate01', container_name: 'tfstate', use_azuread_auth: true });
      expect(stack.terraform?.backend?.local).toBeUndefined();
    }
  });

  test("consumers read the alias from the provider's blob", () => {
    for (const name of ['double-nat-team-a', 'double-nat-team-b']) {
      const remote = Object.values<any>(stacks[name].data?.terraform_remote_state ?? {})[0];
      expect(remote.backend).toBe('azurerm');
      expect(remote.config).toMatchObject({ key: 'double-nat/double-nat-provider.tfstate', storage_account_name: 'sttfstate01', container_name: 'tfstate' });
    }
  });
});

describe('HCP Terraform (cloud) backend', () => {
  const { stacks } = synth({ backend: { type: 'cloud', organization: 'contoso', workspacePrefix: 'double-nat-' } });

  test('each stack has its own workspace, and the consumer reads the provider workspace', () => {
    expect(stacks['double-nat-provider'].terraform?.cloud).toMatchObject({ organization: 'contoso', workspaces: { name: 'double-nat-double-nat-provider' } });
    expect(stacks['double-nat-consumer'].terraform?.cloud).toMatchObject({ workspaces: { name: 'double-nat-double-nat-consumer' } });
    const remote = Object.values<any>(stacks['double-nat-consumer'].data?.terraform_remote_state ?? {})[0];
    expect(remote.backend).toBe('remote');
    expect(remote.config).toMatchObject({ organization: 'contoso', workspaces: { name: 'double-nat-double-nat-provider' } });
  });
});

// Resource types that take tags in azurerm (subnets, rules, associations, pools and locks do not).
const TAGGABLE = [
  'azurerm_resource_group',
  'azurerm_virtual_network',
  'azurerm_network_interface',
  'azurerm_windows_virtual_machine',
  'azurerm_linux_virtual_machine',
  'azurerm_lb',
  'azurerm_private_link_service',
  'azurerm_network_security_group',
  'azurerm_private_endpoint',
  'azurerm_private_dns_zone',
  'azurerm_private_dns_zone_virtual_network_link',
  'azurerm_private_dns_a_record',
];

test('tags reach every resource that takes them, on both sides', () => {
  const { stacks } = synth({
    provider: { tags: { costCenter: 'net-42' }, deleteLock: true },
    consumers: [{ tags: { costCenter: 'app-7' }, privateDns: { zoneName: 'services.internal' } }],
  });
  const expected: Record<string, string> = { 'double-nat-provider': 'net-42', 'double-nat-consumer': 'app-7' };
  for (const [name, stack] of Object.entries(stacks)) {
    const types = Object.keys(stack.resource).filter((type) => TAGGABLE.includes(type));
    expect(types.length).toBeGreaterThan(5);
    for (const type of types) {
      for (const resource of all(stack, type)) expect([type, resource.tags]).toEqual([type, { costCenter: expected[name] }]);
    }
  }
});

/**
 * Every example under examples/ synthesizes from its configuration file, matches its snapshot, and
 * keeps the double NAT's invariants.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DoubleNatConfig } from '../lib/config/app-config';
import { loadConfig } from '../lib/config/load-config';
import { expectDoubleNatInvariants } from './helpers/invariants';
import { all, only, synth } from './helpers/synth';

const examplesDir = path.resolve(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((name) => fs.existsSync(path.join(examplesDir, name, 'double-nat.config.json')));

function load(name: string): DoubleNatConfig {
  return loadConfig(examplesDir, { DOUBLE_NAT_CONFIG: path.join(name, 'double-nat.config.json') }).config;
}

/** Existing subnet ids of a configuration, with the prefixes it states for them. */
function knownPrefixes(config: DoubleNatConfig): Record<string, string> {
  const subnets = [config.provider?.network?.backendSubnet, config.provider?.network?.privateLinkSubnet, ...(config.consumers ?? []).map((c) => c.network?.subnet)];
  return Object.fromEntries(subnets.filter((s) => s?.id && s.addressPrefix).map((s) => [s!.id, s!.addressPrefix]));
}

test('the examples of the issues are all here', () => {
  expect(examples.sort()).toEqual(['existing-networks', 'linux-https', 'multi-consumer', 'operator-access', 'overlapping-address-spaces', 'production-network', 'seed']);
});

describe.each(examples)('examples/%s', (name) => {
  const config = load(name);
  const { stacks } = synth(config);

  test('keeps the double NAT invariants', () => {
    expectDoubleNatInvariants(stacks, knownPrefixes(config));
  });

  test.each(Object.keys(stacks).sort())('stack %s matches its snapshot', (stack) => {
    expect(stacks[stack]).toMatchSnapshot();
  });
});

describe('what each example is for', () => {
  test('overlapping: both VNets are 10.0.0.0/16, VM-A and VM-B even share 10.0.0.4', () => {
    const { stacks } = synth(load('overlapping-address-spaces'));
    const provider = stacks['double-nat-provider'];
    const consumer = stacks['double-nat-consumer'];
    expect(only(provider, 'azurerm_virtual_network').address_space).toEqual(only(consumer, 'azurerm_virtual_network').address_space);
    expect(only(provider, 'azurerm_network_interface').ip_configuration[0].private_ip_address).toBe('10.0.0.4');
    expect(only(consumer, 'azurerm_network_interface').ip_configuration[0].private_ip_address).toBe('10.0.0.4');
  });

  test('existing networks: no VNet or subnet is created, NSGs go on our NICs', () => {
    const { stacks } = synth(load('existing-networks'));
    for (const stack of Object.values(stacks)) {
      expect(stack.resource.azurerm_virtual_network).toBeUndefined();
      expect(stack.resource.azurerm_subnet).toBeUndefined();
      expect(stack.resource.azurerm_subnet_network_security_group_association).toBeUndefined();
      expect(Object.keys(stack.resource.azurerm_network_interface_security_group_association ?? {}).length).toBeGreaterThan(0);
    }
    const link = only(stacks['double-nat-consumer'], 'azurerm_private_dns_zone_virtual_network_link');
    expect(link.virtual_network_id).toBe('/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-network-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke-1');
    expect(only(stacks['double-nat-consumer'], 'azurerm_private_dns_a_record').records).toEqual(['192.168.5.21']);
  });

  test('multi-consumer: one stack per consumer, lists follow the consumers, the partner waits for approval', () => {
    const { stacks } = synth(load('multi-consumer'));
    expect(Object.keys(stacks).sort()).toEqual(['double-nat-partner', 'double-nat-provider', 'double-nat-team-a', 'double-nat-team-b']);
    const pls = only(stacks['double-nat-provider'], 'azurerm_private_link_service');
    expect(pls.visibility_subscription_ids).toEqual(['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222']);
    expect(pls.auto_approval_subscription_ids).toEqual(['11111111-1111-1111-1111-111111111111']);
    expect(only(stacks['double-nat-partner'], 'azurerm_private_endpoint').private_service_connection.is_manual_connection).toBe(true);
    expect(stacks['double-nat-partner'].provider?.azurerm[0]).toMatchObject({
      subscription_id: '22222222-2222-2222-2222-222222222222',
      tenant_id: '33333333-3333-3333-3333-333333333333',
    });
    expect(stacks['double-nat-provider'].output?.approve_pending_connections_command.value).toBe('npm run approve');
    expect(only(stacks['double-nat-provider'], 'azurerm_management_lock')).toMatchObject({ lock_level: 'CanNotDelete' });
  });

  test('multi-consumer: adding a fourth consumer changes only its stack and the PLS subscription lists', () => {
    const config = load('multi-consumer');
    const before = synth(config).stacks;
    const fourth = { name: 'team-d', subscriptionId: '44444444-4444-4444-4444-444444444444' };
    const after = synth({ ...config, consumers: [...config.consumers!, fourth] }).stacks;
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'double-nat-team-d'].sort());
    for (const name of Object.keys(before).filter((n) => n !== 'double-nat-provider')) {
      expect(after[name]).toEqual(before[name]);
    }
    const [beforePls, afterPls] = [before, after].map((s) => only(s['double-nat-provider'], 'azurerm_private_link_service'));
    const { visibility_subscription_ids: v1, auto_approval_subscription_ids: a1, ...restBefore } = beforePls;
    const { visibility_subscription_ids: v2, auto_approval_subscription_ids: a2, ...restAfter } = afterPls;
    expect(restAfter).toEqual(restBefore);
    expect(v2).toEqual([...v1, fourth.subscriptionId]);
    expect(a2).toEqual([...a1, fourth.subscriptionId]);
    // Nothing else of the provider stack moves.
    const strip = (stack: any) => ({ ...stack, resource: { ...stack.resource, azurerm_private_link_service: undefined } });
    expect(strip(after['double-nat-provider'])).toEqual(strip(before['double-nat-provider']));
  });

  test('linux-https: two Linux backends behind HTTPS with a probe, proxy protocol on', () => {
    const { stacks } = synth(load('linux-https'));
    const provider = stacks['double-nat-provider'];
    expect(Object.values<any>(provider.resource.azurerm_linux_virtual_machine).map((vm) => vm.name).sort()).toEqual(['web-1', 'web-2']);
    expect(provider.resource.azurerm_windows_virtual_machine).toBeUndefined();
    expect(only(provider, 'azurerm_lb_rule')).toMatchObject({ name: 'HTTPS', frontend_port: 443, backend_port: 443 });
    expect(only(provider, 'azurerm_lb_probe')).toMatchObject({ protocol: 'Http', port: 8080, request_path: '/healthz' });
    expect(Object.keys(provider.resource.azurerm_network_interface_backend_address_pool_association)).toHaveLength(2);
    expect(only(provider, 'azurerm_private_link_service').enable_proxy_protocol).toBe(true);
    expect(provider.variable).toBeUndefined();
    expect(provider.resource.random_password).toBeUndefined();
  });

  test('production-network: NAT gateways on both sides, every created resource diagnosed, flow logs and path alerts', () => {
    const { stacks, text } = synth(load('production-network'));
    const provider = stacks['double-nat-provider'];
    const consumer = stacks['double-nat-consumer'];
    expect(only(provider, 'azurerm_nat_gateway')).toMatchObject({ name: 'natgw-vnet-b', idle_timeout_in_minutes: 10 });
    expect(only(consumer, 'azurerm_subnet_nat_gateway_association').nat_gateway_id).toMatch(/\/natGateways\/natgw-hub-japaneast$/);
    expect(text).toContain('[DN001] suppressed: outbound');
    expect(text).toContain('[DN001] suppressed: Azure Bastion Basic/Standard');
    // Provider: LB, backend and private-link NSGs, PLS, Bastion and its NSG, each to the created and the SOC workspace.
    expect(all(provider, 'azurerm_monitor_diagnostic_setting')).toHaveLength(6 * 2);
    expect(only(provider, 'azurerm_log_analytics_workspace')).toMatchObject({ retention_in_days: 90, daily_quota_gb: 5, sku: 'PerGB2018' });
    expect(only(provider, 'azurerm_network_watcher_flow_log')).toMatchObject({ version: 2, retention_policy: { enabled: true, days: 90 } });
    expect(all(provider, 'azurerm_monitor_metric_alert').map((a) => a.criteria[0].metric_name).sort()).toEqual(['DipAvailability', 'PLSNatPortsUsage', 'VipAvailability']);
    for (const alert of all(provider, 'azurerm_monitor_metric_alert')) expect(alert.action).toHaveLength(2);
    // Consumer: its NSG and private endpoint, to the platform team's workspace in another subscription.
    expect(all(consumer, 'azurerm_monitor_diagnostic_setting').map((d) => d.log_analytics_workspace_id)).toEqual([
      expect.stringMatching(/workspaces\/log-platform$/),
      expect.stringMatching(/workspaces\/log-platform$/),
    ]);
    expect(consumer.resource.azurerm_log_analytics_workspace).toBeUndefined();
  });

  test('operator-access: Bastion Developer in VNet-A, Standard with native client in VNet-B, the one public IP waived in the manifest', () => {
    const { stacks, text } = synth(load('operator-access'));
    const consumer = stacks['double-nat-consumer'];
    const provider = stacks['double-nat-provider'];
    expect(only(consumer, 'azurerm_bastion_host')).toMatchObject({ sku: 'Developer', virtual_network_id: expect.stringMatching(/^\$\{azurerm_virtual_network\./) });
    expect(consumer.resource.azurerm_public_ip).toBeUndefined();
    expect(Object.values<any>(consumer.resource.azurerm_network_security_rule).filter((r) => r.access === 'Allow')).toEqual([
      expect.objectContaining({ name: 'allow-operator-rdp-from-bastion', source_address_prefix: '168.63.129.16/32', destination_port_range: '3389', destination_address_prefix: '10.0.0.4' }),
    ]);
    expect(only(provider, 'azurerm_bastion_host')).toMatchObject({ sku: 'Standard', tunneling_enabled: true });
    expect(Object.values<any>(provider.resource.azurerm_subnet).find((s) => s.name === 'AzureBastionSubnet').address_prefixes).toEqual(['10.1.255.192/26']);
    expect(Object.values<any>(provider.resource.azurerm_network_security_rule)).toContainEqual(
      expect.objectContaining({ name: 'allow-operator-rdp-from-bastion', source_address_prefix: '10.1.255.192/26', destination_port_range: '3389', destination_address_prefix: '10.1.0.5' }),
    );
    expect(text).toContain('[DN001] suppressed: Azure Bastion Basic/Standard needs a Standard static public IP');
    // The by-hand steps name the addresses npm run verify uses: the endpoint VM-A dials and the NAT IP VM-B sees.
    expect(consumer.output?.rdp_target.value).toBe('mstsc /v:10.0.0.5');
    expect(consumer.output?.private_endpoint_ip.value).toBe('10.0.0.5');
    expect(consumer.output?.vm_b_peer_check.value).toContain('Get-NetTCPConnection -LocalPort 3389');
    expect(consumer.output?.vm_b_peer_check.value).toContain(`expect ${provider.output?.nat_ips.value.join(' or ')} (nat_ips)`);
    expect(consumer.output?.vm_a_bastion_connect.value).toContain('virtual machine vm-a > Connect > Bastion');
    expect(provider.output?.vm_b_bastion_connect.value).toMatch(/az network bastion rdp --name bastion-vnet-b --resource-group rg-double-nat-provider --target-resource-id '\$\{azurerm_windows_virtual_machine\.[^']+'$/);
  });
});

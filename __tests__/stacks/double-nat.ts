/**
 * Behaviour of the default app (the article's lab): the properties the double NAT depends on.
 */
import { cidrContainsAddress, parseCidr, parseIpv4, reservedAddresses } from '../../lib/net/ipv4';
import { all, only, ref, synth } from '../helpers/synth';

const { stacks, text } = synth();
const provider = stacks['double-nat-provider'];
const consumer = stacks['double-nat-consumer'];

function subnetNamed(stack: typeof provider, name: string): { key: string; subnet: any } {
  const [key, subnet] = Object.entries(stack.resource.azurerm_subnet).find(([, s]) => s.name === name) ?? [];
  if (!key) throw new Error(`no subnet ${name}`);
  return { key, subnet };
}

/** The NSG (with its resource key) a subnet or NIC association names. */
function nsgOf(association: any): { key: string; name: string } {
  const key = /^\$\{azurerm_network_security_group\.([^.]+)\.id\}$/.exec(association?.network_security_group_id ?? '')?.[1];
  if (!key) throw new Error(`not an NSG association: ${JSON.stringify(association)}`);
  return { key, name: provider.resource.azurerm_network_security_group[key].name };
}

function inSubnet(ip: string, prefix: string): boolean {
  return cidrContainsAddress(parseCidr(prefix)!, parseIpv4(ip)!);
}

describe('two stacks', () => {
  test('synthesizes exactly the provider and one consumer stack', () => {
    expect(Object.keys(stacks).sort()).toEqual(['double-nat-consumer', 'double-nat-provider']);
  });

  test('each stack has its own azurerm provider, resource group and local state', () => {
    for (const [name, stack] of Object.entries(stacks)) {
      expect(stack.provider?.azurerm).toHaveLength(1);
      expect(stack.provider?.azurerm[0].features).toEqual([{}]);
      expect(only(stack, 'azurerm_resource_group').name).toBe(`rg-${name}`);
      expect(stack.terraform?.backend?.local?.path).toBe(`../../../terraform.${name}.tfstate`);
    }
  });

  test('the consumer reads the PLS alias from the provider stack through remote state', () => {
    const remote = consumer.data?.terraform_remote_state;
    const [remoteName, remoteState] = Object.entries(remote ?? {})[0];
    expect(remoteState.backend).toBe('local');
    // The same file the provider stack writes its state to, relative to the consumer's working directory.
    expect(remoteState.config.path).toBe(provider.terraform?.backend?.local?.path);

    const aliasInput: string = only(consumer, 'azurerm_private_endpoint').private_service_connection.private_connection_resource_alias;
    const match = new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${remoteName}\\.outputs\\.(.+)\\}$`).exec(aliasInput);
    expect(match).not.toBeNull();
    // The provider exports that output, and it is the PLS alias.
    expect(provider.output?.[match![1]].value).toBe(ref(provider, 'azurerm_private_link_service', 'alias'));
  });

  test('no machine path appears in any synthesized file', () => {
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/"\/(home|root|tmp|work|Users)\//);
  });
});

describe('provider side', () => {
  const lb = only(provider, 'azurerm_lb');
  const frontend = lb.frontend_ip_configuration[0];
  const backend = subnetNamed(provider, 'snet-backend');
  const privateLink = subnetNamed(provider, 'snet-private-link');

  test('load balancer is Standard and internal with a static frontend in the backend subnet', () => {
    expect(lb.sku).toBe('Standard');
    expect(lb.frontend_ip_configuration).toHaveLength(1);
    expect(frontend.private_ip_address_allocation).toBe('Static');
    expect(frontend.subnet_id).toBe(`\${azurerm_subnet.${backend.key}.id}`);
    expect(frontend.public_ip_address_id).toBeUndefined();
    expect(inSubnet(frontend.private_ip_address, backend.subnet.address_prefixes[0])).toBe(true);
  });

  test('inbound NAT rule RDP forwards TCP 3389 to 3389 on that frontend', () => {
    const rule = only(provider, 'azurerm_lb_nat_rule');
    expect(rule).toMatchObject({ name: 'RDP', protocol: 'Tcp', frontend_port: 3389, backend_port: 3389 });
    expect(rule.frontend_ip_configuration_name).toBe(frontend.name);
    expect(rule.loadbalancer_id).toBe(ref(provider, 'azurerm_lb'));
  });

  test("NAT rule and backend pool are associated with VM-B's NIC by its real ip configuration name", () => {
    const nic = only(provider, 'azurerm_network_interface');
    const ipConfigurationName = nic.ip_configuration[0].name;
    const natAssociation = only(provider, 'azurerm_network_interface_nat_rule_association');
    expect(natAssociation.network_interface_id).toBe(ref(provider, 'azurerm_network_interface'));
    expect(natAssociation.ip_configuration_name).toBe(ipConfigurationName);
    expect(natAssociation.nat_rule_id).toBe(ref(provider, 'azurerm_lb_nat_rule'));
    const poolAssociation = only(provider, 'azurerm_network_interface_backend_address_pool_association');
    expect(poolAssociation.ip_configuration_name).toBe(ipConfigurationName);
    expect(poolAssociation.backend_address_pool_id).toBe(ref(provider, 'azurerm_lb_backend_address_pool'));
    expect(only(provider, 'azurerm_windows_virtual_machine').network_interface_ids).toEqual([ref(provider, 'azurerm_network_interface')]);
  });

  test('PLS sits on the LB frontend with a static primary NAT IP in VNet-B, off the reserved addresses', () => {
    const pls = only(provider, 'azurerm_private_link_service');
    expect(pls.load_balancer_frontend_ip_configuration_ids).toEqual([`\${azurerm_lb.${Object.keys(provider.resource.azurerm_lb)[0]}.frontend_ip_configuration[0].id}`]);
    expect(pls.nat_ip_configuration).toHaveLength(1);
    const natIp = pls.nat_ip_configuration[0];
    expect(natIp.primary).toBe(true);
    expect(natIp.subnet_id).toBe(`\${azurerm_subnet.${privateLink.key}.id}`);
    const prefix = privateLink.subnet.address_prefixes[0];
    expect(inSubnet(natIp.private_ip_address, prefix)).toBe(true);
    expect(reservedAddresses(parseCidr(prefix)!)).not.toContain(parseIpv4(natIp.private_ip_address));
    expect(only(provider, 'azurerm_virtual_network').address_space.some((space: string) => inSubnet(natIp.private_ip_address, space))).toBe(true);
  });

  test('the NAT IP subnet has private-link-service network policies disabled, as the PLS requires', () => {
    expect(privateLink.subnet.private_link_service_network_policies_enabled).toBe(false);
  });

  test("PLS is visible to and auto-approves the consumer's subscription (the provider's own by default)", () => {
    const pls = only(provider, 'azurerm_private_link_service');
    const own = `\${data.azurerm_client_config.${Object.keys(provider.data?.azurerm_client_config ?? {})[0]}.subscription_id}`;
    expect(pls.visibility_subscription_ids).toEqual([own]);
    expect(pls.auto_approval_subscription_ids).toEqual([own]);
  });

  test('VM-B runs Windows Server 2019 Datacenter in the backend subnet', () => {
    const vm = only(provider, 'azurerm_windows_virtual_machine');
    expect(vm.source_image_reference).toEqual({ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-Datacenter', version: 'latest' });
    expect(only(provider, 'azurerm_network_interface').ip_configuration[0].subnet_id).toBe(`\${azurerm_subnet.${backend.key}.id}`);
  });

  test('the backend NSG admits RDP only from the NAT IP and denies all other inbound', () => {
    const natIp = only(provider, 'azurerm_private_link_service').nat_ip_configuration[0].private_ip_address;
    const rules = all(provider, 'azurerm_network_security_rule');
    const allows = rules.filter((r) => r.access === 'Allow' && r.source_address_prefix !== 'AzureLoadBalancer');
    expect(allows).toEqual([expect.objectContaining({ source_address_prefix: `${natIp}/32`, destination_port_range: '3389', protocol: 'Tcp' })]);
    expect(rules).toContainEqual(expect.objectContaining({ access: 'Deny', source_address_prefix: '*', direction: 'Inbound' }));
    const backendAssociation = all(provider, 'azurerm_subnet_network_security_group_association').find((a) => a.subnet_id === `\${azurerm_subnet.${backend.key}.id}`);
    expect(nsgOf(backendAssociation).name).toBe('nsg-backend');
  });

  test('every subnet the side creates has an NSG (checkov CKV2_AZURE_31); the private-link subnet\'s admits nothing', () => {
    const subnets = provider.resource.azurerm_subnet;
    const associations = all(provider, 'azurerm_subnet_network_security_group_association');
    expect(associations.map((a) => a.subnet_id).sort()).toEqual(Object.keys(subnets).map((key) => `\${azurerm_subnet.${key}.id}`).sort());
    const privateLinkKey = Object.keys(subnets).find((key) => subnets[key].private_link_service_network_policies_enabled === false);
    const nsg = nsgOf(associations.find((a) => a.subnet_id === `\${azurerm_subnet.${privateLinkKey}.id}`));
    expect(nsg.name).toBe('nsg-private-link');
    const rules = all(provider, 'azurerm_network_security_rule').filter((r) => r.network_security_group_name === `\${azurerm_network_security_group.${nsg.key}.name}`);
    expect(rules).toEqual([expect.objectContaining({ access: 'Deny', direction: 'Inbound', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' })]);
  });

  test('outputs what a user needs after deploy', () => {
    expect(Object.keys(provider.output ?? {})).toEqual(
      expect.arrayContaining(['private_link_service_alias', 'private_link_service_id', 'nat_ips', 'frontend_ip', 'vm_b_private_ip', 'vm_b_admin_password']),
    );
    expect(provider.output?.vm_b_admin_password.sensitive).toBe(true);
    expect(provider.output?.approve_pending_connections_command).toBeUndefined();
  });
});

describe('consumer side', () => {
  const pe = only(consumer, 'azurerm_private_endpoint');
  const subnet = only(consumer, 'azurerm_subnet');

  test('the private endpoint sits in VNet-A, connected by alias with automatic approval', () => {
    expect(pe.subnet_id).toBe(ref(consumer, 'azurerm_subnet'));
    expect(subnet.virtual_network_name).toBe(ref(consumer, 'azurerm_virtual_network', 'name'));
    expect(pe.private_service_connection.is_manual_connection).toBe(false);
    expect(pe.private_service_connection.private_connection_resource_id).toBeUndefined();
    expect(inSubnet(pe.ip_configuration[0].private_ip_address, subnet.address_prefixes[0])).toBe(true);
  });

  test('outputs the endpoint IP and the RDP target VM-A dials', () => {
    const ip = pe.ip_configuration[0].private_ip_address;
    expect(consumer.output?.private_endpoint_ip.value).toBe(ip);
    expect(consumer.output?.rdp_target.value).toBe(`mstsc /v:${ip}`);
    expect(consumer.output?.vm_a_admin_password.sensitive).toBe(true);
  });

  test('VM-A is in the same subnet as the endpoint, with an NSG that admits nothing', () => {
    expect(only(consumer, 'azurerm_network_interface').ip_configuration[0].subnet_id).toBe(ref(consumer, 'azurerm_subnet'));
    const rules = all(consumer, 'azurerm_network_security_rule');
    expect(rules.filter((r) => r.access === 'Allow')).toEqual([]);
    expect(rules).toContainEqual(expect.objectContaining({ access: 'Deny', direction: 'Inbound', source_address_prefix: '*' }));
  });
});

describe('secure by default', () => {
  test('no peering and no public IP anywhere', () => {
    for (const stack of Object.values(stacks)) {
      expect(stack.resource.azurerm_virtual_network_peering).toBeUndefined();
      expect(stack.resource.azurerm_public_ip).toBeUndefined();
      for (const nic of all(stack, 'azurerm_network_interface')) {
        expect(nic.ip_configuration[0].public_ip_address_id).toBeUndefined();
      }
    }
  });

  test('VM passwords are references to generated secrets, never text', () => {
    for (const stack of Object.values(stacks)) {
      const vm = only(stack, 'azurerm_windows_virtual_machine');
      expect(vm.admin_password).toBe(ref(stack, 'random_password', 'result'));
    }
    // Nothing in the output looks like a password literal next to a password key.
    expect(text).not.toMatch(/"admin_password":\s*"(?!\$\{)/);
  });
});

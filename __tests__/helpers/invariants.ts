/**
 * What must hold in any synthesized double NAT, read from the JSON alone: the alias wiring, the NAT
 * points, the rules, and the security defaults. Used by the example and property tests.
 */
import { cidrContainsAddress, parseCidr, parseIpv4, reservedAddresses } from '../../lib/net/ipv4';
import { StackJson, all, only } from './synth';
import { BASTION_SUBNET_RULES, satisfies } from '../../lib/operator-access/bastion-subnet-rules';

const REF = /^\$\{([a-z_]+)\.([^.]+)\.(.+)\}$/;

/** The resource a "${type.name.attr}" reference points to. */
function target(stack: StackJson, reference: string): { type: string; name: string; attribute: string; resource: any } | undefined {
  const match = REF.exec(reference);
  if (!match) return undefined;
  return { type: match[1], name: match[2], attribute: match[3], resource: stack.resource[match[1]]?.[match[2]] };
}

function inPrefix(ip: string, prefix: string): boolean {
  return cidrContainsAddress(parseCidr(prefix)!, parseIpv4(ip)!);
}

function isReserved(ip: string, prefix: string): boolean {
  return reservedAddresses(parseCidr(prefix)!).includes(parseIpv4(ip)!);
}

/** The address prefix of a subnet reference or literal id, when the stack or `known` says. */
function prefixOf(stack: StackJson, subnetId: string, known: Record<string, string>): string | undefined {
  const subnet = target(stack, subnetId);
  return subnet?.resource?.address_prefixes?.[0] ?? known[subnetId];
}

/** The NSGs on an AzureBastionSubnet, as the "${...name}" references their rules use. */
function bastionSubnetNsgNames(stack: StackJson): Set<string> {
  const names = new Set<string>();
  for (const association of all(stack, 'azurerm_subnet_network_security_group_association')) {
    if (target(stack, association.subnet_id)?.resource?.name !== 'AzureBastionSubnet') continue;
    const nsg = target(stack, association.network_security_group_id)!;
    names.add(`\${azurerm_network_security_group.${nsg.name}.name}`);
  }
  return names;
}

/**
 * Operator access, when a stack has a Bastion host: Developer uses no subnet and no public IP; Basic
 * and Standard sit in a /26-or-larger AzureBastionSubnet whose NSG holds Microsoft's required rules,
 * with the stack's only public IP (Standard, Static). Returns where the VMs' sessions come from.
 */
function checkOperatorAccess(stack: StackJson, knownPrefixes: Record<string, string>): string | undefined {
  const hosts = all(stack, 'azurerm_bastion_host');
  const publicIps = Object.keys(stack.resource.azurerm_public_ip ?? {});
  if (hosts.length === 0) {
    expect(publicIps).toEqual([]);
    return undefined;
  }
  expect(hosts).toHaveLength(1);
  const host = hosts[0];
  if (host.sku === 'Developer') {
    expect(host.virtual_network_id).toBeDefined();
    expect(host.ip_configuration).toBeUndefined();
    expect(host.tunneling_enabled).toBeUndefined();
    expect(publicIps).toEqual([]);
    return '168.63.129.16/32';
  }
  expect(['Basic', 'Standard']).toContain(host.sku);
  expect(host.virtual_network_id).toBeUndefined();
  if (host.tunneling_enabled) expect(host.sku).toBe('Standard');
  expect(publicIps).toHaveLength(1);
  expect(host.ip_configuration.public_ip_address_id).toBe(`\${azurerm_public_ip.${publicIps[0]}.id}`);
  expect(only(stack, 'azurerm_public_ip')).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
  const subnet = target(stack, host.ip_configuration.subnet_id)?.resource;
  const prefix = subnet ? subnet.address_prefixes[0] : knownPrefixes[host.ip_configuration.subnet_id];
  if (subnet) expect(subnet.name).toBe('AzureBastionSubnet');
  else expect(host.ip_configuration.subnet_id).toMatch(/\/subnets\/AzureBastionSubnet$/);
  expect(parseCidr(prefix)!.prefixLength).toBeLessThanOrEqual(26);
  for (const nsgName of bastionSubnetNsgNames(stack)) {
    const rules = all(stack, 'azurerm_network_security_rule').filter((r) => r.network_security_group_name === nsgName);
    for (const required of BASTION_SUBNET_RULES) expect(rules.some((rule) => satisfies(rule, required))).toBe(true);
  }
  return prefix;
}

/** The admin port of each VM type: what Bastion opens. */
const ADMIN_PORTS: Record<string, string> = { azurerm_windows_virtual_machine: '3389', azurerm_linux_virtual_machine: '22' };

/** The VMs' NSG rules (not the AzureBastionSubnet's). */
function vmNsgRules(stack: StackJson): any[] {
  const bastionNsgs = bastionSubnetNsgNames(stack);
  return all(stack, 'azurerm_network_security_rule').filter((r) => !bastionNsgs.has(r.network_security_group_name));
}

/** An allow rule for the operator's Bastion: from its source only, on an admin port of a VM of the stack. */
function isOperatorRule(stack: StackJson, rule: any, operatorSource: string | undefined): boolean {
  const ports = Object.keys(ADMIN_PORTS).filter((type) => all(stack, type).length > 0).map((type) => ADMIN_PORTS[type]);
  const sources = rule.source_address_prefixes ?? [rule.source_address_prefix];
  return operatorSource !== undefined && rule.protocol === 'Tcp' && ports.includes(rule.destination_port_range) && sources.every((s: string) => s === operatorSource);
}

/**
 * Checks every invariant; `knownPrefixes` maps existing subnet ids to their prefixes (from the
 * configuration), so static IPs in existing subnets are checked too.
 */
export function expectDoubleNatInvariants(stacks: Record<string, StackJson>, knownPrefixes: Record<string, string> = {}): void {
  const providerName = Object.keys(stacks).find((name) => stacks[name].resource.azurerm_private_link_service);
  expect(providerName).toBeDefined();
  const provider = stacks[providerName!];
  const pls = only(provider, 'azurerm_private_link_service');

  // SNAT: 1-8 NAT IPs, one primary, static ones usable addresses of their subnet.
  expect(pls.nat_ip_configuration.length).toBeGreaterThanOrEqual(1);
  expect(pls.nat_ip_configuration.length).toBeLessThanOrEqual(8);
  expect(pls.nat_ip_configuration.filter((n: any) => n.primary === true)).toHaveLength(1);
  for (const natIp of pls.nat_ip_configuration) {
    const subnet = target(provider, natIp.subnet_id);
    if (subnet?.resource) expect(subnet.resource.private_link_service_network_policies_enabled).toBe(false);
    const prefix = prefixOf(provider, natIp.subnet_id, knownPrefixes);
    if (natIp.private_ip_address && prefix) {
      expect(inPrefix(natIp.private_ip_address, prefix)).toBe(true);
      expect(isReserved(natIp.private_ip_address, prefix)).toBe(false);
    }
  }

  // The load balancer (when ours) is Standard and internal with a static frontend; every rule is bound.
  const lbs = all(provider, 'azurerm_lb');
  for (const lb of lbs) {
    expect(lb.sku).toBe('Standard');
    for (const frontend of lb.frontend_ip_configuration) {
      expect(frontend.public_ip_address_id).toBeUndefined();
      expect(frontend.private_ip_address_allocation).toBe('Static');
      const prefix = prefixOf(provider, frontend.subnet_id, knownPrefixes);
      if (prefix) expect(inPrefix(frontend.private_ip_address, prefix)).toBe(true);
    }
  }
  const natRules = Object.keys(provider.resource.azurerm_lb_nat_rule ?? {});
  const natAssociations = all(provider, 'azurerm_network_interface_nat_rule_association');
  for (const rule of natRules) {
    const bound = natAssociations.filter((a) => target(provider, a.nat_rule_id)?.name === rule);
    expect(bound).toHaveLength(1);
    // The association names the NIC's real ip configuration.
    const nic = target(provider, bound[0].network_interface_id)!.resource;
    expect(nic.ip_configuration.map((c: any) => c.name)).toContain(bound[0].ip_configuration_name);
  }
  for (const rule of all(provider, 'azurerm_lb_rule')) {
    expect(target(provider, rule.probe_id)?.type).toBe('azurerm_lb_probe');
    expect(rule.backend_address_pool_ids).toHaveLength(1);
  }
  if (lbs.length > 0) expect(natRules.length + all(provider, 'azurerm_lb_rule').length).toBeGreaterThan(0);

  // The backend NSG admits only the NAT sources (and probes), and denies the rest.
  const natSources = new Set(['AzureLoadBalancer']);
  for (const natIp of pls.nat_ip_configuration) {
    natSources.add(natIp.private_ip_address ? `${natIp.private_ip_address}/32` : (prefixOf(provider, natIp.subnet_id, knownPrefixes) as string));
  }
  const providerRules = vmNsgRules(provider);
  const providerOperator = checkOperatorAccess(provider, knownPrefixes);
  for (const rule of providerRules.filter((r) => r.access === 'Allow' && !isOperatorRule(provider, r, providerOperator))) {
    for (const source of rule.source_address_prefixes ?? [rule.source_address_prefix]) expect(natSources).toContain(source);
  }
  if (all(provider, 'azurerm_network_interface').length > 0) {
    expect(providerRules).toContainEqual(expect.objectContaining({ access: 'Deny', source_address_prefix: '*', direction: 'Inbound' }));
  }

  for (const [name, stack] of Object.entries(stacks)) {
    // Secure by default, in every stack: no public IP but a Basic/Standard Bastion's, VM-A admits only the operator.
    const operatorSource = name === providerName ? providerOperator : checkOperatorAccess(stack, knownPrefixes);
    if (name !== providerName) {
      for (const rule of vmNsgRules(stack).filter((r) => r.access === 'Allow')) expect(isOperatorRule(stack, rule, operatorSource)).toBe(true);
    }
    expect(stack.resource.azurerm_virtual_network_peering).toBeUndefined();
    const nsgSubnets = new Set(all(stack, 'azurerm_subnet_network_security_group_association').map((a) => a.subnet_id));
    const nsgNics = new Set(all(stack, 'azurerm_network_interface_security_group_association').map((a) => a.network_interface_id));
    for (const type of ['azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine']) {
      for (const vm of all(stack, type)) {
        const nicId = vm.network_interface_ids[0];
        const nic = target(stack, nicId)!.resource;
        expect(nsgNics.has(nicId) || nsgSubnets.has(nic.ip_configuration[0].subnet_id)).toBe(true);
        expect(nic.ip_configuration[0].public_ip_address_id).toBeUndefined();
        if (type === 'azurerm_windows_virtual_machine') expect(vm.admin_password).toMatch(/^\$\{(random_password|var)\./);
        else expect(vm.disable_password_authentication).toBe(true);
        const prefix = prefixOf(stack, nic.ip_configuration[0].subnet_id, knownPrefixes);
        if (prefix && nic.ip_configuration[0].private_ip_address) expect(inPrefix(nic.ip_configuration[0].private_ip_address, prefix)).toBe(true);
      }
    }
    if (name === providerName) continue;

    // DNAT: each consumer's endpoint reads the PLS alias from the provider's state.
    const pe = only(stack, 'azurerm_private_endpoint');
    const [remoteName, remote] = Object.entries<any>(stack.data?.terraform_remote_state ?? {})[0];
    const alias = new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${remoteName}\\.outputs\\.(.+)\\}$`).exec(pe.private_service_connection.private_connection_resource_alias);
    expect(alias).not.toBeNull();
    expect(provider.output?.[alias![1]].value).toMatch(/^\$\{azurerm_private_link_service\.[^.]+\.alias\}$/);
    expect(remote.backend).toBe(Object.keys(provider.terraform?.backend ?? { remote: 1 })[0] === 'cloud' ? 'remote' : Object.keys(provider.terraform?.backend ?? {})[0]);
    expect(pe.private_service_connection.private_connection_resource_id).toBeUndefined();
    const prefix = prefixOf(stack, pe.subnet_id, knownPrefixes);
    for (const ipConfiguration of pe.ip_configuration ?? []) {
      if (prefix) {
        expect(inPrefix(ipConfiguration.private_ip_address, prefix)).toBe(true);
        expect(isReserved(ipConfiguration.private_ip_address, prefix)).toBe(false);
      }
    }
    if (pe.private_service_connection.is_manual_connection) {
      expect(provider.output?.approve_pending_connections_command).toBeDefined();
      expect(pe.private_service_connection.request_message.length).toBeLessThanOrEqual(140);
    }
  }
}

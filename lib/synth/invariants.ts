/**
 * What must hold in any synthesized double NAT, read from the JSON alone: the alias wiring, the NAT
 * points, the rules, and the security defaults. Plain code (no jest), so that the example and
 * property tests and `double-nat check` (run on the outside apps' output in CI) share one list.
 */
import { cidrContainsAddress, parseCidr, parseIpv4, reservedAddresses } from '../net/ipv4';
import { BASTION_SUBNET_RULES, satisfies } from '../operator-access/bastion-subnet-rules';
import { StackJson, remoteOutputOf, resolveReference, resourcesOfType } from './stack-json';

export type { StackJson };

function all(stack: StackJson, type: string): any[] {
  return resourcesOfType(stack, type).map(([, resource]) => resource);
}

/** The resource a "${type.name.attr}" reference points to. */
function target(stack: StackJson, reference: string): { type: string; name: string; attribute: string; resource: any } | undefined {
  const found = resolveReference(stack, reference);
  return found ? { type: found.type, name: found.key, attribute: found.attribute, resource: found.resource } : undefined;
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

type Check = (holds: boolean, what: string) => void;

/** The NSGs on an AzureBastionSubnet, as the "${...name}" references their rules use. */
function bastionSubnetNsgNames(stack: StackJson): Set<string> {
  const names = new Set<string>();
  for (const association of all(stack, 'azurerm_subnet_network_security_group_association')) {
    if (target(stack, association.subnet_id)?.resource?.name !== 'AzureBastionSubnet') continue;
    const nsg = target(stack, association.network_security_group_id);
    if (nsg) names.add(`\${azurerm_network_security_group.${nsg.name}.name}`);
  }
  return names;
}

/**
 * Operator access, when a stack has a Bastion host: Developer uses no subnet and no public IP; Basic
 * and Standard sit in a /26-or-larger AzureBastionSubnet whose NSG holds Microsoft's required rules,
 * with the stack's only public IP (Standard, Static). Returns where the VMs' sessions come from.
 */
function checkOperatorAccess(name: string, stack: StackJson, knownPrefixes: Record<string, string>, check: Check): string | undefined {
  const hosts = all(stack, 'azurerm_bastion_host');
  // A NAT gateway's public IP is checked by checkOutbound; the rest belong to Bastion or nobody.
  const natIps = natGatewayPublicIps(stack);
  const publicIps = Object.keys(stack.resource.azurerm_public_ip ?? {}).filter((key) => !natIps.has(key));
  if (hosts.length === 0) {
    check(publicIps.length === 0, `${name}: has a public IP`);
    return undefined;
  }
  check(hosts.length === 1, `${name}: has ${hosts.length} Bastion hosts, not 1`);
  const host = hosts[0];
  if (host.sku === 'Developer') {
    check(host.virtual_network_id !== undefined && host.ip_configuration === undefined, `${name}: Bastion Developer must name its VNet and have no ip configuration`);
    check(host.tunneling_enabled === undefined, `${name}: Bastion Developer cannot tunnel`);
    check(publicIps.length === 0, `${name}: has a public IP, which Bastion Developer does not need`);
    return '168.63.129.16/32';
  }
  check(['Basic', 'Standard'].includes(host.sku), `${name}: Bastion SKU ${host.sku} is not Developer, Basic or Standard`);
  check(!host.tunneling_enabled || host.sku === 'Standard', `${name}: Bastion tunneling needs the Standard SKU`);
  check(publicIps.length === 1 && host.ip_configuration?.public_ip_address_id === `\${azurerm_public_ip.${publicIps[0]}.id}`, `${name}: the only public IP must be the Bastion host's`);
  const publicIp = stack.resource.azurerm_public_ip?.[publicIps[0]];
  check(publicIp?.sku === 'Standard' && publicIp?.allocation_method === 'Static', `${name}: Bastion's public IP must be Standard and Static`);
  const subnetId = host.ip_configuration?.subnet_id ?? '';
  const subnet = target(stack, subnetId)?.resource;
  const prefix: string | undefined = subnet ? subnet.address_prefixes?.[0] : knownPrefixes[subnetId];
  check(subnet ? subnet.name === 'AzureBastionSubnet' : /\/subnets\/AzureBastionSubnet$/.test(subnetId), `${name}: Bastion is not in AzureBastionSubnet`);
  check(prefix !== undefined && (parseCidr(prefix)?.prefixLength ?? 32) <= 26, `${name}: AzureBastionSubnet ${prefix} is smaller than a /26`);
  for (const nsgName of bastionSubnetNsgNames(stack)) {
    const rules = all(stack, 'azurerm_network_security_rule').filter((r) => r.network_security_group_name === nsgName);
    for (const required of BASTION_SUBNET_RULES) {
      check(rules.some((rule) => satisfies(rule, required)), `${name}: the AzureBastionSubnet NSG lacks Bastion's required rule ${required.name}`);
    }
  }
  return prefix;
}

/** The public IPs (resource keys) a NAT gateway of the stack egresses through. */
function natGatewayPublicIps(stack: StackJson): Set<string> {
  return new Set(
    all(stack, 'azurerm_nat_gateway_public_ip_association')
      .map((a) => target(stack, a.public_ip_address_id))
      .filter((t) => t?.type === 'azurerm_public_ip')
      .map((t) => t!.name),
  );
}

/**
 * Outbound: every subnet the stack creates is private; a NAT gateway is Standard with Standard static
 * public IPs, and is associated only with subnets the stack created (an existing subnet is never modified).
 */
function checkOutbound(name: string, stack: StackJson, check: Check): void {
  for (const [key, subnet] of Object.entries(stack.resource.azurerm_subnet ?? {})) {
    check(subnet.default_outbound_access_enabled === false, `${name}: subnet ${key} keeps Azure's default outbound access`);
  }
  for (const gateway of all(stack, 'azurerm_nat_gateway')) {
    check(gateway.sku_name === 'Standard', `${name}: NAT gateway ${gateway.name} is not Standard`);
  }
  for (const key of natGatewayPublicIps(stack)) {
    const ip = stack.resource.azurerm_public_ip[key];
    check(ip.sku === 'Standard' && ip.allocation_method === 'Static', `${name}: NAT gateway public IP ${ip.name} must be Standard and Static`);
  }
  for (const association of all(stack, 'azurerm_subnet_nat_gateway_association')) {
    check(target(stack, association.subnet_id)?.type === 'azurerm_subnet', `${name}: a NAT gateway is associated with ${association.subnet_id}, a subnet the stack did not create`);
  }
}

/**
 * Observability: Azure's limit of 5 diagnostic settings per resource, one name per setting of a
 * resource; every alert notifies someone; a flow log storage account keeps its blobs private.
 */
function checkObservability(name: string, stack: StackJson, check: Check): void {
  const byTarget = new Map<string, string[]>();
  for (const setting of all(stack, 'azurerm_monitor_diagnostic_setting')) {
    byTarget.set(setting.target_resource_id, [...(byTarget.get(setting.target_resource_id) ?? []), setting.name]);
  }
  for (const [targetId, names] of byTarget) {
    check(names.length <= 5, `${name}: ${targetId} has ${names.length} diagnostic settings, Azure allows 5`);
    check(new Set(names).size === names.length, `${name}: ${targetId} has two diagnostic settings of one name`);
  }
  for (const alert of all(stack, 'azurerm_monitor_metric_alert')) {
    check((alert.action ?? []).length > 0, `${name}: alert ${alert.name} notifies nobody`);
  }
  for (const account of all(stack, 'azurerm_storage_account')) {
    check(account.allow_nested_items_to_be_public === false && account.min_tls_version === 'TLS1_2', `${name}: storage account ${account.name} allows public blobs or TLS below 1.2`);
  }
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
  const sources: string[] = rule.source_address_prefixes ?? [rule.source_address_prefix];
  return operatorSource !== undefined && rule.protocol === 'Tcp' && ports.includes(rule.destination_port_range) && sources.every((s) => s === operatorSource);
}

/**
 * Every broken invariant, one sentence each (none: the double NAT holds). `knownPrefixes` maps
 * existing subnet ids to their prefixes (from the configuration), so static IPs in existing
 * subnets are checked too.
 */
export function doubleNatViolations(stacks: Record<string, StackJson>, knownPrefixes: Record<string, string> = {}): string[] {
  const violations: string[] = [];
  const check = (holds: boolean, what: string): void => {
    if (!holds) violations.push(what);
  };

  const providerName = Object.keys(stacks).find((name) => stacks[name].resource?.azurerm_private_link_service);
  if (!providerName) return ['no stack holds an azurerm_private_link_service'];
  const provider = stacks[providerName];
  const services = all(provider, 'azurerm_private_link_service');
  if (services.length !== 1) return [`${providerName}: expected one private link service, found ${services.length}`];
  const pls = services[0];

  // SNAT: 1-8 NAT IPs, one primary, static ones usable addresses of their subnet.
  const natIps: any[] = pls.nat_ip_configuration ?? [];
  check(natIps.length >= 1 && natIps.length <= 8, `${providerName}: the PLS has ${natIps.length} NAT IPs, not 1 to 8`);
  check(natIps.filter((n) => n.primary === true).length === 1, `${providerName}: the PLS needs exactly one primary NAT IP`);
  for (const natIp of natIps) {
    const subnet = target(provider, natIp.subnet_id);
    if (subnet?.resource) {
      check(subnet.resource.private_link_service_network_policies_enabled === false, `${providerName}: the NAT IP subnet ${subnet.name} keeps its private link service network policies on`);
    }
    const prefix = prefixOf(provider, natIp.subnet_id, knownPrefixes);
    if (natIp.private_ip_address && prefix) {
      check(inPrefix(natIp.private_ip_address, prefix), `${providerName}: NAT IP ${natIp.private_ip_address} is outside ${prefix}`);
      check(!isReserved(natIp.private_ip_address, prefix), `${providerName}: NAT IP ${natIp.private_ip_address} is reserved in ${prefix}`);
    }
  }

  // The load balancer (when ours) is Standard and internal with a static frontend; every rule is bound.
  const lbs = all(provider, 'azurerm_lb');
  for (const lb of lbs) {
    check(lb.sku === 'Standard', `${providerName}: load balancer ${lb.name} is ${lb.sku}, not Standard`);
    for (const frontend of lb.frontend_ip_configuration ?? []) {
      check(frontend.public_ip_address_id === undefined, `${providerName}: frontend ${frontend.name} has a public IP`);
      check(frontend.private_ip_address_allocation === 'Static', `${providerName}: frontend ${frontend.name} is not static`);
      const prefix = prefixOf(provider, frontend.subnet_id, knownPrefixes);
      if (prefix) check(inPrefix(frontend.private_ip_address, prefix), `${providerName}: frontend ${frontend.private_ip_address} is outside ${prefix}`);
    }
  }
  const natRules = Object.keys(provider.resource.azurerm_lb_nat_rule ?? {});
  const natAssociations = all(provider, 'azurerm_network_interface_nat_rule_association');
  for (const rule of natRules) {
    const bound = natAssociations.filter((a) => target(provider, a.nat_rule_id)?.name === rule);
    check(bound.length === 1, `${providerName}: NAT rule ${rule} is bound to ${bound.length} NICs, not 1`);
    if (bound.length !== 1) continue;
    // The association names the NIC's real ip configuration.
    const nic = target(provider, bound[0].network_interface_id)?.resource;
    const names: string[] = (nic?.ip_configuration ?? []).map((c: any) => c.name);
    check(names.includes(bound[0].ip_configuration_name), `${providerName}: NAT rule ${rule} names ip configuration ${bound[0].ip_configuration_name}, which its NIC does not have`);
  }
  const lbRules = all(provider, 'azurerm_lb_rule');
  for (const rule of lbRules) {
    check(target(provider, rule.probe_id)?.type === 'azurerm_lb_probe', `${providerName}: load-balancing rule ${rule.name} has no health probe`);
    check(rule.backend_address_pool_ids?.length === 1, `${providerName}: load-balancing rule ${rule.name} needs exactly one backend pool`);
  }
  if (lbs.length > 0) check(natRules.length + lbRules.length > 0, `${providerName}: the load balancer has no rule`);

  // The backend NSG admits only the NAT sources (and probes), and denies the rest.
  const natSources = new Set(['AzureLoadBalancer']);
  for (const natIp of natIps) {
    natSources.add(natIp.private_ip_address ? `${natIp.private_ip_address}/32` : (prefixOf(provider, natIp.subnet_id, knownPrefixes) as string));
  }
  const providerRules = vmNsgRules(provider);
  const providerOperator = checkOperatorAccess(providerName, provider, knownPrefixes, check);
  for (const rule of providerRules.filter((r) => r.access === 'Allow' && !isOperatorRule(provider, r, providerOperator))) {
    for (const source of rule.source_address_prefixes ?? [rule.source_address_prefix]) {
      check(natSources.has(source), `${providerName}: NSG rule ${rule.name} admits ${source}, which is not a PLS NAT source`);
    }
  }
  if (all(provider, 'azurerm_network_interface').length > 0) {
    check(
      providerRules.some((r) => r.access === 'Deny' && r.source_address_prefix === '*' && r.direction === 'Inbound'),
      `${providerName}: no NSG rule denies the rest of the inbound traffic`,
    );
  }

  for (const [name, stack] of Object.entries(stacks)) {
    // Secure by default, in every stack: no public IP but a Basic/Standard Bastion's; VM-A admits only the operator.
    if (name !== providerName) {
      const operatorSource = checkOperatorAccess(name, stack, knownPrefixes, check);
      for (const rule of vmNsgRules(stack).filter((r) => r.access === 'Allow')) {
        check(isOperatorRule(stack, rule, operatorSource), `${name}: NSG rule ${rule.name} admits traffic to VM-A other than the operator's Bastion on an admin port`);
      }
    }
    check(stack.resource.azurerm_virtual_network_peering === undefined, `${name}: peers VNets`);
    checkOutbound(name, stack, check);
    checkObservability(name, stack, check);
    const nsgSubnets = new Set(all(stack, 'azurerm_subnet_network_security_group_association').map((a) => a.subnet_id));
    const nsgNics = new Set(all(stack, 'azurerm_network_interface_security_group_association').map((a) => a.network_interface_id));
    for (const type of ['azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine']) {
      for (const vm of all(stack, type)) {
        const nicId = vm.network_interface_ids?.[0];
        const nic = target(stack, nicId)?.resource;
        if (!nic) {
          violations.push(`${name}: VM ${vm.name} has no NIC in the stack`);
          continue;
        }
        const ipConfiguration = nic.ip_configuration[0];
        check(nsgNics.has(nicId) || nsgSubnets.has(ipConfiguration.subnet_id), `${name}: VM ${vm.name} has no NSG on its NIC or subnet`);
        check(ipConfiguration.public_ip_address_id === undefined, `${name}: VM ${vm.name} has a public IP`);
        if (type === 'azurerm_windows_virtual_machine') {
          check(/^\$\{(random_password|var)\./.test(vm.admin_password ?? ''), `${name}: VM ${vm.name}'s password is not a reference`);
        } else {
          check(vm.disable_password_authentication === true, `${name}: VM ${vm.name} allows password sign-in`);
        }
        const prefix = prefixOf(stack, ipConfiguration.subnet_id, knownPrefixes);
        if (prefix && ipConfiguration.private_ip_address) {
          check(inPrefix(ipConfiguration.private_ip_address, prefix), `${name}: VM ${vm.name}'s ${ipConfiguration.private_ip_address} is outside ${prefix}`);
        }
      }
    }
    if (name === providerName) {
      // Both sides in one stack (as another app may compose them): the endpoint names the PLS alias itself.
      for (const pe of all(stack, 'azurerm_private_endpoint')) {
        check(/^\$\{azurerm_private_link_service\.[^.]+\.alias\}$/.test(pe.private_service_connection.private_connection_resource_alias ?? ''), `${name}: endpoint ${pe.name} is not wired to the PLS alias`);
      }
      continue;
    }

    // DNAT: each consumer's endpoint reads the PLS alias from the provider's state.
    const endpoints = all(stack, 'azurerm_private_endpoint');
    if (endpoints.length !== 1) {
      violations.push(`${name}: expected one private endpoint, found ${endpoints.length}`);
      continue;
    }
    const pe = endpoints[0];
    if (Object.keys(stack.data?.terraform_remote_state ?? {}).length === 0) {
      violations.push(`${name}: reads no terraform_remote_state of the provider`);
      continue;
    }
    const alias = remoteOutputOf(pe.private_service_connection.private_connection_resource_alias);
    const remote = alias ? stack.data?.terraform_remote_state?.[alias.remoteState] : undefined;
    check(remote !== undefined, `${name}: the endpoint's alias does not come from the provider's state`);
    if (alias) {
      const exported = resolveReference(provider, provider.output?.[alias.output]?.value);
      check(exported?.type === 'azurerm_private_link_service' && exported.attribute === 'alias', `${name}: the provider output ${alias.output} is not the PLS alias`);
    }
    const backendType = Object.keys(provider.terraform?.backend ?? {})[0];
    if (remote) check(remote.backend === (backendType === 'cloud' ? 'remote' : backendType), `${name}: reads the provider's state from ${remote.backend}, not ${backendType}`);
    check(pe.private_service_connection.private_connection_resource_id === undefined, `${name}: the endpoint connects by resource id, not by alias`);
    const prefix = prefixOf(stack, pe.subnet_id, knownPrefixes);
    for (const ipConfiguration of pe.ip_configuration ?? []) {
      if (prefix) {
        check(inPrefix(ipConfiguration.private_ip_address, prefix), `${name}: endpoint IP ${ipConfiguration.private_ip_address} is outside ${prefix}`);
        check(!isReserved(ipConfiguration.private_ip_address, prefix), `${name}: endpoint IP ${ipConfiguration.private_ip_address} is reserved in ${prefix}`);
      }
    }
    if (pe.private_service_connection.is_manual_connection) {
      // The double-nat app's provider stack (it lists the invited endpoints) also says how to approve
      // them by hand; another app's stacks approve with `double-nat approve`.
      if (provider.output?.invited_private_endpoint_ids !== undefined) {
        check(provider.output?.approve_pending_connections_command !== undefined, `${name}: waits for manual approval but the provider has no approve command`);
      }
      check((pe.private_service_connection.request_message ?? '').length <= 140, `${name}: the request message is longer than 140 characters`);
    }
  }
  return violations;
}

/**
 * Reads the synthesized stacks (cdktf.out) of any app built from the constructs back into a
 * `Topology`: the double NAT is found by resource type (the Private Link Service, the private
 * endpoints that take its alias, the load balancer behind it), not by names only this repository's
 * stacks use. References are resolved by the shared reader, lib/synth/stack-json.ts.
 */
import { PROVIDER_SUBSCRIPTION, privateEndpointId } from '../approval/endpoint-id';
import { Stacks, SynthReadError, readStacks, remoteOutputOf, resolveReference } from '../synth/stack-json';
import { BackendVmModel, ConsumerModel, ObservabilityModel, OperatorAccessModel, OutboundModel, ProviderModel, ServiceModel, Topology, VmModel } from './model';

type Json = Record<string, any>;
export type { Stacks };
export { readStacks };

/** Thrown when the synthesized output does not hold a double NAT. */
export class TopologyError extends SynthReadError {
  constructor(message: string) {
    super(message);
    this.name = 'TopologyError';
  }
}

class StackReader {
  constructor(public readonly name: string, public readonly json: Json) {}

  resources(type: string): [string, Json][] {
    return Object.entries(this.json.resource?.[type] ?? {});
  }

  /** The resource a reference points to, with the attribute it names. */
  deref(value: unknown): { type: string; key: string; attribute: string; resource: Json } | undefined {
    const reference = resolveReference(this.json, value);
    return reference?.resource ? { ...reference, resource: reference.resource } : undefined;
  }

  /** A literal, or the literal behind a reference to a resource's "name" (resource groups, VNets). */
  literal(value: unknown): string {
    const target = this.deref(value);
    if (target && target.attribute === 'name' && typeof target.resource.name === 'string') return target.resource.name;
    return String(value);
  }

  /** Describes the subnet behind an id: its prefix when this stack created it, else its name. */
  subnet(subnetId: unknown): string {
    const target = this.deref(subnetId);
    if (target?.type === 'azurerm_subnet') return target.resource.address_prefixes?.[0] ?? target.resource.name;
    const name = /\/subnets\/([^/]+)$/i.exec(String(subnetId))?.[1];
    return name ? `existing subnet ${name}` : 'an unknown subnet';
  }

  /** Subscriptions as written in a PLS list: GUIDs, or "provider" for the deploy-time one. */
  subscription(value: string): string {
    return /^\$\{data\.azurerm_client_config\./.test(value) ? 'provider' : value;
  }
}

type ReadVm = VmModel & { nicKey: string; ipConfiguration: string; subnetId: string };

function vmsOf(reader: StackReader): ReadVm[] {
  const vms: ReadVm[] = [];
  for (const [type, os] of [['azurerm_windows_virtual_machine', 'windows'], ['azurerm_linux_virtual_machine', 'linux']] as const) {
    for (const [, vm] of reader.resources(type)) {
      const nic = reader.deref(vm.network_interface_ids?.[0]);
      if (!nic) throw new TopologyError(`${reader.name}: VM ${vm.name} has no NIC of this stack`);
      const ipConfiguration = nic.resource.ip_configuration[0];
      vms.push({
        name: vm.name,
        resourceGroup: reader.literal(vm.resource_group_name),
        os,
        address: { ip: ipConfiguration.private_ip_address, subnet: reader.subnet(ipConfiguration.subnet_id) },
        nicKey: nic.key,
        ipConfiguration: ipConfiguration.name,
        subnetId: ipConfiguration.subnet_id,
      });
    }
  }
  return vms;
}

/** How the VMs reach the internet, one entry per subnet they sit in. */
function readOutbound(reader: StackReader, vms: ReadVm[]): OutboundModel[] {
  const bySubnet = new Map<string, ReadVm[]>();
  for (const vm of vms) bySubnet.set(vm.subnetId, [...(bySubnet.get(vm.subnetId) ?? []), vm]);
  return [...bySubnet.entries()].map(([subnetId, subnetVms]) => {
    const members = subnetVms.map((vm) => ({ name: vm.name, os: vm.os }));
    const subnet = reader.deref(subnetId);
    if (subnet?.type !== 'azurerm_subnet') return { kind: 'existing-subnet', vms: members };
    if (subnet.resource.default_outbound_access_enabled !== false) return { kind: 'default', vms: members };
    const association = reader.resources('azurerm_subnet_nat_gateway_association').find(([, a]) => reader.deref(a.subnet_id)?.key === subnet.key)?.[1];
    if (!association) return { kind: 'none', vms: members };
    const gateway = reader.deref(association.nat_gateway_id);
    if (!gateway) return { kind: 'natGateway', natGateway: String(association.nat_gateway_id), vms: members };
    const ipAssociation = reader.resources('azurerm_nat_gateway_public_ip_association').find(([, a]) => reader.deref(a.nat_gateway_id)?.key === gateway.key)?.[1];
    return { kind: 'natGateway', natGateway: gateway.resource.name, publicIp: reader.deref(ipAssociation?.public_ip_address_id)?.resource.name, vms: members };
  });
}

const RESOURCE_TYPES: Record<string, string> = {
  azurerm_lb: 'load balancer',
  azurerm_network_security_group: 'NSG',
  azurerm_private_link_service: 'Private Link Service',
  azurerm_private_endpoint: 'private endpoint',
  azurerm_bastion_host: 'Bastion',
};

/** The stack's diagnostic settings, flow logs and alerts; undefined when it has none. */
function readObservability(reader: StackReader): ObservabilityModel | undefined {
  const settings = reader.resources('azurerm_monitor_diagnostic_setting').map(([, s]) => s);
  const flowLog = reader.resources('azurerm_network_watcher_flow_log')[0]?.[1];
  const alerts = reader.resources('azurerm_monitor_metric_alert').map(([, a]) => a);
  if (settings.length === 0 && !flowLog && alerts.length === 0) return undefined;
  const workspaceOf = (value: unknown): string => {
    const created = reader.deref(value);
    return created ? `${created.resource.name} (created, ${created.resource.retention_in_days ?? 30} days)` : String(value);
  };
  const workspaces = [...new Set(settings.map((s) => workspaceOf(s.log_analytics_workspace_id)))];
  const resources = new Map<string, ObservabilityModel['resources'][number]>();
  for (const setting of settings) {
    const target = reader.deref(setting.target_resource_id);
    const key = String(setting.target_resource_id);
    if (resources.has(key)) continue;
    resources.set(key, {
      name: target?.resource.name ?? key,
      type: RESOURCE_TYPES[target?.type ?? ''] ?? target?.type ?? 'resource',
      logs: (setting.enabled_log ?? []).map((l: Json) => l.category ?? l.category_group),
      metrics: (setting.enabled_metric ?? []).length > 0,
    });
  }
  const notifies = (alert: Json): string[] =>
    (alert.action ?? []).map((a: Json) => {
      const group = reader.deref(a.action_group_id);
      if (!group) return String(a.action_group_id);
      const emails = (group.resource.email_receiver ?? []).length;
      return `action group ${group.resource.name} (${emails} e-mail address${emails === 1 ? '' : 'es'})`;
    });
  return {
    workspaces,
    resources: [...resources.values()],
    flowLogs: flowLog && {
      vnet: reader.literal(reader.deref(flowLog.target_resource_id)?.resource.name ?? flowLog.target_resource_id),
      storage: reader.deref(flowLog.storage_account_id)?.resource.name ?? String(flowLog.storage_account_id),
      retentionInDays: flowLog.retention_policy?.days ?? 0,
      trafficAnalytics: flowLog.traffic_analytics?.enabled === true,
    },
    alerts: alerts.map((alert) => ({
      name: alert.name,
      metric: alert.criteria?.[0]?.metric_name,
      operator: alert.criteria?.[0]?.operator,
      threshold: alert.criteria?.[0]?.threshold,
      notifies: notifies(alert),
    })),
  };
}

/** The stack's Bastion host, if any, and the VMs it opens on their admin ports. */
function readOperatorAccess(reader: StackReader, vms: VmModel[]): OperatorAccessModel | undefined {
  const [entry] = reader.resources('azurerm_bastion_host');
  if (!entry) return undefined;
  const host = entry[1];
  // The VMs' NSG rule names the source exactly, also for an existing AzureBastionSubnet.
  const rule = reader.resources('azurerm_network_security_rule').find(([, r]) => /^allow-operator-(rdp|ssh)-from-bastion$/.test(r.name))?.[1];
  const source = rule?.source_address_prefix ?? (host.sku === 'Developer' ? '168.63.129.16/32' : reader.subnet(host.ip_configuration?.subnet_id));
  return {
    bastion: host.name,
    sku: host.sku ?? 'Basic',
    nativeClient: host.tunneling_enabled === true,
    source,
    vms: vms.map((vm) => ({ name: vm.name, address: vm.address, port: vm.os === 'linux' ? 22 : 3389 })),
  };
}

function readProvider(reader: StackReader): ProviderModel {
  const [[plsKey, pls]] = reader.resources('azurerm_private_link_service');
  const natIps = (pls.nat_ip_configuration as Json[]).map((n) => ({ ip: n.private_ip_address, subnet: reader.subnet(n.subnet_id), primary: n.primary }));
  // The primary NAT IP first: it is the one traffic uses while it has ports to spare.
  natIps.sort((a, b) => Number(b.primary) - Number(a.primary));

  // Both sides in one stack (as another app may compose them): the clients sit in the endpoints' subnets.
  const endpointSubnets = new Set(reader.resources('azurerm_private_endpoint').map(([, pe]) => pe.subnet_id));
  const vms = vmsOf(reader).filter((vm) => !endpointSubnets.has(vm.subnetId));
  const byNic = new Map(vms.map((vm) => [vm.nicKey, vm]));
  const pooled = new Set(
    reader.resources('azurerm_network_interface_backend_address_pool_association').map(([, a]) => reader.deref(a.network_interface_id)?.key),
  );
  const backendVms: BackendVmModel[] = vms.map(({ nicKey, ipConfiguration, subnetId, ...vm }) => {
    void [ipConfiguration, subnetId];
    return { ...vm, inPool: pooled.has(nicKey) };
  });

  const services: ServiceModel[] = [];
  const natAssociations = reader.resources('azurerm_network_interface_nat_rule_association').map(([, a]) => a);
  for (const [key, rule] of reader.resources('azurerm_lb_nat_rule')) {
    const targets = natAssociations
      .filter((a) => reader.deref(a.nat_rule_id)?.key === key)
      .map((a) => byNic.get(reader.deref(a.network_interface_id)?.key ?? '')?.name)
      .filter((name): name is string => name !== undefined);
    services.push({ kind: 'nat', name: rule.name, protocol: rule.protocol, frontendPort: rule.frontend_port, backendPort: rule.backend_port, targets });
  }
  for (const [, rule] of reader.resources('azurerm_lb_rule')) {
    services.push({
      kind: 'lb',
      name: rule.name,
      protocol: rule.protocol,
      frontendPort: rule.frontend_port,
      backendPort: rule.backend_port,
      targets: backendVms.filter((vm) => vm.inPool).map((vm) => vm.name),
    });
  }

  const frontendIdRef = reader.deref(pls.load_balancer_frontend_ip_configuration_ids?.[0]);
  const frontend = frontendIdRef?.type === 'azurerm_lb' ? frontendIdRef.resource.frontend_ip_configuration[0] : undefined;
  const vnet = reader.resources('azurerm_virtual_network')[0]?.[1];
  void plsKey;
  return {
    stack: reader.name,
    resourceGroup: reader.literal(pls.resource_group_name),
    privateLinkService: pls.name,
    frontend: frontend
      ? { ip: frontend.private_ip_address, subnet: reader.subnet(frontend.subnet_id) }
      : { subnet: 'an existing load balancer' },
    natIps: natIps.map(({ ip, subnet }) => ({ ip, subnet })),
    services,
    backendVms,
    proxyProtocol: pls.enable_proxy_protocol === true,
    visibleTo: (pls.visibility_subscription_ids ?? []).map((s: string) => reader.subscription(s)),
    autoApproves: (pls.auto_approval_subscription_ids ?? []).map((s: string) => reader.subscription(s)),
    approveCommand: reader.json.output?.approve_pending_connections_command?.value,
    invitedEndpointIds: ((reader.json.output?.invited_private_endpoint_ids?.value ?? []) as string[]).map((id) =>
      id.replace(/\$\{data\.azurerm_client_config\.[^.]+\.subscription_id\}/g, PROVIDER_SUBSCRIPTION),
    ),
    subscription: reader.json.provider?.azurerm?.[0]?.subscription_id,
    addressSpace: vnet?.address_space,
    operatorAccess: readOperatorAccess(reader, backendVms),
    outbound: readOutbound(reader, vms),
    observability: readObservability(reader),
  };
}

/**
 * True when the endpoint's alias is the Private Link Service's: a reference to it in the same stack,
 * or (a stack of its own, as CDKTF's cross-stack references and this app's stacks do) an output of
 * the provider stack read through terraform_remote_state whose value is that reference.
 */
function takesPlsAlias(reader: StackReader, provider: StackReader, alias: unknown): boolean {
  const isPlsAlias = (value: unknown, stack: StackReader) => {
    const target = stack.deref(value);
    return target?.type === 'azurerm_private_link_service' && target.attribute === 'alias';
  };
  if (reader === provider) return isPlsAlias(alias, provider);
  const remote = remoteOutputOf(alias);
  return remote !== undefined && isPlsAlias(provider.json.output?.[remote.output]?.value, provider);
}

function readConsumer(reader: StackReader, provider: StackReader, pe: Json): ConsumerModel {
  if (!takesPlsAlias(reader, provider, pe.private_service_connection?.private_connection_resource_alias)) {
    throw new TopologyError(`${reader.name}: its private endpoint ${pe.name} does not take the alias of ${provider.name}'s Private Link Service`);
  }
  // The client: the VM in the endpoint's subnet (the ConsumerSide puts both there), else the stack's only one.
  const vms = vmsOf(reader);
  const client = vms.find((vm) => vm.subnetId === pe.subnet_id) ?? (reader === provider ? undefined : vms[0]);
  if (!client) throw new TopologyError(`${reader.name}: no client VM`);
  const { nicKey, ipConfiguration, subnetId, ...clientVm } = client;
  void [nicKey, ipConfiguration, subnetId];
  const subscription = reader.json.provider?.azurerm?.[0]?.subscription_id;
  const providerSubscription = provider.json.provider?.azurerm?.[0]?.subscription_id;
  const record = reader.resources('azurerm_private_dns_a_record')[0]?.[1];
  const zone = record ? reader.deref(record.zone_name)?.resource.name : undefined;
  const consumerSubscription = !subscription || subscription === providerSubscription ? (providerSubscription ?? 'provider') : subscription;
  const resourceGroup = reader.literal(pe.resource_group_name);
  return {
    stack: reader.name,
    resourceGroup,
    subscription: consumerSubscription,
    clientVm,
    privateEndpoint: {
      name: pe.name,
      id: privateEndpointId({
        subscription: consumerSubscription === 'provider' ? PROVIDER_SUBSCRIPTION : consumerSubscription,
        resourceGroup,
        name: pe.name,
      }),
      address: { ip: pe.ip_configuration?.[0]?.private_ip_address, subnet: reader.subnet(pe.subnet_id) },
      manualApproval: pe.private_service_connection.is_manual_connection === true,
    },
    fqdn: record && zone ? (record.name === '@' ? zone : `${record.name}.${zone}`) : undefined,
    addressSpace: reader.resources('azurerm_virtual_network')[0]?.[1].address_space,
    operatorAccess: readOperatorAccess(reader, [clientVm]),
    outbound: readOutbound(reader, [client]),
    observability: readObservability(reader),
  };
}

/** Builds the topology of a synthesized double NAT: one provider stack and its consumers. */
export function readTopology(stacks: Stacks): Topology {
  const readers = Object.entries(stacks).map(([name, json]) => new StackReader(name, json));
  const providers = readers.filter((r) => r.resources('azurerm_private_link_service').length > 0);
  if (providers.length !== 1) {
    throw new TopologyError(`expected one stack with a Private Link Service, found ${providers.length} (${providers.map((p) => p.name).join(', ') || 'none'})`);
  }
  const provider = readProvider(providers[0]);
  // A provider stack that names its own subscription: its consumers without one share it.
  const consumers = readers.flatMap((r) => r.resources('azurerm_private_endpoint').map(([, pe]) => readConsumer(r, providers[0], pe)));
  // This app's provider stack lists the invited endpoints in an output (with consumers of other
  // apps); any other app invites exactly the endpoints it synthesized with manual approval.
  const invitedEndpointIds = providers[0].json.output?.invited_private_endpoint_ids
    ? provider.invitedEndpointIds
    : consumers.filter((c) => c.privateEndpoint.manualApproval).map((c) => c.privateEndpoint.id);
  return { provider: { ...provider, invitedEndpointIds }, consumers };
}

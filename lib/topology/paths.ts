/**
 * The paths a consumer's traffic takes through the double NAT, hop by hop, and what breaks them.
 */
import { sameResourceId } from '../approval/endpoint-id';
import { Address, BackendVmModel, ConsumerModel, ServiceModel, Topology, showAddress } from './model';

export interface Hop {
  /** What the hop is, e.g. "VM-A vm-a". */
  readonly label: string;
  /** Address (and port) there. */
  readonly at: string;
  /** What happens on the way to the next hop. */
  readonly action?: string;
}

export interface ServicePath {
  readonly consumer: ConsumerModel;
  readonly service: ServiceModel;
  readonly targets: BackendVmModel[];
  readonly hops: Hop[];
  /** What VM-A sees as its peer, and what each backend VM sees. */
  readonly clientSees: string;
  readonly backendSees: string;
  /** "approved" (auto), "pending" (manual, waiting for the provider), or why it cannot connect. */
  readonly approval: 'approved' | 'pending' | string;
  /** Why this path cannot carry traffic, if it cannot. */
  readonly broken: string[];
}

/** Whether and how a consumer's connection gets approved. */
export function approvalOf(topology: Topology, consumer: ConsumerModel): 'approved' | 'pending' | string {
  const { provider } = topology;
  const visible = provider.visibleTo.includes('*') || provider.visibleTo.includes(consumer.subscription);
  if (consumer.privateEndpoint.manualApproval) {
    if (!visible && consumer.subscription !== 'provider') return `subscription ${consumer.subscription} cannot see ${provider.privateLinkService} (add it to visibilitySubscriptionIds)`;
    // Only what the provider's configuration names gets approved: a consumer it does not list stays pending.
    if (!provider.invitedEndpointIds.some((id) => sameResourceId(id, consumer.privateEndpoint.id))) {
      return `private endpoint ${consumer.privateEndpoint.id} waits for manual approval, but ${provider.stack} does not invite it (add the consumer to the provider's configuration and synthesize again)`;
    }
    return 'pending';
  }
  if (consumer.subscription === 'provider' || provider.autoApproves.includes(consumer.subscription)) return 'approved';
  return `an automatic connection from subscription ${consumer.subscription}, which ${provider.privateLinkService} does not auto-approve (auto-approve it, or set manualApproval)`;
}

const natIpList = (natIps: Address[]) => natIps.map(showAddress).join(' or ');

export function servicePaths(topology: Topology): ServicePath[] {
  const { provider } = topology;
  return topology.consumers.flatMap((consumer) =>
    provider.services.map((service) => {
      const targets = provider.backendVms.filter((vm) => service.targets.includes(vm.name));
      const broken: string[] = [];
      if (targets.length === 0) {
        broken.push(
          service.kind === 'nat'
            ? `NAT rule ${service.name} is associated with no VM's NIC`
            : `load-balancing rule ${service.name} has no VM in its backend pool`,
        );
      }
      for (const vm of provider.backendVms.filter((v) => service.kind === 'lb' && !v.inPool)) {
        broken.push(`${vm.name}'s NIC is in no backend pool, so ${service.name} never reaches it`);
      }
      const approval = approvalOf(topology, consumer);
      if (approval !== 'approved' && approval !== 'pending') broken.push(approval);
      const pe = showAddress(consumer.privateEndpoint.address);
      const port = `${service.protocol.toLowerCase()}/${service.frontendPort}`;
      const hops: Hop[] = [
        { label: `VM-A ${consumer.clientVm.name}`, at: showAddress(consumer.clientVm.address), action: `dials ${consumer.fqdn ? `${consumer.fqdn} = ` : ''}${pe} ${port}` },
        { label: `private endpoint ${consumer.privateEndpoint.name}`, at: `${pe}:${service.frontendPort}`, action: 'DNAT: the Private Link Service forwards to the LB frontend' },
        { label: `Private Link Service ${provider.privateLinkService}`, at: `NAT IP ${natIpList(provider.natIps)}`, action: 'SNAT: the source becomes the NAT IP' },
        { label: 'load balancer frontend', at: `${showAddress(provider.frontend)}:${service.frontendPort}`, action: `${service.kind === 'nat' ? 'inbound NAT rule' : 'load-balancing rule'} ${service.name}` },
        { label: targets.length > 1 ? `backend VMs ${targets.map((t) => t.name).join(', ')}` : `VM-B ${targets[0]?.name ?? '(none)'}`, at: `${targets.map((t) => showAddress(t.address)).join(', ') || '(none)'}:${service.backendPort}` },
      ];
      return {
        consumer,
        service,
        targets,
        hops,
        clientSees: `${pe}:${service.frontendPort} (the private endpoint, in its own VNet)`,
        backendSees: provider.proxyProtocol
          ? `${natIpList(provider.natIps)} on the wire; with proxy protocol, the PROXY header names ${pe}`
          : `${natIpList(provider.natIps)} (the NAT IP, in its own VNet)`,
        approval,
        broken,
      };
    }),
  );
}

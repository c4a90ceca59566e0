/**
 * Probe targets from the path model: one per consumer and TCP/UDP service, with every dynamic
 * address filled in by a resolver (deployed outputs for `verify`, the lab's picks for the rehearsal).
 */
import { Address, Topology } from '../topology/model';
import { ServicePath } from '../topology/paths';
import { ProbeTarget } from './probe';

/** Fills in an address: the static IP, or what the resolver knows of a dynamic one. */
export type AddressResolver = (address: Address, role: string) => string;

/**
 * @param subscriptionOf the subscription a stack deployed into, so each VM is reached in its own
 * @default subscriptionOf - none: az uses the subscription it has selected (the local rehearsal)
 */
export function probeTargets(topology: Topology, paths: ServicePath[], resolve: AddressResolver, subscriptionOf?: (stack: string) => string): ProbeTarget[] {
  const natIps = topology.provider.natIps.map((natIp, i) => resolve(natIp, `nat-ip-${i}`));
  return paths
    .filter((path) => path.broken.length === 0)
    .map((path) => ({
      label: `${path.consumer.stack} → ${path.service.name} (${path.service.protocol} ${path.service.frontendPort} → ${path.service.backendPort})`,
      client: { name: path.consumer.clientVm.name, resourceGroup: path.consumer.clientVm.resourceGroup, os: path.consumer.clientVm.os, subscription: subscriptionOf?.(path.consumer.stack) },
      endpointIp: resolve(path.consumer.privateEndpoint.address, `endpoint:${path.consumer.stack}`),
      frontendPort: path.service.frontendPort,
      backendPort: path.service.backendPort,
      protocol: path.service.protocol,
      backends: path.targets.map((vm) => ({ name: vm.name, resourceGroup: vm.resourceGroup, os: vm.os, subscription: subscriptionOf?.(topology.provider.stack) })),
      natIps,
      pendingApproval: path.approval === 'pending',
    }));
}

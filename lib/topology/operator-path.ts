/**
 * The operator's path, when a side has Azure Bastion: how a person reaches VM-A (or VM-B) without a
 * public IP and repeats the article by hand, with the same addresses the path report and `npm run verify` use.
 */
import { OperatorAccessModel, Topology, showAddress } from './model';
import { ServicePath } from './paths';

const protocolOf = (port: number) => (port === 22 ? 'SSH' : 'RDP');

function bastionLine(owner: string, access: OperatorAccessModel): string[] {
  const kind = `${access.sku}${access.nativeClient ? ', native client' : ''}`;
  return access.vms.map(
    (vm) => `  ${owner}: operator → Bastion ${access.bastion} (${kind}) → ${vm.name} ${showAddress(vm.address)}:${vm.port} (${protocolOf(vm.port)}), seen from ${access.source}`,
  );
}

/** The lines of the report's "Operator access" section; empty when no side has Bastion. */
export function operatorLines(topology: Topology, paths: ServicePath[]): string[] {
  const lines: string[] = [];
  for (const consumer of topology.consumers.filter((c) => c.operatorAccess)) {
    lines.push(...bastionLine(consumer.stack, consumer.operatorAccess as OperatorAccessModel));
    const path = paths.find((p) => p.consumer === consumer && p.broken.length === 0);
    if (!path) continue;
    const target = consumer.fqdn ?? showAddress(consumer.privateEndpoint.address);
    const dial = path.service.protocol === 'Tcp' && path.service.frontendPort === 3389 ? `mstsc /v:${target}` : `dial ${target} ${path.service.protocol.toLowerCase()}/${path.service.frontendPort}`;
    lines.push(`    then on ${consumer.clientVm.name}: ${dial} (DNAT) reaches ${path.targets.map((t) => t.name).join(', ')}, which sees ${path.backendSees}`);
  }
  if (topology.provider.operatorAccess) lines.push(...bastionLine(topology.provider.stack, topology.provider.operatorAccess));
  return lines.length > 0 ? ['', 'Operator access (the article by hand; no VM has a public IP)', ...lines] : [];
}

/**
 * The path report of `npm run explain`: every consumer's every service, hop by hop, and what each VM
 * sees as its peer.
 */
import { toolCommand } from '../shell/tool-command';
import { ServicePath } from './paths';
import { operatorLines } from './operator-path';
import { outboundLines } from './outbound-lines';
import { observabilityLines } from './observability-lines';
import { Topology } from './model';

export interface Report {
  readonly text: string;
  /** Problems that break a path; the command exits non-zero when there are any. */
  readonly problems: string[];
}

export function renderReport(topology: Topology, paths: ServicePath[], onlyPort?: number): Report {
  const selected = onlyPort === undefined ? paths : paths.filter((p) => p.service.frontendPort === onlyPort);
  const problems: string[] = [];
  if (onlyPort !== undefined && selected.length === 0) {
    const ports = [...new Set(paths.map((p) => p.service.frontendPort))].join(', ') || 'none';
    problems.push(`no NAT or load-balancing rule listens on port ${onlyPort} of ${topology.provider.privateLinkService}'s frontend (rules listen on: ${ports})`);
  }
  if (topology.consumers.length === 0) problems.push(`no consumer stack connects to ${topology.provider.privateLinkService}`);
  if (topology.provider.services.length === 0 && topology.provider.backendVms.length > 0) problems.push('the load balancer has no NAT or load-balancing rule');

  const lines: string[] = [`Double NAT through ${topology.provider.privateLinkService} (stack ${topology.provider.stack})`];
  for (const path of selected) {
    lines.push('', `${path.consumer.stack} → ${path.service.name} (${path.service.protocol} ${path.service.frontendPort} → ${path.service.backendPort})`);
    path.hops.forEach((hop, i) => {
      lines.push(`  ${i + 1}. ${hop.label.padEnd(44)} ${hop.at}`);
      if (hop.action) lines.push(`     ${' '.repeat(44)} ↓ ${hop.action}`);
    });
    lines.push(`  VM-A sees its peer as  ${path.clientSees}`);
    lines.push(`  VM-B sees its peer as  ${path.backendSees}`);
    if (path.approval === 'pending') {
      lines.push(`  connection: waits for the provider's approval of ${path.consumer.privateEndpoint.id}: run ${toolCommand('approve')} (it approves only the invited endpoints)`);
    }
    for (const problem of path.broken) {
      lines.push(`  BROKEN: ${problem}`);
      problems.push(`${path.consumer.stack} → ${path.service.name}: ${problem}`);
    }
  }
  if (onlyPort === undefined) lines.push(...operatorLines(topology, paths), ...outboundLines(topology), ...observabilityLines(topology));
  return { text: lines.join('\n'), problems: [...new Set(problems)] };
}

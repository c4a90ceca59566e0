/**
 * The "Observability" section of `npm run explain`: where each side's logs and metrics go, its flow
 * logs, and which alerts watch the service path and whom they notify.
 */
import { ObservabilityModel, Topology } from './model';

function sideLines(stack: string, observability: ObservabilityModel): string[] {
  const lines = [`  ${stack}: logs and metrics → ${observability.workspaces.map((w) => `workspace ${w}`).join(', ') || 'no workspace'}`];
  for (const resource of observability.resources) {
    const what = resource.logs.length > 0 ? `${resource.logs.join(', ')}${resource.metrics ? ' + metrics' : ''}` : 'metrics only (Azure has no logs for it)';
    lines.push(`    ${resource.name} (${resource.type}): ${what}`);
  }
  const flow = observability.flowLogs;
  if (flow) {
    const kept = flow.retentionInDays > 0 ? `${flow.retentionInDays} days` : 'kept forever';
    lines.push(`    VNet flow logs of ${flow.vnet} → storage ${flow.storage}, ${kept}${flow.trafficAnalytics ? ', traffic analytics' : ''}`);
  }
  for (const alert of observability.alerts) {
    const op = alert.operator === 'LessThan' ? '<' : '>';
    lines.push(`    alert ${alert.name}: ${alert.metric} ${op} ${alert.threshold} → ${alert.notifies.join(', ') || 'nobody'}`);
  }
  return lines;
}

/** The lines of the report's "Observability" section. */
export function observabilityLines(topology: Topology): string[] {
  const sides = [...topology.consumers.map((c) => ({ stack: c.stack, observability: c.observability })), { stack: topology.provider.stack, observability: topology.provider.observability }];
  const watched = sides.filter((s) => s.observability);
  if (watched.length === 0) return ['', 'Observability: none (no diagnostic setting, flow log or alert; see the observability setting)'];
  const unwatched = sides.filter((s) => !s.observability).map((s) => `  ${s.stack}: none`);
  return ['', 'Observability', ...watched.flatMap((s) => sideLines(s.stack, s.observability as ObservabilityModel)), ...unwatched];
}

/**
 * The metric alerts that say the service path is broken or about to be, before consumers notice.
 * Thresholds follow Azure Monitor Baseline Alerts for load balancers
 * (https://azure.github.io/azure-monitor-baseline-alerts/services/Network/loadBalancers/): below 90%
 * over 5 minutes. Metric names: https://learn.microsoft.com/azure/load-balancer/monitor-load-balancer-reference
 * and https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-privatelinkservices-metrics
 */
import { PathAlert } from './side-observability';

export interface ProviderPathResources {
  /** The load balancer this side created, and whether any rule has a health probe. */
  readonly loadBalancer?: { readonly id: string; readonly name: string; readonly probed: boolean };
  readonly privateLinkService: { readonly id: string; readonly name: string };
}

/** Usage of the PLS NAT IPs' ports above which new connections are at risk: add NAT IPs then. */
export const PLS_NAT_PORTS_USAGE_PERCENT = 80;
export const AVAILABILITY_PERCENT = 90;

export function providerPathAlerts(path: ProviderPathResources): PathAlert[] {
  const alerts: PathAlert[] = [];
  const lb = path.loadBalancer;
  // Data path availability and health probe status are measured along load-balancing rules with
  // probes; inbound NAT rules have neither, so a NAT-rule-only service gets the PLS alert alone.
  if (lb?.probed) {
    const namespace = 'Microsoft.Network/loadBalancers';
    alerts.push(
      {
        key: 'data-path',
        name: `${lb.name}-data-path-availability`,
        description: `Data path availability of ${lb.name}'s frontend below ${AVAILABILITY_PERCENT}%: consumers' connections through the Private Link Service fail.`,
        scope: lb.id,
        metricNamespace: namespace,
        metricName: 'VipAvailability',
        operator: 'LessThan',
        threshold: AVAILABILITY_PERCENT,
      },
      {
        key: 'health-probe',
        name: `${lb.name}-health-probe-status`,
        description: `Health probe status of ${lb.name}'s backends below ${AVAILABILITY_PERCENT}%: backend VMs stopped answering, and the load balancer stops sending them traffic.`,
        scope: lb.id,
        metricNamespace: namespace,
        metricName: 'DipAvailability',
        operator: 'LessThan',
        threshold: AVAILABILITY_PERCENT,
      },
    );
  }
  alerts.push({
    key: 'pls-nat-ports',
    name: `${path.privateLinkService.name}-nat-ports-usage`,
    description: `NAT port usage of ${path.privateLinkService.name} above ${PLS_NAT_PORTS_USAGE_PERCENT}%: new connections fail when the NAT IPs run out of ports; add NAT IPs (up to 8).`,
    scope: path.privateLinkService.id,
    metricNamespace: 'Microsoft.Network/privateLinkServices',
    metricName: 'PLSNatPortsUsage',
    operator: 'GreaterThan',
    threshold: PLS_NAT_PORTS_USAGE_PERCENT,
  });
  return alerts;
}

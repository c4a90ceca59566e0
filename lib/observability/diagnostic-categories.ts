/**
 * What each resource type we create sends through a diagnostic setting: the log categories Azure
 * lists for it, and its metrics. Categories are named one by one, from each type's page, so that a
 * category Microsoft adds later (and bills for) is a reviewed change here, not a surprise.
 */

export interface DiagnosticCategories {
  /** Log categories, as Azure Monitor's "Supported logs" page of the type lists them. */
  readonly logs: readonly string[];
  /** "AllMetrics" when the type's platform metrics are exportable by diagnostic setting. */
  readonly metrics: readonly string[];
  /** Where the rows land in Log Analytics: "Dedicated" (resource-specific tables) where the page names one. @default - AzureDiagnostics */
  readonly destinationType?: 'Dedicated';
}

export const DIAGNOSTIC_CATEGORIES = {
  // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-loadbalancers-logs
  //   LoadBalancerHealthEvent → table ALBHealthEvent (resource-specific).
  // https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-loadbalancers-metrics
  //   VipAvailability, DipAvailability, ByteCount, ... exportable ("DS Export: Yes").
  loadBalancer: { logs: ['LoadBalancerHealthEvent'], metrics: ['AllMetrics'], destinationType: 'Dedicated' },
  // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-networksecuritygroups-logs
  //   NetworkSecurityGroupEvent and NetworkSecurityGroupRuleCounter (AzureDiagnostics). The third row,
  //   NetworkSecurityGroupFlowEvent, is the retired NSG flow log, not a diagnostic-setting category.
  //   NSGs publish no platform metrics.
  networkSecurityGroup: { logs: ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'], metrics: [] },
  // https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-privateendpoints-metrics
  //   Metrics only (PEBytesIn, PEBytesOut): private endpoints have no resource logs.
  privateEndpoint: { logs: [], metrics: ['AllMetrics'] },
  // https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-privatelinkservices-metrics
  //   Metrics only (PLSBytesIn, PLSBytesOut, PLSNatPortsUsage): a Private Link Service has no resource logs.
  privateLinkService: { logs: [], metrics: ['AllMetrics'] },
  // https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-bastionhosts-logs
  //   BastionAuditLogs: who opened which VM, when and from where.
  bastionHost: { logs: ['BastionAuditLogs'], metrics: ['AllMetrics'] },
} as const satisfies Record<string, DiagnosticCategories>;

export type DiagnosedResource = keyof typeof DIAGNOSTIC_CATEGORIES;

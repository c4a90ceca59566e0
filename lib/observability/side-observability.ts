import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct } from 'constructs';
import { DIAGNOSTIC_CATEGORIES, DiagnosedResource } from './diagnostic-categories';
import { ResolvedObservability, networkWatcherNameOf } from './observability-props';

/** A resource this side created whose logs and metrics are sent. */
export interface DiagnosticTarget {
  /** Stable key, part of the construct id (and so of the Terraform address). */
  readonly key: string;
  readonly kind: DiagnosedResource;
  readonly resourceId: string;
}

/** A metric alert on the service path. */
export interface PathAlert {
  /** Stable key, part of the construct id. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly scope: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly operator: 'LessThan' | 'GreaterThan';
  readonly threshold: number;
}

export interface SideObservabilityProps {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Resolved and checked settings (see `resolveObservability`, `checkObservability`). */
  readonly settings: ResolvedObservability;
  readonly targets: DiagnosticTarget[];
  /** The VNet this side created, for flow logs. @default - none: no flow logs */
  readonly virtualNetwork?: { readonly id: string; readonly name: string };
  /** Alerts to create when `settings.alerts` is set. @default - none */
  readonly alerts?: PathAlert[];
  readonly tags?: Record<string, string>;
}

/** The name of the n-th diagnostic setting on every resource (n = 0 for the main workspace). */
export function diagnosticSettingName(n: number): string {
  return n === 0 ? 'diag-double-nat' : `diag-double-nat-${n + 1}`;
}

/**
 * One side's observability: a diagnostic setting per created resource and workspace (logs and
 * metrics as Azure lists them for its type), VNet flow logs into a storage account, and metric
 * alerts on the service path with the action groups that notify people.
 */
export class SideObservability extends Construct {
  /** The main workspace's id, created or existing. */
  public readonly workspaceId: string;
  /** The workspace, when this side created it. */
  public readonly workspace?: LogAnalyticsWorkspace;
  public readonly diagnosticSettings: MonitorDiagnosticSetting[] = [];
  public readonly flowLog?: NetworkWatcherFlowLog;
  public readonly actionGroup?: MonitorActionGroup;
  public readonly metricAlerts: MonitorMetricAlert[] = [];

  constructor(scope: Construct, id: string, props: SideObservabilityProps) {
    super(scope, id);
    const { settings, resourceGroupName, location, tags } = props;
    if (settings.workspace.id !== undefined) {
      this.workspaceId = settings.workspace.id;
    } else {
      this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
        resourceGroupName,
        location,
        name: settings.workspace.name,
        // Pay-as-you-go per GB ingested; the only SKU Azure offers new workspaces besides commitment tiers.
        sku: 'PerGB2018',
        retentionInDays: settings.workspace.retentionInDays,
        dailyQuotaGb: settings.workspace.dailyQuotaGb,
        tags,
      });
      this.workspaceId = this.workspace.id;
    }

    const workspaces = [this.workspaceId, ...settings.additionalWorkspaceIds];
    for (const target of props.targets) {
      const categories = DIAGNOSTIC_CATEGORIES[target.kind];
      workspaces.forEach((workspaceId, n) => {
        this.diagnosticSettings.push(
          new MonitorDiagnosticSetting(this, n === 0 ? `diagnostics-${target.key}` : `diagnostics-${target.key}-${n + 1}`, {
            name: diagnosticSettingName(n),
            targetResourceId: target.resourceId,
            logAnalyticsWorkspaceId: workspaceId,
            logAnalyticsDestinationType: 'destinationType' in categories ? categories.destinationType : undefined,
            enabledLog: categories.logs.length > 0 ? categories.logs.map((category) => ({ category })) : undefined,
            enabledMetric: categories.metrics.length > 0 ? categories.metrics.map((category) => ({ category })) : undefined,
          }),
        );
      });
    }

    if (settings.flowLogs && props.virtualNetwork) this.flowLog = this.createFlowLog(props, props.virtualNetwork);
    if (settings.alerts && props.alerts && props.alerts.length > 0) this.createAlerts(props, props.alerts);
  }

  /**
   * VNet flow logs (NSG flow logs can no longer be created since 30 June 2025:
   * https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-migrate). The flow log is a child
   * of the region's Network Watcher, which Azure creates on its own; we use it rather than create one,
   * since a subscription may have only one per region.
   */
  private createFlowLog(props: SideObservabilityProps, vnet: { id: string; name: string }): NetworkWatcherFlowLog {
    const flow = props.settings.flowLogs!;
    const { resourceGroupName, location, tags } = props;
    let storageAccountId = flow.storageAccountId;
    if (storageAccountId === undefined) {
      // Flow logs need a storage account in the VNet's region. Private blobs, TLS 1.2, HTTPS only.
      storageAccountId = new StorageAccount(this, 'flow-log-storage', {
        resourceGroupName,
        location,
        name: flow.storageAccountName as string,
        accountTier: 'Standard',
        accountReplicationType: 'LRS',
        accountKind: 'StorageV2',
        minTlsVersion: 'TLS1_2',
        httpsTrafficOnlyEnabled: true,
        allowNestedItemsToBePublic: false,
        // Only Azure's trusted services (Network Watcher writes flow logs as one) get through the
        // firewall: https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview
        networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
        // A deleted blob or container can be restored for a week; SAS tokens live at most a day.
        blobProperties: { deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } },
        // Shared keys stay on, said explicitly (see checkers/checkov/suppressions.json, CKV2_AZURE_40).
        sharedAccessKeyEnabled: true,
        sasPolicy: { expirationPeriod: '01.00:00:00', expirationAction: 'Log' },
        tags,
      }).id;
    }
    const workspace = this.workspace;
    return new NetworkWatcherFlowLog(this, 'flow-log', {
      name: `flowlog-${vnet.name}`,
      networkWatcherName: networkWatcherNameOf(flow, location),
      resourceGroupName: flow.networkWatcherResourceGroupName,
      location,
      targetResourceId: vnet.id,
      storageAccountId,
      enabled: true,
      version: 2,
      // 0 days keeps the blobs forever; Azure then wants the policy off.
      retentionPolicy: { enabled: flow.retentionInDays > 0, days: flow.retentionInDays },
      trafficAnalytics:
        flow.trafficAnalytics && workspace
          ? { enabled: true, workspaceId: workspace.workspaceId, workspaceRegion: location, workspaceResourceId: workspace.id, intervalInMinutes: 60 }
          : undefined,
      tags,
    });
  }

  private createAlerts(props: SideObservabilityProps, alerts: PathAlert[]): void {
    const settings = props.settings.alerts!;
    const actionGroupIds: string[] = [];
    if (settings.emails.length > 0) {
      (this as { actionGroup?: MonitorActionGroup }).actionGroup = new MonitorActionGroup(this, 'action-group', {
        resourceGroupName: props.resourceGroupName,
        name: settings.actionGroupName,
        shortName: settings.actionGroupShortName,
        emailReceiver: settings.emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema: true })),
        tags: props.tags,
      });
      actionGroupIds.push(this.actionGroup!.id);
    }
    if (settings.actionGroupId !== undefined) actionGroupIds.push(settings.actionGroupId);
    for (const alert of alerts) {
      this.metricAlerts.push(
        new MonitorMetricAlert(this, `alert-${alert.key}`, {
          resourceGroupName: props.resourceGroupName,
          name: alert.name,
          description: alert.description,
          scopes: [alert.scope],
          severity: settings.severity,
          frequency: 'PT1M',
          windowSize: 'PT5M',
          criteria: [{ metricNamespace: alert.metricNamespace, metricName: alert.metricName, aggregation: 'Average', operator: alert.operator, threshold: alert.threshold }],
          action: actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
          tags: props.tags,
        }),
      );
    }
  }
}

/**
 * Observability of one side, on request: where its diagnostic logs and metrics go, optional VNet
 * flow logs, and (provider side) metric alerts on the service path. Defaults and the checks that run
 * at synth, before any resource exists.
 */
import { checkIntegerIn } from '../validation/load-balancer';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';

/** The Log Analytics workspace that receives the side's logs and metrics. */
export interface LogAnalyticsWorkspaceSettings {
  /** Resource id of an existing workspace, in any subscription of the tenant. @default - a new workspace in this side's resource group */
  readonly id?: string;
  /** Name of the workspace this side creates (4-63 letters, digits and "-"). @default "log-<vnet name>" */
  readonly name?: string;
  /** Days the created workspace keeps data (30-730; more days cost more). @default 30 */
  readonly retentionInDays?: number;
  /** Daily ingestion cap of the created workspace in GB; ingestion stops for the day when it is reached. @default - no cap */
  readonly dailyQuotaGb?: number;
}

/** VNet flow logs of the VNet this side creates, kept in a storage account. */
export interface FlowLogSettings {
  /** Resource id of an existing storage account, in the side's region, for the flow logs. @default - a new account named by `storageAccountName` */
  readonly storageAccountId?: string;
  /** Name of the storage account this side creates (3-24 lower-case letters and digits, unique in Azure); required unless `storageAccountId` is given. @default - none */
  readonly storageAccountName?: string;
  /** Days the flow log blobs are kept (1-365), or 0 to keep them forever; storage is billed per GB kept, and 90 is what CIS Azure and checkov's CKV_AZURE_12 ask of flow logs. @default 90 */
  readonly retentionInDays?: number;
  /** The region's Network Watcher, which Azure creates on its own with the first VNet of a region. @default "NetworkWatcher_<location>" */
  readonly networkWatcherName?: string;
  /** Its resource group. @default "NetworkWatcherRG" */
  readonly networkWatcherResourceGroupName?: string;
  /** Traffic analytics into the workspace (a created one only: it needs the workspace's GUID); billed per GB processed. @default false */
  readonly trafficAnalytics?: boolean;
}

/** Where the provider's alerts go: an action group this side creates for e-mail addresses, an existing one, or both. */
export interface AlertSettings {
  /** E-mail addresses the new action group notifies (at most 1000). @default - none: give `actionGroupId` then */
  readonly emails?: string[];
  /** Resource id of an existing action group that is notified too. @default - none */
  readonly actionGroupId?: string;
  /** Name of the action group this side creates for `emails`. @default "ag-<PLS name>" */
  readonly actionGroupName?: string;
  /** Its short name, shown in e-mails and SMS (1-12 characters). @default "double-nat" */
  readonly actionGroupShortName?: string;
  /** Severity of the alerts: 0 (critical) to 4 (verbose). @default 1 */
  readonly severity?: number;
}

export interface ObservabilitySettings {
  /** The workspace for diagnostic logs and metrics. @default - a new workspace "log-<vnet name>", 30 days */
  readonly workspace?: LogAnalyticsWorkspaceSettings;
  /** More workspaces (e.g. a central security team's) that get the same logs: one more diagnostic setting per resource each. @default - none */
  readonly additionalWorkspaceIds?: string[];
  /** VNet flow logs (only for a VNet this side creates). @default - none */
  readonly flowLogs?: FlowLogSettings;
}

export interface ProviderObservabilitySettings extends ObservabilitySettings {
  /** Metric alerts on the service path: load balancer data path and health probes, PLS NAT ports. @default - none */
  readonly alerts?: AlertSettings;
}

export interface ResolvedWorkspace {
  readonly id?: string;
  readonly name: string;
  readonly retentionInDays: number;
  readonly dailyQuotaGb?: number;
}

export interface ResolvedFlowLogs {
  readonly storageAccountId?: string;
  readonly storageAccountName?: string;
  readonly retentionInDays: number;
  readonly networkWatcherName: string;
  readonly networkWatcherResourceGroupName: string;
  readonly trafficAnalytics: boolean;
}

export interface ResolvedAlerts {
  readonly emails: string[];
  readonly actionGroupId?: string;
  readonly actionGroupName: string;
  readonly actionGroupShortName: string;
  readonly severity: number;
}

export interface ResolvedObservability {
  readonly workspace: ResolvedWorkspace;
  readonly additionalWorkspaceIds: string[];
  readonly flowLogs?: ResolvedFlowLogs;
  readonly alerts?: ResolvedAlerts;
}

/**
 * "Each Azure resource can have up to five diagnostic settings":
 * https://learn.microsoft.com/azure/azure-monitor/service-limits#diagnostic-settings
 */
export const MAX_DIAGNOSTIC_SETTINGS_PER_RESOURCE = 5;
/** Email receivers of one action group: https://learn.microsoft.com/azure/azure-monitor/service-limits#action-groups */
export const MAX_ACTION_GROUP_EMAILS = 1000;
/** azurerm log_analytics_workspace: retention_in_days "between 30 and 730" (PerGB2018). */
export const WORKSPACE_RETENTION_DAYS = { min: 30, max: 730 };
/** Network Watcher flow log retention: 1-365 days, 0 keeps forever. https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview */
export const FLOW_LOG_RETENTION_DAYS = { min: 0, max: 365 };

const GUID_PART = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const resourceId = (provider: string, type: string) => new RegExp(`^/subscriptions/${GUID_PART}/resourceGroups/[^/]+/providers/${provider}/${type}/[^/]+$`, 'i');
export const WORKSPACE_ID = resourceId('Microsoft\\.OperationalInsights', 'workspaces');
export const ACTION_GROUP_ID = resourceId('microsoft\\.insights', 'actionGroups');
export const STORAGE_ACCOUNT_ID = resourceId('Microsoft\\.Storage', 'storageAccounts');
const SHAPE = {
  workspace: '/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>',
  actionGroup: '/subscriptions/<guid>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>',
  storageAccount: '/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Storage/storageAccounts/<name>',
};
/** A deliberately plain shape: one "@", no spaces, a dot in the domain. Azure checks deliverability itself. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function resolveObservability(
  settings: ProviderObservabilitySettings | undefined,
  defaults: { vnetName: string; privateLinkServiceName?: string },
): ResolvedObservability | undefined {
  if (settings === undefined) return undefined;
  const flow = settings.flowLogs;
  const alerts = settings.alerts;
  return {
    workspace: {
      id: settings.workspace?.id,
      name: settings.workspace?.name ?? `log-${defaults.vnetName}`,
      retentionInDays: settings.workspace?.retentionInDays ?? 30,
      dailyQuotaGb: settings.workspace?.dailyQuotaGb,
    },
    additionalWorkspaceIds: settings.additionalWorkspaceIds ?? [],
    flowLogs: flow && {
      storageAccountId: flow.storageAccountId,
      storageAccountName: flow.storageAccountName,
      retentionInDays: flow.retentionInDays ?? 90,
      networkWatcherName: flow.networkWatcherName ?? '',
      networkWatcherResourceGroupName: flow.networkWatcherResourceGroupName ?? 'NetworkWatcherRG',
      trafficAnalytics: flow.trafficAnalytics ?? false,
    },
    alerts: alerts && {
      emails: alerts.emails ?? [],
      actionGroupId: alerts.actionGroupId,
      actionGroupName: alerts.actionGroupName ?? `ag-${defaults.privateLinkServiceName ?? defaults.vnetName}`,
      actionGroupShortName: alerts.actionGroupShortName ?? 'double-nat',
      severity: alerts.severity ?? 1,
    },
  };
}

/** The Network Watcher Azure creates for a region: "NetworkWatcher_<region>". */
export function networkWatcherNameOf(flowLogs: ResolvedFlowLogs, location: string): string {
  return flowLogs.networkWatcherName || `NetworkWatcher_${location}`;
}

function checkId(problems: ProblemList, prop: string, value: unknown, pattern: RegExp, shape: string): void {
  problems.check(isToken(value) || (typeof value === 'string' && pattern.test(value)), prop, value, `a resource id: ${shape}`);
}

/**
 * Records every problem of a side's observability. `existingNetwork` names the prop of an existing
 * subnet when the side creates no VNet: flow logs then have no VNet of ours to watch.
 */
export function checkObservability(problems: ProblemList, observability: ResolvedObservability | undefined, existingNetwork: string | undefined): void {
  if (!observability) return;
  const at = problems.at('observability');
  const { workspace, additionalWorkspaceIds, flowLogs, alerts } = observability;
  if (workspace.id !== undefined) {
    checkId(at, 'workspace.id', workspace.id, WORKSPACE_ID, SHAPE.workspace);
  } else {
    at.check(
      typeof workspace.name === 'string' && /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/.test(workspace.name),
      'workspace.name',
      workspace.name,
      '4-63 letters, digits and "-", not starting or ending with "-" (Log Analytics workspace name)',
    );
    checkIntegerIn(at, 'workspace.retentionInDays', workspace.retentionInDays, WORKSPACE_RETENTION_DAYS, 'days');
    if (workspace.dailyQuotaGb !== undefined) {
      at.check(typeof workspace.dailyQuotaGb === 'number' && workspace.dailyQuotaGb > 0, 'workspace.dailyQuotaGb', workspace.dailyQuotaGb, 'a number of GB above 0');
    }
  }
  if (at.check(Array.isArray(additionalWorkspaceIds), 'additionalWorkspaceIds', additionalWorkspaceIds, 'a list of workspace resource ids')) {
    additionalWorkspaceIds.forEach((id, i) => checkId(at, `additionalWorkspaceIds[${i}]`, id, WORKSPACE_ID, SHAPE.workspace));
    // One diagnostic setting per workspace on every resource; Azure refuses a sixth.
    const settings = 1 + additionalWorkspaceIds.length;
    at.check(
      settings <= MAX_DIAGNOSTIC_SETTINGS_PER_RESOURCE,
      'additionalWorkspaceIds',
      `${additionalWorkspaceIds.length} workspaces`,
      `at most ${MAX_DIAGNOSTIC_SETTINGS_PER_RESOURCE - 1}: with the main workspace that makes ${settings} diagnostic settings per resource, and Azure allows ${MAX_DIAGNOSTIC_SETTINGS_PER_RESOURCE}`,
    );
    // Azure refuses two settings of one resource that send the same category to the same workspace.
    const seen = new Set(workspace.id && !isToken(workspace.id) ? [workspace.id.toLowerCase()] : []);
    additionalWorkspaceIds.forEach((id, i) => {
      if (typeof id !== 'string' || isToken(id)) return;
      at.check(!seen.has(id.toLowerCase()), `additionalWorkspaceIds[${i}]`, id, 'a workspace not already receiving these logs (Azure refuses the same destination twice)');
      seen.add(id.toLowerCase());
    });
  }
  if (flowLogs) {
    at.check(existingNetwork === undefined, 'flowLogs', '(set)', `left out when ${existingNetwork} is an existing subnet: flow logs watch the VNet this side creates; turn them on for your VNet where it is managed`);
    checkFlowLogs(at.at('flowLogs'), flowLogs, workspace);
  }
  if (alerts) checkAlerts(at.at('alerts'), alerts);
}

function checkFlowLogs(at: ProblemList, flowLogs: ResolvedFlowLogs, workspace: ResolvedWorkspace): void {
  if (flowLogs.storageAccountId !== undefined) {
    checkId(at, 'storageAccountId', flowLogs.storageAccountId, STORAGE_ACCOUNT_ID, SHAPE.storageAccount);
    at.check(flowLogs.storageAccountName === undefined, 'storageAccountName', flowLogs.storageAccountName, 'left out with storageAccountId (one account or the other)');
  } else {
    at.check(
      isToken(flowLogs.storageAccountName) || (typeof flowLogs.storageAccountName === 'string' && /^[a-z0-9]{3,24}$/.test(flowLogs.storageAccountName)),
      'storageAccountName',
      flowLogs.storageAccountName,
      '3-24 lower-case letters and digits, unique in Azure (or give storageAccountId)',
    );
  }
  checkIntegerIn(at, 'retentionInDays', flowLogs.retentionInDays, FLOW_LOG_RETENTION_DAYS, 'days; 0 keeps forever');
  if (flowLogs.networkWatcherName !== '') checkName(at, 'networkWatcherName', flowLogs.networkWatcherName, 'networkWatcher');
  checkName(at, 'networkWatcherResourceGroupName', flowLogs.networkWatcherResourceGroupName, 'resourceGroup');
  if (at.check(typeof flowLogs.trafficAnalytics === 'boolean', 'trafficAnalytics', flowLogs.trafficAnalytics, 'true or false') && flowLogs.trafficAnalytics) {
    at.check(workspace.id === undefined, 'trafficAnalytics', true, 'false with an existing workspace: traffic analytics needs the workspace GUID, known only for a workspace this side creates');
  }
}

function checkAlerts(at: ProblemList, alerts: ResolvedAlerts): void {
  if (at.check(Array.isArray(alerts.emails), 'emails', alerts.emails, 'a list of e-mail addresses')) {
    at.check(alerts.emails.length > 0 || alerts.actionGroupId !== undefined, 'emails', alerts.emails, 'at least one address, or an actionGroupId: an alert that notifies nobody is noise');
    at.check(alerts.emails.length <= MAX_ACTION_GROUP_EMAILS, 'emails', `${alerts.emails.length} addresses`, `at most ${MAX_ACTION_GROUP_EMAILS} (Azure's limit per action group)`);
    const seen = new Set<string>();
    alerts.emails.forEach((email, i) => {
      if (!at.check(typeof email === 'string' && EMAIL.test(email), `emails[${i}]`, email, 'an e-mail address such as "oncall@example.com"')) return;
      at.check(!seen.has(email.toLowerCase()), `emails[${i}]`, email, 'an address not already listed');
      seen.add(email.toLowerCase());
    });
  }
  if (alerts.actionGroupId !== undefined) checkId(at, 'actionGroupId', alerts.actionGroupId, ACTION_GROUP_ID, SHAPE.actionGroup);
  if (alerts.emails.length > 0) {
    checkName(at, 'actionGroupName', alerts.actionGroupName, 'actionGroup');
    at.check(typeof alerts.actionGroupShortName === 'string' && alerts.actionGroupShortName.length >= 1 && alerts.actionGroupShortName.length <= 12, 'actionGroupShortName', alerts.actionGroupShortName, '1-12 characters');
  }
  checkIntegerIn(at, 'severity', alerts.severity, { min: 0, max: 4 }, '0 critical to 4 verbose');
}

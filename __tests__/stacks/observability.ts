/**
 * Observability on request: diagnostic settings for what each side creates (with the categories Azure
 * lists per type), workspaces new or existing, VNet flow logs, path alerts with their action groups,
 * every bad value refused at synth with nothing written, and what explain and the diagram show.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { checkConfig } from '../../lib/config/check-config';
import { DIAGNOSTIC_CATEGORIES } from '../../lib/observability/diagnostic-categories';
import { renderMermaid } from '../../lib/topology/diagram';
import { servicePaths } from '../../lib/topology/paths';
import { readTopology } from '../../lib/topology/read-synth';
import { renderReport } from '../../lib/topology/report';
import { formatProblem } from '../../lib/validation/problems';
import { expectDoubleNatInvariants } from '../helpers/invariants';
import { StackJson, all, only, ref, synth } from '../helpers/synth';
import { doubleNatViolations } from '../../lib/synth/invariants';

const SUB = '44444444-4444-4444-4444-444444444444';
const WORKSPACE = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/${name}`;
const ACTION_GROUP = `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/microsoft.insights/actionGroups/ag-pager`;
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.Storage/storageAccounts/stflowlogs`;
const SUBNET_ID = `/subscriptions/${SUB}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-app`;
const LB_RULE = { name: 'HTTPS', frontendPort: 443, probe: { protocol: 'Tcp' as const } };

function problems(config: DoubleNatConfig): string {
  return checkConfig(config).map(formatProblem).join('\n');
}

/** Diagnostic settings of a stack by the type of their target, e.g. "azurerm_lb". */
function settingsByTarget(stack: StackJson): Record<string, any[]> {
  const byType: Record<string, any[]> = {};
  for (const setting of all(stack, 'azurerm_monitor_diagnostic_setting')) {
    const type = /^\$\{([a-z_]+)\./.exec(setting.target_resource_id)![1];
    (byType[type] ??= []).push(setting);
  }
  return byType;
}

function explain(config: DoubleNatConfig): { text: string; mermaid: string } {
  const topology = readTopology(synth(config).stacks as any);
  return { text: renderReport(topology, servicePaths(topology)).text, mermaid: renderMermaid(topology) };
}

test('off by default: no workspace, diagnostic setting, flow log, action group or alert', () => {
  const { stacks } = synth();
  for (const stack of Object.values(stacks)) {
    for (const type of ['azurerm_log_analytics_workspace', 'azurerm_monitor_diagnostic_setting', 'azurerm_network_watcher_flow_log', 'azurerm_monitor_action_group', 'azurerm_monitor_metric_alert', 'azurerm_storage_account']) {
      expect(stack.resource[type]).toBeUndefined();
    }
  }
  expect(explain({}).text).toContain('Observability: none');
});

describe('diagnostic settings', () => {
  const config: DoubleNatConfig = {
    provider: { observability: {}, operatorAccess: { sku: 'Standard' } },
    consumers: [{ observability: { workspace: { id: WORKSPACE('log-platform') } }, operatorAccess: { sku: 'Developer' } }],
  };
  const { stacks } = synth(config);
  const provider = stacks['double-nat-provider'];
  const consumer = stacks['double-nat-consumer'];

  test('a new workspace by default: PerGB2018, 30 days, named after the VNet, no daily cap', () => {
    expect(only(provider, 'azurerm_log_analytics_workspace')).toMatchObject({ name: 'log-vnet-b', sku: 'PerGB2018', retention_in_days: 30 });
    expect(only(provider, 'azurerm_log_analytics_workspace').daily_quota_gb).toBeUndefined();
  });

  test('provider: LB, backend and private-link NSGs, PLS, Bastion host and its subnet NSG, with the categories Azure lists for each', () => {
    const byType = settingsByTarget(provider);
    expect(Object.keys(byType).sort()).toEqual(['azurerm_bastion_host', 'azurerm_lb', 'azurerm_network_security_group', 'azurerm_private_link_service']);
    // Every NSG the side creates: backend, private-link subnet, Bastion subnet.
    expect(byType.azurerm_network_security_group).toHaveLength(Object.keys(provider.resource.azurerm_network_security_group).length);
    expect(byType.azurerm_network_security_group).toHaveLength(3);
    const workspace = ref(provider, 'azurerm_log_analytics_workspace');
    expect(byType.azurerm_lb[0]).toMatchObject({
      name: 'diag-double-nat',
      log_analytics_workspace_id: workspace,
      log_analytics_destination_type: 'Dedicated',
      enabled_log: [{ category: 'LoadBalancerHealthEvent' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
    for (const nsg of byType.azurerm_network_security_group) {
      expect(nsg.enabled_log).toEqual([{ category: 'NetworkSecurityGroupEvent' }, { category: 'NetworkSecurityGroupRuleCounter' }]);
      expect(nsg.enabled_metric).toBeUndefined();
    }
    expect(byType.azurerm_private_link_service[0].enabled_log).toBeUndefined();
    expect(byType.azurerm_private_link_service[0].enabled_metric).toEqual([{ category: 'AllMetrics' }]);
    expect(byType.azurerm_bastion_host[0].enabled_log).toEqual([{ category: 'BastionAuditLogs' }]);
  });

  test('consumer: NSG and private endpoint (metrics only) to the existing workspace; Bastion Developer has no host to diagnose', () => {
    const byType = settingsByTarget(consumer);
    expect(Object.keys(byType).sort()).toEqual(['azurerm_network_security_group', 'azurerm_private_endpoint']);
    expect(byType.azurerm_private_endpoint[0]).toMatchObject({ log_analytics_workspace_id: WORKSPACE('log-platform'), enabled_metric: [{ category: 'AllMetrics' }] });
    expect(byType.azurerm_private_endpoint[0].enabled_log).toBeUndefined();
    expect(consumer.resource.azurerm_log_analytics_workspace).toBeUndefined();
  });

  test('every category written is one the table of categories lists', () => {
    const known = new Set(Object.values(DIAGNOSTIC_CATEGORIES).flatMap((c) => [...c.logs, ...c.metrics]));
    for (const setting of [...all(provider, 'azurerm_monitor_diagnostic_setting'), ...all(consumer, 'azurerm_monitor_diagnostic_setting')]) {
      for (const entry of [...(setting.enabled_log ?? []), ...(setting.enabled_metric ?? [])]) expect(known).toContain(entry.category);
    }
  });

  test('additional workspaces: one more setting per resource each, with its own name', () => {
    const { stacks: more } = synth({ consumers: [{ observability: { additionalWorkspaceIds: [WORKSPACE('log-soc'), WORKSPACE('log-audit')] } }] });
    const settings = settingsByTarget(more['double-nat-consumer']).azurerm_private_endpoint;
    expect(Object.fromEntries(settings.map((s) => [s.name, s.log_analytics_workspace_id]))).toEqual({
      'diag-double-nat': ref(more['double-nat-consumer'], 'azurerm_log_analytics_workspace'),
      'diag-double-nat-2': WORKSPACE('log-soc'),
      'diag-double-nat-3': WORKSPACE('log-audit'),
    });
  });

  test('explain lists where each side sends what; the diagram shows the workspaces', () => {
    const { text, mermaid } = explain(config);
    expect(text).toContain('double-nat-provider: logs and metrics → workspace log-vnet-b (created, 30 days)');
    expect(text).toContain('lb-b (load balancer): LoadBalancerHealthEvent + metrics');
    expect(text).toContain('pls-b (Private Link Service): metrics only (Azure has no logs for it)');
    expect(text).toContain(`double-nat-consumer: logs and metrics → workspace ${WORKSPACE('log-platform')}`);
    expect(text).toContain('pe-to-b (private endpoint): metrics only');
    expect(mermaid).toContain('provider -. diagnostics .-> provider_logs[("Log Analytics<br/>log-vnet-b (created, 30 days)")]');
  });

  test('keeps the invariants and every policy', () => {
    expectDoubleNatInvariants(stacks);
  });
});

describe('flow logs', () => {
  test('a new storage account (private, TLS 1.2) and a version 2 VNet flow log on the region\'s Network Watcher', () => {
    const { stacks } = synth({ provider: { observability: { flowLogs: { storageAccountName: 'stflowlogsb', trafficAnalytics: true } } } });
    const provider = stacks['double-nat-provider'];
    expect(only(provider, 'azurerm_storage_account')).toMatchObject({
      name: 'stflowlogsb',
      account_replication_type: 'LRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      blob_properties: { delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } },
      shared_access_key_enabled: true,
      sas_policy: { expiration_period: '01.00:00:00', expiration_action: 'Log' },
    });
    expect(only(provider, 'azurerm_network_watcher_flow_log')).toMatchObject({
      name: 'flowlog-vnet-b',
      network_watcher_name: 'NetworkWatcher_japaneast',
      resource_group_name: 'NetworkWatcherRG',
      target_resource_id: ref(provider, 'azurerm_virtual_network'),
      storage_account_id: ref(provider, 'azurerm_storage_account'),
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 90 },
      traffic_analytics: { enabled: true, workspace_id: ref(provider, 'azurerm_log_analytics_workspace', 'workspace_id'), workspace_region: 'japaneast', interval_in_minutes: 60 },
    });
    expect(explain({ provider: { observability: { flowLogs: { storageAccountName: 'stflowlogsb', trafficAnalytics: true } } } }).text).toContain(
      'VNet flow logs of vnet-b → storage stflowlogsb, 90 days, traffic analytics',
    );
  });

  test('an existing storage account, a named Network Watcher, and 0 days (kept forever)', () => {
    const { stacks } = synth({ consumers: [{ observability: { flowLogs: { storageAccountId: STORAGE, retentionInDays: 0, networkWatcherName: 'nw-japaneast', networkWatcherResourceGroupName: 'rg-network-watchers' } } }] });
    const consumer = stacks['double-nat-consumer'];
    expect(consumer.resource.azurerm_storage_account).toBeUndefined();
    expect(only(consumer, 'azurerm_network_watcher_flow_log')).toMatchObject({
      storage_account_id: STORAGE,
      network_watcher_name: 'nw-japaneast',
      resource_group_name: 'rg-network-watchers',
      retention_policy: { enabled: false, days: 0 },
    });
    expect(only(consumer, 'azurerm_network_watcher_flow_log').traffic_analytics).toBeUndefined();
  });
});

describe('path alerts (provider)', () => {
  test('with a load-balancing rule: data path, health probe and PLS NAT ports, to a new e-mail group and an existing group', () => {
    const { stacks } = synth({ provider: { loadBalancingRules: [LB_RULE], observability: { alerts: { emails: ['oncall@example.com', 'owner@example.com'], actionGroupId: ACTION_GROUP, severity: 2 } } } });
    const provider = stacks['double-nat-provider'];
    expect(only(provider, 'azurerm_monitor_action_group')).toMatchObject({
      name: 'ag-pls-b',
      short_name: 'double-nat',
      email_receiver: [
        { name: 'email-1', email_address: 'oncall@example.com', use_common_alert_schema: true },
        { name: 'email-2', email_address: 'owner@example.com', use_common_alert_schema: true },
      ],
    });
    const alerts = Object.fromEntries(all(provider, 'azurerm_monitor_metric_alert').map((a) => [a.criteria[0].metric_name, a]));
    expect(Object.keys(alerts).sort()).toEqual(['DipAvailability', 'PLSNatPortsUsage', 'VipAvailability']);
    expect(alerts.VipAvailability).toMatchObject({
      scopes: [ref(provider, 'azurerm_lb')],
      severity: 2,
      frequency: 'PT1M',
      window_size: 'PT5M',
      criteria: [{ metric_namespace: 'Microsoft.Network/loadBalancers', aggregation: 'Average', operator: 'LessThan', threshold: 90 }],
      action: [{ action_group_id: ref(provider, 'azurerm_monitor_action_group') }, { action_group_id: ACTION_GROUP }],
    });
    expect(alerts.DipAvailability.criteria[0]).toMatchObject({ operator: 'LessThan', threshold: 90 });
    expect(alerts.PLSNatPortsUsage).toMatchObject({
      scopes: [ref(provider, 'azurerm_private_link_service')],
      criteria: [{ metric_namespace: 'Microsoft.Network/privateLinkServices', operator: 'GreaterThan', threshold: 80 }],
    });
  });

  test('NAT rules only (no probe, so no LB path metric): the PLS alert alone, to an existing group; no group is created', () => {
    const config: DoubleNatConfig = { provider: { observability: { alerts: { actionGroupId: ACTION_GROUP } } } };
    const provider = synth(config).stacks['double-nat-provider'];
    expect(provider.resource.azurerm_monitor_action_group).toBeUndefined();
    expect(only(provider, 'azurerm_monitor_metric_alert')).toMatchObject({ name: 'pls-b-nat-ports-usage', action: [{ action_group_id: ACTION_GROUP }] });
    expect(explain(config).text).toContain(`alert pls-b-nat-ports-usage: PLSNatPortsUsage > 80 → ${ACTION_GROUP}`);
  });
});

describe('refused at synth', () => {
  test.each<[string, DoubleNatConfig, string]>([
    ['a workspace id of another type', { provider: { observability: { workspace: { id: STORAGE } } } }, 'provider: observability.workspace.id = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-ops/pr... must be a resource id: /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>'],
    ['a workspace id without a GUID', { provider: { observability: { workspace: { id: '/subscriptions/prod/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w' } } } }, 'observability.workspace.id = "/subscriptions/prod/'],
    ['a workspace name of 3 characters', { provider: { observability: { workspace: { name: 'log' } } } }, 'provider: observability.workspace.name = "log" must be 4-63 letters, digits and "-"'],
    ['a workspace retention below 30', { provider: { observability: { workspace: { retentionInDays: 7 } } } }, 'provider: observability.workspace.retentionInDays = 7 must be a whole number from 30 to 730 (days)'],
    ['a daily cap of 0', { provider: { observability: { workspace: { dailyQuotaGb: 0 } } } }, 'provider: observability.workspace.dailyQuotaGb = 0 must be a number of GB above 0'],
    [
      'five additional workspaces (six settings per resource)',
      { consumers: [{ observability: { additionalWorkspaceIds: [1, 2, 3, 4, 5].map((n) => WORKSPACE(`log-${n}`)) } }] },
      'consumers[0]: observability.additionalWorkspaceIds = "5 workspaces" must be at most 4: with the main workspace that makes 6 diagnostic settings per resource, and Azure allows 5',
    ],
    [
      'the same workspace twice',
      { consumers: [{ observability: { workspace: { id: WORKSPACE('log-a') }, additionalWorkspaceIds: [WORKSPACE('LOG-A')] } }] },
      'consumers[0]: observability.additionalWorkspaceIds[0] = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-ops/pr... must be a workspace not already receiving these logs',
    ],
    ['an e-mail address without a domain', { provider: { observability: { alerts: { emails: ['oncall@localhost'] } } } }, 'provider: observability.alerts.emails[0] = "oncall@localhost" must be an e-mail address'],
    ['the same e-mail address twice', { provider: { observability: { alerts: { emails: ['a@example.com', 'A@example.com'] } } } }, 'provider: observability.alerts.emails[1] = "A@example.com" must be an address not already listed'],
    ['alerts that notify nobody', { provider: { observability: { alerts: {} } } }, 'provider: observability.alerts.emails = [] must be at least one address, or an actionGroupId'],
    ['more than 1000 e-mail addresses', { provider: { observability: { alerts: { emails: Array.from({ length: 1001 }, (_, i) => `u${i}@example.com`) } } } }, 'provider: observability.alerts.emails = "1001 addresses" must be at most 1000'],
    ['an action group id of another type', { provider: { observability: { alerts: { actionGroupId: WORKSPACE('w') } } } }, 'provider: observability.alerts.actionGroupId = '],
    ['a short name of 13 characters', { provider: { observability: { alerts: { emails: ['a@example.com'], actionGroupShortName: 'double-nat-ag' } } } }, 'provider: observability.alerts.actionGroupShortName = "double-nat-ag" must be 1-12 characters'],
    ['severity 5', { provider: { observability: { alerts: { actionGroupId: ACTION_GROUP, severity: 5 } } } }, 'provider: observability.alerts.severity = 5 must be a whole number from 0 to 4'],
    ['flow logs without a storage account', { provider: { observability: { flowLogs: {} } } }, 'provider: observability.flowLogs.storageAccountName = (missing) must be 3-24 lower-case letters and digits, unique in Azure (or give storageAccountId)'],
    ['a storage account name with capitals', { provider: { observability: { flowLogs: { storageAccountName: 'StFlowLogs' } } } }, 'observability.flowLogs.storageAccountName = "StFlowLogs" must be 3-24 lower-case letters and digits'],
    ['both a storage id and a name', { provider: { observability: { flowLogs: { storageAccountId: STORAGE, storageAccountName: 'stflow' } } } }, 'observability.flowLogs.storageAccountName = "stflow" must be left out with storageAccountId'],
    ['a storage id of another type', { provider: { observability: { flowLogs: { storageAccountId: WORKSPACE('w') } } } }, 'observability.flowLogs.storageAccountId = '],
    ['a flow log retention of 366 days', { provider: { observability: { flowLogs: { storageAccountName: 'stflow', retentionInDays: 366 } } } }, 'observability.flowLogs.retentionInDays = 366 must be a whole number from 0 to 365'],
    ['traffic analytics with an existing workspace', { provider: { observability: { workspace: { id: WORKSPACE('w') }, flowLogs: { storageAccountName: 'stflow', trafficAnalytics: true } } } }, 'observability.flowLogs.trafficAnalytics = true must be false with an existing workspace'],
    [
      'flow logs for an existing network',
      { consumers: [{ network: { subnet: { id: SUBNET_ID, addressPrefix: '192.168.5.0/24' } }, observability: { flowLogs: { storageAccountName: 'stflow' } } }] },
      'consumers[0]: observability.flowLogs = "(set)" must be left out when network.subnet.id is an existing subnet',
    ],
    ['alerts on a consumer (its endpoint has no path signal)', { consumers: [{ observability: { alerts: { emails: ['a@example.com'] } } as any }] }, 'configuration: consumers[0].observability.alerts (an object) must be a known setting'],
  ])('%s', (_what, config, message) => {
    expect(problems(config)).toContain(message);
  });

  test('a refused configuration writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-observability-'));
    const outdir = path.join(dir, 'cdktf.out');
    try {
      expect(() => synthesizeDoubleNat({ config: { provider: { observability: { alerts: { emails: ['not-an-address'] } } } }, outdir })).toThrow(
        'observability.alerts.emails[0] = "not-an-address" must be an e-mail address',
      );
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the invariants guard observability', () => {
  const config: DoubleNatConfig = {
    provider: { loadBalancingRules: [LB_RULE], observability: { flowLogs: { storageAccountName: 'stflowlogsb' }, alerts: { actionGroupId: ACTION_GROUP } } },
  };
  const copy = () => JSON.parse(JSON.stringify(synth(config).stacks));

  test('a sixth diagnostic setting on one resource, or two of one name, is a violation', () => {
    const stacks = copy();
    const settings = stacks['double-nat-provider'].resource.azurerm_monitor_diagnostic_setting;
    const [key, setting] = Object.entries<any>(settings).find(([, s]) => s.target_resource_id.startsWith('${azurerm_lb.'))!;
    for (let n = 2; n <= 6; n++) settings[`${key}-${n}`] = { ...setting, name: n === 6 ? setting.name : `extra-${n}` };
    expect(doubleNatViolations(stacks)).toEqual([
      `double-nat-provider: ${setting.target_resource_id} has 6 diagnostic settings, Azure allows 5`,
      `double-nat-provider: ${setting.target_resource_id} has two diagnostic settings of one name`,
    ]);
  });

  test('an alert without action, or a storage account with public blobs, is a violation', () => {
    const stacks = copy();
    const alert = Object.values<any>(stacks['double-nat-provider'].resource.azurerm_monitor_metric_alert)[0];
    delete alert.action;
    only(stacks['double-nat-provider'], 'azurerm_storage_account').allow_nested_items_to_be_public = true;
    expect(doubleNatViolations(stacks)).toEqual([
      `double-nat-provider: alert ${alert.name} notifies nobody`,
      'double-nat-provider: storage account stflowlogsb allows public blobs or TLS below 1.2',
    ]);
  });
});

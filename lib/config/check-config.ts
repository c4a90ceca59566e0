/**
 * Checks a whole configuration and returns every problem, so one run reports them all.
 */
import { resolveConsumerSideProps, checkConsumerSideProps } from '../consumer-side/consumer-side-props';
import { checkProviderSideProps, resolveProviderSideProps } from '../provider-side/provider-side-props';
import { checkStateBackend } from '../stacks/state-backend';
import { consumerLimitCounts } from '../approval/consumer-limit-counts';
import { checkConsumerLimits } from '../validation/azure-limits';
import { checkGuid } from '../validation/azure-values';
import { Problem, ProblemList } from '../validation/problems';
import {
  ConsumerConfig,
  DEFAULT_CONSUMER_NAME,
  DoubleNatConfig,
  ProviderConfig,
  resolveConsumerTarget,
  resolveProviderTarget,
  sideSettings,
} from './app-config';

/** Leaf (any value), nested object, or list of objects. */
type Shape = true | { readonly [key: string]: Shape } | readonly [Shape];

const SUBNET: Shape = { name: true, addressPrefix: true, id: true };
const VM: Shape = {
  name: true,
  os: true,
  computerName: true,
  size: true,
  adminUsername: true,
  // "value" is left out on purpose: a password in a config file is a password in source control.
  adminPassword: { source: true, variableName: true },
  adminSshPublicKey: true,
  privateIp: true,
  image: { publisher: true, offer: true, sku: true, version: true },
  osDiskType: true,
  nicName: true,
  osDiskName: true,
};
const STACK = { subscriptionId: true, tenantId: true, resourceGroupName: true, location: true, tags: true } as const;
const OPERATOR_ACCESS: Shape = {
  sku: true,
  name: true,
  subnet: { addressPrefix: true, id: true },
  publicIpName: true,
  networkSecurityGroupName: true,
  nativeClient: true,
};
const RULE = { name: true, protocol: true, frontendPort: true, backendPort: true, idleTimeoutInMinutes: true } as const;

/** Every key the configuration file may hold; anything else is a typo worth reporting. */
export const CONFIG_SHAPE: Shape = {
  backend: {
    type: true,
    resourceGroupName: true,
    storageAccountName: true,
    containerName: true,
    subscriptionId: true,
    keyPrefix: true,
    useAzureadAuth: true,
    organization: true,
    hostname: true,
    workspacePrefix: true,
  },
  provider: {
    ...STACK,
    stackName: true,
    network: { name: true, addressSpace: true, backendSubnet: SUBNET, privateLinkSubnet: SUBNET },
    existingFrontend: { frontendIpConfigurationId: true, frontendIp: true },
    frontendIp: true,
    backendVms: [VM],
    inboundNatRules: [{ ...RULE, targetVm: true }],
    loadBalancingRules: [{ ...RULE, probe: { protocol: true, port: true, requestPath: true, intervalInSeconds: true } }],
    natIps: [{ name: true, privateIp: true, primary: true }],
    proxyProtocol: true,
    fqdns: true,
    deleteLock: true,
    visibilitySubscriptionIds: true,
    operatorAccess: OPERATOR_ACCESS,
    names: { loadBalancer: true, frontendIpConfiguration: true, backendPool: true, privateLinkService: true, backendNetworkSecurityGroup: true, deleteLock: true },
  },
  consumers: [
    {
      ...STACK,
      name: true,
      network: { name: true, addressSpace: true, subnet: SUBNET },
      privateEndpoint: { name: true, privateIp: true, manualApproval: true, requestMessage: true, networkInterfaceName: true, connectionName: true },
      privateDns: { zoneName: true, recordName: true, ttl: true },
      clientVm: VM,
      operatorAccess: OPERATOR_ACCESS,
      names: { clientNetworkSecurityGroup: true },
    },
  ],
};

function checkShape(problems: ProblemList, path: string, value: unknown, shape: Shape): void {
  if (shape === true || value === undefined) return;
  if (Array.isArray(shape)) {
    if (!problems.check(Array.isArray(value), path, value, 'a list')) return;
    (value as unknown[]).forEach((item, i) => checkShape(problems, `${path}[${i}]`, item, shape[0]));
    return;
  }
  if (!problems.check(typeof value === 'object' && value !== null && !Array.isArray(value), path || '(root)', value, 'an object')) return;
  const known = shape as Record<string, Shape>;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key in known) {
      checkShape(problems, childPath, child, known[key]);
    } else {
      problems.add(childPath, child, `a known setting: this is not one (known here: ${Object.keys(known).join(', ')})`);
    }
  }
}

/** A valid alias stands in for the provider's, which is only known after deploy. */
const ALIAS_PLACEHOLDER = 'pls.00000000-0000-0000-0000-000000000000.japaneast.azure.privatelinkservice';

function checkTarget(problems: ProblemList, config: ProviderConfig | ConsumerConfig): void {
  if (config.subscriptionId !== undefined) checkGuid(problems, 'subscriptionId', config.subscriptionId, 'subscription');
  if (config.tenantId !== undefined) checkGuid(problems, 'tenantId', config.tenantId, 'tenant');
}

/** Every problem of the configuration, empty when it is valid. */
export function checkConfig(config: DoubleNatConfig): Problem[] {
  const root = new ProblemList('configuration');
  checkShape(root, '', config, CONFIG_SHAPE);
  if (root.all.length > 0) return [...root.all];
  checkStateBackend(root, config.backend);

  const provider = config.provider ?? {};
  const providerTarget = resolveProviderTarget(provider);
  const providerProblems = new ProblemList('provider', '', root.all as Problem[]);
  checkTarget(providerProblems, provider);
  providerProblems.check(
    /^[a-z0-9][a-z0-9-]{0,62}$/.test(providerTarget.stackName),
    'stackName',
    providerTarget.stackName,
    'lower case letters, digits and "-", at most 63 characters',
  );
  checkProviderSideProps(
    providerProblems,
    resolveProviderSideProps({
      ...sideSettings(provider),
      resourceGroupName: providerTarget.resourceGroupName,
      location: providerTarget.location,
      tags: providerTarget.tags,
    }),
  );

  const consumers = config.consumers ?? [{}];
  root.check(consumers.length >= 1, 'consumers', consumers, 'a list of at least one consumer');
  const stackNames = new Map<string, string>([[providerTarget.stackName, 'provider']]);
  consumers.forEach((consumer, i) => {
    const where = `consumers[${i}]`;
    const problems = new ProblemList(where, '', root.all as Problem[]);
    const name = consumer.name ?? DEFAULT_CONSUMER_NAME;
    if (!problems.check(typeof name === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(name), 'name', name, '1-40 lower case letters, digits and "-"')) {
      return;
    }
    const target = resolveConsumerTarget(consumer, providerTarget);
    const clash = stackNames.get(target.stackName);
    problems.check(!clash, 'name', name, `a name whose stack "${target.stackName}" is not already used by ${clash}`);
    stackNames.set(target.stackName, where);
    checkTarget(problems, consumer);
    const side = sideSettings(consumer);
    const password = side.clientVm?.adminPassword as { source?: unknown } | undefined;
    problems.check(password?.source !== 'value', 'clientVm.adminPassword.source', password?.source, '"generated" or "variable" in a configuration file');
    checkConsumerSideProps(
      problems,
      resolveConsumerSideProps({
        ...side,
        resourceGroupName: target.resourceGroupName,
        location: target.location,
        tags: target.tags,
        privateLinkServiceAlias: ALIAS_PLACEHOLDER,
      }),
    );
  });
  checkConsumerLimits(root, consumerLimitCounts(provider, providerTarget, consumers));
  (config.provider?.backendVms ?? []).forEach((vm, i) => {
    const source = (vm?.adminPassword as { source?: unknown } | undefined)?.source;
    providerProblems.check(source !== 'value', `backendVms[${i}].adminPassword.source`, source, '"generated" or "variable" in a configuration file');
  });
  return [...root.all];
}

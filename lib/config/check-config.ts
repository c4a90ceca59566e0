/**
 * Checks a whole configuration and returns every problem, so one run reports them all.
 */
import { resolveConsumerSideProps, checkConsumerSideProps } from '../consumer-side-props';
import { checkProviderSideProps, resolveProviderSideProps } from '../provider-side-props';
import { checkGuid } from '../validation/azure-values';
import { Problem, ProblemList } from '../validation/problems';
import {
  ConsumerConfig,
  DEFAULT_CONSUMER_NAME,
  DoubleNatConfig,
  ProviderConfig,
  ResolvedStackTarget,
  resolveConsumerTarget,
  resolveProviderTarget,
  sideSettings,
} from './app-config';

/** Leaf (any value), nested object, or list of objects. */
type Shape = true | { readonly [key: string]: Shape } | readonly [Shape];

const SUBNET: Shape = { name: true, addressPrefix: true };
const VM: Shape = {
  name: true,
  computerName: true,
  size: true,
  adminUsername: true,
  // "value" is left out on purpose: a password in a config file is a password in source control.
  adminPassword: { source: true, variableName: true },
  privateIp: true,
  image: { publisher: true, offer: true, sku: true, version: true },
  osDiskType: true,
};
const STACK = { subscriptionId: true, tenantId: true, resourceGroupName: true, location: true, tags: true } as const;

/** Every key the configuration file may hold; anything else is a typo worth reporting. */
export const CONFIG_SHAPE: Shape = {
  provider: {
    ...STACK,
    stackName: true,
    network: { name: true, addressSpace: true, backendSubnet: SUBNET, privateLinkSubnet: SUBNET },
    frontendIp: true,
    inboundNatRules: [{ name: true, protocol: true, frontendPort: true, backendPort: true, idleTimeoutInMinutes: true }],
    natIps: [{ name: true, privateIp: true, primary: true }],
    backendVm: VM,
    visibilitySubscriptionIds: true,
    names: { loadBalancer: true, frontendIpConfiguration: true, backendPool: true, privateLinkService: true, backendNetworkSecurityGroup: true },
  },
  consumers: [
    {
      ...STACK,
      name: true,
      network: { name: true, addressSpace: true, subnet: SUBNET },
      privateEndpoint: { name: true, privateIp: true, manualApproval: true, requestMessage: true },
      clientVm: VM,
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

function checkTarget(problems: ProblemList, target: ResolvedStackTarget, config: ProviderConfig | ConsumerConfig): void {
  if (config.subscriptionId !== undefined) checkGuid(problems, 'subscriptionId', config.subscriptionId, 'subscription');
  if (config.tenantId !== undefined) checkGuid(problems, 'tenantId', config.tenantId, 'tenant');
  void target;
}

/** Every problem of the configuration, empty when it is valid. */
export function checkConfig(config: DoubleNatConfig): Problem[] {
  const root = new ProblemList('configuration');
  checkShape(root, '', config, CONFIG_SHAPE);
  if (root.all.length > 0) return [...root.all];

  const provider = config.provider ?? {};
  const providerTarget = resolveProviderTarget(provider);
  const providerProblems = new ProblemList('provider', '', root.all as Problem[]);
  checkTarget(providerProblems, providerTarget, provider);
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
    checkTarget(problems, target, consumer);
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
  const providerPassword = config.provider?.backendVm?.adminPassword as { source?: unknown } | undefined;
  providerProblems.check(providerPassword?.source !== 'value', 'backendVm.adminPassword.source', providerPassword?.source, '"generated" or "variable" in a configuration file');
  return [...root.all];
}

/**
 * Checks a whole configuration and returns every problem, so one run reports them all.
 */
import { checkConsumerSideProps } from '../consumer-side/consumer-side-checks';
import { resolveConsumerSideProps } from '../consumer-side/consumer-side-defaults';
import { checkProviderSideProps } from '../provider-side/provider-side-checks';
import { resolveProviderSideProps } from '../provider-side/provider-side-defaults';
import { checkStateBackend } from '../stacks/state-backend';
import { consumerLimitCounts } from './consumer-limit-counts';
import { checkManualApprovalHolds } from './manual-approval-holds';
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
import { checkKnownSettings } from './known-settings';

/** A valid alias stands in for the provider's, which is only known after deploy. */
const ALIAS_PLACEHOLDER = 'pls.00000000-0000-0000-0000-000000000000.japaneast.azure.privatelinkservice';

function checkTarget(problems: ProblemList, config: ProviderConfig | ConsumerConfig): void {
  if (config.subscriptionId !== undefined) checkGuid(problems, 'subscriptionId', config.subscriptionId, 'subscription');
  if (config.tenantId !== undefined) checkGuid(problems, 'tenantId', config.tenantId, 'tenant');
}

/** Every problem of the configuration, empty when it is valid. */
export function checkConfig(config: DoubleNatConfig): Problem[] {
  const root = new ProblemList('configuration');
  checkKnownSettings(root, config);
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
  checkManualApprovalHolds(root, providerTarget, consumers);
  checkConsumerLimits(root, consumerLimitCounts(provider, providerTarget, consumers));
  (config.provider?.backendVms ?? []).forEach((vm, i) => {
    const source = (vm?.adminPassword as { source?: unknown } | undefined)?.source;
    providerProblems.check(source !== 'value', `backendVms[${i}].adminPassword.source`, source, '"generated" or "variable" in a configuration file');
  });
  return [...root.all];
}

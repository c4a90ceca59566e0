import { Construct } from 'constructs';
import {
  DEFAULT_CONSUMER_NAME,
  DoubleNatConfig,
  ResolvedStackTarget,
  resolveConsumerTarget,
  resolveProviderTarget,
  sideSettings,
} from '../config/app-config';
import { checkConfig } from '../config/check-config';
import { DEFAULT_PRIVATE_ENDPOINT_NAME } from '../consumer-side/consumer-side-defaults';
import { DoubleNatConsumerStack } from '../stacks/consumer-stack';
import { DoubleNatProviderStack } from '../stacks/provider-stack';
import { DoubleNatValidationError } from '../validation/problems';

export interface DoubleNatStacks {
  readonly provider: DoubleNatProviderStack;
  readonly consumers: DoubleNatConsumerStack[];
}

function stackProps(target: ResolvedStackTarget) {
  const { stackName, ...props } = target;
  void stackName;
  return props;
}

/**
 * Composes the app: one provider stack and one stack per consumer, wired by cross-stack references.
 * Throws one `DoubleNatValidationError` listing every problem of the configuration before any stack exists.
 */
export function buildDoubleNatApp(scope: Construct, config: DoubleNatConfig = {}): DoubleNatStacks {
  const problems = checkConfig(config);
  if (problems.length > 0) throw new DoubleNatValidationError(problems);

  const providerTarget = resolveProviderTarget(config.provider);
  const consumerConfigs = config.consumers ?? [{ name: DEFAULT_CONSUMER_NAME }];
  const consumerTargets = consumerConfigs.map((consumer) => resolveConsumerTarget(consumer, providerTarget));

  const provider = new DoubleNatProviderStack(scope, providerTarget.stackName, {
    ...stackProps(providerTarget),
    backend: config.backend,
    side: sideSettings(config.provider ?? {}),
    consumers: consumerConfigs.map((consumer, i) => ({
      subscriptionId: consumerTargets[i].subscriptionId,
      manualApproval: consumer.privateEndpoint?.manualApproval ?? false,
      resourceGroupName: consumerTargets[i].resourceGroupName,
      privateEndpointName: consumer.privateEndpoint?.name ?? DEFAULT_PRIVATE_ENDPOINT_NAME,
    })),
  });
  const consumers = consumerConfigs.map(
    (consumer, i) =>
      new DoubleNatConsumerStack(scope, consumerTargets[i].stackName, {
        ...stackProps(consumerTargets[i]),
        backend: config.backend,
        side: sideSettings(consumer),
        provider,
      }),
  );
  return { provider, consumers };
}

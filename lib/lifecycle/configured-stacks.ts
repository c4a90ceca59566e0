import { DEFAULT_CONSUMER_NAME, DoubleNatConfig, resolveConsumerTarget, resolveProviderTarget } from '../config/app-config';

/** The stacks a configuration makes, provider first, with the resource group each creates. */
export function configuredStacks(config: DoubleNatConfig): { stack: string; resourceGroup: string }[] {
  const provider = resolveProviderTarget(config.provider);
  const consumers = (config.consumers ?? [{ name: DEFAULT_CONSUMER_NAME }]).map((consumer) => resolveConsumerTarget(consumer, provider));
  return [provider, ...consumers].map((target) => ({ stack: target.stackName, resourceGroup: target.resourceGroupName }));
}

import { DEFAULT_CONSUMER_NAME, DoubleNatConfig, resolveConsumerTarget, resolveProviderTarget } from '../config/app-config';

/** The stacks a configuration makes, provider first, with the resource group each creates and its subscription when configured. */
export function configuredStacks(config: DoubleNatConfig): { stack: string; resourceGroup: string; subscription?: string }[] {
  const provider = resolveProviderTarget(config.provider);
  const consumers = (config.consumers ?? [{ name: DEFAULT_CONSUMER_NAME }]).map((consumer) => resolveConsumerTarget(consumer, provider));
  return [provider, ...consumers].map((target) => ({ stack: target.stackName, resourceGroup: target.resourceGroupName, subscription: target.subscriptionId }));
}

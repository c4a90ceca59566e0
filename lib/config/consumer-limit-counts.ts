/**
 * How many consumers, and how long the PLS's visibility and auto-approval lists become, counted from
 * the configuration exactly as the provider stack builds them (`plsSubscriptionLists`).
 */
import { ConsumerConfig, ProviderConfig, ResolvedStackTarget, resolveConsumerTarget } from './app-config';
import { ConsumerLimitCounts } from '../validation/azure-limits';
import { PROVIDER_SUBSCRIPTION } from '../approval/endpoint-id';
import { plsSubscriptionLists } from '../approval/subscription-lists';

export function consumerLimitCounts(provider: ProviderConfig, providerTarget: ResolvedStackTarget, consumers: readonly ConsumerConfig[]): ConsumerLimitCounts {
  const configuredVisibility = Array.isArray(provider.visibilitySubscriptionIds) ? provider.visibilitySubscriptionIds : [];
  const lists = plsSubscriptionLists(
    configuredVisibility,
    consumers.map((consumer) => ({
      subscriptionId: resolveConsumerTarget(consumer ?? {}, providerTarget).subscriptionId,
      manualApproval: consumer?.privateEndpoint?.manualApproval === true,
    })),
    // Until deploy the provider's own subscription is one entry, as its Terraform reference is in the stack.
    providerTarget.subscriptionId ?? PROVIDER_SUBSCRIPTION,
  );
  return { consumers: consumers.length, configuredVisibility: configuredVisibility.length, visibility: lists.visibility.length, autoApproval: lists.autoApproval.length };
}

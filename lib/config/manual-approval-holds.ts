/**
 * A manual consumer's review holds only if its subscription is not on the PLS auto-approval list.
 * Azure approves every endpoint created in a listed subscription, by anyone, without review
 * (https://learn.microsoft.com/azure/private-link/private-link-service-overview#control-service-access),
 * so a manual consumer that shares a subscription with an automatic one would be approved silently.
 */
import { ConsumerConfig, DEFAULT_CONSUMER_NAME, ResolvedStackTarget, resolveConsumerTarget } from './app-config';
import { ProblemList } from '../validation/problems';

interface Placed {
  readonly index: number;
  readonly name: string;
  /** Lower case, or "" for the provider's own subscription when it is only known at deploy. */
  readonly key: string;
  readonly shown: string;
}

/** Records a problem for every manual consumer whose subscription an automatic consumer puts on the auto-approval list. */
export function checkManualApprovalHolds(problems: ProblemList, providerTarget: ResolvedStackTarget, consumers: readonly ConsumerConfig[]): void {
  const placed = (consumer: ConsumerConfig, index: number): Placed => {
    const subscription = resolveConsumerTarget(consumer, providerTarget).subscriptionId;
    const own = providerTarget.subscriptionId !== undefined && subscription?.toLowerCase() === providerTarget.subscriptionId.toLowerCase();
    return {
      index,
      name: consumer.name ?? DEFAULT_CONSUMER_NAME,
      key: typeof subscription === 'string' ? subscription.toLowerCase() : '',
      shown: subscription === undefined ? "the provider's own subscription" : `subscription ${subscription}${own ? " (the provider's own)" : ''}`,
    };
  };
  const all = consumers.map(placed);
  const automatic = all.filter((c) => consumers[c.index].privateEndpoint?.manualApproval !== true);
  for (const manual of all.filter((c) => consumers[c.index].privateEndpoint?.manualApproval === true)) {
    const sharing = automatic.filter((c) => c.key === manual.key);
    if (sharing.length === 0) continue;
    const others = sharing.map((c) => `"${c.name}" (consumers[${c.index}])`).join(', ');
    problems.add(
      `consumers[${manual.index}].privateEndpoint.manualApproval`,
      true,
      `kept by a subscription that is not auto-approved: consumer "${manual.name}" asks for manual approval, ` +
        `but automatic consumer${sharing.length > 1 ? `s ${others} put` : ` ${others} puts`} ${manual.shown} on the PLS auto-approval list, where any endpoint is approved without review. ` +
        `Give "${manual.name}" a separate subscriptionId, or set privateEndpoint.manualApproval: true on ${others} too`,
    );
  }
}

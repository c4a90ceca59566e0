/**
 * The PLS's visibility and auto-approval lists, built from the consumers. The provider stack emits
 * them and the configuration check counts them against Azure's limits: both call this, so the
 * check counts exactly what is deployed.
 */

/** What the lists need of a consumer. */
export interface ConsumerSubscription {
  /** @default - the provider's own subscription */
  readonly subscriptionId?: string;
  readonly manualApproval: boolean;
}

export interface PlsSubscriptionLists {
  /** Subscriptions that may find the PLS: the configured ones, then every consumer's. */
  readonly visibility: string[];
  /** Subscriptions approved without a human: those of the consumers with automatic approval. */
  readonly autoApproval: string[];
}

/**
 * @param ownSubscription the provider's subscription, or what stands for it until deploy
 */
export function plsSubscriptionLists(
  configuredVisibility: readonly string[],
  consumers: readonly ConsumerSubscription[],
  ownSubscription: string,
): PlsSubscriptionLists {
  const subscriptionOf = (c: ConsumerSubscription) => c.subscriptionId ?? ownSubscription;
  return {
    visibility: uniqueIgnoringCase([...configuredVisibility, ...consumers.map(subscriptionOf)]),
    autoApproval: uniqueIgnoringCase(consumers.filter((c) => !c.manualApproval).map(subscriptionOf)),
  };
}

/** GUIDs are case-insensitive: one subscription written twice is still one entry. */
function uniqueIgnoringCase(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = typeof id === 'string' ? id.toLowerCase() : String(id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Azure's published limits that a setting of this app can exceed, checked before anything is written.
 * Every number is Azure's, from "Azure subscription and service limits, quotas, and constraints"
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits),
 * section named beside it. The checks here take plain counts; the provider side's settings are held
 * against these numbers in provider-side/provider-side-limits.ts. Limits our settings cannot reach
 * are left out on purpose: frontend IP configurations (we create one), PLSs per load balancer (one),
 * private endpoints per VNet (at most the 1000 per PLS below, all ours), and three that the backend
 * NSG's priority range (at most 400 allow rules, see MAX_ALLOW_RULES in network-security/priorities.ts)
 * rejects first: NSG rules per NSG (1000), NAT and load-balancing rules per load balancer (1500: each
 * has an NSG allow rule) and NSG source addresses (400 rules x 8 NAT IPs + 1 < 4000).
 */
import { ProblemList } from './problems';

/** Private Link limits: "Number of IP Configurations on a private link service" (its NAT IPs). */
export const MAX_NAT_IPS = 8;
/** Private Link limits: "Number of private endpoints on the same private link service". Each consumer is one. */
export const MAX_PRIVATE_ENDPOINTS_PER_PLS = 1000;
/** Private Link limits: "Number of subscriptions allowed in visibility setting on private link service". */
export const MAX_VISIBILITY_SUBSCRIPTIONS = 100;
/** Private Link limits: "Number of subscriptions allowed in auto-approval setting on private link service". */
export const MAX_AUTO_APPROVAL_SUBSCRIPTIONS = 100;

/** Load balancer limits, Standard: "Rules per NIC (across all IPs on a NIC)". */
export const MAX_LB_RULES_PER_NIC = 300;
/** Load balancer limits, Standard: "Backend pool size". */
export const MAX_BACKEND_POOL_SIZE = 5000;
/**
 * Load balancer limits, Standard: "Backend IP configurations per frontend": each rule counts once per
 * backend pool member it reaches (a NAT rule reaches one VM, a load-balancing rule every pool member).
 */
export const MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND = 10000;
/**
 * Networking limits: "IP addresses and ranges specified for source or destination in a security
 * group", counted over the whole NSG, separately for sources and destinations.
 */
export const MAX_NSG_ADDRESSES = 4000;

/** Lists the PLS gets once every consumer's subscription is in (see `plsSubscriptionLists`). */
export interface ConsumerLimitCounts {
  readonly consumers: number;
  readonly configuredVisibility: number;
  readonly visibility: number;
  readonly autoApproval: number;
}

/** Records the limits the set of consumers exceeds, counted as the provider stack builds its lists. */
export function checkConsumerLimits(problems: ProblemList, counts: ConsumerLimitCounts): void {
  problems.check(
    counts.consumers <= MAX_PRIVATE_ENDPOINTS_PER_PLS,
    'consumers',
    `${counts.consumers} consumers`,
    `at most ${MAX_PRIVATE_ENDPOINTS_PER_PLS}: each consumer is a private endpoint, and Azure accepts at most ${MAX_PRIVATE_ENDPOINTS_PER_PLS} on one Private Link Service`,
  );
  // A configured list that alone is too long is reported with the provider's settings already.
  if (counts.configuredVisibility <= MAX_VISIBILITY_SUBSCRIPTIONS) {
    problems.check(
      counts.visibility <= MAX_VISIBILITY_SUBSCRIPTIONS,
      'provider.visibilitySubscriptionIds',
      `${counts.visibility} subscriptions`,
      `at most ${MAX_VISIBILITY_SUBSCRIPTIONS} in the PLS visibility list (Azure's limit), which holds the ${counts.configuredVisibility} configured and every consumer's subscription`,
    );
  }
  problems.check(
    counts.autoApproval <= MAX_AUTO_APPROVAL_SUBSCRIPTIONS,
    'consumers',
    `${counts.autoApproval} subscriptions with automatic approval`,
    `at most ${MAX_AUTO_APPROVAL_SUBSCRIPTIONS} in the PLS auto-approval list (Azure's limit): give the consumers of the others manual approval`,
  );
}

/**
 * Where our NSG rules sit. Azure takes priorities 100-4096, each used once per direction:
 * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules
 */

/** Priority of the first allow rule. */
export const FIRST_ALLOW_PRIORITY = 100;
/** Allow rules step by 10, so one can be inserted between two. */
export const ALLOW_PRIORITY_STEP = 10;
/** Azure's default AllowVnetInBound (65000) would let the whole VNet in: deny everything else first, at the last priority Azure takes. */
export const DENY_ALL_PRIORITY = 4096;

/** How many allow rules fit below the deny-all rule. */
export const MAX_ALLOW_RULES = Math.floor((DENY_ALL_PRIORITY - 1 - FIRST_ALLOW_PRIORITY) / ALLOW_PRIORITY_STEP) + 1;

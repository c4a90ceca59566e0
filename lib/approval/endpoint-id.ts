/**
 * Which private endpoints the provider invited: known by resource id, which only the owner of the
 * endpoint's subscription and resource group can create, so a stranger cannot forge one.
 */

/**
 * Stands for the provider's own subscription in an endpoint id when the configuration names none:
 * Terraform fills it in at deploy (in the provider stack's outputs), `npm run approve` from the
 * Private Link Service's own id.
 */
export const PROVIDER_SUBSCRIPTION = '{provider-subscription}';

/** What the configuration says about one consumer's private endpoint. */
export interface InvitedEndpoint {
  /** A subscription GUID, or `PROVIDER_SUBSCRIPTION`. */
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly name: string;
}

/** ARM's id of a private endpoint: /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/privateEndpoints/<name>. */
export function privateEndpointId(endpoint: InvitedEndpoint): string {
  return `/subscriptions/${endpoint.subscription}/resourceGroups/${endpoint.resourceGroup}/providers/Microsoft.Network/privateEndpoints/${endpoint.name}`;
}

/** An id with the provider's subscription filled in. */
export function withProviderSubscription(id: string, providerSubscription: string): string {
  return id.split(PROVIDER_SUBSCRIPTION).join(providerSubscription);
}

/**
 * Azure resource ids are case-insensitive (ARM returns resource group names in whatever case they
 * were created): https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export function sameResourceId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The subscription an ARM id lives in. */
export function subscriptionOfId(id: string): string | undefined {
  return /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1];
}

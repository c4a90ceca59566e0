/**
 * The approval tests' world: a provider, an invited partner in another subscription, a stranger,
 * the Private Link Service they connect to, and the configurations that invite them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DoubleNatConfig } from '../../lib/config/app-config';

export const PROVIDER_SUB = '11111111-1111-1111-1111-111111111111';
export const PARTNER_SUB = '22222222-2222-2222-2222-222222222222';
export const STRANGER_SUB = '99999999-9999-9999-9999-999999999999';
export const endpoint = (sub: string, rg: string, name = 'pe-to-b') =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateEndpoints/${name}`;
export const partnerEndpoint = endpoint(PARTNER_SUB, 'rg-double-nat-partner');
export const strangerEndpoint = endpoint(STRANGER_SUB, 'rg-someone-else');
export const plsId = (sub: string) => `/subscriptions/${sub}/resourceGroups/rg-double-nat-provider/providers/Microsoft.Network/privateLinkServices/pls-b`;

/** The multi-consumer example: partner (another subscription) waits for manual approval. */
export const multiConsumer: DoubleNatConfig = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'examples/multi-consumer/double-nat.config.json'), 'utf8'),
);
/** A manual consumer without a subscription: it deploys into the provider's, known only at deploy. */
export const sameSubscription: DoubleNatConfig = {
  consumers: [{ name: 'consumer', network: { addressSpace: ['10.1.0.0/16'], subnet: { addressPrefix: '10.1.0.0/24' } }, privateEndpoint: { manualApproval: true } }],
};

/** A PLS connection as az prints it. */
export const connection = (name: string, id: string, status: string, description?: string) => ({
  name,
  id: `${plsId(PROVIDER_SUB)}/privateEndpointConnections/${name}`,
  privateEndpoint: { id },
  privateLinkServiceConnectionState: { status, description, actionsRequired: 'None' },
});

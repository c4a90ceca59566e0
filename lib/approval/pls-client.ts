/**
 * Reads and approves a Private Link Service's endpoint connections. `npm run approve` uses the Azure
 * CLI; tests and the rehearsal use an in-memory PLS, so nothing else needs Azure.
 */
import { runAz } from '../probe/az-executor';
import { PlsConnection } from './approval-plan';

/** Which PLS: its resource group and name, and the subscription when the configuration names it. */
export interface PlsRef {
  readonly resourceGroup: string;
  readonly name: string;
  readonly subscription?: string;
}

export interface PlsState {
  /** The PLS's resource id (its subscription is the provider's). */
  readonly id: string;
  readonly connections: PlsConnection[];
}

export interface PrivateLinkServiceClient {
  show(pls: PlsRef): Promise<PlsState>;
  /** Sets one connection to Approved, with a reason the consumer sees. */
  approve(pls: PlsRef, connectionName: string, description: string): Promise<void>;
}

/** The part of `az network private-link-service show -o json` we rely on (az flattens `properties`). */
export function parsePlsShow(json: string): PlsState {
  const parsed = JSON.parse(json) as {
    id?: string;
    privateEndpointConnections?: {
      name?: string;
      privateEndpoint?: { id?: string };
      privateLinkServiceConnectionState?: { status?: string; description?: string };
    }[];
  };
  return {
    id: parsed.id ?? '',
    connections: (parsed.privateEndpointConnections ?? []).map((c) => ({
      name: c.name ?? '',
      privateEndpointId: c.privateEndpoint?.id ?? '',
      status: c.privateLinkServiceConnectionState?.status ?? '',
      description: c.privateLinkServiceConnectionState?.description,
    })),
  };
}

/** Runs `az`; `command` is replaceable so a test can point it at a fake. */
export class AzPrivateLinkServiceClient implements PrivateLinkServiceClient {
  constructor(private readonly command = 'az') {}

  async show(pls: PlsRef): Promise<PlsState> {
    return parsePlsShow(this.az(pls, ['network', 'private-link-service', 'show', '-g', pls.resourceGroup, '-n', pls.name, '-o', 'json']));
  }

  async approve(pls: PlsRef, connectionName: string, description: string): Promise<void> {
    this.az(pls, [
      'network', 'private-link-service', 'connection', 'update',
      '-g', pls.resourceGroup, '--service-name', pls.name, '-n', connectionName,
      '--connection-status', 'Approved', '--description', description, '-o', 'none',
    ]);
  }

  private az(pls: PlsRef, args: string[]): string {
    const all = pls.subscription ? [...args, '--subscription', pls.subscription] : args;
    // Named by its command words only: "show -g" (the first four arguments) named no command.
    const words = args.slice(0, args.findIndex((a) => a.startsWith('-')));
    return runAz(this.command, all, `az ${words.join(' ')} on ${pls.name}`, 5 * 60_000);
  }
}

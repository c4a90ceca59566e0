/**
 * Reads and approves a Private Link Service's endpoint connections. `npm run approve` uses the Azure
 * CLI; tests and the rehearsal use an in-memory PLS, so nothing else needs Azure.
 */
import { ExecutorError } from '../shell/executor-error';
import { runAz } from '../shell/run-az';
import { shellQuote } from '../shell/shell-quote';
import { toolCommand } from '../shell/tool-command';
import { PlsConnection } from './approval-plan';

/** Which PLS: its resource group and name, and the subscription of the provider stack. */
export interface PlsRef {
  readonly resourceGroup: string;
  readonly name: string;
  /** Passed to every `az` call, so approval never acts on whichever subscription az has selected. */
  readonly subscription: string;
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

/** What to do about a failed Private Link Service call, from its error text. */
export function hintForPlsError(stderr: string, pls: PlsRef): string {
  const sub = shellQuote(pls.subscription);
  if (/az login|Please run 'az login'|AADSTS/i.test(stderr)) return `sign in first: az login (with an identity that can reach subscription ${pls.subscription})`;
  if (/SubscriptionNotFound|subscription .* (not found|doesn't exist|does not exist)/i.test(stderr)) {
    return `az cannot see subscription ${pls.subscription}: sign in with an identity that has access to it (az account list -o table)`;
  }
  if (/AuthorizationFailed|does not have authorization|LinkedAuthorizationFailed/i.test(stderr)) {
    return `your identity needs Microsoft.Network/privateLinkServices/privateEndpointConnections/write on ${pls.name} (for example Network Contributor on resource group ${pls.resourceGroup} in subscription ${pls.subscription})`;
  }
  if (/ResourceNotFound|ResourceGroupNotFound|NotFound|was not found/i.test(stderr)) {
    return `is the provider stack deployed in subscription ${pls.subscription}? (az network private-link-service list -g ${shellQuote(pls.resourceGroup)} --subscription ${sub} -o table)`;
  }
  if (/Conflict|AnotherOperationInProgress|another operation|in progress|RetryableError/i.test(stderr)) {
    return `${pls.name} is being changed by another operation: run ${toolCommand('approve')} again in a minute`;
  }
  return 'see the az error above';
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

  /** The subscription az has selected: where a stack that names none was deployed. */
  async currentSubscription(): Promise<string> {
    const id = runAz(this.command, ['account', 'show', '--query', 'id', '-o', 'tsv'], 'az account show', (stderr) => (/az login|AADSTS/i.test(stderr) ? 'sign in first: az login' : 'see the az error above')).trim();
    if (!/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id)) throw new ExecutorError(`az account show printed no subscription id`, 'sign in and select the provider\'s subscription: az login, az account set -s <subscription>');
    return id;
  }

  private az(pls: PlsRef, args: string[]): string {
    // Named by its command words only: "show -g" (the first four arguments) named no command.
    const words = args.slice(0, args.findIndex((a) => a.startsWith('-')));
    return runAz(this.command, [...args, '--subscription', pls.subscription], `az ${words.join(' ')} on ${pls.name}`, (stderr) => hintForPlsError(stderr, pls), 5 * 60_000);
  }
}

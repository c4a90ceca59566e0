/**
 * A local fake of the Azure endpoints `npm run approve` and `npm run verify` reach through the Azure
 * CLI: the Entra ID (AAD) token endpoint a service principal signs in with, the subscription and
 * tenant lists `az login` reads, and the ARM operations
 *   PrivateLinkServices_Get, PrivateLinkServices_GetPrivateEndpointConnection,
 *   PrivateLinkServices_UpdatePrivateEndpointConnection (Microsoft.Network) and
 *   VirtualMachines_RunCommand (Microsoft.Compute).
 * Response bodies follow the REST API specification's schemas and examples (azure-rest-api-specs,
 * specification/network/.../examples/PrivateLinkServiceGet.json, PrivateLinkServiceUpdatePrivateEndpointConnection.json,
 * specification/compute/.../runCommandExamples/VirtualMachineRunCommand.json). HTTPS only, on
 * loopback, with a certificate the caller makes for the run.
 */
import * as https from 'https';
import { AddressInfo } from 'net';

/** One private endpoint connection of the fake PLS. */
export interface FakeConnection {
  name: string;
  privateEndpointId: string;
  status: 'Pending' | 'Approved' | 'Rejected' | 'Disconnected';
  description: string;
}

export interface FakePls {
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  connections: FakeConnection[];
}

/** A VM the fake knows, with what its run command prints (by the command id the request names). */
export interface FakeVm {
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly name: string;
  /** The script's standard output for a run. */
  readonly stdout: (script: string) => string;
}

export interface FakeArmOptions {
  readonly tenant: string;
  readonly subscriptions: { id: string; name: string }[];
  readonly pls: FakePls;
  readonly vms: FakeVm[];
  readonly cert: string;
  readonly key: string;
}

/** A request the fake received (method, path, api-version), for the report and the assertions. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly apiVersion?: string;
  readonly status: number;
  readonly body?: unknown;
}

export class FakeArm {
  readonly requests: SeenRequest[] = [];
  /** Connection names whose update the fake refuses with 403 AuthorizationFailed. */
  readonly refuseUpdateOf = new Set<string>();
  /** Answer a VM's run command whatever subscription the request names (to read what az prints when the subscription check already failed). */
  vmsInAnySubscription = false;
  /** How a VM's run command fails instead ("resourceGroup/name" → an ARM error, or "no-connection": prints nothing). */
  readonly vmTrouble = new Map<string, { status: number; code: string; message: string } | 'no-connection'>();
  private server?: https.Server;
  private port = 0;

  constructor(private readonly options: FakeArmOptions) {}

  get url(): string {
    return `https://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<void> {
    this.server = https.createServer({ cert: this.options.cert, key: this.options.key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        // az joins an endpoint ending in "/" with a path starting with one: "//metadata/...".
        const url = new URL(`${this.url.replace(/\/$/, '')}${(req.url ?? '/').replace(/^\/+/, '/')}`);
        let answer: Answer;
        try {
          answer = this.answer(req.method ?? 'GET', url, body);
        } catch (error) {
          answer = { status: 500, body: armError('InternalServerError', String(error)) };
        }
        this.requests.push({ method: req.method ?? 'GET', path: url.pathname, apiVersion: url.searchParams.get('api-version') ?? undefined, status: answer.status, body: parseJson(body) });
        res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', 'x-ms-request-id': `fake-${this.requests.length}` });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The ARM requests (not sign-in), as "METHOD path". */
  armCalls(): string[] {
    return this.requests.filter((r) => /^\/(subscriptions|tenants)/i.test(r.path)).map((r) => `${r.method} ${r.path} -> ${r.status}`);
  }

  private answer(method: string, url: URL, body: string): Answer {
    const path = url.pathname;
    const { tenant } = this.options;
    // What `az cloud register --endpoint-resource-manager` reads: the cloud's endpoints, as ARM serves them.
    if (method === 'GET' && path === '/metadata/endpoints') {
      return {
        status: 200,
        body: {
          name: 'DoubleNatFakeArm',
          resourceManager: this.url,
          portal: this.url,
          gallery: this.url,
          graphAudience: 'https://graph.windows.net/',
          microsoftGraphResourceId: 'https://graph.microsoft.com/',
          authentication: { loginEndpoint: this.url.replace(/\/$/, ''), audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'], tenant: 'common', identityProvider: 'AAD' },
          suffixes: { storage: 'core.windows.net', keyVaultDns: 'vault.azure.net', acrLoginServer: 'azurecr.io', sqlServerHostname: 'database.windows.net' },
        },
      };
    }
    // Entra ID, as MSAL reads it: OpenID configuration, then the token endpoint (client credentials).
    if (/\/v2\.0\/\.well-known\/openid-configuration$/.test(path) || /\/\.well-known\/openid-configuration$/.test(path)) {
      const base = `${this.url}${tenant}`;
      return {
        status: 200,
        body: {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
          issuer: `${base}/v2.0`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          tenant_region_scope: 'EU',
        },
      };
    }
    if (/\/common\/discovery\/instance$/.test(path)) {
      const host = `127.0.0.1:${this.port}`;
      return { status: 200, body: { tenant_discovery_endpoint: `${this.url}${tenant}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] } };
    }
    if (method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(path)) {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials' || !form.get('client_secret')) {
        return { status: 400, body: { error: 'invalid_request', error_description: 'AADSTS900144: the fake signs in service principals with a secret only' } };
      }
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: fakeJwt(tenant, form.get('client_id') ?? '') } };
    }
    // ARM: what `az login` lists.
    if (method === 'GET' && path === '/tenants') {
      return { status: 200, body: { value: [{ id: `/tenants/${tenant}`, tenantId: tenant, tenantCategory: 'Home', displayName: 'Fake tenant', defaultDomain: 'fake.example' }] } };
    }
    if (method === 'GET' && path === '/subscriptions') {
      return {
        status: 200,
        body: {
          value: this.options.subscriptions.map((s) => ({
            id: `/subscriptions/${s.id}`,
            subscriptionId: s.id,
            tenantId: tenant,
            displayName: s.name,
            state: 'Enabled',
            subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
            authorizationSource: 'RoleBased',
          })),
        },
      };
    }
    const pls = this.options.pls;
    const plsPath = `/subscriptions/${pls.subscription}/resourceGroups/${pls.resourceGroup}/providers/Microsoft.Network/privateLinkServices/${pls.name}`;
    if (method === 'GET' && samePath(path, plsPath)) return { status: 200, body: this.plsBody() };
    const connectionMatch = path.toLowerCase().startsWith(`${plsPath}/privateEndpointConnections/`.toLowerCase()) ? decodeURIComponent(path.slice(plsPath.length + '/privateEndpointConnections/'.length)) : undefined;
    if (connectionMatch !== undefined) {
      const connection = pls.connections.find((c) => c.name.toLowerCase() === connectionMatch.toLowerCase());
      if (!connection) return { status: 404, body: armError('NotFound', `Resource ${path} not found.`) };
      if (method === 'GET') return { status: 200, body: this.connectionBody(connection) };
      if (method === 'PUT') {
        if (this.refuseUpdateOf.has(connection.name)) {
          return {
            status: 403,
            body: armError(
              'AuthorizationFailed',
              `The client '00000000-0000-0000-0000-00000000c11e' with object id '00000000-0000-0000-0000-00000000c11e' does not have authorization to perform action 'Microsoft.Network/privateLinkServices/privateEndpointConnections/write' over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
            ),
          };
        }
        const sent = parseJson(body) as { properties?: { privateLinkServiceConnectionState?: { status?: string; description?: string } } } | undefined;
        const state = sent?.properties?.privateLinkServiceConnectionState;
        if (!state?.status) return { status: 400, body: armError('InvalidRequestFormat', 'privateLinkServiceConnectionState.status is required') };
        connection.status = state.status as FakeConnection['status'];
        connection.description = state.description ?? '';
        return { status: 200, body: this.connectionBody(connection) };
      }
    }
    const anySubscription = (p: string) => p.replace(/^\/subscriptions\/[^/]+/i, '/subscriptions/*');
    const vm = this.options.vms.find((v) => {
      const own = `/subscriptions/${v.subscription}/resourceGroups/${v.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${v.name}/runCommand`;
      return samePath(path, own) || (this.vmsInAnySubscription && samePath(anySubscription(path), anySubscription(own)));
    });
    if (method === 'POST' && vm) {
      const trouble = this.vmTrouble.get(`${vm.resourceGroup}/${vm.name}`);
      if (trouble && trouble !== 'no-connection') return { status: trouble.status, body: armError(trouble.code, trouble.message) };
      const input = parseJson(body) as { commandId?: string; script?: string[] } | undefined;
      const stdout = trouble === 'no-connection' ? '' : vm.stdout((input?.script ?? []).join('\n'));
      // RunCommandResult: Windows reports one status per stream, Linux one "Enable succeeded" message.
      const value =
        input?.commandId === 'RunPowerShellScript'
          ? [
              { code: 'ComponentStatus/StdOut/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: stdout },
              { code: 'ComponentStatus/StdErr/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: '' },
            ]
          : [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: `Enable succeeded: \n[stdout]\n${stdout}\n[stderr]\n` }];
      return { status: 200, body: { value } };
    }
    const group = /\/resourceGroups\/([^/]+)/i.exec(path)?.[1] ?? '';
    return { status: 404, body: armError(group ? 'ResourceNotFound' : 'NotFound', `The Resource '${path}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`) };
  }

  /** PrivateLinkService (PrivateLinkServiceGet.json's shape). */
  private plsBody(): unknown {
    const pls = this.options.pls;
    const id = `/subscriptions/${pls.subscription}/resourceGroups/${pls.resourceGroup}/providers/Microsoft.Network/privateLinkServices/${pls.name}`;
    return {
      name: pls.name,
      id,
      etag: 'W/"00000000-0000-0000-0000-000000000001"',
      type: 'Microsoft.Network/privateLinkServices',
      location: pls.location,
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: '00000000-0000-0000-0000-000000000002',
        visibility: { subscriptions: this.options.subscriptions.map((s) => s.id) },
        autoApproval: { subscriptions: [] },
        fqdns: [],
        alias: `${pls.name}.00000000-0000-0000-0000-000000000003.${pls.location}.azure.privatelinkservice`,
        enableProxyProtocol: false,
        loadBalancerFrontendIpConfigurations: [{ id: `/subscriptions/${pls.subscription}/resourceGroups/${pls.resourceGroup}/providers/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe` }],
        ipConfigurations: [
          {
            name: 'nat-0',
            id: `${id}/ipConfigurations/nat-0`,
            properties: { privateIPAllocationMethod: 'Dynamic', privateIPAddressVersion: 'IPv4', primary: true, subnet: { id: `/subscriptions/${pls.subscription}/resourceGroups/${pls.resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pls` } },
          },
        ],
        privateEndpointConnections: pls.connections.map((c) => this.connectionBody(c)),
        networkInterfaces: [{ id: `/subscriptions/${pls.subscription}/resourceGroups/${pls.resourceGroup}/providers/Microsoft.Network/networkInterfaces/${pls.name}.nic.0` }],
      },
    };
  }

  /** PrivateEndpointConnection (PrivateLinkServiceUpdatePrivateEndpointConnection.json's shape). */
  private connectionBody(c: FakeConnection): unknown {
    const pls = this.options.pls;
    return {
      name: c.name,
      id: `/subscriptions/${pls.subscription}/resourceGroups/${pls.resourceGroup}/providers/Microsoft.Network/privateLinkServices/${pls.name}/privateEndpointConnections/${c.name}`,
      etag: 'W/"00000000-0000-0000-0000-000000000004"',
      type: 'Microsoft.Network/privateLinkServices/privateEndpointConnections',
      properties: {
        provisioningState: 'Succeeded',
        privateEndpoint: { id: c.privateEndpointId },
        privateLinkServiceConnectionState: { status: c.status, description: c.description, actionsRequired: 'None' },
        linkIdentifier: '536890208',
      },
    };
  }
}

interface Answer {
  status: number;
  body: unknown;
}

/** ARM's error body (ErrorResponse in the common types). */
function armError(code: string, message: string): unknown {
  return { error: { code, message } };
}

/** ARM paths compare case-insensitively, as Azure compares resource ids. */
function samePath(a: string, b: string): boolean {
  return decodeURIComponent(a).toLowerCase() === b.toLowerCase();
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** A token with the claims az may read (tenant, app id, object id); nobody verifies its signature. */
function fakeJwt(tenant: string, appId: string): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [b64({ typ: 'JWT', alg: 'RS256' }), b64({ aud: 'https://management.core.windows.net/', iss: `https://sts.fake/${tenant}/`, iat: now, nbf: now, exp: now + 3599, appid: appId, oid: '00000000-0000-0000-0000-00000000c11e', tid: tenant, sub: appId }), b64('signature')].join('.');
}

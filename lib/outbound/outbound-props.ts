/**
 * How one side's VMs reach the internet. Every subnet this project creates is private
 * (`default_outbound_access_enabled = false`): Azure's default outbound access is retiring, and its
 * hidden, Microsoft-owned public IP can change without notice.
 * https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access
 */
import { checkIntegerIn } from '../validation/load-balancer';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';

export const OUTBOUND_METHODS = ['none', 'natGateway'] as const;
export type OutboundMethod = (typeof OUTBOUND_METHODS)[number];

/** A NAT gateway for the side's VM subnet: created (with its own public IP) or existing. */
export interface NatGatewaySettings {
  /** Resource id of an existing NAT gateway (Standard, in the side's region) to associate instead of creating one. @default - a new NAT gateway */
  readonly id?: string;
  /** Name of the NAT gateway this side creates. @default "natgw-<vnet name>" */
  readonly name?: string;
  /** Name of its Standard static public IP. @default "<NAT gateway name>-pip" */
  readonly publicIpName?: string;
  /** TCP idle timeout of outbound flows, in minutes (4-120). @default 4 */
  readonly idleTimeoutInMinutes?: number;
}

export interface OutboundSettings {
  /**
   * "none": private subnets, no internet egress (Windows activation, Windows Update and extensions that
   * download fail); "natGateway": egress through a NAT gateway's static public IP. @default "none"
   */
  readonly method?: OutboundMethod;
  /** The NAT gateway, for method "natGateway". @default - a new one: see each setting */
  readonly natGateway?: NatGatewaySettings;
}

export interface ResolvedNatGateway {
  readonly id?: string;
  readonly name: string;
  readonly publicIpName: string;
  readonly idleTimeoutInMinutes: number;
}

export interface ResolvedOutbound {
  readonly method: OutboundMethod;
  /** Set exactly when method is "natGateway". */
  readonly natGateway?: ResolvedNatGateway;
  /** NAT gateway settings given with method "none": refused, since they would be silently ignored. */
  readonly ignoredNatGateway?: boolean;
}

/** Azure's range for a NAT gateway's idle timeout. https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#tcp-idle-timeout */
export const NAT_GATEWAY_IDLE_TIMEOUT_MINUTES = { min: 4, max: 120 };

const NAT_GATEWAY_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/natGateways\/[^/]+$/i;

export function resolveOutbound(settings: OutboundSettings | undefined, vnetName: string): ResolvedOutbound {
  const method = settings?.method ?? (settings?.natGateway ? 'natGateway' : 'none');
  if (method !== 'natGateway') return { method, ignoredNatGateway: settings?.natGateway !== undefined };
  const name = settings?.natGateway?.name ?? `natgw-${vnetName}`;
  return {
    method,
    natGateway: {
      id: settings?.natGateway?.id,
      name,
      publicIpName: settings?.natGateway?.publicIpName ?? `${name}-pip`,
      idleTimeoutInMinutes: settings?.natGateway?.idleTimeoutInMinutes ?? 4,
    },
  };
}

/**
 * Records every problem of a side's outbound settings. `existingSubnet` names the prop of an existing
 * VM subnet: this project never modifies a subnet it did not create, so it cannot associate a NAT
 * gateway there; the subnet's owner decides its outbound.
 */
export function checkOutbound(problems: ProblemList, outbound: ResolvedOutbound, existingSubnet: string | undefined): void {
  const at = problems.at('outbound');
  if (!at.check((OUTBOUND_METHODS as readonly unknown[]).includes(outbound.method), 'method', outbound.method, `one of ${OUTBOUND_METHODS.map((m) => `"${m}"`).join(', ')}`)) return;
  at.check(!outbound.ignoredNatGateway, 'natGateway', '(set)', `left out with method "${outbound.method}", or method "natGateway"`);
  const nat = outbound.natGateway;
  if (!nat) return;
  at.check(
    existingSubnet === undefined,
    'method',
    outbound.method,
    `"none" when ${existingSubnet} is an existing subnet: it is never modified, so associate your NAT gateway with it yourself (az network vnet subnet update --nat-gateway)`,
  );
  if (nat.id !== undefined) {
    at.check(isToken(nat.id) || (typeof nat.id === 'string' && NAT_GATEWAY_ID.test(nat.id)), 'natGateway.id', nat.id, 'a NAT gateway id: /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/natGateways/<name>');
    return;
  }
  checkName(at, 'natGateway.name', nat.name, 'natGateway');
  checkName(at, 'natGateway.publicIpName', nat.publicIpName, 'publicIp');
  checkIntegerIn(at, 'natGateway.idleTimeoutInMinutes', nat.idleTimeoutInMinutes, NAT_GATEWAY_IDLE_TIMEOUT_MINUTES, 'minutes');
}

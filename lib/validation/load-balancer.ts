/**
 * Load balancer rule settings, as the Azure API accepts them.
 * https://learn.microsoft.com/rest/api/load-balancer/inbound-nat-rules/create-or-update
 */
import { ProblemList } from './problems';

export const LB_PROTOCOLS = ['Tcp', 'Udp'] as const;
export type LbProtocol = (typeof LB_PROTOCOLS)[number];

/** Frontend ports of NAT and load-balancing rules: 1-65534 (65535 is reserved by Azure). */
export const FRONTEND_PORT = { min: 1, max: 65534 };
/** Backend ports: 1-65535. */
export const BACKEND_PORT = { min: 1, max: 65535 };
/**
 * TCP idle timeout in minutes: load-balancing rules take 4-100, inbound NAT rules 4-30 (azurerm
 * validates lb_nat_rule.idle_timeout_in_minutes with IntBetween(4, 30), lb_rule with IntBetween(4, 100)).
 */
export const IDLE_TIMEOUT_MINUTES = { min: 4, max: 100 };
export const NAT_RULE_IDLE_TIMEOUT_MINUTES = { min: 4, max: 30 };

export function checkProtocol(problems: ProblemList, prop: string, value: unknown): void {
  problems.check((LB_PROTOCOLS as readonly unknown[]).includes(value), prop, value, `one of ${LB_PROTOCOLS.join(', ')}`);
}

export function checkIntegerIn(
  problems: ProblemList,
  prop: string,
  value: unknown,
  range: { min: number; max: number },
  unit: string,
): void {
  problems.check(
    Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max,
    prop,
    value,
    `a whole number from ${range.min} to ${range.max} (${unit})`,
  );
}

/** Two rules on one frontend may not listen on the same protocol and port. */
export function checkFrontendPortsUnique(
  problems: ProblemList,
  rules: readonly { prop: string; protocol: string; frontendPort: number }[],
): void {
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const key = `${rule.protocol}/${rule.frontendPort}`;
    const first = seen.get(key);
    if (first) {
      problems.add(rule.prop, key, `a protocol and frontend port not already used by ${first} on the same frontend`);
    } else {
      seen.set(key, rule.prop);
    }
  }
}

export const PROBE_PROTOCOLS = ['Tcp', 'Http', 'Https'] as const;
export type ProbeProtocol = (typeof PROBE_PROTOCOLS)[number];
/** Probe interval: at least 5 seconds (azurerm lb_probe interval_in_seconds). */
export const PROBE_INTERVAL_SECONDS = { min: 5, max: 2147483647 };

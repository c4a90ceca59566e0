/**
 * The double NAT check, the same against Azure and in the rehearsal: VM-A connects to the endpoint
 * (DNAT holds when that is its peer), and the backend reads the peer of that connection (SNAT holds
 * when it is a PLS NAT IP, not VM-A).
 */
import { toolCommand } from '../shell/tool-command';
import { parseConnections } from './connections';
import { ExecutorError } from '../shell/executor-error';
import { Executor, HostRef } from './executor';
import { backendScript, clientScript } from './scripts';

export interface ProbeTarget {
  /** Label, e.g. "double-nat-consumer → RDP". */
  readonly label: string;
  readonly client: HostRef;
  readonly endpointIp: string;
  readonly frontendPort: number;
  readonly backendPort: number;
  readonly protocol: 'Tcp' | 'Udp';
  readonly backends: HostRef[];
  readonly natIps: string[];
  /** The consumer's connection waits for approval: say so when the connection fails. */
  readonly pendingApproval?: boolean;
}

export interface Check {
  readonly name: 'DNAT' | 'SNAT';
  readonly pass: boolean;
  readonly detail: string;
  /** What to do when it failed. */
  readonly hint?: string;
}

export interface ProbeResult {
  readonly target: ProbeTarget;
  readonly checks: Check[];
  /** Set when the probe could not run (UDP, executor failure). */
  readonly skipped?: string;
}

export async function probe(target: ProbeTarget, executor: Executor): Promise<ProbeResult> {
  if (target.protocol !== 'Tcp') {
    return { target, checks: [], skipped: `${target.protocol} has no connection to read back; only TCP services are probed` };
  }
  let clientOutput: string;
  try {
    clientOutput = await executor.run(target.client, clientScript(target.client.os, target.endpointIp, target.frontendPort));
  } catch (error) {
    return executorFailure(target, error);
  }
  const seen = parseConnections(clientOutput).find((c) => c.peer.ip === target.endpointIp && c.peer.port === target.frontendPort);
  if (!seen) {
    return {
      target,
      checks: [
        {
          name: 'DNAT',
          pass: false,
          detail: `${target.client.name} could not connect to ${target.endpointIp}:${target.frontendPort}`,
          hint: target.pendingApproval
            ? `the connection waits for approval: run ${toolCommand('approve')}, which approves only the invited endpoints`
            : 'check that the private endpoint connection is Approved (az network private-endpoint show -g <group> -n <private endpoint>), that the backend NSG admits the NAT IPs on the backend port, and that the service listens on it',
        },
      ],
    };
  }
  const dnat: Check = {
    name: 'DNAT',
    pass: true,
    detail: `${target.client.name} (${seen.local.ip}) is connected to ${seen.peer.ip}:${seen.peer.port}, the private endpoint in its own VNet`,
  };

  const peers: { host: string; ip: string }[] = [];
  for (const backend of target.backends) {
    let output: string;
    try {
      output = await executor.run(backend, backendScript(backend.os, target.backendPort));
    } catch (error) {
      return { ...executorFailure(target, error), checks: [dnat] };
    }
    for (const connection of parseConnections(output).filter((c) => c.local.port === target.backendPort)) {
      peers.push({ host: backend.name, ip: connection.peer.ip });
    }
  }
  const viaNat = peers.filter((p) => target.natIps.includes(p.ip));
  const fromClient = peers.filter((p) => p.ip === seen.local.ip && !target.natIps.includes(p.ip));
  let snat: Check;
  if (viaNat.length > 0) {
    snat = { name: 'SNAT', pass: true, detail: `${viaNat[0].host} sees ${viaNat[0].ip}, a PLS NAT IP in its own VNet, not ${target.client.name}'s ${seen.local.ip}` };
  } else if (fromClient.length > 0) {
    snat = { name: 'SNAT', pass: false, detail: `${fromClient[0].host} sees ${target.client.name}'s own address ${seen.local.ip}: no SNAT happened`, hint: 'traffic bypassed the Private Link Service (peering or a route?)' };
  } else {
    const others = peers.map((p) => `${p.host} sees ${p.ip}`).join('; ');
    snat = {
      name: 'SNAT',
      pass: false,
      detail: peers.length === 0 ? `no backend has a connection on port ${target.backendPort}` : `no backend sees a NAT IP (${others})`,
      hint: `check that the rule forwards to port ${target.backendPort}, that the service listens there, and that the connection was not closed before the backend was read`,
    };
  }
  return { target, checks: [dnat, snat] };
}

function executorFailure(target: ProbeTarget, error: unknown): ProbeResult {
  if (!(error instanceof ExecutorError)) throw error;
  return { target, checks: [], skipped: `${error.message}. ${error.hint}` };
}

/** One line per check, "PASS"/"FAIL", with hints; `failed` is true when any check failed or could not run. */
export function renderResults(results: ProbeResult[]): { text: string; passed: number; failed: number } {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const result of results) {
    lines.push(result.target.label);
    if (result.skipped) {
      lines.push(`  SKIP  ${result.skipped}`);
      if (result.target.protocol === 'Tcp') failed++;
    }
    for (const check of result.checks) {
      lines.push(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
      if (check.hint) lines.push(`        what to do: ${check.hint}`);
      if (check.pass) passed++;
      else failed++;
    }
  }
  lines.push('', `${passed} passed, ${failed} failed`);
  return { text: lines.join('\n'), passed, failed };
}

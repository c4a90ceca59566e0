/**
 * The rehearsal: builds the lab from a topology, starts a listener for each service, runs the same
 * probe as `npm run verify` through the namespaces, and always tears the lab down.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { ProbeResult, probe } from '../probe/probe';
import { probeTargets } from '../probe/targets';
import { Topology } from '../topology/model';
import { servicePaths } from '../topology/paths';
import { LabOptions, planLab } from './lab';
import { NetnsExecutor } from './netns-executor';

/** What the lab needs from the machine; checked first, so a missing tool is named, not guessed at. */
export function checkLabPrerequisites(): string[] {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('the rehearsal creates network namespaces: run it as root');
  for (const [tool, pkg] of [['ip', 'iproute2'], ['nft', 'nftables'], ['ss', 'iproute2'], ['bash', 'bash']]) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) problems.push(`${tool} is missing: apt-get install ${pkg}`);
  }
  return problems;
}

// A tiny TCP service standing in for RDP/HTTPS on the backend: it accepts and keeps connections open.
const LISTENER = `const net=require('net');const [ip,port]=process.argv.slice(1);net.createServer((s)=>{s.on('error',()=>{});}).listen(Number(port),ip);`;

export interface RehearsalOptions extends Partial<LabOptions> {
  /** Called with progress lines. @default - silent */
  readonly log?: (line: string) => void;
}

export async function rehearse(topology: Topology, options: RehearsalOptions = {}): Promise<ProbeResult[]> {
  const missing = checkLabPrerequisites();
  if (missing.length > 0) throw new Error(`cannot build the rehearsal lab:\n  - ${missing.join('\n  - ')}`);
  const prefix = options.prefix ?? `dn${process.pid % 100000}`;
  const plan = planLab(topology, { ...options, prefix });
  const log = options.log ?? (() => undefined);
  const listeners: ChildProcess[] = [];
  try {
    for (const { argv, input } of plan.setup) {
      const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', input });
      if (result.status !== 0) throw new Error(`lab setup failed: ${argv.join(' ')}${input ? ` <<< ${input}` : ''}\n${result.stderr.trim()}`);
    }
    log(`lab: ${plan.namespaces.length} namespaces (${plan.namespaces.join(', ')})`);
    for (const listener of plan.listeners) {
      const child = spawn('ip', ['netns', 'exec', listener.namespace, process.execPath, '-e', LISTENER, listener.ip, String(listener.port)], { stdio: 'ignore' });
      listeners.push(child);
      log(`lab: ${listener.namespace} listens on ${listener.ip}:${listener.port}`);
    }
    await waitForListeners(plan.listeners);
    const resolve = (address: { ip?: string }, role: string) => address.ip ?? (plan.picked.get(role) as string);
    const executor = new NetnsExecutor(plan.hosts);
    const results: ProbeResult[] = [];
    for (const target of probeTargets(topology, servicePaths(topology), resolve)) {
      // The lab's hosts are Linux whatever the VMs run: the probe takes its Linux variant here.
      const asLinux = <T extends { os: string }>(host: T) => ({ ...host, os: 'linux' as const });
      results.push(await probe({ ...target, client: asLinux(target.client), backends: target.backends.map(asLinux) }, executor));
    }
    return results;
  } finally {
    for (const child of listeners) child.kill('SIGKILL');
    for (const name of plan.namespaces) {
      // Anything still running in the namespace (the probe's held connection) goes with it.
      spawnSync('sh', ['-c', `ip netns pids ${name} 2>/dev/null | xargs -r kill -9; ip netns del ${name} 2>/dev/null`]);
    }
    log(`lab: removed ${plan.namespaces.length} namespaces`);
  }
}

async function waitForListeners(listeners: { namespace: string; ip: string; port: number }[]): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ready = listeners.every(
      (l) => spawnSync('ip', ['netns', 'exec', l.namespace, 'ss', '-Htln', `( sport = :${l.port} )`], { encoding: 'utf8' }).stdout.trim() !== '',
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the lab listeners did not start within 5 s');
}

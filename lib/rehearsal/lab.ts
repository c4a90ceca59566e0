/**
 * A local stand-in for Azure's data path, in Linux network namespaces: one namespace per VM, one
 * for each private endpoint (the consumer half of Private Link: DNAT), one for the Private Link
 * Service (the provider half: SNAT to the NAT IP) and one for the load balancer (its rules). Every
 * address is the synthesized one, so overlapping VNets overlap here too: each namespace sees only
 * its own side.
 */
import { PlsConnection, planApproval } from '../approval/approval-plan';
import { Address, Topology } from '../topology/model';
import { parseCidr, formatIpv4, reservedAddresses, cidrContainsAddress, parseIpv4 } from '../net/ipv4';

/** The links between the private endpoints and the PLS use 198.18.0.0/15, the benchmarking range. */
const TRANSIT = (k: number, host: 1 | 2) => `198.18.${k}.${host}`;

export interface LabHost {
  readonly namespace: string;
  readonly ip: string;
}

export interface LabPlan {
  readonly namespaces: string[];
  /** Commands to run in order, each must succeed; `input` goes to its standard input. */
  readonly setup: { argv: string[]; input?: string }[];
  /** Where each VM lives: key "<resource group>/<vm name>". */
  readonly hosts: Map<string, LabHost>;
  /** Dynamic addresses picked for the lab, by role. */
  readonly picked: Map<string, string>;
  /** Listeners to start: namespace, ip, port. */
  readonly listeners: { namespace: string; ip: string; port: number }[];
}

export const hostKey = (resourceGroup: string, name: string) => `${resourceGroup}/${name}`;

export interface LabOptions {
  /** Prefix of the namespace names, unique per run. */
  readonly prefix: string;
  /** Ports each backend VM's services listen on (by VM name). @default - every rule's backend port */
  readonly listen?: Record<string, number[]>;
  /**
   * Run the approval of `npm run approve` on the lab's PLS: pending connections of the endpoints the
   * provider invited become approved, any other stays pending (no forwarding). @default false
   */
  readonly approvePending?: boolean;
}

/** Picks addresses for dynamic ones: the first usable address of the subnet not taken yet. */
class AddressBook {
  private readonly taken = new Set<string>();

  constructor(
    private readonly scope: string,
    private readonly picked: Map<string, string>,
  ) {}

  use(ip: string): string {
    this.taken.add(ip);
    return ip;
  }

  resolve(address: Address, role: string): string {
    if (address.ip) return this.use(address.ip);
    const cached = this.picked.get(role);
    if (cached) return cached;
    const subnet = parseCidr(address.subnet) ?? parseCidr('10.255.0.0/24')!;
    for (let host = subnet.network + 4; host < subnet.network + subnet.size - 1; host++) {
      const ip = formatIpv4(host);
      if (!this.taken.has(ip) && !reservedAddresses(subnet).includes(host)) {
        this.picked.set(role, ip);
        return this.use(ip);
      }
    }
    throw new Error(`${this.scope}: no free address in ${address.subnet} for ${role}`);
  }
}

/** The prefix length to give an address: its subnet's, when known and containing it, else /32. */
function prefixLength(ip: string, subnet: string): number {
  const cidr = parseCidr(subnet);
  return cidr && cidrContainsAddress(cidr, parseIpv4(ip)!) ? cidr.prefixLength : 32;
}

export function planLab(topology: Topology, options: LabOptions): LabPlan {
  const { provider } = topology;
  const p = options.prefix;
  const ns = (name: string) => `${p}-${name}`;
  const setup: LabPlan['setup'] = [];
  const namespaces: string[] = [];
  const hosts = new Map<string, LabHost>();
  const listeners: LabPlan['listeners'] = [];
  const run = (...argv: string[]) => setup.push({ argv });
  const inNs = (name: string, ...argv: string[]) => run('ip', 'netns', 'exec', name, ...argv);
  const addNs = (name: string, router: boolean) => {
    namespaces.push(name);
    run('ip', 'netns', 'add', name);
    run('ip', '-n', name, 'link', 'set', 'dev', 'lo', 'up');
    if (router) {
      inNs(name, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
      inNs(name, 'sysctl', '-qw', 'net.ipv4.conf.all.rp_filter=0');
      inNs(name, 'sysctl', '-qw', 'net.ipv4.conf.default.rp_filter=0');
    }
  };
  const link = (a: string, aIf: string, b: string, bIf: string) => {
    run('ip', '-n', a, 'link', 'add', 'name', aIf, 'type', 'veth', 'peer', 'name', bIf, 'netns', b);
    run('ip', '-n', a, 'link', 'set', 'dev', aIf, 'up');
    run('ip', '-n', b, 'link', 'set', 'dev', bIf, 'up');
  };
  const addr = (name: string, dev: string, cidr: string) => run('ip', '-n', name, 'address', 'add', cidr, 'dev', dev);
  const route = (name: string, ...argv: string[]) => run('ip', '-n', name, 'route', 'add', ...argv);
  /** A NAT table with prerouting (DNAT) and, when given, postrouting (SNAT) rules. */
  const nft = (name: string, table: string, dnat: string[], snat: string[] = []) => {
    const chain = (chainName: string, hook: string, priority: string, rules: string[]) =>
      `  chain ${chainName} {\n    type nat hook ${hook} priority ${priority};\n${rules.map((r) => `    ${r}\n`).join('')}  }\n`;
    const input = `table ip ${table} {\n${chain('pre', 'prerouting', 'dstnat', dnat)}${snat.length > 0 ? chain('post', 'postrouting', 'srcnat', snat) : ''}}\n`;
    setup.push({ argv: ['ip', 'netns', 'exec', name, 'nft', '-f', '-'], input });
  };

  // Provider side: PLS, load balancer, backend VMs.
  const picked = new Map<string, string>();
  const vnetB = new AddressBook(provider.stack, picked);
  const natIp = vnetB.resolve(provider.natIps[0], 'nat-ip-0');
  provider.natIps.slice(1).forEach((n, i) => vnetB.resolve(n, `nat-ip-${i + 1}`));
  const frontend = vnetB.resolve(provider.frontend, 'frontend');
  const pls = ns('pls');
  const lb = ns('lb');
  addNs(pls, true);
  addNs(lb, true);
  link(pls, 'n', lb, 'n');
  addr(pls, 'n', `${natIp}/32`);
  addr(lb, 'n', `${frontend}/32`);
  route(pls, `${frontend}/32`, 'dev', 'n');
  route(lb, `${natIp}/32`, 'dev', 'n');

  const backendIps = new Map<string, string>();
  provider.backendVms.forEach((vm, i) => {
    const name = ns(`b${i}`);
    const ip = vnetB.resolve(vm.address, `vm:${vm.name}`);
    backendIps.set(vm.name, ip);
    addNs(name, false);
    link(lb, `b${i}`, name, 'vm');
    addr(name, 'vm', `${ip}/${prefixLength(ip, vm.address.subnet)}`);
    route(lb, `${ip}/32`, 'dev', `b${i}`);
    // Replies to the NAT IP go back through the load balancer, as Azure's SDN does.
    route(name, `${natIp}/32`, 'via', frontend, 'dev', 'vm', 'onlink');
    hosts.set(hostKey(vm.resourceGroup, vm.name), { namespace: name, ip });
    const ports = options.listen?.[vm.name] ?? provider.services.filter((s) => s.targets.includes(vm.name)).map((s) => s.backendPort);
    for (const port of new Set(ports)) listeners.push({ namespace: name, ip, port });
  });

  const lbRules = provider.services.map((service) => {
    const targets = service.targets.map((t) => backendIps.get(t)).filter((ip): ip is string => ip !== undefined);
    const match = `ip daddr ${frontend} ${service.protocol.toLowerCase()} dport ${service.frontendPort}`;
    if (targets.length === 0) return `${match} drop`;
    if (targets.length === 1) return `${match} dnat ip to ${targets[0]}:${service.backendPort}`;
    const map = targets.map((ip, i) => `${i} : ${ip} . ${service.backendPort}`).join(', ');
    return `${match} dnat ip to numgen inc mod ${targets.length} map { ${map} }`;
  });
  nft(lb, 'lb', lbRules);

  // Consumer side: VM-A and the private endpoint per consumer, each linked to the PLS.
  const plsInputs: string[] = [];
  const approved = approvedConsumers(topology, options.approvePending ?? false);
  topology.consumers.forEach((consumer, k) => {
    const vnetA = new AddressBook(consumer.stack, picked);
    const vmIp = vnetA.resolve(consumer.clientVm.address, `client:${consumer.stack}`);
    const peIp = vnetA.resolve(consumer.privateEndpoint.address, `endpoint:${consumer.stack}`);
    const a = ns(`a${k}`);
    const pe = ns(`pe${k}`);
    addNs(a, false);
    addNs(pe, true);
    link(a, 'vm', pe, 'a');
    addr(a, 'vm', `${vmIp}/${prefixLength(vmIp, consumer.clientVm.address.subnet)}`);
    addr(pe, 'a', `${peIp}/${prefixLength(peIp, consumer.privateEndpoint.address.subnet)}`);
    route(a, `${peIp}/32`, 'dev', 'vm');
    route(pe, `${vmIp}/32`, 'dev', 'a');
    link(pe, 't', pls, `c${k}`);
    addr(pe, 't', `${TRANSIT(k, 1)}/30`);
    addr(pls, `c${k}`, `${TRANSIT(k, 2)}/30`);
    hosts.set(hostKey(consumer.clientVm.resourceGroup, consumer.clientVm.name), { namespace: a, ip: vmIp });
    if (approved.has(consumer.stack)) {
      // The endpoint forwards everything to the service (DNAT); VNet-A's addresses end here.
      nft(pe, 'pe', [`ip daddr ${peIp} dnat ip to ${TRANSIT(k, 2)}`], [`oifname "t" snat ip to ${TRANSIT(k, 1)}`]);
      plsInputs.push(TRANSIT(k, 2));
    }
  });
  if (plsInputs.length > 0) {
    // The PLS sends every connection to the frontend with the NAT IP as its source (SNAT).
    nft(pls, 'pls', [`ip daddr { ${plsInputs.join(', ')} } dnat ip to ${frontend}`], [`oifname "n" snat ip to ${natIp}`]);
  }
  return { namespaces, setup, hosts, picked, listeners };
}

/**
 * The lab's PLS holds one connection per consumer: automatic ones approved, manual ones pending until
 * the same plan as `npm run approve` approves them, which it does only for invited endpoints.
 */
export function approvedConsumers(topology: Topology, approvePending: boolean): Set<string> {
  const connections: PlsConnection[] = topology.consumers.map((c) => ({
    name: c.stack,
    privateEndpointId: c.privateEndpoint.id,
    status: c.privateEndpoint.manualApproval ? 'Pending' : 'Approved',
  }));
  const plan = planApproval(connections, approvePending ? topology.provider.invitedEndpointIds : []);
  return new Set(
    plan.steps
      .filter((s) => s.connection.status === 'Approved' || (approvePending && s.verdict === 'approve'))
      .map((s) => s.connection.name),
  );
}

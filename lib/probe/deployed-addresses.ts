/**
 * Addresses Azure picked at deploy time (dynamic ones), read from each stack's Terraform outputs.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { subscriptionOfId } from '../approval/endpoint-id';
import { Address, Topology } from '../topology/model';
import { AddressResolver } from './targets';

type Outputs = Record<string, { value: unknown }>;

/** `terraform output -json` of a synthesized stack's working directory. */
export function terraformOutputs(outdir: string, stack: string): Outputs {
  const result = spawnSync('terraform', [`-chdir=${path.join(outdir, 'stacks', stack)}`, 'output', '-json'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`could not read the outputs of ${stack} (${result.stderr.trim().split('\n')[0] ?? 'terraform failed'}): is it deployed from this checkout?`);
  }
  return JSON.parse(result.stdout) as Outputs;
}

/** Static addresses as synthesized; dynamic ones from the deployed stacks' outputs. */
export function deployedResolver(topology: Topology, outputsOf: (stack: string) => Outputs): AddressResolver {
  const cache = new Map<string, Outputs>();
  const outputs = (stack: string) => {
    if (!cache.has(stack)) cache.set(stack, outputsOf(stack));
    return cache.get(stack) as Outputs;
  };
  return (address: Address, role: string) => {
    if (address.ip) return address.ip;
    const [kind, stack] = role.split(':');
    const value =
      kind === 'endpoint'
        ? outputs(stack).private_endpoint_ip?.value
        : /^nat-ip-(\d+)$/.test(kind)
          ? (outputs(topology.provider.stack).nat_ips?.value as string[] | undefined)?.[Number(kind.slice(7))]
          : undefined;
    if (typeof value !== 'string') throw new Error(`no deployed address for ${role} (a dynamic address in ${address.subnet})`);
    return value;
  };
}

/**
 * The subscription each stack deployed into, for `az --subscription`: the configured one, else the
 * one in the resource id the stack outputs (the provider's PLS id, a consumer's endpoint id), which
 * Terraform filled in at deploy. A consumer that shares the provider's subscription uses the provider's.
 */
export function stackSubscriptions(topology: Topology, outputsOf: (stack: string) => Outputs): (stack: string) => string {
  const fromOutput = (stack: string, output: string): string => {
    const id = outputsOf(stack)[output]?.value;
    const subscription = typeof id === 'string' ? subscriptionOfId(id) : undefined;
    if (!subscription) throw new Error(`no subscription for ${stack}: its ${output} output holds no resource id (is it deployed from this checkout?)`);
    return subscription;
  };
  const known = new Map<string, string>();
  const provider = () => topology.provider.subscription ?? fromOutput(topology.provider.stack, 'private_link_service_id');
  return (stack: string) => {
    if (!known.has(stack)) {
      const consumer = topology.consumers.find((c) => c.stack === stack);
      if (stack === topology.provider.stack) known.set(stack, provider());
      else if (!consumer) throw new Error(`${stack} is not a stack of this double NAT`);
      else known.set(stack, consumer.subscription === 'provider' ? provider() : consumer.subscription);
    }
    return known.get(stack) as string;
  };
}

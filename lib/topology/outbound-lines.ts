/**
 * The "Outbound" section of `npm run explain`: what each side's VMs can reach on the internet, and
 * what breaks without it. The double NAT itself needs no outbound: Private Link carries it.
 */
import { OutboundModel, Topology } from './model';
import { VmOs } from '../private-vm/vm-settings';

/**
 * What a VM without internet egress loses. Windows activation talks to azkms.core.windows.net:1688
 * (https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/custom-routes-enable-kms-activation);
 * the VM agent and extension packages come through the host (168.63.129.16) and keep working, but an
 * extension that downloads from the internet (Custom Script fileUris, agents with public endpoints) fails.
 */
export const WITHOUT_OUTBOUND: Record<VmOs, string> = {
  windows: 'Windows activation (KMS), Windows Update and extensions that download from the internet fail',
  linux: 'package updates from public mirrors and extensions that download from the internet fail',
};

function describe(outbound: OutboundModel): string {
  const oses = [...new Set(outbound.vms.map((vm) => vm.os))];
  const losses = oses.map((os) => WITHOUT_OUTBOUND[os]).join('; ');
  switch (outbound.kind) {
    case 'natGateway':
      return `NAT gateway ${outbound.natGateway}${outbound.publicIp ? ` (static public IP ${outbound.publicIp})` : ''}: the internet, outbound only; nothing can connect in`;
    case 'none':
      return `none (private subnet): no internet; ${losses}`;
    case 'default':
      return `Azure's default outbound access (retiring; a Microsoft-owned IP that can change): policy DN006 flags it`;
    default:
      return "decided by the existing subnet's owner (a NAT gateway, firewall route or nothing: synth cannot see it); without any, " + losses;
  }
}

/** The lines of the report's "Outbound" section. */
export function outboundLines(topology: Topology): string[] {
  const sides = [...topology.consumers.map((c) => ({ stack: c.stack, outbound: c.outbound })), { stack: topology.provider.stack, outbound: topology.provider.outbound }];
  const lines = sides.flatMap(({ stack, outbound }) =>
    outbound.map((entry) => `  ${stack}: ${entry.vms.map((vm) => vm.name).join(', ')} → ${describe(entry)}`),
  );
  return lines.length > 0 ? ['', 'Outbound to the internet (the double NAT itself needs none)', ...lines] : [];
}

/**
 * The VMs' NSG rules for operator access: each VM's admin port, from the Bastion source only.
 */
import { VmOs } from '../private-vm/vm-settings';
import { ResolvedOperatorAccess } from './operator-access-props';

/**
 * Bastion Developer connects to the VM from Azure's platform address: "your NSG rules must allow
 * traffic to ports 22 and 3389 from the private IP address 168.63.129.16".
 * https://learn.microsoft.com/azure/bastion/quickstart-developer
 */
export const DEVELOPER_SOURCE = '168.63.129.16/32';

/** The port Bastion opens on a VM: RDP for Windows, SSH for Linux (the only ports Developer and Basic use). */
export function adminPortOf(os: VmOs): number {
  return os === 'linux' ? 22 : 3389;
}

/** Where the VMs' NSGs admit the admin port from: Developer's platform address, or the AzureBastionSubnet. */
export function operatorSourcePrefix(access: ResolvedOperatorAccess): string {
  return access.sku === 'Developer' ? DEVELOPER_SOURCE : (access.subnet?.addressPrefix as string);
}

/**
 * The VMs' NSG rules for operator access: each VM's admin port, from the Bastion source only.
 * `destination` is the VM's address as its NSG should name it (its IP, or its subnet when dynamic).
 */
export function operatorAllowRules(
  access: ResolvedOperatorAccess | undefined,
  vms: { os: VmOs; destination: string }[],
): { name: string; protocol: 'Tcp'; sourceAddressPrefixes: string[]; destinationAddressPrefixes: string[]; destinationPortRange: string }[] {
  if (access === undefined) return [];
  const ports = [...new Set(vms.map((vm) => adminPortOf(vm.os)))];
  return ports.map((port) => ({
    name: `allow-operator-${port === 22 ? 'ssh' : 'rdp'}-from-bastion`,
    protocol: 'Tcp',
    sourceAddressPrefixes: [operatorSourcePrefix(access)],
    destinationAddressPrefixes: [...new Set(vms.filter((vm) => adminPortOf(vm.os) === port).map((vm) => vm.destination))],
    destinationPortRange: String(port),
  }));
}

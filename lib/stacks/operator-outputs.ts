/**
 * Outputs of operator access: how to open a VM through Bastion, and (on the consumer) what to run on
 * VM-B to see the NAT IP as the peer. Written only when `operatorAccess` is set; the addresses are the
 * same the `private_endpoint_ip`, `rdp_target` and `nat_ips` outputs give `npm run verify`.
 */
import { TerraformStack } from 'cdktf';
import { OperatorAccess } from '../operator-access/operator-access';
import { PrivateVm } from '../private-vm/private-vm';
import { ResolvedVmSettings, VmOs } from '../private-vm/vm-settings';
import { output } from './output';
import { shellQuote } from '../shell/shell-quote';

/** Between the portal route and the native-client command in `<baseName>_bastion_connect`: what follows it is one shell command. */
export const NATIVE_COMMAND_SEPARATOR = ', or: ';
/** Where the operator's private key file goes in the ssh command: a path to replace, quoted so the command parses as is. */
const SSH_KEY_PLACEHOLDER = '<private key file>';

/** `bastion_name` and `<baseName>_bastion_connect` for the VM an operator opens first. */
export function operatorAccessOutputs(
  stack: TerraformStack,
  access: OperatorAccess,
  vm: { readonly baseName: string; readonly resourceGroupName: string; readonly settings: ResolvedVmSettings; readonly construct: PrivateVm },
): void {
  output(stack, 'bastion_name', access.bastionHost.name, `Azure Bastion (${access.sku}) for operator access; sessions reach the VMs from ${access.sourcePrefix}.`);
  const { settings } = vm;
  const credentials =
    settings.os === 'linux'
      ? `user ${settings.adminUsername}, your SSH private key`
      : `user ${settings.adminUsername}, password: ${vm.construct.adminPassword?.readBack ?? 'yours'} (in cdktf.out/stacks/${stack.node.id})`;
  const portal = `Azure portal: virtual machine ${settings.name} > Connect > Bastion (${credentials})`;
  // Native client is Standard only: https://learn.microsoft.com/azure/bastion/native-client
  // Every value quoted: resource group names may hold "(", ")" and "."; the VM id resolves at deploy.
  const q = shellQuote;
  const where = `--name ${q(access.name)} --resource-group ${q(vm.resourceGroupName)} --target-resource-id ${q(vm.construct.virtualMachine.id)}`;
  const native = access.nativeClient
    ? settings.os === 'linux'
      ? `az network bastion ssh ${where} --auth-type ssh-key --username ${q(settings.adminUsername)} --ssh-key ${q(SSH_KEY_PLACEHOLDER)}`
      : `az network bastion rdp ${where}`
    : undefined;
  output(stack, `${vm.baseName}_bastion_connect`, native ? `${portal}${NATIVE_COMMAND_SEPARATOR}${native}` : portal, `How an operator opens ${settings.name} through Bastion.`);
}

/** The command that shows, on a backend VM, who its service connection comes from: a NAT IP. */
export function peerCheckCommand(os: VmOs, backendPort: number, natIps: string[]): string {
  const expect = `expect ${natIps.join(' or ')} (nat_ips), never VM-A's address`;
  return os === 'linux'
    ? `ss -tn state established '( sport = :${backendPort} )'   # ${expect}`
    : `Get-NetTCPConnection -LocalPort ${backendPort} -State Established | Select-Object RemoteAddress, RemotePort   # ${expect}`;
}

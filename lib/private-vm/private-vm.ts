import { LinuxVirtualMachine } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { NetworkInterface } from '@cdktf/provider-azurerm/lib/network-interface';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { Construct } from 'constructs';
import { AdminPassword } from './admin-password';
import { DYNAMIC } from '../validation/addresses';
import { ResolvedVmSettings } from './vm-settings';

export interface PrivateVmProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly subnetId: string;
  /** Resolved settings (see `resolveVmSettings`). */
  readonly settings: ResolvedVmSettings;
  /** Base for output and variable names, e.g. "vm_b". */
  readonly outputBaseName: string;
  readonly tags?: Record<string, string>;
}

/** The NIC's only ip configuration; NAT rule and pool associations name it. */
export const IP_CONFIGURATION_NAME = 'ipconfig1';

/**
 * A VM with one NIC and no public IP: Windows with a password that is never written as text, or
 * Linux with an SSH public key and password sign-in off.
 */
export class PrivateVm extends Construct {
  public readonly networkInterface: NetworkInterface;
  public readonly virtualMachine: WindowsVirtualMachine | LinuxVirtualMachine;
  /** The admin password (Windows only). */
  public readonly adminPassword?: AdminPassword;
  /** The NIC's ip configuration name, for NAT rule and backend pool associations. */
  public readonly ipConfigurationName = IP_CONFIGURATION_NAME;
  /** The private IP: the static address, or a token for a dynamic one. */
  public readonly privateIp: string;

  constructor(scope: Construct, id: string, props: PrivateVmProps) {
    super(scope, id);
    const vm = props.settings;
    const isStatic = vm.privateIp !== DYNAMIC;

    this.networkInterface = new NetworkInterface(this, 'nic', {
      name: vm.nicName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      ipConfiguration: [
        {
          name: IP_CONFIGURATION_NAME,
          subnetId: props.subnetId,
          privateIpAddressVersion: 'IPv4',
          privateIpAddressAllocation: isStatic ? 'Static' : 'Dynamic',
          privateIpAddress: isStatic ? vm.privateIp : undefined,
        },
      ],
      tags: props.tags,
    });

    const common = {
      name: vm.name,
      computerName: vm.computerName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      size: vm.size,
      adminUsername: vm.adminUsername,
      networkInterfaceIds: [this.networkInterface.id],
      osDisk: { name: vm.osDiskName, caching: 'ReadWrite', storageAccountType: vm.osDiskType },
      sourceImageReference: vm.image,
      tags: props.tags,
    };
    if (vm.os === 'linux') {
      this.virtualMachine = new LinuxVirtualMachine(this, 'vm', {
        ...common,
        disablePasswordAuthentication: true,
        adminSshKey: [{ username: vm.adminUsername, publicKey: vm.adminSshPublicKey as string }],
      });
    } else {
      this.adminPassword = new AdminPassword(this, 'admin-password', {
        source: vm.adminPassword,
        baseName: props.outputBaseName,
      });
      this.virtualMachine = new WindowsVirtualMachine(this, 'vm', { ...common, adminPassword: this.adminPassword.value });
    }

    this.privateIp = isStatic ? vm.privateIp : this.networkInterface.privateIpAddress;
  }
}

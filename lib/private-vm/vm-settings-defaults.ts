/**
 * Defaults of a VM's settings: what each setting left out becomes.
 */
import { ImageReference, ResolvedVmSettings, VmSettings } from './vm-settings';

/** The article's image: Windows Server 2019 Datacenter. */
export const WINDOWS_SERVER_2019: ImageReference = {
  publisher: 'MicrosoftWindowsServer',
  offer: 'WindowsServer',
  sku: '2019-Datacenter',
  version: 'latest',
};

/** Linux default: Ubuntu Server 22.04 LTS (Gen2). */
export const UBUNTU_2204: ImageReference = {
  publisher: 'Canonical',
  offer: '0001-com-ubuntu-server-jammy',
  sku: '22_04-lts-gen2',
  version: 'latest',
};

export function resolveVmSettings(settings: VmSettings | undefined, defaults: { name: string; privateIp: string }): ResolvedVmSettings {
  const name = settings?.name ?? defaults.name;
  const os = settings?.os ?? 'windows';
  return {
    name,
    os,
    computerName: settings?.computerName ?? name,
    size: settings?.size ?? 'Standard_B2s',
    adminUsername: settings?.adminUsername ?? 'azureuser',
    adminPassword: settings?.adminPassword ?? { source: 'generated' },
    adminSshPublicKey: settings?.adminSshPublicKey,
    privateIp: settings?.privateIp ?? defaults.privateIp,
    image: settings?.image ?? (os === 'linux' ? UBUNTU_2204 : WINDOWS_SERVER_2019),
    osDiskType: settings?.osDiskType ?? 'StandardSSD_LRS',
    nicName: settings?.nicName ?? `${name}-nic`,
    osDiskName: settings?.osDiskName ?? `${name}-osdisk`,
  };
}

/**
 * Settings of a VM on either side, with their defaults and checks.
 */
import { checkVmSize } from './validation/azure-values';
import { checkName, checkWindowsAdminPassword, checkWindowsAdminUsername, checkWindowsComputerName } from './validation/names';
import { ProblemList } from './validation/problems';
import { isToken } from './validation/tokens';

/** Where a VM's admin password comes from. It never appears in source or synthesized JSON as text. */
export type AdminPasswordSource =
  /** A random_password resource; read it back with `terraform output -raw <vm>_admin_password`. */
  | { readonly source: 'generated' }
  /** A sensitive Terraform variable the user sets at deploy time (TF_VAR_<name>). */
  | { readonly source: 'variable'; readonly variableName?: string }
  /** A token the calling app already holds (a Key Vault secret, its own variable). */
  | { readonly source: 'value'; readonly value: string };

/** A marketplace image. */
export interface ImageReference {
  readonly publisher: string;
  readonly offer: string;
  readonly sku: string;
  readonly version: string;
}

/** The article's image: Windows Server 2019 Datacenter. */
export const WINDOWS_SERVER_2019: ImageReference = {
  publisher: 'MicrosoftWindowsServer',
  offer: 'WindowsServer',
  sku: '2019-Datacenter',
  version: 'latest',
};

export interface VmSettings {
  /** VM resource name. @default "vm-a" on the consumer side, "vm-b" on the provider side */
  readonly name?: string;
  /** Windows computer name (at most 15 characters). @default - the VM name */
  readonly computerName?: string;
  /** VM size. @default "Standard_B2s" */
  readonly size?: string;
  /** Admin account name. @default "azureuser" */
  readonly adminUsername?: string;
  /** Admin password source. @default { source: "generated" } */
  readonly adminPassword?: AdminPasswordSource;
  /** Static private IP of the NIC, or "Dynamic". @default the subnet's first usable address (x.x.x.4) */
  readonly privateIp?: string;
  /** Marketplace image. @default Windows Server 2019 Datacenter, latest */
  readonly image?: ImageReference;
  /** OS disk storage type. @default "StandardSSD_LRS" */
  readonly osDiskType?: string;
}

export type ResolvedVmSettings = Required<Omit<VmSettings, 'computerName'>> & { readonly computerName: string };

export const OS_DISK_TYPES = ['Standard_LRS', 'StandardSSD_LRS', 'Premium_LRS', 'StandardSSD_ZRS', 'Premium_ZRS'];

export function resolveVmSettings(settings: VmSettings | undefined, defaults: { name: string; privateIp: string }): ResolvedVmSettings {
  const name = settings?.name ?? defaults.name;
  return {
    name,
    computerName: settings?.computerName ?? name,
    size: settings?.size ?? 'Standard_B2s',
    adminUsername: settings?.adminUsername ?? 'azureuser',
    adminPassword: settings?.adminPassword ?? { source: 'generated' },
    privateIp: settings?.privateIp ?? defaults.privateIp,
    image: settings?.image ?? WINDOWS_SERVER_2019,
    osDiskType: settings?.osDiskType ?? 'StandardSSD_LRS',
  };
}

/** Checks everything but the private IP, which the side checks against its address plan. */
export function checkVmSettings(problems: ProblemList, vm: ResolvedVmSettings): void {
  checkName(problems, 'name', vm.name, 'windowsVm');
  checkWindowsComputerName(problems, 'computerName', vm.computerName);
  checkVmSize(problems, 'size', vm.size);
  checkWindowsAdminUsername(problems, 'adminUsername', vm.adminUsername);
  problems.check(OS_DISK_TYPES.includes(vm.osDiskType), 'osDiskType', vm.osDiskType, `one of ${OS_DISK_TYPES.join(', ')}`);
  for (const key of ['publisher', 'offer', 'sku', 'version'] as const) {
    const value = vm.image?.[key];
    problems.check(typeof value === 'string' && value.length > 0, `image.${key}`, value, 'a non-empty string');
  }
  checkPasswordSource(problems, vm.adminPassword);
}

function checkPasswordSource(problems: ProblemList, password: AdminPasswordSource): void {
  const source = (password as { source?: unknown })?.source;
  if (source === 'generated') return;
  if (source === 'variable') {
    const name = (password as { variableName?: unknown }).variableName;
    problems.check(
      name === undefined || (typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)),
      'adminPassword.variableName',
      name,
      'a Terraform variable name: a letter or "_" followed by letters, digits, "_" or "-"',
    );
    return;
  }
  if (source === 'value') {
    const value = (password as { value?: unknown }).value;
    if (isToken(value)) return;
    if (!problems.check(typeof value === 'string', 'adminPassword.value', '(hidden)', 'a string or a token')) return;
    checkWindowsAdminPassword(problems, 'adminPassword.value', value as string);
    return;
  }
  problems.add('adminPassword.source', source, 'one of "generated", "variable" or "value"');
}

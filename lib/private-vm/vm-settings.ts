/**
 * Settings of a VM on either side, with their defaults and checks.
 */
import { checkVmSize } from '../validation/azure-values';
import {
  checkLinuxAdminUsername,
  checkLinuxComputerName,
  checkName,
  checkSshPublicKey,
  checkWindowsAdminPassword,
  checkWindowsAdminUsername,
  checkWindowsComputerName,
} from '../validation/names';
import { ProblemList } from '../validation/problems';
import { HIDDEN } from '../validation/secrets';
import { isToken } from '../validation/tokens';

/** Where a Windows VM's admin password comes from. It never appears in source or synthesized JSON as text. */
export type AdminPasswordSource =
  /** A random_password resource; read it back with `terraform output -raw <vm>_admin_password`. */
  | { readonly source: 'generated' }
  /** A sensitive Terraform variable the user sets at deploy time (TF_VAR_<name>). */
  | {
      readonly source: 'variable';
      /** Terraform variable name, set with TF_VAR_<name>. @default "<vm>_admin_password", e.g. "vm_b_admin_password" */
      readonly variableName?: string;
    }
  /** A token the calling app already holds (a Key Vault secret, its own variable); plain text is refused. */
  | { readonly source: 'value'; readonly value: string }
  /**
   * Plain text, written into cdk.tf.json and Terraform state as it is: only for a caller who means
   * it (a throw-away lab). Make it with `AdminPassword.unsafePlainText(...)`, so a reviewer sees it.
   */
  | { readonly source: 'unsafePlainText'; readonly value: string };

/**
 * The sources a configuration file may name: not `value` or `unsafePlainText`, since a password in a
 * file is a password in source control. Code passes a token (`value`) to the constructs instead.
 */
export type FileAdminPasswordSource = Exclude<AdminPasswordSource, { readonly source: 'value' | 'unsafePlainText' }>;

/** What a plain-text admin password is refused with, wherever it arrives. */
export const PLAIN_TEXT_PASSWORD_REFUSED =
  'a token (a Key Vault secret, a Terraform variable), not plain text, which would be written into cdk.tf.json and the state: ' +
  'leave adminPassword out for a generated one, use { source: "variable" }, or, for a caller who means it, AdminPassword.unsafePlainText(...)';

/** A marketplace image. */
export interface ImageReference {
  /** Image publisher, e.g. "MicrosoftWindowsServer". */
  readonly publisher: string;
  /** Offer, e.g. "WindowsServer". */
  readonly offer: string;
  /** SKU, e.g. "2019-Datacenter". */
  readonly sku: string;
  /** Version, or "latest". */
  readonly version: string;
}

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

export type VmOs = 'windows' | 'linux';

/** A VM's settings; `Password` narrows where its admin password may come from (the configuration file allows fewer sources). */
export interface VmSettings<Password extends AdminPasswordSource = AdminPasswordSource> {
  /** VM resource name. @default "vm-a" on the consumer side, "vm-b" (then "vm-b2", ...) on the provider side */
  readonly name?: string;
  /** Operating system. @default "windows" */
  readonly os?: VmOs;
  /** Computer (host) name: at most 15 characters on Windows, 64 on Linux. @default - the VM name */
  readonly computerName?: string;
  /** VM size. @default "Standard_B2s" */
  readonly size?: string;
  /** Admin account name. @default "azureuser" */
  readonly adminUsername?: string;
  /**
   * Windows: admin password source. A secret: no message ever shows a value given here.
   * @default { source: "generated" }
   * @writeOnly
   */
  readonly adminPassword?: Password;
  /** Linux: the admin's SSH public key ("ssh-rsa ..." or "ssh-ed25519 ..."); required for Linux, password sign-in is off. */
  readonly adminSshPublicKey?: string;
  /** Static private IP of the NIC, or "Dynamic". @default - the side's next free address */
  readonly privateIp?: string;
  /** Marketplace image. @default - Windows Server 2019 Datacenter, or Ubuntu 22.04 LTS for Linux */
  readonly image?: ImageReference;
  /** OS disk storage type. @default "StandardSSD_LRS" */
  readonly osDiskType?: string;
  /** NIC name. @default "<name>-nic" */
  readonly nicName?: string;
  /** OS disk name. @default "<name>-osdisk" */
  readonly osDiskName?: string;
}

export interface ResolvedVmSettings {
  readonly name: string;
  readonly os: VmOs;
  readonly computerName: string;
  readonly size: string;
  readonly adminUsername: string;
  readonly adminPassword: AdminPasswordSource;
  readonly adminSshPublicKey?: string;
  readonly privateIp: string;
  readonly image: ImageReference;
  readonly osDiskType: string;
  readonly nicName: string;
  readonly osDiskName: string;
}

export const OS_DISK_TYPES = ['Standard_LRS', 'StandardSSD_LRS', 'Premium_LRS', 'StandardSSD_ZRS', 'Premium_ZRS'];

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

/** Checks everything but the private IP, which the side checks against its address plan. */
export function checkVmSettings(problems: ProblemList, vm: ResolvedVmSettings): void {
  if (!problems.check(vm.os === 'windows' || vm.os === 'linux', 'os', vm.os, '"windows" or "linux"')) return;
  checkName(problems, 'name', vm.name, vm.os === 'windows' ? 'windowsVm' : 'linuxVm');
  checkName(problems, 'nicName', vm.nicName, 'networkInterface');
  checkName(problems, 'osDiskName', vm.osDiskName, 'osDisk');
  checkVmSize(problems, 'size', vm.size);
  problems.check(OS_DISK_TYPES.includes(vm.osDiskType), 'osDiskType', vm.osDiskType, `one of ${OS_DISK_TYPES.join(', ')}`);
  for (const key of ['publisher', 'offer', 'sku', 'version'] as const) {
    const value = vm.image?.[key];
    problems.check(typeof value === 'string' && value.length > 0, `image.${key}`, value, 'a non-empty string');
  }
  if (vm.os === 'windows') {
    checkWindowsComputerName(problems, 'computerName', vm.computerName);
    checkWindowsAdminUsername(problems, 'adminUsername', vm.adminUsername);
    checkPasswordSource(problems, vm.adminPassword);
    problems.check(vm.adminSshPublicKey === undefined, 'adminSshPublicKey', '(set)', 'left out for Windows, which signs in with a password');
  } else {
    checkLinuxComputerName(problems, 'computerName', vm.computerName);
    checkLinuxAdminUsername(problems, 'adminUsername', vm.adminUsername);
    checkSshPublicKey(problems, 'adminSshPublicKey', vm.adminSshPublicKey);
  }
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
    problems.check(isToken(value), 'adminPassword.value', HIDDEN, PLAIN_TEXT_PASSWORD_REFUSED);
    return;
  }
  if (source === 'unsafePlainText') {
    const value = (password as { value?: unknown }).value;
    if (!problems.check(typeof value === 'string', 'adminPassword.value', HIDDEN, 'a string')) return;
    checkWindowsAdminPassword(problems, 'adminPassword.value', value as string);
    return;
  }
  problems.add('adminPassword.source', source, 'one of "generated", "variable", "value" (a token) or "unsafePlainText"');
}

/**
 * Settings of a VM on either side and their resolved form; defaults are filled in by
 * vm-settings-defaults.ts and checked by vm-settings-checks.ts.
 */

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

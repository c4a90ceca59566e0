/**
 * Settings of `OperatorAccess` (Azure Bastion in one side's VNet) and their resolved form; defaults
 * are filled in by operator-access-defaults.ts and checked by operator-access-checks.ts.
 */

/**
 * Developer: free, shared pool, no subnet and no public IP (`virtual_network_id`).
 * Basic and Standard: a dedicated host in AzureBastionSubnet with a Standard static public IP.
 * Premium is left out: its private-only mode is not in azurerm 4's bastion_host, so it would add a public IP and nothing the double NAT needs.
 */
export const BASTION_SKUS = ['Developer', 'Basic', 'Standard'] as const;
export type BastionSku = (typeof BASTION_SKUS)[number];

/** Azure requires this exact subnet name for a dedicated Bastion host (azurerm validate/bastion_subnet_name.go). */
export const BASTION_SUBNET_NAME = 'AzureBastionSubnet';

/** "Subnet size must be /26 or larger": https://learn.microsoft.com/azure/bastion/configuration-settings#subnet */
export const BASTION_SUBNET_MAX_PREFIX = 26;

/** The AzureBastionSubnet of a Basic or Standard host. */
export interface BastionSubnetSettings {
  /** Prefix of the subnet this side creates, or of the existing one (then required, so the VMs' NSGs admit exactly it). @default - the last /26 of the VNet's first address block */
  readonly addressPrefix?: string;
  /** Resource id of an existing AzureBastionSubnet in the same VNet; it is never modified. @default - a new subnet */
  readonly id?: string;
}

/** Operator access to this side's VMs through Azure Bastion; no VM gets a public IP. */
export interface OperatorAccessSettings {
  /** Bastion SKU. @default "Developer" */
  readonly sku?: BastionSku;
  /** Bastion host name (3-80 characters). @default "bastion-<vnet name>" */
  readonly name?: string;
  /** AzureBastionSubnet (Basic and Standard only). @default - created: the last /26 of the VNet's first address block */
  readonly subnet?: BastionSubnetSettings;
  /** Name of the host's public IP (Basic and Standard only). @default "<name>-pip" */
  readonly publicIpName?: string;
  /** Name of the NSG on a created AzureBastionSubnet (Basic and Standard only). @default "<name>-nsg" */
  readonly networkSecurityGroupName?: string;
  /** Native client support (`az network bastion rdp`, `ssh`, `tunnel`): Standard only. @default false */
  readonly nativeClient?: boolean;
}

export interface ResolvedOperatorAccess {
  readonly sku: BastionSku;
  readonly name: string;
  /** Undefined for Developer. */
  readonly subnet?: BastionSubnetSettings;
  readonly publicIpName: string;
  readonly networkSecurityGroupName: string;
  readonly nativeClient: boolean;
}

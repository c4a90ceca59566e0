/**
 * Settings of `OperatorAccess` (Azure Bastion in one side's VNet), their defaults, and the checks
 * that run before any resource exists. Rules come from azurerm's bastion_host resource
 * (internal/services/network/bastion_host_resource.go and validate/bastion_*.go) and Microsoft's
 * Bastion pages cited beside each rule.
 */
import { checkSubnetId, virtualNetworkIdOf } from '../common-settings';
import { Cidr, formatIpv4, lastAddress, parseCidr } from '../net/ipv4';
import { VmOs } from '../private-vm/vm-settings';
import { checkSubnetPrefix, checkSubnetsApart } from '../validation/addresses';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';

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

/**
 * Bastion Developer connects to the VM from Azure's platform address: "your NSG rules must allow
 * traffic to ports 22 and 3389 from the private IP address 168.63.129.16".
 * https://learn.microsoft.com/azure/bastion/quickstart-developer
 */
export const DEVELOPER_SOURCE = '168.63.129.16/32';

/**
 * Regions where Bastion Developer is offered, as `az account list-locations` names them.
 * https://learn.microsoft.com/azure/bastion/quickstart-developer (includes/bastion-developer-regions.md, 2025-09-08)
 */
export const DEVELOPER_REGIONS = [
  'australiacentral', 'australiaeast', 'australiasoutheast', 'brazilsouth', 'canadacentral', 'canadaeast',
  'centralindia', 'centralus', 'centraluseuap', 'eastasia', 'eastus2', 'eastus2euap', 'francecentral',
  'germanywestcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'koreasouth', 'mexicocentral',
  'northcentralus', 'northeurope', 'norwayeast', 'southafricanorth', 'southindia', 'spaincentral', 'swedencentral',
  'switzerlandnorth', 'southeastasia', 'uaenorth', 'uksouth', 'ukwest', 'westcentralus', 'westeurope', 'westus',
];

/** The port Bastion opens on a VM: RDP for Windows, SSH for Linux (the only ports Developer and Basic use). */
export function adminPortOf(os: VmOs): number {
  return os === 'linux' ? 22 : 3389;
}

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

/** The last /26 of a block: out of the way of subnets numbered from the start. */
function defaultBastionPrefix(addressSpace: string[] | undefined): string | undefined {
  const block = parseCidr(addressSpace?.[0] as string);
  if (!block || block.prefixLength > BASTION_SUBNET_MAX_PREFIX) return undefined;
  return `${formatIpv4(lastAddress(block) + 1 - 2 ** (32 - BASTION_SUBNET_MAX_PREFIX))}/${BASTION_SUBNET_MAX_PREFIX}`;
}

/** Defaults of operator access; undefined when it is not asked for. */
export function resolveOperatorAccess(
  settings: OperatorAccessSettings | undefined,
  network: { name: string; addressSpace?: string[]; existing: boolean },
): ResolvedOperatorAccess | undefined {
  if (settings === undefined) return undefined;
  const sku = settings.sku ?? 'Developer';
  const name = settings.name ?? `bastion-${network.name}`;
  const dedicated = sku !== 'Developer';
  const defaultPrefix = network.existing ? undefined : defaultBastionPrefix(network.addressSpace);
  return {
    sku,
    name,
    subnet: dedicated ? { ...(settings.subnet?.id ? {} : { addressPrefix: defaultPrefix }), ...settings.subnet } : settings.subnet,
    publicIpName: settings.publicIpName ?? `${name}-pip`,
    networkSecurityGroupName: settings.networkSecurityGroupName ?? `${name}-nsg`,
    nativeClient: settings.nativeClient ?? false,
  };
}

/** Where the VMs' NSGs admit the admin port from: Developer's platform address, or the AzureBastionSubnet. */
export function operatorSourcePrefix(access: ResolvedOperatorAccess): string {
  return access.sku === 'Developer' ? DEVELOPER_SOURCE : (access.subnet?.addressPrefix as string);
}

// azurerm validate/bastion_host_name.go: 3 or more characters in practice, at most 80.
const BASTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]+[A-Za-z0-9_]$/;
const NETWORK_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

export interface OperatorAccessContext {
  /** Region of the side; Developer is offered in some only. */
  readonly location: string;
  /** Resource group of the side, where the Bastion host goes. */
  readonly resourceGroupName: string;
  /** The VNet's address space when this side creates it. */
  readonly addressSpace?: Cidr[];
  /** The side's other subnets (prop path and prefix), which the AzureBastionSubnet must stay apart from. */
  readonly otherSubnets: { prop: string; cidr: Cidr | undefined }[];
  /** An existing subnet of this side, when it uses an existing network: its VNet must host the Bastion subnet too. */
  readonly existingSubnetId?: string;
  /** The VMs Bastion would reach; without one, operator access has nothing to open. */
  readonly vmCount: number;
}

/** Records every problem of resolved operator access, under `operatorAccess`. */
export function checkOperatorAccess(parent: ProblemList, access: ResolvedOperatorAccess | undefined, context: OperatorAccessContext): void {
  if (access === undefined) return;
  const problems = parent.at('operatorAccess');
  if (!problems.check((BASTION_SKUS as readonly unknown[]).includes(access.sku), 'sku', access.sku, `one of ${BASTION_SKUS.join(', ')}`)) return;
  problems.check(context.vmCount > 0, 'sku', access.sku, 'left out: this side has no VM of its own for Bastion to open (an existing frontend keeps its backends)');
  problems.check(
    typeof access.name === 'string' && access.name.length <= 80 && BASTION_NAME.test(access.name),
    'name',
    access.name,
    '3-80 letters, digits, "_", "." and "-", starting with a letter or digit and ending with a letter, digit or "_"',
  );
  problems.check(typeof access.nativeClient === 'boolean', 'nativeClient', access.nativeClient, 'true or false');

  if (access.sku === 'Developer') {
    // https://learn.microsoft.com/azure/bastion/quickstart-developer: Developer runs in listed regions only.
    problems.check(
      isToken(context.location) || DEVELOPER_REGIONS.includes(context.location),
      'sku',
      access.sku,
      `"Basic" or "Standard" in ${context.location}: Bastion Developer is offered only in ${DEVELOPER_REGIONS.join(', ')}`,
    );
    problems.check(access.subnet === undefined, 'subnet', access.subnet, 'left out for the Developer SKU: it uses no subnet and no public IP (or choose "Basic" or "Standard")');
    // azurerm: tunneling_enabled is only supported when sku is Standard or Premium.
    problems.check(!access.nativeClient, 'nativeClient', access.nativeClient, 'false unless sku is "Standard": native client (az network bastion rdp/ssh/tunnel) needs it');
    return;
  }
  problems.check(!access.nativeClient || access.sku === 'Standard', 'nativeClient', access.nativeClient, 'false unless sku is "Standard": native client (az network bastion rdp/ssh/tunnel) needs it');
  problems.check(NETWORK_NAME.test(access.publicIpName) && access.publicIpName.length <= 80, 'publicIpName', access.publicIpName, '1-80 letters, digits, "_", "." and "-"');
  problems.check(
    NETWORK_NAME.test(access.networkSecurityGroupName) && access.networkSecurityGroupName.length <= 80,
    'networkSecurityGroupName',
    access.networkSecurityGroupName,
    '1-80 letters, digits, "_", "." and "-"',
  );

  const subnet = access.subnet ?? {};
  let cidr: Cidr | undefined;
  if (subnet.id !== undefined) {
    checkSubnetId(problems, 'subnet.id', subnet.id);
    if (typeof subnet.id === 'string' && !isToken(subnet.id)) {
      problems.check(/\/subnets\/AzureBastionSubnet$/.test(subnet.id), 'subnet.id', subnet.id, `the id of a subnet named exactly "${BASTION_SUBNET_NAME}": Azure accepts no other for a Bastion host`);
      // "The subnet must be in the same VNet and resource group as the bastion host."
      // https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
      const subnetGroup = /\/resourceGroups\/([^/]+)\//i.exec(subnet.id)?.[1];
      if (subnetGroup && !isToken(context.resourceGroupName)) {
        problems.check(
          subnetGroup.toLowerCase() === context.resourceGroupName.toLowerCase(),
          'subnet.id',
          subnet.id,
          `a subnet in this side's resource group "${context.resourceGroupName}": Azure wants the AzureBastionSubnet in the Bastion host's resource group (or use sku "Developer", which needs no subnet)`,
        );
      }
      const own = context.existingSubnetId;
      if (own !== undefined && !isToken(own)) {
        problems.check(
          virtualNetworkIdOf(subnet.id).toLowerCase() === virtualNetworkIdOf(own).toLowerCase(),
          'subnet.id',
          subnet.id,
          `a subnet of this side's VNet ${virtualNetworkIdOf(own)}: Bastion reaches VMs of its own VNet (Developer and Basic do not cross peerings)`,
        );
      }
    }
    if (problems.check(subnet.addressPrefix !== undefined, 'subnet.addressPrefix', subnet.addressPrefix, "given with subnet.id: the VMs' NSGs admit the admin port from exactly that prefix")) {
      cidr = checkSubnetPrefix(problems, 'subnet.addressPrefix', subnet.addressPrefix, undefined);
    }
  } else if (context.existingSubnetId !== undefined) {
    // An existing network is never modified: the AzureBastionSubnet must already be there.
    problems.add('subnet.id', undefined, `the id of the existing ${BASTION_SUBNET_NAME} of this VNet: with an existing network, this side creates no subnet (or use sku "Developer", which needs none)`);
    return;
  } else {
    cidr = checkSubnetPrefix(problems, 'subnet.addressPrefix', subnet.addressPrefix, context.addressSpace);
  }
  if (cidr) {
    problems.check(cidr.prefixLength <= BASTION_SUBNET_MAX_PREFIX, 'subnet.addressPrefix', cidr.text, `a /${BASTION_SUBNET_MAX_PREFIX} or larger: Azure requires it of ${BASTION_SUBNET_NAME}`);
    checkSubnetsApart(parent, [...context.otherSubnets, { prop: 'operatorAccess.subnet.addressPrefix', cidr }]);
  }
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

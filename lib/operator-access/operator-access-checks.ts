/**
 * Checks of `OperatorAccess`'s resolved settings, run before any resource exists. Rules come from
 * azurerm's bastion_host resource (internal/services/network/bastion_host_resource.go and
 * validate/bastion_*.go) and Microsoft's Bastion pages cited beside each rule.
 */
import { checkSubnetId, virtualNetworkIdOf } from '../common-settings';
import { Cidr } from '../net/ipv4';
import { checkSubnetPrefix, checkSubnetsApart } from '../validation/addresses';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';
import { DEVELOPER_REGIONS } from './bastion-developer-regions';
import { BASTION_SKUS, BASTION_SUBNET_MAX_PREFIX, BASTION_SUBNET_NAME, ResolvedOperatorAccess } from './operator-access-props';

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

/**
 * Checks of `ConsumerSide`'s resolved props, run before any resource exists.
 */
import { checkSubnetId } from '../common-settings';
import { Cidr } from '../net/ipv4';
import { StaticAddressPlan, checkAddressSpace, checkSubnetPrefix } from '../validation/addresses';
import { checkLocation, checkTags } from '../validation/azure-values';
import { checkIntegerIn } from '../validation/load-balancer';
import { checkName } from '../validation/names';
import { ProblemList } from '../validation/problems';
import { isToken } from '../validation/tokens';
import { checkVmSettings } from '../private-vm/vm-settings-checks';
import { checkOperatorAccess } from '../operator-access/operator-access-checks';
import { checkOutbound } from '../outbound/outbound-props';
import { checkObservability } from '../observability/observability-props';
import { ResolvedConsumerSideProps } from './consumer-side-props';

/** "<name>.<guid>.<region>.azure.privatelinkservice", as Azure prints a PLS alias. */
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\.[a-z0-9]+\.azure\.privatelinkservice$/;

/** Records every problem of resolved consumer-side props. */
export function checkConsumerSideProps(problems: ProblemList, props: ResolvedConsumerSideProps): void {
  checkName(problems, 'resourceGroupName', props.resourceGroupName, 'resourceGroup');
  checkLocation(problems, 'location', props.location);
  checkTags(problems, 'tags', props.tags);
  const alias = props.privateLinkServiceAlias;
  problems.check(
    typeof alias === 'string' && (isToken(alias) || ALIAS.test(alias)),
    'privateLinkServiceAlias',
    alias,
    'a Private Link Service alias such as "pls-b.00000000-0000-0000-0000-000000000000.japaneast.azure.privatelinkservice", or a token',
  );

  const net = props.network;
  let subnet: Cidr | undefined;
  let space: Cidr[] | undefined;
  if (net.subnet.id !== undefined) {
    checkSubnetId(problems, 'network.subnet.id', net.subnet.id);
    if (net.subnet.addressPrefix !== undefined) subnet = checkSubnetPrefix(problems, 'network.subnet.addressPrefix', net.subnet.addressPrefix, undefined);
  } else {
    checkName(problems, 'network.name', net.name, 'virtualNetwork');
    space = checkAddressSpace(problems, 'network.addressSpace', net.addressSpace);
    checkName(problems, 'network.subnet.name', net.subnet.name, 'subnet');
    subnet = checkSubnetPrefix(problems, 'network.subnet.addressPrefix', net.subnet.addressPrefix, space);
  }

  const plan = new StaticAddressPlan(problems);
  plan.check('clientVm.privateIp', props.clientVm.privateIp, subnet, 'network.subnet', true);
  plan.check('privateEndpoint.privateIp', props.privateEndpoint.privateIp, subnet, 'network.subnet', true);

  const pe = props.privateEndpoint;
  checkName(problems, 'privateEndpoint.name', pe.name, 'privateEndpoint');
  checkName(problems, 'privateEndpoint.networkInterfaceName', pe.networkInterfaceName, 'networkInterface');
  checkName(problems, 'privateEndpoint.connectionName', pe.connectionName, 'ipConfiguration');
  problems.check(typeof pe.manualApproval === 'boolean', 'privateEndpoint.manualApproval', pe.manualApproval, 'true or false');
  if (pe.manualApproval) {
    problems.check(
      typeof pe.requestMessage === 'string' && pe.requestMessage.length >= 1 && pe.requestMessage.length <= 140,
      'privateEndpoint.requestMessage',
      pe.requestMessage,
      '1-140 characters',
    );
  }
  if (props.privateDns) {
    checkName(problems, 'privateDns.zoneName', props.privateDns.zoneName, 'privateDnsZone');
    checkName(problems, 'privateDns.recordName', props.privateDns.recordName, 'dnsRecord');
    checkIntegerIn(problems, 'privateDns.ttl', props.privateDns.ttl, { min: 1, max: 2147483647 }, 'seconds');
  }
  checkVmSettings(problems.at('clientVm'), props.clientVm);
  checkOperatorAccess(problems, props.operatorAccess, {
    location: props.location,
    resourceGroupName: props.resourceGroupName,
    addressSpace: space,
    otherSubnets: [{ prop: 'network.subnet.addressPrefix', cidr: subnet }],
    existingSubnetId: net.subnet.id,
    vmCount: 1,
  });
  checkOutbound(problems, props.outbound, net.subnet.id !== undefined ? 'network.subnet.id' : undefined);
  checkObservability(problems, props.observability, net.subnet.id !== undefined ? 'network.subnet.id' : undefined);
  checkName(problems, 'names.clientNetworkSecurityGroup', props.names.clientNetworkSecurityGroup, 'networkSecurityGroup');
}

import { OperatorAccess } from '../operator-access/operator-access';
import { DiagnosticTarget } from './side-observability';

/** A Bastion host of its own (Basic, Standard) and the NSG of the AzureBastionSubnet we created; Developer runs on Azure's shared pool and has none. */
export function operatorAccessTargets(operatorAccess: OperatorAccess | undefined): DiagnosticTarget[] {
  if (!operatorAccess || operatorAccess.sku === 'Developer') return [];
  const targets: DiagnosticTarget[] = [{ key: 'bastion', kind: 'bastionHost', resourceId: operatorAccess.bastionHost.id }];
  if (operatorAccess.subnetSecurityGroup) targets.push({ key: 'bastion-nsg', kind: 'networkSecurityGroup', resourceId: operatorAccess.subnetSecurityGroup.id });
  return targets;
}

/**
 * The Azure limits that the provider side's settings can exceed, checked before anything is
 * written. The numbers and the page they come from are in validation/azure-limits.ts.
 */
import { MAX_ALLOW_RULES } from '../network-security/priorities';
import { operatorAllowRules } from '../operator-access/operator-allow-rules';
import { DYNAMIC } from '../validation/addresses';
import {
  MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND,
  MAX_BACKEND_POOL_SIZE,
  MAX_LB_RULES_PER_NIC,
  MAX_NSG_ADDRESSES,
} from '../validation/azure-limits';
import { ProblemList } from '../validation/problems';
import { ResolvedProviderSideProps } from './provider-side-props';

/** Records every limit the provider side's settings exceed. */
export function checkProviderSideLimits(problems: ProblemList, props: ResolvedProviderSideProps): void {
  const natRules = Array.isArray(props.inboundNatRules) ? props.inboundNatRules : [];
  const lbRules = Array.isArray(props.loadBalancingRules) ? props.loadBalancingRules : [];
  const vms = Array.isArray(props.backendVms) ? props.backendVms : [];
  const rules = natRules.length + lbRules.length;

  problems.check(
    vms.length <= MAX_BACKEND_POOL_SIZE,
    'backendVms',
    `${vms.length} VMs`,
    `at most ${MAX_BACKEND_POOL_SIZE}: Azure's limit for a Standard load balancer's backend pool, which every backend VM joins`,
  );
  vms.forEach((vm, i) => {
    // Every backend VM is in the pool, so every load-balancing rule is on its NIC too.
    const onNic = natRules.filter((rule) => rule.targetVm === vm.name).length + lbRules.length;
    problems.check(
      onNic <= MAX_LB_RULES_PER_NIC,
      `backendVms[${i}]`,
      `${onNic} rules on its NIC`,
      `at most ${MAX_LB_RULES_PER_NIC} NAT and load-balancing rules on one NIC (Azure's limit): spread NAT rules over other VMs (targetVm) or use fewer load-balancing rules`,
    );
  });
  const backendIpConfigurations = natRules.length + lbRules.length * vms.length;
  problems.check(
    backendIpConfigurations <= MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND,
    'loadBalancingRules',
    `${backendIpConfigurations} backend IP configurations`,
    `at most ${MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND} on the frontend (Azure's limit): each load-balancing rule counts once per backend VM (here ${lbRules.length} x ${vms.length}), each NAT rule once (${natRules.length})`,
  );

  if (vms.length === 0) return; // No backend NSG without VMs of ours.
  // The backend NSG holds an allow rule per NAT and load-balancing rule, one per admin port with
  // operator access, one for the probes when a load-balancing rule exists, then deny-all
  // (lib/provider-side/provider-side.ts, backendAllowRules).
  const operatorRules = operatorAllowRules(props.operatorAccess, vms.map((vm) => ({ os: vm.os, destination: '' }))).length;
  const allowRules = rules + operatorRules + (lbRules.length > 0 ? 1 : 0);
  problems.check(
    allowRules <= MAX_ALLOW_RULES,
    'inboundNatRules',
    `${allowRules} backend NSG allow rules`,
    `at most ${MAX_ALLOW_RULES}: each NAT and load-balancing rule (here ${rules}) has an allow rule in the backend NSG, plus one for probes and one per operator-access port (here ${operatorRules}), at priorities from 100 in steps of 10 below the deny-all rule at 4096, the last priority Azure takes`,
  );
  const destinations = natRules.length + lbRules.length * new Set(vms.map((vm) => (vm.privateIp === DYNAMIC ? 'subnet' : vm.privateIp))).size;
  problems.check(
    destinations <= MAX_NSG_ADDRESSES,
    'loadBalancingRules',
    `${destinations} NSG destination addresses`,
    `at most ${MAX_NSG_ADDRESSES} in the backend NSG (Azure's limit): each load-balancing rule lists every backend VM's address, each NAT rule its VM's`,
  );
}

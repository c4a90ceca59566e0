import { IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import { BackendNsgAllowsOnlyNatRule } from './backend-nsg-allows-only-nat';
import { BastionSubnetNsgRule } from './bastion-subnet-nsg-rules';
import { NoPlainSecretRule } from './no-plain-secret';
import { NoPublicIpRule } from './no-public-ip';
import { NsgOnVmSubnetsRule } from './nsg-on-vm-subnets';
import { PolicyRule } from './policy-rule';

/** Every policy rule of this project, in id order. */
export function doubleNatPolicyRules(): PolicyRule[] {
  return [new NoPublicIpRule(), new NsgOnVmSubnetsRule(), new BackendNsgAllowsOnlyNatRule(), new NoPlainSecretRule(), new BastionSubnetNsgRule()];
}

/** All rules as one aspect: `Aspects.of(app).add(doubleNatPolicies())`. */
export function doubleNatPolicies(): IAspect {
  const rules = doubleNatPolicyRules();
  return { visit: (node: IConstruct) => rules.forEach((rule) => rule.visit(node)) };
}

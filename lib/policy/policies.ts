import { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { BackendNsgAllowsOnlyNatRule } from './backend-nsg-allows-only-nat';
import { BastionSubnetNsgRule } from './bastion-subnet-nsg-rules';
import { NoPlainSecretRule } from './no-plain-secret';
import { NoPublicIpRule } from './no-public-ip';
import { NsgOnVmSubnetsRule } from './nsg-on-vm-subnets';
import { PolicyRule, resourcesOf } from './policy-rule';
import { PrivateVmSubnetsRule } from './private-vm-subnets';

/** Every policy rule of this project, in id order. */
export function doubleNatPolicyRules(): PolicyRule[] {
  return [new NoPublicIpRule(), new NsgOnVmSubnetsRule(), new BackendNsgAllowsOnlyNatRule(), new NoPlainSecretRule(), new BastionSubnetNsgRule(), new PrivateVmSubnetsRule()];
}

/** All rules as one aspect: `Aspects.of(app).add(doubleNatPolicies())`. */
export function doubleNatPolicies(): IAspect {
  const rules = doubleNatPolicyRules();
  return {
    visit: (node: IConstruct) => {
      if (!TerraformStack.isStack(node)) return;
      // Rendering a stack's JSON is the costly part: once per stack, shared by every rule.
      const resources = resourcesOf(node);
      rules.forEach((rule) => rule.report(node, resources));
    },
  };
}

import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { suppressionOf } from '../policy-suppression';

// Constructs waive a rule with suppressPolicy, which lives below them (policy-suppression.ts).
export { suppressPolicy } from '../policy-suppression';

/** A finding: the construct it is about and what is wrong there. */
export interface Finding {
  readonly node: IConstruct;
  readonly message: string;
}

/**
 * A policy rule, visited once per stack after the tree is built. A finding becomes an error
 * annotation "[id] message. fix", which fails synthesis unless the rule is suppressed there.
 */
export abstract class PolicyRule implements IAspect {
  /** Stable id, used to suppress the rule, e.g. "DN001". */
  abstract readonly id: string;
  /** One line: what the rule protects. */
  abstract readonly explanation: string;
  /** One line: how to comply. */
  abstract readonly fix: string;

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    this.report(node, resourcesOf(node));
  }

  /** Checks a stack whose resources are already read: one read serves every rule of a pass. */
  report(stack: TerraformStack, resources: SynthesizedResource[]): void {
    for (const finding of this.check(stack, resources)) {
      const suppression = suppressionOf(finding.node, this.id);
      if (suppression) {
        Annotations.of(finding.node).addInfo(`[${this.id}] suppressed: ${suppression.reason}`);
      } else {
        Annotations.of(finding.node).addError(`[${this.id}] ${finding.message} (${this.explanation}) Fix: ${this.fix}`);
      }
    }
  }

  protected abstract check(stack: TerraformStack, resources: SynthesizedResource[]): Finding[];
}

export interface SynthesizedResource {
  readonly resource: TerraformResource;
  readonly type: string;
  /** Attributes as they are written to cdk.tf.json: snake_case, references as "${type.name.attr}". */
  readonly attributes: Record<string, any>;
}

/** A stack's resources as synthesized, so rules judge exactly what Terraform will receive. */
export function resourcesOf(stack: TerraformStack): SynthesizedResource[] {
  const json = stack.toTerraform() as { resource?: Record<string, Record<string, Record<string, any>>> };
  const constructs = new Map(
    stack.node
      .findAll()
      .filter(TerraformResource.isTerraformResource)
      .map((resource) => [`${resource.terraformResourceType}.${resource.friendlyUniqueId}`, resource]),
  );
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, attributes]) => ({
      resource: constructs.get(`${type}.${name}`) as TerraformResource,
      type,
      attributes,
    })),
  );
}

/** A resource's own reference, e.g. "${azurerm_subnet.x.id}", to match against other resources' attributes. */
export function referenceTo(resource: TerraformResource, attribute = 'id'): string {
  return `\${${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}}`;
}

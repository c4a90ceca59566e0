/**
 * The JSON Schema of double-nat.config.json, generated from `DoubleNatConfig` by `npm run schema`
 * (scripts/config-schema.ts) and shipped in the package. Synth walks it for unknown keys and secret
 * settings, so those follow the types without a hand-kept copy.
 */
import schema from '../../schema/double-nat.config.schema.json';

/** The part of JSON Schema (draft-07) the generator writes and synth reads. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | string[];
  readonly properties?: { readonly [key: string]: SchemaNode };
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  /** Set by `@writeOnly` on a setting that carries a secret: no message shows its value. */
  readonly writeOnly?: boolean;
  readonly description?: string;
}

export const CONFIG_SCHEMA = schema as unknown as SchemaNode & { readonly definitions: { readonly [name: string]: SchemaNode } };

/** The node a `$ref` points at (refs are "#/definitions/<URI-encoded name>"), or the node itself. */
export function resolveSchema(node: SchemaNode): SchemaNode {
  let resolved = node;
  while (resolved.$ref) {
    const target = CONFIG_SCHEMA.definitions[decodeURIComponent(resolved.$ref.replace(/^#\/definitions\//, ''))];
    if (!target) throw new Error(`schema: no definition for ${resolved.$ref}`);
    resolved = target;
  }
  return resolved;
}

/** Names of the settings marked `@writeOnly` (secrets) anywhere in the schema. */
export function secretSettingNames(): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as SchemaNode).properties ?? {};
    for (const [key, child] of Object.entries(properties)) if (child.writeOnly) names.add(key);
    Object.values(node).forEach(visit);
  };
  visit(CONFIG_SCHEMA);
  return [...names].sort();
}

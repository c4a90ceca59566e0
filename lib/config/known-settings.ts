/**
 * Unknown keys in the configuration, found by walking it along the JSON Schema generated from its
 * types: a key is known exactly when `DoubleNatConfig` declares it, so this check, the types and
 * the editor's inline errors never disagree. Values are checked by the Azure rules in code.
 */
import { HIDDEN } from '../validation/secrets';
import { ProblemList } from '../validation/problems';
import { CONFIG_SCHEMA, SchemaNode, resolveSchema } from './config-schema';

/** Records every unknown key, and every value whose JSON type the setting does not take. */
export function checkKnownSettings(problems: ProblemList, config: unknown): void {
  walk(problems, '', config, CONFIG_SCHEMA, false);
}

function walk(problems: ProblemList, path: string, value: unknown, node: SchemaNode, underSecret: boolean): void {
  if (value === undefined) return;
  const secret = underSecret || node.writeOnly === true;
  const schema = resolveSchema(node);
  // A value of the wrong type is refused here, before any check in code sees it. A plain value given
  // to a plain, non-secret setting ("yes" for a true/false) still means that setting and is shown;
  // anything else (an object where a list belongs, holding who knows what) is named by its type only.
  const types = acceptedTypes(schema);
  if (types && !types.includes(jsonTypeOf(value))) {
    const allowed = types.map(describeType).join(' or ');
    const plain = (type: JsonType) => type !== 'array' && type !== 'object';
    if (!secret && plain(jsonTypeOf(value)) && types.every(plain)) problems.add(path, value, allowed);
    else problems.addTypeOnly(path || '(root)', value, allowed);
    return;
  }
  if (schema.type === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => walk(problems, `${path}[${i}]`, item, schema.items as SchemaNode, secret));
    return;
  }
  const shapes = objectShapes(schema);
  if (shapes.length === 0) return;
  // A union (e.g. the backend types) knows the keys of every variant; which go together is a rule in code.
  const known = new Map<string, SchemaNode>();
  for (const shape of shapes) for (const [key, child] of Object.entries(shape.properties ?? {})) if (!known.has(key)) known.set(key, child);
  const open = shapes.find((shape) => typeof shape.additionalProperties === 'object')?.additionalProperties as SchemaNode | undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childSchema = known.get(key) ?? open;
    if (childSchema) {
      walk(problems, path ? `${path}.${key}` : key, child, childSchema, secret);
    } else {
      // Never the value: a key we do not know says nothing of what its value is (a misspelt password).
      const shown = secret && !cannotBePassword(key) ? HIDDEN : key;
      problems.addTypeOnly(path ? `${path}.${shown}` : shown, child, `a known setting: this is not one (known here: ${[...known.keys()].join(', ')})`);
    }
  }
}

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** The JSON types a setting takes, or undefined when its schema does not say. */
function acceptedTypes(schema: SchemaNode): JsonType[] | undefined {
  if (schema.type !== undefined) {
    const listed = Array.isArray(schema.type) ? schema.type : [schema.type];
    return listed.map((type) => (type === 'integer' ? 'number' : type) as JsonType);
  }
  if (schema.anyOf) {
    const variants = schema.anyOf.map((variant) => acceptedTypes(resolveSchema(variant)));
    if (variants.some((types) => types === undefined)) return undefined;
    return [...new Set(variants.flat() as JsonType[])];
  }
  return undefined;
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

function describeType(type: JsonType): string {
  return { string: 'a string', number: 'a number', boolean: 'true or false', null: 'null', array: 'a list', object: 'an object' }[type];
}

/**
 * Under a secret even a key may be one (`"adminPassword": { "<the password>": true }`). A key of
 * letters only is shown ("value"): it has at most two of the four character classes, and Azure
 * refuses a VM password with fewer than three, so it is no password of a VM here.
 * https://learn.microsoft.com/azure/virtual-machines/windows/faq (password requirements)
 */
function cannotBePassword(key: string): boolean {
  return /^[A-Za-z]{1,40}$/.test(key);
}

/** The object schemas a value may match: the node itself, or the object variants of a union of objects only. */
function objectShapes(schema: SchemaNode): SchemaNode[] {
  if (schema.type === 'object') return [schema];
  if (!schema.anyOf) return [];
  const variants = schema.anyOf.map(resolveSchema);
  return variants.every((variant) => variant.type === 'object') ? variants : [];
}

/**
 * The JSON Schema of double-nat.config.json, generated from its TypeScript type (`DoubleNatConfig`),
 * the one source of truth: doc comments become descriptions, `@default` texts are added to them for
 * hover help, and every object refuses unknown keys so an editor underlines a typo.
 * `npm run schema` writes it; a test regenerates it in memory and fails when the file is stale.
 */
import * as path from 'path';
import type * as Generator from 'ts-json-schema-generator';
import type * as TypeScript from 'typescript';

/** Where the schema is committed and shipped (package.json "files"). */
export const CONFIG_SCHEMA_FILE = 'schema/double-nat.config.schema.json';

type SchemaNode = { [key: string]: unknown };

/** The generator's settings, given its defaults. */
const generatorConfig = (defaults: Generator.CompletedConfig): Generator.CompletedConfig => ({
  ...defaults,
  type: 'DoubleNatConfig',
  // `npm run typecheck` checks the types; here only their shape is read.
  skipTypeCheck: true,
  additionalProperties: false,
  jsDoc: 'extended',
  expose: 'export',
  topRef: true,
  // A generic's definition is "VmSettings<FileAdminPasswordSource>"; a $ref to it is a URI, so encoded.
  encodeRefs: true,
});

/**
 * A program of our own files only. The configuration's types use nothing from the packages they
 * import (cdktf, providers, @types), so those are read as empty files: about 1 s instead of 6 s
 * for the 400-odd declaration files tsconfig.json would load, with the same schema.
 */
function configTypesProgram(ts: typeof TypeScript, entry: string): TypeScript.Program {
  const options: TypeScript.CompilerOptions = { target: ts.ScriptTarget.ES2022, strict: true, lib: ['lib.es5.d.ts'], types: [], noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file.includes('/node_modules/') && !file.includes('/node_modules/typescript/lib/')
      ? ts.createSourceFile(file, '', language)
      : read(file, language, ...rest);
  return ts.createProgram([entry], options, host);
}

export function generateConfigSchema(root = path.resolve(__dirname, '..')): SchemaNode {
  // Loaded here, not on import: CONFIG_SCHEMA_FILE's readers need neither compiler (a second of CPU).
  const { DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser }: typeof Generator = require('ts-json-schema-generator');
  const program = configTypesProgram(require('typescript'), path.join(root, 'lib/config/app-config.ts'));
  const config = generatorConfig(DEFAULT_CONFIG);
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const generated = generator.createSchema('DoubleNatConfig') as SchemaNode;
  const schema: SchemaNode = {
    $schema: generated.$schema,
    title: 'double-nat.config.json',
    description: 'Configuration of the double NAT app: one provider stack (VNet-B, its load balancer, VMs and Private Link Service) and one stack per consumer (VNet-A, VM-A, private endpoint). Every setting is optional.',
    $ref: generated.$ref,
    definitions: generated.definitions,
  };
  visit(schema, (node) => showDefault(node, generated.definitions as Record<string, SchemaNode>));
  return schema;
}

/** The file's text: stable key order as generated, two-space indent, final newline. */
export function configSchemaText(schema: SchemaNode): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function visit(node: unknown, fn: (node: SchemaNode) => void): void {
  if (typeof node !== 'object' || node === null) return;
  if (!Array.isArray(node)) fn(node as SchemaNode);
  Object.values(node).forEach((child) => visit(child, fn));
}

/**
 * Editors show `description` on hover but not `default`, and insert `default` on completion. So the
 * `@default` text goes into the description, and `default` stays only when it is a value of the
 * setting's type (a test validates each one left). The generator keeps a text it cannot parse as a
 * string: prose ("- the subnet's .5", '"vm-a" on the consumer side'); placeholders ("<name>-nic")
 * are no value to insert either.
 */
function showDefault(node: SchemaNode, definitions: Record<string, SchemaNode>): void {
  if (!('default' in node)) return;
  const value = node.default;
  const prose = typeof value === 'string' && (value.startsWith('- ') || /[<"]/.test(value));
  const text = prose ? (value as string).replace(/^- /, '') : JSON.stringify(value);
  node.description = [node.description, `Default: ${text}`].filter(Boolean).join('\n\n');
  if (prose || !hasJsonType(node, value, definitions)) delete node.default;
}

/** True when the value has the JSON type of the node (through references and unions). */
function hasJsonType(node: SchemaNode, value: unknown, definitions: Record<string, SchemaNode>): boolean {
  if (typeof node.$ref === 'string') return hasJsonType(definitions[decodeURIComponent(node.$ref.replace('#/definitions/', ''))], value, definitions);
  if (Array.isArray(node.anyOf)) return node.anyOf.some((variant: SchemaNode) => hasJsonType(variant, value, definitions));
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return node.type === type || (node.type === 'integer' && Number.isInteger(value));
}

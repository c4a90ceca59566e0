/**
 * The configuration file's JSON Schema: generated from the types and committed (a stale file
 * fails), shipped, complete enough for an editor (descriptions, defaults, no unknown keys), and the
 * same list of keys that synth accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { DoubleNatConfig } from '../lib/config/app-config';
import { checkConfig } from '../lib/config/check-config';
import { CONFIG_SCHEMA } from '../lib/config/config-schema';
import { loadConfig } from '../lib/config/load-config';
import { formatProblem } from '../lib/validation/problems';
import { SECRET_SETTINGS } from '../lib/validation/secrets';
import { CONFIG_SCHEMA_FILE, configSchemaText, generateConfigSchema } from '../scripts/config-schema';

const root = path.resolve(__dirname, '..');
const committed = fs.readFileSync(path.join(root, CONFIG_SCHEMA_FILE), 'utf8');
const schema = JSON.parse(committed);
const validate = new Ajv({ allErrors: true }).compile(schema);
const examplesDir = path.join(root, 'examples');
const exampleFiles = fs
  .readdirSync(examplesDir)
  .map((name) => path.join(examplesDir, name, 'double-nat.config.json'))
  .filter((file) => fs.existsSync(file));

/** Every object node of the schema with its JSON pointer. */
function nodes(node: unknown, pointer = ''): [string, Record<string, any>][] {
  if (typeof node !== 'object' || node === null) return [];
  const own: [string, Record<string, any>][] = Array.isArray(node) ? [] : [[pointer, node as Record<string, any>]];
  return own.concat(Object.entries(node).flatMap(([key, child]) => nodes(child, `${pointer}/${key}`)));
}


const synthProblems = (config: unknown) => checkConfig(config as DoubleNatConfig).map(formatProblem);

test(`${CONFIG_SCHEMA_FILE} is what \`npm run schema\` makes of the types today`, () => {
  expect(committed).toBe(configSchemaText(generateConfigSchema(root)));
});

test('synth reads the same schema the package ships', () => {
  expect(CONFIG_SCHEMA).toEqual(schema);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  // The committed file for users' "$schema", and the copy the build emits beside dist/lib for synth.
  expect(pkg.files).toEqual(expect.arrayContaining(['schema', 'dist/lib', 'dist/schema']));
});

describe('what an editor needs', () => {
  const objects = nodes(schema).filter(([, node]) => node.type === 'object' && node.properties);

  test('draft-07, which VS Code reads', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  test('every object refuses unknown keys, so a typo is underlined', () => {
    expect(objects.length).toBeGreaterThan(15);
    for (const [pointer, node] of objects) expect([pointer, node.additionalProperties]).toEqual([pointer, false]);
  });

  test('every setting has hover text, and its @default text is in it', () => {
    const settings = objects.flatMap(([pointer, node]) => Object.entries<any>(node.properties).map(([key, child]) => [`${pointer}/${key}`, child] as const));
    // A union's discriminator ("type": "azurerm") shows its constant instead.
    expect(settings.filter(([, child]) => !child.description && child.const === undefined).map(([pointer]) => pointer)).toEqual([]);
    const vm = schema.definitions['VmSettings<FileAdminPasswordSource>'].properties;
    expect(vm.size.description).toBe('VM size.\n\nDefault: "Standard_B2s"');
    expect(vm.size.default).toBe('Standard_B2s');
    expect(vm.privateIp.description).toBe('Static private IP of the NIC, or "Dynamic".\n\nDefault: the side\'s next free address');
    // Prose is no value: an editor would insert it on completion.
    expect(vm.privateIp.default).toBeUndefined();
    expect(vm.name.default).toBeUndefined();
    expect(schema.definitions.NatIpSettings.properties.primary.default).toBeUndefined();
  });

  test('every default left in the schema is a valid value of its setting', () => {
    const withDefault = nodes(schema).filter(([, node]) => 'default' in node);
    expect(withDefault.length).toBeGreaterThan(20);
    // One schema with every setting that has a default as a property, and one object of the defaults.
    const all = { definitions: schema.definitions, type: 'object', properties: Object.fromEntries(withDefault) };
    const check = new Ajv({ strict: false, allErrors: true }).compile(all);
    check(Object.fromEntries(withDefault.map(([pointer, node]) => [pointer, node.default])));
    expect(check.errors ?? []).toEqual([]);
  });

  test('a password source in the file is "generated" or "variable", never a literal value', () => {
    const variants = schema.definitions.FileAdminPasswordSource.anyOf.map((v: any) => v.properties.source.const);
    expect(variants).toEqual(['generated', 'variable']);
    expect(validate({ provider: { backendVms: [{ adminPassword: { source: 'value', value: 'Not-In-A-File-1' } }] } })).toBe(false);
  });

  test('the secret settings are the ones marked @writeOnly', () => {
    expect(SECRET_SETTINGS).toEqual(['adminPassword']);
    expect(nodes(schema).filter(([, node]) => node.writeOnly).map(([pointer]) => pointer)).toEqual([
      '/definitions/VmSettings<FileAdminPasswordSource>/properties/adminPassword',
    ]);
  });
});

describe('examples', () => {
  test.each(exampleFiles.map((file) => path.relative(root, file)))('%s names the schema and validates against it', (file) => {
    const config = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
    expect(path.resolve(path.dirname(path.join(root, file)), config.$schema)).toBe(path.join(root, CONFIG_SCHEMA_FILE));
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  test('there are examples to check', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(5);
  });
});

describe('a typo in a key is flagged by the schema as by synth', () => {
  const typos: [string, object, string][] = [
    ['top level', { consumer: [] }, 'configuration: consumer = [] must be a known setting: this is not one (known here: $schema, backend, provider, consumers)'],
    ['provider', { provider: { frontendIP: '10.1.0.4' } }, 'configuration: provider.frontendIP = "10.1.0.4" must be a known setting'],
    ['a list item', { provider: { inboundNatRules: [{ name: 'RDP', frontendPort: 3389, backendport: 3389 }] } }, 'provider.inboundNatRules[0].backendport = 3389 must be a known setting'],
    ['deep', { consumers: [{ privateEndpoint: { manualAproval: true } }] }, 'consumers[0].privateEndpoint.manualAproval = true must be a known setting: this is not one (known here: name, privateIp, manualApproval,'],
    ['a VM', { consumers: [{ clientVm: { imgae: {} } }] }, 'consumers[0].clientVm.imgae = {} must be a known setting'],
    ['a union (backend)', { backend: { type: 'azurerm', containername: 'tfstate' } }, 'backend.containername = "tfstate" must be a known setting'],
    ['the password source', { provider: { backendVms: [{ adminPassword: { source: 'variable', variablename: 'pw' } }] } }, 'provider.backendVms[0].adminPassword.variablename = "(hidden)" must be a known setting'],
  ];
  test.each(typos)('%s', (_, config, message) => {
    expect(validate(config)).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ keyword: 'additionalProperties' })]));
    expect(synthProblems(config)).toEqual([expect.stringContaining(message)]);
  });

  test('without the typo both accept it', () => {
    const config = { $schema: './schema.json', provider: { frontendIp: '10.1.0.4' }, consumers: [{ privateEndpoint: { manualApproval: true } }] };
    expect(validate(config)).toBe(true);
    expect(synthProblems(config)).toEqual([]);
  });
});

describe('the key walk', () => {
  test('tags take any name; an object or a list given as something else is named', () => {
    expect(synthProblems({ provider: { tags: { 'cost-center': '42', owner: 'ops' } } })).toEqual([]);
    expect(synthProblems({ provider: [] })).toEqual(['configuration: provider = [] must be an object']);
    expect(synthProblems({ consumers: { name: 'a' } })).toEqual(['configuration: consumers = {"name":"a"} must be a list']);
    expect(synthProblems('nothing')).toEqual(['configuration: (root) = "nothing" must be an object']);
  });

  test('the loader accepts the "$schema" line of every example', () => {
    for (const file of exampleFiles) {
      const { config } = loadConfig(root, { DOUBLE_NAT_CONFIG: file });
      expect(config.$schema).toBe('../../schema/double-nat.config.schema.json');
      expect(checkConfig(config)).toEqual([]);
    }
  });
});

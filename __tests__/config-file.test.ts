/**
 * The configuration file, double-nat.config.json.
 * Its JSON Schema: generated from the types and committed (a stale file fails), shipped, complete
 * enough for an editor (descriptions, defaults, no unknown keys), and the same keys synth accepts.
 * No secret in any message: a value under a secret-bearing setting (marked @writeOnly in the types)
 * never appears in a problem, on any error path: wrong type, unknown key, bad shape, a misspelt key,
 * a value that holds the setting, and a file that is not JSON (the constructs' own checks are in
 * validation.test.ts). One file for both, so the modules they share load once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { DoubleNatConfig } from '../lib/config/app-config';
import { checkConfig } from '../lib/config/check-config';
import { CONFIG_SCHEMA, SchemaNode, resolveSchema } from '../lib/config/config-schema';
import { findJsonSyntaxError } from '../lib/config/json-syntax';
import { loadConfig } from '../lib/config/load-config';
import { DoubleNatValidationError, formatProblem } from '../lib/validation/problems';
import { SECRET_SETTINGS } from '../lib/validation/secrets';
import { CONFIG_SCHEMA_FILE, configSchemaText, generateConfigSchema } from '../scripts/config-schema';
import { expectNoPieceOf, secretMarker as marker } from './helpers/secret-marker';

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

// No secret in any message.

/** Where in the file each secret-bearing setting can be, from the schema: "provider.backendVms[].adminPassword", ... */
function secretPaths(node: SchemaNode = CONFIG_SCHEMA, at: string[] = []): string[][] {
  const schema = resolveSchema(node);
  if (schema.type === 'array' && schema.items) return secretPaths(schema.items, [...at, '[]']);
  const shapes = schema.type === 'object' ? [schema] : (schema.anyOf ?? []).map(resolveSchema);
  return shapes.flatMap((shape) =>
    Object.entries(shape.properties ?? {}).flatMap(([key, child]) => (child.writeOnly ? [[...at, key]] : secretPaths(child, [...at, key]))),
  );
}

/** `config` with `value` put at `at` (a "[]" step is the list's first item). */
function placed(at: string[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [step, ...rest] = at;
  return step === '[]' ? [placed(rest, value)] : { [step]: placed(rest, value) };
}

const SECRET_AT = secretPaths();

/** Every way a secret can be given wrongly under a secret setting. */
const wrongSecret = (secret: string): [string, unknown][] => [
  ['a literal string', secret],
  ['a list', [secret]],
  ['an unknown source', { source: 'literal', value: secret }],
  ['the code-only source in a file', { source: 'value', value: secret }],
  ['the secret as the source', { source: secret }],
  ['the secret as the variable name', { source: 'variable', variableName: secret }],
  ['the secret as a key', { [secret]: true }],
  ['an extra key', { source: 'generated', note: secret }],
  ['nested deeper', { source: { value: secret } }],
];

/** The secret placed so that a setting above it is wrong: the whole value would be shown. */
const wrongAround = (secret: string): [string, unknown][] => [
  ['provider as a list', { provider: [{ backendVms: [{ adminPassword: secret }] }] }],
  ['backendVms as an object', { provider: { backendVms: { adminPassword: secret } } }],
  ['consumers as an object', { consumers: { clientVm: { adminPassword: secret } } }],
  ['a misspelt setting', { provider: { backendVms: [{ adminPasword: secret }] } }],
  ['an invented setting', { consumers: [{ clientVm: { password: secret } }] }],
];

function messagesOf(config: unknown): string[] {
  return checkConfig(config as DoubleNatConfig).map(formatProblem);
}

test('the places of the secret settings in the file are found in the schema', () => {
  expect(SECRET_AT.map((at) => at.join('.'))).toEqual(['provider.backendVms.[].adminPassword', 'consumers.[].clientVm.adminPassword']);
});

test('every secret setting, every wrong shape: the problem is reported, the secret never shown', () => {
  fc.assert(
    fc.property(marker, (secret) => {
      for (const [at, value] of SECRET_AT.flatMap((at) => wrongSecret(secret).map(([, value]) => [at, value] as const))) {
        const problems = checkConfig(placed(at, value) as DoubleNatConfig);
        expect(problems.length).toBeGreaterThan(0);
        expectNoPieceOf(secret, JSON.stringify(problems));
        expectNoPieceOf(secret, problems.map(formatProblem).join('\n'));
        expectNoPieceOf(secret, new DoubleNatValidationError(problems).message);
      }
    }),
    // The settings and shapes are enumerated in full; runs vary only the secret's characters.
    { numRuns: 10 },
  );
});

test('a secret inside a wrong value above it, or under a misspelt key, is hidden too', () => {
  fc.assert(
    fc.property(marker, (secret) => {
      for (const [, config] of wrongAround(secret)) {
        const messages = messagesOf(config);
        expect(messages.length).toBeGreaterThan(0);
        expectNoPieceOf(secret, messages.join('\n'));
      }
    }),
    { numRuns: 10 },
  );
});

describe('a file that is not JSON', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-secret-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const load = (text: string) => {
    fs.writeFileSync(path.join(dir, 'double-nat.config.json'), text);
    return () => loadConfig(dir, {});
  };

  test('is reported by line and column, never by its text', () => {
    fc.assert(
      fc.property(marker, fc.constantFrom(0, 1, 2, 3), (secret, broken) => {
        const texts = [
          `{\n  "provider": {\n    "backendVms": [{ "adminPassword": ${secret} }]\n  }\n}\n`,
          `{ "provider": { "backendVms": [{ "adminPassword": "${secret}\n" }] } }`,
          `{ "consumers": [{ "clientVm": { "adminPassword": { "source": "variable", "variableName": "${secret}", } } }] }`,
          `{ "consumers": [{ "clientVm": { "adminPassword": "${secret}" "name": "vm-a" } }] }`,
        ];
        const read = load(texts[broken]);
        expect(read).toThrow(DoubleNatValidationError);
        expect(read).toThrow(/double-nat\.config\.json: line \d+, column \d+ = "\(hidden\)" must be .+ \(valid JSON\)/);
        try {
          read();
        } catch (error) {
          expectNoPieceOf(secret, (error as Error).message);
        }
      }),
      // Four broken texts; runs vary which, and the secret's characters.
      { numRuns: 20 },
    );
  });

  test('says where and what JSON expects there', () => {
    expect(load('{\n  "provider": {\n    "frontendIp": "10.1.0.4",\n  }\n}\n')).toThrow(
      'double-nat.config.json: line 4, column 3 = "(hidden)" must be another entry after ",", or no "," before "}" (valid JSON)',
    );
    expect(load('{ "provider": { "location" "japaneast" } }')).toThrow('line 1, column 28 = "(hidden)" must be ":" after the setting name (valid JSON)');
    expect(findJsonSyntaxError('{"a": [1, 2, {"b": null}], "c": -1.5e3, "d": "\\u00e9\\n"}')).toBeUndefined();
    expect(findJsonSyntaxError('{"a": 1} 2')).toEqual({ line: 1, column: 10, expected: 'the end of the file: one JSON value only' });
    expect(findJsonSyntaxError('')).toEqual({ line: 1, column: 1, expected: expect.stringContaining('before the end of the file') });
    // Too deep for the position scan: still refused, without a position and without the text.
    expect(load(`${'['.repeat(100000)}"Zq7!deep`)).toThrow('double-nat.config.json: (file) = "(hidden)" must be valid JSON');
  });
});

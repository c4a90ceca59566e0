/**
 * The configuration file, double-nat.config.json.
 * Its JSON Schema: generated from the types and committed (integration/generated-schema.test.ts
 * fails a stale file: it runs the TypeScript compiler), shipped, complete
 * enough for an editor (descriptions, defaults, no unknown keys), and the same keys synth accepts.
 * No secret in any message: a value under a secret-bearing setting (marked @writeOnly in the types)
 * never appears in a problem, on any error path: wrong type, unknown key, bad shape, a misspelt key,
 * a value that holds the setting, and a file that is not JSON (the constructs' own checks are in
 * rules/validation.ts). One file for both, so the modules they share load once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { DoubleNatConfig } from '../../lib/config/app-config';
import { checkConfig } from '../../lib/config/check-config';
import { CONFIG_SCHEMA, SchemaNode, resolveSchema, secretSettingNames } from '../../lib/config/config-schema';
import { findJsonSyntaxError } from '../../lib/config/json-syntax';
import { loadConfig } from '../../lib/config/load-config';
import { DoubleNatValidationError, formatProblem } from '../../lib/validation/problems';
import { SECRET_SETTINGS } from '../../lib/validation/secrets';
import { CONFIG_SCHEMA_FILE } from '../../scripts/config-schema';
import { propertyRuns } from '../helpers/property-runs';
import { expectNoPieceOf, secretMarker as marker } from '../helpers/secret-marker';

const root = path.resolve(__dirname, '..', '..');
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

  test('the secret settings the problem messages hide are every setting the schema marks @writeOnly', () => {
    // validation/secrets.ts names them without reading the schema; this holds the two together.
    expect([...SECRET_SETTINGS].sort()).toEqual(secretSettingNames());
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
    ['top level', { consumer: [] }, 'configuration: consumer (a list) must be a known setting: this is not one (known here: $schema, backend, provider, consumers)'],
    ['provider', { provider: { frontendIP: '10.1.0.4' } }, 'configuration: provider.frontendIP (a string) must be a known setting'],
    ['a list item', { provider: { inboundNatRules: [{ name: 'RDP', frontendPort: 3389, backendport: 3389 }] } }, 'provider.inboundNatRules[0].backendport (a number) must be a known setting'],
    ['deep', { consumers: [{ privateEndpoint: { manualAproval: true } }] }, 'consumers[0].privateEndpoint.manualAproval (a boolean) must be a known setting: this is not one (known here: name, privateIp, manualApproval,'],
    ['a VM', { consumers: [{ clientVm: { imgae: {} } }] }, 'consumers[0].clientVm.imgae (an object) must be a known setting'],
    ['a union (backend)', { backend: { type: 'azurerm', containername: 'tfstate' } }, 'backend.containername (a string) must be a known setting'],
    ['the password source', { provider: { backendVms: [{ adminPassword: { source: 'variable', variablename: 'pw' } }] } }, 'provider.backendVms[0].adminPassword.variablename (a string) must be a known setting'],
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
    expect(synthProblems({ provider: [] })).toEqual(['configuration: provider (a list) must be an object']);
    expect(synthProblems({ consumers: { name: 'a' } })).toEqual(['configuration: consumers (an object) must be a list']);
    expect(synthProblems('nothing')).toEqual(['configuration: (root) (a string) must be an object']);
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

// A key we do not know, or a value of a type its setting does not take, is of unknown meaning: the
// message names its path and JSON type, never its value.

/** Every object of the file, from the schema: where it is ("[]" a list's first item), its keys, and whether it is inside a secret. */
function objectsOfFile(node: SchemaNode = CONFIG_SCHEMA, at: string[] = [], underSecret = false): { at: string[]; known: string[]; underSecret: boolean }[] {
  const schema = resolveSchema(node);
  if (schema.type === 'array' && schema.items) return objectsOfFile(schema.items, [...at, '[]'], underSecret);
  const shapes = schema.type === 'object' ? [schema] : (schema.anyOf ?? []).map(resolveSchema).filter((shape) => shape.type === 'object');
  // An open map (tags) takes any key: a misspelling is no unknown key there (its values are checked by type below).
  if (shapes.length === 0 || shapes.some((shape) => typeof shape.additionalProperties === 'object')) return [];
  const properties = shapes.flatMap((shape) => Object.entries(shape.properties ?? {}));
  const here = { at, known: [...new Set(properties.map(([key]) => key))], underSecret };
  return [here, ...properties.flatMap(([key, child]) => objectsOfFile(child, [...at, key], underSecret || child.writeOnly === true))];
}

/** Every setting of the file with the JSON types it takes (integer counted as number). */
function settingsOfFile(node: SchemaNode = CONFIG_SCHEMA, at: string[] = [], underSecret = false): { at: string[]; types: string[]; secret: boolean }[] {
  const schema = resolveSchema(node);
  const typesOf = (n: SchemaNode): string[] => {
    const resolved = resolveSchema(n);
    if (resolved.type) return ([] as string[]).concat(resolved.type).map((t) => (t === 'integer' ? 'number' : t));
    return (resolved.anyOf ?? []).flatMap(typesOf);
  };
  const shapes = schema.type === 'object' ? [schema] : (schema.anyOf ?? []).map(resolveSchema).filter((shape) => shape.type === 'object');
  const children = schema.type === 'array' && schema.items ? [['[]', schema.items] as const] : shapes.flatMap((shape) => Object.entries(shape.properties ?? {}));
  return children.flatMap(([key, child]) => {
    const secret = underSecret || child.writeOnly === true;
    const own = key === '[]' ? [] : [{ at: [...at, key], types: typesOf(child), secret }];
    return [...own, ...settingsOfFile(child, [...at, key], secret)];
  });
}

const OBJECTS = objectsOfFile();
const SETTINGS = settingsOfFile();
const pathText = (at: string[]) => at.map((step, i) => (step === '[]' ? '[0]' : i === 0 ? step : `.${step}`)).join('').replace(/^\./, '');

/** Misspellings of a secret setting's name: the ones users make, and random one-letter slips. */
const typoOf = (key: string) =>
  fc.oneof(
    fc.constantFrom('adminPassowrd', 'adminKennwort', 'adminPw', 'passphrase', 'AdminPassword', 'admin_password', 'password', 'adminpassword'),
    fc.nat(key.length - 1).map((i) => key.slice(0, i) + key.slice(i + 1)),
    fc.tuple(fc.nat(key.length), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_-0123456789')).map(([i, c]) => key.slice(0, i) + c + key.slice(i)),
    fc.tuple(fc.nat(key.length - 1), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzQWZ')).map(([i, c]) => key.slice(0, i) + c + key.slice(i + 1)),
    fc.nat(key.length - 2).map((i) => key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2)),
  );

/** The secret as a value of every JSON type (true, false and null carry none, but are named by type too). */
const secretAs = (secret: string, digits: number): [string, unknown][] => [
  ['a string', secret],
  ['a number', digits],
  ['a list', [secret]],
  ['an object', { value: secret }],
  ['an object', { [secret]: true }],
  ['an object', { source: 'value', value: [{ deeper: secret }] }],
  ['a boolean', true],
  ['null', null],
];

test('the places for a misspelt key: every object of the file, at every depth', () => {
  expect(OBJECTS.map((o) => pathText(o.at))).toEqual(expect.arrayContaining(['', 'provider', 'provider.backendVms[0]', 'consumers[0].clientVm', 'consumers[0].clientVm.image', 'backend']));
  expect(OBJECTS.length).toBeGreaterThan(20);
});

test('a misspelt secret key at any depth, holding any JSON type: named by path and type, the value never shown', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SECRET_SETTINGS).chain(typoOf), marker, fc.integer({ min: 100_000_000, max: 2_147_483_647 }), fc.constantFrom(...OBJECTS), (typo, secret, digits, where) => {
      fc.pre(typo !== '' && !where.known.includes(typo));
      for (const [type, value] of secretAs(secret, digits)) {
        const problems = checkConfig(placed([...where.at, typo], value) as DoubleNatConfig);
        const text = [problems.map(formatProblem).join('\n'), JSON.stringify(problems), problems.length ? new DoubleNatValidationError(problems).message : ''].join('\n');
        expectNoPieceOf(secret, text);
        expectNoPieceOf(String(digits), text);
        // Inside a secret even the key may be the password: there it is hidden unless it cannot be one.
        const key = where.underSecret && !/^[A-Za-z]{1,40}$/.test(typo) ? '(hidden)' : typo;
        expect(problems.map(formatProblem)).toEqual([`configuration: ${pathText([...where.at, key])} (${type}) must be a known setting: this is not one (known here: ${where.known.join(', ')})`]);
      }
    }),
    { numRuns: propertyRuns(200) },
  );
});

test('any setting given a list or an object of the wrong type, holding a secret: named by path and type only', () => {
  fc.assert(
    fc.property(marker, fc.constantFrom(...SETTINGS), (secret, setting) => {
      const wrong: [string, string, unknown][] = [
        ['array', 'a list', [secret]],
        ['object', 'an object', { adminKennwort: secret }],
        // A plain value is shown only for a plain setting that is not a secret: here it is neither.
        ...(setting.secret || setting.types.some((t) => t === 'array' || t === 'object') ? [['string', 'a string', secret] as [string, string, unknown]] : []),
      ];
      for (const [jsonType, type, value] of wrong.filter(([jsonType]) => !setting.types.includes(jsonType))) {
        const messages = checkConfig(placed(setting.at, value) as DoubleNatConfig).map(formatProblem);
        expectNoPieceOf(secret, messages.join('\n'));
        expect({ jsonType, messages }).toEqual({ jsonType, messages: expect.arrayContaining([expect.stringContaining(`(${type}) must be `)]) });
      }
    }),
    { numRuns: propertyRuns(300) },
  );
});

test('the cases of the report: each refused by path and type, the password nowhere', () => {
  const secret = 'Zq7!Kennw0rt-Report';
  const cases: [unknown, string][] = [
    [{ consumers: [{ clientVm: { adminPassowrd: secret } }] }, 'configuration: consumers[0].clientVm.adminPassowrd (a string) must be a known setting'],
    [{ consumers: [{ clientVm: { adminKennwort: secret } }] }, 'configuration: consumers[0].clientVm.adminKennwort (a string) must be a known setting'],
    [{ provider: { backendVms: [{ adminPw: secret }] } }, 'configuration: provider.backendVms[0].adminPw (a string) must be a known setting'],
    [{ passphrase: secret }, 'configuration: passphrase (a string) must be a known setting: this is not one (known here: $schema, backend, provider, consumers)'],
    [{ consumers: { clientVm: { adminKennwort: secret } } }, 'configuration: consumers (an object) must be a list'],
    [{ provider: { location: { adminKennwort: secret } } }, 'configuration: provider.location (an object) must be a string'],
    [{ provider: { tags: { adminPw: [secret] } } }, 'configuration: provider.tags.adminPw (a list) must be a string'],
  ];
  for (const [config, message] of cases) {
    const messages = messagesOf(config);
    expect(messages).toEqual([expect.stringContaining(message)]);
    expectNoPieceOf(secret, messages.join('\n'));
  }
});

test('a plain value given to a plain setting that is no secret still shows, as it means that setting', () => {
  expect(messagesOf({ consumers: [{ privateEndpoint: { manualApproval: 'yes' } }] })).toEqual([
    'configuration: consumers[0].privateEndpoint.manualApproval = "yes" must be true or false',
  ]);
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

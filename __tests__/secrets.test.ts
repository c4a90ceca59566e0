/**
 * No secret in any message: a value under a secret-bearing setting (marked @writeOnly in the types)
 * never appears in a problem, on any error path: wrong type, unknown key, bad shape, a misspelt key,
 * a value that holds the setting, the constructs' own checks, and a file that is not JSON.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import fc from 'fast-check';
import { DoubleNatConfig } from '../lib/config/app-config';
import { checkConfig } from '../lib/config/check-config';
import { CONFIG_SCHEMA, SchemaNode, resolveSchema } from '../lib/config/config-schema';
import { loadConfig } from '../lib/config/load-config';
import { findJsonSyntaxError } from '../lib/config/json-syntax';
import { ConsumerSide } from '../lib/consumer-side/consumer-side';
import { ProviderSide } from '../lib/provider-side/provider-side';
import { DoubleNatValidationError, formatProblem } from '../lib/validation/problems';
import { SECRET_SETTINGS } from '../lib/validation/secrets';
import { expectNoPieceOf, secretMarker as marker } from './helpers/secret-marker';
import { testApp } from './helpers/test-app';

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

test('the secret settings are found in the schema', () => {
  expect(SECRET_SETTINGS).toEqual(['adminPassword']);
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
    { numRuns: 12 },
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
    { numRuns: 20 },
  );
});

test('the constructs hide it as well, and a problem built by hand is hidden when thrown', () => {
  fc.assert(
    fc.property(marker, (secret) => {
      const attempts = [
        () => new ProviderSide(new TerraformStack(testApp(), 'p'), 'side', { resourceGroupName: 'rg', backendVms: [{ adminPassword: secret as never }] }),
        () => new ProviderSide(new TerraformStack(testApp(), 'p'), 'side', { resourceGroupName: 'rg', backendVms: [{ adminPassword: { source: secret } as never }] }),
        () => new ConsumerSide(new TerraformStack(testApp(), 'c'), 'side', { resourceGroupName: 'rg', privateLinkServiceAlias: 'pls.alias', clientVm: { adminPassword: { source: 'value', value: secret.slice(0, 8) } } }),
        () => {
          throw new DoubleNatValidationError([{ where: 'app', prop: 'vm.adminPassword', value: secret, allowed: 'x' }]);
        },
      ];
      for (const attempt of attempts) {
        expect(attempt).toThrow(DoubleNatValidationError);
        try {
          attempt();
        } catch (error) {
          expectNoPieceOf(secret, (error as Error).message);
          expectNoPieceOf(secret, JSON.stringify((error as DoubleNatValidationError).problems));
        }
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
      { numRuns: 40 },
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

/**
 * The transpile cache behind `cdktf synth`: the store (scripts/transpile-cache-store.js) with a
 * counting fake transpiler, in-process; then the real hook (scripts/transpile-cache.js) through
 * the app command of cdktf.json, beside another `-r` hook, in child processes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from './helpers/run-typescript';

// Child processes: a busy machine can slow them well past jest's 5 s default; no test measures time.
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..');
// The store is plain JavaScript (it runs before TypeScript can); this is the part of it tested here.
const { createTranspileCache, fingerprintOf } = require('../scripts/transpile-cache-store') as {
  createTranspileCache(options: { directory: string; fingerprint: () => string; transpile: (source: string, filename: string) => string }): {
    compiled(filename: string): string;
  };
  fingerprintOf(options: { files: string[]; packages: string[]; root: string; env: Record<string, string | undefined> }): string;
};

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function temporaryFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-transpile-cache-'));
  made.push(dir);
  return dir;
}

/** A store over one source file, whose fake transpiler upper-cases the source and counts its calls. */
function storeFixture(fingerprint = 'options A') {
  const dir = temporaryFolder();
  const source = path.join(dir, 'value.ts');
  fs.writeFileSync(source, 'export const value = 1;');
  const cacheDir = path.join(dir, 'cache');
  const calls: string[] = [];
  const store = (options = fingerprint, directory = cacheDir) =>
    createTranspileCache({ directory, fingerprint: () => options, transpile: (text) => (calls.push(text), text.toUpperCase()) });
  const entries = () => fs.readdirSync(cacheDir).map((name) => path.join(cacheDir, name));
  return { source, cacheDir, calls, store, entries };
}

describe('the store', () => {
  test('transpiles a file once while its content is unchanged, and again after an edit', () => {
    const { source, calls, store, entries } = storeFixture();
    expect(store().compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(store().compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(calls).toHaveLength(1);
    fs.writeFileSync(source, 'export const value = 2;');
    expect(store().compiled(source)).toBe('EXPORT CONST VALUE = 2;');
    expect(calls).toHaveLength(2);
    expect(entries()).toHaveLength(2);
  });

  test('other transpile options never share entries', () => {
    const { source, calls, store, entries } = storeFixture();
    store('options A').compiled(source);
    store('options B').compiled(source);
    store('options A').compiled(source);
    expect(calls).toHaveLength(2);
    expect(entries()).toHaveLength(2);
  });

  test.each([
    ['cut short', (entry: string) => entry.slice(0, 70)],
    ['altered after its checksum was written', (entry: string) => entry.replace('VALUE', 'BROKEN')],
    ['left empty', () => ''],
  ])('an entry %s is transpiled again and repaired, never used', (_, damage) => {
    const { source, calls, store, entries } = storeFixture();
    store().compiled(source);
    const [entry] = entries();
    fs.writeFileSync(entry, damage(fs.readFileSync(entry, 'utf8')));
    expect(store().compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(store().compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(calls).toHaveLength(2);
    expect(entries()).toEqual([entry]);
  });

  test('the fingerprint changes with the tsconfig text, a TS_NODE_ option or a transpiler version', () => {
    const tsconfig = path.join(temporaryFolder(), 'tsconfig.json');
    fs.writeFileSync(tsconfig, '{ "compilerOptions": { "target": "ES2022" } }');
    const of = (env: Record<string, string> = {}, packages = ['ts-node']) => fingerprintOf({ files: [tsconfig], packages, root, env });
    const before = of({ PATH: '/bin' });
    expect(of({ PATH: '/usr/bin' })).toBe(before);
    expect(of({ TS_NODE_COMPILER_OPTIONS: '{"target":"ES5"}' })).not.toBe(before);
    expect(of({}, ['typescript'])).not.toBe(before);
    expect(before).toContain(`ts-node@${require('ts-node/package.json').version}`);
    fs.writeFileSync(tsconfig, '{ "compilerOptions": { "target": "ES5" } }');
    expect(of()).not.toBe(before);
  });

  test('a cache folder that cannot be written only costs time, and leaves no temporary file', () => {
    const { source, cacheDir, calls, store } = storeFixture();
    fs.writeFileSync(cacheDir, 'a file where the cache folder should be');
    expect(store().compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(store(undefined, path.join(cacheDir, 'below-a-file')).compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(calls).toHaveLength(2);
    expect(fs.readdirSync(path.dirname(cacheDir)).sort()).toEqual(['cache', 'value.ts']);
  });
});

/** Whether the program that runs this line has loaded ts-node (the cold path) or not (all cached). */
const TS_NODE_LOADED = 'Object.keys(require.cache).some((file: string) => /[\\\\/]ts-node[\\\\/]/.test(file))';

test('the app command of cdktf.json picks up an edit at the next synth, never loads ts-node when nothing changed, and leaves module resolution to another -r hook', async () => {
  // A minimal CDKTF project laid out like this one: the same cdktf.json app command, hook and tsconfig.
  const dir = temporaryFolder();
  const app = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app as string;
  fs.mkdirSync(path.join(dir, 'scripts'));
  for (const file of ['transpile-cache.js', 'transpile-cache-store.js']) fs.copyFileSync(path.join(root, 'scripts', file), path.join(dir, 'scripts', file));
  fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  // As a second framework flavour would run it: a hook mapping the framework's module name, first,
  // through NODE_OPTIONS. Here 'the-framework' resolves to cdktf only through that mapping.
  const mapper = path.join(dir, 'map-framework.js');
  fs.writeFileSync(
    mapper,
    [
      "const Module = require('module');",
      'const resolve = Module._resolveFilename;',
      "Module._resolveFilename = function (request, ...rest) { return resolve.call(this, request === 'the-framework' ? 'cdktf' : request, ...rest); };",
      '',
    ].join('\n'),
  );
  const setValue = (value: string) => fs.writeFileSync(path.join(dir, 'value.ts'), `export const value: string = ${JSON.stringify(value)};\n`);
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    [
      "import { App, TerraformOutput, TerraformStack } from 'the-framework';",
      "import { value } from './value';",
      'const app = new App();',
      "const stack = new TerraformStack(app, 'edited');",
      "new TerraformOutput(stack, 'value', { value });",
      `new TerraformOutput(stack, 'ts_node_loaded', { value: ${TS_NODE_LOADED} });`,
      'app.synth();',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, DOUBLE_NAT_TS_CACHE: path.join(dir, 'cache'), CDKTF_OUTDIR: path.join(dir, 'out'), NODE_OPTIONS: `-r ${mapper}` };
  const synth = async () => {
    const result = await run('sh', ['-c', app], { cwd: dir, env });
    expect(result.stderr).toBe('');
    const output = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'stacks', 'edited', 'cdk.tf.json'), 'utf8')).output;
    return { value: output.value.value, tsNodeLoaded: output.ts_node_loaded.value };
  };
  setValue('before the edit');
  expect(await synth()).toEqual({ value: 'before the edit', tsNodeLoaded: true });
  expect(await synth()).toEqual({ value: 'before the edit', tsNodeLoaded: false });
  setValue('after the edit');
  expect(await synth()).toEqual({ value: 'after the edit', tsNodeLoaded: true });
});

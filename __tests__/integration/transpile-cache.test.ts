/**
 * The transpile cache behind `cdktf synth`: the store (scripts/transpile-cache-store.js) with a
 * counting fake transpiler, in-process; then the real hook (scripts/transpile-cache.js) through
 * the app command of cdktf.json, beside another `-r` hook, in child processes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readStacks } from '../../lib/synth/stack-json';
import { TRANSPILE_CACHE_HOOK, run } from '../helpers/run-typescript';

// Child processes: a busy machine can slow them well past jest's 5 s default; no test measures time.
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..');
// The store is plain JavaScript (it runs before TypeScript can); this is the part of it tested here.
interface StoreOptions {
  directory: string;
  fingerprint: () => string;
  transpile: (source: string, filename: string) => string;
  maxAgeMs?: number;
  maxEntries?: number;
  now?: () => number;
  warn?: (line: string) => void;
}
const { createTranspileCache, fingerprintOf, tsconfigChain } = require('../../scripts/transpile-cache-store') as {
  createTranspileCache(options: StoreOptions): { compiled(filename: string): string };
  fingerprintOf(options: { files: string[]; packages: string[]; root: string; env: Record<string, string | undefined> }): string;
  tsconfigChain(tsconfig: string): string[];
};

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function temporaryFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-transpile-cache-'));
  made.push(dir);
  return dir;
}

/**
 * A store over one source file, whose fake transpiler upper-cases the source and counts its calls;
 * its warnings are collected, and its clock is `clock.now` (real time unless a test moves it).
 */
function storeFixture(fingerprint = 'options A') {
  const dir = temporaryFolder();
  const source = path.join(dir, 'value.ts');
  fs.writeFileSync(source, 'export const value = 1;');
  const cacheDir = path.join(dir, 'cache');
  const calls: string[] = [];
  const warnings: string[] = [];
  const clock = { now: Date.now() };
  const store = (options = fingerprint, directory = cacheDir, limits: Partial<StoreOptions> = {}) =>
    createTranspileCache({
      directory,
      fingerprint: () => options,
      transpile: (text) => (calls.push(text), text.toUpperCase()),
      now: () => clock.now,
      warn: (line) => warnings.push(line),
      ...limits,
    });
  const entries = () => fs.readdirSync(cacheDir).map((name) => path.join(cacheDir, name));
  return { dir, source, cacheDir, calls, warnings, clock, store, entries };
}

const DAY = 24 * 60 * 60 * 1000;
/** Sets a file's last use (its modification time) to `at`. */
const lastUsed = (file: string, at: number) => fs.utimesSync(file, new Date(at), new Date(at));

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

  test('the fingerprint covers every tsconfig of the extends chain, not only the one named', () => {
    const dir = temporaryFolder();
    fs.mkdirSync(path.join(dir, 'node_modules', '@org', 'base'), { recursive: true });
    const shared = path.join(dir, 'node_modules', '@org', 'base', 'tsconfig.json');
    fs.writeFileSync(shared, '{ "compilerOptions": { "target": "ES2022" } }');
    const middle = path.join(dir, 'tsconfig.base.json');
    // JSONC, as TypeScript reads it: comments, a trailing comma, a list of bases (TypeScript 5).
    fs.writeFileSync(middle, '// shared options\n{ "extends": ["@org/base"], /* none of its own */ }');
    const tsconfig = path.join(dir, 'tsconfig.json');
    fs.writeFileSync(tsconfig, '{ "extends": "./tsconfig.base", "include": ["**/*.ts"] }');
    expect(tsconfigChain(tsconfig)).toEqual([tsconfig, middle, shared]);
    const of = () => fingerprintOf({ files: tsconfigChain(tsconfig), packages: [], root, env: {} });
    const before = of();
    fs.writeFileSync(shared, '{ "compilerOptions": { "target": "ES5" } }');
    expect(of()).not.toBe(before);
    // This project's build config extends the tsconfig the hook reads.
    expect(tsconfigChain(path.join(root, 'tsconfig.build.json'))).toEqual([path.join(root, 'tsconfig.build.json'), path.join(root, 'tsconfig.json')]);
  });

  test('a chain that names a missing or broken file, or itself, ends there', () => {
    const dir = temporaryFolder();
    const tsconfig = path.join(dir, 'tsconfig.json');
    fs.writeFileSync(tsconfig, '{ "extends": ["./tsconfig.json", "./missing.json", "./broken.json"] }');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "extends": ');
    expect(tsconfigChain(tsconfig)).toEqual([tsconfig, path.join(dir, 'missing.json'), path.join(dir, 'broken.json')]);
  });

  test('at its first write a process prunes entries unused for longer than the max age; a hit keeps an entry in use', () => {
    const { dir, source, cacheDir, clock, store, entries } = storeFixture();
    store().compiled(source);
    const [kept] = entries();
    const other = path.join(dir, 'other.ts');
    fs.writeFileSync(other, 'export const other = 1;');
    store().compiled(other);
    const stale = entries().find((entry) => entry !== kept)!;
    // Both were last used 20 days ago; then the first is read once, which marks it used.
    lastUsed(kept, clock.now - 20 * DAY);
    lastUsed(stale, clock.now - 20 * DAY);
    store().compiled(source);
    expect(fs.statSync(kept).mtimeMs).toBeGreaterThan(clock.now - DAY);
    // A temporary file of a writer that died, and a file the cache did not write.
    const leftover = `${stale}.123.0123abcd.tmp`;
    fs.writeFileSync(leftover, 'half');
    lastUsed(leftover, clock.now - DAY);
    fs.writeFileSync(path.join(cacheDir, 'README'), 'not an entry');
    fs.writeFileSync(source, 'export const value = 2;');
    store(undefined, undefined, { maxAgeMs: 14 * DAY }).compiled(source);
    expect(entries()).toContain(kept);
    expect(entries()).not.toContain(stale);
    expect(entries()).not.toContain(leftover);
    expect(entries()).toContain(path.join(cacheDir, 'README'));
    expect(entries()).toHaveLength(3);
  });

  test('beyond the most entries allowed, the least recently used go first', () => {
    const { dir, calls, clock, store, entries } = storeFixture();
    const files = [0, 1, 2, 3].map((n) => {
      const file = path.join(dir, `file${n}.ts`);
      fs.writeFileSync(file, `export const n = ${n};`);
      return file;
    });
    files.forEach((file) => store().compiled(file));
    // Used in the order 2, 0, 3, 1 (1 most recently).
    const entryOf = (n: number) => entries().find((entry) => fs.readFileSync(entry, 'utf8').endsWith(`= ${n};`))!;
    [2, 0, 3, 1].forEach((n, order) => lastUsed(entryOf(n), clock.now - (10 - order) * 60_000));
    const fresh = path.join(dir, 'fresh.ts');
    fs.writeFileSync(fresh, 'export const n = 4;');
    store(undefined, undefined, { maxEntries: 2 }).compiled(fresh);
    expect(entries().map((entry) => fs.readFileSync(entry, 'utf8').slice(65)).sort()).toEqual(['EXPORT CONST N = 1;', 'EXPORT CONST N = 3;', 'EXPORT CONST N = 4;']);
    expect(calls).toHaveLength(5);
  });

  test('a cache folder that cannot be written only costs time, says so once, and leaves no temporary file', () => {
    const { dir, source, cacheDir, calls, warnings, store } = storeFixture();
    fs.writeFileSync(cacheDir, 'a file where the cache folder should be');
    const other = path.join(dir, 'other.ts');
    fs.writeFileSync(other, 'export const other = 1;');
    const unwritable = store();
    expect(unwritable.compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(unwritable.compiled(other)).toBe('EXPORT CONST OTHER = 1;');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`the transpile cache ${cacheDir} cannot be written`);
    expect(warnings[0]).toContain('DOUBLE_NAT_TS_CACHE');
    expect(store(undefined, path.join(cacheDir, 'below-a-file')).compiled(source)).toBe('EXPORT CONST VALUE = 1;');
    expect(calls).toHaveLength(3);
    expect(warnings).toHaveLength(2);
    expect(fs.readdirSync(path.dirname(cacheDir)).sort()).toEqual(['cache', 'other.ts', 'value.ts']);
  });
});

test('the real hook prints one stderr line when its cache cannot be written, and still runs the program', async () => {
  const dir = temporaryFolder();
  fs.writeFileSync(path.join(dir, 'value.ts'), 'export const value: number = 41;\n');
  fs.writeFileSync(path.join(dir, 'main.ts'), "import { value } from './value';\nconsole.log(value + 1);\n");
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, '');
  const result = await run(process.execPath, ['-r', TRANSPILE_CACHE_HOOK, path.join(dir, 'main.ts')], {
    cwd: dir,
    env: { ...process.env, DOUBLE_NAT_TS_CACHE: path.join(blocked, 'cache') },
  });
  expect(result.stdout).toBe('42\n');
  expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringContaining(`the transpile cache ${path.join(blocked, 'cache')} cannot be written`)]);
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
    const output = readStacks(path.join(dir, 'out')).edited.output;
    return { value: output.value.value, tsNodeLoaded: output.ts_node_loaded.value };
  };
  setValue('before the edit');
  expect(await synth()).toEqual({ value: 'before the edit', tsNodeLoaded: true });
  expect(await synth()).toEqual({ value: 'before the edit', tsNodeLoaded: false });
  setValue('after the edit');
  expect(await synth()).toEqual({ value: 'after the edit', tsNodeLoaded: true });
});

/**
 * The transpile cache behind `cdktf synth` (scripts/transpile-cache.js): an edit is picked up by
 * the very next synth, unchanged files never load ts-node again, a damaged or unwritable cache only
 * costs time, other transpile options get their own entries, and another `-r` hook still resolves
 * modules. Each case runs a tiny TypeScript program in a temporary folder with its own cache; the
 * cases run concurrently, as each mostly waits on its child processes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as runCommand, runTypeScript, TRANSPILE_CACHE_HOOK } from './helpers/run-typescript';

const root = path.resolve(__dirname, '..');
// Child processes: a busy machine can slow them well past jest's 5 s default; no test measures time.
jest.setTimeout(60_000);
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Whether the program that runs this line has loaded ts-node (the cold path) or not (all cached). */
const TS_NODE_LOADED = "Object.keys(require.cache).some((file: string) => /[\\\\/]ts-node[\\\\/]/.test(file))";

type Program = { dir: string; cache: string; entry: string; setValue: (value: string) => void };

/** A folder with `entry.ts`, printing a typed value from `value.ts` and whether ts-node was loaded. */
function tinyProgram(value: string): Program {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-transpile-cache-'));
  made.push(dir);
  const setValue = (v: string) => fs.writeFileSync(path.join(dir, 'value.ts'), `export const value: string = ${JSON.stringify(v)};\n`);
  setValue(value);
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, `import { value } from './value';\nconst tsNodeLoaded: boolean = ${TS_NODE_LOADED};\nconsole.log(JSON.stringify({ value, tsNodeLoaded }));\n`);
  return { dir, cache: path.join(dir, 'cache'), entry, setValue };
}

async function run(program: Program, env: Record<string, string> = {}): Promise<{ value: string; tsNodeLoaded: boolean }> {
  const result = await runTypeScript(program.entry, [], { cwd: program.dir, env: { ...process.env, DOUBLE_NAT_TS_CACHE: program.cache, ...env } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const entries = (cache: string) => fs.readdirSync(cache).filter((name) => name.endsWith('.js')).map((name) => path.join(cache, name));

test.concurrent('the app command in cdktf.json picks up an edit to a .ts file at the next synth; unchanged, it never loads ts-node', async () => {
  // A minimal CDKTF project laid out like this one: the same cdktf.json app command, hook and tsconfig.
  const program = tinyProgram('before the edit');
  const app = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app as string;
  fs.mkdirSync(path.join(program.dir, 'scripts'));
  fs.copyFileSync(TRANSPILE_CACHE_HOOK, path.join(program.dir, 'scripts', path.basename(TRANSPILE_CACHE_HOOK)));
  fs.copyFileSync(path.join(root, 'tsconfig.json'), path.join(program.dir, 'tsconfig.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(program.dir, 'node_modules'));
  fs.writeFileSync(
    path.join(program.dir, 'main.ts'),
    [
      "import { App, TerraformOutput, TerraformStack } from 'cdktf';",
      "import { value } from './value';",
      'const app = new App();',
      "const stack = new TerraformStack(app, 'edited');",
      "new TerraformOutput(stack, 'value', { value });",
      `new TerraformOutput(stack, 'ts_node_loaded', { value: ${TS_NODE_LOADED} });`,
      'app.synth();',
      '',
    ].join('\n'),
  );
  const synth = async () => {
    const result = await runCommand('sh', ['-c', app], { cwd: program.dir, env: { ...process.env, DOUBLE_NAT_TS_CACHE: program.cache, CDKTF_OUTDIR: path.join(program.dir, 'out') } });
    expect(result.stderr).toBe('');
    const output = JSON.parse(fs.readFileSync(path.join(program.dir, 'out', 'stacks', 'edited', 'cdk.tf.json'), 'utf8')).output;
    return { value: output.value.value, tsNodeLoaded: output.ts_node_loaded.value };
  };
  expect(await synth()).toEqual({ value: 'before the edit', tsNodeLoaded: true });
  expect(await synth()).toEqual({ value: 'before the edit', tsNodeLoaded: false });
  program.setValue('after the edit');
  expect(await synth()).toEqual({ value: 'after the edit', tsNodeLoaded: true });
});

test.concurrent('a damaged entry is transpiled again and repaired, never run', async () => {
  const program = tinyProgram('intact');
  await run(program);
  const [first, second] = entries(program.cache);
  // Half an entry, and one whose code was altered after its checksum was written.
  fs.writeFileSync(first, fs.readFileSync(first, 'utf8').slice(0, 100));
  fs.writeFileSync(second, fs.readFileSync(second, 'utf8').replace(/value/g, 'broken'));
  expect(await run(program)).toEqual({ value: 'intact', tsNodeLoaded: true });
  expect(await run(program)).toEqual({ value: 'intact', tsNodeLoaded: false });
  expect(fs.readdirSync(program.cache).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});

test.concurrent('a cache that cannot be written only costs time', async () => {
  const program = tinyProgram('uncached');
  fs.writeFileSync(program.cache, 'a file where the cache folder should be');
  expect(await run(program)).toEqual({ value: 'uncached', tsNodeLoaded: true });
});

test.concurrent('other transpile options never share entries', async () => {
  const program = tinyProgram('options');
  await run(program);
  expect(entries(program.cache)).toHaveLength(2);
  expect(await run(program, { TS_NODE_COMPILER_OPTIONS: JSON.stringify({ target: 'ES5' }) })).toEqual({ value: 'options', tsNodeLoaded: true });
  const outputs = entries(program.cache).map((entry) => fs.readFileSync(entry, 'utf8'));
  expect(outputs).toHaveLength(4);
  // The ES5 entries really differ: `const` became `var`.
  expect(outputs.filter((code) => /\bconst tsNodeLoaded\b/.test(code))).toHaveLength(1);
  expect(outputs.filter((code) => /\bvar tsNodeLoaded\b/.test(code))).toHaveLength(1);
});

test.concurrent('another -r hook that maps a module name still decides resolution, cold and warm', async () => {
  const program = tinyProgram('unused');
  fs.writeFileSync(path.join(program.dir, 'framework.js'), 'exports.name = "the mapped framework";\n');
  const mapper = path.join(program.dir, 'map-framework.js');
  fs.writeFileSync(
    mapper,
    [
      "const Module = require('module');",
      'const resolve = Module._resolveFilename;',
      "Module._resolveFilename = function (request, ...rest) { return resolve.call(this, request === 'some-framework' ? require('path').join(__dirname, 'framework.js') : request, ...rest); };",
      '',
    ].join('\n'),
  );
  fs.writeFileSync(program.entry, "import { name } from 'some-framework';\nconst shown: string = name;\nconsole.log(shown);\n");
  // As a second framework flavour would run it: the mapping hook first, through NODE_OPTIONS.
  const runMapped = async () => {
    const result = await runTypeScript(program.entry, [], { cwd: program.dir, env: { ...process.env, DOUBLE_NAT_TS_CACHE: program.cache, NODE_OPTIONS: `-r ${mapper}` } });
    expect(result.stderr).toBe('');
    return result.stdout;
  };
  expect(await runMapped()).toBe('the mapped framework\n');
  expect(entries(program.cache)).toHaveLength(1);
  expect(await runMapped()).toBe('the mapped framework\n');
});

/**
 * The CDK Terrain build (scripts/build-cdktn.js, run by `npm run build`): the compiled CDKTF library
 * with its package names renamed, and a check that fails the build when any CDKTF import survives.
 * On a small fake dist/ in a temporary folder; CI's outside-app steps use the real build.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../helpers/run-typescript';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'build-cdktn.js');
const { rename, cdktfImportsIn, buildCdktn } = require(script) as {
  rename(text: string): string;
  cdktfImportsIn(text: string): string[];
  buildCdktn(root: string): void;
};

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A project root whose dist/ holds `files` (relative to dist/lib) and a schema. */
function fakeDist(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-build-cdktn-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'dist', 'lib', file)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'lib', file), text);
  }
  fs.mkdirSync(path.join(dir, 'dist', 'schema'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'schema', 'double-nat.config.schema.json'), '{}\n');
  return dir;
}

test('rename maps every import form tsc emits to the CDK Terrain names and leaves other packages alone', () => {
  const compiled = [
    'const cdktf_1 = require("cdktf");',
    'const lib_1 = require("cdktf/lib/x");',
    'const vnet_1 = require("@cdktf/provider-azurerm/lib/virtual-network");',
    "const random_1 = require('@cdktf/provider-random/lib/password');",
    'const constructs_1 = require("constructs");',
    'import { App } from "cdktf";',
    'export * from "@cdktf/provider-azurerm/lib/subnet";',
    'type T = import("cdktf").TerraformStack;',
    'const text = "cdktf";',
  ].join('\n');
  expect(rename(compiled)).toBe(
    [
      'const cdktf_1 = require("cdktn");',
      'const lib_1 = require("cdktn/lib/x");',
      'const vnet_1 = require("@cdktn/provider-azurerm/lib/virtual-network");',
      "const random_1 = require('@cdktn/provider-random/lib/password');",
      'const constructs_1 = require("constructs");',
      'import { App } from "cdktn";',
      'export * from "@cdktn/provider-azurerm/lib/subnet";',
      'type T = import("cdktn").TerraformStack;',
      // A string that imports nothing is not a package name.
      'const text = "cdktf";',
    ].join('\n'),
  );
});

test('the check finds a CDKTF import in every form, spaces allowed, and nothing else', () => {
  expect(
    cdktfImportsIn(
      [
        'require ( "cdktf" )',
        "import 'cdktf/lib/aspect';",
        'export { a } from"@cdktf/hcl2json";',
        'type X = import ( "@cdktf/provider-azurerm" ).Y;',
        '/// <reference types="cdktf" />',
        'require("cdktn"); require("cdktf-cli-like"); import "constructs"; const s = "cdktf";',
      ].join('\n'),
    ),
  ).toEqual(['cdktf', 'cdktf/lib/aspect', '@cdktf/hcl2json', '@cdktf/provider-azurerm', 'cdktf']);
});

test('a build whose imports all rename gives dist/cdktn with the same files, renamed, and its schema copy', () => {
  const dir = fakeDist({
    'index.js': 'const cdktf_1 = require("cdktf");\nexports.x = require("./side/vnet");\n',
    'index.d.ts': 'export * from "./side/vnet";\nimport { App } from "cdktf";\n',
    'side/vnet.js': 'const vnet_1 = require("@cdktf/provider-azurerm/lib/virtual-network");\n',
    'side/notes.txt': 'not copied',
  });
  buildCdktn(dir);
  const out = path.join(dir, 'dist', 'cdktn');
  expect(fs.readFileSync(path.join(out, 'lib', 'index.js'), 'utf8')).toBe('const cdktf_1 = require("cdktn");\nexports.x = require("./side/vnet");\n');
  expect(fs.readFileSync(path.join(out, 'lib', 'index.d.ts'), 'utf8')).toContain('import { App } from "cdktn";');
  expect(fs.readFileSync(path.join(out, 'lib', 'side', 'vnet.js'), 'utf8')).toContain('require("@cdktn/provider-azurerm/lib/virtual-network")');
  expect(fs.existsSync(path.join(out, 'lib', 'side', 'notes.txt'))).toBe(false);
  expect(fs.readFileSync(path.join(out, 'schema', 'double-nat.config.schema.json'), 'utf8')).toBe('{}\n');
});

test('a surviving CDKTF import fails the build with exit code 1, names file and import, and leaves no dist/cdktn', async () => {
  const dir = fakeDist({
    'index.js': 'require("cdktf");\n',
    // A package names.js does not map, and an import form the rename does not know.
    'tools/hcl.js': 'const hcl = require("@cdktf/hcl2json");\n',
    'types.d.ts': '/// <reference types="cdktf" />\n',
  });
  fs.mkdirSync(path.join(dir, 'dist', 'cdktn', 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'cdktn', 'lib', 'stale.js'), 'from an earlier build');
  const result = await run(process.execPath, ['-e', `require(${JSON.stringify(script)}).buildCdktn(${JSON.stringify(dir)})`]);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('the CDK Terrain build still imports CDKTF packages');
  expect(result.stderr).toContain(`dist/cdktn/lib/${path.join('tools', 'hcl.js')}: @cdktf/hcl2json`);
  expect(result.stderr).toContain('dist/cdktn/lib/types.d.ts: cdktf');
  expect(result.stderr).not.toContain('index.js');
  expect(fs.existsSync(path.join(dir, 'dist', 'cdktn'))).toBe(false);
});

test('the build script, run as npm run build runs it, exits 1 with one message when a CDKTF import survives', async () => {
  const dir = fakeDist({ 'index.js': 'require("@cdktf/hcl2json");\n' });
  // The script builds the project it sits in: run a copy of it (and the names it uses) inside the fake one.
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.mkdirSync(path.join(dir, 'flavours', 'cdktn'), { recursive: true });
  fs.copyFileSync(script, path.join(dir, 'scripts', 'build-cdktn.js'));
  fs.copyFileSync(path.join(root, 'flavours', 'cdktn', 'names.js'), path.join(dir, 'flavours', 'cdktn', 'names.js'));
  const result = await run(process.execPath, [path.join(dir, 'scripts', 'build-cdktn.js')], { cwd: dir });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^build-cdktn: the CDK Terrain build still imports CDKTF packages/);
  expect(result.stderr).toContain('dist/cdktn/lib/index.js: @cdktf/hcl2json');
  expect(fs.existsSync(path.join(dir, 'dist', 'cdktn'))).toBe(false);
});

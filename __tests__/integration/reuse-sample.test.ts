/**
 * The reuse sample of docs/reuse.md is the real example file, and that file synthesizes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readStacks } from '../../lib/synth/stack-json';
import { runTypeScript } from '../helpers/run-typescript';

const root = path.resolve(__dirname, '..', '..');
// Child processes: a busy machine can slow them well past jest's 5 s default; no test measures time.
jest.setTimeout(60_000);
const samplePath = path.join(root, 'examples', 'reuse', 'main.ts');

test('docs/reuse.md quotes examples/reuse/main.ts verbatim', () => {
  const page = fs.readFileSync(path.join(root, 'docs', 'reuse.md'), 'utf8');
  const block = /<!-- reuse-sample:start -->\n```ts\n([\s\S]*?)```\n<!-- reuse-sample:end -->/.exec(page);
  expect(block).not.toBeNull();
  expect(block![1]).toBe(fs.readFileSync(samplePath, 'utf8'));
});

test('the reuse sample synthesizes both sides into one stack', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-reuse-'));
  try {
    const run = await runTypeScript(samplePath, [], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir } });
    expect(run.stderr).toBe('');
    const stack = readStacks(outdir).lab;
    expect(Object.keys(stack.resource.azurerm_private_link_service)).toHaveLength(1);
    expect(Object.keys(stack.resource.azurerm_private_endpoint)).toHaveLength(1);
    const pe = Object.values<any>(stack.resource.azurerm_private_endpoint)[0];
    expect(pe.private_service_connection.private_connection_resource_alias).toMatch(/^\$\{azurerm_private_link_service\.[^.]+\.alias\}$/);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

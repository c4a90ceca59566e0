/**
 * How hints name the operations: this repository's npm scripts by default; from the installed bin,
 * which another team's app runs, the bin itself (`npx double-nat …`), every argument one shell word.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DestroyRefusedError } from '../../lib/lifecycle/destroy-plan';
import { RetireFirstError } from '../../lib/lifecycle/retired-stacks';
import { commandLine, stepCommand } from '../../lib/lifecycle/steps';
import { setToolInvocation, toolCommand } from '../../lib/shell/tool-command';
import { main } from '../../tools/double-nat';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
// The setting is the process's: every test leaves the default behind, for the subjects after this one.
afterEach(() => setToolInvocation('npm-scripts'));

const refusal = () =>
  new DestroyRefusedError(
    { order: ['provider-team'], unknown: ['typo'], blockers: [{ stack: 'provider-team', by: "consumer team's", reason: 'its endpoint is connected' }] },
    ['provider-team', "consumer team's"],
  ).message;

test('in this repository: its npm scripts, and the framework CLI for synth', () => {
  expect(toolCommand('destroy', ['a', 'b c'])).toBe("npm run destroy -- a 'b c'");
  expect(toolCommand('approve')).toBe('npm run approve');
  expect(toolCommand('synth')).toBe('npx cdktf synth');
  expect(refusal()).toContain(`npm run destroy -- 'consumer team'\\''s' provider-team`);
  expect(refusal()).toContain('run npx cdktf synth, or check the name');
  expect(stepCommand({ kind: 'approve' }, { outdir: 'out' })).toMatchObject({ command: 'npm', args: ['run', '--silent', 'approve', '--', '--outdir', 'out'] });
});

test('from the bin: the bin, which runs any app\'s synth and needs no script of its own', () => {
  setToolInvocation('bin');
  expect(toolCommand('destroy', ['a', 'b c'])).toBe("npx double-nat destroy a 'b c'");
  expect(toolCommand('approve')).toBe('npx double-nat approve');
  expect(toolCommand('synth')).toBe('npx double-nat synth');
  expect(refusal()).toContain(`npx double-nat destroy 'consumer team'\\''s' provider-team`);
  expect(refusal()).not.toContain('npm run');
  const retire = new RetireFirstError([
    { stack: 'team-b', evidence: 'its state holds 3 resources', folderExists: true },
    { stack: 'team-c', evidence: 'its state holds 3 resources', folderExists: false },
  ]).message;
  expect(retire).toContain('    npx double-nat retire team-b\n    npx double-nat synth');
  expect(retire).toContain('    npx double-nat synth\n    npx double-nat destroy team-c');
  expect(retire).not.toMatch(/npm run|npx cdktf/);
  // The e2e run's own steps run the bin too: the app has no npm script of ours.
  expect(commandLine(stepCommand({ kind: 'verify' }, { outdir: '.e2e/run 1/cdktf.out' }))).toBe("npx double-nat verify --outdir '.e2e/run 1/cdktf.out'");
  expect(stepCommand({ kind: 'approve' }, { outdir: 'out' })).toMatchObject({ command: 'npx', args: ['double-nat', 'approve', '--outdir', 'out'] });
});

test("main's invocation option sets it for the run: a missing synth names the bin's synth", async () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-tool-command-')), 'cdktf.out');
  made.push(path.dirname(outdir));
  const errors: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    expect(await main(['explain', '--outdir', outdir], { invocation: 'bin' })).toBe(1);
  } finally {
    spy.mockRestore();
  }
  expect(errors.join('\n')).toContain('manifest.json does not exist: run `npx double-nat synth` first');
});

test('the installed bin asks for it', () => {
  const bin = fs.readFileSync(path.resolve(__dirname, '..', '..', 'bin', 'double-nat.js'), 'utf8');
  expect(bin).toContain(".main(process.argv.slice(2), { invocation: 'bin' })");
});

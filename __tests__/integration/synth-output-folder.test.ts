/**
 * Synth's output folder at the edges: a missing parent is made (never an ENOENT stack trace), a
 * refused synth leaves the disk as it was, and staging folders of killed synths are cleaned up,
 * never one of a synth still running.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeDoubleNat } from '../../lib/app/synthesize';
import { isProcessAlive, removeAbandonedStagingFolders, stagingFolder } from '../../lib/app/staging-folders';
import { DoubleNatValidationError } from '../../lib/validation/problems';
import { runTypeScript } from '../helpers/run-typescript';

const root = path.resolve(__dirname, '..', '..');
// Synths and child processes: a busy machine can slow them well past jest's 5 s default.
jest.setTimeout(60_000);
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-outdir-'));
  made.push(dir);
  return dir;
};
const BAD = { consumers: { name: 'a' } } as never;

describe('an output folder whose parent is missing', () => {
  test('is made, parents and all, and the stacks land in it', () => {
    const outdir = path.join(scratch(), 'missing', 'parent', 'out');
    synthesizeDoubleNat({ config: {}, outdir });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['double-nat-consumer', 'double-nat-provider']);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['out']);
  });

  test('a refused synth removes the parents it made: the disk is as it was', () => {
    const dir = scratch();
    expect(() => synthesizeDoubleNat({ config: BAD, outdir: path.join(dir, 'missing', 'parent', 'out') })).toThrow(DoubleNatValidationError);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a refused synth leaves an existing output folder as it was', () => {
    const outdir = path.join(scratch(), 'cdktf.out');
    synthesizeDoubleNat({ config: {}, outdir });
    const before = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
    expect(() => synthesizeDoubleNat({ config: BAD, outdir })).toThrow(DoubleNatValidationError);
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out']);
  });

  test.concurrent('through the synth command: exit 0 into a missing parent; one line and exit 1 when a part of the path is a file', async () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    const run = (outdir: string) => runTypeScript(path.join(root, 'main.ts'), [], { cwd: dir, env: { ...process.env, CDKTF_OUTDIR: outdir } });
    const [missing, file] = await Promise.all([run(path.join(dir, 'missing', 'out')), run(path.join(dir, 'a-file', 'out'))]);
    expect({ status: missing.status, stderr: missing.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.existsSync(path.join(dir, 'missing', 'out', 'manifest.json'))).toBe(true);
    expect(file.status).toBe(1);
    expect(file.stderr).toBe(`cannot write the stacks to ${path.join(dir, 'a-file', 'out')}: a part of its path is a file, not a folder\n`);
  });
});

describe('staging folders left by killed synths', () => {
  /** The pid of a process that has already exited. */
  const deadPid = () => {
    const pid = spawnSync(process.execPath, ['-e', '']).pid;
    expect(isProcessAlive(pid)).toBe(false);
    return pid;
  };

  test("a synth removes those whose process is gone, and keeps a running synth's", async () => {
    const outdir = path.join(scratch(), 'cdktf.out');
    const live = spawn('sleep', ['60']);
    try {
      const dead = deadPid();
      expect(isProcessAlive(live.pid!)).toBe(true);
      for (const pid of [dead, live.pid!]) {
        fs.mkdirSync(path.join(stagingFolder(outdir, pid), 'stacks'), { recursive: true });
        fs.writeFileSync(path.join(stagingFolder(outdir, pid), 'manifest.json'), '{}');
      }
      // Not staging folders of this output: left alone whatever their number.
      fs.mkdirSync(`${outdir}.staging-x${dead}`);
      fs.mkdirSync(path.join(path.dirname(outdir), `other.out.staging-${dead}`));
      synthesizeDoubleNat({ config: {}, outdir });
      expect(fs.readdirSync(path.dirname(outdir)).sort()).toEqual(
        ['cdktf.out', `cdktf.out.staging-${live.pid}`, `cdktf.out.staging-x${dead}`, `other.out.staging-${dead}`].sort(),
      );
      expect(fs.existsSync(path.join(stagingFolder(outdir, live.pid!), 'manifest.json'))).toBe(true);
    } finally {
      live.kill();
    }
  });

  test('a refused synth cleans them up too, and its own staging folder is gone after it', () => {
    const outdir = path.join(scratch(), 'cdktf.out');
    const dead = deadPid();
    fs.mkdirSync(stagingFolder(outdir, dead), { recursive: true });
    expect(() => synthesizeDoubleNat({ config: BAD, outdir })).toThrow(DoubleNatValidationError);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  test('only a process that is gone counts as gone: one of another user (EPERM) is alive', () => {
    const outdir = path.join(scratch(), 'cdktf.out');
    fs.mkdirSync(stagingFolder(outdir, 4242), { recursive: true });
    fs.mkdirSync(stagingFolder(outdir, 4343), { recursive: true });
    const kill = jest.spyOn(process, 'kill').mockImplementation((pid) => {
      throw Object.assign(new Error('kill'), { code: pid === 4242 ? 'EPERM' : 'ESRCH' });
    });
    try {
      expect(removeAbandonedStagingFolders(outdir)).toEqual([stagingFolder(outdir, 4343)]);
    } finally {
      kill.mockRestore();
    }
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out.staging-4242']);
  });
});

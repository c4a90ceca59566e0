import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';

/**
 * Testing.app() makes a new temporary folder per call and never removes it; these tests never
 * synthesize into it, so one folder per test file serves, removed when the file's tests end.
 */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'double-nat-test-app-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

export function testApp(): App {
  return Testing.app({ outdir });
}

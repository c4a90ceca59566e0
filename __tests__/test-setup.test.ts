/**
 * The jest setup (helpers/plain-token-stacks.ts): stack traces recorded on plain objects, as the
 * framework records one per token, skip source mapping and stop at jest's own frames; an error's
 * trace is still mapped to the TypeScript line that made it. The framework's zip library is a
 * stand-in (helpers/lazy-archiver.js) that loads the real one when first called.
 */
interface Shape {
  readonly line: number;
}

test("an error's stack trace names the TypeScript line it was made on", () => {
  const made: Shape = { line: 13 };
  const error = new Error('here');
  expect(error.stack).toContain(`test-setup.test.ts:${made.line}:`);
});

test('a stack trace recorded on a plain object keeps V8 format and is not mapped', () => {
  const trace: { stack?: string } = {};
  Error.captureStackTrace(trace);
  expect(trace.stack!.split('\n')[0]).toBe('Error');
  expect(Error.prepareStackTrace).toBeDefined();
  // Unmapped: the frame points at the transpiled line, not at line 19 of this file.
  expect(trace.stack).not.toContain('test-setup.test.ts:19:');
});

test("a plain object's trace stops where jest's own frames begin", () => {
  const trace: { stack?: string } = {};
  Error.captureStackTrace(trace);
  // Called by jest-circus: this test's frame is the only one above jest's.
  const frames = trace.stack!.split('\n').slice(1);
  expect(frames).toEqual([expect.stringContaining('test-setup.test.ts:')]);
});

test("archiver is the stand-in until called, then the framework's own archiver makes the zip", () => {
  const archiver = require('archiver');
  expect(archiver.name).toBe('archiver');
  expect(String(archiver)).toContain('frameworkArchiver()');
  const zip = archiver('zip', { zlib: { level: 9 } });
  expect(zip.constructor.name).toBe('Archiver');
  zip.abort();
});

/**
 * Jest setup: the framework records a stack trace on a plain object for every token it creates (to
 * name the token's origin should it never resolve), and jest maps every frame of every such trace
 * through source maps: about half of a synth's time in jest (measured with --cpu-prof). Only errors
 * need mapped traces, so the others keep V8's own format, without jest's frames; errors still go to
 * jest's formatter.
 */
import { types } from 'util';
import { runInThisContext } from 'vm';

// Jest formats stacks in the worker's realm; a test file runs in its own, whose Error.prepareStackTrace
// Node consults first (and falls back to the worker's when it is unset, as it was until here).
const workerError: ErrorConstructor = runInThisContext('Error');

/** A file of jest's own packages: the runner below a test, the same frames under every trace of a file. */
const JEST_FILE = /[\\/]node_modules[\\/](?:jest-[^\\/]+|@jest[\\/][^\\/]+)[\\/]/;

/**
 * V8's format, up to the first frame in jest's own code: the frames above it (the framework, this
 * project, the test) say where a token was made; jest's are the same under every token of a test,
 * and were two frames in five of the traces a synth records (which have no length limit).
 */
function plainTrace(frames: NodeJS.CallSite[]): string {
  let text = 'Error';
  for (const frame of frames) {
    if (JEST_FILE.test(frame.getFileName() ?? '')) break;
    text += `\n    at ${frame}`;
  }
  return text;
}

Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
  if (!types.isNativeError(target)) return plainTrace(frames);
  return workerError.prepareStackTrace ? workerError.prepareStackTrace(target, frames) : [String(target), ...frames.map((frame) => `    at ${frame}`)].join('\n');
};

/**
 * Jest setup: the framework records a stack trace on a plain object for every token it creates (to
 * name the token's origin should it never resolve), and jest maps every frame of every such trace
 * through source maps: about half of a synth's time in jest (measured with --cpu-prof). Only errors
 * need mapped traces, so the others keep V8's own format; errors still go to jest's formatter.
 */
import { types } from 'util';
import { runInThisContext } from 'vm';

// Jest formats stacks in the worker's realm; a test file runs in its own, whose Error.prepareStackTrace
// Node consults first (and falls back to the worker's when it is unset, as it was until here).
const workerError: ErrorConstructor = runInThisContext('Error');

Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
  if (!types.isNativeError(target)) return ['Error', ...frames.map((frame) => `    at ${frame}`)].join('\n');
  return workerError.prepareStackTrace ? workerError.prepareStackTrace(target, frames) : [String(target), ...frames.map((frame) => `    at ${frame}`)].join('\n');
};

// jest's module runtime, with V8's code cache kept for the life of a worker. jest loads every module
// afresh for each test file (each file has its own module registry), and compiles each module's
// code each time: cdktf and the provider bindings, about 40% of loading a test file's modules
// (measured with --cpu-prof). A worker runs a dozen test files; from the second on, each module it
// has compiled before is compiled from V8's cached data of the same code instead of parsed again
// (a third of the time per module; about 8% less CPU for a file that synthesizes).
// Modules still run afresh in each test file: only the compiled form is shared, never a module's state.
//
// Plain JavaScript: jest loads it (config `runtime`) before anything can be transpiled.
'use strict';
const vm = require('vm');
const Runtime = require('jest-runtime').default;

/** Compiled modules of this worker by file name: the exact code compiled and V8's data for it. */
const compiled = new Map();
const compileFunction = vm.compileFunction;

/**
 * jest-runtime compiles a module with `vm.compileFunction(code, params, { filename, parsingContext,
 * importModuleDynamically })`. The same code with the same parameters gets V8's cached data of its
 * first compile; V8 checks that the data fits the code and the flags and compiles afresh if not.
 */
function compileWithCache(code, params, options) {
  if (!options || !options.parsingContext || options.cachedData || options.produceCachedData) return compileFunction(code, params, options);
  const key = `${options.filename}\0${params.join(',')}`;
  const entry = compiled.get(key);
  if (entry && entry.code === code) {
    const fn = compileFunction(code, params, { ...options, cachedData: entry.data });
    if (!fn.cachedDataRejected) return fn;
  }
  const fn = compileFunction(code, params, { ...options, produceCachedData: true });
  if (fn.cachedDataProduced) compiled.set(key, { code, data: fn.cachedData });
  return fn;
}

class CodeCacheRuntime extends Runtime {}
// jest-runtime calls `vm.compileFunction` through the module object, so it finds this one; nothing
// else in a worker passes `parsingContext`, and calls that bring their own cache options pass through.
vm.compileFunction = compileWithCache;

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;

// Jest snapshot serializer: one snapshot set serves both framework flavours (CDKTF and CDK Terrain,
// `npm run test:cdktn`), whose synthesized stacks differ only in version strings: the framework's
// (`"//".metadata.version`) and the provider versions it pins (`terraform.required_providers.*.version`).
// Those are printed as VERSION_MASK; __tests__/stacks/flavour-versions.ts asserts each flavour's own.
// Plain JavaScript: jest loads serializers before any transform.
'use strict';

const VERSION_MASK = '<version of this flavour: see stacks/flavour-versions.ts>';
const masked = new WeakSet();

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A synthesized stack: the framework writes its version under "//".metadata. */
function isSynthesizedStack(value) {
  return isObject(value) && isObject(value['//']) && isObject(value['//'].metadata) && 'version' in value['//'].metadata;
}

/** A copy of the stack with the version strings replaced; everything else is shared, unchanged. */
function maskVersions(stack) {
  const copy = { ...stack, '//': { ...stack['//'], metadata: { ...stack['//'].metadata, version: VERSION_MASK } } };
  const providers = stack.terraform?.required_providers;
  if (isObject(providers)) {
    copy.terraform = {
      ...stack.terraform,
      required_providers: Object.fromEntries(
        Object.entries(providers).map(([name, provider]) => [name, isObject(provider) && 'version' in provider ? { ...provider, version: VERSION_MASK } : provider]),
      ),
    };
  }
  masked.add(copy);
  return copy;
}

module.exports = {
  VERSION_MASK,
  maskVersions,
  test: (value) => isSynthesizedStack(value) && !masked.has(value),
  serialize: (value, config, indentation, depth, refs, printer) => printer(maskVersions(value), config, indentation, depth, refs),
};

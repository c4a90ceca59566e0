// The one rename between the flavours: CDK Terrain is CDKTF's code under new package names
// (its upgrade guide: rename `cdktf` to `cdktn` and `@cdktf/provider-*` to `@cdktn/provider-*`;
// `constructs` is shared). Used by the build (dist/cdktn), the jest config and the require hook.
'use strict';

/** The CDK Terrain name of a module specifier, or the specifier itself when it is not renamed. */
function toCdktn(specifier) {
  if (specifier === 'cdktf' || specifier.startsWith('cdktf/')) return 'cdktn' + specifier.slice('cdktf'.length);
  if (specifier.startsWith('@cdktf/provider-')) return '@cdktn/' + specifier.slice('@cdktf/'.length);
  return specifier;
}

module.exports = { toCdktn };

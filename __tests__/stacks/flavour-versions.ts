/**
 * The one difference between the flavours' synthesized stacks: the versions. The snapshots mask them
 * (__tests__/helpers/mask-versions.js) so that one set serves CDKTF (`npm test`) and CDK Terrain
 * (`npm run test:cdktn`); this asserts, for the flavour the suite runs on, which framework and
 * provider versions every stack pins, and that the mask hides exactly those.
 */
import { synth } from '../helpers/synth';

const { VERSION_MASK, maskVersions } = require('../helpers/mask-versions') as {
  VERSION_MASK: string;
  maskVersions(stack: object): any;
};

// Under flavours/cdktn/jest.config.js, `cdktf` resolves to the CDK Terrain install.
const framework: string = require('cdktf/package.json').name;
const PINNED: Record<string, { framework: string; azurerm: string; random: string }> = {
  cdktf: { framework: '0.21.0', azurerm: '4.55.0', random: '3.7.2' },
  cdktn: { framework: '0.24.0', azurerm: '4.73.0', random: '3.9.1' },
};

const { stacks } = synth();

test('the suite runs on a known flavour', () => {
  expect(Object.keys(PINNED)).toContain(framework);
});

test.each(Object.keys(stacks).sort())(`stack %s pins the ${framework} flavour's framework and provider versions`, (name) => {
  const stack = stacks[name] as any;
  const pinned = PINNED[framework];
  expect(stack['//'].metadata.version).toBe(pinned.framework);
  expect(stack.terraform.required_providers).toEqual({
    azurerm: { source: 'azurerm', version: pinned.azurerm },
    random: { source: 'hashicorp/random', version: pinned.random },
  });
});

test('the snapshot serializer masks those versions and nothing else', () => {
  const stack = stacks['double-nat-provider'] as any;
  const masked = maskVersions(stack);
  expect(masked['//'].metadata.version).toBe(VERSION_MASK);
  expect(Object.values<any>(masked.terraform.required_providers).map((provider) => provider.version)).toEqual([VERSION_MASK, VERSION_MASK]);
  // Put the versions back: what remains is the stack, unchanged (and the frozen original untouched).
  masked['//'].metadata.version = stack['//'].metadata.version;
  for (const [name, provider] of Object.entries<any>(masked.terraform.required_providers)) provider.version = stack.terraform.required_providers[name].version;
  expect(masked).toEqual(stack);
});

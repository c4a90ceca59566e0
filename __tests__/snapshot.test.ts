/**
 * The whole synthesized configuration of each stack, pinned. A change here is a change to what
 * `cdktf deploy` would do: review the diff, then update with `npx jest -u`.
 */
import { synth } from './helpers/synth';

const { stacks } = synth();

test.each(Object.keys(stacks).sort())('stack %s matches its snapshot', (name) => {
  expect(stacks[name]).toMatchSnapshot();
});

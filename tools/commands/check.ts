import { Command, EXIT, OUTDIR_OPTION, outdirOf } from '../command';

export const check: Command = {
  name: 'check',
  summary: 'Checks the double NAT invariants on every stack of a synth, offline (wiring, NAT points, rules, security defaults).',
  details: 'Prints each broken invariant and exits 1, or prints a one-line summary.',
  options: { outdir: OUTDIR_OPTION },
  async run(args) {
    const { readStacks } = await import('../../lib/synth/stack-json');
    const { doubleNatViolations } = await import('../../lib/synth/invariants');
    const outdir = outdirOf(args);
    const stacks = readStacks(outdir);
    const violations = Object.keys(stacks).length === 0 ? [`no stack in ${outdir}`] : doubleNatViolations(stacks as never);
    if (violations.length > 0) {
      console.error(`${violations.length} double NAT invariants broken:\n${violations.map((v) => `  - ${v}`).join('\n')}`);
      return EXIT.failed;
    }
    console.log(`double NAT invariants hold in ${Object.keys(stacks).join(', ')}`);
    return EXIT.ok;
  },
};

/**
 * The rules an input must keep: every input rule, Azure's published limits, the policies.
 * One module per subject in rules/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './rules/validation';
import './rules/azure-limits';
import './rules/policy';

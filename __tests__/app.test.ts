/**
 * The default app and its stacks: the double NAT's properties, state and tags, the invariants, the
 * flavour's versions, the deploy-time approval check.
 * One module per subject in app/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './app/double-nat';
import './app/state-and-tags';
import './app/invariants';
import './app/flavour-versions';
import './app/manual-approval-at-deploy';

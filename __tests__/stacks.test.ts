/**
 * What the stacks hold: the default app's double NAT, state and tags, the invariants, the flavour's
 * versions, the deploy-time approval check, and the optional parts (operator access, outbound,
 * observability).
 * One module per subject in stacks/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './stacks/double-nat';
import './stacks/state-and-tags';
import './stacks/invariants';
import './stacks/flavour-versions';
import './stacks/manual-approval-at-deploy';
import './stacks/operator-access';
import './stacks/outbound';
import './stacks/observability';

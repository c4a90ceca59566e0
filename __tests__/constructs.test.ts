/**
 * The optional parts of the constructs: operator access (Bastion), outbound (NAT gateway),
 * observability.
 * One module per subject in constructs/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './constructs/operator-access';
import './constructs/outbound';
import './constructs/observability';

/**
 * Destroy, retire and the end-to-end run, against fake deployments.
 * One module per subject in lifecycle/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './lifecycle/destroy';
import './lifecycle/retire';
import './lifecycle/end-to-end';

/**
 * The operations on a deployment (docs/operations.md): approval, the probe behind verify, explain
 * and diagram, the shell commands they print, and destroy, retire and the end-to-end run against
 * fake deployments.
 * One module per subject in operations/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './operations/approval';
import './operations/az-hint-commands';
import './operations/pls-client-errors';
import './operations/probe';
import './operations/shell-commands';
import './operations/topology';
import './operations/destroy';
import './operations/retire';
import './operations/end-to-end';
import './operations/tool-command';

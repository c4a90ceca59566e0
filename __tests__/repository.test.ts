/**
 * The repository's own promises: docs and their links, the checkers, the Azure CLI checker, the
 * reuse guide.
 * One module per subject in repository/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './repository/docs';
import './repository/checkers';
import './repository/azure-cli-checker';
import './repository/reuse-guide';

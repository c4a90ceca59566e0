/**
 * The configuration file and its schema, and the property tests over random configurations.
 * One module per subject in config/; this file only loads them. Jest gives each test file its own
 * module registry, so every file loads the framework again and runs its first synth cold (about
 * half a second of CPU): subjects share a file per area to pay that once (docs/development.md).
 */
import './config/config-file';
import './config/property';

// Preloaded by npm into the first node process of `npx cdktf ...` and `npm run ...` (.npmrc
// `node-options`; linked into node_modules as a devDependency, so the name resolves from any folder
// of the project). The cdktf CLI posts telemetry to checkpoint-api.hashicorp.com after every synth
// and prints "[ERROR] ... getaddrinfo ENOTFOUND" when offline. CHECKPOINT_DISABLE is its documented
// off switch (https://developer.hashicorp.com/terraform/cdktf/create-and-deploy/environment-variables):
// set it unless the user chose otherwise, then drop this preload from NODE_OPTIONS (and from
// npm_config_node_options, which a nested npm would apply again) so processes started outside the
// project do not look for it (they inherit CHECKPOINT_DISABLE instead).
//
// One more offline ERROR line it removes: a TF_CLI_CONFIG_FILE naming a file that does not exist.
// Terraform then warns and goes on with its defaults, and the cdktf CLI prints the warning as ERROR
// lines on every synth; without the variable Terraform uses the same defaults and says nothing.
// A file that exists is left alone.
'use strict';
const fs = require('fs');
if (process.env.CHECKPOINT_DISABLE === undefined) process.env.CHECKPOINT_DISABLE = '1';
const cliConfig = process.env.TF_CLI_CONFIG_FILE;
if (cliConfig && !fs.existsSync(cliConfig)) delete process.env.TF_CLI_CONFIG_FILE;
for (const name of ['NODE_OPTIONS', 'npm_config_node_options']) {
  if (process.env[name]) process.env[name] = process.env[name].replace(/\s*--require[= ]double-nat-no-telemetry/, '').trim();
}

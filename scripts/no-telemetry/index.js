// Preloaded by npm into the first node process of `npx cdktf ...` and `npm run ...` (.npmrc
// `node-options`; linked into node_modules as a devDependency, so the name resolves from any folder
// of the project). The cdktf CLI posts telemetry to checkpoint-api.hashicorp.com after every synth
// and prints "[ERROR] ... getaddrinfo ENOTFOUND" when offline. CHECKPOINT_DISABLE is its documented
// off switch (https://developer.hashicorp.com/terraform/cdktf/create-and-deploy/environment-variables):
// set it unless the user chose otherwise, then drop this preload from NODE_OPTIONS so processes
// started outside the project do not look for it (they inherit CHECKPOINT_DISABLE instead).
'use strict';
if (process.env.CHECKPOINT_DISABLE === undefined) process.env.CHECKPOINT_DISABLE = '1';
if (process.env.NODE_OPTIONS) {
  process.env.NODE_OPTIONS = process.env.NODE_OPTIONS.replace(/\s*--require[= ]double-nat-no-telemetry/, '').trim();
}

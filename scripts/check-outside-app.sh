#!/usr/bin/env bash
# Installs this package into examples/outside-app the way another team would (packed, built by
# `prepare`, constructs imported by package name), type-checks that app and synthesizes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -r "$root/examples/outside-app/." "$work/"
# The app names this checkout by a relative path; point it at the checkout from the copy.
sed -i "s#\"file:../..\"#\"file:$root\"#" "$work/package.json"
cd "$work"
npm install --no-audit --no-fund --prefer-offline --loglevel=error
test ! -L node_modules/double-nat-azure || { echo "double-nat-azure was linked, not installed" >&2; exit 1; }
npm run --silent typecheck
CDKTF_OUTDIR="$work/cdktf.out" npm run --silent synth
node -e '
  const stack = require(process.argv[1]);
  const pe = Object.values(stack.resource.azurerm_private_endpoint)[0];
  if (!/azurerm_private_link_service\..+\.alias/.test(pe.private_service_connection.private_connection_resource_alias)) {
    throw new Error("the endpoint is not wired to the service alias");
  }
  console.log("outside app: installed, type-checked and synthesized (" + Object.keys(stack.resource).length + " resource types)");
' "$work/cdktf.out/stacks/shared-rdp/cdk.tf.json"

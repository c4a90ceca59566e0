#!/usr/bin/env bash
# `npm run validate:terraform [-- cdktf|cdktn|all]`: `terraform validate` with the real azurerm and
# random providers on every stack of the default app and of every example, synthesized by CDKTF
# (default) or CDK Terrain (needs Node >= 22.19 and `npm ci --prefix flavours/cdktn`). The providers
# (and Terraform, where none is installed) are built from their Go modules once per machine
# (go-tools.sh, versions.sh);
# the providers reach Terraform through a dev_overrides CLI configuration, so no Terraform registry
# and no Azure account is needed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=versions.sh
source "$here/versions.sh"
# shellcheck source=go-tools.sh
source "$here/go-tools.sh"

case "${1:-cdktf}" in
  cdktf) flavours=(cdktf) ;;
  cdktn) flavours=(cdktn) ;;
  all) flavours=(cdktf cdktn) ;;
  *) echo "unknown flavour '$1': use cdktf, cdktn or all" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The checks are the providers' own; Terraform only loads them, so any installed Terraform will do
# (1.8 or later), and where there is none the pinned one is built.
if [ -n "${DOUBLE_NAT_TERRAFORM:-}" ]; then terraform=$DOUBLE_NAT_TERRAFORM
elif ! terraform=$(command -v terraform); then terraform=$(go_module_binary "$TERRAFORM_MODULE" "$TERRAFORM_VERSION" "$TERRAFORM_SUM"); fi
azurerm=$(go_module_binary "$AZURERM_MODULE" "$AZURERM_VERSION" "$AZURERM_SUM")
random=$(go_module_binary "$RANDOM_MODULE" "$RANDOM_VERSION" "$RANDOM_SUM")

# Only the two overridden providers can be used: no installation method is configured, so a stack
# that asks for any other provider fails instead of reaching for a registry.
cat > "$work/terraform.rc" <<RC
provider_installation {
  dev_overrides {
    "hashicorp/azurerm" = "$(dirname "$azurerm")"
    "hashicorp/random" = "$(dirname "$random")"
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraform.rc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

"$terraform" version
echo "azurerm: $AZURERM_MODULE@$AZURERM_VERSION (release $AZURERM_RELEASE)"
echo "random:  $RANDOM_MODULE@$RANDOM_VERSION (release $RANDOM_RELEASE)"

synth() {
  local flavour=$1 out=$2
  cd "$root"
  if [ "$flavour" = cdktf ]; then
    node -r ./scripts/transpile-cache.js checkers/synth-all.ts "$out"
  else
    test -d flavours/cdktn/node_modules/cdktn || { echo "CDK Terrain is not installed: run npm ci --prefix flavours/cdktn (Node >= 22.19)" >&2; return 1; }
    node --require ./flavours/cdktn/require-hook.js -r ./scripts/transpile-cache.js checkers/synth-all.ts "$out"
  fi
}

# The release a flavour's bindings were generated from, as their package records it.
bindings() {
  local modules=$root/node_modules prefix=@cdktf
  if [ "$1" = cdktn ]; then modules=$root/flavours/cdktn/node_modules prefix=@cdktn; fi
  node -e 'const p = require(process.argv[1]); const m = p.cdktf ?? p.cdktn; console.log(m?.provider?.version ?? "unknown")' "$modules/$prefix/provider-$2/package.json"
}

mkdir "$work/results"
for flavour in "${flavours[@]}"; do
  synth "$flavour" "$work/$flavour"
  echo "$flavour bindings were generated from azurerm $(bindings "$flavour" azurerm) and random $(bindings "$flavour" random)"
  for stack in "$work/$flavour"/*/stacks/*/; do
    stack=${stack%/}
    app=$(basename "$(dirname "$(dirname "$stack")")")
    # validate exits 1 on an invalid stack; its JSON says why, and verdict.js judges all stacks.
    # The synthesized backend block stays uninitialized: validate needs only the providers' schemas.
    (cd "$stack" && "$terraform" validate -json -no-color) > "$work/results/${flavour}__${app}__$(basename "$stack").json" 2> "$work/validate.err" || {
      status=$?
      if [ "$status" -ne 1 ]; then cat "$work/validate.err" >&2; exit "$status"; fi
    }
  done
done
node "$here/verdict.js" "$work/results"

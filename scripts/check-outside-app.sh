#!/usr/bin/env bash
# Builds another team's app by following docs/reuse.md literally (its marked blocks) next to one end
# of the supported peer ranges, with this package packed and installed by name: installs, type-checks
# (node10 and node16 resolution), synthesizes with `double-nat synth`, runs `double-nat check`,
# `explain`, `diagram` (the guide's commands), `double-nat approve` against a fake az, and
# `double-nat destroy` against fake cdktf and cdktn CLIs (it must run the flavour's).
#
#   scripts/check-outside-app.sh [cdktf|cdktn] [low|high]     (default: cdktf high)
#
# The ends are flavours/peer-ends.json. DOUBLE_NAT_TARBALL names an already packed tarball (CI packs
# once for all runs); without it this script packs the checkout. CDK Terrain needs Node >= 22.19:
# put such a node first on PATH (.ci/run does, as the guide says).
set -euo pipefail
# No CLI telemetry (offline it fails with an ERROR line); the .npmrc preload that does this for
# `npm run` resolves only inside the checkout, so keep it (and npm's copy of the setting, which a
# nested npm applies again) away from the processes run in the other app.
export CHECKPOINT_DISABLE=${CHECKPOINT_DISABLE:-1}
NODE_OPTIONS=${NODE_OPTIONS:-}
export NODE_OPTIONS=${NODE_OPTIONS//--require double-nat-no-telemetry/}
unset npm_config_node_options
flavour=${1:-cdktf}
end=${2:-high}
root=$(cd "$(dirname "$0")/.." && pwd)
case "$flavour" in
  cdktf) app="$root/examples/outside-app"; other=cdktn ;;
  cdktn) app="$root/examples/outside-app-cdktn"; other=cdktf ;;
  *) echo "flavour must be cdktf or cdktn, not $flavour" >&2; exit 2 ;;
esac
case "$end" in low|high) ;; *) echo "end must be low or high, not $end" >&2; exit 2 ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=${DOUBLE_NAT_TARBALL:-}
if [ -z "$tarball" ]; then
  tarball="$work/$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -1)"
fi

# The guide, literally: its marked blocks for this flavour (scripts/guide-script.js), each peer's range
# pinned to this end, the package from the tarball through DOUBLE_NAT_AZURE as the guide says.
node "$root/scripts/guide-script.js" "$root/docs/reuse.md" "$flavour" "$root/flavours/peer-ends.json" "$end" > "$work/guide.sh"
(cd "$work" && DOUBLE_NAT_AZURE="$tarball" bash "$work/guide.sh") 2>&1 | sed "s/^/guide ($flavour, $end end): /" | tee "$work/guide.log"
# Followed word by word, the guide installs without npm asking anything or warning.
if grep -E 'npm (warn|error)' "$work/guide.log" >&2; then echo "following docs/reuse.md made npm print the lines above" >&2; exit 1; fi
cd "$work/double-nat-app"
cmp -s main.ts "$app/main.ts" || { echo "docs/reuse.md's main.ts for $flavour differs from $app/main.ts" >&2; exit 1; }
test ! -L node_modules/double-nat-azure || { echo "double-nat-azure was linked, not installed" >&2; exit 1; }
# Exactly this end was installed, and nothing of the other flavour came along (optional peers).
node -e '
  const [ends, flavour, end] = process.argv.slice(1);
  for (const [name, version] of Object.entries(JSON.parse(require("fs").readFileSync(ends, "utf8"))[flavour][end])) {
    const installed = require(name + "/package.json").version;
    if (installed !== version) throw new Error(`${name} is ${installed}, not ${version}`);
  }
' "$root/flavours/peer-ends.json" "$flavour" "$end"
test ! -e "node_modules/$other" || { echo "$other was installed into a $flavour app" >&2; exit 1; }
# The guide type-checks with node10 resolution (the tsconfig's default for commonjs); node16's too.
npx tsc --noEmit -p . --module node16 --moduleResolution node16
# double-nat approve against a fake az on PATH: the consumer team's endpoint (synthesized by the app)
# is approved, a stranger's request stays Pending.
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec node %q "$@"\n' "$root/scripts/fake-az.js" > "$work/bin/az"
chmod +x "$work/bin/az"
pls=/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-provider-team/providers/Microsoft.Network/privateLinkServices/pls-b
team=/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-consumer-team/providers/Microsoft.Network/privateEndpoints/pe-to-b
stranger=/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-x/providers/Microsoft.Network/privateEndpoints/pe-x
node -e '
  const [file, pls, team, stranger] = process.argv.slice(1);
  const connection = (name, id) => ({ name, id: `${pls}/privateEndpointConnections/${name}`, privateEndpoint: { id }, privateLinkServiceConnectionState: { status: "Pending" } });
  require("fs").writeFileSync(file, JSON.stringify({ id: pls, resourceGroup: "rg-provider-team", name: "pls-b", privateEndpointConnections: [connection("team", team), connection("stranger", stranger)] }));
' "$work/pls.json" "$pls" "$team" "$stranger"
PATH="$work/bin:$PATH" FAKE_AZ_STATE="$work/pls.json" npx double-nat approve
node -e '
  const state = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const status = Object.fromEntries(state.privateEndpointConnections.map((c) => [c.name, c.privateLinkServiceConnectionState.status]));
  if (status.team !== "Approved" || status.stranger !== "Pending") throw new Error(`after double-nat approve: ${JSON.stringify(status)}`);
' "$work/pls.json"
# double-nat destroy runs this flavour's CLI (read from the synth), consumer before provider: fakes of
# both CLIs on PATH record their arguments. The app installs neither CLI, so npx cannot prefer a real one.
for cli in cdktf cdktn; do
  test ! -e "node_modules/.bin/$cli" || { echo "the guide installed $cli: double-nat destroy would run it, not the fake" >&2; exit 1; }
  printf '#!/bin/sh\necho "%s $*" >> %q\n' "$cli" "$work/cli-calls" > "$work/bin/$cli"
  chmod +x "$work/bin/$cli"
done
PATH="$work/bin:$PATH" npx double-nat destroy --auto-approve
expected="$flavour destroy consumer-team --skip-synth --output cdktf.out --ignore-missing-stack-dependencies --auto-approve
$flavour destroy provider-team --skip-synth --output cdktf.out --ignore-missing-stack-dependencies --auto-approve"
test "$(cat "$work/cli-calls")" = "$expected" || { printf 'double-nat destroy ran:\n%s\nnot:\n%s\n' "$(cat "$work/cli-calls")" "$expected" >&2; exit 1; }
# Its hints name the bin, which this app has, not this repository's npm scripts.
hint=$(npx double-nat explain --outdir "$work/no-synth" 2>&1 >/dev/null) && { echo "double-nat explain found a synth in $work/no-synth" >&2; exit 1; }
case "$hint" in *'run `npx double-nat synth` first'*) ;; *) printf 'the hint of double-nat does not name its own synth:\n%s\n' "$hint" >&2; exit 1 ;; esac
echo "outside app ($flavour, $end end): the guide installs, type-checks and synthesizes; double-nat check, explain, diagram, approve and destroy (with $flavour) work on its output, and its hints name the bin"

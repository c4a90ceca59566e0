#!/usr/bin/env bash
# Installs this package into another team's app the way that team would (packed, installed by name,
# no npm flags) next to one end of the supported peer ranges, type-checks the app, synthesizes it
# and checks the double NAT invariants on the output.
#
#   scripts/check-outside-app.sh [cdktf|cdktn] [low|high]     (default: cdktf high)
#
# The ends are flavours/peer-ends.json. DOUBLE_NAT_TARBALL names an already packed tarball (CI packs
# once for all runs); without it this script packs the checkout. The cdktn app synthesizes with
# `cdktn synth`, whose CLI needs Node >= 22.19: put such a node first on PATH (.ci/run does).
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

cp -r "$app/." "$work/app/" 2>/dev/null || { mkdir -p "$work/app" && cp -r "$app/." "$work/app/"; }
cd "$work/app"
# This end's exact peer versions, and the package from the tarball, by name.
node -e '
  const fs = require("fs");
  const [ends, flavour, end, tarball] = process.argv.slice(1);
  const app = JSON.parse(fs.readFileSync("package.json", "utf8"));
  Object.assign(app.dependencies, JSON.parse(fs.readFileSync(ends, "utf8"))[flavour][end], { "double-nat-azure": "file:" + tarball });
  fs.writeFileSync("package.json", JSON.stringify(app, null, 2));
' "$root/flavours/peer-ends.json" "$flavour" "$end" "$tarball"
npm install --no-audit --no-fund --prefer-offline --loglevel=error
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
# node10 resolution (the tsconfig's default for commonjs), then node16's.
npm run --silent typecheck
npx tsc --noEmit -p . --module node16 --moduleResolution node16
if [ "$flavour" = cdktn ]; then
  npx cdktn synth --output "$work/cdktf.out" > "$work/synth.log" 2>&1 || { cat "$work/synth.log" >&2; exit 1; }
  if grep -q ERROR "$work/synth.log"; then cat "$work/synth.log" >&2; exit 1; fi
else
  CDKTF_OUTDIR="$work/cdktf.out" npm run --silent synth
fi
node -r "$root/node_modules/ts-node/register/transpile-only" "$root/scripts/check-invariants.ts" "$work/cdktf.out" \
  | sed "s/^/outside app ($flavour, $end end): /"

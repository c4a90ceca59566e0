#!/usr/bin/env bash
# `npm run synth:cdktn`: synthesizes this repository's app (main.ts, double-nat.config.json) with
# CDK Terrain's CLI and packages from flavours/cdktn (set up with `npm ci --prefix flavours/cdktn`;
# Node >= 22.19). The source imports cdktf; flavours/cdktn/require-hook.js maps it for every node
# process the CLI starts (4096 MB heap: what the CLI sets when NODE_OPTIONS is empty). Output goes
# to cdktf.out/, as with `npx cdktf synth`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/flavours/cdktn/node_modules/.bin/cdktn"
test -x "$cli" || { echo "CDK Terrain is not installed: run npm ci --prefix flavours/cdktn" >&2; exit 1; }
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096 --require \"$root/flavours/cdktn/require-hook.js\""
exec "$cli" synth "$@"

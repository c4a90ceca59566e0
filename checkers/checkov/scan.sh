#!/usr/bin/env bash
# `npm run scan [-- cdktf|cdktn|all]`: checkov over every stack of the default app and of every
# example (synthesized as validate-terraform.sh does). checkov is installed from PyPI, at the version
# requirements.txt pins, into a virtual environment of its own under $DOUBLE_NAT_CACHE, once per
# machine. Findings are judged by findings.js against suppressions.json: any finding
# not suppressed there, or a suppression nothing needs any more, fails the scan.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DOUBLE_NAT_CACHE=${DOUBLE_NAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/double-nat}

case "${1:-cdktf}" in
  cdktf) flavours=(cdktf) ;;
  cdktn) flavours=(cdktn) ;;
  all) flavours=(cdktf cdktn) ;;
  *) echo "unknown flavour '$1': use cdktf, cdktn or all" >&2; exit 2 ;;
esac

python=$(command -v python3) || { echo "python3 is not installed: the scan installs checkov with it" >&2; exit 1; }
# One environment per exact requirements file, so a version bump installs afresh beside the old one.
venv="$DOUBLE_NAT_CACHE/venv-checkov-$(sha256sum "$here/requirements.txt" | cut -c1-12)"
# A venv's scripts name their own absolute path, so it is built where it lives; the marker file is
# written last, and a venv without it (an interrupted install) is built again.
if [ ! -e "$venv/.installed" ]; then
  echo "installing checkov into $venv (once per machine)" >&2
  rm -rf "$venv"
  mkdir -p "$DOUBLE_NAT_CACHE"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  touch "$venv/.installed"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
for flavour in "${flavours[@]}"; do
  if [ "$flavour" = cdktf ]; then
    node -r ./scripts/transpile-cache.js checkers/synth-all.ts "$work/out/$flavour" > /dev/null
  else
    test -d flavours/cdktn/node_modules/cdktn || { echo "CDK Terrain is not installed: run npm ci --prefix flavours/cdktn (Node >= 22.19)" >&2; exit 1; }
    node --require ./flavours/cdktn/require-hook.js -r ./scripts/transpile-cache.js checkers/synth-all.ts "$work/out/$flavour" > /dev/null
  fi
done

"$venv/bin/checkov" --version
# checkov exits 1 when a check fails; the verdict is findings.js's, on the full report.
"$venv/bin/checkov" -d "$work/out" --framework terraform_json --skip-download --quiet --output json > "$work/report.json" || [ $? -eq 1 ]
node "$here/findings.js" "$work/report.json"

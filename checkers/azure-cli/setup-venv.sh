#!/usr/bin/env bash
# Creates, once per requirements.txt + constraints.txt, the Python virtual environment that holds the Azure CLI for
# `npm run check:az`, and prints its path. It lives in the user's cache (not in the checkout, not in
# node_modules): npm ci and npm test stay Node-only. DOUBLE_NAT_AZCLI_VENV overrides the place.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${DOUBLE_NAT_AZCLI_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/double-nat/azcli-venv}
python=${PYTHON:-python3}
stamp="$venv/.requirements.sha256"
want=$(cat "$here/requirements.txt" "$here/constraints.txt" | sha256sum | cut -d' ' -f1)
if [ -x "$venv/bin/az" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "$venv"
  exit 0
fi
if ! command -v "$python" >/dev/null; then
  echo "check:az needs Python 3.10 or later ($python not found); set PYTHON to another interpreter" >&2
  exit 1
fi
start=$SECONDS
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
# The stamp is written last: an interrupted install is redone, never taken for a finished one.
"$venv/bin/pip" install --disable-pip-version-check --no-input --quiet -r "$here/requirements.txt" -c "$here/constraints.txt" >&2
echo "$want" > "$stamp"
echo "azure-cli installed into $venv in $((SECONDS - start)) s" >&2
echo "$venv"

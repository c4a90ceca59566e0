# Builds Go programs the checkers need from the Go module proxy, once per machine: sourced by the
# checker scripts. A binary is kept under $DOUBLE_NAT_CACHE/go-bin/<module>@<version>/ and Go's own
# caches (GOMODCACHE, GOCACHE) hold the sources and compiled packages, so the next run (or another
# version sharing dependencies) reuses them. Builds run at the lowest CPU priority.

DOUBLE_NAT_CACHE=${DOUBLE_NAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/double-nat}

need_go() {
  command -v go >/dev/null || { echo "go is not installed: the checkers build Terraform's providers with it (https://go.dev/dl/)" >&2; return 1; }
}

# go_module_binary MODULE VERSION SUM: prints the path of MODULE@VERSION's main package built as a
# binary (building it when the cache does not hold it). The downloaded module must hash to SUM.
# A subshell, so its clean-up trap is its own: an interrupted build leaves no staging folder.
go_module_binary() (
  local module=$1 version=$2 sum=$3
  local dir="$DOUBLE_NAT_CACHE/go-bin/${module//\//+}@$version"
  local binary="$dir/${module##*/}"
  if [ -x "$binary" ]; then echo "$binary"; return 0; fi
  need_go || return 1
  local info got
  # The checksum database has no record of these pseudo-versions: the pinned SUM stands in for it.
  info=$(GONOSUMDB="$module" go mod download -json "$module@$version") || { echo "$info" >&2; return 1; }
  got=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",*$/\1/p')
  if [ "$got" != "$sum" ]; then
    echo "$module@$version hashes to '$got', not the pinned $sum: refusing to build it" >&2
    return 1
  fi
  mkdir -p "$DOUBLE_NAT_CACHE/go-bin"
  local staging
  staging=$(mktemp -d "$DOUBLE_NAT_CACHE/go-bin/.building.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  trap 'exit 130' INT TERM
  echo "building $module@$version (once per machine; the Go caches keep the rest)" >&2
  if ! GONOSUMDB="$module" GOBIN="$staging" nice -n 19 go install "$module@$version" >&2; then
    echo "could not build $module@$version (the go install output above says why)" >&2
    return 1
  fi
  # Moved into place whole, so an interrupted build never leaves a binary that looks finished.
  rm -rf "$dir"
  mv "$staging" "$dir"
  echo "$binary"
)

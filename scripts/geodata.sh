#!/usr/bin/env bash
# Regenerates the map's base geometry, content/geo/base.txt, from Natural Earth's 1:10m land and
# country borders (public domain) as shipped by the npm package world-atlas 2.0.2 (TopoJSON).
# The package is installed from its lockfile into scripts/geodata/node_modules (not committed);
# the Rust bin `geodata` decodes, clips, projects and simplifies it (model/src/map/geo.rs).
#
#   scripts/geodata.sh           rewrite content/geo/base.txt
#   scripts/geodata.sh --check   regenerate to a temporary file; fail if it differs from the
#                                committed one (the derived file is exactly what this script makes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pkg=scripts/geodata
input="$pkg/node_modules/world-atlas/countries-10m.json"
out=content/geo/base.txt

if [[ "$(node -p "require('./$pkg/node_modules/world-atlas/package.json').version" 2>/dev/null)" != 2.0.2 ]]; then
  echo "==> installing world-atlas 2.0.2 from $pkg/package-lock.json"
  (cd "$pkg" && npm ci --no-audit --no-fund --silent)
fi

derive() {
  cargo run --quiet -p explainer-model --features build --bin geodata -- "$input" "$1"
}

if [[ "${1:-}" == --check ]]; then
  tmp="$(mktemp)"
  trap 'rm -f "$tmp"' EXIT
  derive "$tmp"
  if ! cmp -s "$tmp" "$out"; then
    echo "$out differs from what scripts/geodata.sh derives; run scripts/geodata.sh and commit it" >&2
    diff <(head -c 2000 "$out") <(head -c 2000 "$tmp") >&2 || true
    exit 1
  fi
  echo "$out is up to date"
else
  derive "$out"
  echo "wrote $out ($(wc -c <"$out") bytes)"
fi

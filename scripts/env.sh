# shellcheck shell=bash
# Build/test environment for the explainer. Source it, don't run it:
#   source scripts/env.sh
#
# - tests/node_modules/.bin comes FIRST on PATH so that `wasm-opt` is the npm
#   binaryen 132 build: Debian's binaryen 108 (if installed) emits broken output
#   for the wasm that current rustc/wasm-bindgen produce.
# - Trunk runs offline: it must use the tools on PATH (installed by
#   scripts/setup.sh) and never try to download its own, since only the
#   package registries are reachable here.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Prints the wasm-bindgen version pinned in Cargo.lock (the `[[package]]` entry
# named exactly "wasm-bindgen"), or 0.2.130 when there is no Cargo.lock yet.
# The CLI must match the library exactly, or wasm-bindgen refuses the module.
wasm_bindgen_lock_version() {
  local lock="$REPO_ROOT/Cargo.lock" version=""
  if [[ -f "$lock" ]]; then
    version="$(awk '
      /^\[\[package\]\]/ { in_pkg = 0 }
      /^name = "wasm-bindgen"$/ { in_pkg = 1 }
      in_pkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$lock")"
  fi
  echo "${version:-0.2.130}"
}

case ":$PATH:" in
  *":$HOME/.cargo/bin:"*) ;;
  *) PATH="$HOME/.cargo/bin:$PATH" ;;
esac
# Re-sourcing must not pile up copies, but the npm bin has to stay first.
case "$PATH:" in
  "$REPO_ROOT/tests/node_modules/.bin:"*) ;;
  *) PATH="$REPO_ROOT/tests/node_modules/.bin:$PATH" ;;
esac
export PATH

export TRUNK_OFFLINE=true
export TRUNK_TOOLS_WASM_OPT=version_132
TRUNK_TOOLS_WASM_BINDGEN="$(wasm_bindgen_lock_version)"
export TRUNK_TOOLS_WASM_BINDGEN

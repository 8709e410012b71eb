#!/usr/bin/env bash
# Installs everything the explainer needs to build (Trunk, wasm-bindgen, the
# wasm32 target, wasm-opt) and to run its browser tests (Chromium and, unless
# SETUP_ALL_ENGINES=0, Firefox + geckodriver and WebKitGTK's WebDriver).
#
# Idempotent: each step checks what is already there (at the right version)
# and only installs what's missing, saying so. Ends by printing the versions.
#
#   SETUP_ALL_ENGINES=0 scripts/setup.sh   # Chromium only
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_BINDGEN_VERSION="$TRUNK_TOOLS_WASM_BINDGEN"
ALL_ENGINES="${SETUP_ALL_ENGINES:-1}"

say() { printf '==> %s\n' "$*"; }

# Prints the output of `CMD --version`, or nothing when CMD is absent or fails.
version_of() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | head -n1 || true; }

# --- Rust side ---------------------------------------------------------------
if ! grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(version_of trunk)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (was: $(version_of trunk || true))"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must be exactly the wasm-bindgen version in Cargo.lock (env.sh reads
# it), or it refuses the module the library produced.
if [[ "$(version_of wasm-bindgen)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (was: $(version_of wasm-bindgen))"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# --- Debian packages ---------------------------------------------------------
# fonts-dejavu-core: the faces the social cards are set in (model/src/render/card.rs);
# fonts-noto-cjk: the Korean and Chinese editions' cards, and their pages in the browser tests
# (the pages name system fonts only).
apt_wanted=(chromium chromium-driver brotli fonts-dejavu-core fonts-noto-cjk)
if [[ "$ALL_ENGINES" != 0 ]]; then
  apt_wanted+=(firefox-esr xvfb webkit2gtk-driver)
fi
apt_missing=()
for pkg in "${apt_wanted[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
    apt_missing+=("$pkg")
  fi
done
if ((${#apt_missing[@]})); then
  say "installing apt packages: ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${apt_missing[@]}"
fi

if [[ "$ALL_ENGINES" != 0 ]] && [[ "$(version_of geckodriver)" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
  say "installing geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked ||
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
fi

# --- WordPress's host script, for the WordPress embed test ---------------------
# wp-embed.js from Debian's wordpress package: downloaded and unpacked, not installed (no PHP),
# kept out of the repository (tests/vendor/ is ignored).
wp_dir="$REPO_ROOT/tests/vendor/wordpress"
if [[ ! -f "$wp_dir/wp-embed.min.js" ]]; then
  say "extracting wp-embed.js from Debian's wordpress package"
  wp_tmp="$(mktemp -d)"
  wp_get() { (cd "$wp_tmp" && apt-get download -o APT::Sandbox::User=root wordpress); }
  wp_get || { apt-get update && wp_get; }
  dpkg-deb -x "$wp_tmp"/wordpress_*.deb "$wp_tmp/x"
  mkdir -p "$wp_dir"
  cp "$wp_tmp"/x/usr/share/wordpress/wp-includes/js/wp-embed.js \
    "$wp_tmp"/x/usr/share/wordpress/wp-includes/js/wp-embed.min.js "$wp_dir/"
  dpkg-deb -f "$wp_tmp"/wordpress_*.deb Version >"$wp_dir/VERSION"
  rm -rf "$wp_tmp"
fi

# --- npm packages (wasm-opt, axe-core) ----------------------------------------
# npm ci wipes and reinstalls node_modules, so skip it while a stamp of the
# lockfile it was installed from still matches.
tests_dir="$REPO_ROOT/tests"
stamp="$tests_dir/node_modules/.setup-lock.sha256"
if [[ -f "$tests_dir/package-lock.json" ]]; then
  lock_sum="$(sha256sum "$tests_dir/package-lock.json" | cut -d' ' -f1)"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]]; then
    say "installing npm packages (npm ci in tests/)"
    (cd "$tests_dir" && npm ci --no-audit --no-fund)
    echo "$lock_sum" >"$stamp"
  fi
else
  say "installing npm packages (npm install in tests/: no lockfile yet)"
  (cd "$tests_dir" && npm install --no-audit --no-fund)
fi

# --- Report --------------------------------------------------------------------
wasm_opt_version="$(version_of wasm-opt)"
if [[ "$(command -v wasm-opt)" != "$tests_dir/node_modules/.bin/wasm-opt" || "$wasm_opt_version" != *"(version_132)"* ]]; then
  echo "error: wasm-opt on PATH is $(command -v wasm-opt) ($wasm_opt_version), expected npm binaryen 132" >&2
  exit 1
fi

say "versions"
# The Debian chromium launcher prints a harmless shell warning on stderr about
# /dev/shm; only stdout is wanted here.
for tool in trunk wasm-bindgen wasm-opt chromium chromedriver firefox geckodriver; do
  if command -v "$tool" >/dev/null 2>&1; then
    printf '  %-16s %s\n' "$tool" "$(version_of "$tool")"
  fi
done
# WebKitWebDriver has no --version: its package version is WebKitGTK's.
if command -v WebKitWebDriver >/dev/null 2>&1; then
  printf '  %-16s %s\n' WebKitWebDriver "webkit2gtk-driver $(dpkg-query -W -f='${Version}' webkit2gtk-driver)"
fi

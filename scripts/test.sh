#!/usr/bin/env bash
# Runs every test: installs what is missing, the hygiene gates (rustfmt, clippy with warnings as
# errors), the native model tests, the release build (also with the fixture essay), two test
# builds (the panic probe in a release build, and a debug page), and the end-to-end suite in real
# browsers against the release build.
#   E2E_ENGINES=chromium,firefox,webkit (default: all three)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
source scripts/env.sh

if [[ -x ../shared/tools/overlap ]]; then
  echo "==> prose copied from the source essay (must be none)"
  ../shared/tools/overlap
fi

echo "==> editions: every passage translated from the English as it is now"
cargo run --quiet -p explainer-model --features build --bin editions

echo "==> the map's land: content/geo/base.txt is what scripts/geodata.sh makes from Natural Earth"
bash scripts/geodata.sh --check

echo "==> hygiene: rustfmt"
cargo fmt --all --check

echo "==> hygiene: clippy, warnings as errors (the browser crates on wasm32, the model natively)"
cargo clippy --quiet --target wasm32-unknown-unknown -p explainer -p explainer-web -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p explainer -p explainer-web --features panic-probe -- -D warnings
cargo clippy --quiet -p explainer-model --features build --all-targets -- -D warnings
# The essay's app as an explainer without a map compiles it (src/instruments.rs).
EXPLAINER_CONTENT=tests/fixtures/mini cargo clippy --quiet --target wasm32-unknown-unknown -p explainer -- -D warnings

echo "==> native tests (content, validation, geometry, layout, balance, routes)"
cargo test --quiet -p explainer-model --features build

echo "==> release build"
trunk build --release --offline

echo "==> test builds: the panic probe in a release build (target/dist-panic) and in a debug one (target/dist-debug)"
# TRUNK_BUILD_FEATURES reaches the widget pages' nested builds too. Neither goes near dist/.
# Only the original edition: the probe is the same in every edition's app.
EXPLAINER_EDITIONS= TRUNK_BUILD_FEATURES=panic-probe trunk build --release --offline --dist target/dist-panic
EXPLAINER_EDITIONS= TRUNK_BUILD_FEATURES=panic-probe trunk build --offline --dist target/dist-debug

echo "==> release build of the fixture essay (the engine knows nothing about our essay)"
EXPLAINER_CONTENT=tests/fixtures/mini trunk build --release --offline --dist target/dist-mini
# An instrument the content lacks is not in the app: the map's code (its land's lazy address,
# `image[data-href]`) is in the essay's app and not in the fixture's, which has no map.
grep -q 'image\[data-href\]' dist/explainer-*_bg.wasm || { echo "the map's marker is not in the essay's app: the next check proves nothing"; exit 1; }
if grep -q 'image\[data-href\]' target/dist-mini/explainer-*_bg.wasm; then
  echo "the fixture has no map, but its app carries the map's code"; exit 1
fi
# Put the real essay's pages back for later `trunk serve` runs.
cargo run --quiet -p explainer-model --features build --bin pages

echo "==> end-to-end tests in real browsers"
export E2E_ENGINES="${E2E_ENGINES:-chromium,firefox,webkit}"
cd tests
# Every suite in every engine asked for; the monkey's three seeds in Chromium and its first in the
# others (the editions are full in Chromium and smoked in the others by the suite itself), so
# that the whole command stays within CI's time on a machine that has run it before.
if [[ ",$E2E_ENGINES," == *,chromium,* ]]; then
  E2E_ENGINES=chromium node --test --test-concurrency=1 e2e/
fi
others="$(tr ',' '\n' <<<"$E2E_ENGINES" | { grep -v '^chromium$' || true; } | paste -sd, -)"
if [[ -n "$others" ]]; then
  E2E_ENGINES="$others" MONKEY_SEEDS="${MONKEY_SEEDS:-1}" node --test --test-concurrency=1 e2e/
fi

echo "==> the same suites on the fixture explainer, which shares nothing with ours (one monkey seed)"
E2E_EXPLAINER=mini MONKEY_SEEDS=1 node --test --test-concurrency=1 \
  e2e/stage.test.mjs e2e/drawn.test.mjs e2e/embed.test.mjs e2e/monkey.test.mjs

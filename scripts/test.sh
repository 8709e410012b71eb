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

echo "==> hygiene: rustfmt"
cargo fmt --all --check

echo "==> hygiene: clippy, warnings as errors (the browser crates on wasm32, the model natively)"
cargo clippy --quiet --target wasm32-unknown-unknown -p explainer -p explainer-web -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p explainer -p explainer-web --features panic-probe -- -D warnings
cargo clippy --quiet -p explainer-model --features build --all-targets -- -D warnings

echo "==> native tests (content, validation, geometry, layout, balance, routes)"
cargo test --quiet -p explainer-model --features build

echo "==> release build"
trunk build --release --offline

echo "==> test builds: the panic probe in a release build (target/dist-panic), a debug page (target/dist-debug)"
# TRUNK_BUILD_FEATURES reaches the widget pages' nested builds too. Neither goes near dist/.
TRUNK_BUILD_FEATURES=panic-probe trunk build --release --offline --dist target/dist-panic
# (The timeline's page as the release build's hook wrote it; the panic hook is the same on every page.)
TRUNK_BUILD_FEATURES=panic-probe trunk build --offline --public-url ./ --dist target/dist-debug target/pages/timeline/page.html

echo "==> release build of the fixture essay (the engine knows nothing about our essay)"
EXPLAINER_CONTENT=tests/fixtures/mini trunk build --release --offline --dist target/dist-mini
# Put the real essay's pages back for later `trunk serve` runs.
cargo run --quiet -p explainer-model --features build --bin pages

echo "==> end-to-end tests in real browsers"
export E2E_ENGINES="${E2E_ENGINES:-chromium,firefox,webkit}"
cd tests && node --test --test-concurrency=1 e2e/

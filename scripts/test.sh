#!/usr/bin/env bash
# Runs every test: installs what is missing, the native model tests, the release build (also
# with the fixture essay), and the end-to-end suite in real browsers against the release build.
#   E2E_ENGINES=chromium,firefox,webkit (default: all three)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
source scripts/env.sh

if [[ -x ../shared/tools/overlap ]]; then
  echo "==> prose copied from the source essay (must be none)"
  ../shared/tools/overlap
fi

echo "==> native tests (content, validation, geometry, layout, balance, routes)"
cargo test --quiet -p explainer-model --features build

echo "==> release build"
trunk build --release --offline

echo "==> release build of the fixture essay (the engine knows nothing about our essay)"
EXPLAINER_CONTENT=tests/fixtures/mini trunk build --release --offline --dist target/dist-mini
# Put the real essay's prerender back for later `trunk serve` runs.
cargo run --quiet -p explainer-model --features build --bin prerender

echo "==> end-to-end tests in real browsers"
export E2E_ENGINES="${E2E_ENGINES:-chromium,firefox,webkit}"
cd tests && node --test --test-concurrency=1 e2e/

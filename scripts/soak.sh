#!/usr/bin/env bash
# Runs the browser suite under load, to prove it does not depend on a quiet machine: a CPU hog
# keeps every core busy (one busy process per core, at normal priority, killed when the script
# ends, and by itself after SOAK_HOG_SECONDS at the latest) while the end-to-end tests run in
# every engine, SOAK_PASSES times in a row (default 3). Stops at the first failing pass.
#   scripts/soak.sh                      # the release build in dist/ (built if missing)
#   SOAK_PASSES=1 E2E_ENGINES=firefox scripts/soak.sh
# Each pass's log: tests/artifacts/soak/pass-N.log; a summary line per pass on stdout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
passes="${SOAK_PASSES:-3}"
export E2E_ENGINES="${E2E_ENGINES:-chromium,firefox,webkit}"
hog_seconds="${SOAK_HOG_SECONDS:-14400}"
out=tests/artifacts/soak
mkdir -p "$out"

if [[ ! -f dist/index.html || ! -f target/dist-mini/index.html ]]; then
  echo "==> release builds (the essay and the fixture)"
  EXPLAINER_CONTENT=tests/fixtures/mini trunk build --release --offline --dist target/dist-mini
  trunk build --release --offline
fi

hogs=()
stop_hogs() {
  for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done
  hogs=()
}
trap stop_hogs EXIT INT TERM
cores="$(nproc)"
for _ in $(seq "$cores"); do
  timeout "$hog_seconds" node -e 'for (;;) { Math.sqrt(Math.random()); }' &
  hogs+=("$!")
done
echo "==> $cores busy processes for at most ${hog_seconds}s; $passes passes in $E2E_ENGINES"

for n in $(seq "$passes"); do
  start=$(date +%s)
  if (cd tests && node --test --test-concurrency=1 e2e/) >"$out/pass-$n.log" 2>&1; then
    result=pass
  else
    result=FAIL
  fi
  took=$(( $(date +%s) - start ))
  summary=$(grep -E '^# (tests|pass|fail|cancelled) ' "$out/pass-$n.log" | tr '\n' ' ')
  echo "pass $n: $result in $((took / 60)) min $((took % 60)) s; $summary"
  if [[ "$result" == FAIL ]]; then
    grep -E '^\s*not ok' "$out/pass-$n.log" | head -20
    exit 1
  fi
done
echo "==> $passes passes in a row under load"

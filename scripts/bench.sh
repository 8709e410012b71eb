#!/usr/bin/env bash
# The benchmark, in one command: builds the release, serves it locally with
# brotli/gzip as a real host would, and measures it (first-load bytes,
# Lighthouse on the page and each embed, step-change scripting, long tasks while
# scrolling, memory over twenty passes, and TimelineJS side by side).
#
#   scripts/bench.sh                 # prints the table, writes bench/results/latest.json
#   scripts/bench.sh --lh-runs 1     # one Lighthouse run per page instead of the median of 3 (faster)
#   scripts/bench.sh --passes 5      # fewer memory passes than the 20 of the budget (faster)
#   scripts/bench.sh --traces        # also keep the raw Chrome traces in bench/results/traces/
#
# Needs scripts/setup.sh to have run (toolchain, Chromium). Exits 0 when the
# run worked, whatever the budgets say; non-zero only when something broke.
# Takes about 7 minutes on 2 cores (plus the build), most of it in the browser.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

say() { printf '==> %s\n' "$*" >&2; }

# npm ci wipes node_modules, so only when the lockfile changed since the last one.
stamp=bench/node_modules/.bench-lock.sha256
lock_sum="$(sha256sum bench/package-lock.json | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]]; then
  say "installing bench npm packages (npm ci in bench/)"
  (cd bench && npm ci --no-audit --no-fund) >&2
  echo "$lock_sum" >"$stamp"
fi

# A dist of its own: dist/ is rebuilt by whoever runs the e2e tests, and a
# rebuild in the middle of a run would swap the files being measured.
dist=bench/results/dist
say "building the release into $dist"
trunk build --release --offline --dist "$dist" >&2

say "measuring"
exec node bench/run.mjs --dist "$dist" "$@"

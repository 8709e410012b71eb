#!/usr/bin/env bash
# Serves the explainer at http://127.0.0.1:8080/ , rebuilding on change. Installs what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SETUP_ALL_ENGINES=0 bash scripts/setup.sh
source scripts/env.sh
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}"

#!/usr/bin/env bash
# Trunk post-build hook: builds each widget's lean page (pages/widget.html filled in for it, its
# own Cargo bin) into the essay build's staging folder, as <widget>/index.html with its own js and
# wasm.
# Nested Trunk builds run this hook too: only the essay's build (index.html) goes on.
set -euo pipefail
case "${TRUNK_HTML_FILE:-}" in
  */index.html) ;;
  *) exit 0 ;;
esac
cd "$(dirname "${BASH_SOURCE[0]}")/.."
release=()
[[ "${TRUNK_PROFILE:-release}" == release ]] && release=(--release)
pages_dir="${EXPLAINER_PAGES_DIR:-target/pages}"
for page in timeline diagram map; do
  sed "s/{page}/$page/g" pages/widget.html >"$pages_dir/$page/page.html"
  trunk build "${release[@]}" --offline --public-url ./ --dist "$TRUNK_STAGING_DIR/$page" "$pages_dir/$page/page.html" >&2
done
# The JS glue of every page, minified (Trunk leaves it readable).
if [[ "${TRUNK_PROFILE:-release}" == release ]]; then
  node tests/tools/minify-glue.mjs "$TRUNK_STAGING_DIR"
fi

#!/usr/bin/env bash
# Trunk post-build hook: builds each widget's app (pages/widget.html filled in for it, its own
# Cargo bin of web/) into the essay build's staging folder, then puts every page of every
# edition in place (`pages assemble`: the documents, with their apps' file names, and the
# Content Security Policy that serves them).
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
mkdir -p "$pages_dir/build"
# The widgets this explainer has (the `pages` bin wrote the list: one per instrument).
while read -r page; do
  [[ -n "$page" ]] || continue
  # (web/ relative to the copy, which may be anywhere EXPLAINER_PAGES_DIR says: Trunk reads an
  # href as relative to its page.)
  web="$(realpath --relative-to="$pages_dir/build" web)"
  sed -e "s/{page}/$page/g" -e "s|{web}|$web|g" pages/widget.html >"$pages_dir/build/$page.html"
  trunk build "${release[@]}" --offline --public-url ./ --dist "$TRUNK_STAGING_DIR/$page" "$pages_dir/build/$page.html" >&2
done <"$pages_dir/widgets.txt"
# The JS glue of every app, minified (Trunk leaves it readable).
if [[ "${TRUNK_PROFILE:-release}" == release ]]; then
  node tests/tools/minify-glue.mjs "$TRUNK_STAGING_DIR"
fi
cargo run --quiet -p explainer-model --features build --bin pages -- assemble "$TRUNK_STAGING_DIR" "$pages_dir"

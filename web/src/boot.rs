//! Starting a page: read the address once, mark the page live, and attach to the drawing.

use crate::dom::{self, Scope};
use explainer_model::route::{parse_on, Route, Widget};

/// Reads the address for `page` (the widget whose page this is) and runs `attach` with a scope
/// that lives as long as the page.
pub fn start(page: Widget, attach: impl FnOnce(&Scope, Route)) {
    // Debug builds say where a panic came from; release builds stay small (and abort, which
    // the page's boot script turns into the plain, still readable page).
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("explainer panicked: {info}").into());
    }));
    let (search, hash) = dom::location();
    let route = parse_on(page, &search, &hash);
    dom::set_root_attr("data-theme", Some(route.theme.as_str()));
    // Nothing is rendered: the page is already drawn.
    let scope = Scope::new();
    #[cfg(feature = "panic-probe")]
    panic_probe(&search, &scope);
    attach(&scope, route);
    std::mem::forget(scope);
    dom::set_root_attr("data-app", Some("live"));
}

/// Test builds only (the `panic-probe` feature, built by `scripts/test.sh` into a folder of its
/// own, never into `dist/`): the address key `panic-probe=start` panics while the page starts,
/// and `panic-probe=event` when the window receives an `explainer-panic-probe` event, so that
/// the tests can watch a page fall back to its plain reading.
#[cfg(feature = "panic-probe")]
fn panic_probe(search: &str, scope: &Scope) {
    let value = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("panic-probe="));
    match value {
        Some("start") => panic!("panic probe: at start"),
        Some("event") => scope.listen(
            &dom::window(),
            "explainer-panic-probe",
            |_: web_sys::Event| panic!("panic probe: on an event"),
        ),
        _ => {}
    }
}

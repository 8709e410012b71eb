//! The few browser facilities the app uses, in one place, each failing soft: in a sandboxed
//! iframe or an old engine a missing API means a feature is skipped, never a panic.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ScrollBehavior, ScrollToOptions};

/// `location.search` and `location.hash`, or empty strings where they can't be read.
pub fn location() -> (String, String) {
    let loc = window().location();
    (
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    )
}

/// Replaces the address fragment without a history entry (None clears it).
pub fn replace_fragment(id: Option<&str>) {
    let loc = window().location();
    let base = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let url = match id {
        Some(id) => format!("{base}#{id}"),
        None => base,
    };
    if loc.hash().unwrap_or_default().trim_start_matches('#') == id.unwrap_or("") {
        return;
    }
    if let Ok(history) = window().history() {
        // A sandboxed or opaque-origin document may refuse; the fragment is a convenience.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

pub fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

pub fn viewport() -> (f64, f64) {
    let w = window();
    let num = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (num(w.inner_width()), num(w.inner_height()))
}

pub fn scroll_y() -> f64 {
    window().scroll_y().unwrap_or(0.0)
}

pub fn scroll_to(y: f64, smooth: bool) {
    let opts = ScrollToOptions::new();
    opts.set_top(y);
    opts.set_behavior(if smooth {
        ScrollBehavior::Smooth
    } else {
        ScrollBehavior::Instant
    });
    window().scroll_to_with_scroll_to_options(&opts);
}

/// Sets or removes an attribute on `<html>`, where the stylesheet reads modes and themes.
pub fn set_root_attr(name: &str, value: Option<&str>) {
    if let Some(root) = document().document_element() {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

pub fn by_id(id: &str) -> Option<HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into().ok())
}

pub fn query_all(selector: &str) -> Vec<HtmlElement> {
    let Ok(list) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

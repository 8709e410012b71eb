//! Starting a page: read the address once, then let Leptos own everything the page's app
//! registers, so that tearing a part down releases all of it.

use crate::dom;
use explainer_model::route::{parse_on, Route, Widget};
use leptos::prelude::*;

/// Reads the address for `page` (the widget whose page this is), marks the page live, and runs
/// `attach` under a Leptos owner that lives as long as the page.
pub fn start(page: Widget, attach: impl FnOnce(Route) + 'static) {
    // Debug builds say where a panic came from; release builds stay small (and abort).
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("explainer panicked: {info}").into());
    }));
    let (search, hash) = dom::location();
    let route = parse_on(page, &search, &hash);
    dom::set_root_attr("data-theme", Some(route.theme.as_str()));
    // Nothing is rendered: the page is already drawn. The app attaches to it, under one owner
    // that lives as long as the page.
    let owner = Owner::new();
    owner.with(move || attach(route));
    std::mem::forget(owner);
    dom::set_root_attr("data-app", Some("live"));
}

/// Shows notes about an address that could not be followed where the reader will see them.
pub fn notices(notes: &[String], before: &web_sys::Element) {
    if notes.is_empty() {
        return;
    }
    let Ok(box_) = document().create_element("div") else {
        return;
    };
    box_.set_class_name("notice");
    let _ = box_.set_attribute("role", "status");
    for n in notes {
        if let Ok(p) = document().create_element("p") {
            p.set_text_content(Some(n));
            let _ = box_.append_child(&p);
        }
    }
    let _ = before
        .parent_node()
        .map(|parent| parent.insert_before(&box_, Some(before)));
}

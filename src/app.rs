//! What is mounted where. The article is already in the page (prerendered at build time); the
//! app mounts the pinned graphic into its slot, or, for `?widget=…`, one instrument on its own.

use crate::components::{
    diagram::DiagramWidget, embed::Nav, essay::Essay, reader::Reader, timeline::TimelineWidget,
};
use crate::dom;
use explainer_model::route::{self, Widget};
use leptos::prelude::*;

pub fn start() {
    let (search, hash) = dom::location();
    let route = route::parse(&search, &hash);
    // Without the slot (a page that isn't ours, or a broken build) there is nothing to enhance.
    let Some(slot) = dom::by_id("graphic") else {
        return;
    };
    dom::set_root_attr("data-theme", Some(route.theme.as_str()));
    leptos::mount::mount_to(slot, move || {
        provide_context(Reader::new());
        provide_context(Nav::start(route.widget, route.embed));
        match route.widget {
            Widget::Essay => view! { <Essay route=route.clone()/> }.into_any(),
            Widget::Timeline => view! { <TimelineWidget route=route.clone()/> }.into_any(),
            Widget::Diagram => view! { <DiagramWidget route=route.clone()/> }.into_any(),
        }
    })
    .forget();
}

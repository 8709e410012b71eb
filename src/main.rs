//! The essay's page: a Leptos app over the prerendered article. This file only mounts: see
//! `essay` for what the app attaches to, `scroll` for the engine and `reader` for the settings.

mod essay;
mod reader;
mod scope;
mod scroll;

fn main() {
    explainer_web::boot::start(explainer_model::route::Widget::Essay, |_, route| {
        // Leptos owns the essay's state; each part's browser registrations live in a scope that
        // its owner releases (see `scope`).
        let owner = leptos::prelude::Owner::new();
        owner.with(move || essay::attach(route));
        std::mem::forget(owner);
    });
}

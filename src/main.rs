//! The essay's page: a Leptos app over the prerendered article. It uses Leptos 0.8's reactive
//! system (signals, effects, owners: the `reactive_graph` crate, which `leptos::prelude`
//! re-exports) without the `leptos` umbrella crate: the page renders nothing, and the umbrella's
//! server-function layer would bring wasm-bindgen exports (wasm-streams) that no dead-code pass
//! removes, 7 KB of brotli on every reader's download. This file only mounts: see
//! `essay` for what the app attaches to, `scroll` for the engine and `reader` for the settings.

mod embed_state;
mod essay;
mod instruments;
mod page;
mod reader;
mod scope;
mod scroll;
mod whatif;

fn main() {
    explainer_web::boot::start(explainer_model::route::Widget::Essay, |_, route| {
        // Leptos owns the essay's state; each part's browser registrations live in a scope that
        // its owner releases (see `scope`).
        let owner = reactive_graph::owner::Owner::new();
        owner.with(move || essay::attach(route));
        std::mem::forget(owner);
    });
}

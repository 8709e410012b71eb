//! The Leptos views. Each sits on a plain type from `explainer_model` that decides what it shows.

pub mod diagram;
pub mod embed;
pub mod essay;
pub mod reader;
pub mod scroll;
pub mod stepper;
pub mod timeline;

use crate::content::bundle;
use leptos::prelude::*;

/// The credit line an embedded widget carries back to the full explainer and the original essay.
#[component]
pub fn Credit() -> impl IntoView {
    let m = &bundle().essay.meta;
    view! {
        <p class="credit-line">
            <a href="./" target="_blank" rel="noopener">{m.title.as_ref()}</a>
            " — an explainer retelling “" {m.credit_title.as_ref()} "” (" {m.credit_publisher.as_ref()} ")."
        </p>
    }
}

/// Notes about an address that could not be followed, shown where the reader will see them.
#[component]
pub fn Notice(notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <div class="notice" role="status">
                {notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
            </div>
        }
    })
}

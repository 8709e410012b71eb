//! The reader's settings: plain reading (no scroll effects) and reduced motion. They live on
//! `<html>` as attributes, where the stylesheet reads them, so one switch changes every widget.

use crate::dom;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Reader {
    /// The plain article, with a still of the graphic in each step.
    pub plain: RwSignal<bool>,
    /// Instant changes instead of animated ones; starts from the system setting.
    pub reduced_motion: RwSignal<bool>,
    /// Set while the browser prepares to print, so the stills exist on paper too.
    pub printing: RwSignal<bool>,
}

impl Reader {
    pub fn new() -> Self {
        let r = Reader {
            plain: RwSignal::new(false),
            reduced_motion: RwSignal::new(dom::media_matches("(prefers-reduced-motion: reduce)")),
            printing: RwSignal::new(false),
        };
        Effect::new(move |_| dom::set_root_attr("data-mode", r.plain.get().then_some("plain")));
        Effect::new(move |_| {
            dom::set_root_attr(
                "data-motion",
                Some(if r.reduced_motion.get() {
                    "reduce"
                } else {
                    "full"
                }),
            )
        });
        // The stills render in a microtask, which runs before the print layout is taken.
        let _ = window_event_listener(leptos::ev::beforeprint, move |_| r.printing.set(true));
        r
    }

    pub fn smooth(&self) -> bool {
        !self.reduced_motion.get_untracked()
    }

    pub fn stills(&self) -> bool {
        self.plain.get() || self.printing.get()
    }
}

/// The two switches, as toggle buttons that say their state.
#[component]
pub fn ReaderTools() -> impl IntoView {
    let r = expect_context::<Reader>();
    view! {
        <div class="tools" role="group" aria-label="Reading options">
            <button type="button" class="switch" aria-pressed=move || r.plain.get().to_string()
                on:click=move |_| r.plain.update(|p| *p = !*p)>
                <span class="switch-knob" aria-hidden="true"></span>
                "Read without scroll effects"
            </button>
            <button type="button" class="switch" aria-pressed=move || r.reduced_motion.get().to_string()
                on:click=move |_| r.reduced_motion.update(|p| *p = !*p)>
                <span class="switch-knob" aria-hidden="true"></span>
                "Reduce motion"
            </button>
        </div>
    }
}

//! The reader's settings: plain reading (no scroll effects) and reduced motion. They live on
//! `<html>` as attributes, where the stylesheet reads them, so one switch changes every drawing.
//! The switches are in the page already (shown only with the script); this makes them work.

use crate::scope::effect;
use explainer_web::dom::{self, Scope};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Reader {
    /// The plain article, with a still of the graphic in each step.
    pub plain: RwSignal<bool>,
    /// Instant changes instead of animated ones; starts from the system setting.
    pub reduced_motion: RwSignal<bool>,
}

impl Reader {
    pub fn attach(scope: &Scope) -> Reader {
        let r = Reader {
            plain: RwSignal::new(
                dom::root().is_some_and(|r| dom::attr(&r, "data-mode") == "plain"),
            ),
            reduced_motion: RwSignal::new(dom::media_matches("(prefers-reduced-motion: reduce)")),
        };
        for (tool, signal) in [("plain", r.plain), ("motion", r.reduced_motion)] {
            let Some(button) = dom::find(None, &["[data-tool=\"", tool, "\"]"].concat()) else {
                continue;
            };
            let b = button.clone();
            effect(move || dom::set_attr(&b, "aria-pressed", Some(dom::bool_str(signal.get()))));
            scope.listen(&button, "click", move |_: web_sys::Event| {
                signal.update(|v| *v = !*v)
            });
        }
        effect(move || dom::set_root_attr("data-mode", r.plain.get().then_some("plain")));
        effect(move || {
            dom::set_root_attr(
                "data-motion",
                Some(if r.reduced_motion.get() {
                    "reduce"
                } else {
                    "full"
                }),
            )
        });
        r
    }

    pub fn smooth(&self) -> bool {
        !self.reduced_motion.get_untracked()
    }
}

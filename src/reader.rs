//! The reader's settings: plain reading (no scroll effects) and reduced motion. They live on
//! `<html>` as attributes, where the stylesheet reads them, so one switch changes every drawing.
//! The switches are in the page already (shown only with the script); this makes them work.
//! Reduced motion follows the system's setting while the page is open, unless the reader has
//! used the switch: then the reader's choice wins.

use crate::scope::{bind_attr, effect};
use explainer_web::dom::{self, Scope};
use reactive_graph::owner::StoredValue;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;

#[derive(Clone, Copy)]
pub struct Reader {
    /// The plain article, with a still of the graphic in each step.
    pub plain: RwSignal<bool>,
    /// Instant changes instead of animated ones.
    pub reduced_motion: RwSignal<bool>,
}

const REDUCE: &str = "(prefers-reduced-motion: reduce)";

impl Reader {
    pub fn attach(scope: &Scope) -> Reader {
        let r = Reader {
            plain: RwSignal::new(
                dom::root().is_some_and(|r| dom::attr(&r, "data-mode") == "plain"),
            ),
            reduced_motion: RwSignal::new(dom::media_matches(REDUCE)),
        };
        // The system's setting, followed until the reader chooses.
        let chosen = StoredValue::new(false);
        scope.on_media(REDUCE, move |reduce| {
            if !chosen.get_value() {
                r.reduced_motion.set(reduce);
            }
        });
        for (tool, signal) in [("plain", r.plain), ("motion", r.reduced_motion)] {
            let Some(button) = dom::find(None, &["[data-tool=\"", tool, "\"]"].concat()) else {
                continue;
            };
            bind_attr(&button, "aria-pressed", move || {
                dom::bool_str(signal.get()).to_string()
            });
            scope.listen(&button, "click", move |_: web_sys::Event| {
                if tool == "motion" {
                    chosen.set_value(true);
                }
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

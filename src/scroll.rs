//! The scroll engine: measures the steps' boxes once a frame while the page moves and asks
//! `explainer_model::scroll` which step is active. See that module for why geometry, not events.

use crate::dom;
use explainer_model::scroll::{active_step, scroll_target, trigger_ratio, StepBox};
use leptos::prelude::*;
use web_sys::HtmlElement;

/// Where the reader is in the essay.
#[derive(Clone, Copy)]
pub struct Scroll {
    pub active: RwSignal<Option<usize>>,
    /// 0–1 through the active step.
    pub progress: RwSignal<f64>,
    steps: StoredValue<Vec<HtmlElement>, LocalStorage>,
}

impl Scroll {
    /// Follows the page's steps (prerendered; they never change) for as long as the owner lives.
    pub fn attach(steps: Vec<HtmlElement>) -> Scroll {
        let s = Scroll {
            active: RwSignal::new(None),
            progress: RwSignal::new(0.0),
            steps: StoredValue::new_local(steps),
        };
        s.measure();
        // Scroll events come faster than frames: one measure per frame at most.
        let tick = dom::Frame::new(move || s.measure());
        let t2 = tick.clone();
        dom::listen(&window(), "scroll", move |_: web_sys::Event| tick.request());
        dom::listen(&window(), "resize", move |_: web_sys::Event| t2.request());
        s
    }

    pub fn measure(self) {
        let (vw, vh) = dom::viewport();
        let boxes: Vec<StepBox> = self.steps.with_value(|steps| {
            steps
                .iter()
                .map(|e| {
                    let r = e.get_bounding_client_rect();
                    StepBox {
                        top: r.top(),
                        bottom: r.bottom(),
                    }
                })
                .collect()
        });
        let pos = active_step(&boxes, vh * trigger_ratio(vw));
        if self.active.get_untracked() != pos.active {
            self.active.set(pos.active);
        }
        // Small changes are not worth an update.
        if (self.progress.get_untracked() - pos.progress).abs() > 0.01 {
            self.progress.set(pos.progress);
        }
    }

    pub fn len(self) -> usize {
        self.steps.with_value(|s| s.len())
    }

    /// Scrolls so that step `i` sits just past the trigger line; the scroll itself then makes it
    /// active, so the graphic never runs ahead of the text.
    pub fn go_to(self, i: usize, smooth: bool) {
        let Some(top) = self
            .steps
            .with_value(|s| s.get(i).map(|e| e.get_bounding_client_rect().top()))
        else {
            return;
        };
        let (vw, vh) = dom::viewport();
        dom::scroll_to(scroll_target(top + dom::scroll_y(), vh, vw), smooth);
    }
}

//! The scroll engine: measures the steps' boxes once a frame while the page moves and asks
//! `explainer_model::scroll` which step is active. See that module for why geometry, not events.

use crate::dom;
use explainer_model::scroll::{active_step, scroll_target, trigger_ratio, StepBox};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use web_sys::HtmlElement;

thread_local! {
    /// The prerendered step elements, in document order (they never change after load).
    static STEPS: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
    /// A frame is already booked: scroll events come faster than frames.
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Where the reader is in the essay. Shared through context.
#[derive(Clone, Copy)]
pub struct ScrollState {
    pub active: RwSignal<Option<usize>>,
    /// 0–1 through the active step, for graphics that move within a step.
    pub progress: RwSignal<f64>,
}

impl ScrollState {
    /// Finds the steps, measures once (so the first render is already right), and follows the page.
    pub fn attach() -> Self {
        STEPS.with_borrow_mut(|s| *s = dom::query_all(".steps .step"));
        let s = ScrollState {
            active: RwSignal::new(None),
            progress: RwSignal::new(0.0),
        };
        s.measure();
        let _ = window_event_listener(leptos::ev::scroll, move |_| s.schedule());
        let _ = window_event_listener(leptos::ev::resize, move |_| s.schedule());
        s
    }

    fn schedule(self) {
        if !PENDING.replace(true) {
            request_animation_frame(move || {
                PENDING.set(false);
                self.measure();
            });
        }
    }

    pub fn measure(self) {
        let (vw, vh) = dom::viewport();
        let boxes: Vec<StepBox> = STEPS.with_borrow(|steps| {
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
        // Small changes are not worth a re-render.
        if (self.progress.get_untracked() - pos.progress).abs() > 0.004 {
            self.progress.set(pos.progress);
        }
    }

    /// Scrolls so that step `i` sits just past the trigger line; the scroll itself then makes it
    /// active, so the graphic never runs ahead of the text.
    pub fn go_to(self, i: usize, smooth: bool) {
        let Some(top) = STEPS.with_borrow(|s| s.get(i).map(|e| e.get_bounding_client_rect().top()))
        else {
            return;
        };
        let (vw, vh) = dom::viewport();
        dom::scroll_to(scroll_target(top + dom::scroll_y(), vh, vw), smooth);
    }
}

//! The scroll engine: measures the steps' boxes once a frame while the page moves and asks
//! `explainer_model::scroll` which step is active. See that module for why geometry, not events.

use explainer_model::scroll::{active_step, scroll_target, trigger_ratio, ScrollPos, StepBox};
use explainer_web::dom::{self, Scope};
use reactive_graph::owner::{LocalStorage, StoredValue};
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use web_sys::{Element, HtmlElement};

/// Where the reader is in the essay.
#[derive(Clone, Copy)]
pub struct Scroll {
    pub active: RwSignal<Option<usize>>,
    /// 0–1 through the active step.
    pub progress: RwSignal<f64>,
    steps: StoredValue<Vec<HtmlElement>, LocalStorage>,
    /// The heading before each chapter's first step (see `StepBox::opened_by`).
    heads: StoredValue<Vec<Option<Element>>, LocalStorage>,
}

impl Scroll {
    /// Follows the page's steps (prerendered; they never change) while `scope` lives.
    pub fn attach(scope: &Scope, steps: Vec<HtmlElement>) -> Scroll {
        // Not the first chapter's: its heading is near the fold when the page opens, and the
        // stage keeps its opening picture until the reader reaches the first step.
        let heads = steps
            .iter()
            .enumerate()
            .map(|(i, e)| {
                e.previous_element_sibling()
                    .filter(|h| i > 0 && h.class_list().contains("chapter-head"))
            })
            .collect();
        let s = Scroll {
            active: RwSignal::new(None),
            progress: RwSignal::new(0.0),
            steps: StoredValue::new_local(steps),
            heads: StoredValue::new_local(heads),
        };
        s.measure();
        // Scroll events come faster than frames: one measure per frame at most.
        let tick = scope.frame(move || s.measure());
        let t2 = tick.clone();
        scope.listen(&dom::window(), "scroll", move |_: web_sys::Event| {
            tick.request()
        });
        // A new size (a phone turned, a window resized) may lay the steps out anew: when that
        // puts the reader in another step, bring them back to the one they were reading. (A
        // phone's address bar coming and going changes no step, and moves nothing.)
        scope.listen(&dom::window(), "resize", move |_: web_sys::Event| {
            if let Some(i) = s.active.get_untracked() {
                if s.locate().active != Some(i) {
                    s.go_to(i, false);
                }
            }
            t2.request()
        });
        s
    }

    pub fn measure(self) {
        let pos = self.locate();
        if self.active.get_untracked() != pos.active {
            self.active.set(pos.active);
        }
        // Small changes are not worth an update.
        if (self.progress.get_untracked() - pos.progress).abs() > 0.01 {
            self.progress.set(pos.progress);
        }
    }

    /// Where the reader is in the page as laid out now.
    fn locate(self) -> ScrollPos {
        let (vw, vh) = dom::viewport();
        let boxes: Vec<StepBox> = (0..self.len()).filter_map(|i| self.step_box(i)).collect();
        active_step(&boxes, vh * trigger_ratio(vw))
    }

    /// Step `i`'s box in the viewport, opened by its chapter's heading if it has one.
    fn step_box(self, i: usize) -> Option<StepBox> {
        let r = self
            .steps
            .with_value(|s| s.get(i).map(|e| e.get_bounding_client_rect()))?;
        let head = self.heads.with_value(|h| {
            h.get(i)
                .and_then(Option::as_ref)
                .map(|h| h.get_bounding_client_rect().top())
        });
        Some(
            StepBox {
                top: r.top(),
                bottom: r.bottom(),
            }
            .opened_by(head),
        )
    }

    pub fn len(self) -> usize {
        self.steps.with_value(|s| s.len())
    }

    /// Scrolls so that step `i` (from its chapter's heading, if it opens one) sits just past the
    /// trigger line; the scroll itself then makes it active, so the graphic never runs ahead of
    /// the text.
    pub fn go_to(self, i: usize, smooth: bool) {
        let Some(StepBox { top, .. }) = self.step_box(i) else {
            return;
        };
        let (vw, vh) = dom::viewport();
        let y = scroll_target(top + dom::scroll_y(), vh, vw);
        let opts = web_sys::ScrollToOptions::new();
        opts.set_top(y);
        opts.set_behavior(if smooth {
            web_sys::ScrollBehavior::Smooth
        } else {
            web_sys::ScrollBehavior::Instant
        });
        dom::window().scroll_to_with_scroll_to_options(&opts);
        // A jump is measured at once, not on the next frame: until then the step it left is
        // still the active one, and a resize in between (WebKit holds back frames in a
        // cross-origin frame and sends its resize late) would take the reader back there.
        if !smooth {
            self.measure();
        }
    }
}

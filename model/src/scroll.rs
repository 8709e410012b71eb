//! Which step is active, from geometry alone.
//!
//! The browser reports where each step's box is; the active step is the last one whose top has
//! crossed the trigger line. Because it is a pure function of positions, it is right after any
//! way of getting there: a slow scroll, a fling, an anchor jump, a reload mid-page, a resize or a
//! zoom. Enter/exit events can miss steps that a fast scroll skips entirely.

/// A step's box in viewport coordinates (CSS px, as `getBoundingClientRect` gives them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepBox {
    pub top: f64,
    pub bottom: f64,
}

impl StepBox {
    /// A chapter's heading opens its first step: that step's box starts at the heading, so the
    /// chapter's picture comes as its heading reaches the line, and a jump to the chapter (which
    /// lands the heading just under a phone's pinned graphic, above the line) shows it. (The
    /// first chapter's heading does not: the page opens with it near the fold, on the opening
    /// picture.)
    pub fn opened_by(self, heading_top: Option<f64>) -> StepBox {
        StepBox {
            top: heading_top.map_or(self.top, |h| h.min(self.top)),
            ..self
        }
    }
}

/// Where the reader is: the active step (None above the first) and progress 0–1 through it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScrollPos {
    pub active: Option<usize>,
    pub progress: f64,
}

/// The trigger line as a fraction of the viewport height from the top. On narrow screens the
/// graphic covers the top half of the viewport, so the line sits lower, in the text below it.
/// Must agree with the stylesheet's `scroll-margin-top` on steps and chapters, so that an anchor
/// jump lands a step, or a chapter's heading, just above the line.
pub fn trigger_ratio(viewport_width: f64) -> f64 {
    if viewport_width < NARROW_MAX {
        0.62
    } else {
        0.55
    }
}

/// Widths below this (CSS px) use the phone layout: graphic pinned on top, text passing over.
pub const NARROW_MAX: f64 = 900.0;

/// The active step for boxes in document order and a trigger line `trigger` px from the top.
pub fn active_step(boxes: &[StepBox], trigger: f64) -> ScrollPos {
    // Boxes are in document order, so tops increase: the last one above the line wins.
    let crossed = boxes.iter().rposition(|b| b.top <= trigger);
    let progress = crossed.map_or(0.0, |i| {
        let b = boxes[i];
        // Progress runs until the next step takes over (or this one ends, for the last).
        let end = boxes
            .get(i + 1)
            .map_or(b.bottom, |n| n.top)
            .max(b.top + 1.0);
        ((trigger - b.top) / (end - b.top)).clamp(0.0, 1.0)
    });
    ScrollPos {
        active: crossed,
        progress,
    }
}

/// How far to scroll (document offset) so that a step whose top is at `step_doc_top` sits just
/// past the trigger line: used by the stepper's buttons and keys.
pub fn scroll_target(step_doc_top: f64, viewport_height: f64, viewport_width: f64) -> f64 {
    (step_doc_top - viewport_height * trigger_ratio(viewport_width) + 2.0).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(tops: &[f64], height: f64) -> Vec<StepBox> {
        tops.iter()
            .map(|&t| StepBox {
                top: t,
                bottom: t + height,
            })
            .collect()
    }

    #[test]
    fn nothing_is_active_above_the_first_step() {
        let b = boxes(&[600.0, 1200.0], 400.0);
        assert_eq!(
            active_step(&b, 500.0),
            ScrollPos {
                active: None,
                progress: 0.0
            }
        );
    }

    #[test]
    fn a_chapter_heading_past_the_line_opens_its_first_step() {
        // Step 1 starts a chapter whose heading sits 120 px above it.
        let plain = boxes(&[-300.0, 560.0], 400.0);
        let b = vec![plain[0], plain[1].opened_by(Some(440.0))];
        assert_eq!(
            active_step(&plain, 500.0).active,
            Some(0),
            "without its heading"
        );
        assert_eq!(
            active_step(&b, 500.0).active,
            Some(1),
            "the heading crossed the line"
        );
        assert_eq!(active_step(&b, 430.0).active, Some(0), "until it does");
        assert_eq!(b[1].bottom, plain[1].bottom);
        assert_eq!(
            plain[0].opened_by(None),
            plain[0],
            "a step without a heading"
        );
    }

    #[test]
    fn the_last_step_past_the_line_is_active() {
        let b = boxes(&[-900.0, -300.0, 300.0, 900.0], 400.0);
        assert_eq!(active_step(&b, 500.0).active, Some(2));
    }

    #[test]
    fn a_fast_scroll_that_skips_steps_still_lands_right() {
        // Jumping from the top straight past seven steps: no step was ever "entered" on the way.
        let b = boxes(
            &[
                -4000.0, -3400.0, -2800.0, -2200.0, -1600.0, -1000.0, -400.0, 200.0, 800.0,
            ],
            500.0,
        );
        assert_eq!(active_step(&b, 450.0).active, Some(7));
    }

    #[test]
    fn gaps_between_steps_keep_the_previous_step() {
        // The line sits in the gap after step 0's box: step 0 stays active, progress near its end.
        let b = vec![
            StepBox {
                top: 0.0,
                bottom: 300.0,
            },
            StepBox {
                top: 800.0,
                bottom: 1100.0,
            },
        ];
        let p = active_step(&b, 500.0);
        assert_eq!(p.active, Some(0));
        assert!((p.progress - 500.0 / 800.0).abs() < 1e-9);
    }

    #[test]
    fn progress_runs_from_zero_to_one() {
        let b = boxes(&[500.0, 1100.0], 600.0);
        assert_eq!(active_step(&b, 500.0).progress, 0.0);
        let half = active_step(&boxes(&[200.0, 800.0], 600.0), 500.0);
        assert!((half.progress - 0.5).abs() < 1e-9);
        let last = active_step(&boxes(&[-2000.0, -1000.0], 600.0), 500.0);
        assert_eq!((last.active, last.progress), (Some(1), 1.0));
    }

    #[test]
    fn the_scroll_target_puts_the_step_just_past_the_line() {
        let (vh, vw) = (800.0, 1280.0);
        let step_doc_top = 3000.0;
        let y = scroll_target(step_doc_top, vh, vw);
        let top_in_viewport = step_doc_top - y;
        let b = [StepBox {
            top: top_in_viewport,
            bottom: top_in_viewport + 400.0,
        }];
        assert_eq!(active_step(&b, vh * trigger_ratio(vw)).active, Some(0));
        assert_eq!(scroll_target(10.0, vh, vw), 0.0, "never negative");
    }

    #[test]
    fn phones_trigger_lower_than_desktops() {
        assert!(trigger_ratio(375.0) > trigger_ratio(1280.0));
    }
}

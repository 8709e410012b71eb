//! The essay as a sequence of steps, and what the pinned graphic shows at each.

use crate::content::{Bundle, Chapter, Graphic, Step, Text};

/// What the timeline shows: a span, its lit events, and how far the story has got.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineView {
    /// The visible span, as day numbers (first day, day after the last).
    pub from: i32,
    pub to: i32,
    pub highlight: Vec<Text>,
    /// Events starting after this day are not yet part of the story.
    pub reveal_until: i32,
}

impl TimelineView {
    /// Everything from `from` to `to`, nothing lit, every event shown: the standalone overview.
    pub fn all(from: i32, to: i32) -> Self {
        TimelineView {
            from,
            to,
            highlight: Vec::new(),
            reveal_until: i32::MAX,
        }
    }
}

/// What the pinned graphic shows: a span of the timeline or a stage of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Scene {
    Timeline(TimelineView),
    Diagram { stage: usize },
}

/// The essay's steps flattened in reading order, with their chapters.
#[derive(Clone, Debug)]
pub struct Story<'a> {
    bundle: &'a Bundle,
    /// (chapter index, step) in reading order.
    steps: Vec<(usize, &'a Step)>,
}

impl<'a> Story<'a> {
    pub fn new(bundle: &'a Bundle) -> Self {
        let steps = bundle
            .essay
            .chapter
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| c.step.iter().map(move |s| (ci, s)))
            .collect();
        Story { bundle, steps }
    }

    pub fn bundle(&self) -> &'a Bundle {
        self.bundle
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn step(&self, i: usize) -> Option<&'a Step> {
        self.steps.get(i).map(|(_, s)| *s)
    }

    pub fn chapter_of(&self, i: usize) -> Option<usize> {
        self.steps.get(i).map(|(c, _)| *c)
    }

    pub fn chapter(&self, ci: usize) -> Option<&'a Chapter> {
        self.bundle.essay.chapter.get(ci)
    }

    /// The first step of each chapter, for the chapter list.
    /// Indexed by chapter (every chapter has at least one step: the loader checks).
    pub fn chapter_starts(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, (ci, _)) in self.steps.iter().enumerate() {
            if out.len() == *ci {
                out.push(i);
            }
        }
        out
    }

    /// The step an address fragment names: a step id, or a chapter id (its first step).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|(_, s)| s.id == id).or_else(|| {
            let ci = self.bundle.essay.chapter.iter().position(|c| c.id == id)?;
            self.steps.iter().position(|(c, _)| *c == ci)
        })
    }

    /// The last timeline view and diagram stage shown at or before `active`, so that the
    /// instrument not on screen keeps its place while the other one is shown.
    pub fn last_views(&self, active: Option<usize>) -> (TimelineView, usize) {
        let upto = active.map_or(0, |a| a + 1).min(self.len());
        let mut tl = None;
        let mut stage = None;
        for i in (0..upto).rev() {
            match self.scene(Some(i)) {
                Scene::Timeline(v) if tl.is_none() => tl = Some(v),
                Scene::Diagram { stage: s } if stage.is_none() => stage = Some(s),
                _ => {}
            }
        }
        let tl = tl.unwrap_or_else(|| {
            // Before any timeline step: the first timeline step's span, nothing revealed.
            (0..self.len())
                .find_map(|i| match self.scene(Some(i)) {
                    Scene::Timeline(v) => Some(TimelineView {
                        highlight: Vec::new(),
                        reveal_until: i32::MIN,
                        ..v
                    }),
                    _ => None,
                })
                .unwrap_or(TimelineView {
                    from: 0,
                    to: 1,
                    highlight: Vec::new(),
                    reveal_until: i32::MIN,
                })
        });
        (tl, stage.unwrap_or(0))
    }

    /// What the graphic shows with step `active` active (None: above the first step).
    pub fn scene(&self, active: Option<usize>) -> Scene {
        let reached = active.map_or(0, |a| a + 1);
        // The latest date any timeline step so far has taken the reader to.
        let reveal_until = self.steps[..reached.min(self.len())]
            .iter()
            .filter_map(|(_, s)| match &s.graphic {
                Graphic::Timeline { to, .. } => Some(to.last_day()),
                Graphic::Diagram { .. } | Graphic::Map { .. } => None,
            })
            .max()
            .unwrap_or(i32::MIN);
        let step = match active {
            Some(a) => self.step(a),
            None => self.steps.first().map(|(_, s)| *s),
        };
        match step.map(|s| &s.graphic) {
            Some(Graphic::Timeline {
                from,
                to,
                highlight,
            }) => Scene::Timeline(TimelineView {
                from: from.first_day(),
                to: to.last_day() + 1,
                highlight: if active.is_some() {
                    highlight.to_vec()
                } else {
                    Vec::new()
                },
                reveal_until,
            }),
            Some(Graphic::Diagram { stage, .. }) => Scene::Diagram {
                stage: self.bundle.stage_index(stage).unwrap_or(0),
            },
            Some(Graphic::Map { .. }) | None => Scene::Diagram { stage: 0 },
        }
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::date::DateSpan;
    use std::path::Path;

    fn mini() -> Bundle {
        crate::load::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini"))
            .unwrap()
    }

    #[test]
    fn steps_are_in_reading_order_with_their_chapters() {
        let b = mini();
        let s = Story::new(&b);
        assert_eq!(s.len(), 3);
        assert_eq!(s.step(2).unwrap().id, "boat-out");
        assert_eq!(s.chapter_of(2), Some(1));
        assert_eq!(
            s.chapter_starts(),
            vec![0, 1],
            "winter starts at step 0, summer at step 1"
        );
    }

    #[test]
    fn fragments_name_steps_or_chapters() {
        let b = mini();
        let s = Story::new(&b);
        assert_eq!(s.index_of("weigh-storm"), Some(1));
        assert_eq!(
            s.index_of("summer"),
            Some(1),
            "a chapter id opens its first step"
        );
        assert_eq!(s.index_of("nope"), None);
    }

    #[test]
    fn scenes_follow_the_steps_and_reveal_events_as_the_story_reaches_them() {
        let b = mini();
        let s = Story::new(&b);
        let day = |d: &str| DateSpan::parse(d).unwrap();
        match s.scene(None) {
            Scene::Timeline(TimelineView {
                highlight,
                reveal_until,
                ..
            }) => {
                assert!(
                    highlight.is_empty(),
                    "nothing is lit before the reader reaches the first step"
                );
                assert_eq!(reveal_until, i32::MIN);
            }
            other => panic!("{other:?}"),
        }
        match s.scene(Some(0)) {
            Scene::Timeline(TimelineView {
                from,
                to,
                highlight,
                reveal_until,
            }) => {
                assert_eq!(from, day("1900-01").first_day());
                assert_eq!(to, day("1900-12").last_day() + 1);
                assert_eq!(highlight, vec![Text::from("lamp")]);
                assert_eq!(reveal_until, day("1900-12").last_day());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.scene(Some(1)), Scene::Diagram { stage: 1 });
    }

    #[test]
    fn the_instrument_off_screen_keeps_its_last_state() {
        let b = mini();
        let s = Story::new(&b);
        let (tl, stage) = s.last_views(None);
        assert_eq!(
            (tl.highlight.len(), tl.reveal_until, stage),
            (0, i32::MIN, 0)
        );
        let (tl, stage) = s.last_views(Some(1));
        assert_eq!(
            tl.highlight,
            vec![Text::from("lamp")],
            "the timeline keeps step 0's view during the diagram step"
        );
        assert_eq!(stage, 1);
        let (tl, stage) = s.last_views(Some(2));
        assert_eq!(tl.highlight, vec![Text::from("rescue")]);
        assert_eq!(
            stage, 1,
            "the diagram keeps its stage during a later timeline step"
        );
    }
}

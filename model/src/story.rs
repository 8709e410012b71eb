//! The essay as a sequence of steps, and what the pinned graphic shows at each: which instrument
//! is on stage, and which scene each instrument holds (the ones off stage keep their last one,
//! so that coming back to an instrument finds it where the story left it).

/// The instruments the stage can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Inst {
    Timeline,
    Diagram,
    Map,
}

impl Inst {
    pub const ALL: [Inst; 3] = [Inst::Timeline, Inst::Diagram, Inst::Map];

    pub fn as_str(self) -> &'static str {
        match self {
            Inst::Timeline => "timeline",
            Inst::Diagram => "diagram",
            Inst::Map => "map",
        }
    }

    pub fn parse(s: &str) -> Option<Inst> {
        Inst::ALL.into_iter().find(|i| i.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A step as the stage needs it: the instrument it shows and the scene id.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepView<'a> {
    pub inst: Inst,
    pub scene: &'a str,
}

/// What the stage shows: the instrument on show, and each instrument's scene.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame<'a> {
    pub inst: Inst,
    pub scenes: [&'a str; 3],
}

/// The stage with step `active` active (None: above the first step, the opening scenes).
/// `openings` are each instrument's scene before the story reaches it.
pub fn frame<'a>(
    steps: &[StepView<'a>],
    openings: [&'a str; 3],
    active: Option<usize>,
) -> Frame<'a> {
    let mut scenes = openings;
    let upto = active.map_or(0, |a| (a + 1).min(steps.len()));
    for s in steps.iter().take(upto) {
        scenes[s.inst.index()] = s.scene;
    }
    let inst = match active {
        Some(a) => steps
            .get(a.min(steps.len().saturating_sub(1)))
            .map(|s| s.inst),
        None => steps.first().map(|s| s.inst),
    }
    .unwrap_or(Inst::Timeline);
    Frame { inst, scenes }
}

/// The step an address fragment names: a step id, or a chapter id (its first step).
pub fn index_of(step_ids: &[&str], chapters: &[(&str, usize)], id: &str) -> Option<usize> {
    step_ids
        .iter()
        .position(|s| *s == id)
        .or_else(|| chapters.iter().find(|(c, _)| *c == id).map(|&(_, i)| i))
        .filter(|&i| i < step_ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps() -> Vec<StepView<'static>> {
        vec![
            StepView {
                inst: Inst::Timeline,
                scene: "lamp-lit",
            },
            StepView {
                inst: Inst::Diagram,
                scene: "weigh-storm",
            },
            StepView {
                inst: Inst::Timeline,
                scene: "boat-out",
            },
        ]
    }

    const OPEN: [&str; 3] = ["overview", "calm", "none"];

    #[test]
    fn above_the_first_step_the_stage_shows_the_first_instrument_in_its_opening_scene() {
        let f = frame(&steps(), OPEN, None);
        assert_eq!(f.inst, Inst::Timeline);
        assert_eq!(f.scenes, OPEN);
    }

    #[test]
    fn each_step_puts_its_instrument_on_stage_at_its_scene() {
        let f = frame(&steps(), OPEN, Some(0));
        assert_eq!((f.inst, f.scenes[0]), (Inst::Timeline, "lamp-lit"));
        let f = frame(&steps(), OPEN, Some(1));
        assert_eq!((f.inst, f.scenes[1]), (Inst::Diagram, "weigh-storm"));
    }

    #[test]
    fn the_instrument_off_stage_keeps_its_last_scene() {
        let f = frame(&steps(), OPEN, Some(1));
        assert_eq!(
            f.scenes[0], "lamp-lit",
            "the timeline waits where step 0 left it"
        );
        let f = frame(&steps(), OPEN, Some(2));
        assert_eq!(f.scenes, ["boat-out", "weigh-storm", "none"]);
    }

    #[test]
    fn a_step_past_the_end_is_the_last_one_and_never_panics() {
        let f = frame(&steps(), OPEN, Some(99));
        assert_eq!(f.inst, Inst::Timeline);
        let f = frame(&[], OPEN, Some(3));
        assert_eq!(f.scenes, OPEN);
    }

    #[test]
    fn fragments_name_steps_or_chapters() {
        let ids = ["lamp-lit", "weigh-storm", "boat-out"];
        let chapters = [("winter", 0), ("summer", 1)];
        assert_eq!(index_of(&ids, &chapters, "boat-out"), Some(2));
        assert_eq!(index_of(&ids, &chapters, "summer"), Some(1));
        assert_eq!(index_of(&ids, &chapters, "nope"), None);
    }
}

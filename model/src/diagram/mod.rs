//! The decision diagram's arithmetic: which factors are in play at a stage, how the reader's
//! what-if switches change that, and which way the sum leans.
//!
//! Strengths are the explainer's reading of the essay (1 slight … 5 decisive); the balance is a
//! thought experiment, and every summary says which factors it is made of.

#[cfg(feature = "build")]
pub mod check;
#[cfg(feature = "build")]
pub mod markup;

use crate::content::{Bundle, Diagram, Graphic};
use crate::words::fill;

/// Factors switched off by the reader, one bit per factor index (the loader caps factors at 64).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Switches(pub u64);

impl Switches {
    pub fn is_off(self, factor: usize) -> bool {
        self.0 & (1 << factor) != 0
    }

    pub fn toggled(self, factor: usize) -> Self {
        Switches(self.0 ^ (1 << factor))
    }

    pub fn any(self) -> bool {
        self.0 != 0
    }
}

/// The two sums, course 0 (left) against course 1 (right).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Balance {
    pub left: u32,
    pub right: u32,
}

impl Balance {
    /// Where the balance marker sits: -1 all the way to course 0, +1 all the way to course 1.
    pub fn lean(self) -> f64 {
        let total = self.left + self.right;
        if total == 0 {
            0.0
        } else {
            (self.right as f64 - self.left as f64) / total as f64
        }
    }

    /// The course the sum leans toward, or None when the two sides are level.
    pub fn leaning(self) -> Option<usize> {
        match self.left.cmp(&self.right) {
            std::cmp::Ordering::Greater => Some(0),
            std::cmp::Ordering::Less => Some(1),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// The diagram reduced to indices, ready for repeated questions.
#[derive(Clone, Debug)]
pub struct Model {
    /// For each factor: the stage it enters at and the course (0 or 1) it pulls toward.
    enters: Vec<usize>,
    side: Vec<usize>,
    strength: Vec<u32>,
}

impl Model {
    pub fn new(d: &Diagram) -> Model {
        let n = d.factor.len();
        let mut enters = vec![usize::MAX; n];
        for (si, stage) in d.stage.iter().enumerate() {
            for id in stage.adds.iter() {
                if let Some(fi) = d.factor.iter().position(|f| f.id == *id) {
                    enters[fi] = si;
                }
            }
        }
        let side = d
            .factor
            .iter()
            .map(|f| usize::from(d.course.first().is_none_or(|c| c.id != f.toward)))
            .collect();
        let strength = d.factor.iter().map(|f| f.strength as u32).collect();
        Model {
            enters,
            side,
            strength,
        }
    }

    /// The model from its parts, as a page carries them: for each factor the stage it enters
    /// at, its side (0 or 1) and its strength.
    pub fn from_parts(enters: Vec<usize>, side: Vec<usize>, strength: Vec<u32>) -> Model {
        let n = enters.len().min(side.len()).min(strength.len()).min(64);
        Model {
            enters: enters.into_iter().take(n).collect(),
            side: side.into_iter().take(n).map(|s| s.min(1)).collect(),
            strength: strength.into_iter().take(n).collect(),
        }
    }

    pub fn factor_count(&self) -> usize {
        self.side.len()
    }

    /// Whether a factor has come into play by `stage` (switches aside).
    pub fn entered(&self, factor: usize, stage: usize) -> bool {
        self.enters[factor] <= stage
    }

    pub fn enters_at(&self, factor: usize) -> usize {
        self.enters[factor]
    }

    pub fn side(&self, factor: usize) -> usize {
        self.side[factor]
    }

    pub fn strength(&self, factor: usize) -> u32 {
        self.strength[factor]
    }

    /// Factors in play at `stage`, in the order they entered (then in file order).
    pub fn in_play(&self, stage: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.factor_count())
            .filter(|&f| self.entered(f, stage))
            .collect();
        v.sort_by_key(|&f| (self.enters[f], f));
        v
    }

    pub fn balance(&self, stage: usize, off: Switches) -> Balance {
        let mut b = Balance { left: 0, right: 0 };
        for f in (0..self.factor_count()).filter(|&f| self.entered(f, stage) && !off.is_off(f)) {
            if self.side[f] == 0 {
                b.left += self.strength[f];
            } else {
                b.right += self.strength[f];
            }
        }
        b
    }
}

/// The tug bar's fixed scale: the share of the bar's width one point of strength takes. Fixed
/// across stages (half the bar holds the larger side's final total, and at least 20 points), so
/// a side visibly grows as factors arrive, and the needle reads against the same scale.
pub fn unit(m: &Model) -> f64 {
    let all = m.balance(usize::MAX - 1, Switches::default());
    0.5 / (all.left.max(all.right).max(20) as f64)
}

/// A factor's segment on the tug bar, as fractions of the bar's width: start and width. Segments
/// stack outward from the centre in order of arrival and keep their place when switched off.
pub fn segment(m: &Model, factor: usize) -> (f64, f64) {
    let u = unit(m);
    let side = m.side(factor);
    let before: u32 = (0..m.factor_count())
        .filter(|&g| m.side(g) == side && (m.enters_at(g), g) < (m.enters_at(factor), factor))
        .map(|g| m.strength(g))
        .sum();
    let w = m.strength(factor) as f64 * u;
    let start = if side == 0 {
        0.5 - before as f64 * u - w
    } else {
        0.5 + before as f64 * u
    };
    (start, w)
}

/// Where the needle sits on the bar (0 left … 1 right): the surplus, on the bars' own scale.
pub fn needle(m: &Model, b: Balance) -> f64 {
    0.5 + (b.right as f64 - b.left as f64) * unit(m)
}

/// Which way the sum leans, in words, for courses described as `toward` (left, right), e.g.
/// "staying out" and "entering Korea", with the page's four patterns (level, nearly level toward
/// {course}, leans toward, leans strongly toward). Level within a tenth of the total counts as
/// nearly level.
pub fn verdict_words(b: Balance, toward: [&str; 2], patterns: &[String; 4]) -> String {
    let total = (b.left + b.right).max(1) as f64;
    let lean = (b.right as f64 - b.left as f64) / total;
    let side = usize::from(lean > 0.0);
    let which = match lean.abs() {
        0.0 => 0,
        a if a <= 0.1 => 1,
        a if a <= 0.45 => 2,
        _ => 3,
    };
    fill(&patterns[which], &[("course", toward[side])])
}

/// The sums as a reader checks them: "Stay out 9 · Enter Korea 6", in the page's pattern.
pub fn sums(b: Balance, names: [&str; 2], pattern: &str) -> String {
    fill(
        pattern,
        &[
            ("left_course", names[0]),
            ("left", &b.left.to_string()),
            ("right_course", names[1]),
            ("right", &b.right.to_string()),
        ],
    )
}

/// What switching one factor off does at `stage`: the verdict with it, and without it.
pub fn without(m: &Model, stage: usize, factor: usize) -> (Option<usize>, Option<usize>) {
    let on = m.balance(stage, Switches::default()).leaning();
    let off = m
        .balance(stage, Switches::default().toggled(factor))
        .leaning();
    (on, off)
}

/// Type of the ghost ticks' labels under the tug bar.
pub const GHOST: crate::text::Font = crate::text::Font::regular(11.0);

/// The needle's earlier positions at `stage`: (stage, where, label shown). A label is shown when
/// it clears the labels already shown, the needle's own place and the bar's ends on a bar
/// `bar_px` wide (the narrowest the bar gets); the tick always is.
pub fn ghosts(d: &Diagram, m: &Model, stage: usize, bar_px: f64) -> Vec<(usize, f64, bool)> {
    let now = needle(m, m.balance(stage, Switches::default())) * bar_px;
    // The needle's own label (the current stage) takes room around it too.
    let mut taken: Vec<(f64, f64)> = vec![(now - 40.0, now + 40.0)];
    let mut out = Vec::new();
    for s in (0..stage).rev() {
        let x = needle(m, m.balance(s, Switches::default())) * bar_px;
        let w = crate::text::width(&d.stage[s].label, GHOST) + 8.0;
        let span = (x - w / 2.0, x + w / 2.0);
        let clear = span.0 >= 0.0
            && span.1 <= bar_px
            && taken.iter().all(|&(a, b)| span.1 <= a || span.0 >= b);
        if clear {
            taken.push(span);
        }
        out.push((s, x / bar_px, clear));
    }
    out.reverse();
    out
}

/// What the diagram shows in one scene: a stage, its lit factors and the step's note.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub id: String,
    pub stage: usize,
    /// Factors lit in this scene (the stage's new ones unless the step names others).
    pub lit: Vec<usize>,
    /// The lit factor whose row carries the note.
    pub anchor: Option<usize>,
    pub note: String,
}

/// The ledger's room on the shortest stage that shows only some rows (the essay's stage on a
/// 320 × 568 phone, and tablets' stages up to 620 px tall), in CSS px, and its narrowest width.
pub const SHORT_LEDGER_H: f64 = 145.0;
pub const SHORT_LEDGER_W: f64 = 284.0;
/// Row type as style/diagram.css sets it: the label (0.85rem, semibold; bold for the metrics,
/// so the estimate errs long) and the note.
const ROW_LABEL: crate::text::Font = crate::text::Font::bold(13.6);
const ROW_LABEL_LINE: f64 = 17.7;
const ROW_GAP: f64 = 4.0;
const ROW_NOTE: crate::text::Font = crate::text::Font::regular(12.8);
const ROW_NOTE_LINE: f64 = 17.3;
/// The row's glyph and gap before the label; the note's rule and padding.
const ROW_INDENT: f64 = 16.0;
const NOTE_INDENT: f64 = 13.0;

/// A row's height on a short stage: every row is its name (the bar above shows the weights);
/// the anchor adds the step's note.
fn short_row_h(d: &Diagram, scene: &Scene, f: usize) -> f64 {
    let measure = SHORT_LEDGER_W - ROW_INDENT;
    let lines = crate::text::wrap(&d.factor[f].label, ROW_LABEL, measure).len() as f64;
    let mut h = ROW_GAP + lines * ROW_LABEL_LINE;
    if scene.anchor == Some(f) && scene.lit.contains(&f) && !scene.note.is_empty() {
        let n = crate::text::wrap(&scene.note, ROW_NOTE, measure - NOTE_INDENT).len();
        h += ROW_GAP + n as f64 * ROW_NOTE_LINE;
    }
    h
}

/// The rows a short stage shows besides the lit ones, so that its ledger is one full picture
/// without running out of room: the other factors in play, by name, the latest first, as many
/// as fit [`SHORT_LEDGER_H`] after the lit rows (which always show).
pub fn short_context(d: &Diagram, m: &Model, scene: &Scene) -> Vec<usize> {
    let mut used: f64 = scene.lit.iter().map(|&f| short_row_h(d, scene, f)).sum();
    let mut others: Vec<usize> = m
        .in_play(scene.stage)
        .into_iter()
        .filter(|f| !scene.lit.contains(f))
        .collect();
    others.sort_by_key(|&f| (std::cmp::Reverse(m.enters_at(f)), f));
    let mut out = Vec::new();
    for f in others {
        let h = short_row_h(d, scene, f);
        if used + h > SHORT_LEDGER_H {
            break;
        }
        used += h;
        out.push(f);
    }
    out
}

/// The height [`short_context`] leaves the short ledger at, px: for tests.
pub fn short_ledger_h(d: &Diagram, m: &Model, scene: &Scene) -> f64 {
    scene
        .lit
        .iter()
        .chain(short_context(d, m, scene).iter())
        .map(|&f| short_row_h(d, scene, f))
        .sum()
}

/// The diagram's scenes: one per essay step that shows it (by step id), and one per stage (by
/// stage id) for the widget.
pub fn scenes(b: &Bundle, d: &Diagram) -> (Vec<Scene>, Vec<Scene>) {
    let factor = |id: &str| d.factor.iter().position(|f| f.id == id);
    let adds = |si: usize| -> Vec<usize> {
        d.stage
            .get(si)
            .map(|s| s.adds.iter().filter_map(|a| factor(a)).collect())
            .unwrap_or_default()
    };
    let steps = b
        .steps()
        .filter_map(|(_, s)| match &s.graphic {
            Graphic::Diagram { stage, highlight } => {
                let si = b.stage_index(stage)?;
                let lit: Vec<usize> = if highlight.is_empty() {
                    adds(si)
                } else {
                    highlight.iter().filter_map(|h| factor(h)).collect()
                };
                let anchor = factor(&s.anchor)
                    .filter(|a| lit.contains(a))
                    .or(lit.first().copied());
                Some(Scene {
                    id: s.id.to_string(),
                    stage: si,
                    lit,
                    anchor,
                    note: s.note.to_string(),
                })
            }
            _ => None,
        })
        .collect();
    let stages = (0..d.stage.len())
        .map(|si| Scene {
            id: d.stage[si].id.to_string(),
            stage: si,
            lit: adds(si),
            anchor: None,
            note: String::new(),
        })
        .collect();
    (steps, stages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Course, Factor, Stage};
    use crate::date::DateSpan;

    fn factor(id: &'static str, toward: &'static str, strength: u8) -> Factor {
        Factor {
            id: id.into(),
            label: id.into(),
            explain: "x".into(),
            toward: toward.into(),
            strength,
            actor: "a".into(),
            added: false,
            event: "".into(),
            chapter: "c".into(),
            whatif: "?".into(),
            source: None,
        }
    }

    fn diagram() -> Diagram {
        let stage = |id: &'static str, date: &str, adds: &[&'static str]| Stage {
            id: id.into(),
            label: id.into(),
            date: DateSpan::parse(date).unwrap(),
            adds: adds.iter().map(|a| a.to_string()).collect(),
        };
        Diagram {
            title: "t".into(),
            note: "n".into(),
            course: vec![
                Course {
                    id: "taiwan".into(),
                    label: "Invade Taiwan".into(),
                    detail: "".into(),
                    toward: "".into(),
                },
                Course {
                    id: "korea".into(),
                    label: "Intervene in Korea".into(),
                    detail: "".into(),
                    toward: "".into(),
                },
            ],
            // File order differs from entry order on purpose.
            factor: vec![
                factor("yalu", "korea", 5),
                factor("civil-war", "taiwan", 4),
                factor("fleet", "korea", 3),
                factor("weak-army", "taiwan", 3),
            ],
            stage: vec![
                stage("spring", "1950-04", &["civil-war", "weak-army"]),
                stage("june", "1950-06", &["fleet"]),
                stage("october", "1950-10", &["yalu"]),
            ],
        }
    }

    #[test]
    fn factors_enter_stage_by_stage() {
        let m = Model::new(&diagram());
        assert_eq!(m.in_play(0), vec![1, 3]);
        assert_eq!(m.in_play(1), vec![1, 3, 2]);
        assert_eq!(m.in_play(2), vec![1, 3, 2, 0]);
    }

    #[test]
    fn the_balance_moves_from_taiwan_to_korea() {
        let m = Model::new(&diagram());
        assert_eq!(
            m.balance(0, Switches::default()),
            Balance { left: 7, right: 0 }
        );
        assert_eq!(m.balance(0, Switches::default()).leaning(), Some(0));
        assert_eq!(
            m.balance(1, Switches::default()),
            Balance { left: 7, right: 3 }
        );
        let end = m.balance(2, Switches::default());
        assert_eq!(end, Balance { left: 7, right: 8 });
        assert_eq!(end.leaning(), Some(1));
        assert!((end.lean() - 1.0 / 15.0).abs() < 1e-9);
    }

    #[test]
    fn switching_a_factor_off_moves_the_balance_and_back() {
        let m = Model::new(&diagram());
        let off = Switches::default().toggled(0); // no advance to the Yalu
        assert_eq!(m.balance(2, off), Balance { left: 7, right: 3 });
        assert_eq!(m.balance(2, off).leaning(), Some(0));
        assert_eq!(off.toggled(0), Switches::default());
        let level = Switches::default().toggled(2).toggled(3); // fleet and army off: 4 vs 5
        assert_eq!(m.balance(2, level), Balance { left: 4, right: 5 });
        assert_eq!(Balance { left: 3, right: 3 }.leaning(), None);
        assert_eq!(Balance { left: 0, right: 0 }.lean(), 0.0);
    }

    const TOWARD: [&str; 2] = ["staying in", "rowing out"];

    #[test]
    fn verdicts_read_the_lean_in_words() {
        let p = [
            "level".to_string(),
            "nearly level, just toward {course}".into(),
            "leans toward {course}".into(),
            "leans strongly toward {course}".into(),
        ];
        let v = |l, r| verdict_words(Balance { left: l, right: r }, TOWARD, &p);
        assert_eq!(v(9, 1), "leans strongly toward staying in");
        assert_eq!(v(9, 6), "leans toward staying in");
        assert_eq!(v(10, 11), "nearly level, just toward rowing out");
        assert_eq!(v(9, 15), "leans toward rowing out");
        assert_eq!(v(2, 20), "leans strongly toward rowing out");
        assert_eq!(v(0, 0), "level");
        assert_eq!(
            sums(
                Balance { left: 9, right: 6 },
                ["Stay", "Go"],
                "{left_course} {left} · {right_course} {right}"
            ),
            "Stay 9 · Go 6"
        );
    }

    #[test]
    fn segments_stack_outward_in_order_of_arrival_on_one_fixed_scale() {
        let m = Model::new(&diagram());
        let u = unit(&m);
        assert!(
            (u - 0.5 / 20.0).abs() < 1e-12,
            "small totals still use 20 points a side"
        );
        // Left: civil-war (4) then weak-army (3), both spring, in file order.
        let (s1, w1) = segment(&m, 1);
        let (s3, w3) = segment(&m, 3);
        assert!((s1 + w1 - 0.5).abs() < 1e-12 && (w1 - 4.0 * u).abs() < 1e-12);
        assert!(
            (s3 + w3 - s1).abs() < 1e-12,
            "the later one sits further out"
        );
        // Right: fleet (june) then yalu (october).
        let (s2, _) = segment(&m, 2);
        let (s0, _) = segment(&m, 0);
        assert!((s2 - 0.5).abs() < 1e-12 && (s0 - (0.5 + 3.0 * u)).abs() < 1e-12);
        // The needle ends where the longer side's surplus ends.
        let b = m.balance(2, Switches::default());
        assert!((needle(&m, b) - (0.5 + 1.0 * u)).abs() < 1e-12);
    }

    #[test]
    fn earlier_needles_leave_ticks_whose_labels_never_touch() {
        let d = diagram();
        let m = Model::new(&d);
        for bar in [252.0, 400.0, 700.0] {
            let g = ghosts(&d, &m, 2, bar);
            assert_eq!(g.len(), 2, "spring and june before october");
            let shown: Vec<(f64, f64)> = g
                .iter()
                .filter(|x| x.2)
                .map(|&(s, x, _)| {
                    let w = crate::text::width(&d.stage[s].label, GHOST) + 8.0;
                    (x * bar - w / 2.0, x * bar + w / 2.0)
                })
                .collect();
            for (i, a) in shown.iter().enumerate() {
                for b in &shown[i + 1..] {
                    assert!(a.1 <= b.0 || b.1 <= a.0, "{bar}: {a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn switching_one_factor_off_says_whether_the_outcome_changes() {
        let m = Model::new(&diagram());
        assert_eq!(
            without(&m, 2, 0),
            (Some(1), Some(0)),
            "without the yalu it tips back"
        );
        assert_eq!(
            without(&m, 2, 3),
            (Some(1), Some(1)),
            "without the weak army it still goes"
        );
    }

    fn scene(stage: usize, lit: &[usize], note: &str) -> Scene {
        Scene {
            id: "s".into(),
            stage,
            lit: lit.to_vec(),
            anchor: lit.first().copied(),
            note: note.into(),
        }
    }

    #[test]
    fn a_short_stage_names_the_other_factors_in_play_the_latest_first() {
        let d = diagram();
        let m = Model::new(&d);
        // October: the Yalu lit; the fleet (June) before the spring's two.
        assert_eq!(short_context(&d, &m, &scene(2, &[0], "")), vec![2, 1, 3]);
        // Lit rows are never repeated as context.
        assert!(!short_context(&d, &m, &scene(2, &[0, 2], "")).contains(&2));
    }

    #[test]
    fn a_short_stage_stops_naming_factors_when_the_room_runs_out() {
        let mut d = diagram();
        // Long names take two lines each at the narrowest width.
        for f in d.factor.iter_mut() {
            f.label = "A factor with a name long enough to need two lines on a small phone".into();
        }
        let m = Model::new(&d);
        let long_note =
            "A note of many words that wraps onto several lines on the smallest stage of all.";
        let sc = scene(2, &[0], long_note);
        let ctx = short_context(&d, &m, &sc);
        assert!(ctx.len() < 3, "{ctx:?}");
        assert!(short_ledger_h(&d, &m, &sc) <= SHORT_LEDGER_H);
    }

    #[cfg(feature = "build")]
    #[test]
    fn every_step_of_the_real_diagram_fits_the_short_stage() {
        let c = crate::load::real();
        for e in &c.editions {
            let b = &e.bundle;
            let d = b.diagram.as_ref().unwrap();
            let m = Model::new(d);
            let (steps, _) = scenes(b, d);
            for s in &steps {
                let h = short_ledger_h(d, &m, s);
                assert!(
                    h <= SHORT_LEDGER_H,
                    "{} ({}): the lit rows alone need {h} px",
                    s.id,
                    e.lang
                );
            }
        }
    }
}

//! The decision diagram's arithmetic: which factors are in play at a stage, how the reader's
//! what-if switches change that, and which way the sum leans.
//!
//! Strengths are the explainer's reading of the essay (1 slight … 5 decisive); the balance is a
//! thought experiment, and every summary says which factors it is made of.

use crate::content::Diagram;

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

/// Which way the sum leans, in words: `Leans toward “Invade Taiwan”, 7 to 0` or `Level, 4 to 4`.
pub fn verdict(d: &Diagram, b: Balance) -> String {
    match b.leaning() {
        Some(i) => format!(
            "Leans toward “{}”, {} to {}",
            d.course.get(i).map_or("", |c| c.label.as_ref()),
            b.left.max(b.right),
            b.left.min(b.right)
        ),
        None => format!("Level, {} to {}", b.left, b.right),
    }
}

/// One sentence or three describing a stage and any switches, for the live region and stills.
pub fn summary(d: &Diagram, m: &Model, stage: usize, off: Switches) -> String {
    let Some(st) = d.stage.get(stage) else {
        return String::new();
    };
    let b = m.balance(stage, off);
    let names = |side: usize| -> String {
        let v: Vec<&str> = m
            .in_play(stage)
            .into_iter()
            .filter(|&f| m.side(f) == side && !off.is_off(f))
            .map(|f| d.factor[f].label.as_ref())
            .collect();
        if v.is_empty() {
            "nothing".to_string()
        } else {
            v.join("; ")
        }
    };
    let course = |i: usize| d.course.get(i).map_or("", |c| c.label.as_ref());
    let lean = verdict(d, b);
    let mut s = format!(
        "Stage {} of {}, {}. Toward {}: {}. Toward {}: {}. {}.",
        stage + 1,
        d.stage.len(),
        st.label,
        course(0),
        names(0),
        course(1),
        names(1),
        lean
    );
    let switched: Vec<&str> = (0..m.factor_count())
        .filter(|&f| off.is_off(f) && m.entered(f, stage))
        .map(|f| d.factor[f].label.as_ref())
        .collect();
    if !switched.is_empty() {
        s.push_str(&format!(
            " Thought experiment, switched off: {}.",
            switched.join("; ")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Course, Factor, Stage};
    use crate::date::DateSpan;
    use std::borrow::Cow;

    fn factor(id: &'static str, toward: &'static str, strength: u8) -> Factor {
        Factor {
            id: id.into(),
            label: id.into(),
            explain: "x".into(),
            toward: toward.into(),
            strength,
            actor: crate::content::Actor::Prc,
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
            adds: Cow::Owned(adds.iter().map(|a| Cow::Borrowed(*a)).collect()),
        };
        Diagram {
            title: "t".into(),
            note: "n".into(),
            course: Cow::Owned(vec![
                Course {
                    id: "taiwan".into(),
                    label: "Invade Taiwan".into(),
                    detail: "".into(),
                },
                Course {
                    id: "korea".into(),
                    label: "Intervene in Korea".into(),
                    detail: "".into(),
                },
            ]),
            // File order differs from entry order on purpose.
            factor: Cow::Owned(vec![
                factor("yalu", "korea", 5),
                factor("civil-war", "taiwan", 4),
                factor("fleet", "korea", 3),
                factor("weak-army", "taiwan", 3),
            ]),
            stage: Cow::Owned(vec![
                stage("spring", "1950-04", &["civil-war", "weak-army"]),
                stage("june", "1950-06", &["fleet"]),
                stage("october", "1950-10", &["yalu"]),
            ]),
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

    #[test]
    fn summaries_name_the_factors_the_lean_and_the_switches() {
        let d = diagram();
        let m = Model::new(&d);
        let s = summary(&d, &m, 0, Switches::default());
        assert_eq!(s, "Stage 1 of 3, spring. Toward Invade Taiwan: civil-war; weak-army. Toward Intervene in Korea: nothing. Leans toward “Invade Taiwan”, 7 to 0.");
        let s = summary(&d, &m, 2, Switches::default().toggled(0));
        assert!(
            s.ends_with(
                "Leans toward “Invade Taiwan”, 7 to 3. Thought experiment, switched off: yalu."
            ),
            "{s}"
        );
        // A switch for a factor not yet in play is not mentioned.
        let s = summary(&d, &m, 0, Switches::default().toggled(0));
        assert!(!s.contains("switched off"), "{s}");
        assert_eq!(summary(&d, &m, 9, Switches::default()), "");
    }
}

//! Checking `diagram.toml` (build time): two courses, factors that name a declared actor and an
//! existing course, event and chapter, and stages that bring each factor in once.

use crate::cast::Cast;
use crate::content::Diagram;
use crate::source::{ContentError, File, Report};
use std::collections::{HashMap, HashSet};

/// The what-if switches are bits of one 64-bit word.
pub const MAX_FACTORS: usize = 64;

/// What the diagram may point at elsewhere in the content.
pub struct Known<'a> {
    pub events: &'a HashSet<&'a str>,
    pub chapters: &'a HashSet<&'a str>,
    /// Whether the explainer has a timeline (a factor's `event` needs one).
    pub timeline: bool,
}

/// Checks the diagram and returns, for each factor id, the stage index it enters at.
pub fn check<'d>(
    d: &'d Diagram,
    cast: &Cast,
    known: &Known,
    file: &File,
    errors: &mut Vec<ContentError>,
) -> HashMap<&'d str, usize> {
    let mut r = Report::new(file, errors);
    r.text(
        &d.title,
        || "the diagram's title".into(),
        file.line_of_key(None, "title"),
    );
    if d.course.len() != 2 {
        r.at(
            1,
            format!(
                "the diagram needs exactly two courses, found {}",
                d.course.len()
            ),
        );
    }
    if d.factor.len() > MAX_FACTORS {
        r.at(
            file.line("factor", MAX_FACTORS, None),
            format!(
                "the diagram has {} factors; it can weigh {MAX_FACTORS} at most",
                d.factor.len()
            ),
        );
    }
    if d.stage.is_empty() {
        r.at(
            1,
            "the diagram has no stages: at least one `[[stage]]` brings its factors in",
        );
    }
    let mut course_ids = HashSet::new();
    for (i, c) in d.course.iter().enumerate() {
        let line = |k| file.line("course", i, Some(k));
        r.slug(&mut course_ids, &c.id, "course", line("id"));
        r.text(
            &c.label,
            || format!("course `{}`'s label", c.id),
            line("label"),
        );
    }
    let mut factor_ids = HashSet::new();
    for (i, f) in d.factor.iter().enumerate() {
        let line = |k| file.line("factor", i, Some(k));
        r.slug(&mut factor_ids, &f.id, "factor", line("id"));
        if !course_ids.contains(f.toward.as_str()) {
            r.at(
                line("toward"),
                format!(
                    "factor `{}` pulls toward `{}`, which is not a course",
                    f.id, f.toward
                ),
            );
        }
        if !(1..=5).contains(&f.strength) {
            r.at(
                line("strength"),
                format!("factor `{}` has strength {}; use 1 to 5", f.id, f.strength),
            );
        }
        if !cast.has(&f.actor) {
            r.at(
                line("actor"),
                format!(
                    "factor `{}` names actor `{}`, which cast.toml does not declare",
                    f.id, f.actor
                ),
            );
        }
        if !f.event.is_empty() && (!known.timeline || !known.events.contains(f.event.as_str())) {
            r.at(
                line("event"),
                format!(
                    "factor `{}` points to event `{}`, which is not in the timeline",
                    f.id, f.event
                ),
            );
        }
        if !known.chapters.contains(f.chapter.as_str()) {
            r.at(
                line("chapter"),
                format!(
                    "factor `{}` points to chapter `{}`, which is not in the essay",
                    f.id, f.chapter
                ),
            );
        }
        for (field, value) in [
            ("label", &f.label),
            ("explain", &f.explain),
            ("whatif", &f.whatif),
        ] {
            r.text(
                value,
                || format!("factor `{}`'s {field}", f.id),
                line(field),
            );
        }
        match &f.source {
            None if f.added => r.at(
                line("added"),
                format!(
                    "factor `{}` is marked as the explainer's addition but has no source",
                    f.id
                ),
            ),
            Some(s) => r.source(
                &s.title,
                &s.url,
                || format!("factor `{}`", f.id),
                line("source"),
            ),
            None => {}
        }
    }
    let mut entered: HashMap<&str, usize> = HashMap::new();
    let mut last_stage = i32::MIN;
    let mut stage_ids = HashSet::new();
    for (si, s) in d.stage.iter().enumerate() {
        let line = |k| file.line("stage", si, Some(k));
        r.slug(&mut stage_ids, &s.id, "stage", line("id"));
        r.text(
            &s.label,
            || format!("stage `{}`'s label", s.id),
            line("label"),
        );
        if s.date.first_day() < last_stage {
            r.at(
                line("date"),
                format!(
                    "stage `{}` is out of order: stages follow the chronology",
                    s.id
                ),
            );
        }
        last_stage = s.date.first_day();
        for a in &s.adds {
            if !factor_ids.contains(a.as_str()) {
                r.at(
                    line("adds"),
                    format!("stage `{}` adds `{a}`, which is not a factor", s.id),
                );
            } else if entered.insert(a.as_str(), si).is_some() {
                r.at(
                    line("adds"),
                    format!("stage `{}` adds `{a}` again: each factor enters once", s.id),
                );
            }
        }
    }
    for (i, f) in d.factor.iter().enumerate() {
        if !entered.contains_key(f.id.as_str()) {
            r.at(
                file.line("factor", i, Some("id")),
                format!("factor `{}` never enters: no stage adds it", f.id),
            );
        }
    }
    entered
}

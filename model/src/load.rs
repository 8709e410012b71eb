//! Reading and validating a content folder (build time only).
//!
//! Every problem is reported as `file:line: what is wrong`, and all of them at once, so that an
//! editor fixing a content file sees the whole list in one build.

use crate::content::*;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a content file.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// All problems found, one per line when displayed.
#[derive(Debug)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

/// A parsed file with what's needed to point at its lines.
struct Source {
    path: PathBuf,
    text: String,
}

impl Source {
    fn read(dir: &Path, name: &str) -> Result<Source, ContentError> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| ContentError {
            file: path.clone(),
            line: 0,
            message: format!("cannot read the file: {e}"),
        })?;
        Ok(Source { path, text })
    }

    fn parse<T: DeserializeOwned>(&self) -> Result<T, ContentError> {
        toml::from_str(&self.text).map_err(|e| {
            let line = e.span().map_or(1, |s| self.line_of(s.start));
            ContentError {
                file: self.path.clone(),
                line,
                message: e.message().trim().to_string(),
            }
        })
    }

    fn line_of(&self, byte: usize) -> usize {
        self.text[..byte.min(self.text.len())].matches('\n').count() + 1
    }

    /// The line of the `n`-th `[[header]]` (0-based), or of `key = …` inside that table when given.
    /// Items are written as array-of-tables in the format, so the n-th header is the n-th item.
    fn line(&self, header: &str, n: usize, key: Option<&str>) -> usize {
        let want = format!("[[{header}]]");
        let lines: Vec<&str> = self.text.lines().collect();
        let Some(start) = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == want)
            .map(|(i, _)| i)
            .nth(n)
        else {
            return 1;
        };
        if let Some(key) = key {
            for (i, l) in lines.iter().enumerate().skip(start + 1) {
                let t = l.trim_start();
                if t.starts_with('[') && !t.starts_with("[chapter.step.graphic]") {
                    break;
                }
                if t.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
                {
                    return i + 1;
                }
            }
        }
        start + 1
    }

    fn error(&self, line: usize, message: String) -> ContentError {
        ContentError {
            file: self.path.clone(),
            line,
            message,
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Reads `essay.toml`, `timeline.toml` and `diagram.toml` from `dir` and validates them together.
pub fn load_dir(dir: &Path) -> Result<Bundle, ContentErrors> {
    let mut errors = Vec::new();
    let files: Vec<Source> = ["essay.toml", "timeline.toml", "diagram.toml"]
        .iter()
        .filter_map(|n| Source::read(dir, n).map_err(|e| errors.push(e)).ok())
        .collect();
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    let (es, ts, ds) = (&files[0], &files[1], &files[2]);
    let essay = es.parse::<Essay>().map_err(|e| errors.push(e)).ok();
    let timeline = ts.parse::<Timeline>().map_err(|e| errors.push(e)).ok();
    let diagram = ds.parse::<Diagram>().map_err(|e| errors.push(e)).ok();
    let (Some(essay), Some(timeline), Some(diagram)) = (essay, timeline, diagram) else {
        return Err(ContentErrors(errors));
    };
    let bundle = Bundle {
        essay,
        timeline,
        diagram,
    };
    validate(&bundle, es, ts, ds, &mut errors);
    if errors.is_empty() {
        Ok(bundle)
    } else {
        Err(ContentErrors(errors))
    }
}

fn validate(b: &Bundle, es: &Source, ts: &Source, ds: &Source, errors: &mut Vec<ContentError>) {
    let mut err = |src: &Source, line: usize, msg: String| errors.push(src.error(line, msg));

    // Timeline first: the essay and the diagram point into it.
    let mut event_ids = HashSet::new();
    let mut last_start = i32::MIN;
    for (i, e) in b.timeline.event.iter().enumerate() {
        let line = |k: Option<&str>| ts.line("event", i, k);
        if !is_slug(&e.id) {
            err(
                ts,
                line(Some("id")),
                format!("event id `{}` must be a slug (a-z, 0-9, -)", e.id),
            );
        }
        if !event_ids.insert(e.id.as_ref()) {
            err(
                ts,
                line(Some("id")),
                format!("duplicate event id `{}`", e.id),
            );
        }
        if e.date.first_day() < last_start {
            err(
                ts,
                line(Some("date")),
                format!(
                    "event `{}` ({}) is out of order: events go in chronological order",
                    e.id, e.date
                ),
            );
        }
        last_start = last_start.max(e.date.first_day());
        for (field, value) in [("title", &e.title), ("text", &e.text)] {
            if value.trim().is_empty() {
                err(
                    ts,
                    line(Some(field)),
                    format!("event `{}` has an empty {field}", e.id),
                );
            }
        }
        if e.actors.is_empty() {
            err(
                ts,
                line(Some("actors")),
                format!("event `{}` names no actors", e.id),
            );
        }
        if e.source.title.trim().is_empty()
            || !(e.source.url.starts_with("https://") || e.source.url.starts_with("http://"))
        {
            err(
                ts,
                line(Some("source")),
                format!(
                    "event `{}` needs a source with a title and an http(s) address",
                    e.id
                ),
            );
        }
    }
    let mut last_era_end = i32::MIN;
    for (i, era) in b.timeline.era.iter().enumerate() {
        if era.to.last_day() < era.from.first_day() {
            err(
                ts,
                ts.line("era", i, Some("to")),
                format!("era `{}` ends before it starts", era.id),
            );
        }
        if era.from.first_day() <= last_era_end {
            err(
                ts,
                ts.line("era", i, Some("from")),
                format!("era `{}` overlaps the era before it", era.id),
            );
        }
        last_era_end = era.to.last_day();
    }

    // The diagram.
    if b.diagram.title.trim().is_empty() {
        err(ds, 1, "the diagram needs a title".into());
    }
    if b.diagram.course.len() != 2 {
        err(
            ds,
            1,
            format!(
                "the diagram needs exactly two courses, found {}",
                b.diagram.course.len()
            ),
        );
    }
    let course_ids: HashSet<&str> = b.diagram.course.iter().map(|c| c.id.as_ref()).collect();
    let chapter_ids: HashSet<&str> = b.essay.chapter.iter().map(|c| c.id.as_ref()).collect();
    let mut factor_ids = HashMap::new();
    for (i, f) in b.diagram.factor.iter().enumerate() {
        let line = |k: Option<&str>| ds.line("factor", i, k);
        if !is_slug(&f.id) || factor_ids.insert(f.id.as_ref(), i).is_some() {
            err(
                ds,
                line(Some("id")),
                format!("factor id `{}` must be a unique slug", f.id),
            );
        }
        if !course_ids.contains(f.toward.as_ref()) {
            err(
                ds,
                line(Some("toward")),
                format!(
                    "factor `{}` pulls toward `{}`, which is not a course",
                    f.id, f.toward
                ),
            );
        }
        if !(1..=5).contains(&f.strength) {
            err(
                ds,
                line(Some("strength")),
                format!("factor `{}` has strength {}; use 1 to 5", f.id, f.strength),
            );
        }
        if !f.event.is_empty() && !event_ids.contains(f.event.as_ref()) {
            err(
                ds,
                line(Some("event")),
                format!(
                    "factor `{}` points to event `{}`, which is not in the timeline",
                    f.id, f.event
                ),
            );
        }
        if !chapter_ids.contains(f.chapter.as_ref()) {
            err(
                ds,
                line(Some("chapter")),
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
            if value.trim().is_empty() {
                err(
                    ds,
                    line(Some(field)),
                    format!("factor `{}` has an empty {field}", f.id),
                );
            }
        }
    }
    let mut added = HashSet::new();
    let mut last_stage = i32::MIN;
    let mut stage_ids = HashSet::new();
    for (i, s) in b.diagram.stage.iter().enumerate() {
        let line = |k: Option<&str>| ds.line("stage", i, k);
        if !is_slug(&s.id) || !stage_ids.insert(s.id.as_ref()) {
            err(
                ds,
                line(Some("id")),
                format!("stage id `{}` must be a unique slug", s.id),
            );
        }
        if s.date.first_day() < last_stage {
            err(
                ds,
                line(Some("date")),
                format!(
                    "stage `{}` is out of order: stages follow the chronology",
                    s.id
                ),
            );
        }
        last_stage = s.date.first_day();
        for a in s.adds.iter() {
            if !factor_ids.contains_key(a.as_ref()) {
                err(
                    ds,
                    line(Some("adds")),
                    format!("stage `{}` adds `{a}`, which is not a factor", s.id),
                );
            } else if !added.insert(a.as_ref()) {
                err(
                    ds,
                    line(Some("adds")),
                    format!("stage `{}` adds `{a}` again: each factor enters once", s.id),
                );
            }
        }
    }
    for (i, f) in b.diagram.factor.iter().enumerate() {
        if !added.contains(f.id.as_ref()) {
            err(
                ds,
                ds.line("factor", i, Some("id")),
                format!("factor `{}` never enters: no stage adds it", f.id),
            );
        }
    }

    // The essay.
    let mut ids = HashSet::new();
    if !is_slug(&b.essay.meta.id) {
        err(
            es,
            1,
            format!("meta id `{}` must be a slug", b.essay.meta.id),
        );
    }
    for (field, value) in [
        ("title", &b.essay.meta.title),
        ("standfirst", &b.essay.meta.standfirst),
        ("credit_title", &b.essay.meta.credit_title),
    ] {
        if value.trim().is_empty() {
            err(es, 1, format!("meta {field} is empty"));
        }
    }
    if b.essay.chapter.is_empty() {
        err(es, 1, "the essay has no chapters".into());
    }
    let mut n = 0;
    for (ci, c) in b.essay.chapter.iter().enumerate() {
        let cline = |k: Option<&str>| es.line("chapter", ci, k);
        if !is_slug(&c.id) || !ids.insert(c.id.as_ref()) {
            err(
                es,
                cline(Some("id")),
                format!(
                    "chapter id `{}` must be a unique slug (ids are shared by chapters and steps)",
                    c.id
                ),
            );
        }
        if c.title.trim().is_empty() || c.kicker.trim().is_empty() {
            err(
                es,
                cline(None),
                format!("chapter `{}` needs a kicker and a title", c.id),
            );
        }
        if c.step.is_empty() {
            err(es, cline(None), format!("chapter `{}` has no steps", c.id));
        }
        for s in c.step.iter() {
            let idx = n;
            n += 1;
            let line = |k: Option<&str>| es.line("chapter.step", idx, k);
            if !is_slug(&s.id) {
                err(
                    es,
                    line(Some("id")),
                    format!("step id `{}` must be a slug (a-z, 0-9, -)", s.id),
                );
            } else if !ids.insert(s.id.as_ref()) {
                err(es, line(Some("id")), format!("duplicate id `{}`", s.id));
            }
            if s.text.trim().is_empty() {
                err(
                    es,
                    line(Some("text")),
                    format!("step `{}` has empty text", s.id),
                );
            }
            if s.summary.trim().is_empty() {
                err(
                    es,
                    line(Some("summary")),
                    format!("step `{}` has an empty summary", s.id),
                );
            }
            match &s.graphic {
                Graphic::Timeline {
                    from,
                    to,
                    highlight,
                } => {
                    if to.last_day() < from.first_day() {
                        err(
                            es,
                            line(Some("to")),
                            format!("step `{}` shows a span that ends before it starts", s.id),
                        );
                    }
                    for h in highlight.iter() {
                        if !event_ids.contains(h.as_ref()) {
                            err(
                                es,
                                line(Some("highlight")),
                                format!(
                                    "step `{}` highlights `{h}`, which is not a timeline event",
                                    s.id
                                ),
                            );
                        }
                    }
                }
                Graphic::Map { .. } => {}
                Graphic::Diagram { stage, .. } => {
                    if !stage_ids.contains(stage.as_ref()) {
                        err(
                            es,
                            line(Some("stage")),
                            format!(
                                "step `{}` shows stage `{stage}`, which is not a diagram stage",
                                s.id
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name)
    }

    fn errors_of(name: &str) -> String {
        match load_dir(&fixture(name)) {
            Ok(_) => panic!("fixture {name} should not load"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_real_content_loads() {
        let b = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(b.steps().count() >= 12);
        assert!(b.timeline.event.len() >= 35);
    }

    #[test]
    fn a_second_essay_loads_through_the_same_code() {
        let b = load_dir(&fixture("mini")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(b.essay.meta.id, "mini");
        assert_eq!(b.steps().count(), 3);
    }

    #[test]
    fn unknown_ids_are_reported_with_file_and_line() {
        let e = errors_of("broken-refs");
        assert!(
            e.contains("essay.toml:")
                && e.contains("highlights `no-such-event`, which is not a timeline event"),
            "{e}"
        );
        assert!(
            e.contains("shows stage `nowhere`, which is not a diagram stage"),
            "{e}"
        );
        assert!(
            e.contains("diagram.toml:") && e.contains("adds `ghost`, which is not a factor"),
            "{e}"
        );
    }

    #[test]
    fn duplicates_empties_and_disorder_are_reported() {
        let e = errors_of("broken-values");
        assert!(e.contains("duplicate id `one`"), "{e}");
        assert!(e.contains("has empty text"), "{e}");
        assert!(e.contains("duplicate event id `e1`"), "{e}");
        assert!(e.contains("is out of order"), "{e}");
        assert!(e.contains("needs a source"), "{e}");
        // The line points at the offending key, not just the table.
        let dup = e
            .lines()
            .find(|l| l.contains("duplicate id `one`"))
            .unwrap();
        assert!(dup.contains("essay.toml:"), "{dup}");
        let line: usize = dup.split(':').nth(1).unwrap().parse().unwrap();
        let text = std::fs::read_to_string(fixture("broken-values").join("essay.toml")).unwrap();
        assert_eq!(text.lines().nth(line - 1).unwrap().trim(), "id = \"one\"");
    }

    #[test]
    fn syntax_and_date_errors_name_the_line() {
        let e = errors_of("broken-syntax");
        assert!(e.contains("timeline.toml:"), "{e}");
        assert!(e.contains("February 1950 has no day 30"), "{e}");
    }
}

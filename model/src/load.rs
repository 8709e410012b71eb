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
        Lines { text: &self.text }.of_byte(byte)
    }

    fn line(&self, header: &str, n: usize, key: Option<&str>) -> usize {
        Lines { text: &self.text }.item(header, n, key)
    }

    /// The first line at or after `from` (1-based) that contains `needle`, if any.
    fn line_containing(&self, from: usize, needle: &str) -> Option<usize> {
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.contains(needle))
            .map(|(i, _)| i + 1)
    }

    fn error(&self, line: usize, message: String) -> ContentError {
        ContentError {
            file: self.path.clone(),
            line,
            message,
        }
    }
}

/// Where things are in a content file, for messages (shared with the map's loader).
pub(crate) struct Lines<'a> {
    pub text: &'a str,
}

impl Lines<'_> {
    /// The 1-based line holding a byte offset (as TOML errors give them).
    pub fn of_byte(&self, byte: usize) -> usize {
        self.text[..byte.min(self.text.len())].matches('\n').count() + 1
    }

    /// The line of the `n`-th `[[header]]` (0-based), or of `key = …` inside that item when
    /// given and present. Items are written as arrays of tables, so the n-th header is the n-th
    /// item; its own sub-tables (`[chapter.step.graphic]`, `[line.source]`) belong to it, and any
    /// other table header ends it. Values that open with brackets (a line's points) are not headers.
    pub fn item(&self, header: &str, n: usize, key: Option<&str>) -> usize {
        let want = format!("[[{header}]]");
        let own = format!("[{header}.");
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
                let t = l.trim();
                // Any header ends the item but one of its own sub-tables (`[own.…]`, one bracket).
                let sub_table = t.starts_with(&own) && !t.starts_with("[[");
                if is_header(t) && !sub_table {
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
}

/// Whether a trimmed line is a table header (`[name]` or `[[name]]`), not a value such as `[[40.3, 124.5],`.
fn is_header(t: &str) -> bool {
    let name = t.trim_start_matches('[').trim_end_matches(']');
    t.starts_with('[')
        && t.ends_with(']')
        && !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
}

/// Archives whose pages we could find only at a plain `http://` address. A source address must be
/// `https://`, or start with one of these prefixes. Keep the list short, and say why each is here.
pub const HTTP_ARCHIVES: &[&str] = &[
    // China.org.cn's old English archive (the extract from navy commander Xiao Jinguang's memoir on
    // postponing the Taiwan campaign): the page is served at its http address only.
    "http://english.china.org.cn/",
    // Qianlong, a Beijing news portal, archives China Military Online's "this day in war history"
    // note on the Northeast Border Defense Army; its archive has no https address.
    "http://china.qianlong.com/",
];

/// Whether a source address is acceptable: `https://…`, or an `http://` archive on the list above.
pub fn address_ok(url: &str) -> bool {
    (url.starts_with("https://") && url.len() > "https://".len())
        || HTTP_ARCHIVES.iter().any(|p| url.starts_with(p))
}

/// The longest note a step may carry: it is set at its mark on the graphic.
pub const NOTE_MAX_CHARS: usize = 90;

/// How many events a timeline step may highlight.
pub const HIGHLIGHT_MAX: usize = 4;

fn is_iso_day(s: &str) -> bool {
    s.len() == 10
        && crate::date::CalDate::parse(s)
            .is_ok_and(|d| d.precision() == crate::date::Precision::Day)
}

pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The fixture essay (tests/fixtures/mini), for tests across the model.
#[cfg(test)]
pub(crate) fn mini() -> Bundle {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini"))
        .unwrap_or_else(|e| panic!("{e}"))
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

/// A content folder with its map, when it has one (`map.toml` and `geo/base.txt`).
pub struct Content {
    pub bundle: Bundle,
    pub map: Option<(crate::map::Map, crate::map::geo::Base)>,
}

/// Reads and validates a whole content folder: the essay, the timeline, the diagram and, when
/// present, the map, with the essay's map steps checked against the map's lines and places.
pub fn load_all(dir: &Path) -> Result<Content, ContentErrors> {
    let bundle = load_dir(dir);
    let map = if dir.join("map.toml").exists() {
        let m = crate::map::load::load_dir(dir);
        let g = crate::map::geo::Base::load_dir(dir);
        Some(match (m, g) {
            (Ok(m), Ok(g)) => Ok((m, g)),
            (m, g) => {
                let mut all = Vec::new();
                all.extend(m.err().map(|e| e.0).unwrap_or_default());
                all.extend(g.err().map(|e| e.0).unwrap_or_default());
                Err(ContentErrors(all))
            }
        })
    } else {
        None
    };
    let mut errors = Vec::new();
    let bundle = bundle.map_err(|e| errors.extend(e.0)).ok();
    let map = match map {
        Some(Ok(m)) => Some(m),
        Some(Err(e)) => {
            errors.extend(e.0);
            None
        }
        None => None,
    };
    if let Some(b) = &bundle {
        if let Ok(es) = Source::read(dir, "essay.toml") {
            check_map_steps(b, map.as_ref().map(|m| &m.0), &es, &mut errors);
        }
    }
    match bundle {
        Some(bundle) if errors.is_empty() => Ok(Content { bundle, map }),
        _ => Err(ContentErrors(errors)),
    }
}

/// Map steps name a line of the map and places on it; without a map there can be none.
fn check_map_steps(
    b: &Bundle,
    map: Option<&crate::map::Map>,
    es: &Source,
    errors: &mut Vec<ContentError>,
) {
    for (idx, (_, s)) in b.steps().enumerate() {
        let Graphic::Map { line, highlight } = &s.graphic else {
            continue;
        };
        let at = |k: &str| es.line("chapter.step", idx, Some(k));
        let Some(map) = map else {
            errors.push(es.error(
                at("line"),
                format!(
                    "step `{}` shows the map, but the content has no map.toml",
                    s.id
                ),
            ));
            continue;
        };
        if map.line(line).is_none() {
            errors.push(es.error(
                at("line"),
                format!(
                    "step `{}` shows line `{line}`, which is not in map.toml",
                    s.id
                ),
            ));
        }
        for h in highlight.iter().chain(std::iter::once(&s.anchor)) {
            if !h.is_empty() && map.place(h).is_none() {
                errors.push(es.error(
                    at("highlight"),
                    format!(
                        "step `{}` names place `{h}`, which is not in map.toml",
                        s.id
                    ),
                ));
            }
        }
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
        if e.source.title.trim().is_empty() || !address_ok(&e.source.url) {
            err(
                ts,
                line(Some("source")),
                format!(
                    "event `{}` needs a source with a title and an https address (or an http archive listed in HTTP_ARCHIVES), found `{}`",
                    e.id, e.source.url
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
        match &f.source {
            None if f.added => err(
                ds,
                line(Some("added")),
                format!(
                    "factor `{}` is marked as the explainer's addition but has no source",
                    f.id
                ),
            ),
            Some(src) if src.title.trim().is_empty() || !address_ok(&src.url) => err(
                ds,
                line(Some("source")),
                format!(
                    "factor `{}` needs a source with a title and an https address (or an http archive listed in HTTP_ARCHIVES), found `{}`",
                    f.id, src.url
                ),
            ),
            _ => {}
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
    // The stage at which each factor comes into play.
    let mut enters: HashMap<&str, usize> = HashMap::new();
    for (si, s) in b.diagram.stage.iter().enumerate() {
        for a in s.adds.iter() {
            enters.entry(a.as_ref()).or_insert(si);
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
    if !b.essay.meta.credit_url.is_empty() && !address_ok(&b.essay.meta.credit_url) {
        err(
            es,
            es.line_containing(1, "credit_url").unwrap_or(1),
            format!(
                "meta credit_url `{}` must be an https address",
                b.essay.meta.credit_url
            ),
        );
    }
    for (i, c) in b.essay.correction.iter().enumerate() {
        let line = |k: Option<&str>| es.line("correction", i, k);
        if !is_iso_day(&c.date) {
            err(
                es,
                line(Some("date")),
                format!(
                    "correction date `{}` must be an ISO day (YYYY-MM-DD)",
                    c.date
                ),
            );
        }
        if c.text.trim().is_empty() {
            err(es, line(Some("text")), "a correction has empty text".into());
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
            let note_len = s.note.chars().count();
            if s.note.trim().is_empty() {
                err(
                    es,
                    line(None),
                    format!(
                        "step `{}` has no note: the one change it makes, in at most {NOTE_MAX_CHARS} characters",
                        s.id
                    ),
                );
            } else if note_len > NOTE_MAX_CHARS {
                err(
                    es,
                    line(Some("note")),
                    format!(
                        "step `{}` has a note of {note_len} characters; keep it to {NOTE_MAX_CHARS}",
                        s.id
                    ),
                );
            }
            let step_line = line(None);
            for a in s.added.iter() {
                let at = es
                    .line_containing(step_line, a.quote.as_ref())
                    .unwrap_or_else(|| line(Some("added")));
                if a.quote.trim().is_empty() || !s.text.contains(a.quote.as_ref()) {
                    err(
                        es,
                        at,
                        format!(
                            "step `{}` marks as added “{}”, which is not found verbatim in its text",
                            s.id, a.quote
                        ),
                    );
                }
                if a.source.title.trim().is_empty() || !address_ok(&a.source.url) {
                    err(
                        es,
                        at,
                        format!(
                            "step `{}`: the addition “{}” needs a source with a title and an https address (or an http archive listed in HTTP_ARCHIVES), found `{}`",
                            s.id, a.quote, a.source.url
                        ),
                    );
                }
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
                    if highlight.len() > HIGHLIGHT_MAX {
                        err(
                            es,
                            line(Some("highlight")),
                            format!(
                                "step `{}` highlights {} events; a timeline step lights at most {HIGHLIGHT_MAX}",
                                s.id,
                                highlight.len()
                            ),
                        );
                    }
                    if !s.anchor.is_empty() && !highlight.contains(&s.anchor) {
                        err(
                            es,
                            line(Some("anchor")),
                            format!(
                                "step `{}` anchors its note to `{}`, which is not one of its highlighted events",
                                s.id, s.anchor
                            ),
                        );
                    }
                }
                Graphic::Map { .. } => {}
                Graphic::Diagram { stage, highlight } => match b.stage_index(stage) {
                    None => err(
                        es,
                        line(Some("stage")),
                        format!(
                            "step `{}` shows stage `{stage}`, which is not a diagram stage",
                            s.id
                        ),
                    ),
                    Some(si) => {
                        let in_play = |id: &str| enters.get(id).is_some_and(|&e| e <= si);
                        for h in highlight.iter() {
                            if !in_play(h) {
                                err(
                                        es,
                                        line(Some("highlight")),
                                        format!(
                                            "step `{}` lights `{h}`, which is not a factor in play at stage `{stage}`",
                                            s.id
                                        ),
                                    );
                            }
                        }
                        if !s.anchor.is_empty() && !in_play(&s.anchor) {
                            err(
                                    es,
                                    line(Some("anchor")),
                                    format!(
                                        "step `{}` anchors its note to `{}`, which is not a factor in play at stage `{stage}`",
                                        s.id, s.anchor
                                    ),
                                );
                        }
                    }
                },
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
    fn a_key_is_found_in_its_item_and_its_sub_tables_but_not_past_a_bracketed_value() {
        let text = "[[line]]\nid = \"a\"\npoints = [\n  [[40.3, 124.5],\n   [40.7, 124.9]],\n]\n\
                    [line.source]\ntitle = \"T\"\n[[line]]\nid = \"b\"\n";
        let at = Lines { text };
        assert_eq!(
            at.item("line", 0, Some("title")),
            8,
            "a sub-table belongs to its item"
        );
        assert_eq!(at.item("line", 1, Some("id")), 10);
        assert_eq!(
            at.item("line", 1, Some("title")),
            9,
            "absent: the item's header"
        );
        assert_eq!(
            at.item("line", 2, None),
            1,
            "no such item: the top of the file"
        );
        let essay = "[[chapter]]\nid = \"c\"\n[[chapter.step]]\nanchor = \"s\"\n";
        let at = Lines { text: essay };
        assert_eq!(
            at.item("chapter", 0, Some("anchor")),
            1,
            "a chapter's steps are not the chapter"
        );
        assert_eq!(at.of_byte(essay.find("anchor").unwrap()), 4);
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

    #[test]
    fn addresses_must_be_https_or_a_listed_archive() {
        assert!(address_ok(
            "https://history.state.gov/milestones/1945-1952/korean-war-1"
        ));
        assert!(address_ok(
            "http://english.china.org.cn/english/China/218946.htm"
        ));
        assert!(!address_ok("http://example.org/page"));
        assert!(!address_ok("https://"));
        assert!(!address_ok("ftp://example.org/file"));
        assert!(is_iso_day("2026-11-27"));
        assert!(!is_iso_day("2026-11"));
        assert!(!is_iso_day("2026-02-30"));
        assert!(!is_iso_day("27 November 2026"));
    }

    /// The line a message names, and the message, for each reported problem of a fixture.
    fn located(name: &str) -> Vec<(String, usize, String)> {
        errors_of(name)
            .lines()
            .map(|l| {
                let (loc, msg) = l.split_once(": ").unwrap();
                let (file, line) = loc.rsplit_once(':').unwrap();
                let file = Path::new(file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into();
                (file, line.parse().unwrap(), msg.to_string())
            })
            .collect()
    }

    fn line_of(name: &str, file: &str, line: usize) -> String {
        let text = std::fs::read_to_string(fixture(name).join(file)).unwrap();
        text.lines().nth(line - 1).unwrap().trim().to_string()
    }

    #[test]
    fn additions_notes_anchors_and_addresses_are_checked_with_file_and_line() {
        let name = "broken-additions";
        let all = located(name);
        let find = |needle: &str| {
            all.iter()
                .find(|(_, _, m)| m.contains(needle))
                .unwrap_or_else(|| panic!("no message containing {needle:?} in {all:#?}"))
                .clone()
        };
        let (f, l, _) = find("event `lamp` needs a source with a title and an https address");
        assert_eq!(
            (f.as_str(), line_of(name, &f, l).starts_with("source =")),
            ("timeline.toml", true)
        );
        let (f, l, _) =
            find("factor `duty` is marked as the explainer's addition but has no source");
        assert_eq!(
            (f.as_str(), line_of(name, &f, l)),
            ("diagram.toml", "added = true".into())
        );
        let (f, l, _) = find(
            "meta credit_url `http://example.org/the-lighthouse-year` must be an https address",
        );
        assert!(line_of(name, &f, l).starts_with("credit_url"));
        let (f, l, _) = find("correction date `2 January 1901` must be an ISO day");
        assert_eq!(line_of(name, &f, l), "date = \"2 January 1901\"");
        let (f, l, _) = find("step `lamp-lit` has a note of 105 characters; keep it to 90");
        assert!(line_of(name, &f, l).starts_with("note ="));
        let (f, l, _) =
            find("marks as added “the lamp was lit at dusk”, which is not found verbatim");
        assert!(line_of(name, &f, l).contains("the lamp was lit at dusk"));
        find("the addition “the lamp was lit at dusk” needs a source with a title and an https address");
        let (f, l, _) = find("step `lamp-lit` anchors its note to `rescue`, which is not one of its highlighted events");
        assert_eq!(line_of(name, &f, l), "anchor = \"rescue\"");
        find("step `weigh-storm` lights `storm`, which is not a factor in play at stage `calm`");
        find("step `weigh-storm` anchors its note to `storm`, which is not a factor in play at stage `calm`");
        find("step `boat-out` highlights 5 events; a timeline step lights at most 4");
        // The valid addition (found verbatim, https source) is not reported.
        assert!(!all
            .iter()
            .any(|(_, _, m)| m.contains("on the first night of the year")));
        assert_eq!(all.len(), 11, "{all:#?}");
    }

    #[test]
    fn place_and_actor_are_required() {
        let name = "broken-schema";
        let all = located(name);
        assert!(
            all.iter().any(|(f, l, m)| f == "timeline.toml"
                && m.contains("missing field `place`")
                && line_of(name, f, *l) == "[[event]]"),
            "{all:#?}"
        );
        assert!(
            all.iter().any(|(f, l, m)| f == "diagram.toml"
                && m.contains("missing field `actor`")
                && line_of(name, f, *l) == "[[factor]]"),
            "{all:#?}"
        );
    }

    fn real() -> Bundle {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Sums of strength toward (course 0, course 1) at `stage`, leaving out the factors in `off`.
    fn sums(b: &Bundle, stage: usize, off: &[&str]) -> (u32, u32) {
        let left = &b.diagram.course[0].id;
        let mut s = (0, 0);
        for st in &b.diagram.stage[..=stage] {
            for id in st.adds.iter().filter(|id| !off.contains(&id.as_ref())) {
                let f = b.diagram.factor.iter().find(|f| f.id == *id).unwrap();
                if f.toward == *left {
                    s.0 += f.strength as u32;
                } else {
                    s.1 += f.strength as u32;
                }
            }
        }
        s
    }

    /// The explainer's reading, stated as numbers so the page can state each result. Change a
    /// weight and this test says which sentence of the method note and which step summary to
    /// revisit.
    #[test]
    fn the_real_diagram_follows_the_reading() {
        let b = real();
        let d = &b.diagram;
        assert_eq!(
            (d.course[0].id.as_ref(), d.course[1].id.as_ref()),
            ("stay-out", "korea")
        );
        let stages: Vec<(&str, (u32, u32))> = (0..d.stage.len())
            .map(|i| (d.stage[i].id.as_ref(), sums(&b, i, &[])))
            .collect();
        assert_eq!(
            stages,
            vec![
                ("spring-1950", (9, 1)),
                ("june-1950", (9, 3)),
                ("fleet", (9, 5)),
                ("summer-1950", (9, 7)),
                ("inchon", (9, 10)), // Korea leads for the first time
                ("stalin-asks", (9, 12)),
                ("october-warnings", (9, 13)),
                ("doubts", (12, 13)), // almost level
                ("decision", (12, 18)),
                ("reaffirmed", (14, 18)),
            ]
        );
        // The final stage with one factor switched off: only the advance to the Yalu decides
        // the outcome on its own.
        let last = d.stage.len() - 1;
        let mut results: Vec<(&str, (u32, u32))> = d
            .factor
            .iter()
            .map(|f| (f.id.as_ref(), sums(&b, last, &[f.id.as_ref()])))
            .collect();
        results.sort();
        assert_eq!(
            results,
            vec![
                ("domestic-priorities", (11, 18)),
                ("fragile-regime", (12, 18)),
                ("inchon-turn", (14, 15)),
                ("no-air-cover", (12, 18)),
                ("outgunned", (11, 18)),
                ("revolutionary-resolve", (14, 16)),
                ("seventh-fleet", (14, 16)),
                ("soviet-alliance", (14, 17)),
                ("stalin-request", (14, 16)),
                ("unfinished-civil-war", (10, 18)),
                ("us-threat", (14, 16)),
                ("warnings-ignored", (14, 17)),
                ("yalu-advance", (14, 13)), // the only single switch that turns the balance
            ]
        );
        let flips: Vec<&str> = results
            .iter()
            .filter(|(_, (l, r))| l >= r)
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(flips, vec!["yalu-advance"]);
        // Factors beyond the essay carry the mark and a source.
        let added: Vec<&str> = d
            .factor
            .iter()
            .filter(|f| f.added)
            .map(|f| f.id.as_ref())
            .collect();
        assert_eq!(added, vec!["seventh-fleet", "outgunned", "no-air-cover"]);
    }

    /// Each instrument moves forward in time: timeline steps never show an earlier window or an
    /// earlier first highlight than the timeline step before them, the diagram's stages never go
    /// back, and the diagram's steps come together.
    #[test]
    fn each_graphic_moves_forward_in_time() {
        let b = real();
        let mut last_tl: Option<(i32, i32, &str)> = None;
        let mut last_stage = 0;
        let mut diagram_runs = 0;
        let mut in_diagram = false;
        for (_, s) in b.steps() {
            match &s.graphic {
                Graphic::Timeline {
                    from, highlight, ..
                } => {
                    in_diagram = false;
                    let first = highlight
                        .iter()
                        .map(|h| b.event(h).unwrap().date.first_day())
                        .min()
                        .unwrap_or(from.first_day());
                    if let Some((f, h, prev)) = last_tl {
                        assert!(
                            from.first_day() >= f && first >= h,
                            "timeline step `{}` goes back in time after `{prev}`",
                            s.id
                        );
                    }
                    last_tl = Some((from.first_day(), first, s.id.as_ref()));
                }
                Graphic::Diagram { stage, .. } => {
                    if !in_diagram {
                        diagram_runs += 1;
                        in_diagram = true;
                    }
                    let i = b.stage_index(stage).unwrap();
                    assert!(i >= last_stage, "diagram step `{}` goes back a stage", s.id);
                    last_stage = i;
                }
                Graphic::Map { .. } => in_diagram = false,
            }
        }
        assert_eq!(diagram_runs, 1, "the diagram's steps come together");
        assert_eq!(
            last_stage,
            b.diagram.stage.len() - 1,
            "the diagram reaches its last stage"
        );
    }
}

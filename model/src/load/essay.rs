//! Checking `essay.toml` (build time): its meta, corrections, chapters and steps, and what each
//! step's graphic points at in the instruments the explainer has.

use crate::content::{Bundle, Graphic};
use crate::source::{address_ok, is_iso_day, is_slug, ContentError, File, Report};
use std::collections::{HashMap, HashSet};

/// The longest note a step may carry: it is set at its mark on the graphic.
pub const NOTE_MAX_CHARS: usize = 90;

/// How many events a timeline step may highlight.
pub const HIGHLIGHT_MAX: usize = 4;

/// `enters`: each factor's stage (from the diagram's check).
pub fn check(b: &Bundle, enters: &HashMap<&str, usize>, es: &File, errors: &mut Vec<ContentError>) {
    let mut r = Report::new(es, errors);
    let m = &b.essay.meta;
    let meta = |k: &str| es.line_of_key(Some("meta"), k);
    if !is_slug(&m.id) {
        r.at(meta("id"), format!("meta id `{}` must be a slug", m.id));
    }
    if !crate::lang::is_tag(&m.lang) {
        r.at(
            meta("lang"),
            format!(
                "meta lang `{}` is not a language tag (BCP 47, like `en` or `zh-Hans`)",
                m.lang
            ),
        );
    }
    for (field, value) in [
        ("title", &m.title),
        ("standfirst", &m.standfirst),
        ("credit_title", &m.credit_title),
    ] {
        r.text(value, || format!("meta {field}"), meta(field));
    }
    if !m.credit_url.is_empty() && !address_ok(&m.credit_url) {
        r.at(
            meta("credit_url"),
            format!(
                "meta credit_url `{}` must be an https address",
                m.credit_url
            ),
        );
    }
    for (i, c) in b.essay.correction.iter().enumerate() {
        let line = |k| es.line("correction", i, Some(k));
        if !is_iso_day(&c.date) {
            r.at(
                line("date"),
                format!(
                    "correction date `{}` must be an ISO day (YYYY-MM-DD)",
                    c.date
                ),
            );
        }
        r.text(&c.text, || "a correction's text".into(), line("text"));
    }
    if b.essay.chapter.is_empty() {
        r.at(1, "the essay has no chapters");
    }
    let event_ids: HashSet<&str> = b
        .timeline
        .iter()
        .flat_map(|t| t.event.iter().map(|e| e.id.as_str()))
        .collect();
    let mut ids = HashSet::new();
    let mut n = 0;
    for (ci, c) in b.essay.chapter.iter().enumerate() {
        let cline = |k| es.line("chapter", ci, k);
        if !is_slug(&c.id) || !ids.insert(c.id.as_str()) {
            r.at(
                cline(Some("id")),
                format!(
                    "chapter id `{}` must be a unique slug (ids are shared by chapters and steps)",
                    c.id
                ),
            );
        }
        if c.title.trim().is_empty() || c.kicker.trim().is_empty() {
            r.at(
                cline(None),
                format!("chapter `{}` needs a kicker and a title", c.id),
            );
        }
        if c.step.is_empty() {
            r.at(cline(None), format!("chapter `{}` has no steps", c.id));
        }
        for s in c.step.iter() {
            let idx = n;
            n += 1;
            let line = |k: Option<&str>| es.line("chapter.step", idx, k);
            if !is_slug(&s.id) {
                r.at(
                    line(Some("id")),
                    format!("step id `{}` must be a slug (a-z, 0-9, -)", s.id),
                );
            } else if !ids.insert(s.id.as_str()) {
                r.at(line(Some("id")), format!("duplicate id `{}`", s.id));
            }
            if s.text.trim().is_empty() {
                r.at(
                    line(Some("text")),
                    format!("step `{}` has empty text", s.id),
                );
            }
            if s.summary.trim().is_empty() {
                r.at(
                    line(Some("summary")),
                    format!("step `{}` has an empty summary", s.id),
                );
            }
            let note_len = s.note.chars().count();
            if s.note.trim().is_empty() {
                r.at(
                    line(None),
                    format!(
                        "step `{}` has no note: the one change it makes, in at most {NOTE_MAX_CHARS} characters",
                        s.id
                    ),
                );
            } else if note_len > NOTE_MAX_CHARS {
                r.at(
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
                    .line_containing(step_line, &a.quote)
                    .unwrap_or_else(|| line(Some("added")));
                if a.quote.trim().is_empty() || !s.text.contains(a.quote.as_str()) {
                    r.at(
                        at,
                        format!(
                            "step `{}` marks as added “{}”, which is not found verbatim in its text",
                            s.id, a.quote
                        ),
                    );
                }
                r.source(
                    &a.source.title,
                    &a.source.url,
                    || format!("step `{}`: the addition “{}”", s.id, a.quote),
                    at,
                );
            }
            let missing = |r: &mut Report, what: &str, file: &str| {
                r.at(
                    line(Some("view")),
                    format!(
                        "step `{}` shows the {what}, but the content has no {file}",
                        s.id
                    ),
                );
            };
            match &s.graphic {
                Graphic::Timeline {
                    from,
                    to,
                    highlight,
                } => {
                    if b.timeline.is_none() {
                        missing(&mut r, "timeline", "timeline.toml");
                        continue;
                    }
                    if to.last_day() < from.first_day() {
                        r.at(
                            line(Some("to")),
                            format!("step `{}` shows a span that ends before it starts", s.id),
                        );
                    }
                    for h in highlight.iter() {
                        if !event_ids.contains(h.as_str()) {
                            r.at(
                                line(Some("highlight")),
                                format!(
                                    "step `{}` highlights `{h}`, which is not a timeline event",
                                    s.id
                                ),
                            );
                        }
                    }
                    if highlight.len() > HIGHLIGHT_MAX {
                        r.at(
                            line(Some("highlight")),
                            format!(
                                "step `{}` highlights {} events; a timeline step lights at most {HIGHLIGHT_MAX}",
                                s.id,
                                highlight.len()
                            ),
                        );
                    }
                    if !s.anchor.is_empty() && !highlight.contains(&s.anchor) {
                        r.at(
                            line(Some("anchor")),
                            format!(
                                "step `{}` anchors its note to `{}`, which is not one of its highlighted events",
                                s.id, s.anchor
                            ),
                        );
                    }
                }
                Graphic::Diagram { stage, highlight } => {
                    if b.diagram.is_none() {
                        missing(&mut r, "diagram", "diagram.toml");
                        continue;
                    }
                    let Some(si) = b.stage_index(stage) else {
                        r.at(
                            line(Some("stage")),
                            format!(
                                "step `{}` shows stage `{stage}`, which is not a diagram stage",
                                s.id
                            ),
                        );
                        continue;
                    };
                    let in_play = |id: &str| enters.get(id).is_some_and(|&e| e <= si);
                    for h in highlight.iter() {
                        if !in_play(h) {
                            r.at(
                                line(Some("highlight")),
                                format!(
                                    "step `{}` lights `{h}`, which is not a factor in play at stage `{stage}`",
                                    s.id
                                ),
                            );
                        }
                    }
                    if !s.anchor.is_empty() && !in_play(&s.anchor) {
                        r.at(
                            line(Some("anchor")),
                            format!(
                                "step `{}` anchors its note to `{}`, which is not a factor in play at stage `{stage}`",
                                s.id, s.anchor
                            ),
                        );
                    }
                }
                Graphic::Map { line: l, highlight } => {
                    let Some(map) = &b.map else {
                        r.at(
                            line(Some("line")),
                            format!(
                                "step `{}` shows the map, but the content has no map.toml",
                                s.id
                            ),
                        );
                        continue;
                    };
                    if map.line(l).is_none() {
                        r.at(
                            line(Some("line")),
                            format!("step `{}` shows line `{l}`, which is not in map.toml", s.id),
                        );
                    }
                    for h in highlight.iter().chain(std::iter::once(&s.anchor)) {
                        if !h.is_empty() && map.place(h).is_none() {
                            r.at(
                                line(Some("highlight")),
                                format!(
                                    "step `{}` names place `{h}`, which is not in map.toml",
                                    s.id
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

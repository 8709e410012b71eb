//! Checking `timeline.toml` (build time): lanes, eras and events, each problem with its line.

use crate::cast::Cast;
use crate::content::Timeline;
use crate::source::{ContentError, File, Report};
use std::collections::HashSet;

/// The most lanes a timeline may have: the narrow plot's rail has room for six columns.
pub const MAX_LANES: usize = 6;

pub fn check(t: &Timeline, cast: &Cast, file: &File, errors: &mut Vec<ContentError>) {
    let mut r = Report::new(file, errors);
    if t.lane.is_empty() {
        r.at(
            1,
            "the timeline declares no lanes: give each `[[lane]]` an id, a name and a key",
        );
    }
    if t.lane.len() > MAX_LANES {
        r.at(
            file.line("lane", MAX_LANES, None),
            format!(
                "the timeline has {} lanes; it can draw {MAX_LANES} at most",
                t.lane.len()
            ),
        );
    }
    let mut lane_ids = HashSet::new();
    for (i, l) in t.lane.iter().enumerate() {
        let line = |k| file.line("lane", i, Some(k));
        r.slug(&mut lane_ids, &l.id, "lane", line("id"));
        r.text(&l.name, || format!("lane `{}`'s name", l.id), line("name"));
        r.text(&l.key, || format!("lane `{}`'s key", l.id), line("key"));
    }
    let mut ids = HashSet::new();
    let mut last_start = i32::MIN;
    for (i, e) in t.event.iter().enumerate() {
        let line = |k| file.line("event", i, Some(k));
        r.slug(&mut ids, &e.id, "event", line("id"));
        if e.date.first_day() < last_start {
            r.at(
                line("date"),
                format!(
                    "event `{}` ({}) is out of order: events go in chronological order",
                    e.id, e.date
                ),
            );
        }
        last_start = last_start.max(e.date.first_day());
        r.text(
            &e.title,
            || format!("event `{}`'s title", e.id),
            line("title"),
        );
        r.text(&e.text, || format!("event `{}`'s text", e.id), line("text"));
        if e.actors.is_empty() {
            r.at(line("actors"), format!("event `{}` names no actors", e.id));
        }
        for a in &e.actors {
            if !cast.has(a) {
                r.at(
                    line("actors"),
                    format!(
                        "event `{}` names actor `{a}`, which cast.toml does not declare",
                        e.id
                    ),
                );
            }
        }
        if !lane_ids.contains(e.lane.as_str()) {
            r.at(
                line("lane"),
                format!(
                    "event `{}` sits in lane `{}`, which timeline.toml does not declare",
                    e.id, e.lane
                ),
            );
        }
        r.source(
            &e.source.title,
            &e.source.url,
            || format!("event `{}`", e.id),
            line("source"),
        );
    }
    let mut era_ids = HashSet::new();
    let mut last_era_end = i32::MIN;
    for (i, era) in t.era.iter().enumerate() {
        let line = |k| file.line("era", i, Some(k));
        r.slug(&mut era_ids, &era.id, "era", line("id"));
        r.text(
            &era.label,
            || format!("era `{}`'s label", era.id),
            line("label"),
        );
        if era.to.last_day() < era.from.first_day() {
            r.at(
                line("to"),
                format!("era `{}` ends before it starts", era.id),
            );
        }
        if era.from.first_day() <= last_era_end {
            r.at(
                line("from"),
                format!("era `{}` overlaps the era before it", era.id),
            );
        }
        last_era_end = era.to.last_day();
    }
}

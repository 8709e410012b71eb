//! Editions (build time): a translation of the original content into another language, read from
//! `editions/<tag>/` beside the original's files and laid over a copy of it.
//!
//! A translation file has the shape of its original but only the words: each item is found by
//! its `id` (chapters, steps, events, factors…), the corrections by their order, `[meta]` and
//! `[method]` by name. Every item records, in `of`, a fingerprint of the English it translates
//! (`editions::fingerprint` of its fields). When the English changes, the fingerprint no longer
//! matches: the build warns and names the passage, and a native test lists every stale one, so a
//! translation cannot silently go stale. A missing translation fails the build with its file and
//! line. The `editions` bin prints the fingerprints and stamps them once a passage is checked.

use super::{Edition, Original};
use crate::content::{Source, Term};
use crate::source::{address_ok, ContentError, ContentErrors, File, SOURCE_RULE};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The fingerprint of the English an item translates: the first eight hex digits of the SHA-256
/// of its fields, joined by U+001F (the unit separator, which no text contains).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0x1f]);
        }
        h.update(p.as_bytes());
    }
    h.finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One translation file, parsed, and what was used of it.
struct Tr<'a> {
    file: Option<File>,
    /// Where the original's counterpart is, for messages about missing translations.
    table: toml::Table,
    errors: &'a mut Vec<ContentError>,
    stale: &'a mut Vec<String>,
    /// Items used, by array name and id, so that unknown ones can be reported.
    used: HashSet<(String, String)>,
    /// Where the file is (it need not exist: every missing item is then reported against it).
    path: std::path::PathBuf,
}

/// A fingerprint record: one item's translated fields, checked against its English.
struct Item {
    fields: Option<toml::Table>,
    line: usize,
    what: String,
}

impl<'a> Tr<'a> {
    fn open(
        dir: &Path,
        name: &str,
        errors: &'a mut Vec<ContentError>,
        stale: &'a mut Vec<String>,
    ) -> Tr<'a> {
        let path = dir.join(name);
        let (file, table) = if path.exists() {
            match File::read(dir, name) {
                Ok(f) => {
                    let t: Option<toml::Table> = f.parse().map_err(|e| errors.push(e)).ok();
                    (Some(f), t.unwrap_or_default())
                }
                Err(e) => {
                    errors.push(e);
                    (None, toml::Table::new())
                }
            }
        } else {
            (None, toml::Table::new())
        };
        Tr {
            file,
            table,
            errors,
            stale,
            used: HashSet::new(),
            path,
        }
    }

    fn error(&mut self, line: usize, message: String) {
        self.errors.push(ContentError {
            file: self.path.clone(),
            line,
            message,
        });
    }

    fn line_of_id(&self, array: &str, id: &str) -> usize {
        self.file
            .as_ref()
            .map_or(1, |f| f.line_of_id(array, id, None))
    }

    /// The item of array `array` with this id.
    fn item(&mut self, array: &str, id: &str, what: &str) -> Item {
        self.used.insert((array.to_string(), id.to_string()));
        let found = self
            .table
            .get(array)
            .and_then(|v| v.as_array())
            .and_then(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_table())
                    .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
                    .cloned()
            });
        let line = self.line_of_id(array, id);
        Item {
            fields: found,
            line,
            what: format!("{what} `{id}`"),
        }
    }

    /// The n-th item of array `array` (items found by their order: the corrections).
    fn nth(&mut self, array: &str, n: usize, what: &str) -> Item {
        let found = self
            .table
            .get(array)
            .and_then(|v| v.as_array())
            .and_then(|items| items.get(n))
            .and_then(|i| i.as_table())
            .cloned();
        let line = self.file.as_ref().map_or(1, |f| f.line(array, n, None));
        Item {
            fields: found,
            line,
            what: format!("{what} {}", n + 1),
        }
    }

    /// A table by name (`[meta]`, `[method]`), or the file's top level for "".
    fn named(&mut self, table: &str) -> Item {
        let found = if table.is_empty() {
            Some(self.table.clone())
        } else {
            self.table.get(table).and_then(|v| v.as_table()).cloned()
        };
        let line = self
            .file
            .as_ref()
            .and_then(|f| {
                f.text
                    .lines()
                    .position(|l| l.trim() == format!("[{table}]"))
                    .map(|i| i + 1)
            })
            .unwrap_or(1);
        Item {
            fields: found,
            line,
            what: if table.is_empty() {
                "the file".into()
            } else {
                format!("[{table}]")
            },
        }
    }

    /// Reports items of `array` whose id the original does not have.
    fn unknown(&mut self, array: &str, what: &str) {
        let ids: Vec<String> = self
            .table
            .get(array)
            .and_then(|v| v.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.get("id").and_then(|v| v.as_str()).map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        for id in ids {
            if !self.used.contains(&(array.to_string(), id.clone())) {
                let line = self.line_of_id(array, &id);
                self.error(
                    line,
                    format!("{what} `{id}` is not in the original: translate only what it has"),
                );
            }
        }
    }
}

/// What one item of a translation gives, field by field.
struct Got {
    values: HashMap<String, String>,
}

impl Got {
    fn get(&self, k: &str) -> String {
        self.values.get(k).cloned().unwrap_or_default()
    }
}

/// Takes an item's translated fields: each field whose English is not empty must be translated;
/// the item's `of` must match the English's fingerprint (else it is stale).
fn take(tr: &mut Tr, item: Item, english: &[(&str, &str)]) -> Got {
    let fp = fingerprint(&english.iter().map(|(_, v)| *v).collect::<Vec<_>>());
    let mut values = HashMap::new();
    let Some(fields) = &item.fields else {
        let line = item.line;
        let what = item.what.clone();
        tr.error(
            line,
            format!("{what} has no translation here (its `of` would be \"{fp}\")"),
        );
        return Got { values };
    };
    let file = tr.file.as_ref().map(|f| f.text.clone());
    let key_line = |k: &str| -> usize {
        file.as_ref().map_or(item.line, |text| {
            File::from_text("", text.clone())
                .line_containing(item.line, &format!("{k} ="))
                .unwrap_or(item.line)
        })
    };
    let mut missing = Vec::new();
    for (k, en) in english {
        match fields.get(*k).and_then(|v| v.as_str()) {
            Some(s) if !s.trim().is_empty() || en.trim().is_empty() => {
                values.insert(k.to_string(), s.to_string());
            }
            _ if en.trim().is_empty() => {}
            _ => missing.push(*k),
        }
    }
    let lines: Vec<(usize, String)> = missing
        .iter()
        .map(|k| {
            (
                key_line(k),
                format!("{} has no translation of its `{k}`", item.what),
            )
        })
        .collect();
    for (l, m) in lines {
        tr.error(l, m);
    }
    let of = fields.get("of").and_then(|v| v.as_str()).unwrap_or("");
    if of != fp {
        let l = key_line("of");
        let name = tr.path.display().to_string();
        tr.stale.push(if of.is_empty() {
            format!(
                "{name}:{l}: {} has no `of`: check it against the English, then set `of = \"{fp}\"`",
                item.what
            )
        } else {
            format!(
                "{name}:{l}: {} translates an older English text (`of` is \"{of}\", the English is now \"{fp}\"): check it, then set `of = \"{fp}\"`",
                item.what
            )
        });
    }
    // Any other value the item carries (sources in the edition's language, the `added` quotes).
    for (k, v) in fields {
        if let Some(s) = v.as_str() {
            values.entry(k.clone()).or_insert_with(|| s.to_string());
        }
    }
    Got { values }
}

/// A list of strings from an item (the translated `added` quotes).
fn strings(item: &Item, key: &str) -> Vec<String> {
    item.fields
        .as_ref()
        .and_then(|f| f.get(key))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A source in the edition's language (`also = { title = "…", url = "https://…" }`).
fn also(tr: &mut Tr, item: &Item) -> Option<Source> {
    let t = item.fields.as_ref()?.get("also")?.as_table()?.clone();
    let title = t.get("title").and_then(|v| v.as_str()).unwrap_or("");
    let url = t.get("url").and_then(|v| v.as_str()).unwrap_or("");
    if title.trim().is_empty() || !address_ok(url) {
        let l = item.line;
        let what = item.what.clone();
        tr.error(l, format!("{what}: its `also` source needs {SOURCE_RULE}"));
        return None;
    }
    Some(Source {
        title: title.into(),
        url: url.into(),
    })
}

/// Reads the edition `tag` of the content in `dir`.
pub fn load(dir: &Path, tag: &str, original: &Original) -> Result<Edition, ContentErrors> {
    let edir = dir.join("editions").join(tag);
    let mut errors = Vec::new();
    let mut stale = Vec::new();
    if !edir.is_dir() {
        return Err(ContentErrors(vec![ContentError {
            file: edir,
            line: 0,
            message: format!("essay.toml names the edition `{tag}`, but there is no such folder"),
        }]));
    }
    let mut b = original.bundle.clone();
    b.essay.meta.lang = tag.to_string();
    b.essay.meta.editions = Vec::new();

    // essay.toml
    {
        let mut tr = Tr::open(&edir, "essay.toml", &mut errors, &mut stale);
        let m = &original.bundle.essay.meta;
        let item = tr.named("meta");
        let local_title = item
            .fields
            .as_ref()
            .and_then(|f| f.get("credit_title"))
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let g = take(
            &mut tr,
            item,
            &[
                ("title", &m.title),
                ("standfirst", &m.standfirst),
                ("byline", &m.byline),
                ("about", &m.about),
            ],
        );
        let bm = &mut b.essay.meta;
        bm.title = g.get("title");
        bm.standfirst = g.get("standfirst");
        bm.byline = g.get("byline");
        bm.about = g.get("about");
        bm.credit_title_local = local_title;
        if bm.credit_lang.is_empty() {
            bm.credit_lang = original.bundle.essay.meta.lang.clone();
        }
        if !original.bundle.essay.method.text.is_empty() {
            let item = tr.named("method");
            let g = take(
                &mut tr,
                item,
                &[("text", &original.bundle.essay.method.text)],
            );
            b.essay.method.text = g.get("text");
        }
        for (i, c) in original.bundle.essay.correction.iter().enumerate() {
            let item = tr.nth("correction", i, "correction");
            let date = item
                .fields
                .as_ref()
                .and_then(|f| f.get("date"))
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            let line = item.line;
            let g = take(&mut tr, item, &[("text", &c.text)]);
            if !date.is_empty() && date != c.date {
                tr.error(
                    line,
                    format!(
                        "correction {} is dated {date} here but {} in the original: corrections go in the original's order",
                        i + 1,
                        c.date
                    ),
                );
            }
            b.essay.correction[i].text = g.get("text");
        }
        for (ci, c) in original.bundle.essay.chapter.iter().enumerate() {
            let item = tr.item("chapter", &c.id, "chapter");
            let g = take(&mut tr, item, &[("kicker", &c.kicker), ("title", &c.title)]);
            b.essay.chapter[ci].kicker = g.get("kicker");
            b.essay.chapter[ci].title = g.get("title");
            for (si, s) in c.step.iter().enumerate() {
                let item = tr.item("step", &s.id, "step");
                let quotes = strings(&item, "added");
                let line = item.line;
                let g = take(
                    &mut tr,
                    item,
                    &[
                        ("text", &s.text),
                        ("summary", &s.summary),
                        ("note", &s.note),
                    ],
                );
                let t = &mut b.essay.chapter[ci].step[si];
                t.text = g.get("text");
                t.summary = g.get("summary");
                t.note = g.get("note");
                if t.text.is_empty() {
                    continue;
                }
                if quotes.len() != s.added.len() {
                    tr.error(
                        line,
                        format!(
                            "step `{}` marks {} passages as the explainer's additions in the original, {} here: give `added` the translation of each, in order",
                            s.id,
                            s.added.len(),
                            quotes.len()
                        ),
                    );
                }
                for (k, q) in quotes.iter().enumerate() {
                    if !t.text.contains(q.as_str()) {
                        tr.error(
                            line,
                            format!(
                                "step `{}`: the addition “{q}” is not found verbatim in its text",
                                s.id
                            ),
                        );
                    }
                    if let Some(a) = t.added.get_mut(k) {
                        a.quote = q.clone();
                    }
                }
                let n = t.note.chars().count();
                if n > super::NOTE_MAX_CHARS {
                    tr.error(
                        line,
                        format!(
                            "step `{}` has a note of {n} characters; keep it to {}",
                            s.id,
                            super::NOTE_MAX_CHARS
                        ),
                    );
                }
            }
        }
        tr.unknown("chapter", "chapter");
        tr.unknown("step", "step");
    }

    // cast.toml
    if !original.bundle.cast.actors.is_empty() {
        let mut tr = Tr::open(&edir, "cast.toml", &mut errors, &mut stale);
        for (i, a) in original.bundle.cast.actors.iter().enumerate() {
            let item = tr.item("actor", &a.id, "actor");
            let g = take(&mut tr, item, &[("name", &a.name), ("short", &a.short)]);
            b.cast.actors[i].name = g.get("name");
            b.cast.actors[i].short = g.get("short");
        }
        tr.unknown("actor", "actor");
    }

    // timeline.toml
    if let Some(t) = &original.bundle.timeline {
        let mut tr = Tr::open(&edir, "timeline.toml", &mut errors, &mut stale);
        let bt = b.timeline.as_mut().expect("a copy of the original");
        for (i, l) in t.lane.iter().enumerate() {
            let item = tr.item("lane", &l.id, "lane");
            let g = take(&mut tr, item, &[("name", &l.name), ("key", &l.key)]);
            bt.lane[i].name = g.get("name");
            bt.lane[i].key = g.get("key");
        }
        for (i, e) in t.era.iter().enumerate() {
            let item = tr.item("era", &e.id, "era");
            let g = take(&mut tr, item, &[("label", &e.label)]);
            bt.era[i].label = g.get("label");
        }
        for (i, e) in t.event.iter().enumerate() {
            let item = tr.item("event", &e.id, "event");
            let extra = also(&mut tr, &item);
            let g = take(
                &mut tr,
                item,
                &[
                    ("title", &e.title),
                    ("text", &e.text),
                    ("dispute", &e.dispute),
                ],
            );
            let be = &mut bt.event[i];
            be.title = g.get("title");
            be.text = g.get("text");
            be.dispute = g.get("dispute");
            be.also = extra;
        }
        tr.unknown("lane", "lane");
        tr.unknown("era", "era");
        tr.unknown("event", "event");
    }

    // diagram.toml
    if let Some(d) = &original.bundle.diagram {
        let mut tr = Tr::open(&edir, "diagram.toml", &mut errors, &mut stale);
        let bd = b.diagram.as_mut().expect("a copy of the original");
        let item = tr.named("");
        let g = take(&mut tr, item, &[("title", &d.title), ("note", &d.note)]);
        bd.title = g.get("title");
        bd.note = g.get("note");
        for (i, c) in d.course.iter().enumerate() {
            let item = tr.item("course", &c.id, "course");
            let g = take(
                &mut tr,
                item,
                &[
                    ("label", &c.label),
                    ("detail", &c.detail),
                    ("toward", &c.toward),
                ],
            );
            bd.course[i].label = g.get("label");
            bd.course[i].detail = g.get("detail");
            bd.course[i].toward = g.get("toward");
        }
        for (i, f) in d.factor.iter().enumerate() {
            let item = tr.item("factor", &f.id, "factor");
            let g = take(
                &mut tr,
                item,
                &[
                    ("label", &f.label),
                    ("explain", &f.explain),
                    ("whatif", &f.whatif),
                ],
            );
            bd.factor[i].label = g.get("label");
            bd.factor[i].explain = g.get("explain");
            bd.factor[i].whatif = g.get("whatif");
        }
        for (i, s) in d.stage.iter().enumerate() {
            let item = tr.item("stage", &s.id, "stage");
            let g = take(&mut tr, item, &[("label", &s.label)]);
            bd.stage[i].label = g.get("label");
        }
        tr.unknown("course", "course");
        tr.unknown("factor", "factor");
        tr.unknown("stage", "stage");
    }

    // map.toml
    if let Some(m) = &original.bundle.map {
        let mut tr = Tr::open(&edir, "map.toml", &mut errors, &mut stale);
        let bm = b.map.as_mut().expect("a copy of the original");
        let item = tr.named("");
        let g = take(&mut tr, item, &[("title", &m.title)]);
        bm.title = g.get("title");
        for (i, p) in m.places.iter().enumerate() {
            let item = tr.item("place", &p.id, "place");
            let g = take(&mut tr, item, &[("name", &p.name)]);
            bm.places[i].name = g.get("name");
        }
        for (i, l) in m.lines.iter().enumerate() {
            let item = tr.item("line", &l.id, "line");
            let g = take(
                &mut tr,
                item,
                &[
                    ("label", &l.label),
                    ("date", &l.date),
                    ("summary", &l.summary),
                    ("approximate", &l.approximate),
                    ("short", &l.short),
                    ("chip", &l.chip),
                ],
            );
            let bl = &mut bm.lines[i];
            bl.label = g.get("label");
            bl.date = g.get("date");
            bl.summary = g.get("summary");
            bl.approximate = g.get("approximate");
            bl.short = g.get("short");
            bl.chip = g.get("chip");
        }
        tr.unknown("place", "place");
        tr.unknown("line", "line");
    }

    // glossary.toml (optional)
    let glossary: Vec<Term> = match File::read(&edir, "glossary.toml") {
        Ok(f) => {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct G {
                #[serde(default)]
                term: Vec<Term>,
            }
            match f.parse::<G>() {
                Ok(g) => {
                    for (i, t) in g.term.iter().enumerate() {
                        if t.en.trim().is_empty() || t.local.trim().is_empty() {
                            errors.push(f.error(
                                f.line("term", i, None),
                                "a glossary term needs `en` and `local`",
                            ));
                        }
                        if t.contested && t.note.trim().is_empty() {
                            errors.push(f.error(
                                f.line("term", i, Some("contested")),
                                format!(
                                    "the term `{}` is contested: its `note` says who calls it what",
                                    t.en
                                ),
                            ));
                        }
                    }
                    g.term
                }
                Err(e) => {
                    errors.push(e);
                    Vec::new()
                }
            }
        }
        Err(_) => Vec::new(),
    };
    b.glossary = glossary;

    // words.toml (optional where the engine knows the language)
    let words_file = if edir.join("words.toml").exists() {
        File::read(&edir, "words.toml")
            .map_err(|e| errors.push(e))
            .ok()
    } else {
        None
    };
    let words = crate::words::load::words(
        tag,
        &words_file.iter().collect::<Vec<_>>(),
        &edir.join("words.toml"),
    )
    .map_err(|e| errors.extend(e.0))
    .ok();
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    let words = words.expect("no errors");
    if crate::lang::unspaced(tag) {
        mark_phrases(&mut b);
    }
    if let Some(m) = &mut b.map {
        m.set_words(&words);
    }
    Ok(Edition {
        lang: tag.to_string(),
        dir: crate::lang::folder(tag),
        bundle: b,
        words,
        stale,
    })
}

/// Marks the phrase boundaries of every label (what the layout wraps and headings show) in a
/// language written without spaces; prose is left to the browser.
fn mark_phrases(b: &mut crate::content::Bundle) {
    use crate::text::phrases::mark;
    let m = |s: &mut String| *s = mark(s);
    m(&mut b.essay.meta.title);
    for c in &mut b.essay.chapter {
        m(&mut c.kicker);
        m(&mut c.title);
        for s in &mut c.step {
            m(&mut s.note);
        }
    }
    for a in &mut b.cast.actors {
        m(&mut a.short);
    }
    if let Some(t) = &mut b.timeline {
        t.lane.iter_mut().for_each(|l| {
            m(&mut l.name);
            m(&mut l.key);
        });
        t.era.iter_mut().for_each(|e| m(&mut e.label));
        t.event.iter_mut().for_each(|e| m(&mut e.title));
    }
    if let Some(d) = &mut b.diagram {
        m(&mut d.title);
        for c in &mut d.course {
            m(&mut c.label);
            m(&mut c.detail);
        }
        d.factor.iter_mut().for_each(|f| m(&mut f.label));
        d.stage.iter_mut().for_each(|s| m(&mut s.label));
    }
    if let Some(map) = &mut b.map {
        m(&mut map.title);
        map.places.iter_mut().for_each(|p| m(&mut p.name));
        for l in &mut map.lines {
            m(&mut l.label);
            m(&mut l.short);
            m(&mut l.chip);
            m(&mut l.date);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_short_and_follow_every_field() {
        let a = fingerprint(&["one", "two"]);
        assert_eq!(a.len(), 8);
        assert_ne!(a, fingerprint(&["one", "tw0"]));
        assert_ne!(a, fingerprint(&["onetwo"]), "fields are kept apart");
        assert_eq!(a, fingerprint(&["one", "two"]));
    }
}

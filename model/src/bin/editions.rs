//! Keeping translations in step with the original.
//!
//!   editions [CONTENT_DIR]                  what is missing or stale in every edition (exits 1
//!                                           when a passage is stale: the test command's gate)
//!   editions skeleton LANG [CONTENT_DIR]    starts editions/LANG/: every item to translate, the
//!                                           English as a comment above each empty field, and
//!                                           its fingerprint in `of` (files that exist are kept)
//!   editions stamp LANG ITEM… [CONTENT_DIR] records that items were checked against the current
//!                                           English (`step:mao-decides`, `event:inchon-landing`,
//!                                           `meta`, `method`, `correction:3`, `diagram`, `map`)
//!
//! CONTENT_DIR defaults to $EXPLAINER_CONTENT or `content`.

use explainer_model::load::edition::fingerprint;
use explainer_model::load::{load_all, load_original, Original};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One translatable item of the original: which file and array it lives in, how it is found,
/// and its English fields.
struct Item {
    file: &'static str,
    /// The array (`step`), or a table's name (`meta`), or "" for a file's top level.
    array: &'static str,
    /// Its id, or its position for corrections, or None for a named table.
    key: Key,
    fields: Vec<(&'static str, String)>,
}

enum Key {
    Id(String),
    Nth(usize, String),
    Table,
}

impl Item {
    fn name(&self) -> String {
        match &self.key {
            Key::Id(id) => format!("{}:{id}", self.array),
            Key::Nth(n, _) => format!("{}:{}", self.array, n + 1),
            Key::Table if self.array.is_empty() => self.file.trim_end_matches(".toml").into(),
            Key::Table => self.array.into(),
        }
    }
}

fn items(o: &Original) -> Vec<Item> {
    let b = &o.bundle;
    let mut v = Vec::new();
    let m = &b.essay.meta;
    v.push(Item {
        file: "essay.toml",
        array: "meta",
        key: Key::Table,
        fields: vec![
            ("title", m.title.clone()),
            ("standfirst", m.standfirst.clone()),
            ("byline", m.byline.clone()),
            ("about", m.about.clone()),
        ],
    });
    if !b.essay.method.text.is_empty() {
        v.push(Item {
            file: "essay.toml",
            array: "method",
            key: Key::Table,
            fields: vec![("text", b.essay.method.text.clone())],
        });
    }
    for (i, c) in b.essay.correction.iter().enumerate() {
        v.push(Item {
            file: "essay.toml",
            array: "correction",
            key: Key::Nth(i, c.date.clone()),
            fields: vec![("text", c.text.clone())],
        });
    }
    for c in &b.essay.chapter {
        v.push(Item {
            file: "essay.toml",
            array: "chapter",
            key: Key::Id(c.id.clone()),
            fields: vec![("kicker", c.kicker.clone()), ("title", c.title.clone())],
        });
    }
    for (_, s) in b.steps() {
        let mut it = Item {
            file: "essay.toml",
            array: "step",
            key: Key::Id(s.id.clone()),
            fields: vec![
                ("text", s.text.clone()),
                ("summary", s.summary.clone()),
                ("note", s.note.clone()),
            ],
        };
        // The quotes go with the text (they are part of it); shown to the translator below.
        it.fields
            .extend(s.added.iter().map(|a| ("added", a.quote.clone())));
        v.push(it);
    }
    for a in &b.cast.actors {
        v.push(Item {
            file: "cast.toml",
            array: "actor",
            key: Key::Id(a.id.clone()),
            fields: vec![("name", a.name.clone()), ("short", a.short.clone())],
        });
    }
    if let Some(t) = &b.timeline {
        for l in &t.lane {
            v.push(Item {
                file: "timeline.toml",
                array: "lane",
                key: Key::Id(l.id.clone()),
                fields: vec![("name", l.name.clone()), ("key", l.key.clone())],
            });
        }
        for e in &t.era {
            v.push(Item {
                file: "timeline.toml",
                array: "era",
                key: Key::Id(e.id.clone()),
                fields: vec![("label", e.label.clone())],
            });
        }
        for e in &t.event {
            v.push(Item {
                file: "timeline.toml",
                array: "event",
                key: Key::Id(e.id.clone()),
                fields: vec![
                    ("title", e.title.clone()),
                    ("text", e.text.clone()),
                    ("dispute", e.dispute.clone()),
                ],
            });
        }
    }
    if let Some(d) = &b.diagram {
        v.push(Item {
            file: "diagram.toml",
            array: "",
            key: Key::Table,
            fields: vec![("title", d.title.clone()), ("note", d.note.clone())],
        });
        for c in &d.course {
            v.push(Item {
                file: "diagram.toml",
                array: "course",
                key: Key::Id(c.id.clone()),
                fields: vec![
                    ("label", c.label.clone()),
                    ("detail", c.detail.clone()),
                    ("toward", c.toward.clone()),
                ],
            });
        }
        for f in &d.factor {
            v.push(Item {
                file: "diagram.toml",
                array: "factor",
                key: Key::Id(f.id.clone()),
                fields: vec![
                    ("label", f.label.clone()),
                    ("explain", f.explain.clone()),
                    ("whatif", f.whatif.clone()),
                ],
            });
        }
        for s in &d.stage {
            v.push(Item {
                file: "diagram.toml",
                array: "stage",
                key: Key::Id(s.id.clone()),
                fields: vec![("label", s.label.clone())],
            });
        }
    }
    if let Some(m) = &b.map {
        v.push(Item {
            file: "map.toml",
            array: "",
            key: Key::Table,
            fields: vec![("title", m.title.clone())],
        });
        for p in &m.places {
            v.push(Item {
                file: "map.toml",
                array: "place",
                key: Key::Id(p.id.clone()),
                fields: vec![("name", p.name.clone())],
            });
        }
        for l in &m.lines {
            v.push(Item {
                file: "map.toml",
                array: "line",
                key: Key::Id(l.id.clone()),
                fields: vec![
                    ("label", l.label.clone()),
                    ("date", l.date.clone()),
                    ("summary", l.summary.clone()),
                    ("approximate", l.approximate.clone()),
                    ("short", l.short.clone()),
                    ("chip", l.chip.clone()),
                ],
            });
        }
    }
    v
}

/// The item's fingerprint as the loader computes it (its fields but the `added` quotes).
fn loader_fp(it: &Item) -> String {
    let v: Vec<&str> = it
        .fields
        .iter()
        .filter(|(k, _)| *k != "added")
        .map(|(_, v)| v.as_str())
        .collect();
    fingerprint(&v)
}

fn toml_str(s: &str) -> String {
    if s.contains('\n') {
        format!(
            "\"\"\"{}\"\"\"",
            s.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
        )
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn comment(s: &str) -> String {
    s.lines().map(|l| format!("# {l}\n")).collect()
}

/// The skeleton of one file of an edition.
fn skeleton(all: &[Item], file: &str) -> String {
    let mut o = format!(
        "# The translation of {file}: fill in every empty field (the English is above it).\n# Format: content/FORMAT.md, \"Editions\". `of` is the fingerprint of the English.\n"
    );
    for it in all.iter().filter(|i| i.file == file) {
        o.push('\n');
        match &it.key {
            Key::Table if it.array.is_empty() => {}
            Key::Table => {
                let _ = writeln!(o, "[{}]", it.array);
            }
            Key::Id(id) => {
                let _ = writeln!(o, "[[{}]]\nid = {}", it.array, toml_str(id));
            }
            Key::Nth(_, date) => {
                let _ = writeln!(o, "[[{}]]\ndate = {}", it.array, toml_str(date));
            }
        }
        let _ = writeln!(o, "of = \"{}\"", loader_fp(it));
        let mut quotes = Vec::new();
        for (k, v) in &it.fields {
            if *k == "added" {
                quotes.push(v.clone());
                continue;
            }
            if v.is_empty() {
                continue;
            }
            o.push_str(&comment(v));
            let _ = writeln!(o, "{k} = \"\"");
        }
        if !quotes.is_empty() {
            for q in &quotes {
                o.push_str(&comment(&format!("added: {q}")));
            }
            let _ = writeln!(o, "added = [{}]", vec!["\"\""; quotes.len()].join(", "));
        }
    }
    o
}

/// Sets `of` of one item in a file's text (adds it after the item's header when missing).
fn stamp_text(text: &str, it: &Item) -> Option<String> {
    let fp = loader_fp(it);
    let lines: Vec<&str> = text.lines().collect();
    let start = match &it.key {
        Key::Table if it.array.is_empty() => Some(usize::MAX),
        Key::Table => lines
            .iter()
            .position(|l| l.trim() == format!("[{}]", it.array)),
        Key::Id(id) => {
            let head = format!("[[{}]]", it.array);
            lines.iter().enumerate().position(|(i, l)| {
                l.trim() == head
                    && lines[i + 1..]
                        .iter()
                        .take_while(|x| !x.trim_start().starts_with('['))
                        .any(|x| x.trim() == format!("id = {}", toml_str(id)))
            })
        }
        Key::Nth(n, _) => {
            let head = format!("[[{}]]", it.array);
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.trim() == head)
                .nth(*n)
                .map(|(i, _)| i)
        }
    }?;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // The item's own lines: to the next table header (the top level: to the first header).
    let (from, to) = if start == usize::MAX {
        (
            0,
            lines
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .unwrap_or(lines.len()),
        )
    } else {
        (
            start + 1,
            lines[start + 1..]
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .map_or(lines.len(), |p| start + 1 + p),
        )
    };
    let new = format!("of = \"{fp}\"");
    match (from..to).find(|&i| lines[i].trim_start().starts_with("of =")) {
        Some(i) => out[i] = new,
        None => out.insert(if start == usize::MAX { 0 } else { start + 1 }, new),
    }
    let mut s = out.join("\n");
    s.push('\n');
    Some(s)
}

fn dir_arg(args: &[String], at: usize) -> PathBuf {
    args.get(at)
        .cloned()
        .or_else(|| std::env::var("EXPLAINER_CONTENT").ok())
        .unwrap_or_else(|| "content".into())
        .into()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("skeleton") => {
            let Some(lang) = args.get(1) else {
                eprintln!("usage: editions skeleton LANG [CONTENT_DIR]");
                return ExitCode::FAILURE;
            };
            let dir = dir_arg(&args, 2);
            let (o, _) = match load_original(&dir) {
                Ok(o) => o,
                Err(e) => {
                    eprint!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let all = items(&o);
            let edir = dir.join("editions").join(lang);
            if let Err(e) = std::fs::create_dir_all(&edir) {
                eprintln!("{}: {e}", edir.display());
                return ExitCode::FAILURE;
            }
            for file in [
                "essay.toml",
                "cast.toml",
                "timeline.toml",
                "diagram.toml",
                "map.toml",
            ] {
                if !all.iter().any(|i| i.file == file) {
                    continue;
                }
                let path = edir.join(file);
                if path.exists() {
                    eprintln!("kept {} (it exists)", path.display());
                    continue;
                }
                if let Err(e) = std::fs::write(&path, skeleton(&all, file)) {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                eprintln!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Some("stamp") => {
            let Some(lang) = args.get(1) else {
                eprintln!("usage: editions stamp LANG ITEM… [CONTENT_DIR]");
                return ExitCode::FAILURE;
            };
            let names: Vec<&String> = args[2..]
                .iter()
                .filter(|a| a.contains(':') || !Path::new(a).is_dir())
                .collect();
            let dir = args[2..]
                .iter()
                .find(|a| Path::new(a).is_dir())
                .map_or_else(|| dir_arg(&[], 0), PathBuf::from);
            let (o, _) = match load_original(&dir) {
                Ok(o) => o,
                Err(e) => {
                    eprint!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let all = items(&o);
            let mut failed = false;
            for name in names {
                let Some(it) = all.iter().find(|i| &i.name() == name) else {
                    eprintln!("no item `{name}` in the original");
                    failed = true;
                    continue;
                };
                let path = dir.join("editions").join(lang).join(it.file);
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                match stamp_text(&text, it) {
                    Some(new) => {
                        if let Err(e) = std::fs::write(&path, new) {
                            eprintln!("{}: {e}", path.display());
                            failed = true;
                        } else {
                            eprintln!("stamped {name} in {}", path.display());
                        }
                    }
                    None => {
                        eprintln!("{}: no item `{name}` to stamp", path.display());
                        failed = true;
                    }
                }
            }
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let dir = dir_arg(&args, 0);
            match load_all(&dir) {
                Ok(c) => {
                    let stale = c.stale();
                    for s in &stale {
                        println!("stale: {s}");
                    }
                    println!(
                        "{} editions; {} stale passages",
                        c.editions.len(),
                        stale.len()
                    );
                    // The test command's gate: an edition in step with its English.
                    if stale.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(e) => {
                    print!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

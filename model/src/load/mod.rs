//! Reading and checking a content folder (build time only): the essay, the cast, whichever
//! instruments the explainer has, its interface words, and its editions in other languages.
//!
//! Every problem is reported as `file:line: what is wrong`, and all of them at once, so that an
//! editor fixing a content file sees the whole list in one build. The checks of each part live
//! beside its types (`timeline::check`, `diagram::check`, `map::load`, [`cast`], [`essay`]);
//! editions are [`edition`].

pub mod cast;
pub mod edition;
pub mod essay;

use crate::cast::Cast;
use crate::content::*;
use crate::map::geo::Base;
use crate::source::{ContentError, ContentErrors, File};
use crate::words::Words;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use crate::source::{address_ok, HTTP_ARCHIVES};
pub use essay::{HIGHLIGHT_MAX, NOTE_MAX_CHARS};

/// One edition of the explainer: its language, the folder its pages are published in, its
/// content in that language and its interface words.
pub struct Edition {
    /// The BCP 47 tag (`en`, `ko`, `zh-Hans`).
    pub lang: String,
    /// Relative to the original's folder: "" for the original, `ko/` for an edition.
    pub dir: String,
    pub bundle: Bundle,
    pub words: Words,
    /// Passages translated from an older English text, in words an editor can act on.
    pub stale: Vec<String>,
}

impl Edition {
    pub fn is_original(&self) -> bool {
        self.dir.is_empty()
    }
}

/// A whole content folder: the original first, then each edition, and the map's geometry.
pub struct Content {
    pub editions: Vec<Edition>,
    pub geo: Option<Base>,
    /// The content folder it was read from.
    pub dir: PathBuf,
}

impl Content {
    pub fn original(&self) -> &Edition {
        &self.editions[0]
    }

    /// Every stale translation, by edition.
    pub fn stale(&self) -> Vec<String> {
        self.editions.iter().flat_map(|e| e.stale.clone()).collect()
    }
}

/// The fixture explainer (tests/fixtures/mini), for tests across the model.
#[cfg(test)]
pub(crate) fn mini() -> Bundle {
    load_all(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini"))
        .unwrap_or_else(|e| panic!("{e}"))
        .editions
        .remove(0)
        .bundle
}

/// The real content, for tests across the model.
#[cfg(test)]
pub(crate) fn real() -> Content {
    load_all(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Reads `name` from `dir` when it is there.
fn optional(dir: &Path, name: &str, errors: &mut Vec<ContentError>) -> Option<File> {
    if !dir.join(name).exists() {
        return None;
    }
    File::read(dir, name).map_err(|e| errors.push(e)).ok()
}

/// Parses a file, collecting its error.
fn parse<T: serde::de::DeserializeOwned>(f: &File, errors: &mut Vec<ContentError>) -> Option<T> {
    f.parse().map_err(|e| errors.push(e)).ok()
}

/// The original's content files, read and checked, and the files they came from.
pub struct Original {
    pub bundle: Bundle,
    pub files: Files,
}

/// The original's files, kept for editions' messages and fingerprints.
pub struct Files {
    pub essay: File,
    pub cast: Option<File>,
    pub timeline: Option<File>,
    pub diagram: Option<File>,
    pub map: Option<File>,
}

/// Reads and checks the original (untranslated) content of a folder.
pub fn load_original(dir: &Path) -> Result<(Original, Option<Base>), ContentErrors> {
    let mut errors = Vec::new();
    let essay_file = File::read(dir, "essay.toml").map_err(|e| ContentErrors(vec![e]))?;
    let cast_file = optional(dir, "cast.toml", &mut errors);
    let timeline_file = optional(dir, "timeline.toml", &mut errors);
    let diagram_file = optional(dir, "diagram.toml", &mut errors);
    let map_file = optional(dir, "map.toml", &mut errors);
    let essay: Option<Essay> = parse(&essay_file, &mut errors);
    let cast: Cast = cast_file
        .as_ref()
        .and_then(|f| parse(f, &mut errors))
        .unwrap_or_default();
    let timeline: Option<Timeline> = timeline_file.as_ref().and_then(|f| parse(f, &mut errors));
    let diagram: Option<Diagram> = diagram_file.as_ref().and_then(|f| parse(f, &mut errors));
    let map = match &map_file {
        Some(f) => match crate::map::load::parse(&f.path, &f.text, &cast) {
            Ok(m) => Some(m),
            Err(e) => {
                errors.extend(e.0);
                None
            }
        },
        None => None,
    };
    // A file that does not parse is reported alone: the checks would only add noise about it.
    let (Some(essay), true) = (essay, errors.is_empty()) else {
        return Err(ContentErrors(errors));
    };
    let instruments = timeline_file.is_some() || diagram_file.is_some() || map_file.is_some();
    match &cast_file {
        Some(f) => cast::check(&cast, f, &mut errors),
        None if instruments => errors.push(ContentError {
            file: dir.join("cast.toml"),
            line: 0,
            message: "the instruments name actors, but the content has no cast.toml".into(),
        }),
        None => {}
    }
    if !instruments {
        errors.push(essay_file.error(
            1,
            "the explainer has no instrument: give it a timeline.toml, a diagram.toml or a map.toml",
        ));
    }
    let geo = match &map {
        Some(m) => match Base::load_dir(dir, m.frame) {
            Ok(g) => Some(g),
            Err(e) => {
                errors.extend(e.0);
                None
            }
        },
        None => None,
    };
    let bundle = Bundle {
        essay,
        cast,
        timeline,
        diagram,
        map,
        glossary: Vec::new(),
    };
    if let (Some(t), Some(f)) = (&bundle.timeline, &timeline_file) {
        crate::timeline::check::check(t, &bundle.cast, f, &mut errors);
    }
    let events: HashSet<&str> = bundle
        .timeline
        .iter()
        .flat_map(|t| t.event.iter().map(|e| e.id.as_str()))
        .collect();
    let chapters: HashSet<&str> = bundle.essay.chapter.iter().map(|c| c.id.as_str()).collect();
    let enters = match (&bundle.diagram, &diagram_file) {
        (Some(d), Some(f)) => crate::diagram::check::check(
            d,
            &bundle.cast,
            &crate::diagram::check::Known {
                events: &events,
                chapters: &chapters,
                timeline: bundle.timeline.is_some(),
            },
            f,
            &mut errors,
        ),
        _ => Default::default(),
    };
    essay::check(&bundle, &enters, &essay_file, &mut errors);
    let enters_owned: Vec<String> = enters.keys().map(|k| k.to_string()).collect();
    drop(enters_owned);
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    Ok((
        Original {
            bundle,
            files: Files {
                essay: essay_file,
                cast: cast_file,
                timeline: timeline_file,
                diagram: diagram_file,
                map: map_file,
            },
        },
        geo,
    ))
}

/// The build setting that narrows the editions built (comma-separated tags; empty: the original
/// only). Unset, every edition `[meta] editions` names is built. For work on one edition, or a
/// quick build of the original while translations are under way.
pub const EDITIONS_VAR: &str = "EXPLAINER_EDITIONS";

/// Reads and checks a whole content folder: the original, its words, and every edition it
/// names, each a complete translation.
pub fn load_all(dir: &Path) -> Result<Content, ContentErrors> {
    let only: Option<Vec<String>> = std::env::var(EDITIONS_VAR).ok().map(|v| {
        v.split(',')
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    });
    load_editions(dir, only.as_deref())
}

/// [`load_all`], with the editions narrowed to `only` (lower-case tags) when given.
pub fn load_editions(dir: &Path, only: Option<&[String]>) -> Result<Content, ContentErrors> {
    let (original, geo) = load_original(dir)?;
    let mut errors = Vec::new();
    let lang = original.bundle.essay.meta.lang.clone();
    let words_file = optional(dir, "words.toml", &mut errors);
    let words = crate::words::load::words(
        &lang,
        &words_file.iter().collect::<Vec<_>>(),
        &dir.join("words.toml"),
    )
    .map_err(|e| errors.extend(e.0))
    .ok();
    let mut editions = Vec::new();
    let mut seen = HashSet::new();
    seen.insert(lang.to_ascii_lowercase());
    for (i, tag) in original.bundle.essay.meta.editions.iter().enumerate() {
        let line = original.files.essay.line_of_key(Some("meta"), "editions");
        if !crate::lang::is_tag(tag) {
            errors.push(original.files.essay.error(
                line,
                format!("edition `{tag}` is not a language tag (BCP 47, like `ko` or `zh-Hans`)"),
            ));
            continue;
        }
        if !seen.insert(tag.to_ascii_lowercase()) {
            errors.push(original.files.essay.error(
                line,
                format!("edition `{tag}` is named twice (or is the original's language)"),
            ));
            continue;
        }
        let _ = i;
        if only.is_some_and(|o| !o.contains(&tag.to_ascii_lowercase())) {
            continue;
        }
        match edition::load(dir, tag, &original) {
            Ok(e) => editions.push(e),
            Err(e) => errors.extend(e.0),
        }
    }
    let Some(mut words) = words else {
        return Err(ContentErrors(errors));
    };
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    words.lang = lang.clone();
    let mut bundle = original.bundle;
    if let Some(m) = &mut bundle.map {
        m.set_words(&words);
    }
    let mut all = vec![Edition {
        lang,
        dir: String::new(),
        bundle,
        words,
        stale: Vec::new(),
    }];
    all.extend(editions);
    // Every edition's map must lay out in its own words: a label that cannot be placed is the
    // content's problem to fix (a shorter label, date or place name), not a map left undrawn.
    for e in &all {
        let Some(m) = &e.bundle.map else { continue };
        let mut scenes = m.default_scenes();
        for (_, s) in e.bundle.steps() {
            if let Graphic::Map { line, highlight } = &s.graphic {
                scenes.push(crate::map::Scene::new(m, line, highlight));
            }
        }
        if let Err(why) = crate::map::markup::layouts(m, &scenes) {
            let file = if e.is_original() {
                dir.join("map.toml")
            } else {
                dir.join("editions").join(&e.lang).join("map.toml")
            };
            errors.push(ContentError {
                file,
                line: 0,
                message: format!(
                    "{why}: shorten the line's label or date, or the lit places' names"
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    Ok(Content {
        editions: all,
        geo,
        dir: dir.to_path_buf(),
    })
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
        match load_all(&fixture(name)) {
            Ok(_) => panic!("fixture {name} should not load"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_real_content_loads() {
        let c = real();
        let b = &c.original().bundle;
        assert!(b.steps().count() >= 12);
        assert!(b.timeline.as_ref().unwrap().event.len() >= 35);
        assert_eq!(b.instruments().len(), 3);
    }

    #[test]
    fn a_second_explainer_loads_through_the_same_code() {
        let b = mini();
        assert!(b.steps().count() >= 3);
        assert!(b.map.is_none(), "the fixture has no map");
        assert!(
            b.cast
                .actors
                .iter()
                .all(|a| real().original().bundle.cast.get(&a.id).is_none()),
            "it shares no actor with the essay"
        );
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

    /// The (file, line, message) of the one message that contains `needle`.
    fn message(all: &[(String, usize, String)], needle: &str) -> (String, usize, String) {
        all.iter()
            .find(|(_, _, m)| m.contains(needle))
            .unwrap_or_else(|| panic!("no message containing {needle:?} in {all:#?}"))
            .clone()
    }

    fn line_of(name: &str, file: &str, line: usize) -> String {
        let text = std::fs::read_to_string(fixture(name).join(file)).unwrap();
        text.lines().nth(line - 1).unwrap().trim().to_string()
    }

    #[test]
    fn additions_notes_anchors_and_addresses_are_checked_with_file_and_line() {
        let name = "broken-additions";
        let all = located(name);
        let find = |needle: &str| message(&all, needle);
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
    fn lane_and_actor_are_required_and_must_be_declared() {
        let name = "broken-schema";
        let all = located(name);
        assert!(
            all.iter().any(|(f, l, m)| f == "timeline.toml"
                && m.contains("missing field `lane`")
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

    #[test]
    fn undeclared_actors_and_lanes_are_reported_where_they_are_named() {
        let name = "broken-cast";
        let all = located(name);
        let find = |needle: &str| message(&all, needle);
        let (f, l, _) = find("names actor `pirates`, which cast.toml does not declare");
        assert_eq!(
            (f.as_str(), line_of(name, &f, l)),
            ("timeline.toml", "actors = [\"keeper\", \"pirates\"]".into())
        );
        let (f, l, _) = find("sits in lane `sky`, which timeline.toml does not declare");
        assert_eq!(
            (f.as_str(), line_of(name, &f, l)),
            ("timeline.toml", "lane = \"sky\"".into())
        );
        let (f, l, _) = find("factor `duty` names actor `crown`");
        assert_eq!(
            (f.as_str(), line_of(name, &f, l)),
            ("diagram.toml", "actor = \"crown\"".into())
        );
        let (f, l, _) = find("actor `fog`'s light-theme colour #d8d8d8");
        assert_eq!(
            (f.as_str(), line_of(name, &f, l)),
            ("cast.toml", "color = \"#d8d8d8\"".into())
        );
    }
}

//! The page↔browser contract, typed: what the markup written at build time carries to the apps
//! that make it live, with one writer (used by the build's markup) and one reader (used by
//! `web/` and the essay's app) per structure, round-trip tested here, and the selectors both
//! sides use as constants beside them. Nothing is written that nothing reads.
//!
//! Encodings are plain text inside attributes: ids are slugs, numbers are decimals, and the few
//! separators (`|` between scenes, `;` between a scene's entries, `,` in lists, ` ` between
//! tokens) never occur inside a value: writers check that, readers skip what they cannot read.

use crate::decimal;

/// A value that can sit in an encoded list: no separator, no space, not empty.
fn token_ok(s: &str) -> bool {
    !s.is_empty() && !s.contains(['|', ';', ',', '=', ' ', '"', '<', '>', '&'])
}

// ---------------------------------------------------------------------------------------------
// Selectors and attributes every side agrees on

/// An instrument's drawing: `<div class="inst inst-tl" data-inst="timeline" data-scene="…">`.
pub const INST: &str = ".inst";
pub const A_INST: &str = "data-inst";
/// The scene on show, on the instrument (and, in the essay, on the stage's panel for its view).
pub const A_SCENE: &str = "data-scene";
/// An instrument's scenes ([`Scenes`]).
pub const A_SCENES: &str = "data-scenes";
/// An element that belongs to one scene (a kicker, a verdict, a layer of labels): shown with
/// class [`ON`] while its scene is.
pub const A_FOR: &str = "data-for";
pub const ON: &str = "on";
/// An item a scene gives classes to (a mark, a row and its bar, a line): its index.
pub const A_ITEM: &str = "data-k";
/// A layer of one scene kept inert until its scene is first shown.
pub const TEMPLATE_FOR: &str = "template[data-for]";

/// The essay's steps: `<article class="step" id=… data-step=n data-view=… data-scene=…
/// data-summary=…>`.
pub const STEP: &str = ".steps .step";
pub const A_STEP: &str = "data-step";
pub const A_VIEW: &str = "data-view";
/// What the graphic shows at a step, said once by the live region when the reader settles.
pub const A_SUMMARY: &str = "data-summary";
pub const CHAPTER: &str = ".chapter";
/// The stage: `.graphic .panel[data-view][data-step]`.
pub const PANEL: &str = ".graphic .panel";
pub const LIVE: &str = ".live";

/// Timeline marks (one button each), in the order of [`TimelineData::ts`].
pub const MARK: &str = ".evs .ev";
pub const A_ID: &str = "data-id";
/// The timeline's mark times (see [`TimelineData`]).
pub const A_TS: &str = "data-ts";

/// The diagram's model (see [`DiagramData`]).
pub const A_DIAGRAM: &str = "data-dg";
/// The map's scene lines (see [`MapData`]).
pub const A_LINES: &str = "data-lines";

/// Every class the apps (and the boot script) put on elements themselves, beyond what the
/// markup and its scene data name: the build keeps their rules when it cuts a page's
/// stylesheet (`render::css::prune`). A test reads the apps' sources for any other.
pub const RUNTIME_CLASSES: &[&str] = &[
    // pages/boot.js: scripting is on; the deferred stylesheet has arrived.
    "js",
    "css",
    // The scene player's "on show" (`ON`), the diagram's what-if.
    ON,
    "is-off",
    "is-whatif",
    // A notice (dom::notices) and the event card's close button and body (web/src/timeline.rs).
    "notice",
    "chip",
    "close",
    "ev-card-body",
];

// ---------------------------------------------------------------------------------------------
// Scenes

/// What one scene sets on its instrument: custom properties on the root, classes on the root,
/// classes on items (by [`A_ITEM`] index). Everything else a scene shows is an element marked
/// [`A_FOR`] with its id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub id: String,
    /// (`--t0`, `0.25`) …
    pub vars: Vec<(String, String)>,
    pub root: Vec<String>,
    /// (class, item indices) …
    pub items: Vec<(String, Vec<u16>)>,
}

impl Scene {
    pub fn new(id: &str) -> Scene {
        Scene {
            id: id.to_string(),
            ..Scene::default()
        }
    }

    pub fn var(mut self, name: &str, value: f64) -> Scene {
        self.vars.push((name.to_string(), crate::html::num(value)));
        self
    }

    pub fn root_class(mut self, class: &str) -> Scene {
        self.root.push(class.to_string());
        self
    }

    /// Gives `class` to the items at these indices (none: nothing is written).
    pub fn class(mut self, class: &str, items: impl IntoIterator<Item = usize>) -> Scene {
        let mut v: Vec<u16> = items.into_iter().map(|i| i as u16).collect();
        v.sort_unstable();
        v.dedup();
        if !v.is_empty() {
            self.items.push((class.to_string(), v));
        }
        self
    }

    /// Whether an item has a class in this scene.
    pub fn item_has(&self, class: &str, item: usize) -> bool {
        self.items
            .iter()
            .any(|(c, v)| c == class && v.contains(&(item as u16)))
    }

    /// The classes an item has in this scene, space-separated (for the markup's first paint).
    pub fn item_classes(&self, item: usize) -> String {
        let v: Vec<&str> = self
            .items
            .iter()
            .filter(|(_, v)| v.contains(&(item as u16)))
            .map(|(c, _)| c.as_str())
            .collect();
        v.join(" ")
    }

    /// The scene's custom properties as a `style` value (for the markup's first paint).
    pub fn style(&self) -> String {
        self.vars
            .iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Every scene of an instrument, as [`A_SCENES`] carries them:
/// `id;--var=v;!rootclass;class=1,2|id2;…`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenes(pub Vec<Scene>);

impl Scenes {
    pub fn write(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.0.iter().enumerate() {
            debug_assert!(token_ok(&s.id), "scene id {:?}", s.id);
            if i > 0 {
                out.push('|');
            }
            out.push_str(&s.id);
            for (k, v) in &s.vars {
                debug_assert!(k.starts_with("--") && token_ok(k) && token_ok(v), "{k}={v}");
                out.push(';');
                out.push_str(k);
                out.push('=');
                out.push_str(v);
            }
            for c in &s.root {
                debug_assert!(token_ok(c), "{c}");
                out.push_str(";!");
                out.push_str(c);
            }
            for (c, items) in &s.items {
                debug_assert!(
                    token_ok(c) && !c.starts_with('-') && !c.starts_with('!'),
                    "{c}"
                );
                out.push(';');
                out.push_str(c);
                out.push('=');
                let list: Vec<String> = items.iter().map(|i| i.to_string()).collect();
                out.push_str(&list.join(","));
            }
        }
        out
    }

    /// Reads what [`Scenes::write`] wrote; an entry it cannot read is skipped.
    pub fn read(s: &str) -> Scenes {
        let mut out = Vec::new();
        for part in s.split('|').filter(|p| !p.is_empty()) {
            let mut entries = part.split(';');
            let Some(id) = entries.next() else { continue };
            let mut scene = Scene::new(id);
            for e in entries {
                if let Some(c) = e.strip_prefix('!') {
                    scene.root.push(c.to_string());
                } else if let Some((k, v)) = e.split_once('=') {
                    if k.starts_with("--") {
                        scene.vars.push((k.to_string(), v.to_string()));
                    } else {
                        let items = v.split(',').filter_map(|i| i.parse().ok()).collect();
                        scene.items.push((k.to_string(), items));
                    }
                }
            }
            out.push(scene);
        }
        Scenes(out)
    }

    pub fn get(&self, id: &str) -> Option<&Scene> {
        self.0.iter().find(|s| s.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|s| s.id.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Lists

/// Numbers as space-separated decimals.
pub fn write_nums(v: &[f64]) -> String {
    v.iter()
        .map(|x| crate::html::num(*x))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn read_nums(s: &str) -> Vec<f64> {
    s.split_whitespace().filter_map(decimal::parse).collect()
}

pub fn write_ints(v: &[usize]) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn read_ints(s: &str) -> Vec<usize> {
    s.split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect()
}

pub fn write_ids(v: &[impl AsRef<str>]) -> String {
    v.iter()
        .map(|x| {
            debug_assert!(token_ok(x.as_ref()), "{:?}", x.as_ref());
            x.as_ref()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn read_ids(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// Texts (which may hold spaces) joined by U+001F, the unit separator, which no text holds.
pub const SEP: char = '\u{1f}';

pub fn write_texts(v: &[impl AsRef<str>]) -> String {
    v.iter()
        .map(|x| x.as_ref().replace(SEP, " "))
        .collect::<Vec<_>>()
        .join(&SEP.to_string())
}

pub fn read_texts(s: &str) -> Vec<String> {
    s.split(SEP).map(String::from).collect()
}

// ---------------------------------------------------------------------------------------------
// Per instrument

/// The timeline: its scenes and where each mark sits on the axis (0–1), in mark order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineData {
    pub scenes: Scenes,
    pub ts: Vec<f64>,
}

impl TimelineData {
    pub fn write(&self) -> Vec<(&'static str, String)> {
        vec![
            (A_SCENES, self.scenes.write()),
            (A_TS, write_nums(&self.ts)),
        ]
    }

    pub fn read(get: impl Fn(&str) -> String) -> TimelineData {
        TimelineData {
            scenes: Scenes::read(&get(A_SCENES)),
            ts: read_nums(&get(A_TS)),
        }
    }

    /// A scene's window on the axis: `--t0` to `--t1`.
    pub fn window(&self, scene: &str) -> (f64, f64) {
        let var = |name: &str| {
            self.scenes
                .get(scene)?
                .vars
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| decimal::parse(v))
        };
        (var("--t0").unwrap_or(0.0), var("--t1").unwrap_or(1.0))
    }
}

/// The words the diagram's app says, from the page's language: the verdicts, the sums, the
/// what-if sentence and the live region's line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagramWords {
    /// level, nearly level toward {course}, leans toward {course}, leans strongly toward {course}:
    /// as they stand inside a sentence, and as they start one (capitalised at build time, so
    /// that no case tables ship to the browser).
    pub verdicts: [String; 4],
    pub verdicts_start: [String; 4],
    /// `{left_course} {left} · {right_course} {right}`.
    pub sums: String,
    /// `Without {factors}: {verdict}`.
    pub without: String,
    /// `(thought experiment)`.
    pub thought: String,
    /// `Thought experiment: `.
    pub lead: String,
    /// `Stage {n} of {total}. {lead}{verdict}.`
    pub stage_live: String,
    /// How the factors switched off are joined: ", ".
    pub sep: String,
}

/// The diagram: its scenes (each a stage of the model), the model's numbers, the courses' words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagramData {
    pub scenes: Scenes,
    /// For each scene, its stage.
    pub stage_of: Vec<usize>,
    /// Factor ids, stage each enters at, side (0, 1) and strength, in the model's order.
    pub ids: Vec<String>,
    pub enters: Vec<usize>,
    pub sides: Vec<usize>,
    pub strengths: Vec<usize>,
    /// For each factor, its item index (its row and its bar carry it).
    pub items: Vec<usize>,
    /// The stages' ids (the widget's addresses name them).
    pub stage_ids: Vec<String>,
    /// The two courses: how a lean toward each is said, and their names.
    pub toward: [String; 2],
    pub names: [String; 2],
    pub words: DiagramWords,
}

impl DiagramData {
    pub fn write(&self) -> Vec<(&'static str, String)> {
        let w = &self.words;
        let texts = [
            self.toward[0].as_str(),
            &self.toward[1],
            &self.names[0],
            &self.names[1],
            &w.verdicts[0],
            &w.verdicts[1],
            &w.verdicts[2],
            &w.verdicts[3],
            &w.verdicts_start[0],
            &w.verdicts_start[1],
            &w.verdicts_start[2],
            &w.verdicts_start[3],
            &w.sums,
            &w.without,
            &w.thought,
            &w.lead,
            &w.stage_live,
            &w.sep,
        ];
        let model = [
            write_ints(&self.stage_of),
            write_ids(&self.ids),
            write_ints(&self.enters),
            write_ints(&self.sides),
            write_ints(&self.strengths),
            write_ints(&self.items),
            write_ids(&self.stage_ids),
        ]
        .join("|");
        vec![
            (A_SCENES, self.scenes.write()),
            (A_DIAGRAM, [model, write_texts(&texts)].join("|")),
        ]
    }

    pub fn read(get: impl Fn(&str) -> String) -> DiagramData {
        let all = get(A_DIAGRAM);
        let mut parts = all.splitn(8, '|');
        let mut next = || parts.next().unwrap_or("").to_string();
        let (stage_of, ids, enters, sides, strengths, items, stage_ids, texts) = (
            read_ints(&next()),
            read_ids(&next()),
            read_ints(&next()),
            read_ints(&next()),
            read_ints(&next()),
            read_ints(&next()),
            read_ids(&next()),
            read_texts(&next()),
        );
        let t = |i: usize| texts.get(i).cloned().unwrap_or_default();
        DiagramData {
            scenes: Scenes::read(&get(A_SCENES)),
            stage_of,
            ids,
            enters,
            sides,
            strengths,
            items,
            stage_ids,
            toward: [t(0), t(1)],
            names: [t(2), t(3)],
            words: DiagramWords {
                verdicts: [t(4), t(5), t(6), t(7)],
                verdicts_start: [t(8), t(9), t(10), t(11)],
                sums: t(12),
                without: t(13),
                thought: t(14),
                lead: t(15),
                stage_live: t(16),
                sep: t(17),
            },
        }
    }

    /// The stage a scene shows (the last one for an unknown scene).
    pub fn stage(&self, scene: &str) -> usize {
        self.scenes
            .0
            .iter()
            .position(|s| s.id == scene)
            .and_then(|i| self.stage_of.get(i).copied())
            .unwrap_or(self.stage_ids.len().saturating_sub(1))
    }
}

/// The map: its scenes, and the line each one draws (what `#line-…` names).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapData {
    pub scenes: Scenes,
    pub lines: Vec<String>,
}

impl MapData {
    pub fn write(&self) -> Vec<(&'static str, String)> {
        vec![
            (A_SCENES, self.scenes.write()),
            (A_LINES, write_ids(&self.lines)),
        ]
    }

    pub fn read(get: impl Fn(&str) -> String) -> MapData {
        MapData {
            scenes: Scenes::read(&get(A_SCENES)),
            lines: read_ids(&get(A_LINES)),
        }
    }

    /// The line a scene draws.
    pub fn line_of(&self, scene: &str) -> Option<&str> {
        let i = self.scenes.0.iter().position(|s| s.id == scene)?;
        self.lines.get(i).map(String::as_str)
    }

    /// The first scene that draws a line (the one `#line-…` opens).
    pub fn scene_of(&self, line: &str) -> Option<&str> {
        let i = self.lines.iter().position(|l| l == line)?;
        self.scenes.0.get(i).map(|s| s.id.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// The page's words

/// What a page's app may have to say about its address, or after a copy, in the page's language:
/// carried on `<main>` as `data-w-<key>` attributes, the patterns filled in by the app.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageWords {
    pub bad_id: String,
    pub unknown_widget: String,
    pub unknown_theme: String,
    /// There is no step / event / stage / line called `{id}` (the page's own kind).
    pub no_target: String,
    pub no_factor: String,
    pub copied: String,
}

/// The `<main>` of every page.
pub const MAIN: &str = "main";

impl PageWords {
    const KEYS: [&'static str; 6] = [
        "data-w-bad-id",
        "data-w-unknown-widget",
        "data-w-unknown-theme",
        "data-w-no-target",
        "data-w-no-factor",
        "data-w-copied",
    ];

    pub fn write(&self) -> Vec<(&'static str, String)> {
        let v = [
            &self.bad_id,
            &self.unknown_widget,
            &self.unknown_theme,
            &self.no_target,
            &self.no_factor,
            &self.copied,
        ];
        Self::KEYS
            .iter()
            .zip(v)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, v.clone()))
            .collect()
    }

    pub fn read(get: impl Fn(&str) -> String) -> PageWords {
        let [a, b, c, d, e, f] = Self::KEYS.map(&get);
        PageWords {
            bad_id: a,
            unknown_widget: b,
            unknown_theme: c,
            no_target: d,
            no_factor: e,
            copied: f,
        }
    }

    /// A note about the address, in the page's words.
    pub fn note(&self, n: &crate::route::Note) -> String {
        use crate::route::Note;
        let (pattern, id) = match n {
            Note::BadId(id) => (&self.bad_id, id),
            Note::UnknownWidget(id) => (&self.unknown_widget, id),
            Note::UnknownTheme(id) => (&self.unknown_theme, id),
            Note::NoTarget(id) => (&self.no_target, id),
            Note::NoFactor(id) => (&self.no_factor, id),
        };
        crate::words::fill(pattern, &[("id", id)])
    }
}

/// Writes attributes as markup: ` name="value"` each, escaped.
pub fn attrs(pairs: &[(&str, String)]) -> String {
    let mut o = String::new();
    for (k, v) in pairs {
        o.push(' ');
        o.push_str(k);
        o.push_str("=\"");
        o.push_str(&crate::html::escape(v));
        o.push('"');
    }
    o
}

#[cfg(test)]
mod tests {

    /// The apps' sources, read for the classes they set: each must be in `RUNTIME_CLASSES`.
    #[test]
    fn every_class_the_apps_set_is_kept_by_the_build() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = vec![root.join("pages/boot.js")];
        for dir in ["src", "web/src", "web/src/pages"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        let mut found = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") || code.starts_with('*') || code.starts_with("/*") {
                    continue;
                }
                let mut classes: Vec<&str> = Vec::new();
                // `class="a b"` in written markup.
                for part in line.split("class=\"").skip(1) {
                    classes.extend(part.split('"').next().unwrap_or("").split_whitespace());
                }
                // toggle_class(el, "x", …), set_class_name("x"), className += " x".
                // (The first string after each: a class given by a constant is checked where
                // the constant is listed.)
                for k in [
                    "toggle_class(",
                    "set_class_name(",
                    "className +=",
                    "classList.add(",
                ] {
                    for part in line.split(k).skip(1) {
                        let lit = part.split('"').nth(1).filter(|_| {
                            // Only a literal that is the call's next argument, not a later one.
                            !part.split('"').next().unwrap_or("").contains(')')
                        });
                        classes.extend(lit.unwrap_or("").split_whitespace());
                    }
                }
                for c in classes {
                    let is_class = c
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
                    if is_class && !RUNTIME_CLASSES.contains(&c) {
                        found.push(format!("{}:{}: `{c}`", f.display(), n + 1));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "classes the apps set but RUNTIME_CLASSES does not list:\n{}",
            found.join("\n")
        );
        // And the test reads what it means to: the known ones are found where they are.
        let boot = std::fs::read_to_string(root.join("pages/boot.js")).unwrap();
        assert!(boot.contains(r#"h.className += " css""#));
    }
    use super::*;

    fn get_from(pairs: Vec<(&'static str, String)>) -> impl Fn(&str) -> String {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }
    }

    fn scenes() -> Scenes {
        Scenes(vec![
            Scene::new("overview")
                .var("--t0", 0.0)
                .var("--t1", 1.0)
                .class("lit", [3, 1, 3]),
            Scene::new("inchon")
                .var("--t0", 0.25)
                .var("--t1", 0.5)
                .root_class("final")
                .class("in", [0, 2])
                .class("lit", [2]),
            Scene::new("empty"),
        ])
    }

    #[test]
    fn scenes_round_trip() {
        let s = scenes();
        let text = s.write();
        assert_eq!(
            text,
            "overview;--t0=0;--t1=1;lit=1,3|inchon;--t0=0.25;--t1=0.5;!final;in=0,2;lit=2|empty"
        );
        assert_eq!(Scenes::read(&text), s);
        assert_eq!(Scenes::read(""), Scenes::default());
        // What cannot be read is skipped, never a panic.
        let odd = Scenes::read("a;junk;x=1,q,2||b;!");
        assert_eq!(odd.0.len(), 2);
        assert_eq!(odd.0[0].items, vec![("x".to_string(), vec![1, 2])]);
        assert_eq!(s.0[1].item_classes(2), "in lit");
        assert_eq!(s.0[1].style(), "--t0:0.25;--t1:0.5");
    }

    #[test]
    fn the_timeline_round_trips() {
        let d = TimelineData {
            scenes: scenes(),
            ts: vec![0.0, 0.125, 1.0],
        };
        let back = TimelineData::read(get_from(d.write()));
        assert_eq!(back, d);
        assert_eq!(back.window("inchon"), (0.25, 0.5));
        assert_eq!(back.window("nowhere"), (0.0, 1.0));
    }

    #[test]
    fn the_diagram_round_trips() {
        let d = DiagramData {
            scenes: scenes(),
            stage_of: vec![0, 2, 1],
            ids: vec!["a".into(), "b-c".into()],
            enters: vec![0, 1],
            sides: vec![1, 0],
            strengths: vec![5, 2],
            items: vec![1, 0],
            stage_ids: vec!["spring".into(), "summer".into(), "fall".into()],
            toward: ["staying out".into(), "entering Korea".into()],
            names: ["Stay out".into(), "Enter Korea".into()],
            words: DiagramWords {
                verdicts: [
                    "level".into(),
                    "nearly level, just toward {course}".into(),
                    "leans toward {course}".into(),
                    "leans strongly | toward {course}".into(),
                ],
                verdicts_start: [
                    "Level".into(),
                    "Nearly level, just toward {course}".into(),
                    "Leans toward {course}".into(),
                    "Leans strongly toward {course}".into(),
                ],
                sums: "{left_course} {left} · {right_course} {right}".into(),
                without: "Without {factors}: {verdict}".into(),
                thought: "(thought experiment)".into(),
                lead: "Thought experiment: ".into(),
                stage_live: "Stage {n} of {total}. {lead}{verdict}.".into(),
                sep: ", ".into(),
            },
        };
        let back = DiagramData::read(get_from(d.write()));
        assert_eq!(back, d, "a `|` inside a text survives");
        assert_eq!(back.stage("inchon"), 2);
        assert_eq!(back.stage("nowhere"), 2, "the last stage");
        assert_eq!(DiagramData::read(|_| String::new()).ids.len(), 0);
    }

    #[test]
    fn the_map_round_trips() {
        let d = MapData {
            scenes: scenes(),
            lines: vec!["armistice".into(), "patrol".into(), "patrol".into()],
        };
        let back = MapData::read(get_from(d.write()));
        assert_eq!(back, d);
        assert_eq!(back.line_of("inchon"), Some("patrol"));
        assert_eq!(back.scene_of("patrol"), Some("inchon"));
        assert_eq!(back.scene_of("nowhere"), None);
    }

    #[test]
    fn the_page_words_round_trip_and_fill() {
        let w = PageWords {
            bad_id: "Bad “{id}”.".into(),
            no_target: "No step “{id}”.".into(),
            copied: "Copied".into(),
            ..PageWords::default()
        };
        let back = PageWords::read(get_from(w.write()));
        assert_eq!(back, w);
        assert_eq!(
            back.note(&crate::route::Note::NoTarget("x".into())),
            "No step “x”."
        );
        assert_eq!(attrs(&[("data-a", "x\"y".into())]), r#" data-a="x&quot;y""#);
    }
}

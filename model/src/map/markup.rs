//! The map as HTML (build time): the page draws it before any script runs; the app animates it
//! by applying a scene's data (`contract::MapData`), which the markup carries.
//!
//! Conventions (shared by every instrument):
//! - `<div class="inst inst-map" data-scene="S"><div class="plot">…</div></div>`; `.plot` is a size
//!   container and gets its height from the page.
//! - The view is four unitless custom properties per layout class, set on the instrument by the
//!   scene (`--uc-w --vc-w --vw-w --vh-w` and the narrow `-n` ones): centre and span in map units;
//!   `style/map.css` picks the class's by a container query on the plot and derives the scale.
//! - One `<svg class="geo">` holds `<use href="#geo-base">` (land and borders, defined once per
//!   page by `defs`) and the lines; marks, arrowheads and labels are HTML placed by transform
//!   from `--u --v` (map units) plus `--dx --dy` (px).
//! - Lines, their arrowheads and the marks are items (`data-k`) that a scene gives classes: `on`
//!   (the scene's line), `ref` (lines drawn faintly for reference), `lit`, and `cw`/`cn` (context
//!   marks of the wide and narrow layouts). Labels live in per-scene layers, one per layout class;
//!   the scene on show has its layers in the page, the others wait in a `<template>`.

use super::geo::{encode_path, Base};
use super::{layout, Class, Label, LabelKind, Line, LineKind, Map, Scene, SceneLayout};
use crate::contract::{self, attrs, MapData};
use crate::html::{escape, Sheet, Styles};
use crate::words::{Words, W};
use std::fmt::Write;

/// A number for CSS or SVG: at most one decimal, no trailing zeros.
fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The container query that selects the wide layout class (the narrow one is its negation).
pub const WIDE_QUERY: &str = "(min-width: 520px) and (min-height: 420px)";

/// The land and borders as a file of their own (`geo-<hash>.svg`), which every map of every page
/// and edition draws by reference and a reader's browser caches once. Its colours follow the
/// reader's system theme (an image cannot see the page's stylesheet).
pub fn land_file(base: &Base) -> String {
    use crate::theme::{DARK, LIGHT};
    let (u, v) = base.frame;
    let mut o = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {u} {v}" width="{u}" height="{v}"><style>@media (prefers-color-scheme:dark){{.l{{fill:{}}}.b{{stroke:{}}}}}</style><path class="l" fill="{}" fill-rule="evenodd" d="{}"/>"#,
        DARK.land, DARK.muted, LIGHT.land, base.land
    );
    for (id, d) in &base.borders {
        let w = if id == "cn-kp" { "1.4" } else { "1" };
        let _ = write!(
            o,
            r#"<path class="b b-{id}" fill="none" stroke="{}" stroke-width="{w}" stroke-linejoin="round" vector-effect="non-scaling-stroke" d="{d}"/>"#,
            LIGHT.muted
        );
    }
    o.push_str("</svg>\n");
    o
}

/// Where a page's map finds its land: the file's address, and whether the app brings it in
/// (the essay's stage, which is drawn only with the app) or the page draws it at once (a map's
/// own page, which paints before any script).
#[derive(Clone, Debug, PartialEq)]
pub struct Land {
    pub href: String,
    pub lazy: bool,
}

/// Lays out every scene (an error names the first scene that cannot be laid out).
pub fn layouts(map: &Map, scenes: &[Scene]) -> Result<Vec<SceneLayout>, String> {
    let mut seen = std::collections::HashSet::new();
    scenes
        .iter()
        .filter(|s| seen.insert(s.id.clone()))
        .map(|s| layout(map, s))
        .collect()
}

/// A line's item index; places come after the lines.
fn line_item(map: &Map, id: &str) -> usize {
    map.lines.iter().position(|l| l.id == id).unwrap_or(0)
}

fn place_item(map: &Map, id: &str) -> usize {
    map.lines.len() + map.places.iter().position(|p| p.id == id).unwrap_or(0)
}

/// The scenes as the app applies them: each class's view, the lines on show and for reference,
/// the lit and context marks.
pub fn scenes(map: &Map, layouts: &[SceneLayout]) -> contract::Scenes {
    contract::Scenes(
        layouts
            .iter()
            .map(|l| {
                let mut sc = contract::Scene::new(&l.scene.id);
                for (class, suffix) in [(Class::Wide, "w"), (Class::Narrow, "n")] {
                    let v = l.class(class).view;
                    for (name, x) in [("uc", v.uc), ("vc", v.vc), ("vw", v.vw), ("vh", v.vh)] {
                        sc.vars.push((format!("--{name}-{suffix}"), num(x)));
                    }
                }
                let main = line_item(map, &l.lines[0]);
                let refs: Vec<usize> = l.lines[1..].iter().map(|r| line_item(map, r)).collect();
                let lit: Vec<usize> = l
                    .class(Class::Wide)
                    .marks
                    .iter()
                    .filter(|m| m.lit)
                    .map(|m| place_item(map, &m.place))
                    .collect();
                let ctx = |class: Class| -> Vec<usize> {
                    l.class(class)
                        .marks
                        .iter()
                        .filter(|m| !m.lit)
                        .map(|m| place_item(map, &m.place))
                        .collect()
                };
                sc.class("on", [main])
                    .class("ref", refs)
                    .class("lit", lit)
                    .class("cw", ctx(Class::Wide))
                    .class("cn", ctx(Class::Narrow))
            })
            .collect(),
    )
}

/// Path data for a line in map units (whole km).
fn line_d(line: &Line) -> String {
    let parts: Vec<Vec<[i64; 2]>> = line
        .projected
        .iter()
        .map(|p| {
            let mut v: Vec<[i64; 2]> = Vec::new();
            for q in p {
                let r = [q[0].round() as i64, q[1].round() as i64];
                if v.last() != Some(&r) {
                    v.push(r);
                }
            }
            v
        })
        .collect();
    encode_path(&parts, false)
}

/// Arrowheads of a line: (tip in map units, direction in degrees, clockwise from east).
fn tips(line: &Line) -> Vec<([f64; 2], f64)> {
    let mut out = Vec::new();
    let angle = |a: [f64; 2], b: [f64; 2]| (b[1] - a[1]).atan2(b[0] - a[0]).to_degrees();
    for p in &line.projected {
        let n = p.len();
        if n < 2 {
            continue;
        }
        match line.kind {
            LineKind::Crossing => out.push((p[n - 1], angle(p[n - 2], p[n - 1]))),
            LineKind::Patrol => {
                out.push((p[n - 1], angle(p[n - 2], p[n - 1])));
                out.push((p[0], angle(p[1], p[0])));
            }
            _ => {}
        }
    }
    out
}

fn line_classes(line: &Line, extra: &str) -> String {
    format!(
        "line line-{} kind-{} a-{}{}",
        line.id,
        line.kind.slug(),
        line.side,
        if extra.is_empty() {
            String::new()
        } else {
            format!(" {extra}")
        }
    )
}

fn geo_svg(
    map: &Map,
    base: (u32, u32),
    lines: &[&Line],
    first: &contract::Scene,
    sheet: &mut Sheet,
    land: &Land,
) -> String {
    let (u, v) = base;
    let frame = sheet.class(&format!("--fu:{u};--fv:{v}"));
    let href = if land.lazy { "data-href" } else { "href" };
    let mut o = format!(
        r##"<svg class="geo {frame}" viewBox="0 0 {u} {v}" aria-hidden="true" focusable="false"><image class="geo-land" {href}="{}" width="{u}" height="{v}"/>"##,
        escape(&land.href)
    );
    for line in lines {
        let k = line_item(map, &line.id);
        let _ = write!(
            o,
            r#"<path class="{}" data-k="{k}" d="{}"/>"#,
            line_classes(line, &first.item_classes(k)),
            line_d(line)
        );
    }
    o.push_str("</svg>");
    o
}

fn tips_html(map: &Map, lines: &[&Line], first: &contract::Scene, sheet: &mut Sheet) -> String {
    let mut o = String::new();
    for line in lines {
        let k = line_item(map, &line.id);
        let cls = first.item_classes(k);
        for (at, a) in tips(line) {
            let _ = write!(
                o,
                r#"<i class="tip tip-{} a-{}{} {}" data-k="{k}"></i>"#,
                line.id,
                line.side,
                if cls.is_empty() {
                    String::new()
                } else {
                    format!(" {cls}")
                },
                sheet.class(&format!(
                    "--u:{};--v:{};--a:{}deg",
                    num(at[0]),
                    num(at[1]),
                    num(a)
                ))
            );
        }
    }
    o
}

fn marks_html(map: &Map, places: &[&str], first: &contract::Scene, sheet: &mut Sheet) -> String {
    let mut o = String::new();
    for p in map
        .places
        .iter()
        .filter(|p| p.kind.has_mark() && places.contains(&p.id.as_str()))
    {
        let k = place_item(map, &p.id);
        let cls = first.item_classes(k);
        let _ = write!(
            o,
            r#"<i class="mark mark-{} m-{}{} {}" data-k="{k}"></i>"#,
            p.kind.slug(),
            p.id,
            if cls.is_empty() {
                String::new()
            } else {
                format!(" {cls}")
            },
            sheet.class(&format!("--u:{};--v:{}", num(p.at[0]), num(p.at[1])))
        );
    }
    o
}

fn label_html(map: &Map, l: &Label, st: &mut Styles) -> String {
    let kind = match l.kind {
        LabelKind::Place => "place",
        LabelKind::Water => match map.place(&l.key).map(|p| p.kind) {
            Some(super::PlaceKind::Area) => "area",
            _ => "water",
        },
        LabelKind::Line => "line",
    };
    let side = if l.kind == LabelKind::Line {
        map.line(&l.key)
            .map(|x| format!(" a-{}", x.side))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let lit = if l.lit && l.kind == LabelKind::Place {
        " lit"
    } else {
        ""
    };
    let (c, a) = st.both(&format!(
        "--u:{};--v:{};--dx:{};--dy:{};width:{}px",
        num(l.at[0]),
        num(l.at[1]),
        num(l.dx),
        num(l.dy),
        num(l.w)
    ));
    let mut o = format!(
        r#"<span class="lbl lbl-{kind} al-{}{side}{lit}{c}"{a}>"#,
        l.align.slug(),
    );
    for line in &l.lines {
        let _ = write!(o, "<span>{}</span>", escape(line));
    }
    o.push_str("</span>");
    o
}

fn layers_html(map: &Map, l: &SceneLayout, on: bool, st: &mut Styles) -> String {
    let mut o = String::new();
    for class in Class::ALL {
        let _ = write!(
            o,
            r#"<div class="layer layer-{}{}" data-for="{}">"#,
            class.slug(),
            if on { " on" } else { "" },
            escape(&l.scene.id)
        );
        for label in &l.class(class).labels {
            o.push_str(&label_html(map, label, st));
        }
        o.push_str("</div>");
    }
    o
}

/// The live drawing with every scene's layers; `initial` is the scene shown before any script.
/// `head` goes first inside it (the essay's kicker and note), where its scene words are shown.
pub fn instrument(
    map: &Map,
    base: &Base,
    scenes: &[Scene],
    initial: &str,
    head: &str,
    sheet: &mut Sheet,
    land: &Land,
) -> Result<String, String> {
    let ls = layouts(map, scenes)?;
    let data = MapData {
        scenes: self::scenes(map, &ls),
        lines: ls.iter().map(|l| l.scene.line.clone()).collect(),
    };
    let first = data.scenes.get(initial).cloned().unwrap_or_default();
    let mut line_ids: Vec<&str> = Vec::new();
    let mut places: Vec<&str> = Vec::new();
    for l in &ls {
        for id in &l.lines {
            if !line_ids.contains(&id.as_str()) {
                line_ids.push(id);
            }
        }
        for c in &l.classes {
            for m in &c.marks {
                if !places.contains(&m.place.as_str()) {
                    places.push(&m.place);
                }
            }
        }
    }
    let lines: Vec<&Line> = map
        .lines
        .iter()
        .filter(|l| line_ids.contains(&l.id.as_str()))
        .collect();
    sheet.rule(".inst-map", &first.style());
    let mut o = format!(
        r#"<div class="inst inst-map" data-inst="map" data-scene="{}"{}>{head}<div class="plot" aria-hidden="true">"#,
        escape(initial),
        attrs(&data.write()),
    );
    o.push_str(&geo_svg(map, base.frame, &lines, &first, sheet, land));
    o.push_str(&marks_html(map, &places, &first, sheet));
    o.push_str(&tips_html(map, &lines, &first, sheet));
    for l in &ls {
        if l.scene.id == initial {
            o.push_str(&layers_html(map, l, true, &mut Styles::Live(&mut *sheet)));
        } else {
            let _ = write!(
                o,
                r#"<template data-for="{}">{}</template>"#,
                escape(&l.scene.id),
                layers_html(map, l, false, &mut Styles::Inert)
            );
        }
    }
    o.push_str("</div></div>");
    Ok(o)
}

/// What the map shows at a scene, in one or two sentences (plain text).
pub fn text_alternative(map: &Map, scene: &Scene, w: &Words) -> String {
    let Some(line) = map.line(&scene.line) else {
        return String::new();
    };
    let names: Vec<&str> = scene
        .highlight
        .iter()
        .filter_map(|h| map.place(h))
        .filter(|p| p.kind.has_mark())
        .map(|p| p.name.as_str())
        .collect();
    let marked = if names.is_empty() {
        String::new()
    } else {
        format!(" {}", w.f(W::MapMarked, &[("places", &w.join(&names))]))
    };
    format!("{}{marked} {}", line.summary.trim(), w.t(W::MapApproximate))
}

/// The lines as a list, with their dates, “approximate”, what is approximate, and sources.
pub fn legend_list(map: &Map, lines: &[&str], w: &Words) -> String {
    let mut o = String::from(r#"<ul class="map-legend">"#);
    for line in map
        .lines
        .iter()
        .filter(|l| lines.is_empty() || lines.contains(&l.id.as_str()))
    {
        // The pattern is escaped, then filled with markup of our own.
        let entry = crate::words::fill(
            &escape(w.t(W::LegendEntry)),
            &[
                ("line", &format!("<strong>{}</strong>", escape(&line.label))),
                ("date", &escape(&line.date)),
                ("approximate", &escape(line.approximate.trim())),
            ],
        );
        let _ = write!(
            o,
            r#"<li class="a-{side} kind-{kind}"><span class="key" aria-hidden="true"></span>{entry} {source} <a class="source" href="{url}">{title}</a></li>"#,
            side = line.side,
            kind = line.kind.slug(),
            source = escape(w.t(W::Source)),
            url = escape(&line.source.url),
            title = escape(&line.source.title),
        );
    }
    o.push_str("</ul>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> (Map, Base, Words) {
        let c = crate::load::real();
        let e = c.original();
        (
            e.bundle.map.clone().unwrap(),
            c.geo.clone().unwrap(),
            e.words.clone(),
        )
    }

    #[test]
    fn the_instrument_follows_the_shared_markup_conventions() {
        let (map, base, _) = content();
        let scenes = map.default_scenes();
        let mut sheet = Sheet::new();
        let land = Land {
            href: "../geo.svg".into(),
            lazy: false,
        };
        let html = instrument(&map, &base, &scenes, "armistice", "", &mut sheet, &land).unwrap();
        assert!(html.starts_with(
            r#"<div class="inst inst-map" data-inst="map" data-scene="armistice" data-scenes=""#
        ));
        assert_eq!(html.matches(r#"<svg class="geo"#).count(), 1);
        assert_eq!(
            html.matches(r#"<image class="geo-land" href="../geo.svg""#)
                .count(),
            1
        );
        assert!(land_file(&base).starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert!(
            !html.contains(" style="),
            "no style attribute: a strict CSP refuses them"
        );
        // The first scene's layers are drawn; every other scene's wait in a template.
        assert_eq!(
            html.matches(r#"<template data-for=""#).count(),
            scenes.len() - 1
        );
        for s in &scenes {
            assert_eq!(
                html.matches(&format!(r#"data-for="{}""#, s.id)).count(),
                if s.id == "armistice" { 2 } else { 3 },
                "{}",
                s.id
            );
        }
        assert!(!html.contains("text-overflow") && !html.contains("…"));
        let data = MapData::read(|k| {
            let at = html.find(&format!(r#" {k}=""#)).map(|i| i + k.len() + 3);
            at.map(|i| html[i..i + html[i..].find('"').unwrap()].replace("&quot;", "\""))
                .unwrap_or_default()
        });
        assert_eq!(data.scenes.0.len(), scenes.len());
        for s in &scenes {
            let sc = data.scenes.get(&s.id).unwrap();
            assert!(
                sc.vars.iter().any(|(k, _)| k == "--uc-w")
                    && sc.vars.iter().any(|(k, _)| k == "--uc-n")
            );
            assert_eq!(data.line_of(&s.id), Some(s.line.as_str()));
        }
        assert!(sheet.css().contains(".inst-map{--uc-w:"));
    }

    #[test]
    fn the_text_alternative_names_the_line_the_places_and_says_approximate() {
        let (map, _, w) = content();
        let s = Scene::new(&map, "armistice", &[] as &[&str]);
        let t = text_alternative(&map, &s, &w);
        assert!(
            t.contains("armistice line")
                && t.contains("Seoul and Pyongyang")
                && t.contains("approximate"),
            "{t}"
        );
    }

    #[test]
    fn the_legend_lists_every_line_with_date_approximate_and_source() {
        let (map, _, w) = content();
        let html = legend_list(&map, &[], &w);
        assert_eq!(html.matches("<li").count(), map.lines.len());
        assert_eq!(html.matches("(approximate)").count(), map.lines.len());
        assert_eq!(
            html.matches(r#"<a class="source" href="https://"#).count(),
            map.lines.len()
        );
    }
}

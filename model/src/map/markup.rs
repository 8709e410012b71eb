//! The map as HTML and CSS, written at build time (the page draws it before any script runs; the
//! app animates it by setting `data-scene` and nothing else).
//!
//! Conventions (shared by every instrument):
//! - `<div class="inst inst-map" data-scene="S"><div class="plot">…</div></div>`; `.plot` is a size
//!   container and gets its height from the page.
//! - The view is four unitless custom properties set per scene (`scene_css`): `--uc --vc --vw
//!   --vh`, centre and span in map units; `style/map.css` derives the scale `--k` from them.
//!   They are set on the plot's children (not on `.inst-map`) so that the narrow class can have
//!   its own view through a container query on the plot.
//! - One `<svg class="geo">` holds `<use href="#geo-base">` (land and borders, defined once per
//!   page by `defs`) and the lines; marks, arrowheads and labels are HTML placed by transform
//!   from `--u --v` (map units) plus `--dx --dy` (px).
//! - Marks are shared by all scenes (so they glide); labels live in per-scene layers, one per
//!   layout class; visibility comes from the per-scene CSS.

use super::geo::{encode_path, Base};
use super::{layout, Class, Label, LabelKind, Line, LineKind, Map, Scene, SceneLayout};
use std::fmt::Write;

pub use crate::render::escape;

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

/// The land and borders, once per page: a hidden SVG with `<symbol id="geo-base">`.
pub fn defs(base: &Base) -> String {
    let (u, v) = base.frame;
    let mut o = format!(
        r#"<svg hidden width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><symbol id="geo-base" viewBox="0 0 {u} {v}"><path class="geo-land" d="{}"/>"#,
        base.land
    );
    for (id, d) in &base.borders {
        let _ = write!(o, r#"<path class="geo-border geo-border-{id}" d="{d}"/>"#);
    }
    o.push_str("</symbol></svg>");
    o
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

fn sel(id: &str) -> String {
    format!(r#".inst-map[data-scene="{}"]"#, escape(id))
}

/// Per-scene rules: the view, which lines and marks show, which marks are lit, which layer
/// shows. Everything else is in `style/map.css`.
pub fn scene_css(map: &Map, scenes: &[Scene]) -> Result<String, String> {
    Ok(scene_css_of(map, &layouts(map, scenes)?))
}

fn scene_css_of(_map: &Map, layouts: &[SceneLayout]) -> String {
    let (fu, fv) = super::proj::frame();
    // Before any scene matches: the whole frame.
    let mut wide = String::new();
    let mut narrow = String::new();
    let mut o = format!(
        ".inst-map .plot>*{{--uc:{};--vc:{};--vw:{fu};--vh:{fv}}}\n",
        num(fu as f64 / 2.0),
        num(fv as f64 / 2.0)
    );
    for l in layouts {
        let s = sel(&l.scene.id);
        let vars = |v: &super::View| {
            format!(
                "--uc:{};--vc:{};--vw:{};--vh:{}",
                num(v.uc),
                num(v.vc),
                num(v.vw),
                num(v.vh)
            )
        };
        let _ = writeln!(o, "{s} .plot>*{{{}}}", vars(&l.class(Class::Wide).view));
        let nv = l.class(Class::Narrow).view;
        if nv != l.class(Class::Wide).view {
            let _ = writeln!(narrow, "{s} .plot>*{{{}}}", vars(&nv));
        }
        let main = &l.lines[0];
        let _ = writeln!(o, "{s} :is(.line-{main},.tip-{main}){{opacity:1}}");
        if l.lines.len() > 1 {
            let refs: Vec<String> = l.lines[1..]
                .iter()
                .map(|r| format!(".line-{r},.tip-{r}"))
                .collect();
            let _ = writeln!(
                o,
                "{s} :is({}){{opacity:var(--ref-opacity)}}",
                refs.join(",")
            );
        }
        let lit: Vec<String> = l
            .class(Class::Wide)
            .marks
            .iter()
            .filter(|m| m.lit)
            .map(|m| format!(".m-{}", m.place))
            .collect();
        if !lit.is_empty() {
            let _ = writeln!(o, "{s} :is({}){{opacity:1;--mc:var(--ink)}}", lit.join(","));
        }
        let _ = writeln!(
            o,
            r#"{s} [data-for="{}"]{{opacity:1;visibility:visible;transition-delay:0s}}"#,
            escape(&l.scene.id)
        );
        for (class, out) in [(Class::Wide, &mut wide), (Class::Narrow, &mut narrow)] {
            let ctx: Vec<String> = l
                .class(class)
                .marks
                .iter()
                .filter(|m| !m.lit)
                .map(|m| format!(".m-{}", m.place))
                .collect();
            if !ctx.is_empty() {
                let _ = writeln!(out, "{s} :is({}){{opacity:1}}", ctx.join(","));
            }
        }
    }
    let _ = writeln!(o, "@container {WIDE_QUERY}{{\n{wide}}}");
    let _ = writeln!(o, "@container not ({WIDE_QUERY}){{\n{narrow}}}");
    o
}

/// Path data for a line in map units (whole km).
fn line_d(line: &Line) -> String {
    let parts: Vec<Vec<[i64; 2]>> = line
        .projected()
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
    for p in line.projected() {
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

fn line_classes(line: &Line) -> String {
    format!(
        "line line-{} kind-{} side-{}",
        line.id,
        line.kind.slug(),
        line.side
    )
}

fn geo_svg(map: &Map, base: (u32, u32), lines: &[&Line]) -> String {
    let _ = map;
    let (u, v) = base;
    let mut o = format!(
        r##"<svg class="geo" viewBox="0 0 {u} {v}" style="--fu:{u};--fv:{v}" aria-hidden="true" focusable="false"><use href="#geo-base"/>"##
    );
    for line in lines {
        let _ = write!(
            o,
            r#"<path class="{}" d="{}"/>"#,
            line_classes(line),
            line_d(line)
        );
    }
    o.push_str("</svg>");
    o
}

fn tips_html(lines: &[&Line]) -> String {
    let mut o = String::new();
    for line in lines {
        for (at, a) in tips(line) {
            let _ = write!(
                o,
                r#"<i class="tip tip-{} side-{}" style="--u:{};--v:{};--a:{}deg"></i>"#,
                line.id,
                line.side,
                num(at[0]),
                num(at[1]),
                num(a)
            );
        }
    }
    o
}

fn marks_html(map: &Map, places: &[&str]) -> String {
    let mut o = String::new();
    for p in map
        .places
        .iter()
        .filter(|p| p.kind.has_mark() && places.contains(&p.id.as_str()))
    {
        let at = p.at();
        let _ = write!(
            o,
            r#"<i class="mark mark-{} m-{}" style="--u:{};--v:{}"></i>"#,
            p.kind.slug(),
            p.id,
            num(at[0]),
            num(at[1])
        );
    }
    o
}

fn label_html(map: &Map, l: &Label) -> String {
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
            .map(|x| format!(" side-{}", x.side))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let lit = if l.lit && l.kind == LabelKind::Place {
        " lit"
    } else {
        ""
    };
    let mut o = format!(
        r#"<span class="lbl lbl-{kind} al-{}{side}{lit}" style="--u:{};--v:{};--dx:{};--dy:{};width:{}px">"#,
        l.align.slug(),
        num(l.at[0]),
        num(l.at[1]),
        num(l.dx),
        num(l.dy),
        num(l.w)
    );
    for line in &l.lines {
        let _ = write!(o, "<span>{}</span>", escape(line));
    }
    o.push_str("</span>");
    o
}

fn layers_html(map: &Map, l: &SceneLayout) -> String {
    let mut o = String::new();
    for class in Class::ALL {
        let _ = write!(
            o,
            r#"<div class="layer layer-{}" data-for="{}">"#,
            class.slug(),
            escape(&l.scene.id)
        );
        for label in &l.class(class).labels {
            o.push_str(&label_html(map, label));
        }
        o.push_str("</div>");
    }
    o
}

/// The live drawing with every scene's layers; `initial` is the scene shown before any script.
pub fn instrument(
    map: &Map,
    base: &Base,
    scenes: &[Scene],
    initial: &str,
) -> Result<String, String> {
    let ls = layouts(map, scenes)?;
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
    let mut o = format!(
        r#"<div class="inst inst-map" data-scene="{}"><div class="plot" aria-hidden="true">"#,
        escape(initial)
    );
    o.push_str(&geo_svg(map, base.frame, &lines));
    o.push_str(&marks_html(map, &places));
    o.push_str(&tips_html(&lines));
    for l in &ls {
        o.push_str(&layers_html(map, l));
    }
    o.push_str("</div></div>");
    Ok(o)
}

/// One scene only, for stills in plain reading and print (needs the page's `scene_css`).
pub fn still(map: &Map, base: &Base, scene: &Scene) -> Result<String, String> {
    let l = layout(map, scene)?;
    let lines: Vec<&Line> = l.lines.iter().filter_map(|id| map.line(id)).collect();
    let mut places: Vec<&str> = Vec::new();
    for c in &l.classes {
        for m in &c.marks {
            if !places.contains(&m.place.as_str()) {
                places.push(&m.place);
            }
        }
    }
    let mut o = format!(
        r#"<div class="inst inst-map inst-still" data-scene="{}"><div class="plot" aria-hidden="true">"#,
        escape(&scene.id)
    );
    o.push_str(&geo_svg(map, base.frame, &lines));
    o.push_str(&marks_html(map, &places));
    o.push_str(&tips_html(&lines));
    o.push_str(&layers_html(map, &l));
    o.push_str("</div></div>");
    Ok(o)
}

/// What the map shows at a scene, in one or two sentences (plain text).
pub fn text_alternative(map: &Map, scene: &Scene) -> String {
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
    let marked = match names.as_slice() {
        [] => String::new(),
        [one] => format!(" Marked: {one}."),
        [rest @ .., last] => format!(" Marked: {} and {last}.", rest.join(", ")),
    };
    format!("{}{marked} The line is approximate.", line.summary.trim())
}

/// The lines as a list, with their dates, “approximate”, what is approximate, and sources.
pub fn legend_list(map: &Map, lines: &[&str]) -> String {
    let mut o = String::from(r#"<ul class="map-legend">"#);
    for line in map
        .lines
        .iter()
        .filter(|l| lines.is_empty() || lines.contains(&l.id.as_str()))
    {
        let _ = write!(
            o,
            r#"<li class="side-{side} kind-{kind}"><span class="key" aria-hidden="true"></span><strong>{label}</strong>, {date} (approximate). {approx} Source: <a href="{url}">{title}</a>.</li>"#,
            side = line.side,
            kind = line.kind.slug(),
            label = escape(&line.label),
            date = escape(&line.date),
            approx = escape(line.approximate.trim()),
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
    use std::path::Path;

    fn content() -> (Map, Base) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let map = super::super::load::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        let base =
            Base::parse(&std::fs::read_to_string(dir.join("geo/base.txt")).unwrap()).unwrap();
        (map, base)
    }

    #[test]
    fn the_instrument_follows_the_shared_markup_conventions() {
        let (map, base) = content();
        let scenes = map.default_scenes();
        let html = instrument(&map, &base, &scenes, "armistice").unwrap();
        assert!(html
            .starts_with(r#"<div class="inst inst-map" data-scene="armistice"><div class="plot""#));
        assert_eq!(html.matches(r#"<svg class="geo""#).count(), 1);
        assert_eq!(html.matches(r##"<use href="#geo-base"/>"##).count(), 1);
        for s in &scenes {
            assert_eq!(
                html.matches(&format!(r#"data-for="{}""#, s.id)).count(),
                2,
                "{}",
                s.id
            );
        }
        assert!(!html.contains("text-overflow") && !html.contains("…"));
        let css = scene_css(&map, &scenes).unwrap();
        for s in &scenes {
            assert!(css.contains(&format!(
                r#".inst-map[data-scene="{}"] .plot>*{{--uc:"#,
                s.id
            )));
        }
    }

    #[test]
    fn stills_carry_one_scene_and_the_geometry_only_by_reference() {
        let (map, base) = content();
        let scene = Scene::new(&map, "patrol", &[] as &[&str]);
        let html = still(&map, &base, &scene).unwrap();
        assert!(
            !html.contains("geo-land"),
            "land is drawn by <use>, not copied"
        );
        assert_eq!(html.matches("class=\"layer ").count(), 2);
        assert!(html.contains("line-patrol") && !html.contains("line-armistice"));
        assert!(defs(&base).contains(r#"<symbol id="geo-base""#));
    }

    #[test]
    fn the_text_alternative_names_the_line_the_places_and_says_approximate() {
        let (map, _) = content();
        let s = Scene::new(&map, "armistice", &[] as &[&str]);
        let t = text_alternative(&map, &s);
        assert!(
            t.contains("armistice line")
                && t.contains("Seoul and Pyongyang")
                && t.contains("approximate"),
            "{t}"
        );
    }

    #[test]
    fn the_legend_lists_every_line_with_date_approximate_and_source() {
        let (map, _) = content();
        let html = legend_list(&map, &[]);
        assert_eq!(html.matches("<li").count(), map.lines.len());
        assert_eq!(html.matches("(approximate)").count(), map.lines.len());
        assert_eq!(
            html.matches(r#"<a href="https://"#).count(),
            map.lines.len()
        );
    }
}

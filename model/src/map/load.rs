//! Reading and validating `map.toml` (build time only). Every problem is reported as
//! `file:line: what is wrong`, all of them at once. The format is in `docs/map-data.md`.

use super::{proj, Line, LineKind, Map, Place, PlaceKind, Source};
use crate::cast::Cast;
use crate::source::{address_ok, is_slug, ContentError, ContentErrors, File, Lines, SOURCE_RULE};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    #[serde(default)]
    title: String,
    region: proj::Region,
    #[serde(default)]
    place: Vec<RawPlace>,
    #[serde(default)]
    line: Vec<RawLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    id: String,
    name: String,
    kind: RawPlaceKind,
    lat: f64,
    lon: f64,
    #[serde(default = "default_rank")]
    rank: u8,
    #[serde(default)]
    with_line: Option<String>,
}

fn default_rank() -> u8 {
    2
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawPlaceKind {
    Capital,
    City,
    Water,
    Area,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawLineKind {
    Parallel,
    Front,
    Patrol,
    Crossing,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: String,
    label: String,
    date: String,
    summary: String,
    kind: RawLineKind,
    side: String,
    approximate: String,
    #[serde(default)]
    highlight: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    short: String,
    #[serde(default)]
    chip: String,
    label_at: [f64; 2],
    #[serde(default)]
    points: Vec<[f64; 2]>,
    #[serde(default)]
    paths: Vec<Vec<[f64; 2]>>,
    source: RawSource,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    url: String,
}

/// The side of a line that belongs to no actor (drawn in the muted ink).
pub const NEUTRAL: &str = crate::load::cast::NEUTRAL;
/// Most points one line may have: the lines are sketches from sources' maps, not surveys.
pub const MAX_POINTS: usize = 40;

/// Reads `map.toml` from a content folder; `cast` is who its lines may belong to.
pub fn load_dir(dir: &Path, cast: &Cast) -> Result<Map, ContentErrors> {
    let file = File::read(dir, "map.toml").map_err(|e| ContentErrors(vec![e]))?;
    parse(&file.path, &file.text, cast)
}

/// Parses and validates the text of a `map.toml`; `path` is only used in messages.
pub fn parse(path: &Path, text: &str, cast: &Cast) -> Result<Map, ContentErrors> {
    let err = |line: usize, message: String| ContentError {
        file: PathBuf::from(path),
        line,
        message,
    };
    let at = Lines { text };
    let raw: RawMap = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| at.of_byte(s.start));
        ContentErrors(vec![err(line, e.message().trim().to_string())])
    })?;
    let mut errors = Vec::new();
    let region_line = at.key_in(Some("region"), "west");
    let r = &raw.region;
    if !(r.west < r.east && r.south < r.north && r.south > -85.0 && r.north < 85.0) {
        errors.push(err(
            region_line,
            "the region's edges must run west < east and south < north, within 85° of the equator"
                .into(),
        ));
    }
    let d = r.detail;
    if !(d[0] >= r.west
        && d[1] <= r.east
        && d[2] >= r.south
        && d[3] <= r.north
        && d[0] < d[1]
        && d[2] < d[3])
    {
        errors.push(err(
            at.key_in(Some("region"), "detail"),
            "the region's detail box [west, east, south, north] must lie inside its edges".into(),
        ));
    }
    let [p1, p2] = r.parallels;
    if p1 <= 0.0 || p2 <= 0.0 || p1 > p2 {
        errors.push(err(
            at.key_in(Some("region"), "parallels"),
            "the standard parallels must be north of the equator, the southern one first (the projection is a northern cone)".into(),
        ));
    }
    let codes: HashSet<&str> = r.countries.iter().map(|c| c[0].as_str()).collect();
    for b in &r.borders {
        for c in b {
            if !codes.contains(c.as_str()) {
                errors.push(err(
                    at.key_in(Some("region"), "borders"),
                    format!(
                        "the border {}-{} names `{c}`, which is not in the region's countries",
                        b[0], b[1]
                    ),
                ));
            }
        }
    }
    let projection = proj::Projection::new(r);
    let in_frame = |lon: f64, lat: f64| projection.in_frame(lon, lat);

    let mut ids = HashSet::new();
    for (n, p) in raw.place.iter().enumerate() {
        let l = |k: &str| at.item("place", n, Some(k));
        if !is_slug(&p.id) {
            errors.push(err(
                l("id"),
                format!(
                    "place id '{}' must be lower-case letters, digits and hyphens",
                    p.id
                ),
            ));
        } else if !ids.insert(p.id.as_str()) {
            errors.push(err(l("id"), format!("place id '{}' is used twice", p.id)));
        }
        if p.name.trim().is_empty() {
            errors.push(err(l("name"), format!("place '{}' has no name", p.id)));
        }
        if !in_frame(p.lon, p.lat) {
            let key = if (r.west..=r.east).contains(&p.lon) {
                "lat"
            } else {
                "lon"
            };
            errors.push(err(
                l(key),
                format!(
                    "place '{}' at {}°N {}°E is outside the map ({}–{}°N, {}–{}°E)",
                    p.id, p.lat, p.lon, r.south, r.north, r.west, r.east
                ),
            ));
        }
        if !(1..=3).contains(&p.rank) {
            errors.push(err(
                l("rank"),
                format!("place '{}': rank must be 1, 2 or 3", p.id),
            ));
        }
    }

    let line_ids: HashSet<&str> = raw.line.iter().map(|l| l.id.as_str()).collect();
    for p in &raw.place {
        if let Some(w) = &p.with_line {
            if !line_ids.contains(w.as_str()) {
                let n = raw
                    .place
                    .iter()
                    .position(|q| std::ptr::eq(q, p))
                    .unwrap_or(0);
                errors.push(err(
                    at.item("place", n, Some("with_line")),
                    format!("place '{}': no line '{w}'", p.id),
                ));
            }
        }
    }

    let mut seen_lines = HashSet::new();
    for (n, line) in raw.line.iter().enumerate() {
        let l = |k: &str| at.item("line", n, Some(k));
        let name = &line.id;
        if !is_slug(name) {
            errors.push(err(
                l("id"),
                format!("line id '{name}' must be lower-case letters, digits and hyphens"),
            ));
        } else if !seen_lines.insert(name.as_str()) {
            errors.push(err(l("id"), format!("line id '{name}' is used twice")));
        }
        for (key, value) in [
            ("label", &line.label),
            ("date", &line.date),
            ("summary", &line.summary),
            ("approximate", &line.approximate),
        ] {
            if value.trim().is_empty() {
                errors.push(err(l(key), format!("line '{name}' needs a {key}")));
            }
        }
        if line.side != NEUTRAL && !cast.has(&line.side) {
            errors.push(err(
                l("side"),
                format!(
                    "line '{name}': side '{}' is neither an actor of cast.toml nor `{NEUTRAL}`",
                    line.side
                ),
            ));
        }
        for h in &line.highlight {
            if !ids.contains(h.as_str()) {
                errors.push(err(
                    l("highlight"),
                    format!("line '{name}' lights an unknown place '{h}'"),
                ));
            }
        }
        for c in &line.context {
            if !line_ids.contains(c.as_str()) || c == name {
                errors.push(err(
                    l("context"),
                    format!("line '{name}': '{c}' is not another line"),
                ));
            }
        }
        let paths: Vec<Vec<[f64; 2]>> = match (line.points.is_empty(), line.paths.is_empty()) {
            (false, true) => vec![line.points.clone()],
            (true, false) => line.paths.clone(),
            (false, false) => {
                errors.push(err(
                    l("paths"),
                    format!("line '{name}': give points or paths, not both"),
                ));
                Vec::new()
            }
            (true, true) => {
                errors.push(err(l("id"), format!("line '{name}' has no points")));
                Vec::new()
            }
        };
        let key = if line.points.is_empty() {
            "paths"
        } else {
            "points"
        };
        let total: usize = paths.iter().map(Vec::len).sum();
        if total > MAX_POINTS {
            errors.push(err(
                l(key),
                format!("line '{name}' has {total} points; at most {MAX_POINTS}"),
            ));
        }
        for path in &paths {
            if path.len() < 2 {
                errors.push(err(
                    l(key),
                    format!("line '{name}': every path needs two points or more"),
                ));
            }
            for p in path {
                if !in_frame(p[1], p[0]) {
                    errors.push(err(
                        l(key),
                        format!("line '{name}': point [{}, {}] is outside the map (points are [lat, lon])", p[0], p[1]),
                    ));
                }
            }
        }
        if !in_frame(line.label_at[1], line.label_at[0]) {
            errors.push(err(
                l("label_at"),
                format!("line '{name}': label_at is outside the map (it is [lat, lon])"),
            ));
        }
        if line.source.title.trim().is_empty() {
            errors.push(err(
                l("title"),
                format!("line '{name}': the source needs a title"),
            ));
        }
        if !address_ok(&line.source.url) || line.source.url.contains(char::is_whitespace) {
            errors.push(err(
                l("url"),
                format!("line '{name}': the source needs {SOURCE_RULE}"),
            ));
        }
    }
    if raw.line.is_empty() {
        errors.push(err(1, "the map has no lines".into()));
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }

    Ok(Map::new(
        raw.title,
        raw.place
            .into_iter()
            .map(|p| Place {
                id: p.id,
                name: p.name,
                kind: match p.kind {
                    RawPlaceKind::Capital => PlaceKind::Capital,
                    RawPlaceKind::City => PlaceKind::City,
                    RawPlaceKind::Water => PlaceKind::Water,
                    RawPlaceKind::Area => PlaceKind::Area,
                },
                lat: p.lat,
                lon: p.lon,
                rank: p.rank,
                with_line: p.with_line,
                at: [0.0, 0.0],
            })
            .collect(),
        raw.line
            .into_iter()
            .map(|l| Line {
                paths: if l.points.is_empty() {
                    l.paths
                } else {
                    vec![l.points]
                },
                id: l.id,
                label: l.label,
                date: l.date,
                summary: l.summary,
                kind: match l.kind {
                    RawLineKind::Parallel => LineKind::Parallel,
                    RawLineKind::Front => LineKind::Front,
                    RawLineKind::Patrol => LineKind::Patrol,
                    RawLineKind::Crossing => LineKind::Crossing,
                },
                side: l.side,
                approximate: l.approximate,
                highlight: l.highlight,
                context: l.context,
                short: l.short,
                label_at: l.label_at,
                source: Source {
                    title: l.source.title,
                    url: l.source.url,
                },
                chip: l.chip,
                projected: Vec::new(),
                anchor: [0.0, 0.0],
                points: Vec::new(),
                caption: String::new(),
                short_caption: String::new(),
            })
            .collect(),
        raw.region,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
title = "T"
[region]
west = 108.0
east = 138.0
south = 15.0
north = 50.0
detail = [115.0, 132.0, 21.0, 43.0]
center = [32.0, 123.5]
parallels = [25.0, 40.0]

[[place]]
id = "seoul"
name = "Seoul"
kind = "capital"
lat = 37.567
lon = 126.978

[[line]]
id = "armistice"
label = "The armistice line"
date = "27 July 1953"
summary = "Map of Korea with the armistice line."
kind = "front"
side = "neutral"
approximate = "Smoothed."
highlight = ["seoul"]
label_at = [38.3, 127.45]
points = [[37.77, 126.68], [38.61, 128.36]]
[line.source]
title = "A history"
url = "https://example.org/a"
"#;

    fn cast() -> Cast {
        crate::load::real().original().bundle.cast.clone()
    }

    #[test]
    fn a_good_file_reads_into_places_and_lines() {
        let m = parse(Path::new("map.toml"), OK, &cast()).unwrap();
        assert_eq!(m.places[0].kind, PlaceKind::Capital);
        assert_eq!(m.lines[0].paths.len(), 1);
        assert_eq!(m.lines[0].source.url, "https://example.org/a");
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_line() {
        let bad = OK
            .replace("lon = 126.978", "lon = 146.978")
            .replace("side = \"neutral\"", "side = \"un\"")
            .replace("highlight = [\"seoul\"]", "highlight = [\"sool\"]")
            .replace("https://example.org/a", "http://example.org/a");
        let e = parse(Path::new("map.toml"), &bad, &cast()).unwrap_err();
        let text = e.to_string();
        assert_eq!(e.0.len(), 4, "{text}");
        assert!(text.contains("map.toml:17: place 'seoul'"), "{text}");
        assert!(
            text.contains("map.toml:25: line 'armistice': side 'un'"),
            "{text}"
        );
        assert!(
            text.contains("map.toml:27: line 'armistice' lights an unknown place 'sool'"),
            "{text}"
        );
        assert!(
            text.contains("map.toml:32: line 'armistice': the source needs"),
            "{text}"
        );
    }

    #[test]
    fn syntax_errors_point_at_their_line() {
        let bad = OK.replace("kind = \"front\"", "kind = \"frontier\"");
        let e = parse(Path::new("map.toml"), &bad, &cast()).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].line, 24, "{}", e);
    }

    #[test]
    fn the_real_map_file_is_valid_and_has_every_line_the_story_needs() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let m = load_dir(&dir, &cast()).unwrap_or_else(|e| panic!("{e}"));
        for id in [
            "parallel-38",
            "pusan-perimeter",
            "un-advance",
            "cpv-advance",
            "armistice",
            "patrol",
            "crossing",
        ] {
            assert!(m.line(id).is_some(), "{id}");
        }
        for id in [
            "beijing",
            "shenyang",
            "andong",
            "pyongyang",
            "seoul",
            "inchon",
            "pusan",
            "taipei",
            "kinmen",
            "xiamen",
            "taiwan-strait",
            "yalu",
            "parallel-38",
        ] {
            assert!(m.place(id).is_some(), "{id}");
        }
    }

    #[test]
    fn every_scene_of_the_real_map_keeps_its_labels_whole_inside_and_apart_in_every_edition() {
        for e in crate::load::real().editions {
            let m = e.bundle.map.as_ref().expect("the real content has a map");
            every_scene_fits(m, &e.lang);
        }
    }

    fn every_scene_fits(m: &crate::map::Map, lang: &str) {
        let steps = [1.0, 1.1, 1.3, 1.6, 2.0, 2.5, 3.1, 3.6, 4.0];
        // The scenes the story is expected to use, besides one per line.
        let mut scenes = m.default_scenes();
        for (line, lit) in [
            ("pusan-perimeter", &["pusan", "inchon"][..]),
            ("crossing", &["andong", "pyongyang"][..]),
            ("parallel-38", &["seoul", "pyongyang", "inchon"][..]),
            ("patrol", &["taipei", "kinmen"][..]),
            ("un-advance", &["pyongyang", "andong", "shenyang"][..]),
            ("armistice", &["seoul", "pyongyang", "inchon"][..]),
        ] {
            scenes.push(crate::map::Scene::new(m, line, lit));
        }
        for scene in scenes {
            let l = crate::map::layout(m, &scene).unwrap_or_else(|e| panic!("{lang}: {e}"));
            for class in crate::map::Class::ALL {
                let (w, h) = class.min();
                for a in steps {
                    for b in steps {
                        let p = crate::map::problems(&l, class, w * a, h * b);
                        assert!(p.is_empty(), "{lang}: {p:#?}");
                    }
                }
            }
        }
    }

    #[test]
    fn no_plausible_plot_shape_shows_the_edge_of_the_sheet() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let m = load_dir(&dir, &cast()).unwrap_or_else(|e| panic!("{e}"));
        let (fu, fv) = m.frame;
        for scene in m.default_scenes() {
            let l = crate::map::layout(&m, &scene).unwrap();
            for class in crate::map::Class::ALL {
                let (w, h) = class.min();
                let s = crate::map::MAX_SCALE;
                let view = l.class(class).view;
                // Every size of the class, up to 4× each way, whose shape is a plausible graphic:
                // from 1:2 (portrait) to 2.5:1 (a wide embed). Beyond that the sheet's edge may
                // show, softened by the stylesheet's fade.
                let shapes = [(1.0, 2.0 * w / h), (1.0, 1.0), (2.5 * h / w, 1.0)];
                for (pw, ph) in shapes
                    .iter()
                    .flat_map(|&(a, b)| {
                        [(w * a, h * b), (w * a * s / b.max(a), h * b * s / b.max(a))]
                    })
                    .filter(|&(pw, ph)| pw <= w * s + 1e-9 && ph <= h * s + 1e-9)
                {
                    let k = view.k(pw, ph);
                    let (hw, hh) = (pw / 2.0 / k, ph / 2.0 / k);
                    let (x0, x1) = (view.uc - hw, view.uc + hw);
                    let (y0, y1) = (view.vc - hh, view.vc + hh);
                    assert!(
                        x0 >= 0.0 && y0 >= 0.0 && x1 <= fu as f64 && y1 <= fv as f64,
                        "{} {class:?} at {pw}×{ph} shows [{x0:.0}, {x1:.0}] × [{y0:.0}, {y1:.0}] of 0..{fu} × 0..{fv}",
                        scene.id
                    );
                }
            }
        }
    }
}

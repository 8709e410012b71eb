//! Build-time geodata: Natural Earth's 1:10m land and borders, from world-atlas's TopoJSON, clipped to
//! the map's frame, projected, simplified and written as compact SVG path data in whole km.
//!
//! The derived file (`content/geo/base.txt`) is committed; `scripts/geodata.sh` regenerates it
//! and `--check` proves the committed copy is what the pipeline makes. Its format:
//!
//! ```text
//! # comment lines
//! frame U V                 the viewBox is 0 0 U V (km, y down)
//! land <path data>          every land polygon, one path (fill-rule evenodd)
//! border <a>-<b> <path>     the border between countries a and b (ISO alpha-2, lower case)
//! ```
//!
//! Path data uses `M x y` once, then relative `l`/`m` steps and `z`, integers only.

use super::proj;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

// ---------------------------------------------------------------------------------------------
// TopoJSON, read with serde_json (build time only: nothing of it ships).

use serde_json::Value as Json;

/// Parses JSON text.
pub fn parse_json(text: &str) -> Result<Json, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

fn arr(v: &Json) -> &[Json] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// A decoded topology: arcs in lon/lat degrees, and the objects' geometries as arc indices.
pub struct Topology {
    pub arcs: Vec<Vec<[f64; 2]>>,
    /// `countries`: (ISO numeric id, polygons as rings of arc indices).
    pub countries: Vec<(String, Vec<Vec<Vec<i64>>>)>,
    /// `land`: polygons as rings of arc indices.
    pub land: Vec<Vec<Vec<i64>>>,
}

/// Decodes a TopoJSON topology with `countries` and `land` objects (world-atlas's
/// `countries-*.json`): undoes the quantization (transform) and the delta encoding of arcs.
pub fn decode_topology(json: &Json) -> Result<Topology, String> {
    if json.get("type").and_then(Json::as_str) != Some("Topology") {
        return Err("not a TopoJSON Topology".into());
    }
    let (scale, translate) = match json.get("transform") {
        Some(t) => {
            let pair = |k: &str| -> Result<[f64; 2], String> {
                let a = t.get(k).map(arr).unwrap_or(&[]);
                match (
                    a.first().and_then(Json::as_f64),
                    a.get(1).and_then(Json::as_f64),
                ) {
                    (Some(x), Some(y)) => Ok([x, y]),
                    _ => Err(format!("transform.{k} must be two numbers")),
                }
            };
            (Some(pair("scale")?), pair("translate")?)
        }
        None => (None, [0.0, 0.0]),
    };
    let mut arcs = Vec::new();
    for (n, arc) in json.get("arcs").map(arr).unwrap_or(&[]).iter().enumerate() {
        let mut pts = Vec::with_capacity(arr(arc).len());
        let (mut x, mut y) = (0.0, 0.0);
        for p in arr(arc) {
            let (Some(a), Some(b)) = (
                arr(p).first().and_then(Json::as_f64),
                arr(p).get(1).and_then(Json::as_f64),
            ) else {
                return Err(format!("arc {n}: a position is not two numbers"));
            };
            match scale {
                Some(s) => {
                    x += a;
                    y += b;
                    pts.push([x * s[0] + translate[0], y * s[1] + translate[1]]);
                }
                None => pts.push([a, b]),
            }
        }
        arcs.push(pts);
    }
    let objects = json.get("objects").ok_or("no objects")?;
    let polygons = |g: &Json| -> Vec<Vec<Vec<i64>>> {
        let rings = |r: &Json| -> Vec<Vec<i64>> {
            arr(r)
                .iter()
                .map(|ring| {
                    arr(ring)
                        .iter()
                        .filter_map(Json::as_f64)
                        .map(|i| i as i64)
                        .collect()
                })
                .collect()
        };
        match g.get("type").and_then(Json::as_str) {
            Some("Polygon") => vec![rings(g.get("arcs").unwrap_or(&Json::Null))],
            Some("MultiPolygon") => g
                .get("arcs")
                .map(arr)
                .unwrap_or(&[])
                .iter()
                .map(rings)
                .collect(),
            _ => Vec::new(),
        }
    };
    let collection = |name: &str| -> Result<&[Json], String> {
        let o = objects.get(name).ok_or(format!("no `{name}` object"))?;
        match o.get("type").and_then(Json::as_str) {
            Some("GeometryCollection") => Ok(o.get("geometries").map(arr).unwrap_or(&[])),
            _ => Ok(std::slice::from_ref(o)),
        }
    };
    let countries = collection("countries")?
        .iter()
        .map(|g| {
            let id = match g.get("id") {
                Some(Json::String(s)) => s.clone(),
                Some(Json::Number(n)) => format!("{:03}", n.as_f64().unwrap_or(0.0)),
                _ => String::new(),
            };
            (id, polygons(g))
        })
        .collect();
    let land = collection("land")?.iter().flat_map(polygons).collect();
    Ok(Topology {
        arcs,
        countries,
        land,
    })
}

// ---------------------------------------------------------------------------------------------
// Geometry

/// Twice the signed area of a ring.
fn ring_area2(r: &[[f64; 2]]) -> f64 {
    let n = r.len();
    (0..n)
        .map(|i| {
            let (a, b) = (r[i], r[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

fn tri_area(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
}

/// Visvalingam–Whyatt: repeatedly drops the point whose triangle with its neighbours has the
/// least area, until every remaining point's triangle is at least `min_area` (km²). Endpoints
/// stay, so arcs shared by two countries still meet.
pub fn visvalingam(pts: &[[f64; 2]], min_area: f64) -> Vec<[f64; 2]> {
    visvalingam_by(pts, |_| min_area)
}

/// Visvalingam–Whyatt with a threshold that depends on the point (the sheet's margins, seen only
/// in unusually shaped plots, are kept coarser than its core). Points go in order of their
/// triangle's area divided by their threshold, until that ratio is at least 1 everywhere.
pub fn visvalingam_by(pts: &[[f64; 2]], threshold: impl Fn(usize) -> f64) -> Vec<[f64; 2]> {
    let n = pts.len();
    if n <= 2 {
        return pts.to_vec();
    }
    let limit: Vec<f64> = (0..n).map(|i| threshold(i).max(1e-9)).collect();
    let mut prev: Vec<usize> = (0..n).map(|i| i.saturating_sub(1)).collect();
    let mut next: Vec<usize> = (0..n).map(|i| (i + 1).min(n - 1)).collect();
    let mut alive = vec![true; n];
    let mut ratio = vec![f64::INFINITY; n];
    for i in 1..n - 1 {
        ratio[i] = tri_area(pts[i - 1], pts[i], pts[i + 1]) / limit[i];
    }
    // A heap of (ratio, index, version) with lazy deletion.
    let mut version = vec![0u32; n];
    let mut heap = std::collections::BinaryHeap::new();
    let key = |a: f64| std::cmp::Reverse((a.min(1e12) * 1e6) as i64);
    for (i, &a) in ratio.iter().enumerate().take(n - 1).skip(1) {
        heap.push((key(a), std::cmp::Reverse(i), 0u32));
    }
    let mut floor = 0.0_f64;
    while let Some((_, std::cmp::Reverse(i), v)) = heap.pop() {
        if !alive[i] || v != version[i] {
            continue;
        }
        // Effective values never decrease (the point that goes takes its area with it).
        let a = ratio[i].max(floor);
        if a >= 1.0 {
            break;
        }
        floor = a;
        alive[i] = false;
        let (p, q) = (prev[i], next[i]);
        next[p] = q;
        prev[q] = p;
        for j in [p, q] {
            if j != 0 && j != n - 1 {
                ratio[j] = tri_area(pts[prev[j]], pts[j], pts[next[j]]) / limit[j];
                version[j] += 1;
                heap.push((key(ratio[j].max(floor)), std::cmp::Reverse(j), version[j]));
            }
        }
    }
    (0..n).filter(|&i| alive[i]).map(|i| pts[i]).collect()
}

/// Sutherland–Hodgman: a ring clipped to the rectangle [x0, x1] × [y0, y1]. Parts of the ring
/// outside run along the rectangle's edge, which only matters for fills (there is no stroke).
pub fn clip_ring(ring: &[[f64; 2]], x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<[f64; 2]> {
    let mut out = ring.to_vec();
    type Inside = fn([f64; 2], f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, c| p[0] >= c, x0, true),
        (|p, c| p[0] <= c, x1, true),
        (|p, c| p[1] >= c, y0, false),
        (|p, c| p[1] <= c, y1, false),
    ];
    for (inside, c, vertical) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let n = input.len();
        for i in 0..n {
            let cur = input[i];
            let prev = input[(i + n - 1) % n];
            let cross = |a: [f64; 2], b: [f64; 2]| -> [f64; 2] {
                if vertical {
                    let t = (c - a[0]) / (b[0] - a[0]);
                    [c, a[1] + t * (b[1] - a[1])]
                } else {
                    let t = (c - a[1]) / (b[1] - a[1]);
                    [a[0] + t * (b[0] - a[0]), c]
                }
            };
            match (inside(cur, c), inside(prev, c)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, true) => out.push(cross(prev, cur)),
                (false, false) => {}
            }
        }
    }
    out
}

/// A polyline clipped to the rectangle: the pieces inside (Liang–Barsky per segment).
pub fn clip_line(line: &[[f64; 2]], x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<Vec<[f64; 2]>> {
    let mut pieces: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut cur: Vec<[f64; 2]> = Vec::new();
    for w in line.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let mut visible = true;
        for (p, q) in [
            (-dx, a[0] - x0),
            (dx, x1 - a[0]),
            (-dy, a[1] - y0),
            (dy, y1 - a[1]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if !visible || t0 > t1 {
            if cur.len() > 1 {
                pieces.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        let p0 = [a[0] + t0 * dx, a[1] + t0 * dy];
        let p1 = [a[0] + t1 * dx, a[1] + t1 * dy];
        if cur.last() != Some(&p0) {
            if cur.len() > 1 {
                pieces.push(std::mem::take(&mut cur));
            }
            cur.clear();
            cur.push(p0);
        }
        cur.push(p1);
        if t1 < 1.0 {
            pieces.push(std::mem::take(&mut cur));
        }
    }
    if cur.len() > 1 {
        pieces.push(cur);
    }
    pieces
}

/// Whole-km points with repeats removed (a ring's closing repeat too).
fn snap(pts: &[[f64; 2]], closed: bool) -> Vec<[i64; 2]> {
    let mut out: Vec<[i64; 2]> = Vec::with_capacity(pts.len());
    for p in pts {
        let q = [p[0].round() as i64, p[1].round() as i64];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    if closed {
        while out.len() > 1 && out.first() == out.last() {
            out.pop();
        }
    }
    out
}

/// SVG path data for integer rings or lines: `M x y` once, then relative steps.
pub fn encode_path(parts: &[Vec<[i64; 2]>], closed: bool) -> String {
    let mut d = String::new();
    let mut pen = [0i64, 0i64];
    let mut first = true;
    let num = |d: &mut String, v: i64| {
        if v >= 0 && !d.ends_with(|c: char| c.is_ascii_alphabetic()) {
            d.push(' ');
        }
        let _ = write!(d, "{v}");
    };
    for part in parts.iter().filter(|p| p.len() > 1) {
        let start = part[0];
        if first {
            d.push('M');
            let _ = write!(d, "{} {}", start[0], start[1]);
            first = false;
        } else {
            d.push('m');
            num(&mut d, start[0] - pen[0]);
            num(&mut d, start[1] - pen[1]);
        }
        pen = start;
        d.push('l');
        let mut at = start;
        for p in &part[1..] {
            num(&mut d, p[0] - at[0]);
            num(&mut d, p[1] - at[1]);
            at = *p;
        }
        if closed {
            d.push('z');
            // After z the pen is back at the subpath's start.
        } else {
            pen = at;
        }
    }
    d
}

/// Reads path data written by `encode_path` (M, m, l, z; integers) back into absolute parts.
pub fn decode_path(d: &str) -> Result<Vec<Vec<[i64; 2]>>, String> {
    // Tokens: a command letter, or a number.
    enum Tok {
        Cmd(char),
        Num(i64),
    }
    let mut toks = Vec::new();
    let mut num = String::new();
    let end_num = |num: &mut String, toks: &mut Vec<Tok>| -> Result<(), String> {
        if !num.is_empty() {
            toks.push(Tok::Num(
                num.parse().map_err(|_| format!("bad number '{num}'"))?,
            ));
            num.clear();
        }
        Ok(())
    };
    for c in d.chars() {
        match c {
            '0'..='9' => num.push(c),
            '-' => {
                end_num(&mut num, &mut toks)?;
                num.push('-');
            }
            ' ' | ',' | '\n' => end_num(&mut num, &mut toks)?,
            'M' | 'm' | 'l' | 'z' | 'Z' => {
                end_num(&mut num, &mut toks)?;
                toks.push(Tok::Cmd(c));
            }
            _ => return Err(format!("unexpected character '{c}'")),
        }
    }
    end_num(&mut num, &mut toks)?;

    let mut parts: Vec<Vec<[i64; 2]>> = Vec::new();
    let (mut pen, mut start) = ([0i64, 0i64], [0i64, 0i64]);
    let mut cmd = ' ';
    let mut first_of_cmd = false;
    let mut pending: Option<i64> = None;
    for t in toks {
        match t {
            Tok::Cmd(c) => {
                if pending.is_some() {
                    return Err(format!("odd number of coordinates before '{c}'"));
                }
                if c == 'z' || c == 'Z' {
                    pen = start;
                    cmd = ' ';
                } else {
                    cmd = c;
                    first_of_cmd = true;
                }
            }
            Tok::Num(n) => {
                let Some(x) = pending.take() else {
                    pending = Some(n);
                    continue;
                };
                let y = n;
                let p = match cmd {
                    'M' => [x, y],
                    'm' | 'l' => [pen[0] + x, pen[1] + y],
                    _ => return Err("coordinates without a command".into()),
                };
                pen = p;
                if matches!(cmd, 'M' | 'm') && first_of_cmd {
                    start = p;
                    parts.push(vec![p]);
                } else {
                    parts
                        .last_mut()
                        .ok_or("a line step before any move")?
                        .push(p);
                }
                first_of_cmd = false;
            }
        }
    }
    if pending.is_some() {
        return Err("odd number of coordinates at the end".into());
    }
    Ok(parts)
}

// ---------------------------------------------------------------------------------------------
// The derived file

/// The parsed derived file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Base {
    pub frame: (u32, u32),
    pub land: String,
    /// (`cn-kp`, path data) …
    pub borders: Vec<(String, String)>,
}

impl Base {
    pub fn parse(text: &str) -> Result<Base, String> {
        let mut base = Base::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = |m: String| format!("line {}: {m}", n + 1);
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "frame" => {
                    let v: Vec<u32> = rest
                        .split_whitespace()
                        .map(|s| s.parse().map_err(|_| at(format!("bad number '{s}'"))))
                        .collect::<Result<_, _>>()?;
                    if v.len() != 2 {
                        return Err(at("frame needs a width and a height".into()));
                    }
                    base.frame = (v[0], v[1]);
                }
                "land" => base.land = rest.trim().to_string(),
                "border" => {
                    let (id, d) = rest
                        .split_once(' ')
                        .ok_or_else(|| at("border needs an id and path data".into()))?;
                    base.borders.push((id.to_string(), d.trim().to_string()));
                }
                other => return Err(at(format!("unknown record '{other}'"))),
            }
        }
        if base.frame == (0, 0) || base.land.is_empty() {
            return Err("the file needs a frame and a land record".into());
        }
        Ok(base)
    }

    /// Reads `geo/base.txt` from a content folder; it must have been cut for `frame`.
    pub fn load_dir(
        dir: &std::path::Path,
        frame: (u32, u32),
    ) -> Result<Base, crate::source::ContentErrors> {
        let path = dir.join("geo/base.txt");
        let fail = |line: usize, message: String| {
            crate::source::ContentErrors(vec![crate::source::ContentError {
                file: path.clone(),
                line,
                message,
            }])
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| fail(0, format!("cannot read the file: {e}")))?;
        let base = Base::parse(&text).map_err(|e| fail(1, e))?;
        if base.frame != frame {
            return Err(fail(
                1,
                "made for another region (its frame differs from map.toml's); run scripts/geodata.sh".into(),
            ));
        }
        Ok(base)
    }

    pub fn border(&self, id: &str) -> Option<&str> {
        self.borders
            .iter()
            .find(|(b, _)| b == id)
            .map(|(_, d)| d.as_str())
    }
}

/// Numbers about a derivation, for the report and the docs.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub input_vertices: usize,
    pub output_vertices: usize,
    pub rings: usize,
}

/// Derives the base file's text from a decoded topology.
pub fn derive(topo: &Topology, source: &str, region: &proj::Region) -> (String, Stats) {
    let p = proj::Projection::new(region);
    let r = region;
    let (fw, fh) = p.frame();
    let (fw, fh) = (fw as f64, fh as f64);
    let pad = 1.0;
    let (cx0, cy0, cx1, cy1) = (-pad, -pad, fw + pad, fh + pad);
    let margin = 1.5; // degrees around the frame's lon/lat box whose arcs are read
    let near = |p: &[f64; 2]| {
        p[0] >= r.west - margin
            && p[0] <= r.east + margin
            && p[1] >= r.south - margin
            && p[1] <= r.north + margin
    };
    let mut stats = Stats::default();
    // Each arc projected and simplified once, so shared arcs stay shared.
    let mut cache: HashMap<usize, Vec<[f64; 2]>> = HashMap::new();
    let mut arc = |i: usize, stats: &mut Stats| -> Vec<[f64; 2]> {
        cache
            .entry(i)
            .or_insert_with(|| {
                let pts: Vec<[f64; 2]> =
                    topo.arcs[i].iter().map(|q| p.project(q[0], q[1])).collect();
                stats.input_vertices += pts.len();
                let lonlat = &topo.arcs[i];
                visvalingam_by(&pts, |k| {
                    if p.in_detail(lonlat[k][0], lonlat[k][1]) {
                        r.detail_km2
                    } else {
                        r.outer_km2
                    }
                })
            })
            .clone()
    };
    let touches = |ring: &[i64]| {
        ring.iter().any(|&a| {
            let i = if a < 0 { !a } else { a } as usize;
            topo.arcs[i].iter().any(near)
        })
    };
    let mut ring_of = |ring: &[i64], stats: &mut Stats| -> Vec<[f64; 2]> {
        let mut pts: Vec<[f64; 2]> = Vec::new();
        for &a in ring {
            let mut p = arc(if a < 0 { !a } else { a } as usize, stats);
            if a < 0 {
                p.reverse();
            }
            if !pts.is_empty() {
                p.remove(0);
            }
            pts.extend(p);
        }
        pts
    };

    // Land: every ring of every polygon near the frame, clipped, small ones left out.
    let mut rings: Vec<Vec<[i64; 2]>> = Vec::new();
    for polygon in &topo.land {
        if !polygon.first().is_some_and(|r| touches(r)) {
            continue;
        }
        for ring in polygon {
            let pts = ring_of(ring, &mut stats);
            let clipped = clip_ring(&pts, cx0, cy0, cx1, cy1);
            if clipped.len() < 3 || ring_area2(&clipped).abs() / 2.0 < r.island_km2 {
                continue;
            }
            let snapped = snap(&clipped, true);
            if snapped.len() >= 3 {
                rings.push(snapped);
            }
        }
    }
    // Larger rings first: a reader of the file sees the continent, then the islands.
    rings.sort_by_key(|r| {
        let f: Vec<[f64; 2]> = r.iter().map(|p| [p[0] as f64, p[1] as f64]).collect();
        std::cmp::Reverse((ring_area2(&f).abs()) as i64)
    });
    stats.rings = rings.len();
    stats.output_vertices += rings.iter().map(Vec::len).sum::<usize>();

    // Borders: arcs used by exactly the two countries of a pair.
    let code: HashMap<&str, &str> = r
        .countries
        .iter()
        .map(|[c, id]| (id.as_str(), c.as_str()))
        .collect();
    let mut users: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (id, polygons) in &topo.countries {
        let Some(c) = code.get(id.as_str()) else {
            continue;
        };
        for ring in polygons.iter().flatten() {
            for &a in ring {
                let i = if a < 0 { !a } else { a } as usize;
                let u = users.entry(i).or_default();
                if !u.contains(c) {
                    u.push(c);
                }
            }
        }
    }
    let mut borders = Vec::new();
    for [a, b] in &r.borders {
        let (a, b) = (a.as_str(), b.as_str());
        let mut lines: Vec<Vec<[f64; 2]>> = Vec::new();
        for (&i, u) in &users {
            if u.len() == 2 && u.contains(&a) && u.contains(&b) {
                lines.push(arc(i, &mut stats));
            }
        }
        let lines = join_lines(lines);
        let mut parts: Vec<Vec<[i64; 2]>> = Vec::new();
        for l in &lines {
            for piece in clip_line(l, 0.0, 0.0, fw, fh) {
                let sn = snap(&piece, false);
                if sn.len() > 1 {
                    parts.push(sn);
                }
            }
        }
        stats.output_vertices += parts.iter().map(Vec::len).sum::<usize>();
        if !parts.is_empty() {
            borders.push((format!("{a}-{b}"), encode_path(&parts, false)));
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Natural Earth land and borders (public domain), from {source}."
    );
    let _ = writeln!(
        out,
        "# Clipped to {}–{}°E, {}–{}°N (map.toml's region); Lambert conformal conic (model/src/map/proj.rs) in whole km, y down;",
        r.west, r.east, r.south, r.north
    );
    let _ = writeln!(
        out,
        "# simplified with Visvalingam–Whyatt (least triangle {} km² in {}–{}°E, {}–{}°N, {} km² outside), rings under {} km² left out.",
        r.detail_km2,
        r.detail[0],
        r.detail[1],
        r.detail[2],
        r.detail[3],
        r.outer_km2,
        r.island_km2
    );
    let _ = writeln!(
        out,
        "# Written by scripts/geodata.sh (the geodata bin); do not edit. {} vertices.",
        stats.output_vertices
    );
    let _ = writeln!(out, "frame {} {}", fw as u32, fh as u32);
    let _ = writeln!(out, "land {}", encode_path(&rings, true));
    for (id, d) in borders {
        let _ = writeln!(out, "border {id} {d}");
    }
    (out, stats)
}

/// Joins lines that share endpoints, so a border is one stroke where it can be.
fn join_lines(mut lines: Vec<Vec<[f64; 2]>>) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    while let Some(mut cur) = lines.pop() {
        loop {
            let end = *cur.last().unwrap_or(&[f64::NAN, f64::NAN]);
            let start = cur[0];
            let found = lines.iter().position(|l| {
                l.first() == Some(&end)
                    || l.last() == Some(&end)
                    || l.last() == Some(&start)
                    || l.first() == Some(&start)
            });
            let Some(k) = found else { break };
            let mut l = lines.swap_remove(k);
            if l.first() == Some(&end) {
                cur.extend(l.drain(1..));
            } else if l.last() == Some(&end) {
                l.reverse();
                cur.extend(l.drain(1..));
            } else if l.last() == Some(&start) {
                l.pop();
                l.extend(cur);
                cur = l;
            } else {
                l.reverse();
                l.pop();
                l.extend(cur);
                cur = l;
            }
        }
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_reads_the_shapes_topojson_uses() {
        let j = parse_json(r#"{"a":[1,-2.5e1,{"b":"x\"y\u00e9"}],"t":true,"n":null}"#).unwrap();
        assert_eq!(arr(j.get("a").unwrap())[1].as_f64(), Some(-25.0));
        assert_eq!(
            arr(j.get("a").unwrap())[2].get("b").unwrap().as_str(),
            Some("x\"yé")
        );
        assert!(parse_json("[1,]").is_err());
    }

    #[test]
    fn arcs_are_delta_decoded_and_transformed() {
        let j = parse_json(
            r#"{"type":"Topology","transform":{"scale":[0.5,0.25],"translate":[100,20]},
            "arcs":[[[0,0],[2,4],[-1,0]]],
            "objects":{"countries":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0]],"id":"156"}]},
              "land":{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","arcs":[[[0]]]}]}}}"#,
        )
        .unwrap();
        let t = decode_topology(&j).unwrap();
        assert_eq!(t.arcs[0], vec![[100.0, 20.0], [101.0, 21.0], [100.5, 21.0]]);
        assert_eq!(t.countries[0].0, "156");
        assert_eq!(t.land, vec![vec![vec![0]]]);
    }

    #[test]
    fn simplification_keeps_the_ends_and_the_big_bends() {
        let pts = vec![[0.0, 0.0], [1.0, 0.1], [2.0, 0.0], [3.0, 5.0], [4.0, 0.0]];
        let s = visvalingam(&pts, 1.0);
        assert_eq!(s, vec![[0.0, 0.0], [2.0, 0.0], [3.0, 5.0], [4.0, 0.0]]);
    }

    #[test]
    fn clipping_cuts_rings_and_lines_at_the_frame() {
        let ring = [[-5.0, -5.0], [5.0, -5.0], [5.0, 5.0], [-5.0, 5.0]];
        let c = clip_ring(&ring, 0.0, 0.0, 10.0, 10.0);
        assert!((ring_area2(&c).abs() / 2.0 - 25.0).abs() < 1e-9, "{c:?}");
        let pieces = clip_line(
            &[[-5.0, 1.0], [5.0, 1.0], [15.0, 1.0]],
            0.0,
            0.0,
            10.0,
            10.0,
        );
        assert_eq!(pieces, vec![vec![[0.0, 1.0], [5.0, 1.0], [10.0, 1.0]]]);
    }

    #[test]
    fn path_data_round_trips() {
        let parts = vec![
            vec![[10, 20], [15, 18], [9, 30]],
            vec![[100, 5], [101, -3], [90, 0]],
        ];
        for closed in [true, false] {
            let d = encode_path(&parts, closed);
            assert_eq!(decode_path(&d).unwrap(), parts, "{d}");
        }
        assert_eq!(
            encode_path(&parts, true),
            "M10 20l5-2-6 12zm90-15l1-8-11 3z"
        );
    }

    /// Even-odd point-in-polygon over all rings.
    fn inside(rings: &[Vec<[i64; 2]>], p: [f64; 2]) -> bool {
        let mut c = false;
        for r in rings {
            let n = r.len();
            for i in 0..n {
                let (a, b) = (r[i], r[(i + 1) % n]);
                let (ax, ay, bx, by) = (a[0] as f64, a[1] as f64, b[0] as f64, b[1] as f64);
                if (ay > p[1]) != (by > p[1]) && p[0] < ax + (p[1] - ay) / (by - ay) * (bx - ax) {
                    c = !c;
                }
            }
        }
        c
    }

    #[test]
    fn the_committed_base_decodes_and_covers_the_strait_and_the_peninsula() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/geo/base.txt");
        let base = Base::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
        let p = proj::Projection::new(&proj::sample_region());
        assert_eq!(
            base.frame,
            p.frame(),
            "the file was made with this projection"
        );
        let land = decode_path(&base.land).unwrap();
        let (u, v) = (base.frame.0 as i64, base.frame.1 as i64);
        for p in land.iter().flatten() {
            assert!(
                p[0] >= -2 && p[0] <= u + 2 && p[1] >= -2 && p[1] <= v + 2,
                "{p:?}"
            );
        }
        let on_land = |lon: f64, lat: f64| inside(&land, p.project(lon, lat));
        for (name, lon, lat) in [
            ("Beijing", 116.41, 39.90),
            ("Shenyang", 123.43, 41.81),
            ("Pyongyang", 125.76, 39.04),
            ("Seoul", 126.98, 37.57),
            ("Pusan", 129.03, 35.20),
            ("Taipei", 121.56, 25.03),
            ("Xiamen hinterland", 117.9, 24.6),
            ("Kinmen", 118.38, 24.44),
        ] {
            assert!(on_land(lon, lat), "{name} should be on land");
        }
        for (name, lon, lat) in [
            ("Taiwan Strait", 119.6, 24.6),
            ("Yellow Sea", 123.6, 36.0),
            ("Korea Strait", 129.0, 34.3),
            ("Bohai", 120.0, 39.0),
        ] {
            assert!(!on_land(lon, lat), "{name} should be water");
        }
        // The China–North Korea border runs from the Yalu's mouth to the Tumen's.
        let yalu = decode_path(base.border("cn-kp").unwrap()).unwrap();
        let pts: Vec<[f64; 2]> = yalu
            .iter()
            .flatten()
            .map(|p| [p[0] as f64, p[1] as f64])
            .collect();
        let near = |lon: f64, lat: f64| {
            let q = p.project(lon, lat);
            pts.iter()
                .map(|p| ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt())
                .fold(f64::MAX, f64::min)
        };
        assert!(near(124.4, 40.1) < 20.0, "the border passes Andong");
        assert!(near(126.2, 41.1) < 20.0, "the border passes Ji'an");
        assert!(
            near(130.6, 42.4) < 25.0,
            "the border reaches the Tumen's mouth"
        );
        assert!(base.border("cn-ru").is_some() && base.border("kp-ru").is_some());
    }
}

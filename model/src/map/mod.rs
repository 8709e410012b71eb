//! The map: places and lines projected into one frame, and for each scene the view and the
//! labels, laid out so that no label is cut short, leaves the plot, or overlaps another label or
//! a place mark, at any plot size of its layout class (from the class's minimum up to four times
//! it in each dimension, independently).
//!
//! How the page draws it (see `markup`): the view is a centre and a span in map units; the page
//! scales it to fit the plot uniformly, `k = min(W / vw, H / vh)` px per unit, so a mark at
//! `(u, v)` sits at `(W/2 + (u - uc)·k, H/2 + (v - vc)·k)`. Labels are fixed-size boxes offset
//! from their anchor by a fixed number of px. Two things follow, and the layout uses both:
//! - the view rectangle is always inside the plot, so a label that stays inside the view
//!   rectangle at the smallest scale stays inside it (and the plot) at every larger one;
//! - the gap between two boxes changes linearly with `k`, so whether they overlap anywhere in
//!   `[k_min, 4·k_min]` is a small interval computation, not a sampling question.

pub mod proj;

#[cfg(feature = "build")]
pub mod geo;
#[cfg(feature = "build")]
pub mod load;
#[cfg(feature = "build")]
pub mod markup;

use crate::text::{widest, width, wrap, Font};

// ---------------------------------------------------------------------------------------------
// Content

/// The map's content: places and lines (read from `content/map.toml` at build time).
#[derive(Clone, Debug, PartialEq)]
pub struct Map {
    /// The map's headline when it stands alone (its widget).
    pub title: String,
    pub places: Vec<Place>,
    pub lines: Vec<Line>,
    /// The frame in map units (km), from the region's projection.
    pub frame: (u32, u32),
    /// Where the map is (`map.toml`'s `[region]`).
    pub region: proj::Region,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A capital: a ringed mark.
    Capital,
    /// A town or city: a dot.
    City,
    /// A sea, strait or river: a name in capitals, no mark.
    Water,
    /// A country or a line of latitude: a name in capitals, no mark.
    Area,
}

impl PlaceKind {
    pub fn has_mark(self) -> bool {
        matches!(self, PlaceKind::Capital | PlaceKind::City)
    }

    pub fn slug(self) -> &'static str {
        match self {
            PlaceKind::Capital => "capital",
            PlaceKind::City => "city",
            PlaceKind::Water => "water",
            PlaceKind::Area => "area",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub lat: f64,
    pub lon: f64,
    /// 1: always worth naming; 2: context; 3: only where there is room.
    pub rank: u8,
    /// Named only in scenes that draw this line (the 38th parallel's name goes with its line).
    pub with_line: Option<String>,
    /// Position in map units (projected once, by the loader).
    pub at: [f64; 2],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A line of latitude.
    Parallel,
    /// A front line on a date.
    Front,
    /// A naval patrol: dashed.
    Patrol,
    /// Arrows: each path is drawn from its first point to its last.
    Crossing,
}

impl LineKind {
    pub fn slug(self) -> &'static str {
        match self {
            LineKind::Parallel => "parallel",
            LineKind::Front => "front",
            LineKind::Patrol => "patrol",
            LineKind::Crossing => "crossing",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub id: String,
    /// Its name ("The armistice line").
    pub label: String,
    /// When, as readers read it ("27 July 1953").
    pub date: String,
    /// What the map shows when this line is on, in a sentence or two (for screen readers).
    pub summary: String,
    pub kind: LineKind,
    /// Whose line it is, for its colour: an actor id of the cast, or `neutral`.
    pub side: String,
    /// What is approximate about it, in a sentence.
    pub approximate: String,
    /// Places lit by default when a scene shows this line.
    pub highlight: Vec<String>,
    /// Other lines drawn faintly for reference in this line's scene.
    pub context: Vec<String>,
    /// A short name for when the line is drawn as another scene's reference ("" = unnamed there).
    pub short: String,
    /// Where the line's label is attached: [lat, lon].
    pub label_at: [f64; 2],
    /// The line's paths, each [[lat, lon], …].
    pub paths: Vec<Vec<[f64; 2]>>,
    pub source: Source,
    /// Its name on the map widget's chips ("Armistice line"; the label when not given).
    pub chip: String,
    /// The paths in map units, each segment split so it follows parallels and meridians (at
    /// most 0.25° a step), as lines drawn on a lon/lat map do; and the label's anchor.
    pub projected: Vec<Vec<[f64; 2]>>,
    pub anchor: [f64; 2],
    /// The points as given, in map units (where a crowded label may slide to).
    pub points: Vec<[f64; 2]>,
    /// The label's text, which always says the line is approximate, and its text when the line
    /// is another scene's reference (set from the words of the page's language).
    pub caption: String,
    pub short_caption: String,
}

impl Line {
    /// Projects the paths for a projection (see [`Line::projected`]).
    pub fn project(paths: &[Vec<[f64; 2]>], p: &proj::Projection) -> Vec<Vec<[f64; 2]>> {
        paths
            .iter()
            .map(|path| {
                let mut out = Vec::new();
                for (i, q) in path.iter().enumerate() {
                    if i > 0 {
                        let r = path[i - 1];
                        let steps = (((q[0] - r[0]).abs().max((q[1] - r[1]).abs())) / 0.25)
                            .ceil()
                            .max(1.0) as usize;
                        for s in 1..steps {
                            let t = s as f64 / steps as f64;
                            let lat = r[0] + (q[0] - r[0]) * t;
                            let lon = r[1] + (q[1] - r[1]) * t;
                            out.push(p.project(lon, lat));
                        }
                    }
                    out.push(p.project(q[1], q[0]));
                }
                out
            })
            .collect()
    }
}

impl Map {
    /// A map of these places and lines in a region: projects every place and line once. The
    /// captions come from a language's words ([`Map::set_words`]).
    pub fn new(
        title: String,
        mut places: Vec<Place>,
        mut lines: Vec<Line>,
        region: proj::Region,
    ) -> Map {
        let p = proj::Projection::new(&region);
        for pl in &mut places {
            pl.at = p.project(pl.lon, pl.lat);
        }
        for l in &mut lines {
            l.projected = Line::project(&l.paths, &p);
            l.anchor = p.project(l.label_at[1], l.label_at[0]);
            l.points = l
                .paths
                .iter()
                .flatten()
                .map(|q| p.project(q[1], q[0]))
                .collect();
            if l.chip.is_empty() {
                l.chip = l.label.clone();
            }
        }
        Map {
            title,
            places,
            lines,
            frame: p.frame(),
            region,
        }
    }

    /// Sets the lines' captions in a language's words.
    pub fn set_words(&mut self, w: &crate::words::Words) {
        use crate::words::W;
        for l in &mut self.lines {
            l.caption = w.f(W::LineCaption, &[("line", &l.label), ("date", &l.date)]);
            l.short_caption = w.f(W::LineCaptionShort, &[("line", &l.short)]);
        }
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn line(&self, id: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// One scene per line, each with the line's default highlights: every scene the map offers.
    pub fn default_scenes(&self) -> Vec<Scene> {
        self.lines
            .iter()
            .map(|l| Scene::new(self, &l.id, &[] as &[&str]))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Scenes

/// What the map shows at one moment: one line, with some places lit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scene {
    /// The value of the instrument's `data-scene`: the line's id when the highlights are the
    /// line's own, else the line's id and the places, joined by dots.
    pub id: String,
    pub line: String,
    pub highlight: Vec<String>,
}

impl Scene {
    /// A scene for a step's graphic: `highlight` empty means the line's default places.
    pub fn new(map: &Map, line: &str, highlight: &[impl AsRef<str>]) -> Scene {
        let given: Vec<String> = highlight.iter().map(|h| h.as_ref().to_string()).collect();
        let default = map
            .line(line)
            .map(|l| l.highlight.clone())
            .unwrap_or_default();
        if given.is_empty() || given == default {
            return Scene {
                id: line.to_string(),
                line: line.to_string(),
                highlight: default,
            };
        }
        Scene {
            id: std::iter::once(line.to_string())
                .chain(given.iter().cloned())
                .collect::<Vec<_>>()
                .join("."),
            line: line.to_string(),
            highlight: given,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Layout

/// The two layout classes; each gets its own set of labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// A plot of at least 520 × 420 CSS px.
    Wide,
    /// A plot of at least 284 × 230 CSS px (phones; a 320 px window less a scrollbar and padding).
    Narrow,
}

impl Class {
    pub const ALL: [Class; 2] = [Class::Wide, Class::Narrow];

    /// The smallest plot of the class, CSS px (width, height).
    pub fn min(self) -> (f64, f64) {
        match self {
            Class::Wide => (520.0, 420.0),
            Class::Narrow => (284.0, 230.0),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Class::Wide => "wide",
            Class::Narrow => "narrow",
        }
    }

    /// Widest a line label may wrap to, px.
    fn line_label_max(self) -> f64 {
        match self {
            Class::Wide => 200.0,
            Class::Narrow => 150.0,
        }
    }

    /// Most context names (neither lit nor the line's own) the class takes.
    fn max_context(self) -> usize {
        match self {
            Class::Wide => 6,
            Class::Narrow => 3,
        }
    }
}

/// Plot sizes are checked up to this multiple of the class's minimum, in each dimension.
pub const MAX_SCALE: f64 = 4.0;

/// The view: centre and span in map units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub uc: f64,
    pub vc: f64,
    pub vw: f64,
    pub vh: f64,
}

impl View {
    /// Px per map unit in a plot of `w` × `h` px.
    pub fn k(&self, w: f64, h: f64) -> f64 {
        (w / self.vw).min(h / self.vh)
    }

    /// A point's position in the plot, px.
    pub fn to_px(&self, at: [f64; 2], w: f64, h: f64) -> [f64; 2] {
        let k = self.k(w, h);
        [
            w / 2.0 + (at[0] - self.uc) * k,
            h / 2.0 + (at[1] - self.vc) * k,
        ]
    }

    fn contains(&self, at: [f64; 2]) -> bool {
        (at[0] - self.uc).abs() <= self.vw / 2.0 && (at[1] - self.vc).abs() <= self.vh / 2.0
    }
}

/// Half the size of a place mark's box, px (the mark and its stroke fit inside).
pub const MARK_R: f64 = 5.0;
/// Room between a mark and its label, px.
pub const MARK_GAP: f64 = 3.0;
/// Room kept between any two boxes, px (the labels' paper-coloured halo).
pub const PAD: f64 = 1.5;

/// Type of place names.
pub const PLACE_FONT: Font = Font::regular(13.0);
pub const PLACE_LINE: f64 = 16.0;
/// Type of water and area names (in capitals, letter-spaced).
pub const WATER_FONT: Font = Font::bold(12.0);
pub const WATER_LINE: f64 = 15.0;
pub const WATER_TRACKING: f64 = 0.06;
/// Type of line labels.
pub const LINE_FONT: Font = Font::regular(12.0);
pub const LINE_LINE: f64 = 15.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Place,
    Water,
    Line,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    pub fn slug(self) -> &'static str {
        match self {
            Align::Left => "l",
            Align::Center => "c",
            Align::Right => "r",
        }
    }
}

/// One label, placed: its lines as the page shows them, and its box relative to its anchor.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The place's or the line's id.
    pub key: String,
    pub kind: LabelKind,
    pub lines: Vec<String>,
    pub font: Font,
    pub line_height: f64,
    /// Letter spacing in em (capitals are tracked out).
    pub tracking: f64,
    /// Anchor in map units.
    pub at: [f64; 2],
    /// The box's top-left corner relative to the anchor, px.
    pub dx: f64,
    pub dy: f64,
    /// The box's size, px.
    pub w: f64,
    pub h: f64,
    pub align: Align,
    pub lit: bool,
}

impl Label {
    /// The box relative to the anchor: [left, top, right, bottom], px.
    pub fn rel(&self) -> [f64; 4] {
        [self.dx, self.dy, self.dx + self.w, self.dy + self.h]
    }
}

/// A mark shown in a scene.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub place: String,
    pub at: [f64; 2],
    pub lit: bool,
}

/// The view, labels and marks of one layout class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassLayout {
    pub class: Class,
    /// The class's own view: narrow plots may need to zoom out further to fit the labels.
    pub view: View,
    pub labels: Vec<Label>,
    pub marks: Vec<Mark>,
}

/// Everything the page needs to draw a scene.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLayout {
    pub scene: Scene,
    /// The view of the wide class (each class's own is in `classes`).
    pub view: View,
    /// Lines drawn: the scene's own first, then its faint references.
    pub lines: Vec<String>,
    pub classes: Vec<ClassLayout>,
}

impl SceneLayout {
    pub fn class(&self, class: Class) -> &ClassLayout {
        self.classes
            .iter()
            .find(|c| c.class == class)
            .expect("every class is laid out")
    }
}

/// The width of a text with letter spacing, px.
fn tracked_width(text: &str, font: Font, tracking: f64) -> f64 {
    width(text, font) + tracking * font.size * text.chars().count() as f64
}

/// One way a label could be set: its lines and box.
#[derive(Clone, Debug)]
struct Candidate {
    lines: Vec<String>,
    /// The anchor the box is relative to (a line's label may attach at several points).
    at: [f64; 2],
    rel: [f64; 4],
    align: Align,
    /// Lower is better.
    cost: f64,
}

/// Positions around a point obstacle of half-size `r`: right, left, the diagonals, above, below.
fn around(
    at: [f64; 2],
    lines: Vec<String>,
    w: f64,
    h: f64,
    r: f64,
    gap: f64,
    base: f64,
) -> Vec<Candidate> {
    let d = r + gap;
    let c = r + 1.0 + PAD;
    let spots = [
        (d, -h / 2.0, Align::Left),
        (-d - w, -h / 2.0, Align::Right),
        (c, -c - h, Align::Left),
        (c, c, Align::Left),
        (-c - w, -c - h, Align::Right),
        (-c - w, c, Align::Right),
        (-w / 2.0, -d - h, Align::Center),
        (-w / 2.0, d, Align::Center),
    ];
    spots
        .iter()
        .enumerate()
        .map(|(i, &(dx, dy, align))| Candidate {
            lines: lines.clone(),
            at,
            rel: [dx, dy, dx + w, dy + h],
            align,
            cost: base + i as f64,
        })
        .collect()
}

/// A thing already in the plot that a label must keep clear of.
#[derive(Clone, Copy, Debug)]
struct Obstacle {
    at: [f64; 2],
    rel: [f64; 4],
}

/// Whether two boxes anchored at `a` and `b` overlap (with `PAD` between them) at any scale
/// `k` in `[k0, k1]`. Each side's gap is linear in `k`, so the scales where they overlap are an
/// interval: the intersection of four half-lines.
fn overlaps_between(
    a: [f64; 2],
    ra: [f64; 4],
    b: [f64; 2],
    rb: [f64; 4],
    k0: f64,
    k1: f64,
) -> bool {
    let (mut lo, mut hi) = (k0, k1);
    // Overlap needs, for x and y: a.lo < b.hi and b.lo < a.hi, i.e. k·(a − b) < rb.hi − ra.lo + PAD…
    for axis in 0..2 {
        let d = a[axis] - b[axis];
        for (coef, c) in [
            (d, rb[axis + 2] - ra[axis] + PAD),
            (-d, ra[axis + 2] - rb[axis] + PAD),
        ] {
            // coef·k < c
            if coef.abs() < 1e-12 {
                if c <= 0.0 {
                    return false;
                }
            } else if coef > 0.0 {
                hi = hi.min(c / coef);
            } else {
                lo = lo.max(c / coef);
            }
        }
    }
    lo < hi - 1e-9
}

/// Whether a box stays inside the view rectangle at the scale `k0` (and so at every larger one).
fn inside_view(view: &View, at: [f64; 2], rel: [f64; 4], k0: f64) -> bool {
    let left = (at[0] - (view.uc - view.vw / 2.0)) * k0 + rel[0];
    let right = ((view.uc + view.vw / 2.0) - at[0]) * k0 - rel[2];
    let top = (at[1] - (view.vc - view.vh / 2.0)) * k0 + rel[1];
    let bottom = ((view.vc + view.vh / 2.0) - at[1]) * k0 - rel[3];
    left >= PAD && right >= PAD && top >= PAD && bottom >= PAD
}

/// Whether a box crosses a polyline at scale `k` (used to prefer spots off the line).
fn crosses(at: [f64; 2], rel: [f64; 4], k: f64, paths: &[Vec<[f64; 2]>]) -> bool {
    let x0 = at[0] + rel[0] / k;
    let x1 = at[0] + rel[2] / k;
    let y0 = at[1] + rel[1] / k;
    let y1 = at[1] + rel[3] / k;
    paths.iter().any(|p| {
        p.windows(2).any(|s| {
            // Sample the segment: enough for a preference.
            (0..=8).any(|i| {
                let t = i as f64 / 8.0;
                let x = s[0][0] + (s[1][0] - s[0][0]) * t;
                let y = s[0][1] + (s[1][1] - s[0][1]) * t;
                x > x0 && x < x1 && y > y0 && y < y1
            })
        })
    })
}

/// A label waiting to be placed.
struct Want {
    key: String,
    kind: LabelKind,
    font: Font,
    line_height: f64,
    tracking: f64,
    at: [f64; 2],
    lit: bool,
    candidates: Vec<Candidate>,
}

fn place_want(map: &Map, p: &Place, lit: bool) -> Want {
    let at = p.at;
    if p.kind.has_mark() {
        let w = width(&p.name, PLACE_FONT).ceil();
        Want {
            key: p.id.clone(),
            kind: LabelKind::Place,
            font: PLACE_FONT,
            line_height: PLACE_LINE,
            tracking: 0.0,
            at,
            lit,
            candidates: around(
                at,
                vec![p.name.clone()],
                w,
                PLACE_LINE,
                MARK_R,
                MARK_GAP,
                0.0,
            ),
        }
    } else {
        let caps = p.name.to_uppercase();
        let mut candidates = Vec::new();
        // One line, or broken at each space; centred on the spot, or nudged up or down.
        let mut variants = vec![vec![caps.clone()]];
        if caps.contains(' ') {
            variants.push(caps.split(' ').map(str::to_string).collect());
        }
        for (vi, lines) in variants.into_iter().enumerate() {
            let w = lines
                .iter()
                .map(|l| tracked_width(l, WATER_FONT, WATER_TRACKING))
                .fold(0.0, f64::max)
                .ceil();
            let h = WATER_LINE * lines.len() as f64;
            for (si, shift) in [0.0, -h, h].iter().enumerate() {
                candidates.push(Candidate {
                    lines: lines.clone(),
                    at,
                    rel: [-w / 2.0, -h / 2.0 + shift, w / 2.0, h / 2.0 + shift],
                    align: Align::Center,
                    cost: (vi * 3 + si) as f64,
                });
            }
        }
        let _ = map;
        Want {
            key: p.id.clone(),
            kind: LabelKind::Water,
            font: WATER_FONT,
            line_height: WATER_LINE,
            tracking: WATER_TRACKING,
            at,
            lit,
            candidates,
        }
    }
}

fn line_want(line: &Line, class: Class, reference: bool) -> Want {
    let text = if reference {
        line.short_caption.clone()
    } else {
        line.caption.clone()
    };
    let mut candidates = Vec::new();
    let mut seen: Vec<Vec<String>> = Vec::new();
    let max = class.line_label_max();
    // The label's own spot first, then the line's points, nearest first: a label may slide
    // along its line when its spot is crowded.
    let home = line.anchor;
    let mut anchors: Vec<[f64; 2]> = line.points.clone();
    let dist = |a: &[f64; 2]| (a[0] - home[0]).hypot(a[1] - home[1]);
    anchors.sort_by(|a, b| dist(a).total_cmp(&dist(b)));
    anchors.insert(0, home);
    for (wi, limit) in [max, max * 0.75, max * 0.55].iter().enumerate() {
        let lines = wrap(&text, LINE_FONT, *limit);
        if seen.contains(&lines) {
            continue;
        }
        seen.push(lines.clone());
        let w = widest(&lines, LINE_FONT).ceil();
        let h = LINE_LINE * lines.len() as f64;
        for (ai, &at) in anchors.iter().enumerate() {
            let base = wi as f64 * 8.0 + if ai == 0 { 0.0 } else { 30.0 + ai as f64 };
            candidates.extend(around(at, lines.clone(), w, h, 3.0, 4.0, base));
        }
    }
    Want {
        key: line.id.clone(),
        kind: LabelKind::Line,
        font: LINE_FONT,
        line_height: LINE_LINE,
        tracking: 0.0,
        at: line.anchor,
        lit: !reference,
        candidates,
    }
}

/// The view that fits a scene's line, its reference lines, lit places and the line's label
/// anchor, with margins, kept inside the frame where it fits.
fn base_view(map: &Map, scene: &Scene) -> View {
    let mut pts: Vec<[f64; 2]> = Vec::new();
    if let Some(line) = map.line(&scene.line) {
        pts.extend(line.projected.iter().flatten().copied());
        pts.push(line.anchor);
        // The reference lines are there to compare with: the view shows them whole.
        for c in line.context.iter().filter_map(|c| map.line(c)) {
            pts.extend(c.projected.iter().flatten().copied());
        }
    }
    pts.extend(
        scene
            .highlight
            .iter()
            .filter_map(|h| map.place(h))
            .map(|p| p.at),
    );
    if pts.is_empty() {
        let (u, v) = map.frame;
        return View {
            uc: u as f64 / 2.0,
            vc: v as f64 / 2.0,
            vw: u as f64,
            vh: v as f64,
        };
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &pts {
        x0 = x0.min(p[0]);
        x1 = x1.max(p[0]);
        y0 = y0.min(p[1]);
        y1 = y1.max(p[1]);
    }
    let span = (x1 - x0).max(y1 - y0);
    let pad = (span * 0.18).max(70.0);
    let view = View {
        uc: (x0 + x1) / 2.0,
        vc: (y0 + y1) / 2.0,
        vw: (x1 - x0 + 2.0 * pad).max(map.region.min_view[0]),
        vh: (y1 - y0 + 2.0 * pad).max(map.region.min_view[1]),
    };
    keep_in_frame(view, map.frame)
}

/// Moves a view inside the frame where it fits (a view larger than the frame stays centred).
fn keep_in_frame(mut v: View, (fw, fh): (u32, u32)) -> View {
    let (fw, fh) = (fw as f64, fh as f64);
    let fit = |c: f64, span: f64, full: f64| {
        if span >= full {
            full / 2.0
        } else {
            c.clamp(span / 2.0, full - span / 2.0)
        }
    };
    v.uc = fit(v.uc, v.vw, fw);
    v.vc = fit(v.vc, v.vh, fh);
    v
}

/// The lines a scene draws: its own, then the faint ones its line names.
fn scene_lines(map: &Map, scene: &Scene) -> Vec<String> {
    let mut out = vec![scene.line.clone()];
    if let Some(l) = map.line(&scene.line) {
        out.extend(l.context.iter().filter(|c| map.line(c).is_some()).cloned());
    }
    out
}

/// Places labels for one class in a view; `None` when a required label (the line's, or a lit
/// place's) cannot be placed.
fn layout_class(map: &Map, scene: &Scene, view: &View, class: Class) -> Option<ClassLayout> {
    let (mw, mh) = class.min();
    let k0 = view.k(mw, mh);
    let k1 = view.k(mw * MAX_SCALE, mh * MAX_SCALE);
    let line = map.line(&scene.line)?;
    let paths = line.projected.clone();
    let drawn = scene_lines(map, scene);

    // Required: the line's label and the lit places.
    let mut required = vec![line_want(line, class, false)];
    let lit: Vec<&Place> = scene
        .highlight
        .iter()
        .filter_map(|h| map.place(h))
        .collect();
    required.extend(lit.iter().map(|p| place_want(map, p, true)));
    let mut obstacles: Vec<Obstacle> = lit
        .iter()
        .filter(|p| p.kind.has_mark())
        .map(|p| Obstacle {
            at: p.at,
            rel: [-MARK_R, -MARK_R, MARK_R, MARK_R],
        })
        .collect();
    if lit.iter().any(|p| !view.contains(p.at)) {
        return None;
    }

    let fits = |want: &Want, c: &Candidate, obstacles: &[Obstacle]| {
        let _ = want;
        inside_view(view, c.at, c.rel, k0)
            && obstacles
                .iter()
                .all(|o| !overlaps_between(c.at, c.rel, o.at, o.rel, k0, k1))
    };
    // Candidates in order of preference: off the scene's line first.
    let ordered = |want: &Want| -> Vec<Candidate> {
        let mut cs = want.candidates.clone();
        for c in &mut cs {
            if crosses(c.at, c.rel, k0, &paths) || crosses(c.at, c.rel, k1, &paths) {
                c.cost += 100.0;
            }
        }
        cs.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        cs
    };

    // Depth-first over the required labels' candidates.
    fn search(
        i: usize,
        wants: &[(usize, Vec<Candidate>)],
        obstacles: &mut Vec<Obstacle>,
        chosen: &mut Vec<Candidate>,
        fits: &dyn Fn(usize, &Candidate, &[Obstacle]) -> bool,
        budget: &mut usize,
    ) -> bool {
        if i == wants.len() {
            return true;
        }
        let (w, cands) = &wants[i];
        for c in cands {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            if !fits(*w, c, obstacles) {
                continue;
            }
            obstacles.push(Obstacle {
                at: c.at,
                rel: c.rel,
            });
            chosen.push(c.clone());
            if search(i + 1, wants, obstacles, chosen, fits, budget) {
                return true;
            }
            obstacles.pop();
            chosen.pop();
        }
        false
    }
    let wants: Vec<(usize, Vec<Candidate>)> = required
        .iter()
        .enumerate()
        .map(|(i, w)| (i, ordered(w)))
        .collect();
    let mut chosen = Vec::new();
    let mut budget = 200_000;
    let found = search(
        0,
        &wants,
        &mut obstacles,
        &mut chosen,
        &|i, c, obs| fits(&required[i], c, obs),
        &mut budget,
    );
    if !found {
        return None;
    }
    let mut labels: Vec<Label> = required
        .iter()
        .zip(chosen)
        .map(|(w, c)| to_label(w, c))
        .collect();
    let mut marks: Vec<Mark> = lit
        .iter()
        .filter(|p| p.kind.has_mark())
        .map(|p| Mark {
            place: p.id.clone(),
            at: p.at,
            lit: true,
        })
        .collect();

    // Context: other places in the view, by rank, then nearest the view's centre first.
    let mut context: Vec<&Place> = map
        .places
        .iter()
        .filter(|p| !scene.highlight.contains(&p.id) && p.id != scene.line)
        .filter(|p| p.with_line.as_ref().is_none_or(|l| drawn.contains(l)))
        .filter(|p| view.contains(p.at))
        .filter(|p| class == Class::Wide || p.rank <= 2)
        .collect();
    context.sort_by(|a, b| {
        let d = |p: &Place| {
            let at = p.at;
            ((at[0] - view.uc) / view.vw).powi(2) + ((at[1] - view.vc) / view.vh).powi(2)
        };
        a.rank.cmp(&b.rank).then(d(a).total_cmp(&d(b)))
    });
    // The reference lines' short names come first among the context.
    for r in drawn[1..].iter().filter_map(|id| map.line(id)) {
        if r.short.is_empty() || !view.contains(r.anchor) {
            continue;
        }
        let want = line_want(r, class, true);
        if let Some(c) = ordered(&want)
            .into_iter()
            .find(|c| fits(&want, c, &obstacles))
        {
            obstacles.push(Obstacle {
                at: c.at,
                rel: c.rel,
            });
            labels.push(to_label(&want, c));
        }
    }
    let mut taken = 0;
    for p in context {
        if taken >= class.max_context() {
            break;
        }
        let want = place_want(map, p, false);
        let mark = Obstacle {
            at: want.at,
            rel: [-MARK_R, -MARK_R, MARK_R, MARK_R],
        };
        if p.kind.has_mark() {
            // The new mark must keep clear of the labels and marks already there.
            let clear = inside_view(view, mark.at, mark.rel, k0)
                && obstacles
                    .iter()
                    .all(|o| !overlaps_between(mark.at, mark.rel, o.at, o.rel, k0, k1));
            if !clear {
                continue;
            }
        }
        let Some(c) = ordered(&want)
            .into_iter()
            .find(|c| fits(&want, c, &obstacles))
        else {
            continue;
        };
        if p.kind.has_mark() {
            obstacles.push(mark);
            marks.push(Mark {
                place: p.id.clone(),
                at: want.at,
                lit: false,
            });
        }
        obstacles.push(Obstacle {
            at: c.at,
            rel: c.rel,
        });
        labels.push(to_label(&want, c));
        taken += 1;
    }
    Some(ClassLayout {
        class,
        view: *view,
        labels,
        marks,
    })
}

fn to_label(w: &Want, c: Candidate) -> Label {
    Label {
        key: w.key.clone(),
        kind: w.kind,
        lines: c.lines,
        font: w.font,
        line_height: w.line_height,
        tracking: w.tracking,
        at: c.at,
        dx: c.rel[0],
        dy: c.rel[1],
        w: c.rel[2] - c.rel[0],
        h: c.rel[3] - c.rel[1],
        align: c.align,
        lit: w.lit,
    }
}

/// Lays out a scene: for each layout class, its view and labels. Each class's view starts from
/// the same fit and grows (about its centre) until every required label has a place.
pub fn layout(map: &Map, scene: &Scene) -> Result<SceneLayout, String> {
    if map.line(&scene.line).is_none() {
        return Err(format!("scene {}: no line '{}'", scene.id, scene.line));
    }
    if let Some(h) = scene.highlight.iter().find(|h| map.place(h).is_none()) {
        return Err(format!("scene {}: no place '{h}'", scene.id));
    }
    let base = base_view(map, scene);
    let mut classes = Vec::new();
    for class in Class::ALL {
        let mut view = base;
        let mut laid = None;
        for _ in 0..12 {
            if let Some(c) = layout_class(map, scene, &view, class) {
                laid = Some(c);
                break;
            }
            view.vw *= 1.12;
            view.vh *= 1.12;
            view = keep_in_frame(view, map.frame);
        }
        classes.push(laid.ok_or_else(|| {
            format!(
                "scene {}: the line's label and the lit places do not fit the {} class, even zoomed out",
                scene.id,
                class.slug()
            )
        })?);
    }
    Ok(SceneLayout {
        scene: scene.clone(),
        view: classes[0].view,
        lines: scene_lines(map, scene),
        classes,
    })
}

/// Every problem with a class's labels in a plot of `w` × `h` px: a label leaving the plot, or
/// overlapping another label or a mark. Empty when the layout holds at that size.
pub fn problems(layout: &SceneLayout, class: Class, w: f64, h: f64) -> Vec<String> {
    let cl = layout.class(class);
    let view = &cl.view;
    let abs = |at: [f64; 2], rel: [f64; 4]| {
        let p = view.to_px(at, w, h);
        [p[0] + rel[0], p[1] + rel[1], p[0] + rel[2], p[1] + rel[3]]
    };
    let boxes: Vec<(String, [f64; 4])> = cl
        .labels
        .iter()
        .map(|l| (format!("label {}", l.key), abs(l.at, l.rel())))
        .collect();
    let marks: Vec<(String, [f64; 4])> = cl
        .marks
        .iter()
        .map(|m| {
            (
                format!("mark {}", m.place),
                abs(m.at, [-MARK_R, -MARK_R, MARK_R, MARK_R]),
            )
        })
        .collect();
    let hit = |a: &[f64; 4], b: &[f64; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    let mut out = Vec::new();
    let at = format!("{} {} at {w}×{h}", layout.scene.id, class.slug());
    for (i, (name, b)) in boxes.iter().enumerate() {
        if b[0] < 0.0 || b[1] < 0.0 || b[2] > w || b[3] > h {
            out.push(format!("{at}: {name} leaves the plot ({b:?})"));
        }
        for (other, c) in boxes.iter().skip(i + 1) {
            if hit(b, c) {
                out.push(format!("{at}: {name} overlaps {other}"));
            }
        }
        for (mark, c) in &marks {
            if hit(b, c) {
                out.push(format!("{at}: {name} overlaps {mark}"));
            }
        }
    }
    for (name, b) in &marks {
        if b[0] < 0.0 || b[1] < 0.0 || b[2] > w || b[3] > h {
            out.push(format!("{at}: {name} leaves the plot"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, kind: PlaceKind, lat: f64, lon: f64, rank: u8) -> Place {
        Place {
            id: id.into(),
            name: id[..1].to_uppercase() + &id[1..],
            kind,
            lat,
            lon,
            rank,
            with_line: None,
            at: [0.0, 0.0],
        }
    }

    /// A small map of its own, so the layout's tests don't depend on the content.
    fn fixture() -> Map {
        let mut map = Map::new(
            "Test".into(),
            vec![
                place("seoul", PlaceKind::Capital, 37.567, 126.978, 1),
                place("inchon", PlaceKind::City, 37.456, 126.705, 3),
                place("pyongyang", PlaceKind::Capital, 39.039, 125.763, 1),
                place("pusan", PlaceKind::City, 35.18, 129.076, 2),
                place("yellow sea", PlaceKind::Water, 36.0, 123.6, 3),
            ],
            vec![Line {
                id: "armistice".into(),
                label: "The armistice line".into(),
                date: "27 July 1953".into(),
                summary: "Map of Korea with the armistice line.".into(),
                kind: LineKind::Front,
                side: "neutral".into(),
                approximate: "Smoothed.".into(),
                highlight: vec!["seoul".into(), "pyongyang".into()],
                context: vec![],
                short: String::new(),
                label_at: [38.3, 127.45],
                paths: vec![vec![[37.77, 126.68], [38.3, 127.45], [38.61, 128.36]]],
                source: Source::default(),
                chip: String::new(),
                projected: vec![],
                anchor: [0.0, 0.0],
                points: vec![],
                caption: String::new(),
                short_caption: String::new(),
            }],
            proj::sample_region(),
        );
        map.set_words(&crate::words::english());
        map
    }

    /// Plot sizes from the class's minimum to `MAX_SCALE` times it, in each dimension.
    fn sizes(class: Class) -> Vec<(f64, f64)> {
        let (w, h) = class.min();
        let steps = [1.0, 1.07, 1.25, 1.5, 1.9, 2.4, 3.0, 3.6, 4.0];
        let mut out = Vec::new();
        for a in steps {
            for b in steps {
                out.push((w * a, h * b));
            }
        }
        out
    }

    #[test]
    fn a_scene_named_by_its_line_alone_lights_the_lines_own_places() {
        let map = fixture();
        let s = Scene::new(&map, "armistice", &[] as &[&str]);
        assert_eq!(s.id, "armistice");
        assert_eq!(s.highlight, vec!["seoul", "pyongyang"]);
        let s = Scene::new(&map, "armistice", &["pusan"]);
        assert_eq!(s.id, "armistice.pusan");
    }

    #[test]
    fn the_view_holds_the_line_and_the_lit_places() {
        let map = fixture();
        let s = Scene::new(&map, "armistice", &["pusan"]);
        let l = layout(&map, &s).unwrap();
        assert!(l.view.contains(map.place("pusan").unwrap().at));
        for p in map.line("armistice").unwrap().projected.iter().flatten() {
            assert!(l.view.contains(*p));
        }
    }

    #[test]
    fn labels_stay_whole_inside_and_apart_at_every_plot_size_of_their_class() {
        let map = fixture();
        for s in [
            Scene::new(&map, "armistice", &[] as &[&str]),
            Scene::new(&map, "armistice", &["pusan", "inchon", "seoul"]),
        ] {
            let l = layout(&map, &s).unwrap();
            for class in Class::ALL {
                for (w, h) in sizes(class) {
                    let p = problems(&l, class, w, h);
                    assert!(p.is_empty(), "{p:#?}");
                }
            }
        }
    }

    #[test]
    fn lit_places_and_the_line_are_always_labelled_in_both_classes() {
        let map = fixture();
        let s = Scene::new(&map, "armistice", &["pusan", "inchon", "seoul"]);
        let l = layout(&map, &s).unwrap();
        for class in Class::ALL {
            let keys: Vec<&str> = l
                .class(class)
                .labels
                .iter()
                .map(|x| x.key.as_str())
                .collect();
            for k in ["armistice", "pusan", "inchon", "seoul"] {
                assert!(keys.contains(&k), "{class:?} {keys:?}");
            }
        }
    }

    #[test]
    fn the_line_label_says_approximate_and_loses_no_words_when_wrapped() {
        let map = fixture();
        let l = layout(&map, &Scene::new(&map, "armistice", &[] as &[&str])).unwrap();
        for class in Class::ALL {
            let label = &l.class(class).labels[0];
            assert_eq!(label.lines.join(" "), map.lines[0].caption);
            assert!(label.lines.join(" ").contains("approximate"));
            assert!(widest(&label.lines, LINE_FONT) <= label.w + 1e-9);
        }
    }

    #[test]
    fn boxes_that_only_meet_at_a_larger_scale_count_as_overlapping() {
        // b sits right of a; a's label reaches far right: apart at k = 1, touching at k = 2.5.
        let a = [0.0, 0.0];
        let b = [100.0, 0.0];
        let ra = [300.0, -5.0, 400.0, 5.0];
        let rb = [-5.0, -5.0, 5.0, 5.0];
        assert!(!overlaps_between(a, ra, b, rb, 1.0, 1.5));
        assert!(overlaps_between(a, ra, b, rb, 1.0, 4.0));
        assert!(!overlaps_between(a, ra, b, rb, 4.2, 10.0));
    }

    #[test]
    fn unknown_lines_and_places_are_errors_not_panics() {
        let map = fixture();
        let s = Scene::new(&map, "nope", &[] as &[&str]);
        assert!(layout(&map, &s).is_err());
        let s = Scene::new(&map, "armistice", &["atlantis"]);
        assert!(layout(&map, &s).is_err());
    }
}

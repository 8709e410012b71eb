//! The timeline's geometry, decided at build time: where every mark sits in each scene, and where
//! each scene's labels go, for the two shapes the drawing takes.
//!
//! - **Wide** (the plot is at least [`Class::Wide`]'s minimum): time runs left to right, events
//!   sit in the explainer's lanes (its `[[lane]]`s, one to six), and labels stack above their
//!   marks with a leader.
//! - **Narrow** (phones): time runs top to bottom beside a rail of thin lane columns, and
//!   labels sit in a column on the right, nudged apart vertically, with elbow leaders.
//!
//! Positions are written the way the stylesheet reads them (see [`Pos`]): a fraction of the
//! plot's inner width and height plus a px offset. Labels are laid out at the class's minimum
//! plot size; fractions only grow apart and px offsets stay put as the plot grows, so a layout
//! with no overlap at the minimum has none at any larger size. The tests check that by sampling
//! sizes, with text measured by [`crate::text`] (which errs wide).

pub mod axis;
#[cfg(feature = "build")]
pub mod check;
#[cfg(feature = "build")]
pub mod markup;
pub mod scenes;

pub use axis::{Tick, TimeAxis};

use crate::text::{widest, wrap, Font};

/// The two shapes of the drawing, chosen by the plot's size (container queries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Wide,
    Narrow,
}

impl Class {
    pub const ALL: [Class; 2] = [Class::Wide, Class::Narrow];

    /// The smallest plot (CSS px) the layout is made for.
    pub fn min(self) -> (f64, f64) {
        match self {
            Class::Wide => (WIDE_MIN_W, WIDE_MIN_H),
            Class::Narrow => (NARROW_MIN_W, NARROW_MIN_H),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Class::Wide => "wide",
            Class::Narrow => "narrow",
        }
    }
}

pub const WIDE_MIN_W: f64 = 520.0;
pub const WIDE_MIN_H: f64 = 380.0;
pub const NARROW_MIN_W: f64 = 284.0;
pub const NARROW_MIN_H: f64 = 240.0;

// Wide geometry (CSS px). The stylesheet's `.inst-tl` rules use the same numbers.
/// Side padding of the plot, so marks at the ends stay clear of its edge.
pub const PAD: f64 = 14.0;
/// Height of the time axis under the lanes.
pub const AXIS_H: f64 = 24.0;
/// Marks sit this far above their lane's bottom edge.
pub const MARK_OFF: f64 = 12.0;
/// Same-day marks in one lane stack this far apart.
pub const STACK: f64 = 14.0;
/// Room for a lane's name at its top.
pub const LANE_NAME_H: f64 = 18.0;

// Narrow geometry.
/// The narrowest gutter for the ticks (wider where a language's tick labels need it: see
/// [`Geometry`]).
pub const GUTTER: f64 = 38.0;
pub const RAIL: f64 = 14.0;
/// Room above the rail for the lanes' numbers.
pub const NARROW_TOP: f64 = 18.0;
pub const NARROW_BOTTOM: f64 = 10.0;
/// Same-day marks on the narrow rail step down this far.
pub const NARROW_STACK: f64 = 9.0;

/// Label type: lit events' titles, the step's note, context names.
pub const TITLE: Font = Font::bold(14.0);
pub const NOTE: Font = Font::regular(13.0);
pub const CONTEXT: Font = Font::regular(13.0);
pub const NARROW_TITLE: Font = Font::bold(13.0);
/// Axis ticks.
pub const TICK: Font = Font::regular(11.0);
pub const TITLE_LINE: f64 = 17.0;
pub const NOTE_LINE: f64 = 16.0;
/// Room between a label's text and its box edge, and between boxes.
const BOX_PAD: f64 = 3.0;
const GAP: f64 = 6.0;

/// Where something sits in the plot: `fx` of the inner width plus `dx` px, `fy` of the inner
/// height plus `dy` px. The inner box is the plot less [`PAD`] at each side and [`AXIS_H`] below
/// (wide), or less [`NARROW_TOP`] above and [`NARROW_BOTTOM`] below (narrow).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pos {
    pub fx: f64,
    pub dx: f64,
    pub fy: f64,
    pub dy: f64,
}

impl Pos {
    /// The point in px for a plot of `w` × `h`.
    pub fn at(&self, class: Class, w: f64, h: f64) -> (f64, f64) {
        match class {
            Class::Wide => (
                PAD + self.fx * (w - 2.0 * PAD) + self.dx,
                self.fy * (h - AXIS_H) + self.dy,
            ),
            Class::Narrow => (
                self.fx * w + self.dx,
                NARROW_TOP + self.fy * (h - NARROW_TOP - NARROW_BOTTOM) + self.dy,
            ),
        }
    }
}

/// What the layout needs to know of the drawing as a whole: how many lanes it has, how wide the
/// narrow plot's gutter is (its ticks' words must fit), how far apart wide ticks must be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub lanes: usize,
    pub gutter: f64,
    pub tick_gap: f64,
}

impl Default for Geometry {
    fn default() -> Geometry {
        Geometry {
            lanes: 4,
            gutter: GUTTER,
            tick_gap: 64.0,
        }
    }
}

/// An event as the layout needs it: its lane, its days, its title.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub title: String,
    /// The lane's index, top to bottom (the order of `timeline.toml`'s lanes).
    pub lane: usize,
    /// First day, and the day after the last.
    pub d0: f64,
    pub d1: f64,
}

/// A mark's fixed data: where it is on the axis, and its place in a same-day stack.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub lane: usize,
    /// Middle, start and end on the axis (0–1).
    pub t: f64,
    pub ts: f64,
    pub te: f64,
    pub stack: u8,
    /// The first day, for revealing events as the story reaches them.
    pub day: f64,
}

/// The marks of all items, same-day events in one lane stacked.
pub fn marks(axis: &TimeAxis, items: &[Item]) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let mid = (it.d0 + it.d1 - 1.0) / 2.0;
        let stack = items[..i]
            .iter()
            .filter(|o| o.lane == it.lane && ((o.d0 + o.d1 - 1.0) / 2.0 - mid).abs() < 1.0)
            .count() as u8;
        out.push(Mark {
            lane: it.lane,
            t: axis.t(mid + 0.5),
            ts: axis.t(it.d0),
            te: axis.t(it.d1),
            stack,
            day: it.d0,
        });
    }
    out
}

/// What one scene shows: a window of days, lit events, a note, and context labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub id: String,
    /// The window: first day and the day after the last.
    pub from: f64,
    pub to: f64,
    /// Lit events (item indices), labelled in full, in this order of priority.
    pub highlight: Vec<usize>,
    /// The lit event that carries the note (the first highlight when None).
    pub anchor: Option<usize>,
    pub note: String,
    /// Unlit events worth naming if there is room, in order of priority.
    pub context: Vec<usize>,
    /// At most this many context labels.
    pub max_context: usize,
    /// Events starting after this day are not yet part of the story: not drawn.
    pub reveal: f64,
}

/// The window of a scene on the axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub t0: f64,
    pub t1: f64,
}

impl View {
    /// Where an axis position falls in the window (0–1 inside).
    pub fn f(&self, t: f64) -> f64 {
        (t - self.t0) / (self.t1 - self.t0)
    }

    /// The scale factor the stylesheet multiplies by: 1 / window length.
    pub fn k(&self) -> f64 {
        1.0 / (self.t1 - self.t0)
    }
}

/// How a label is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A lit event carrying the step's note.
    Anchor,
    /// A lit event.
    Lit,
    /// An unlit event named for context.
    Context,
}

/// One placed label: its lines, its box, and its leader back to the mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub item: usize,
    pub kind: Kind,
    pub title: Vec<String>,
    pub note: Vec<String>,
    /// The box's top-left corner.
    pub pos: Pos,
    pub w: f64,
    pub h: f64,
    /// The leader as a polyline in px, from the mark's centre (0, 0).
    pub leader: Vec<(f64, f64)>,
}

/// A scene laid out for one class.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub class: Class,
    pub view: View,
    /// Wide: where the lanes' edges are (see [`Lanes`]).
    pub lanes: Lanes,
    pub labels: Vec<Label>,
    pub ticks: Vec<Tick>,
    /// Lit events that could not be labelled (a test failure for real content).
    pub unplaced: Vec<usize>,
}

/// The lanes' edges in one scene (wide): edge `k` (0 top … n bottom) of `n` lanes sits at
/// `f[k]` of the inner height plus `off[k]` px. At the smallest plot each lane gets the height
/// its labels need; a plot taller than that shares its extra height out by `f`, so a lane with
/// tall labels does not grow an empty band, and a lane with nothing on show in the scene's
/// window takes only a small share of it ([`EMPTY_LANE_SHARE`]) instead of an empty stripe.
///
/// A lane's marks (and the labels above them) sit on the line `base_f[k]` of the height plus
/// `base_off[k]` px: the middle of the lane's room beyond what it needs, so that a lane taller
/// than its content shares its room above and below it instead of leaving one tall empty band.
#[derive(Clone, Debug, PartialEq)]
pub struct Lanes {
    pub f: Vec<f64>,
    pub off: Vec<f64>,
    pub base_f: Vec<f64>,
    pub base_off: Vec<f64>,
}

impl Lanes {
    /// `n` lanes of equal share with no offsets (the narrow shape, where lanes are columns).
    pub fn even(n: usize) -> Lanes {
        let f: Vec<f64> = (0..=n).map(|k| k as f64 / n.max(1) as f64).collect();
        Lanes {
            base_f: f[1..].to_vec(),
            f,
            off: vec![0.0; n + 1],
            base_off: vec![0.0; n],
        }
    }

    /// How many lanes.
    pub fn len(&self) -> usize {
        self.off.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A lane with no mark in the scene's window grows this much for each px that a lane with
/// marks grows (at 0 its name would still need its room at the smallest plot).
pub const EMPTY_LANE_SHARE: f64 = 0.2;

/// Where lane edge `k` is in a plot of inner height `inner` (wide).
pub fn lane_edge(lanes: &Lanes, k: usize, inner: f64) -> f64 {
    lanes.f[k] * inner + lanes.off[k]
}

/// Where a mark's centre sits in a scene (px offsets included).
pub fn mark_pos(class: Class, m: &Mark, view: View, lanes: &Lanes, g: Geometry) -> Pos {
    match class {
        Class::Wide => Pos {
            fx: view.f(m.t),
            dx: 0.0,
            fy: lanes.base_f.get(m.lane).copied().unwrap_or(1.0),
            dy: lanes.base_off.get(m.lane).copied().unwrap_or(0.0)
                - MARK_OFF
                - m.stack as f64 * STACK,
        },
        Class::Narrow => Pos {
            fx: 0.0,
            dx: g.gutter + m.lane as f64 * RAIL + RAIL / 2.0,
            fy: view.f(m.t),
            dy: m.stack as f64 * NARROW_STACK,
        },
    }
}

/// The gutter holds tick labels this wide at most (narrow).
pub const GUTTER_TEXT: f64 = 34.0;

/// How a tick's date is written: the date (with the precision the tick has) and whether its
/// month or year is said with it. The words of the page's language.
pub type TickWords<'a> = &'a dyn Fn(&crate::date::CalDate, bool) -> String;

/// Lays out one scene for one class.
pub fn layout(
    class: Class,
    axis: &TimeAxis,
    items: &[Item],
    marks: &[Mark],
    scene: &Scene,
    g: Geometry,
    ticks: TickWords,
) -> Layout {
    // A window reaching past the axis's ends is cut to them.
    let view = View {
        t0: axis.t(scene.from).max(0.0),
        t1: axis.t(scene.to).min(1.0),
    };
    let shown = |i: usize| {
        let f = view.f(marks[i].t);
        marks[i].day <= scene.reveal && (0.0..=1.0).contains(&f)
    };
    let anchor = scene.anchor.or(scene.highlight.first().copied());
    let lit: Vec<usize> = scene
        .highlight
        .iter()
        .copied()
        .filter(|&i| shown(i))
        .collect();
    let context: Vec<usize> = scene
        .context
        .iter()
        .copied()
        .filter(|&i| shown(i) && !lit.contains(&i))
        .collect();
    let (w0, h0) = class.min();
    match class {
        Class::Wide => wide(
            axis, items, marks, scene, view, anchor, &lit, &context, w0, h0, g, ticks,
        ),
        Class::Narrow => narrow(
            axis, items, marks, scene, view, anchor, &lit, &context, w0, h0, g, ticks,
        ),
    }
}

/// A label's text, wrapped to `measure` px.
fn text_of(
    items: &[Item],
    i: usize,
    kind: Kind,
    note: &str,
    title_font: Font,
    measure: f64,
) -> (Vec<String>, Vec<String>, f64, f64) {
    let font = if kind == Kind::Context {
        CONTEXT
    } else {
        title_font
    };
    let title = wrap(&items[i].title, font, measure);
    let note = if kind == Kind::Anchor && !note.is_empty() {
        wrap(note, NOTE, measure)
    } else {
        Vec::new()
    };
    let w = widest(&title, font).max(widest(&note, NOTE)) + 2.0 * BOX_PAD;
    let h = title.len() as f64 * TITLE_LINE + note.len() as f64 * NOTE_LINE + 2.0 * BOX_PAD;
    (title, note, w.ceil(), h.ceil())
}

/// A box in lane-local px: x from the plot's left, `up` measured upward from the mark line.
#[derive(Clone, Copy, Debug)]
struct Boxed {
    x0: f64,
    x1: f64,
    up0: f64,
    up1: f64,
    /// The leader's column and how high it reaches (to the box's bottom).
    lx: f64,
}

/// A wide label in the making: what it says and where its box went.
#[derive(Clone, Debug)]
struct Placed {
    item: usize,
    kind: Kind,
    title: Vec<String>,
    note: Vec<String>,
    b: Boxed,
    w: f64,
    h: f64,
}

/// The lit events, in order, each as the anchor (which carries the note) or simply lit.
fn lit_kinds(lit: &[usize], anchor: Option<usize>) -> Vec<(usize, Kind)> {
    lit.iter()
        .map(|&i| {
            (
                i,
                if Some(i) == anchor {
                    Kind::Anchor
                } else {
                    Kind::Lit
                },
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn wide(
    axis: &TimeAxis,
    items: &[Item],
    marks: &[Mark],
    scene: &Scene,
    view: View,
    anchor: Option<usize>,
    lit: &[usize],
    context: &[usize],
    w0: f64,
    h0: f64,
    g: Geometry,
    tick_words: TickWords,
) -> Layout {
    let inner_w = w0 - 2.0 * PAD;
    let n = g.lanes;
    let inner_h = h0 - AXIS_H;
    let base_need = LANE_NAME_H + MARK_OFF + 2.0;
    // The lowest clear height above each lane's marks (taller where marks stack).
    let clear: Vec<f64> = (0..n)
        .map(|lane| {
            let tallest = (0..marks.len())
                .filter(|&i| marks[i].lane == lane && (0.0..=1.0).contains(&view.f(marks[i].t)))
                .map(|i| marks[i].stack)
                .max()
                .unwrap_or(0);
            8.0 + tallest as f64 * STACK + 4.0
        })
        .collect();
    // One lane's labels placed in the given order; None when one of them finds no room.
    let place_lane = |here: &[(usize, Kind)]| -> Option<Vec<Placed>> {
        let mut boxes: Vec<Boxed> = Vec::new();
        let mut placed: Vec<Placed> = Vec::new();
        {
            for (k, &(i, kind)) in here.iter().enumerate() {
                let lane = marks[i].lane;
                let mx = PAD + view.f(marks[i].t) * inner_w;
                // Columns of the labelled marks still to place: a box over one would block its leader.
                let pending: Vec<f64> = here[k + 1..]
                    .iter()
                    .map(|&(j, _)| PAD + view.f(marks[j].t) * inner_w)
                    .collect();
                let mut best: Option<((usize, f64, f64), Placed)> = None;
                for measure in [190.0, 240.0, 300.0] {
                    let (title, note, w, h) = text_of(items, i, kind, &scene.note, TITLE, measure);
                    if w > inner_w {
                        continue;
                    }
                    // Boxes start just left of the mark, or end just right of it, or tuck in
                    // beside a neighbour's leader; the mark's own leader must land on the box.
                    let mut starts = vec![mx - 10.0, mx + 10.0 - w, mx - 3.0, mx + 3.0 - w];
                    for &p in &pending {
                        starts.push(p + 5.0);
                        starts.push(p - 5.0 - w);
                    }
                    // Boxes keep the plot's padding, except that a mark on its very edge (an
                    // event on the window's first or last day) may pull its box into it.
                    let lo = PAD.min(mx - 2.0).max(0.0);
                    let hi = (w0 - PAD - w).max((mx + 2.0 - w).min(w0 - w));
                    for x0 in starts {
                        let x0 = x0.clamp(lo, hi);
                        if mx < x0 + 2.0 || mx > x0 + w - 2.0 {
                            continue;
                        }
                        let bx = Boxed {
                            x0,
                            x1: x0 + w,
                            up0: 0.0,
                            up1: 0.0,
                            lx: mx,
                        };
                        let Some(up0) = lowest_free(&boxes, bx, h, clear[lane]) else {
                            continue;
                        };
                        let b = Boxed {
                            up0,
                            up1: up0 + h,
                            ..bx
                        };
                        let blocked = pending
                            .iter()
                            .filter(|&&x| x > b.x0 - 4.0 && x < b.x1 + 4.0)
                            .count();
                        let score = (blocked, b.up1, (x0 - (mx - 10.0)).abs());
                        if best.as_ref().is_none_or(|(o, _)| score < *o) {
                            best = Some((
                                score,
                                Placed {
                                    item: i,
                                    kind,
                                    title: title.clone(),
                                    note: note.clone(),
                                    b,
                                    w,
                                    h,
                                },
                            ));
                        }
                    }
                }
                let (_, p) = best?;
                boxes.push(p.b);
                placed.push(p);
            }
        }
        Some(placed)
    };
    let place = |chosen: &[(usize, Kind)]| -> (Vec<Placed>, Vec<usize>, f64) {
        let mut placed: Vec<Placed> = Vec::new();
        let mut failed = Vec::new();
        let mut total = 0.0;
        for (lane, &lane_clear) in clear.iter().enumerate() {
            let mut here: Vec<(usize, Kind)> = chosen
                .iter()
                .copied()
                .filter(|&(i, _)| marks[i].lane == lane)
                .collect();
            // Right to left first: a box placed low reaches rightward, clear of the leaders of
            // the marks to its left, which rise past it to boxes placed higher. Near the right
            // edge boxes reach leftward, and left to right works instead: take the lower stack.
            here.sort_by(|a, b| marks[b.0].t.total_cmp(&marks[a.0].t));
            let rtl = place_lane(&here);
            here.reverse();
            let ltr = place_lane(&here);
            let height = |p: &Vec<Placed>| p.iter().map(|x| x.b.up1).fold(lane_clear, f64::max);
            let best = match (rtl, ltr) {
                (Some(a), Some(b)) => Some(if height(&b) < height(&a) { b } else { a }),
                (a, b) => a.or(b),
            };
            match best {
                Some(p) => {
                    total += base_need + height(&p);
                    placed.extend(p);
                }
                None => {
                    failed.extend(here.iter().map(|h| h.0));
                    total += base_need + lane_clear;
                }
            }
        }
        (placed, failed, total)
    };
    // Every lit event (the anchor carries the note), then context names while they fit.
    let mut chosen = lit_kinds(lit, anchor);
    let (mut placed, mut unplaced, mut total) = place(&chosen);
    if total > inner_h {
        // Real content must never get here: the tests check every scene.
        let over: Vec<usize> = chosen
            .iter()
            .map(|c| c.0)
            .filter(|i| !unplaced.contains(i))
            .collect();
        unplaced.extend(over);
    }
    let mut n_context = 0;
    for &c in context {
        if n_context >= scene.max_context || !unplaced.is_empty() {
            break;
        }
        chosen.push((c, Kind::Context));
        let (p, f, t) = place(&chosen);
        if f.is_empty() && t <= inner_h {
            (placed, total) = (p, t);
            n_context += 1;
        } else {
            chosen.pop();
        }
    }
    let _ = total;
    // Lanes: each gets what it needs, and the rest of the height is shared out evenly.
    let needs: Vec<f64> = (0..n)
        .map(|l| {
            base_need
                + placed
                    .iter()
                    .filter(|p| marks[p.item].lane == l)
                    .map(|p| p.b.up1)
                    .fold(clear[l], f64::max)
        })
        .collect();
    // Each lane's share of the height beyond what it needs: less for one with nothing on show.
    let weight: Vec<f64> = (0..n)
        .map(|l| {
            let any = (0..marks.len())
                .any(|i| marks[i].lane == l && (0.0..=1.0).contains(&view.f(marks[i].t)));
            if any {
                1.0
            } else {
                EMPTY_LANE_SHARE
            }
        })
        .collect();
    let total_w: f64 = weight.iter().sum();
    let mut f = vec![0.0; n + 1];
    for l in 0..n {
        f[l + 1] = f[l] + weight[l] / total_w;
    }
    f[n] = 1.0;
    let spare = (inner_h - needs.iter().sum::<f64>()).max(0.0);
    // At the smallest plot each lane gets what it needs and its share of the rest; beyond it,
    // its share of every extra px (edge k at f[k] of the height plus a fixed offset).
    let mut off = vec![0.0; n + 1];
    let (mut base_f, mut base_off) = (vec![0.0; n], vec![0.0; n]);
    let mut top = 0.0;
    for (l, need) in needs.iter().enumerate() {
        let room = spare * weight[l] / total_w;
        top += need + room;
        off[l + 1] = top - f[l + 1] * inner_h;
        // The marks' line: up from the lane's bottom edge by half its room, the room at this
        // smallest plot and half of every px the lane grows beyond it.
        let share = f[l + 1] - f[l];
        base_f[l] = f[l + 1] - share / 2.0;
        base_off[l] = off[l + 1] - room / 2.0 + share * inner_h / 2.0;
    }
    let lanes = Lanes {
        f,
        off,
        base_f,
        base_off,
    };
    let labels = placed
        .into_iter()
        .map(|p| {
            let m = &marks[p.item];
            let fx = view.f(m.t);
            let lift = m.stack as f64 * STACK;
            Label {
                item: p.item,
                kind: p.kind,
                title: p.title,
                note: p.note,
                // Anchored at the mark: the box keeps its px offset from it as the plot grows.
                pos: Pos {
                    fx,
                    dx: p.b.x0 - (PAD + fx * inner_w),
                    fy: lanes.base_f[m.lane],
                    dy: lanes.base_off[m.lane] - MARK_OFF - p.b.up1,
                },
                w: p.w,
                h: p.h,
                // From the top of the mark straight up to the box's bottom edge.
                leader: vec![(0.0, -7.0), (0.0, -(p.b.up0 - lift))],
            }
        })
        .collect();
    Layout {
        class: Class::Wide,
        view,
        lanes,
        labels,
        // A tick's label starts at the tick and must end inside the plot at its smallest.
        ticks: axis
            .ticks(scene.from, scene.to, inner_w, g.tick_gap, tick_words)
            .into_iter()
            .filter(|t| PAD + t.at * inner_w + 5.0 + crate::text::width(&t.label, TICK) <= w0)
            .collect(),
        unplaced,
    }
}

/// The lowest height (up from the mark line, at least `floor`) where a box of height `h` at
/// `bx`'s columns clears every placed box and leader, and its own leader crosses no box.
fn lowest_free(placed: &[Boxed], bx: Boxed, h: f64, floor: f64) -> Option<f64> {
    let mut tries: Vec<f64> = vec![floor];
    tries.extend(placed.iter().map(|p| p.up1 + BOX_PAD));
    tries.sort_by(|a, b| a.total_cmp(b));
    tries.into_iter().filter(|&u| u >= floor).find(|&up0| {
        let up1 = up0 + h;
        placed.iter().all(|p| {
            let cols = bx.x0 < p.x1 + GAP && p.x0 < bx.x1 + GAP;
            let rows = up0 < p.up1 + BOX_PAD && p.up0 < up1 + BOX_PAD;
            // My leader runs from the marks up to my bottom; theirs from the marks to theirs.
            let my_leader_hits = bx.lx > p.x0 - 3.0 && bx.lx < p.x1 + 3.0 && p.up0 < up0;
            let their_leader_hits = p.lx > bx.x0 - 3.0 && p.lx < bx.x1 + 3.0 && up0 < p.up0;
            !(cols && rows || my_leader_hits || their_leader_hits)
        })
    })
}

#[allow(clippy::too_many_arguments)]
fn narrow(
    axis: &TimeAxis,
    items: &[Item],
    marks: &[Mark],
    scene: &Scene,
    view: View,
    anchor: Option<usize>,
    lit: &[usize],
    context: &[usize],
    w0: f64,
    h0: f64,
    g: Geometry,
    tick_words: TickWords,
) -> Layout {
    let inner_h = h0 - NARROW_TOP - NARROW_BOTTOM;
    let lx = g.gutter + g.lanes as f64 * RAIL + 10.0;
    let measure = w0 - lx - 4.0 - 2.0 * BOX_PAD;
    let mut chosen = lit_kinds(lit, anchor);
    let n_lit = chosen.len();
    let room = 5usize.saturating_sub(n_lit).min(scene.max_context);
    chosen.extend(context.iter().take(room).map(|&i| (i, Kind::Context)));
    // Fewer context labels until the column fits; lit ones always stay.
    let (boxes, tops) = loop {
        let (boxes, tops) = column(items, marks, scene, view, &chosen, measure, inner_h, h0);
        let overflows = tops.first().is_some_and(|&t| t < NARROW_TOP - 0.01);
        if !overflows || chosen.len() <= n_lit {
            break (boxes, tops);
        }
        chosen.pop();
    };
    let mut unplaced = Vec::new();
    let mut labels = Vec::new();
    for (k, (i, kind, title, note, w, h, y)) in boxes.into_iter().enumerate() {
        if tops[k] < NARROW_TOP - 0.01 {
            if kind != Kind::Context {
                unplaced.push(i);
            }
            continue;
        }
        let m = mark_pos(Class::Narrow, &marks[i], view, &Lanes::even(g.lanes), g);
        // Relative to the mark, which moves with the plot's height exactly as the box does.
        let elbow = lx - 6.0 - m.dx;
        let to = tops[k] + h / 2.0 - y;
        labels.push(Label {
            item: i,
            kind,
            title,
            note,
            pos: Pos {
                fx: 0.0,
                dx: lx,
                fy: m.fy,
                dy: tops[k] - NARROW_TOP - m.fy * inner_h,
            },
            w,
            h,
            leader: vec![(6.0, 0.0), (elbow, 0.0), (elbow, to), (elbow + 4.0, to)],
        });
    }
    Layout {
        class: Class::Narrow,
        view,
        lanes: Lanes::even(g.lanes),
        labels,
        // In the gutter, a tick's words stack below it ("Sep" over "1950"), so the last ones
        // must leave room for two lines above the plot's bottom at its smallest.
        ticks: axis
            .ticks(scene.from, scene.to, inner_h, 30.0, tick_words)
            .into_iter()
            .filter(|t| NARROW_TOP + t.at * inner_h + 26.0 <= h0)
            .map(|t| Tick {
                label: t.label.replacen(' ', "\n", 1),
                ..t
            })
            .collect(),
        unplaced,
    }
}

type ColumnBox = (usize, Kind, Vec<String>, Vec<String>, f64, f64, f64);

/// The narrow class's label column: boxes sorted by their marks, and each box's top, centred on
/// its mark, pushed down past the one above, then pulled up if the column runs off the bottom.
#[allow(clippy::too_many_arguments)]
fn column(
    items: &[Item],
    marks: &[Mark],
    scene: &Scene,
    view: View,
    chosen: &[(usize, Kind)],
    measure: f64,
    inner_h: f64,
    h0: f64,
) -> (Vec<ColumnBox>, Vec<f64>) {
    let mut boxes: Vec<ColumnBox> = chosen
        .iter()
        .map(|&(i, kind)| {
            let (title, note, w, h) = text_of(items, i, kind, &scene.note, NARROW_TITLE, measure);
            let y =
                NARROW_TOP + view.f(marks[i].t) * inner_h + marks[i].stack as f64 * NARROW_STACK;
            (i, kind, title, note, w, h, y)
        })
        .collect();
    // In the order of the marks' places on the axis (then their stacks), not of their px:
    // labels keep their order as the plot grows, so what clears at the smallest clears always.
    boxes.sort_by(|a, b| {
        (marks[a.0].t, marks[a.0].stack)
            .partial_cmp(&(marks[b.0].t, marks[b.0].stack))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut tops: Vec<f64> = boxes.iter().map(|b| b.6 - b.5 / 2.0).collect();
    for k in 0..tops.len() {
        let min = if k == 0 {
            NARROW_TOP
        } else {
            tops[k - 1] + boxes[k - 1].5 + BOX_PAD
        };
        tops[k] = tops[k].max(min);
    }
    let bottom = h0 - NARROW_BOTTOM;
    for k in (0..tops.len()).rev() {
        let max = if k + 1 == tops.len() {
            bottom - boxes[k].5
        } else {
            tops[k + 1] - BOX_PAD - boxes[k].5
        };
        tops[k] = tops[k].min(max);
    }
    (boxes, tops)
}

#[cfg(test)]
mod tests;

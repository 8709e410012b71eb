//! The stills: a picture of each step's graphic, as SVG files beside the page, for plain reading,
//! print and readers without scripting. Each is drawn from the same layout as the live
//! instrument (the same labels, lines and breaks), in two shapes: wide for a column of 36em and
//! more, narrow below it (`<picture>` chooses). An `<img loading="lazy">` costs the page nothing
//! until the reader comes near it; its alternative text is the step's summary.
//!
//! The pictures use presentation attributes (no `style` attribute, which a strict Content
//! Security Policy would refuse) and follow the reader's light or dark system theme with one
//! small stylesheet of their own.

use super::site::Site;
use crate::cast::Shape;
use crate::content::{Graphic, Step};
use crate::diagram::{ghosts, needle, segment, Model, Switches};
use crate::html::{escape, num};
use crate::text::{wrap, Font, ZWSP};
use crate::theme::{DARK, LIGHT};
use std::fmt::Write;

/// The two shapes of a still, px: the wide one's width and the narrow one's.
pub const WIDE_W: f64 = 600.0;
pub const NARROW_W: f64 = 320.0;
/// Where the wide picture is chosen (the step's column is about as wide).
pub const WIDE_MEDIA: &str = "(min-width: 36em)";

/// A drawing in the making: SVG elements, and the picture's size.
struct Svg {
    o: String,
    w: f64,
    h: f64,
}

/// The classes the still's own stylesheet colours (presentation attributes give the light
/// theme; the dark one overrides them).
const STYLE_CLASSES: &[(&str, &str, &str)] = &[
    ("bg", "fill", "paper"),
    ("b2", "fill", "paper_2"),
    ("ink", "fill", "ink"),
    ("mu", "fill", "muted"),
    ("ac", "fill", "accent"),
    ("ln", "stroke", "muted"),
    ("li", "stroke", "ink"),
    ("ru", "stroke", "rule"),
    ("wa", "fill", "water"),
];

fn palette(p: &crate::theme::Palette, name: &str) -> &'static str {
    match name {
        "paper" => p.paper,
        "paper_2" => p.paper_2,
        "ink" => p.ink,
        "muted" => p.muted,
        "accent" => p.accent,
        "water" => p.water,
        _ => p.rule,
    }
}

impl Svg {
    fn new(w: f64) -> Svg {
        Svg {
            o: String::new(),
            w,
            h: 0.0,
        }
    }

    fn text(&mut self, x: f64, y: f64, s: &str, font: Font, class: &str, anchor: &str) {
        let _ = write!(
            self.o,
            r#"<text x="{}" y="{}" font-size="{}"{} class="{class}" fill="{}"{}>{}</text>"#,
            num(x),
            num(y),
            num(font.size),
            if font.bold {
                r#" font-weight="700""#
            } else {
                ""
            },
            class_fill(class),
            if anchor == "start" {
                String::new()
            } else {
                format!(r#" text-anchor="{anchor}""#)
            },
            escape(&s.replace(ZWSP, ""))
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        let _ = write!(
            self.o,
            r#"<rect x="{}" y="{}" width="{}" height="{}" class="{class}" fill="{}"/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            class_fill(class)
        );
    }

    /// The finished file, `alt` as its title.
    fn finish(self, site: &Site, alt: &str) -> String {
        let mut dark = String::new();
        for (class, prop, name) in STYLE_CLASSES {
            let _ = write!(dark, ".{class}{{{prop}:{}}}", palette(&DARK, name));
        }
        for a in &site.b.cast.actors {
            let _ = write!(
                dark,
                ".a-{}{{fill:{}}}.s-{}{{stroke:{}}}",
                a.id, a.dark, a.id, a.dark
            );
        }
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans CJK KR','Noto Sans CJK SC',sans-serif" role="img" lang="{lang}"><title>{alt}</title><style>@media (prefers-color-scheme:dark){{{dark}}}</style><rect width="{w}" height="{h}" class="bg" fill="{bg}"/>{body}</svg>
"#,
            w = num(self.w),
            h = num(self.h.ceil()),
            lang = escape(site.lang),
            alt = escape(alt),
            bg = LIGHT.paper,
            body = self.o
        )
    }
}

fn class_fill(class: &str) -> &'static str {
    STYLE_CLASSES
        .iter()
        .find(|(c, _, _)| *c == class)
        .map_or(LIGHT.ink, |(_, _, name)| palette(&LIGHT, name))
}

fn actor_fill(site: &Site, actor: &str) -> String {
    site.b
        .cast
        .color(actor, false)
        .unwrap_or(LIGHT.ink)
        .to_string()
}

/// An actor's glyph centred at (x, y), `r` from the centre to the box's edge.
fn glyph(svg: &mut Svg, site: &Site, actor: &str, x: f64, y: f64, r: f64) {
    let fill = actor_fill(site, actor);
    let shape = site.b.cast.get(actor).map_or(Shape::Square, |a| a.shape);
    match shape.polygon() {
        None if shape == Shape::Circle => {
            let _ = write!(
                svg.o,
                r#"<circle cx="{}" cy="{}" r="{}" class="a-{actor}" fill="{fill}"/>"#,
                num(x),
                num(y),
                num(r)
            );
        }
        None => svg.o.push_str(&format!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" class="a-{actor}" fill="{fill}"/>"#,
            num(x - r),
            num(y - r),
            num(2.0 * r),
            num(2.0 * r)
        )),
        Some(p) => {
            let _ = write!(
                svg.o,
                r#"<polygon points="{}" class="a-{actor}" fill="{fill}"/>"#,
                super::card::points(p, x, y, r)
            );
        }
    }
}

/// The step's still, and the files it needs: a `<picture>` of the step's scene (the phone's
/// drawing, or the wide one from `WIDE_MEDIA`), lazy, with the step's summary as its text
/// alternative. Three elements, none laid out until plain reading or print shows them (issue 20:
/// a figure with a caption repeating the alternative cost 120 elements and read twice).
pub fn figure(site: &Site, s: &Step) -> (String, Vec<(String, Vec<u8>)>) {
    let pics = match &s.graphic {
        Graphic::Timeline { .. } => timeline(site, s),
        Graphic::Diagram { .. } => diagram(site, s),
        Graphic::Map { .. } => map(site, s),
    };
    let Some([(wide, ww, wh), (narrow, nw, nh)]) = pics else {
        // Nothing to draw (the instrument has no such scene): the summary says it in words.
        let label = escape(site.w.t(crate::words::W::StillLabel));
        return (
            format!(
                r#"<p class="still step-summary"><b>{label}</b> {}</p>"#,
                escape(&s.summary)
            ),
            Vec::new(),
        );
    };
    let (wf, nf) = (
        format!("stills/{}-wide.svg", s.id),
        format!("stills/{}-narrow.svg", s.id),
    );
    let html = format!(
        r#"<picture class="still"><source media="{WIDE_MEDIA}" srcset="{wf}" width="{}" height="{}"><img src="{nf}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async"></picture>"#,
        num(ww),
        num(wh),
        num(nw),
        num(nh),
        escape(&s.summary),
    );
    (
        html,
        vec![(wf, wide.into_bytes()), (nf, narrow.into_bytes())],
    )
}

type Pic = (String, f64, f64);

// ---------------------------------------------------------------------------------------------
// The timeline

fn timeline(site: &Site, s: &Step) -> Option<[Pic; 2]> {
    let t = site.tl()?;
    let scene = t.plan.steps.iter().find(|x| x.id == s.id)?;
    let mut out = Vec::new();
    for (class, w, h) in [
        (crate::timeline::Class::Wide, WIDE_W, 380.0),
        (crate::timeline::Class::Narrow, NARROW_W, 300.0),
    ] {
        out.push(timeline_one(site, &t, scene, class, w, h, &s.summary));
    }
    let [a, b]: [Pic; 2] = out.try_into().ok()?;
    Some([a, b])
}

fn timeline_one(
    site: &Site,
    t: &crate::timeline::markup::Tl,
    scene: &crate::timeline::Scene,
    class: crate::timeline::Class,
    w: f64,
    plot_h: f64,
    alt: &str,
) -> Pic {
    use crate::timeline::{mark_pos, Class, Kind, AXIS_H, NARROW_TOP, PAD};
    let plan = t.plan;
    let l = plan.layout(class, scene, t.w);
    let mut svg = Svg::new(w);
    let head = 24.0;
    svg.text(
        0.0,
        14.0,
        &t.w.window(scene.from, scene.to).to_uppercase(),
        Font::bold(12.0),
        "ac",
        "start",
    );
    let top = head;
    let g = plan.geometry;
    let n = g.lanes.max(1);
    let view = l.view;
    // Lanes.
    match class {
        Class::Wide => {
            let inner = plot_h - AXIS_H;
            for k in 0..n {
                let y0 = crate::timeline::lane_edge(&l.lanes, k, inner);
                let y1 = crate::timeline::lane_edge(&l.lanes, k + 1, inner);
                if k % 2 == 0 {
                    svg.rect(0.0, top + y0, w, y1 - y0, "b2");
                }
                if let Some(lane) = t.tl.lane.get(k) {
                    svg.text(
                        PAD,
                        top + y0 + 13.0,
                        &lane.name.to_uppercase(),
                        Font::bold(10.5),
                        "mu",
                        "start",
                    );
                }
            }
            svg.rect(0.0, top + inner - 1.0, w, 2.0, "ink");
        }
        Class::Narrow => {
            for k in 0..n {
                if k % 2 == 0 {
                    svg.rect(
                        g.gutter + k as f64 * crate::timeline::RAIL,
                        top,
                        crate::timeline::RAIL,
                        plot_h,
                        "b2",
                    );
                }
                svg.text(
                    g.gutter + (k as f64 + 0.5) * crate::timeline::RAIL,
                    top + 12.0,
                    &(k + 1).to_string(),
                    Font::bold(10.0),
                    "mu",
                    "middle",
                );
            }
        }
    }
    // Ticks.
    for tk in &l.ticks {
        match class {
            Class::Wide => {
                let x = PAD + tk.at * (w - 2.0 * PAD);
                svg.rect(x, top + plot_h - AXIS_H, 1.0, 6.0, "mu");
                svg.text(
                    x + 3.0,
                    top + plot_h - AXIS_H + 16.0,
                    &tk.label,
                    Font::regular(11.0),
                    "mu",
                    "start",
                );
            }
            Class::Narrow => {
                let y = top
                    + NARROW_TOP
                    + tk.at * (plot_h - NARROW_TOP - crate::timeline::NARROW_BOTTOM);
                for (i, part) in tk.label.splitn(2, ' ').enumerate() {
                    svg.text(
                        g.gutter - 4.0,
                        y + 4.0 + i as f64 * 12.0,
                        part,
                        Font::regular(11.0),
                        "mu",
                        "end",
                    );
                }
            }
        }
    }
    // Marks in the window.
    let lit: Vec<usize> = scene.highlight.clone();
    for (i, m) in plan.marks.iter().enumerate() {
        let f = view.f(m.t);
        if !(0.0..=1.0).contains(&f) {
            continue;
        }
        let p = mark_pos(class, m, view, &l.lanes, g);
        let (x, y) = p.at(class, w, plot_h);
        let actor = t.tl.event[i].actors.first().map_or("", |a| a.as_str());
        let r = if lit.contains(&i) { 7.0 } else { 5.0 };
        glyph(&mut svg, site, actor, x, top + y, r);
    }
    // Labels with their leaders.
    for lab in &l.labels {
        let m = &plan.marks[lab.item];
        let (mx, my) = mark_pos(class, m, view, &l.lanes, g).at(class, w, plot_h);
        let pts: Vec<String> = lab
            .leader
            .iter()
            .map(|(dx, dy)| format!("{},{}", num(mx + dx), num(top + my + dy)))
            .collect();
        let _ = write!(
            svg.o,
            r#"<polyline points="{}" fill="none" class="ln" stroke="{}" stroke-width="1"/>"#,
            pts.join(" "),
            LIGHT.muted
        );
        let (bx, by) = lab.pos.at(class, w, plot_h);
        svg.rect(bx, top + by, lab.w, lab.h, "bg");
        if lab.kind == Kind::Anchor {
            let actor = t.tl.event[lab.item]
                .actors
                .first()
                .map_or("", |a| a.as_str());
            let _ = write!(
                svg.o,
                r#"<rect x="{}" y="{}" width="3" height="{}" class="a-{actor}" fill="{}"/>"#,
                num(bx),
                num(top + by),
                num(lab.h),
                actor_fill(site, actor)
            );
        }
        let mut y = top + by + 3.0;
        let (tf, class_t) = match (lab.kind, class) {
            (Kind::Context, _) => (Font::regular(13.0), "mu"),
            (_, Class::Wide) => (Font::bold(14.0), "ink"),
            (_, Class::Narrow) => (Font::bold(13.0), "ink"),
        };
        for line in &lab.title {
            y += 17.0;
            svg.text(bx + 3.0, y - 4.0, line, tf, class_t, "start");
        }
        for line in &lab.note {
            y += 16.0;
            svg.text(bx + 3.0, y - 4.0, line, Font::regular(13.0), "ink", "start");
        }
    }
    svg.h = top + plot_h;
    let (w, h) = (svg.w, svg.h.ceil());
    (svg.finish(site, alt), w, h)
}

// ---------------------------------------------------------------------------------------------
// The diagram

fn diagram(site: &Site, s: &Step) -> Option<[Pic; 2]> {
    let g = site.dg()?;
    let (steps, _) = site.diagram.as_ref()?;
    let scene = steps.iter().find(|x| x.id == s.id)?;
    Some([
        diagram_one(site, &g, scene, WIDE_W, &s.summary),
        diagram_one(site, &g, scene, NARROW_W, &s.summary),
    ])
}

fn diagram_one(
    site: &Site,
    g: &crate::diagram::markup::Dg,
    scene: &crate::diagram::Scene,
    w: f64,
    alt: &str,
) -> Pic {
    let d = g.d;
    let m: Model = g.model();
    let mut svg = Svg::new(w);
    let stage = scene.stage;
    svg.text(
        0.0,
        14.0,
        &d.stage[stage].label.to_uppercase(),
        Font::bold(12.0),
        "ac",
        "start",
    );
    let names = g.names();
    let big = Font::bold(if w < 400.0 { 14.0 } else { 17.0 });
    svg.text(0.0, 40.0, &names[0].to_uppercase(), big, "ink", "start");
    svg.text(w, 40.0, &names[1].to_uppercase(), big, "ink", "end");
    // The bar.
    let (bar_y, bar_h) = (56.0, 28.0);
    svg.rect(0.0, bar_y, w, bar_h, "b2");
    let in_play = m.in_play(stage);
    for f in crate::diagram::markup::entry_order(&m) {
        let (start, wd) = segment(&m, f);
        let actor = &d.factor[f].actor;
        let on = in_play.contains(&f);
        let (y, h) = if on {
            (bar_y, bar_h)
        } else {
            (bar_y + bar_h * 0.35, bar_h * 0.3)
        };
        if on {
            let _ = write!(
                svg.o,
                r#"<rect x="{}" y="{}" width="{}" height="{}" class="a-{actor}" fill="{}"/>"#,
                num(start * w + 0.5),
                num(y),
                num((wd * w - 1.0).max(0.5)),
                num(h),
                actor_fill(site, actor)
            );
        }
    }
    svg.rect(w / 2.0 - 1.0, bar_y - 6.0, 2.0, bar_h + 12.0, "ink");
    for (_, x, _) in ghosts(d, &m, stage, crate::diagram::markup::BAR_MIN_PX) {
        let _ = write!(
            svg.o,
            r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="ln" stroke="{3}" stroke-dasharray="2 2"/>"#,
            num(x * w),
            num(bar_y - 4.0),
            num(bar_y + bar_h + 4.0),
            LIGHT.muted
        );
    }
    let bal = m.balance(stage, Switches::default());
    let nx = needle(&m, bal) * w;
    svg.rect(nx - 1.5, bar_y - 8.0, 3.0, bar_h + 16.0, "ac");
    let _ = write!(
        svg.o,
        r#"<polygon points="{},{} {},{} {},{}" class="ac" fill="{}"/>"#,
        num(nx - 8.0),
        num(bar_y - 19.0),
        num(nx + 8.0),
        num(bar_y - 19.0),
        num(nx),
        num(bar_y - 8.0),
        LIGHT.accent
    );
    // The verdict.
    let mut y = bar_y + bar_h + 30.0;
    for line in wrap(&g.verdict(bal), Font::bold(17.0), w) {
        svg.text(w / 2.0, y, &line, Font::bold(17.0), "ink", "middle");
        y += 21.0;
    }
    svg.text(
        w / 2.0,
        y,
        &g.sums(bal),
        Font::regular(12.0),
        "mu",
        "middle",
    );
    y += 22.0;
    // The ledger: the rows in play, each side a column (one column when narrow).
    let two = w >= 400.0;
    let col_w = if two { (w - 16.0) / 2.0 } else { w };
    let mut ys = [y, y];
    for f in crate::diagram::markup::entry_order(&m)
        .into_iter()
        .filter(|f| in_play.contains(f))
    {
        let fa = &d.factor[f];
        let side = m.side(f);
        let col = if two { side } else { 0 };
        let x0 = if col == 1 { col_w + 16.0 } else { 0.0 };
        let mut yy = ys[col] + 4.0;
        let lit = scene.lit.contains(&f);
        glyph(&mut svg, site, &fa.actor, x0 + 5.0, yy + 6.0, 5.0);
        let font = Font::bold(13.0);
        for line in wrap(&fa.label, font, col_w - 16.0) {
            yy += 16.0;
            svg.text(
                x0 + 16.0,
                yy - 3.0,
                &line,
                if lit { font } else { Font::regular(13.0) },
                "ink",
                "start",
            );
        }
        let pips: String = (0..5)
            .map(|i| if i < m.strength(f) { '●' } else { '○' })
            .collect();
        yy += 15.0;
        let _ = write!(
            svg.o,
            r#"<text x="{}" y="{}" font-size="11" class="a-{}" fill="{}">{pips}</text>"#,
            num(x0 + 16.0),
            num(yy - 3.0),
            fa.actor,
            actor_fill(site, &fa.actor)
        );
        if scene.anchor == Some(f) && !scene.note.is_empty() {
            for line in wrap(&scene.note, Font::regular(12.5), col_w - 24.0) {
                yy += 16.0;
                svg.text(
                    x0 + 22.0,
                    yy - 3.0,
                    &line,
                    Font::regular(12.5),
                    "ink",
                    "start",
                );
            }
        }
        ys[col] = yy + 4.0;
    }
    svg.h = ys[0].max(ys[1]) + 6.0;
    let (w, h) = (svg.w, svg.h.ceil());
    (svg.finish(site, alt), w, h)
}

// ---------------------------------------------------------------------------------------------
// The map

fn map(site: &Site, s: &Step) -> Option<[Pic; 2]> {
    let (m, base) = (site.b.map.as_ref()?, site.geo?);
    let scene = site.map_scene(&s.id)?;
    let layout = crate::map::layout(m, scene).ok()?;
    Some([
        map_one(
            site,
            m,
            base,
            &layout,
            crate::map::Class::Wide,
            WIDE_W,
            420.0,
            &s.summary,
        ),
        map_one(
            site,
            m,
            base,
            &layout,
            crate::map::Class::Narrow,
            NARROW_W,
            300.0,
            &s.summary,
        ),
    ])
}

#[allow(clippy::too_many_arguments)]
fn map_one(
    site: &Site,
    m: &crate::map::Map,
    base: &crate::map::geo::Base,
    l: &crate::map::SceneLayout,
    class: crate::map::Class,
    w: f64,
    h: f64,
    alt: &str,
) -> Pic {
    use crate::map::LabelKind;
    let cl = l.class(class);
    let view = cl.view;
    let k = view.k(w, h);
    let mut svg = Svg::new(w);
    let head = 22.0;
    let date = m.line(&l.scene.line).map_or("", |x| x.date.as_str());
    svg.text(
        0.0,
        14.0,
        &date.to_uppercase(),
        Font::bold(12.0),
        "ac",
        "start",
    );
    let (tx, ty) = (w / 2.0 - view.uc * k, head + h / 2.0 - view.vc * k);
    let water = LIGHT.water;
    let land = LIGHT.paper;
    let _ = write!(
        svg.o,
        r#"<svg x="0" y="{head}" width="{}" height="{}" viewBox="0 0 {} {}"><rect width="{}" height="{}" class="wa" fill="{water}"/><g transform="translate({} {}) scale({})"><path d="{}" class="bg" fill="{land}" fill-rule="evenodd"/>"#,
        num(w),
        num(h),
        num(w),
        num(h),
        num(w),
        num(h),
        num(tx),
        num(ty - head),
        crate::html::num(k),
        base.land
    );
    for (_, d) in &base.borders {
        let _ = write!(
            svg.o,
            r#"<path d="{d}" fill="none" class="ln" stroke="{}" stroke-width="{}"/>"#,
            LIGHT.muted,
            crate::html::num(1.0 / k)
        );
    }
    for (i, id) in l.lines.iter().enumerate() {
        let Some(line) = m.line(id) else { continue };
        let pts: Vec<String> = line
            .projected
            .iter()
            .map(|p| {
                p.iter()
                    .enumerate()
                    .map(|(j, q)| {
                        format!(
                            "{}{} {}",
                            if j == 0 { "M" } else { "L" },
                            num(q[0]),
                            num(q[1])
                        )
                    })
                    .collect::<String>()
            })
            .collect();
        let stroke = if line.side == crate::load::cast::NEUTRAL {
            LIGHT.ink.to_string()
        } else {
            actor_fill(site, &line.side)
        };
        let dash = match line.kind {
            crate::map::LineKind::Parallel | crate::map::LineKind::Patrol => {
                r#" stroke-dasharray="7 5""#
            }
            _ => "",
        };
        let _ = write!(
            svg.o,
            r#"<path d="{}" fill="none" class="s-{}" stroke="{stroke}" stroke-width="{}" opacity="{}"{dash} vector-effect="non-scaling-stroke"/>"#,
            pts.join(""),
            line.side,
            if i == 0 { 3 } else { 2 },
            if i == 0 { "1" } else { "0.55" }
        );
    }
    svg.o.push_str("</g></svg>");
    let to_px = |at: [f64; 2]| {
        (
            w / 2.0 + (at[0] - view.uc) * k,
            head + h / 2.0 + (at[1] - view.vc) * k,
        )
    };
    for mk in &cl.marks {
        let (x, y) = to_px(mk.at);
        let _ = write!(
            svg.o,
            r#"<circle cx="{}" cy="{}" r="4" class="{}" fill="{}"/>"#,
            num(x),
            num(y),
            if mk.lit { "ink" } else { "mu" },
            if mk.lit { LIGHT.ink } else { LIGHT.muted }
        );
    }
    for lab in &cl.labels {
        let (ax, ay) = to_px(lab.at);
        let (x0, y0) = (ax + lab.dx, ay + lab.dy);
        let (anchor, x) = match lab.align {
            crate::map::Align::Left => ("start", x0),
            crate::map::Align::Center => ("middle", x0 + lab.w / 2.0),
            crate::map::Align::Right => ("end", x0 + lab.w),
        };
        let class_t = match lab.kind {
            LabelKind::Place if lab.lit => "ink",
            _ => "mu",
        };
        for (i, line) in lab.lines.iter().enumerate() {
            let y = y0 + (i as f64 + 1.0) * lab.line_height - 4.0;
            if lab.kind == LabelKind::Line {
                let side = m.line(&lab.key).map_or("", |x| x.side.as_str());
                let fill = if side == crate::load::cast::NEUTRAL {
                    LIGHT.ink.to_string()
                } else {
                    actor_fill(site, side)
                };
                let _ = write!(
                    svg.o,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" class="a-{side}" fill="{fill}" stroke="{}" stroke-width="3" paint-order="stroke">{}</text>"#,
                    num(x),
                    num(y),
                    num(lab.font.size),
                    LIGHT.paper,
                    escape(&line.replace(ZWSP, ""))
                );
            } else {
                let _ = write!(
                    svg.o,
                    r#"<text x="{}" y="{}" font-size="{}"{} text-anchor="{anchor}" class="{class_t}" fill="{}" stroke="{}" stroke-width="3" paint-order="stroke"{}>{}</text>"#,
                    num(x),
                    num(y),
                    num(lab.font.size),
                    if lab.font.bold {
                        r#" font-weight="700""#
                    } else {
                        ""
                    },
                    class_fill(class_t),
                    LIGHT.paper,
                    if lab.tracking > 0.0 {
                        format!(r#" letter-spacing="{}""#, num(lab.tracking * lab.font.size))
                    } else {
                        String::new()
                    },
                    escape(&line.replace(ZWSP, ""))
                );
            }
        }
    }
    svg.h = head + h;
    let (w, h) = (svg.w, svg.h.ceil());
    (svg.finish(site, alt), w, h)
}

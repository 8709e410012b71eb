//! The timeline as HTML (build time): marks that glide between scenes (their place comes from CSS
//! variables), and each scene's labels, ticks and note in a layer of its own, one per shape of the
//! drawing. The scene on show is drawn in full; every other scene's layers wait inert in a
//! `<template>`, and its variables and lit marks are data (`contract::TimelineData`) that the app
//! applies when the reader gets there.

use super::scenes::Plan;
use super::{mark_pos, Class, Kind, Layout, Scene};
use crate::cast::Cast;
use crate::content::Timeline;
use crate::contract::{self, attrs, TimelineData};
use crate::date::from_day_number;
use crate::html::{escape, for_scene, num, px, Sheet, Styles};
use crate::words::{Words, W};
use std::fmt::Write;

/// What the timeline's markup is written from.
pub struct Tl<'a> {
    pub tl: &'a Timeline,
    pub cast: &'a Cast,
    pub plan: &'a Plan,
    pub w: &'a Words,
}

impl Tl<'_> {
    fn actor_of(&self, i: usize) -> &str {
        self.tl.event[i].actors.first().map_or("", |a| a.as_str())
    }
}

/// The scenes as the app applies them: the window (`--t0`, `--tk`, `--t1`), the lanes' px offsets
/// at the wide plot's size (`--o1`…), and the lit marks.
pub fn scenes(t: &Tl, scenes: &[&Scene]) -> contract::Scenes {
    contract::Scenes(
        scenes
            .iter()
            .map(|s| {
                let wide = t.plan.layout(Class::Wide, s, t.w);
                let v = wide.view;
                let mut sc = contract::Scene::new(&s.id)
                    .var("--t0", v.t0)
                    .var("--tk", v.k())
                    .var("--t1", v.t1);
                for (k, o) in wide.lanes.off.iter().enumerate().skip(1) {
                    sc.vars.push((format!("--o{k}"), format!("{}px", num(*o))));
                }
                // The inner edges' shares of the height (the outer ones are 0 and 1), and each
                // lane's line for its marks (`--b{k}` of the height plus `--p{k}`).
                let n = wide.lanes.len();
                for (k, f) in wide.lanes.f.iter().enumerate().take(n).skip(1) {
                    sc.vars.push((format!("--f{k}"), num(*f)));
                }
                for (k, (f, o)) in wide
                    .lanes
                    .base_f
                    .iter()
                    .zip(&wide.lanes.base_off)
                    .enumerate()
                {
                    sc.vars.push((format!("--b{k}"), num(*f)));
                    sc.vars.push((format!("--p{k}"), format!("{}px", num(*o))));
                }
                sc.class("lit", s.highlight.iter().copied())
            })
            .collect(),
    )
}

/// The rules of this timeline's lanes: each lane's share of the wide plot's height and its px
/// offset, for however many lanes the explainer has; and the narrow plot's gutter, as wide as
/// its ticks' words. Written once per page that draws it.
pub fn css(t: &Tl) -> String {
    let n = t.plan.geometry.lanes.max(1);
    let mut o = String::new();
    let mut wide = String::new();
    // Edge k's share of the height, from the scene's `--f{k}` (the outer edges are fixed).
    let f = |k: usize| match k {
        0 => "0".to_string(),
        k if k == n => "1".to_string(),
        k => format!("var(--f{k})"),
    };
    for k in 0..n {
        let _ = write!(
            wide,
            ".inst-tl .lane.ln-{k}{{--lt:{};--lb:{};--ot:{};--ob:var(--o{})}}.inst-tl .ev.ln-{k}{{--mb:var(--b{k});--mo:var(--p{k})}}",
            f(k),
            f(k + 1),
            if k == 0 { "0px".to_string() } else { format!("var(--o{k})") },
            k + 1,
        );
        let _ = write!(o, ".inst-tl .ln-{k}{{--ln:{k}}}");
    }
    let _ = write!(
        o,
        ".inst-tl{{--gutter:{}px}}@container tlplot (min-width:520px) and (min-height:380px){{{wide}}}",
        num(t.plan.geometry.gutter)
    );
    o
}

/// The live drawing of `scenes`, `initial` on show before any script; its elements' own
/// properties go to `sheet`.
pub fn instrument(t: &Tl, scenes: &[&Scene], initial: &str, sheet: &mut Sheet) -> String {
    let data = TimelineData {
        scenes: self::scenes(t, scenes),
        ts: t.plan.marks.iter().map(|m| m.t).collect(),
    };
    let first = data.scenes.get(initial).cloned().unwrap_or_default();
    sheet.rule(".inst-tl", &first.style());
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<div class="inst inst-tl" data-inst="timeline" data-scene="{}"{}>"#,
        escape(initial),
        attrs(&data.write()),
    );
    // The head: the window in words (one per scene), and the key to glyphs and colours.
    o.push_str(r#"<div class="inst-head"><p class="tl-span">"#);
    o.push_str(&crate::html::scene_captions(
        scenes
            .iter()
            .map(|s| (s.id.as_str(), t.w.window(s.from, s.to))),
        initial,
    ));
    o.push_str(r#"</p><ul class="key" aria-hidden="true">"#);
    for a in t
        .cast
        .actors
        .iter()
        .filter(|a| t.tl.event.iter().any(|e| e.actors.first() == Some(&a.id)))
    {
        let _ = write!(o, r#"<li class="glb a-{}">{}</li>"#, a.id, escape(&a.short));
    }
    let keys: Vec<String> =
        t.tl.lane
            .iter()
            .enumerate()
            .map(|(k, l)| {
                t.w.f(
                    W::LaneKeyItem,
                    &[("n", &(k + 1).to_string()), ("key", &l.key)],
                )
            })
            .collect();
    let _ = write!(
        o,
        r#"</ul><p class="lane-key" aria-hidden="true">{}</p></div>"#,
        escape(&t.w.f(W::LanesKey, &[("list", &keys.join(t.w.t(W::LaneKeySep)))]))
    );
    o.push_str(&context_strip(t, scenes, initial, sheet));
    o.push_str(r#"<div class="plot">"#);
    // Lanes: bands with their names (wide), the rail's columns (narrow).
    o.push_str(r#"<div class="lanes" aria-hidden="true">"#);
    for (k, l) in t.tl.lane.iter().enumerate() {
        let _ = write!(
            o,
            r#"<div class="lane ln-{k}"><span class="lane-name" data-n="{}">{}</span></div>"#,
            k + 1,
            escape(&l.name)
        );
    }
    o.push_str("</div>");
    // Marks: every event, one button each (its glyph and its name on hover are drawn by the
    // stylesheet). Hidden from assistive technology until the app makes them live (they open
    // nothing without it; the chronology says the same in text): a group of buttons, each named
    // with its title and date.
    let _ = write!(
        o,
        r#"<div class="evs" role="group" aria-label="{}" aria-hidden="true">"#,
        escape(t.w.t(W::EventsLabel))
    );
    for (i, (e, m)) in t.tl.event.iter().zip(&t.plan.marks).enumerate() {
        let range = if m.te - m.ts > 0.0005 {
            format!(";--ts:{};--te:{}", num(m.ts), num(m.te))
        } else {
            String::new()
        };
        let lit = first.item_classes(i);
        let pos = sheet.class(&format!("--t:{};--st:{}{range}", num(m.t), m.stack));
        let name = escape(&e.title.replace(crate::text::ZWSP, ""));
        let _ = write!(
            o,
            r#"<button type="button" class="ev mk ln-{lane} a-{actor}{ranged}{lit} {pos}" data-k="{i}" data-id="{id}" tabindex="-1" aria-expanded="false" aria-label="{name}, {date}" data-name="{name}">{rng}</button>"#,
            lane = m.lane,
            actor = t.actor_of(i),
            ranged = if range.is_empty() { "" } else { " has-range" },
            lit = if lit.is_empty() {
                String::new()
            } else {
                format!(" {lit}")
            },
            id = escape(&e.id),
            date = escape(&t.w.span(&e.date)),
            rng = if range.is_empty() {
                ""
            } else {
                r#"<span class="rng"></span>"#
            },
        );
    }
    o.push_str("</div>");
    // Each scene's labels: the first scene's drawn, the others inert until shown.
    for s in scenes {
        let on = s.id == initial;
        let layers: String = Class::ALL
            .iter()
            .map(|&class| {
                let mut st = if on {
                    Styles::Live(&mut *sheet)
                } else {
                    Styles::Inert
                };
                layer(t, s, &t.plan.layout(class, s, t.w), on, &mut st)
            })
            .collect();
        if on {
            o.push_str(&layers);
        } else {
            let _ = write!(
                o,
                r#"<template data-for="{}">{layers}</template>"#,
                escape(&s.id)
            );
        }
    }
    o.push_str("</div></div>");
    o
}

/// The context strip: the whole span with its eras, a tick per event, the years, and the
/// window of the scene on show.
fn context_strip(t: &Tl, scenes: &[&Scene], initial: &str, sheet: &mut Sheet) -> String {
    let a = &t.plan.axis;
    let mut o = String::from(r#"<div class="tl-ctx" aria-hidden="true"><div class="ctx-bar">"#);
    for era in t.tl.era.iter() {
        let (t0, t1) = (
            a.t(era.from.first_day() as f64),
            a.t(era.to.last_day() as f64 + 1.0),
        );
        let _ = write!(
            o,
            r#"<span class="ctx-era {}"></span>"#,
            sheet.class(&format!("--a:{};--w:{}", num(t0), num(t1 - t0)))
        );
    }
    for (t0, t1) in a.breaks() {
        let _ = write!(
            o,
            r#"<span class="ctx-break {}"></span>"#,
            sheet.class(&format!("--a:{};--w:{}", num(t0), num(t1 - t0)))
        );
    }
    // One tick per event, drawn as one gradient-free path: a span each would be 60 elements.
    let ticks: Vec<String> = t
        .plan
        .marks
        .iter()
        .map(|m| format!("M{} 0v1", num(m.t * 1000.0)))
        .collect();
    let _ = write!(
        o,
        r#"<svg class="ctx-evs" viewBox="0 0 1000 1" preserveAspectRatio="none"><path d="{}"/></svg>"#,
        ticks.join("")
    );
    o.push_str(r#"<span class="ctx-win"></span></div><div class="ctx-years">"#);
    // Years a reader can hold on to: the first, each squeezed stretch's ends, the last.
    let mut years: Vec<i32> = Vec::new();
    let first = from_day_number(a.first_day() as i32).year as i32;
    let last = from_day_number(a.end_day() as i32 - 1).year as i32;
    years.push(first);
    let mut y = (first / 5 + 1) * 5;
    while y < last {
        let at = a.t(crate::date::day_number(y, 1, 1) as f64);
        let squeezed = a
            .breaks()
            .iter()
            .any(|&(b0, b1)| at > b0 - 0.01 && at < b1 + 0.01);
        if !squeezed {
            years.push(y);
        }
        y += 5;
    }
    years.push(last);
    let mut shown_at = -1.0;
    for y in years {
        let at = a.t(crate::date::day_number(y, 1, 1) as f64).max(0.0);
        // The strip is narrow: years closer than a fourteenth of it would touch.
        if at - shown_at < 0.07 && shown_at >= 0.0 {
            continue;
        }
        shown_at = at;
        let _ = write!(
            o,
            r#"<span class="ctx-yr {}">{y}</span>"#,
            sheet.class(&format!("--a:{}", num(at)))
        );
    }
    o.push_str("</div>");
    // The window's edges joined to the close-up's ends, one drawing per scene.
    for s in scenes {
        let (t0, t1) = (a.t(s.from).max(0.0), a.t(s.to).min(1.0));
        o.push_str(&for_scene(
            &s.id,
            initial,
            &format!(
                r#"<svg class="ctx-zoom" data-for="{}" viewBox="0 0 1 1" preserveAspectRatio="none"><path d="M{} 0L0.02 1M{} 0L0.98 1"/></svg>"#,
                escape(&s.id),
                num(t0),
                num(t1)
            ),
        ));
    }
    o.push_str("</div>");
    o
}

/// One scene's labels, ticks and leaders for one shape.
fn layer(t: &Tl, s: &Scene, l: &Layout, on: bool, st: &mut Styles) -> String {
    let plan = t.plan;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<div class="layer{}" data-for="{}" data-class="{}" aria-hidden="true">"#,
        if on { " on" } else { "" },
        escape(&s.id),
        l.class.slug()
    );
    // Squeezed stretches of the axis inside the window: a break mark where they sit.
    for (b0, b1) in plan.axis.breaks() {
        let mid = l.view.f((b0 + b1) / 2.0);
        if (0.0..=1.0).contains(&mid) {
            let (fx, fy) = match l.class {
                Class::Wide => (mid, 1.0),
                Class::Narrow => (0.0, mid),
            };
            let (c, a) = st.both(&format!("--fx:{};--fy:{}", num(fx), num(fy)));
            let _ = write!(o, r#"<span class="brk at{c}"{a}></span>"#);
        }
    }
    for tk in &l.ticks {
        let (fx, fy) = match l.class {
            Class::Wide => (tk.at, 1.0),
            Class::Narrow => (0.0, tk.at),
        };
        let label = match l.class {
            Class::Wide => tk.label.clone(),
            // In the narrow gutter a tick's words stack at their first space.
            Class::Narrow => tk.label.replacen(' ', "\n", 1),
        };
        let (c, a) = st.both(&format!("--fx:{};--fy:{}", num(fx), num(fy)));
        let _ = write!(o, r#"<span class="tk at{c}"{a}>{}</span>"#, escape(&label));
    }
    for lab in &l.labels {
        let m = &plan.marks[lab.item];
        let mp = mark_pos(l.class, m, l.view, &l.lanes, plan.geometry);
        let pts: Vec<String> = lab
            .leader
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let (c, a) = st.both(&format!(
            "--fx:{};--dx:{};--fy:{};--dy:{}",
            num(mp.fx),
            num(mp.dx),
            num(mp.fy),
            num(mp.dy)
        ));
        let _ = write!(
            o,
            r#"<svg class="ld at{c}"{a} width="1" height="1"><polyline points="{}"/></svg>"#,
            pts.join(" ")
        );
        let kind = match lab.kind {
            Kind::Anchor => "k-anchor",
            Kind::Lit => "k-lit",
            Kind::Context => "k-ctx",
        };
        let (c, a) = st.both(&format!(
            "--fx:{};--dx:{};--fy:{};--dy:{};width:{}px;height:{}px",
            num(lab.pos.fx),
            num(lab.pos.dx),
            num(lab.pos.fy),
            num(lab.pos.dy),
            px(lab.w),
            px(lab.h),
        ));
        let _ = write!(
            o,
            r#"<div class="lbl at {kind} a-{}{c}"{a} data-id="{}">"#,
            t.actor_of(lab.item),
            escape(&t.tl.event[lab.item].id),
        );
        // One line of title alone is the label's own text (an element fewer, 9 on the essay).
        match (&lab.title[..], lab.note.is_empty()) {
            ([one], true) => o.push_str(&escape(one)),
            (lines, _) => {
                for line in lines {
                    let _ = write!(o, r#"<span class="t">{}</span>"#, escape(line));
                }
            }
        }
        for line in &lab.note {
            let _ = write!(o, r#"<span class="n">{}</span>"#, escape(line));
        }
        o.push_str("</div>");
    }
    o.push_str("</div>");
    o
}

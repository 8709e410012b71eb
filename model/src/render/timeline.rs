//! The timeline as HTML: marks that glide between scenes (their place comes from CSS variables),
//! and each scene's labels, ticks and note in a layer of its own, one per shape of the drawing.

use super::{escape, num, px};
use crate::content::{Actor, Bundle, Place};
use crate::date::from_day_number;
use crate::timeline::axis::MONTH_ABBR;
use crate::timeline::scenes::Plan;
use crate::timeline::{layout, mark_pos, Class, Kind, Layout, Scene};
use std::fmt::Write;

/// The window of a scene in words: "Sep 1949 – Nov 1950", "June 1950", "1945–2020".
pub fn span_words(from: f64, to: f64) -> String {
    let a = from_day_number(from as i32);
    let z = from_day_number(to as i32 - 1);
    let m = |d: &crate::date::CalDate| MONTH_ABBR[d.month as usize - 1];
    if a.month == 1 && a.day == 1 && z.month == 12 && z.day == 31 {
        if a.year == z.year {
            a.year.to_string()
        } else {
            format!("{}–{}", a.year, z.year)
        }
    } else if a.year == z.year && a.month == z.month {
        if a.day == 1 && z.day >= 28 {
            format!("{} {}", m(&a), a.year)
        } else {
            format!("{}–{} {} {}", a.day, z.day, m(&a), a.year)
        }
    } else if a.day == 1 && z.day >= 28 {
        if a.year == z.year {
            format!("{}–{} {}", m(&a), m(&z), a.year)
        } else {
            format!("{} {} – {} {}", m(&a), a.year, m(&z), z.year)
        }
    } else if a.year == z.year {
        format!("{} {} – {} {} {}", a.day, m(&a), z.day, m(&z), a.year)
    } else {
        format!(
            "{} {} {} – {} {} {}",
            a.day,
            m(&a),
            a.year,
            z.day,
            m(&z),
            z.year
        )
    }
}

fn actor_of(b: &Bundle, i: usize) -> Actor {
    b.timeline.event[i]
        .actors
        .first()
        .copied()
        .unwrap_or(Actor::Prc)
}

/// The per-scene rules: the window (`--t0`, `--tk`), the lanes' edges (`--l1`…`--l4`), and which
/// layers and words are on show.
pub fn css(b: &Bundle, plan: &Plan, scenes: &[&Scene]) -> String {
    let mut o = String::new();
    for s in scenes {
        let wide = layout(Class::Wide, &plan.axis, &plan.items, &plan.marks, s);
        let v = wide.view;
        let _ = write!(
            o,
            ".inst-tl[data-scene=\"{id}\"]{{--t0:{};--tk:{};--t1:{};--o1:{}px;--o2:{}px;--o3:{}px;--o4:{}px}}\
             .inst-tl[data-scene=\"{id}\"] [data-for=\"{id}\"]{{visibility:visible;opacity:1}}",
            num(v.t0),
            num(v.k()),
            num(v.t1),
            num(wide.lanes[1]),
            num(wide.lanes[2]),
            num(wide.lanes[3]),
            num(wide.lanes[4]),
            id = escape(&s.id),
        );
        let lit: Vec<String> = s
            .highlight
            .iter()
            .map(|&i| format!(".ev[data-id=\"{}\"]", escape(&b.timeline.event[i].id)))
            .collect();
        if !lit.is_empty() {
            let _ = write!(
                o,
                ".inst-tl[data-scene=\"{}\"] :is({}) .gl{{transform:scale(1.45)}}",
                escape(&s.id),
                lit.join(",")
            );
        }
    }
    o
}

/// How much of the timeline a drawing carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The live drawing: every mark, each scene's layers, marks as buttons.
    Live,
    /// A still of one scene: only its marks and its layers, nothing to press.
    Still,
}

/// The drawing for `scenes` (the first one's window is where a still shows), `initial` on show.
pub fn instrument(b: &Bundle, plan: &Plan, scenes: &[&Scene], initial: &str, mode: Mode) -> String {
    let mut o = String::new();
    let still = mode == Mode::Still;
    // Each scene's window on the axis, for the app (which marks are on show) without reading
    // styles back from the page.
    let windows: Vec<String> = scenes
        .iter()
        .map(|s| {
            format!(
                "{}:{}:{}",
                s.id,
                num(plan.axis.t(s.from).max(0.0)),
                num(plan.axis.t(s.to).min(1.0))
            )
        })
        .collect();
    let _ = write!(
        o,
        r#"<div class="inst inst-tl{}" data-inst="timeline" data-scene="{}" data-windows="{}">"#,
        if still { " is-still" } else { "" },
        escape(initial),
        escape(&windows.join(" "))
    );
    // The head: the window in words (one per scene), and the key to glyphs and colours.
    o.push_str(r#"<div class="inst-head"><p class="tl-span">"#);
    for s in scenes {
        let _ = write!(
            o,
            r#"<span class="sc" data-for="{}">{}</span>"#,
            escape(&s.id),
            escape(&span_words(s.from, s.to))
        );
    }
    o.push_str(r#"</p><ul class="key" aria-hidden="true">"#);
    for a in Actor::ALL {
        let _ = write!(
            o,
            r#"<li class="a-{}"><span class="gl"></span>{}</li>"#,
            a.slug(),
            a.code()
        );
    }
    o.push_str(r#"</ul><p class="lane-key" aria-hidden="true">Lanes: 1 Strait · 2 China · 3 Korea · 4 Capitals</p></div>"#);
    o.push_str(&context_strip(b, plan, scenes));
    o.push_str(r#"<div class="plot">"#);
    // Lanes: bands with their names (wide), the rail's columns (narrow).
    o.push_str(r#"<div class="lanes" aria-hidden="true">"#);
    for (k, p) in Place::ALL.iter().enumerate() {
        let _ = write!(
            o,
            r#"<div class="lane ln-{k}"><span class="lane-name" data-n="{}">{}</span></div>"#,
            k + 1,
            p.label()
        );
    }
    o.push_str("</div>");
    // Marks: every event (a still keeps only those in its window).
    let window = scenes
        .first()
        .map(|s| (plan.axis.t(s.from), plan.axis.t(s.to)));
    let _ = write!(
        o,
        r#"<ol class="evs"{}>"#,
        if still {
            r#" aria-hidden="true""#
        } else {
            // Hidden from assistive technology until the app makes the marks live (their
            // buttons open nothing without it; the chronology says the same in text).
            r#" aria-label="Events" aria-hidden="true""#
        }
    );
    for (i, (e, m)) in b.timeline.event.iter().zip(&plan.marks).enumerate() {
        if still {
            if let Some((t0, t1)) = window {
                if m.t < t0 || m.t > t1 {
                    continue;
                }
            }
        }
        let range = if m.te - m.ts > 0.0005 {
            format!(";--ts:{};--te:{}", num(m.ts), num(m.te))
        } else {
            String::new()
        };
        let name = format!(
            r#"<span class="ev-name">{}<span class="vh">, <time datetime="{}">{}</time></span></span>"#,
            escape(&e.title),
            e.date.iso(),
            escape(&e.date.to_string())
        );
        let _ = write!(
            o,
            r#"<li class="ev ln-{lane} a-{actor}{ranged}" data-id="{id}" style="--t:{t};--st:{st}{range}">"#,
            lane = m.lane,
            actor = actor_of(b, i).slug(),
            ranged = if range.is_empty() { "" } else { " has-range" },
            id = escape(&e.id),
            t = num(m.t),
            st = m.stack,
        );
        if !range.is_empty() {
            o.push_str(r#"<span class="rng"></span>"#);
        }
        if still {
            let _ = write!(o, r#"<span class="mk"><span class="gl"></span></span>"#);
        } else {
            let _ = write!(
                o,
                r#"<button type="button" class="mk" tabindex="-1" aria-expanded="false"><span class="gl"></span>{name}</button>"#
            );
        }
        o.push_str("</li>");
    }
    o.push_str("</ol>");
    for s in scenes {
        for class in Class::ALL {
            let l = layout(class, &plan.axis, &plan.items, &plan.marks, s);
            o.push_str(&layer(b, plan, s, &l));
        }
    }
    o.push_str("</div></div>");
    o
}

/// The context strip: the whole span with its eras, a tick per event, the years, and the
/// window of the scene on show.
fn context_strip(b: &Bundle, plan: &Plan, scenes: &[&Scene]) -> String {
    let a = &plan.axis;
    let mut o = String::from(r#"<div class="tl-ctx" aria-hidden="true"><div class="ctx-bar">"#);
    for era in b.timeline.era.iter() {
        let (t0, t1) = (
            a.t(era.from.first_day() as f64),
            a.t(era.to.last_day() as f64 + 1.0),
        );
        let _ = write!(
            o,
            r#"<span class="ctx-era" style="--a:{};--w:{}"></span>"#,
            num(t0),
            num(t1 - t0)
        );
    }
    for (t0, t1) in a.breaks() {
        let _ = write!(
            o,
            r#"<span class="ctx-break" style="--a:{};--w:{}"></span>"#,
            num(t0),
            num(t1 - t0)
        );
    }
    for m in &plan.marks {
        let _ = write!(
            o,
            r#"<span class="ctx-ev" style="--a:{}"></span>"#,
            num(m.t)
        );
    }
    o.push_str(r#"<span class="ctx-win"></span></div><div class="ctx-years">"#);
    // Years a reader can hold on to: the first, each squeezed stretch's ends, the last.
    let mut years: Vec<i32> = Vec::new();
    let first = from_day_number(a.first_day() as i32).year as i32;
    let last = from_day_number(a.end_day() as i32 - 1).year as i32;
    years.push(first);
    let mut y = (first / 5 + 1) * 5;
    while y < last {
        let t = a.t(crate::date::day_number(y, 1, 1) as f64);
        let squeezed = a
            .breaks()
            .iter()
            .any(|&(b0, b1)| t > b0 - 0.01 && t < b1 + 0.01);
        if !squeezed {
            years.push(y);
        }
        y += 5;
    }
    years.push(last);
    let mut shown_at = -1.0;
    for y in years {
        let t = a.t(crate::date::day_number(y, 1, 1) as f64).max(0.0);
        // The strip is narrow: years closer than a twentieth of it would touch.
        if t - shown_at < 0.07 && shown_at >= 0.0 {
            continue;
        }
        shown_at = t;
        let _ = write!(
            o,
            r#"<span class="ctx-yr" style="--a:{}">{y}</span>"#,
            num(t)
        );
    }
    o.push_str("</div>");
    // The window's edges joined to the close-up's ends, one drawing per scene.
    for s in scenes {
        let (t0, t1) = (a.t(s.from).max(0.0), a.t(s.to).min(1.0));
        let _ = write!(
            o,
            r#"<svg class="ctx-zoom" data-for="{}" viewBox="0 0 1 1" preserveAspectRatio="none"><path d="M{} 0L0.02 1M{} 0L0.98 1"/></svg>"#,
            escape(&s.id),
            num(t0),
            num(t1)
        );
    }
    o.push_str("</div>");
    o
}

/// One scene's labels, ticks and leaders for one shape.
fn layer(b: &Bundle, plan: &Plan, s: &Scene, l: &Layout) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<div class="layer" data-for="{}" data-class="{}" aria-hidden="true">"#,
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
            let _ = write!(
                o,
                r#"<span class="brk at" style="--fx:{};--fy:{}"></span>"#,
                num(fx),
                num(fy)
            );
        }
    }
    for t in &l.ticks {
        let (fx, fy) = match l.class {
            Class::Wide => (t.at, 1.0),
            Class::Narrow => (0.0, t.at),
        };
        let _ = write!(
            o,
            r#"<span class="tk at" style="--fx:{};--fy:{}">{}</span>"#,
            num(fx),
            num(fy),
            escape(&t.label)
        );
    }
    for lab in &l.labels {
        let m = &plan.marks[lab.item];
        let mp = mark_pos(l.class, m, l.view, &l.lanes);
        let pts: Vec<String> = lab
            .leader
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = write!(
            o,
            r#"<svg class="ld at" style="--fx:{};--dx:{};--fy:{};--dy:{}" width="1" height="1"><polyline points="{}"/></svg>"#,
            num(mp.fx),
            num(mp.dx),
            num(mp.fy),
            num(mp.dy),
            pts.join(" ")
        );
        let kind = match lab.kind {
            Kind::Anchor => "k-anchor",
            Kind::Lit => "k-lit",
            Kind::Context => "k-ctx",
        };
        let _ = write!(
            o,
            r#"<div class="lbl at {kind} a-{}" data-id="{}" style="--fx:{};--dx:{};--fy:{};--dy:{};width:{}px;height:{}px">"#,
            actor_of(b, lab.item).slug(),
            escape(&b.timeline.event[lab.item].id),
            num(lab.pos.fx),
            num(lab.pos.dx),
            num(lab.pos.fy),
            num(lab.pos.dy),
            px(lab.w),
            px(lab.h),
        );
        for line in &lab.title {
            let _ = write!(o, r#"<span class="t">{}</span>"#, escape(line));
        }
        for line in &lab.note {
            let _ = write!(o, r#"<span class="n">{}</span>"#, escape(line));
        }
        o.push_str("</div>");
    }
    o.push_str("</div>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_read_like_a_newspaper_kicker() {
        let d = |s: &str| crate::date::DateSpan::parse(s).unwrap();
        let w =
            |a: &str, z: &str| span_words(d(a).first_day() as f64, d(z).last_day() as f64 + 1.0);
        assert_eq!(w("1949-09", "1950-11"), "Sep 1949 – Nov 1950");
        assert_eq!(w("1950-06", "1950-09"), "Jun–Sep 1950");
        assert_eq!(w("1950-06", "1950-06"), "Jun 1950");
        assert_eq!(w("1945", "2020"), "1945–2020");
        assert_eq!(w("1950-09-20", "1950-10-20"), "20 Sep – 20 Oct 1950");
    }
}

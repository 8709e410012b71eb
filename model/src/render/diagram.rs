//! The decision diagram as HTML: the two courses, the tug bar (one segment per factor, on one
//! fixed scale, with the needle where the surplus ends and ghost ticks of earlier stages), the
//! verdict in words, and the ledger of factors with their pips, dates, actors and switches.

use super::{escape, num};
use crate::content::Bundle;
use crate::diagram::{
    ghosts, needle, segment, short_context, sums, verdict_words, without, Model, Scene, Switches,
};
use std::fmt::Write;

/// The stage sizes that show only some rows (style/diagram.css names the same query).
pub const SHORT_STAGE: &str = "(max-width:519.98px) or (max-height:620px)";

/// The narrowest the tug bar gets (a 320 px phone less the page's padding).
pub const BAR_MIN_PX: f64 = 280.0;

/// The two courses' verdict words, left then right.
pub fn toward(b: &Bundle) -> [&str; 2] {
    let c = &b.diagram.course;
    [
        c.first().map_or("", |c| c.toward_words()),
        c.get(1).map_or("", |c| c.toward_words()),
    ]
}

fn course_labels(b: &Bundle) -> [&str; 2] {
    let c = &b.diagram.course;
    [
        c.first().map_or("", |c| c.label.as_ref()),
        c.get(1).map_or("", |c| c.label.as_ref()),
    ]
}

/// The factors in the order they enter: the ledger's rows and the bar's segments.
pub fn entry_order(m: &Model) -> Vec<usize> {
    let mut v: Vec<usize> = (0..m.factor_count()).collect();
    v.sort_by_key(|&f| (m.enters_at(f), f));
    v
}

/// The per-scene rules: the needle, the rows and segments in play, the lit rows, the words.
pub fn css(b: &Bundle, scenes: &[&Scene]) -> String {
    let d = &b.diagram;
    let m = Model::new(d);
    let mut o = String::new();
    for s in scenes {
        let id = escape(&s.id);
        let bal = m.balance(s.stage, Switches::default());
        let _ = write!(
            o,
            ".inst-dg[data-scene=\"{id}\"]{{--n:{}}}.inst-dg[data-scene=\"{id}\"] [data-for=\"{id}\"]{{visibility:visible;opacity:1}}",
            num(needle(&m, bal))
        );
        let ins: Vec<String> = m
            .in_play(s.stage)
            .iter()
            .map(|&f| format!(".f-{}", escape(&d.factor[f].id)))
            .collect();
        if !ins.is_empty() {
            let _ = write!(
                o,
                ".inst-dg[data-scene=\"{id}\"] :is({0}){{--in:1}}.inst-dg[data-scene=\"{id}\"] :is({0}).row{{display:block}}",
                ins.join(",")
            );
        }
        let lit: Vec<String> = s
            .lit
            .iter()
            .map(|&f| format!(".f-{}", escape(&d.factor[f].id)))
            .collect();
        if !lit.is_empty() {
            let _ = write!(
                o,
                ".inst-dg[data-scene=\"{id}\"] :is({0}).row .row-label{{font-weight:800}}",
                lit.join(",")
            );
        }
        // A short stage names the lit rows and as many others in play as fit (the model's
        // choice), the others quieter.
        let ctx: Vec<String> = short_context(d, &m, s)
            .iter()
            .map(|&f| format!(".f-{}", escape(&d.factor[f].id)))
            .collect();
        let shown: Vec<&String> = lit.iter().chain(ctx.iter()).collect();
        if !shown.is_empty() {
            let _ = write!(
                o,
                "@container stage {SHORT_STAGE}{{.inst-dg[data-scene=\"{id}\"] .row.row{{display:none}}.inst-dg[data-scene=\"{id}\"] :is({}).row.row{{display:block}}",
                shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
            );
            if !ctx.is_empty() {
                let _ = write!(
                    o,
                    ".inst-dg[data-scene=\"{id}\"] :is({}).row .row-label{{font-weight:400;color:var(--muted)}}",
                    ctx.join(",")
                );
            }
            o.push('}');
        }
        let _ = write!(
            o,
            ".inst-dg[data-scene=\"{id}\"] .row-note[data-for=\"{id}\"]{{display:block}}"
        );
        if s.stage + 1 == d.stage.len() {
            let _ = write!(
                o,
                ".inst-dg[data-scene=\"{id}\"] .sw{{display:flex}}.inst-dg[data-scene=\"{id}\"] .dg-tools{{display:flex}}.inst-dg[data-scene=\"{id}\"] .row.side-0>.row-in{{padding-left:26px}}.inst-dg[data-scene=\"{id}\"] .row.side-1>.row-in{{padding-right:26px}}"
            );
        }
    }
    o
}

/// How much of the diagram a drawing carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Live, with the what-if switches (shown at the last stage in the essay, always in the
    /// widget, where each row also says what switching it off would do).
    Live { widget: bool },
    /// A still of one scene: no switches.
    Still,
}

pub fn instrument(b: &Bundle, scenes: &[&Scene], initial: &str, mode: Mode) -> String {
    let d = &b.diagram;
    let m = Model::new(d);
    let towards = toward(b);
    let names = course_labels(b);
    let still = mode == Mode::Still;
    let widget = matches!(mode, Mode::Live { widget: true });
    let last = d.stage.len().saturating_sub(1);
    let mut o = String::new();
    let sides: Vec<usize> = (0..m.factor_count()).map(|f| m.side(f)).collect();
    let strengths: Vec<String> = (0..m.factor_count())
        .map(|f| m.strength(f).to_string())
        .collect();
    let enters: Vec<String> = (0..m.factor_count())
        .map(|f| m.enters_at(f).to_string())
        .collect();
    let ids: Vec<&str> = d.factor.iter().map(|f| f.id.as_ref()).collect();
    let stages: Vec<String> = scenes
        .iter()
        .map(|s| format!("{}:{}", s.id, s.stage))
        .collect();
    let _ = write!(
        o,
        r#"<div class="inst inst-dg{}" data-inst="diagram" data-scene="{}" data-stages="{}" data-stage-ids="{}" data-ids="{}" data-sides="{}" data-strengths="{}" data-enters="{}" data-unit="{}" data-toward="{}|{}" data-names="{}|{}">"#,
        if still { " is-still" } else { "" },
        escape(initial),
        escape(&stages.join(" ")),
        escape(
            &d.stage
                .iter()
                .map(|s| s.id.as_ref())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        escape(&ids.join(" ")),
        sides
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        strengths.join(" "),
        enters.join(" "),
        num(crate::diagram::unit(&m)),
        escape(towards[0]),
        escape(towards[1]),
        escape(names[0]),
        escape(names[1]),
    );
    // The question, and the stage in a kicker.
    let _ = write!(o, r#"<div class="inst-head"><p class="dg-when">"#);
    for s in scenes {
        let _ = write!(
            o,
            r#"<span class="sc" data-for="{}">{}</span>"#,
            escape(&s.id),
            escape(&d.stage[s.stage].label)
        );
    }
    o.push_str("</p></div>");
    o.push_str(r#"<div class="dg-courses" aria-hidden="true">"#);
    for (i, c) in d.course.iter().enumerate().take(2) {
        let _ = write!(
            o,
            r#"<p class="course side-{i}"><b>{}</b><span>{}</span></p>"#,
            escape(&c.label),
            escape(&c.detail)
        );
    }
    o.push_str("</div>");
    // The tug bar.
    o.push_str(r#"<div class="dg-tug" aria-hidden="true"><div class="bar">"#);
    for f in entry_order(&m) {
        let (start, w) = segment(&m, f);
        let fa = &d.factor[f];
        let _ = write!(
            o,
            r#"<span class="seg f-{} side-{} a-{}" style="--s:{};--w:{}"></span>"#,
            escape(&fa.id),
            m.side(f),
            fa.actor.slug(),
            num(start),
            num(w)
        );
    }
    o.push_str(r#"<span class="mid"></span>"#);
    for s in scenes {
        for (gs, x, labelled) in ghosts(d, &m, s.stage, BAR_MIN_PX) {
            let _ = write!(
                o,
                r#"<span class="ghost" data-for="{}" style="--g:{}">{}</span>"#,
                escape(&s.id),
                num(x),
                if labelled {
                    format!("<span>{}</span>", escape(&d.stage[gs].label))
                } else {
                    String::new()
                }
            );
        }
    }
    o.push_str(r#"<span class="needle"></span><span class="needle-was"></span></div></div>"#);
    // The verdict: one per scene, and a slot the app fills for what-if states.
    o.push_str(r#"<p class="dg-verdict">"#);
    for s in scenes {
        let bal = m.balance(s.stage, Switches::default());
        let _ = write!(
            o,
            r#"<span class="sc" data-for="{}"><b>{}</b> <small>{}</small></span>"#,
            escape(&s.id),
            escape(&verdict_words(bal, towards)),
            escape(&sums(bal, names)),
        );
    }
    if !still {
        // Not a live region: the page's own live region says the change, once.
        o.push_str(r#"<span class="whatif-verdict"></span>"#);
    }
    o.push_str("</p>");
    // The ledger.
    let _ = write!(o, r#"<ul class="dg-ledger" aria-label="Factors">"#);
    // Side headings, for the one-column ledger of phones.
    for (i, n) in names.iter().enumerate() {
        let _ = write!(
            o,
            r#"<li class="ledger-head side-{i}" aria-hidden="true">{}</li>"#,
            escape(n)
        );
    }
    for f in entry_order(&m) {
        let fa = &d.factor[f];
        let side = m.side(f);
        let w = m.strength(f);
        let pips: String = (0..5).map(|i| if i < w { '●' } else { '○' }).collect();
        let outcome = outcome(&m, last, f, towards);
        let _ = write!(
            o,
            r#"<li class="row f-{id} side-{side} a-{actor}" data-factor="{id}"><div class="row-in"><p class="row-head"><span class="gl" title="{actor_name}"></span><span class="row-label">{label}</span><span class="vh"> ({actor_name}; pulls toward “{course}”; strength {w} of 5; from {date})</span></p><p class="row-meta" aria-hidden="true"><span class="pips">{pips}</span><span class="chip-date">{date}</span>{added}</p>"#,
            id = escape(&fa.id),
            actor = fa.actor.slug(),
            actor_name = escape(fa.actor.name()),
            label = escape(&fa.label),
            course = escape(names[side]),
            date = escape(&d.stage[m.enters_at(f).min(last)].label),
            added = if fa.added {
                r#"<span class="added-mark">added</span>"#
            } else {
                ""
            },
        );
        for s in scenes
            .iter()
            .filter(|s| s.anchor == Some(f) && !s.note.is_empty())
        {
            let _ = write!(
                o,
                r#"<span class="row-note" data-for="{}">{}</span>"#,
                escape(&s.id),
                escape(&s.note)
            );
        }
        if widget {
            let _ = write!(
                o,
                r#"<span class="row-why">{}</span><span class="row-out">{}</span>"#,
                escape(&fa.whatif),
                escape(&outcome)
            );
        }
        if !still {
            let _ = write!(
                o,
                r#"<label class="sw"><input type="checkbox" checked data-factor="{}"><span class="vh">Count “{}”</span></label>"#,
                escape(&fa.id),
                escape(&fa.label)
            );
        }
        o.push_str("</div></li>");
    }
    o.push_str("</ul>");
    let _ = write!(o, r#"<p class="dg-caveat">{}</p>"#, escape(&d.note));
    if !still {
        o.push_str(r#"<div class="dg-tools"><button type="button" class="chip reset" disabled>Count every factor again</button></div>"#);
    }
    o.push_str("</div>");
    o
}

/// What switching factor `f` off does at `stage`, in a sentence with the sums.
pub fn outcome(m: &Model, stage: usize, f: usize, towards: [&str; 2]) -> String {
    let (on, off) = without(m, stage, f);
    let b = m.balance(stage, Switches::default().toggled(f));
    let sums = format!("{} to {}", b.left, b.right);
    match off {
        None => format!("Without it, the two sides are level ({sums})."),
        Some(side) if Some(side) == on => {
            format!(
                "Without it, the final stage still leans toward {} ({sums}).",
                towards[side]
            )
        }
        Some(side) => format!(
            "Without it, the final stage tips toward {} instead ({sums}).",
            towards[side]
        ),
    }
}

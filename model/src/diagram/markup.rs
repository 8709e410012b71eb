//! The decision diagram as HTML (build time): the two courses, the tug bar (one segment per
//! factor, on one fixed scale, with the needle where the surplus ends and ghost ticks of earlier
//! stages), the verdict in words, and the ledger of factors with their pips, dates, actors and
//! switches. The scene on show is drawn in full; each scene's needle, rows in play and lit rows
//! are data (`contract::DiagramData`) that the app applies.

use super::{ghosts, needle, segment, short_context, without, Model, Scene, Switches};
use crate::cast::Cast;
use crate::content::Diagram;
use crate::contract::{self, attrs, DiagramData, DiagramWords};
use crate::html::{escape, for_scene, num, Sheet};
use crate::words::{capitalised, Words, W};
use std::fmt::Write;

/// The stage sizes that show only some rows (style/diagram.css names the same query).
pub const SHORT_STAGE: &str = "(max-width:519.98px) or (max-height:620px)";

/// The narrowest the tug bar gets (a 320 px phone less the page's padding).
pub const BAR_MIN_PX: f64 = 280.0;

/// What the diagram's markup is written from.
pub struct Dg<'a> {
    pub d: &'a Diagram,
    pub cast: &'a Cast,
    pub w: &'a Words,
}

impl Dg<'_> {
    pub fn model(&self) -> Model {
        Model::new(self.d)
    }

    /// The two courses' verdict words, left then right.
    pub fn toward(&self) -> [&str; 2] {
        let c = &self.d.course;
        [
            c.first().map_or("", |c| c.toward_words()),
            c.get(1).map_or("", |c| c.toward_words()),
        ]
    }

    pub fn names(&self) -> [&str; 2] {
        let c = &self.d.course;
        [
            c.first().map_or("", |c| c.label.as_str()),
            c.get(1).map_or("", |c| c.label.as_str()),
        ]
    }

    /// The verdict patterns in this page's words, as the app gets them too.
    pub fn words(&self) -> DiagramWords {
        let w = self.w;
        let verdicts = [
            w.t(W::VerdictLevel).to_string(),
            w.t(W::VerdictNearly).to_string(),
            w.t(W::VerdictLeans).to_string(),
            w.t(W::VerdictStrongly).to_string(),
        ];
        DiagramWords {
            verdicts_start: verdicts.clone().map(|v| capitalised(&v)),
            verdicts,
            sums: w.t(W::Sums).to_string(),
            without: w.t(W::WhatifWithout).to_string(),
            thought: w.t(W::ThoughtExperiment).to_string(),
            lead: w.t(W::ThoughtExperimentLead).to_string(),
            stage_live: w.t(W::StageLive).to_string(),
            sep: w.t(W::ListSep).to_string(),
        }
    }

    /// The verdict for a balance, as a sentence starts it.
    pub fn verdict(&self, b: super::Balance) -> String {
        super::verdict_words(b, self.toward(), &self.words().verdicts_start)
    }

    pub fn sums(&self, b: super::Balance) -> String {
        super::sums(b, self.names(), &self.words().sums)
    }

    /// The stage's label of the stage a factor enters at.
    fn entry_label(&self, m: &Model, f: usize) -> &str {
        let last = self.d.stage.len().saturating_sub(1);
        self.d
            .stage
            .get(m.enters_at(f).min(last))
            .map_or("", |s| s.label.as_str())
    }
}

/// The factors in the order they enter: the ledger's rows and the bar's segments.
pub fn entry_order(m: &Model) -> Vec<usize> {
    let mut v: Vec<usize> = (0..m.factor_count()).collect();
    v.sort_by_key(|&f| (m.enters_at(f), f));
    v
}

/// The scenes as the app applies them: the needle (`--n`), the factors in play (`in`), lit
/// (`lit`) and named on a short stage (`ctx`), and `final` at the last stage (the switches show).
pub fn scenes(g: &Dg, scenes: &[&Scene]) -> contract::Scenes {
    let m = g.model();
    contract::Scenes(
        scenes
            .iter()
            .map(|s| {
                let bal = m.balance(s.stage, Switches::default());
                let mut sc = contract::Scene::new(&s.id)
                    .var("--n", needle(&m, bal))
                    .class("in", m.in_play(s.stage))
                    .class("lit", s.lit.iter().copied())
                    .class("ctx", short_context(g.d, &m, s));
                if s.stage + 1 == g.d.stage.len() {
                    sc = sc.root_class("final");
                }
                sc
            })
            .collect(),
    )
}

/// How much of the diagram a drawing carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The essay's stage: the switches show at the last stage.
    Essay,
    /// The widget: switches always, and each row says what switching it off would do.
    Widget,
}

pub fn instrument(
    g: &Dg,
    scenes: &[&Scene],
    initial: &str,
    mode: Mode,
    sheet: &mut Sheet,
) -> String {
    let d = g.d;
    let w = g.w;
    let m = g.model();
    let towards = g.toward();
    let names = g.names();
    let widget = mode == Mode::Widget;
    let last = d.stage.len().saturating_sub(1);
    let data = DiagramData {
        scenes: self::scenes(g, scenes),
        stage_of: scenes.iter().map(|s| s.stage).collect(),
        ids: d.factor.iter().map(|f| f.id.clone()).collect(),
        enters: (0..m.factor_count()).map(|f| m.enters_at(f)).collect(),
        sides: (0..m.factor_count()).map(|f| m.side(f)).collect(),
        strengths: (0..m.factor_count())
            .map(|f| m.strength(f) as usize)
            .collect(),
        items: (0..m.factor_count()).collect(),
        stage_ids: d.stage.iter().map(|s| s.id.clone()).collect(),
        toward: [towards[0].to_string(), towards[1].to_string()],
        names: [names[0].to_string(), names[1].to_string()],
        words: g.words(),
    };
    let first = data.scenes.get(initial).cloned().unwrap_or_default();
    sheet.rule(".inst-dg", &first.style());
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<div class="inst inst-dg{}{}" data-inst="diagram" data-scene="{}"{}>"#,
        if first.root.is_empty() {
            String::new()
        } else {
            format!(" {}", first.root.join(" "))
        },
        if widget { " is-widget" } else { "" },
        escape(initial),
        attrs(&data.write()),
    );
    let on = |id: &str| if id == initial { " on" } else { "" };
    // The question, and the stage in a kicker.
    o.push_str(r#"<div class="inst-head"><p class="dg-when">"#);
    o.push_str(&crate::html::scene_captions(
        scenes
            .iter()
            .map(|s| (s.id.as_str(), d.stage[s.stage].label.clone())),
        initial,
    ));
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
        let (start, wd) = segment(&m, f);
        let fa = &d.factor[f];
        let cls = first.item_classes(f);
        let _ = write!(
            o,
            r#"<span class="seg f-{} side-{} a-{}{} {}" data-k="{f}"></span>"#,
            escape(&fa.id),
            m.side(f),
            fa.actor,
            if cls.is_empty() {
                String::new()
            } else {
                format!(" {cls}")
            },
            sheet.class(&format!("--s:{};--w:{}", num(start), num(wd)))
        );
    }
    o.push_str(r#"<span class="mid"></span>"#);
    for s in scenes {
        let mut gh = String::new();
        for (gs, x, labelled) in ghosts(d, &m, s.stage, BAR_MIN_PX) {
            let decls = format!("--g:{}", num(x));
            let (class, inert) = if s.id == initial {
                (format!(" on {}", sheet.class(&decls)), String::new())
            } else {
                (String::new(), format!(r#" data-s="{decls}""#))
            };
            let _ = write!(
                gh,
                r#"<span class="ghost{class}"{inert} data-for="{}">{}</span>"#,
                escape(&s.id),
                if labelled {
                    format!("<span>{}</span>", escape(&d.stage[gs].label))
                } else {
                    String::new()
                }
            );
        }
        if s.id == initial || gh.is_empty() {
            o.push_str(&gh);
        } else {
            let _ = write!(
                o,
                r#"<template data-for="{}">{gh}</template>"#,
                escape(&s.id)
            );
        }
    }
    o.push_str(r#"<span class="needle"></span><span class="needle-was"></span></div></div>"#);
    // The verdict: one per scene, and a slot the app fills for what-if states.
    o.push_str(r#"<p class="dg-verdict">"#);
    for s in scenes {
        let bal = m.balance(s.stage, Switches::default());
        o.push_str(&for_scene(
            &s.id,
            initial,
            &format!(
                r#"<span class="sc" data-for="{}"><b>{}</b> <small>{}</small></span>"#,
                escape(&s.id),
                escape(&g.verdict(bal)),
                escape(&g.sums(bal)),
            ),
        ));
    }
    // Not a live region: the page's own live region says the change, once.
    o.push_str(r#"<span class="whatif-verdict"></span></p>"#);
    // The ledger.
    let _ = write!(
        o,
        r#"<ul class="dg-ledger" aria-label="{}">"#,
        escape(w.t(W::FactorsLabel))
    );
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
        let strength = m.strength(f);
        let pips: String = (0..5)
            .map(|i| if i < strength { '●' } else { '○' })
            .collect();
        let cls = first.item_classes(f);
        let date = g.entry_label(&m, f);
        let details = w.f(
            W::RowDetails,
            &[
                ("actor", g.cast.name(&fa.actor)),
                ("course", names[side]),
                ("strength", &strength.to_string()),
                ("date", date),
            ],
        );
        let _ = write!(
            o,
            r#"<li class="row f-{id} side-{side} a-{actor}{cls}" data-k="{f}" data-factor="{id}"><p class="row-head glb"><span class="row-label">{label}</span><span class="vh">{details}</span></p><p class="row-meta" aria-hidden="true"><span class="pips">{pips}</span>{date}{added}</p>"#,
            id = escape(&fa.id),
            actor = fa.actor,
            cls = if cls.is_empty() {
                String::new()
            } else {
                format!(" {cls}")
            },
            label = escape(&fa.label),
            details = escape(&details),
            date = escape(date),
            added = if fa.added {
                format!(
                    r#"<span class="added-mark">{}</span>"#,
                    escape(w.t(W::AddedMark))
                )
            } else {
                String::new()
            },
        );
        for s in scenes
            .iter()
            .filter(|s| s.anchor == Some(f) && !s.note.is_empty())
        {
            let _ = write!(
                o,
                r#"<span class="row-note{}" data-for="{}">{}</span>"#,
                on(&s.id),
                escape(&s.id),
                escape(&s.note)
            );
        }
        if widget {
            let _ = write!(
                o,
                r#"<span class="row-why">{}</span><span class="row-out">{}</span>"#,
                escape(&fa.whatif),
                escape(&outcome(g, &m, last, f))
            );
        }
        let _ = write!(
            o,
            r#"<input class="sw" type="checkbox" checked data-factor="{}" aria-label="{}">"#,
            escape(&fa.id),
            escape(&w.f(W::CountFactor, &[("factor", &fa.label)]))
        );
        o.push_str("</li>");
    }
    o.push_str("</ul>");
    let _ = write!(o, r#"<p class="dg-caveat">{}</p>"#, escape(&d.note));
    let _ = write!(
        o,
        r#"<div class="dg-tools"><button type="button" class="chip reset" disabled>{}</button></div>"#,
        escape(w.t(W::ResetFactors))
    );
    o.push_str("</div>");
    o
}

/// What switching factor `f` off does at `stage`, in a sentence with the sums.
pub fn outcome(g: &Dg, m: &Model, stage: usize, f: usize) -> String {
    let w = g.w;
    let towards = g.toward();
    let (on, off) = without(m, stage, f);
    let b = m.balance(stage, Switches::default().toggled(f));
    let sums = w.f(
        W::SumsShort,
        &[
            ("left", &b.left.to_string()),
            ("right", &b.right.to_string()),
        ],
    );
    match off {
        None => w.f(W::OutcomeLevel, &[("sums", &sums)]),
        Some(side) if Some(side) == on => w.f(
            W::OutcomeStill,
            &[("course", towards[side]), ("sums", &sums)],
        ),
        Some(side) => w.f(
            W::OutcomeTips,
            &[("course", towards[side]), ("sums", &sums)],
        ),
    }
}

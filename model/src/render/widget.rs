//! A widget's own page: its drawing in its default state, its controls and its text, the credit
//! line back to the explainer, the Embed panel and the language control.

use super::out::Page;
use super::page::{chronology_list, page_words};
use super::site::Site;
use super::{chrome, css};
use crate::contract::attrs;
use crate::diagram::markup as dg;
use crate::html::{escape, num, Sheet};
use crate::route::Widget;
use crate::story::Inst;
use crate::timeline::markup as tl;
use crate::words::W;
use std::fmt::Write;

pub fn widget(site: &Site, w: Widget) -> Page {
    let b = site.b;
    let title = site.widget_title(w);
    let mut sheet = Sheet::new();
    let (inst, no_target, body) = match w {
        Widget::Timeline => (Inst::Timeline, W::NoteNoEvent, timeline(site, &mut sheet)),
        Widget::Diagram => (Inst::Diagram, W::NoteNoStage, diagram(site, &mut sheet)),
        Widget::Map => (Inst::Map, W::NoteNoLine, map(site, &mut sheet)),
        Widget::Essay => return super::page::essay(site),
    };
    let o = format!(
        r#"<main id="explainer" class="widget widget-{name}" data-widget="{name}" aria-labelledby="widget-title"{pw}><div class="widget-top"><h1 id="widget-title" class="widget-title">{title}</h1>{langs}</div>{translated}{body}{credit}{embed}</main>
"#,
        name = w.as_str(),
        pw = attrs(&page_words(site, no_target).write()),
        title = escape(&title),
        langs = chrome::languages(site, w),
        translated = chrome::translation_note(site),
        credit = chrome::credit_line(site),
        embed = chrome::embed_panel(site, false),
    );
    Page {
        title: title.clone(),
        head: chrome::head(site, w, &title, &b.essay.meta.standfirst),
        // Everything inline: a widget's page is its instrument.
        css: [
            css::engine(&[css::BASE, css::STAGE, css::instrument(inst)]),
            css::minify(&chrome::theme_css(site)),
            css::minify(&chrome::instruments_css(site, &[inst], &sheet)),
        ]
        .concat(),
        deferred_css: None,
        body: o,
        files: Vec::new(),
    }
}

fn timeline(site: &Site, sheet: &mut Sheet) -> String {
    let (Some(t), Some(plan), Some(data)) =
        (site.tl(), site.timeline.as_ref(), site.b.timeline.as_ref())
    else {
        return String::new();
    };
    let w = site.w;
    let views: Vec<&crate::timeline::Scene> = plan.views.iter().map(|(s, _)| s).collect();
    let mut body = format!(
        r#"<div class="chips spans" role="group" aria-label="{}">"#,
        escape(w.t(W::ShowPeriod))
    );
    for (i, (s, label)) in plan.views.iter().enumerate() {
        let a = &plan.axis;
        let _ = write!(
            body,
            r#"<button type="button" class="chip" data-scene="{}" data-t0="{}" data-t1="{}" aria-pressed="{}">{}</button>"#,
            escape(&s.id),
            num(a.t(s.from)),
            num(a.t(s.to)),
            i == 0,
            escape(label)
        );
    }
    body.push_str("</div>");
    let _ = write!(
        body,
        r#"<div class="panel">{}</div><div class="ev-card" id="ev-card" role="region" aria-label="{}" data-close="{}" hidden></div><details class="chron"><summary>{}</summary>{}</details>"#,
        tl::instrument(&t, &views, &views[0].id, sheet),
        escape(w.t(W::EventDetails)),
        escape(w.t(W::CloseDetails)),
        escape(&w.n(W::AllEvents, data.event.len() as u64, &[])),
        chronology_list(site, data)
    );
    body
}

fn diagram(site: &Site, sheet: &mut Sheet) -> String {
    let (Some(g), Some((_, stages))) = (site.dg(), site.diagram.as_ref()) else {
        return String::new();
    };
    let w = site.w;
    let scenes: Vec<&crate::diagram::Scene> = stages.iter().collect();
    let last = scenes.last().map_or("", |s| s.id.as_str());
    let n = scenes.len();
    let mut body = format!(
        r#"<nav class="stepper" aria-label="{}"><div class="stepper-row"><button type="button" class="step-btn" data-go="prev" aria-label="{}"><span aria-hidden="true">←</span></button><p class="step-count"><span class="step-n">{n}</span><span class="step-of">{}</span></p><button type="button" class="step-btn" data-go="next" aria-label="{}" aria-disabled="true"><span aria-hidden="true">→</span></button></div></nav>"#,
        escape(w.t(W::StagesLabel)),
        escape(w.t(W::PrevStage)),
        escape(&w.f(W::StepOf, &[("total", &n.to_string())])),
        escape(w.t(W::NextStage)),
    );
    let _ = write!(
        body,
        r#"<div class="panel">{}</div><p class="vh live" aria-live="polite" aria-atomic="true"></p>"#,
        dg::instrument(&g, &scenes, last, dg::Mode::Widget, sheet)
    );
    body
}

fn map(site: &Site, sheet: &mut Sheet) -> String {
    let (Some(m), Some(base)) = (site.b.map.as_ref(), site.geo) else {
        return String::new();
    };
    let w = site.w;
    let scenes = m.default_scenes();
    let first = scenes.first().map_or(String::new(), |s| s.id.clone());
    let mut body = format!(
        r#"<div class="chips lines" role="group" aria-label="{}">"#,
        escape(w.t(W::ShowLine))
    );
    for (i, sc) in scenes.iter().enumerate() {
        let label = m.line(&sc.line).map_or("", |l| l.chip.as_str());
        let _ = write!(
            body,
            r#"<button type="button" class="chip" data-scene="{}" aria-pressed="{}">{}</button>"#,
            escape(&sc.id),
            i == 0,
            escape(label)
        );
    }
    body.push_str("</div>");
    let mut says = String::from(r#"<p class="map-says">"#);
    for sc in &scenes {
        let _ = write!(
            says,
            r#"<span class="sc{}" data-for="{}">{}</span>"#,
            if sc.id == first { " on" } else { "" },
            escape(&sc.id),
            escape(&crate::map::markup::text_alternative(m, sc, w))
        );
    }
    says.push_str("</p>");
    let land = site.land(Widget::Map, false);
    let inst = crate::map::markup::instrument(m, base, &scenes, &first, "", sheet, &land)
        .unwrap_or_default();
    // What the map shows, said under it, inside the instrument (its scene words follow it).
    let inst = match inst.rfind("</div>") {
        Some(at) => [&inst[..at], &says, "</div>"].concat(),
        None => inst,
    };
    let _ = write!(body, r#"<div class="panel">{inst}</div>"#);
    let _ = write!(
        body,
        r#"<details class="chron"><summary>{}</summary>{}</details>"#,
        escape(w.t(W::LinesSummary)),
        crate::map::markup::legend_list(m, &[], w),
    );
    body
}

//! The essay's page: the article, the pinned stage with each instrument the explainer has, a
//! still picture in every step (an image file beside the page, loaded when it is wanted), the
//! chronology, sources and method, corrections, and the language control.

use super::out::Page;
use super::site::Site;
use super::{chrome, css, still};
use crate::content::*;
use crate::contract::{attrs, PageWords};
use crate::diagram::markup::{self as dg, Dg};
use crate::diagram::{Model, Switches};
use crate::html::{escape, for_scene, inline, lang_attr, num, paragraphs, Sheet};
use crate::route::Widget;
use crate::timeline::markup as tl;
use crate::words::{fill, W};
use maud::{html, PreEscaped};
use std::fmt::Write;

/// The credit line: the original essay by title, its series and publisher, its author.
pub fn credit(site: &Site) -> String {
    let m = &site.b.essay.meta;
    let w = site.w;
    let lang = lang_attr(&m.credit_lang, site.lang);
    let local = if m.credit_title_local.is_empty() {
        String::new()
    } else {
        format!(" ({})", escape(&m.credit_title_local))
    };
    let title = if m.credit_url.is_empty() {
        format!("<cite{lang}>“{}”</cite>{local}", escape(&m.credit_title))
    } else {
        format!(
            "<cite{lang}>“<a href=\"{}\">{}</a>”</cite>{local}",
            escape(&m.credit_url),
            escape(&m.credit_title)
        )
    };
    let author = if m.credit_author.is_empty() {
        escape(w.t(W::CreditNoAuthor))
    } else {
        escape(&w.f(W::CreditAuthor, &[("author", &m.credit_author)]))
    };
    // The pattern is escaped first, then filled with markup of our own.
    let said = fill(
        &escape(w.t(W::Credit)),
        &[
            ("title", &title),
            (
                "series",
                &format!("<i{lang}>{}</i>", escape(&m.credit_series)),
            ),
            ("publisher", &escape(&m.credit_publisher)),
        ],
    );
    format!("{said} {author}")
}

/// The words the essay's app may say about its address, in the page's language.
pub fn page_words(site: &Site, no_target: W) -> PageWords {
    let w = site.w;
    PageWords {
        bad_id: w.t(W::NoteBadId).into(),
        unknown_widget: w.t(W::NoteUnknownWidget).into(),
        unknown_theme: w.t(W::NoteUnknownTheme).into(),
        no_target: w.t(no_target).into(),
        no_factor: w.t(W::NoteNoFactor).into(),
        copied: w.t(W::Copied).into(),
    }
}

/// The essay's page.
pub fn essay(site: &Site) -> Page {
    let b = site.b;
    let w = site.w;
    let m = &b.essay.meta;
    let mut sheet = Sheet::new();
    let steps: Vec<(&Chapter, &Step)> = b.steps().collect();
    let mut o = String::new();
    let _ = write!(
        o,
        r##"<a class="skip" href="#story">{skip}</a>
<main id="explainer" class="explainer" data-essay="{id}"{words}>
<header class="intro">
<p class="eyebrow">{eyebrow}</p>
<h1>{title}</h1>
<p class="standfirst">{standfirst}</p>
<p class="byline">{byline}. {credit}</p>{translated}{langs}
<div id="reader-tools" class="reader-tools"><div class="tools" role="group" aria-label="{options}"><button type="button" class="switch" data-tool="plain" aria-pressed="false"><span class="switch-knob" aria-hidden="true"></span>{plain}</button><button type="button" class="switch" data-tool="motion" aria-pressed="false"><span class="switch-knob" aria-hidden="true"></span>{motion}</button></div></div>
<nav class="toc" aria-label="{toc_label}"><h2 class="toc-title">{toc_title}</h2><ol>"##,
        skip = escape(w.t(W::SkipToStory)),
        id = escape(&m.id),
        words = attrs(&page_words(site, W::NoteNoStep).write()),
        eyebrow = escape(&w.f(W::Eyebrow, &[("series", &m.credit_series)])),
        title = escape(&m.title),
        standfirst = escape(&m.standfirst),
        byline = escape(&m.byline),
        credit = credit(site),
        translated = chrome::translation_note(site),
        langs = chrome::languages(site, Widget::Essay),
        options = escape(w.t(W::ReadingOptions)),
        plain = escape(w.t(W::ToolPlain)),
        motion = escape(w.t(W::ToolMotion)),
        toc_label = escape(w.t(W::TocLabel)),
        toc_title = escape(w.t(W::TocTitle)),
    );
    for c in b.essay.chapter.iter() {
        let _ = write!(
            o,
            r##"<li><a href="#{}"><span class="kicker">{}</span> {}</a></li>"##,
            escape(&c.id),
            escape(&c.kicker),
            escape(&c.title)
        );
    }
    let _ = write!(
        o,
        r##"<li><a href="#sources"><span class="kicker">{}</span> {}</a></li></ol></nav>
</header>
"##,
        escape(w.t(W::TocSourcesKicker)),
        escape(w.t(W::TocSources))
    );
    // The stage: the first step's instrument in its opening scene, every other one waiting.
    let first_view = steps
        .first()
        .map_or("timeline", |(_, s)| s.graphic.inst().as_str());
    let _ = write!(
        o,
        r#"<div class="scrolly" id="story">
<div class="graphic" id="graphic"><div class="panel" data-step="-1" data-view="{first_view}" tabindex="-1">"#
    );
    o.push_str(&stepper(site, &mut sheet));
    o.push_str(r#"<div class="instruments">"#);
    o.push_str(&stage_instruments(site, &mut sheet));
    let _ = write!(
        o,
        r#"</div><div class="ev-card" id="ev-card" role="region" aria-label="{}" data-close="{}" hidden></div><p class="vh live" aria-live="polite" aria-atomic="true"></p></div></div>
<div class="steps">
"#,
        escape(w.t(W::EventDetails)),
        escape(w.t(W::CloseDetails))
    );
    let additions = additions(b);
    let mut n = 0;
    let mut files = Vec::new();
    for c in b.essay.chapter.iter() {
        let _ = writeln!(
            o,
            r#"<section class="chapter" id="{id}" aria-labelledby="{id}-h"><header class="chapter-head"><p class="kicker">{kicker}</p><h2 id="{id}-h">{title}</h2></header>"#,
            id = escape(&c.id),
            kicker = escape(&c.kicker),
            title = escape(&c.title)
        );
        for s in c.step.iter() {
            let view = s.graphic.inst().as_str();
            let scene_id = match &s.graphic {
                Graphic::Map { .. } => site
                    .map_scene(&s.id)
                    .map_or(s.id.to_string(), |m| m.id.clone()),
                _ => s.id.to_string(),
            };
            let marks: Vec<(&str, usize)> = additions
                .iter()
                .filter(|a| a.step == s.id.as_str())
                .map(|a| (a.quote, a.n))
                .collect();
            let (figure, still_files) = still::figure(site, s);
            files.extend(still_files);
            let _ = writeln!(
                o,
                r#"<article class="step" id="{id}" data-step="{n}" data-view="{view}" data-scene="{scene}" data-summary="{summary}">{text}{whatif}{figure}</article>"#,
                id = escape(&s.id),
                scene = escape(&scene_id),
                summary = escape(&s.summary),
                text = paragraphs_marked(site, &s.text, &marks),
                whatif = whatif_buttons(site, s),
            );
            n += 1;
        }
        o.push_str("</section>\n");
    }
    o.push_str("</div>\n</div>\n");
    if let Some(t) = &b.timeline {
        let _ = writeln!(
            o,
            r#"<section class="chronology" id="chronology" aria-labelledby="chronology-h"><h2 id="chronology-h">{}</h2>{}</section>"#,
            escape(w.t(W::ChronologyTitle)),
            chronology_list(site, t)
        );
    }
    o.push_str(&sources(site, &additions));
    let _ = write!(
        o,
        r#"<footer class="about" id="about"><h2>{}</h2>{about}<p class="credit">{credit}</p>{note}</footer>
</main>
"#,
        escape(w.t(W::AboutTitle)),
        about = paragraphs(&m.about),
        credit = credit(site),
        note = b.diagram.as_ref().map_or(String::new(), |d| format!(
            r#"<p class="note">{}</p>"#,
            escape(&w.f(W::WeightsNote, &[("note", &d.note)]))
        )),
    );
    Page {
        title: m.title.clone(),
        head: chrome::head(site, Widget::Essay, &m.title, &m.standfirst),
        // The article's rules inline; the stage's and its instruments' deferred (the boot
        // script links them when scripting is on; nothing else needs them).
        css: [
            css::engine(&[css::BASE]),
            css::minify(&chrome::theme_css(site)),
        ]
        .concat(),
        deferred_css: Some({
            let insts = site.b.instruments();
            let mut sheets = vec![css::STAGE];
            sheets.extend(insts.iter().map(|i| css::instrument(*i)));
            [
                css::engine(&sheets),
                css::minify(&chrome::instruments_css(site, &insts, &sheet)),
            ]
            .concat()
        }),
        body: o,
        files,
    }
}

/// The stage's instruments: each the explainer has, in its opening scene.
fn stage_instruments(site: &Site, sheet: &mut Sheet) -> String {
    let w = site.w;
    let mut o = String::new();
    if let (Some(t), Some(plan)) = (site.tl(), site.timeline.as_ref()) {
        let overview = &plan.views[0].0;
        let mut live: Vec<&crate::timeline::Scene> = vec![overview];
        live.extend(plan.steps.iter());
        let _ = write!(
            o,
            r#"<section class="instrument" data-for-view="timeline" aria-label="{}">{}</section>"#,
            escape(w.t(W::InstTimeline)),
            tl::instrument(&t, &live, &overview.id, sheet)
        );
    }
    if let (Some(g), Some((steps, _))) = (site.dg(), site.diagram.as_ref()) {
        let scenes: Vec<&crate::diagram::Scene> = steps.iter().collect();
        let open = scenes.first().map_or("", |s| s.id.as_str());
        let _ = write!(
            o,
            r#"<section class="instrument" data-for-view="diagram" aria-label="{}">{}</section>"#,
            escape(w.t(W::InstDiagram)),
            dg::instrument(&g, &scenes, open, dg::Mode::Essay, sheet)
        );
    }
    if let (Some(m), Some(base)) = (&site.b.map, site.geo) {
        let scenes = unique(site.map_steps.iter().map(|(_, s)| s).collect());
        if let Some(first) = scenes.first() {
            let _ = write!(
                o,
                r#"<section class="instrument" data-for-view="map" aria-label="{}">{}</section>"#,
                escape(w.t(W::InstMap)),
                map_section(site, m, base, &scenes, &first.id, sheet)
            );
        }
    }
    o
}

/// The map's scenes with no repeats, in order.
fn unique(scenes: Vec<&crate::map::Scene>) -> Vec<crate::map::Scene> {
    let mut out: Vec<crate::map::Scene> = Vec::new();
    for s in scenes {
        if !out.iter().any(|o| o.id == s.id) {
            out.push(s.clone());
        }
    }
    out
}

/// The map on the stage: a kicker with each scene's date, the step's note, the drawing.
fn map_section(
    site: &Site,
    m: &crate::map::Map,
    base: &crate::map::geo::Base,
    scenes: &[crate::map::Scene],
    initial: &str,
    sheet: &mut Sheet,
) -> String {
    let mut head = String::from(r#"<div class="inst-head"><p class="tl-span">"#);
    head.push_str(&crate::html::scene_captions(
        scenes.iter().map(|sc| {
            let caption = m.line(&sc.line).map_or(String::new(), |l| l.date.clone());
            (sc.id.as_str(), caption)
        }),
        initial,
    ));
    head.push_str(r#"</p></div><p class="map-note">"#);
    let mut noted = Vec::new();
    for (step, sc) in &site.map_steps {
        let note = site
            .b
            .steps()
            .find(|(_, s)| s.id == step.as_str())
            .map_or("", |(_, s)| s.note.as_str());
        if !note.is_empty() && !noted.contains(&sc.id) {
            noted.push(sc.id.clone());
            head.push_str(&for_scene(
                &sc.id,
                initial,
                &format!(
                    r#"<span class="sc" data-for="{}">{}</span>"#,
                    escape(&sc.id),
                    escape(note)
                ),
            ));
        }
    }
    head.push_str("</p>");
    let land = site.land(Widget::Essay, true);
    crate::map::markup::instrument(m, base, scenes, initial, &head, sheet, &land)
        .unwrap_or_default()
}

/// The stepper that sits with the graphic: previous, "n / N", next, the chapter list, progress.
fn stepper(site: &Site, sheet: &mut Sheet) -> String {
    let b = site.b;
    let w = site.w;
    let n = b.steps().count();
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<nav class="stepper" aria-label="{label}"><div class="stepper-row"><button type="button" class="step-btn" data-go="prev" aria-label="{prev}" aria-disabled="true"><span aria-hidden="true">↑</span></button><p class="step-count"><span class="step-n">0</span><span class="step-of">{of}</span></p><button type="button" class="step-btn" data-go="next" aria-label="{next}"><span aria-hidden="true">↓</span></button><label class="chapter-pick"><span class="vh">{jump}</span><select>"#,
        label = escape(w.t(W::StepperLabel)),
        prev = escape(w.t(W::PrevStep)),
        of = escape(&w.f(W::StepOf, &[("total", &n.to_string())])),
        next = escape(w.t(W::NextStep)),
        jump = escape(w.t(W::JumpChapter)),
    );
    let mut first = 0;
    for c in b.essay.chapter.iter() {
        let _ = write!(
            o,
            r#"<option value="{first}">{} · {}</option>"#,
            escape(&c.kicker),
            escape(&c.title)
        );
        first += c.step.len();
    }
    o.push_str(r#"</select></label>"#);
    o.push_str(&chrome::embed_panel(site, true));
    o.push_str(r#"</div><div class="step-progress" aria-hidden="true"><span class="done"></span>"#);
    let mut start = 0;
    for (ci, c) in b.essay.chapter.iter().enumerate() {
        if ci > 0 {
            let _ = write!(
                o,
                r#"<span class="ch-tick {}"></span>"#,
                sheet.class(&format!("--a:{}", num(start as f64 / n.max(1) as f64)))
            );
        }
        start += c.step.len();
    }
    o.push_str("</div></nav>");
    o
}

/// The last diagram step's text ends with buttons that flip the decisive switches in place.
fn whatif_buttons(site: &Site, s: &Step) -> String {
    let (Some(d), Some((steps, _))) = (site.b.diagram.as_ref(), site.diagram.as_ref()) else {
        return String::new();
    };
    let w = site.w;
    if steps.last().map(|x| x.id.as_str()) != Some(s.id.as_str()) {
        return String::new();
    }
    let m = Model::new(d);
    let last = d.stage.len().saturating_sub(1);
    // The three strongest factors in play at the end, decisive ones first.
    let mut pick: Vec<usize> = m.in_play(last);
    pick.sort_by_key(|&f| {
        let (on, off) = crate::diagram::without(&m, last, f);
        (on == off, std::cmp::Reverse(m.strength(f)), f)
    });
    let mut o = format!(
        r#"<div class="whatif-try" role="group" aria-label="{}"><p class="whatif-try-lead">{}</p>"#,
        escape(w.t(W::WhatifTryLabel)),
        escape(w.t(W::WhatifTryLead))
    );
    for f in pick.into_iter().take(3) {
        let _ = write!(
            o,
            r#"<button type="button" class="chip" data-toggle="{}" aria-pressed="false">{}</button>"#,
            escape(&d.factor[f].id),
            escape(&d.factor[f].whatif)
        );
    }
    o.push_str("</div>");
    o
}

/// A passage of a step's text the essay does not contain, numbered for the sources section.
pub struct Added<'a> {
    pub n: usize,
    pub step: &'a str,
    pub quote: &'a str,
    pub source: &'a Source,
}

fn additions(b: &Bundle) -> Vec<Added<'_>> {
    let mut out = Vec::new();
    for (_, s) in b.steps() {
        for a in s.added.iter() {
            out.push(Added {
                n: out.len() + 1,
                step: s.id.as_str(),
                quote: a.quote.as_str(),
                source: &a.source,
            });
        }
    }
    out
}

/// Paragraphs with each marked passage wrapped as the explainer's addition, numbered.
fn paragraphs_marked(site: &Site, text: &str, marks: &[(&str, usize)]) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let para = para.replace('\n', " ");
        let mut rest: &str = &para;
        out.push_str("<p>");
        loop {
            let next = marks
                .iter()
                .filter_map(|&(q, n)| rest.find(q).map(|at| (at, q, n)))
                .min_by_key(|x| x.0);
            match next {
                Some((at, q, n)) if !q.is_empty() => {
                    // The passage, then its mark: the link to its source in the list.
                    out.push_str(&inline(&rest[..at]));
                    out.push_str(&inline(q));
                    let _ = write!(
                        out,
                        r##"<a class="added-ref" href="#added-{n}" aria-label="{}">+{n}</a>"##,
                        escape(&site.w.f(W::AddedRef, &[("n", &n.to_string())]))
                    );
                    rest = &rest[at + q.len()..];
                }
                _ => {
                    out.push_str(&inline(rest));
                    break;
                }
            }
        }
        out.push_str("</p>");
    }
    out
}

/// Every event as an ordered list with `<time>`, precision or dispute, additions and sources:
/// the timeline as text, for every reader and for screen readers in particular. The timeline's
/// card shows an entry of this list.
pub fn chronology_list(site: &Site, t: &Timeline) -> String {
    let w = site.w;
    let cast = &site.b.cast;
    let src_lang = source_lang(site);
    // Few elements: the date, the title and the source link; the rest is text.
    html! {
        ol.events {
            @for e in &t.event {
                @let actors: Vec<&str> = e.actors.iter().map(|a| cast.short(a)).collect();
                @let lane = t.lane.iter().find(|l| l.id == e.lane).map_or("", |l| l.name.as_str());
                li id={ "event-" (e.id) } {
                    time datetime=(e.date.iso()) { (w.span(&e.date)) }
                    " · " (w.precision(&e.date)) " · " (w.join(&actors)) " · " (lane.replace(crate::text::ZWSP, "")) " "
                    strong { (e.title.replace(crate::text::ZWSP, "")) }
                    " " (e.text)
                    @if !e.dispute.is_empty() {
                        " " span.dispute { (w.f(W::DateDisputed, &[("text", &e.dispute)])) }
                    }
                    @if e.added { " (" (w.t(W::NotInEssay)) ")" }
                    " " (w.t(W::Source)) " "
                    a.source href=(e.source.url) lang=[src_lang] { (e.source.title) }
                    @if let Some(s) = &e.also {
                        " " span.also { (w.t(W::AlsoSource)) " " a.source href=(s.url) { (s.title) } }
                    }
                }
            }
        }
    }
    .into_string()
}

/// A source's title is in the original's language: on another edition's page it says so.
fn source_lang<'a>(site: &'a Site<'a>) -> Option<&'a str> {
    let original = site.editions.first().map_or(site.lang, |e| e.lang.as_str());
    (!original.eq_ignore_ascii_case(site.lang)).then_some(original)
}

/// Sources and method: how the explainer was made, what it adds, how the weights were chosen and
/// what each switch does, the edition's names, and the corrections.
fn sources(site: &Site, additions: &[Added]) -> String {
    let b = site.b;
    let w = site.w;
    let src_lang = source_lang(site);
    let day = |date: &str| {
        crate::date::CalDate::parse(date)
            .map(|d| w.date(&d))
            .unwrap_or_else(|_| date.to_string())
    };
    let corrections = &b.essay.correction;
    html! {
        section.sources #sources aria-labelledby="sources-h" {
            h2 #sources-h { (w.t(W::SourcesTitle)) }
            (PreEscaped(paragraphs(&b.essay.method.text)))
            @if !additions.is_empty() {
                h3 { (w.t(W::AdditionsTitle)) }
                ol.additions {
                    @for a in additions {
                        li id={ "added-" (a.n) } value=(a.n) {
                            "“" (PreEscaped(inline(a.quote))) "” "
                            a.source href=(a.source.url) lang=[src_lang] { (a.source.title) }
                        }
                    }
                }
            }
            @if let Some(t) = &b.timeline {
                @let added = t.event.iter().filter(|e| e.added).count();
                p { (w.f(W::EventsAdded, &[("n", &t.event.len().to_string()), ("added", &added.to_string())])) }
            }
            @if let Some(g) = site.dg() { (PreEscaped(weights(site, &g))) }
            (PreEscaped(chrome::glossary(site)))
            h3 #corrections { (w.t(W::CorrectionsTitle)) }
            @if corrections.is_empty() {
                p { (w.t(W::CorrectionsNone)) }
            } @else {
                // By day: each day's date once, then what was corrected on it.
                dl.corrections {
                    @for (i, c) in corrections.iter().enumerate() {
                        @if i == 0 || corrections[i - 1].date != c.date {
                            dt { time datetime=(c.date) { (day(&c.date)) } }
                        }
                        dd { (c.text) }
                    }
                }
            }
        }
        "\n"
    }
    .into_string()
}

/// The diagram's weights, and what switching each factor off does at the final stage.
fn weights(site: &Site, g: &Dg) -> String {
    let w = site.w;
    let d = g.d;
    let m = g.model();
    let last = d.stage.len().saturating_sub(1);
    let src_lang = source_lang(site);
    let added: Vec<&str> = d
        .factor
        .iter()
        .filter(|f| f.added)
        .map(|f| f.label.as_str())
        .collect();
    html! {
        h3 { (w.t(W::WeightsTitle)) }
        p { (w.t(W::WeightsLead)) }
        table.weights {
            thead { tr {
                @for h in [W::WeightsFactor, W::WeightsToward, W::WeightsStrength, W::WeightsOff] {
                    th scope="col" { (w.t(h)) }
                }
            } }
            tbody {
                @for f in dg::entry_order(&m) {
                    @let fa = &d.factor[f];
                    @let bal = m.balance(last, Switches::default().toggled(f));
                    @let (on, off) = crate::diagram::without(&m, last, f);
                    tr {
                        th scope="row" {
                            (fa.label)
                            @if fa.added { " " span.added-note { (w.t(W::WeightsAdded)) } }
                            @if let Some(s) = &fa.source { " " a.source href=(s.url) lang=[src_lang] { (s.title) } }
                        }
                        td { (d.course.get(m.side(f)).map_or("", |c| c.label.as_str())) }
                        td { (m.strength(f)) }
                        td { (g.verdict(bal)) @if on != off { " " (w.t(W::WeightsChanges)) } }
                    }
                }
            }
        }
        @if !added.is_empty() {
            p { (w.f(W::FactorsAdded, &[("list", &w.join_semi(&added))])) }
        }
    }
    .into_string()
}

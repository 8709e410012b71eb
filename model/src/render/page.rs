//! Whole pages: the essay (article, pinned stage with every instrument, stills in the steps,
//! chronology, sources and method, corrections) and one lean page per widget.

use super::{diagram as dg, escape, inline, paragraphs, timeline as tl};
use crate::content::*;
use crate::diagram::{scenes as diagram_scenes, Model};
use crate::map::geo::Base;
use crate::map::{markup as map_markup, Map, Scene as MapScene};
use crate::route::Widget;
use crate::timeline::scenes::{plan, Plan};
use std::fmt::Write;

/// Everything a page is written from.
pub struct Site<'a> {
    pub b: &'a Bundle,
    pub timeline: Plan,
    /// The diagram's scenes: essay steps, then stages.
    pub diagram: (Vec<crate::diagram::Scene>, Vec<crate::diagram::Scene>),
    /// The map and its geometry, when the content has one.
    pub map: Option<&'a (Map, Base)>,
    /// The map's scene for each essay step that shows it (step id, scene).
    pub map_steps: Vec<(String, MapScene)>,
    /// Where the build is served, ending in `/` (see [`super::share::public_base`]).
    pub base: String,
}

impl<'a> Site<'a> {
    pub fn new(b: &'a Bundle) -> Site<'a> {
        Site::with_map(b, None)
    }

    pub fn with_map(b: &'a Bundle, map: Option<&'a (Map, Base)>) -> Site<'a> {
        let map_steps = match map {
            Some((m, _)) => b
                .steps()
                .filter_map(|(_, s)| match &s.graphic {
                    Graphic::Map { line, highlight } => {
                        Some((s.id.to_string(), MapScene::new(m, line, highlight)))
                    }
                    _ => None,
                })
                .collect(),
            None => Vec::new(),
        };
        Site {
            b,
            timeline: plan(b),
            diagram: diagram_scenes(b),
            map,
            map_steps,
            base: super::share::DEFAULT_BASE.into(),
        }
    }

    /// The map's scene at an essay step.
    fn map_scene(&self, step: &str) -> Option<&MapScene> {
        self.map_steps
            .iter()
            .find(|(id, _)| id == step)
            .map(|(_, s)| s)
    }
}

/// The map's scenes with no repeats, in order.
fn unique(scenes: Vec<&MapScene>) -> Vec<MapScene> {
    let mut out: Vec<MapScene> = Vec::new();
    for s in scenes {
        if !out.iter().any(|o| o.id == s.id) {
            out.push(s.clone());
        }
    }
    out
}

/// One page as the HTML template inlines it: what goes in `<head>` and in `<body>`.
pub struct Page {
    pub head: String,
    pub body: String,
}

fn credit(m: &Meta) -> String {
    let title = if m.credit_url.is_empty() {
        format!("“{}”", escape(&m.credit_title))
    } else {
        format!(
            "“<a href=\"{}\">{}</a>”",
            escape(&m.credit_url),
            escape(&m.credit_title)
        )
    };
    let author = if m.credit_author.is_empty() {
        " The source names no author.".to_string()
    } else {
        format!(" By {}.", escape(&m.credit_author))
    };
    format!(
        "Retold from the essay {title}, in the series <i>{}</i>, {}.{author}",
        escape(&m.credit_series),
        escape(&m.credit_publisher)
    )
}

/// The widget's headline: the diagram's own, the timeline's span, the map's title.
pub fn widget_title(site: &Site, w: Widget) -> String {
    let b = site.b;
    match w {
        Widget::Essay => b.essay.meta.title.to_string(),
        Widget::Timeline => {
            let eras = &b.timeline.era;
            match (eras.first(), eras.last()) {
                (Some(a), Some(z)) => format!(
                    "Timeline, {}–{}",
                    a.from.start.year,
                    z.to.end.unwrap_or(z.to.start).year
                ),
                _ => "Timeline".into(),
            }
        }
        Widget::Diagram => b.diagram.title.to_string(),
        Widget::Map => site
            .map
            .map_or_else(|| "Map".into(), |(m, _)| m.title.clone()),
    }
}

fn head(site: &Site, w: Widget, title: &str, description: &str, style: &str) -> String {
    format!(
        "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n{}<style>{}</style>\n",
        escape(title),
        escape(description),
        super::share::head_tags(site, w),
        style
    )
}

/// The essay's page.
pub fn essay(site: &Site) -> Page {
    let b = site.b;
    let m = &b.essay.meta;
    let steps: Vec<(&Chapter, &Step)> = b.steps().collect();
    let tl_steps: Vec<&crate::timeline::Scene> = site.timeline.steps.iter().collect();
    let overview = &site.timeline.views[0].0;
    let mut tl_live: Vec<&crate::timeline::Scene> = vec![overview];
    tl_live.extend(tl_steps.iter().copied());
    let dg_steps: Vec<&crate::diagram::Scene> = site.diagram.0.iter().collect();
    let map_scenes = unique(site.map_steps.iter().map(|(_, s)| s).collect());
    let map_css = match site.map {
        Some((m, _)) if !map_scenes.is_empty() => {
            map_markup::scene_css(m, &map_scenes).unwrap_or_default()
        }
        _ => String::new(),
    };
    let style = format!(
        "{}{}{}",
        tl::css(b, &site.timeline, &tl_live),
        dg::css(b, &dg_steps),
        map_css
    );
    let mut o = String::new();
    let _ = write!(
        o,
        r##"<a class="skip" href="#story">Skip to the story</a>
<main id="explainer" class="explainer" data-essay="{id}">
<header class="intro">
<p class="eyebrow">{series} · An explainer</p>
<h1>{title}</h1>
<p class="standfirst">{standfirst}</p>
<p class="byline">{byline}. {credit}</p>
<div id="reader-tools" class="reader-tools"><div class="tools" role="group" aria-label="Reading options"><button type="button" class="switch" data-tool="plain" aria-pressed="false"><span class="switch-knob" aria-hidden="true"></span>Read without scroll effects</button><button type="button" class="switch" data-tool="motion" aria-pressed="false"><span class="switch-knob" aria-hidden="true"></span>Reduce motion</button></div></div>
<nav class="toc" aria-label="Chapters"><h2 class="toc-title">In this explainer</h2><ol>"##,
        id = escape(&m.id),
        series = escape(&m.credit_series),
        title = escape(&m.title),
        standfirst = escape(&m.standfirst),
        byline = escape(&m.byline),
        credit = credit(m),
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
    o.push_str(r##"<li><a href="#sources"><span class="kicker">Method</span> Sources and corrections</a></li></ol></nav>
</header>
"##);
    // The stage: the first step's instrument in its opening scene, every other one waiting.
    let first_view = steps
        .first()
        .map_or("timeline", |(_, s)| graphic_view(&s.graphic));
    let dg_open = dg_steps.first().map_or("", |s| s.id.as_str());
    let _ = write!(
        o,
        r#"<div class="scrolly" id="story">
<div class="graphic" id="graphic"><div class="panel" data-step="-1" data-view="{first_view}" tabindex="-1">"#
    );
    o.push_str(&stepper(b));
    o.push_str(r#"<div class="instruments">"#);
    let _ = write!(
        o,
        r#"<section class="instrument" data-for-view="timeline" aria-label="Timeline">{}</section>"#,
        tl::instrument(b, &site.timeline, &tl_live, &overview.id, tl::Mode::Live)
    );
    let _ = write!(
        o,
        r#"<section class="instrument" data-for-view="diagram" aria-label="Decision diagram">{}</section>"#,
        dg::instrument(b, &dg_steps, dg_open, dg::Mode::Live { widget: false })
    );
    if let (Some((m, base)), Some(first)) = (site.map, map_scenes.first()) {
        let _ = write!(
            o,
            r#"<section class="instrument" data-for-view="map" aria-label="Map">{}</section>"#,
            map_section(site, m, base, &map_scenes, &first.id)
        );
    }
    o.push_str(r#"</div><div class="ev-card" id="ev-card" role="region" aria-label="Event details" hidden></div><p class="vh live" aria-live="polite" aria-atomic="true"></p></div></div>
<div class="steps">
"#);
    let additions = additions(b);
    let mut n = 0;
    for c in b.essay.chapter.iter() {
        let _ = writeln!(
            o,
            r#"<section class="chapter" id="{id}" aria-labelledby="{id}-h"><header class="chapter-head"><p class="kicker">{kicker}</p><h2 id="{id}-h">{title}</h2></header>"#,
            id = escape(&c.id),
            kicker = escape(&c.kicker),
            title = escape(&c.title)
        );
        for s in c.step.iter() {
            let (view, still) = match &s.graphic {
                Graphic::Timeline { .. } => {
                    let scene = site.timeline.steps.iter().find(|x| x.id == s.id);
                    (
                        "timeline",
                        scene.map_or(String::new(), |sc| {
                            tl::instrument(b, &site.timeline, &[sc], &sc.id, tl::Mode::Still)
                        }),
                    )
                }
                Graphic::Diagram { .. } => {
                    let scene = site.diagram.0.iter().find(|x| x.id == s.id);
                    (
                        "diagram",
                        scene.map_or(String::new(), |sc| {
                            dg::instrument(b, &[sc], &sc.id, dg::Mode::Still)
                        }),
                    )
                }
                Graphic::Map { .. } => (
                    "map",
                    match (site.map, site.map_scene(&s.id)) {
                        (Some((m, base)), Some(sc)) => {
                            map_still(site, m, base, sc).unwrap_or_default()
                        }
                        _ => String::new(),
                    },
                ),
            };
            let scene_id = match &s.graphic {
                Graphic::Map { .. } => site
                    .map_scene(&s.id)
                    .map_or(s.id.to_string(), |m| m.id.clone()),
                _ => s.id.to_string(),
            };
            let marks: Vec<(&str, usize)> = additions
                .iter()
                .filter(|a| a.step == s.id.as_ref())
                .map(|a| (a.quote, a.n))
                .collect();
            let _ = writeln!(
                o,
                r#"<article class="step" id="{id}" data-step="{n}" data-view="{view}" data-scene="{scene}"><div class="step-card">{text}{whatif}<figure class="still"><div class="still-art" aria-hidden="true">{still}</div><figcaption class="step-summary"><span class="still-label">Graphic:</span> {summary}</figcaption></figure></div></article>"#,
                id = escape(&s.id),
                scene = escape(&scene_id),
                text = paragraphs_marked(&s.text, &marks),
                whatif = whatif_buttons(site, s),
                summary = escape(&s.summary),
            );
            n += 1;
        }
        o.push_str("</section>\n");
    }
    o.push_str("</div>\n</div>\n");
    o.push_str(&chronology(b));
    o.push_str(&sources(site, &additions));
    let _ = write!(
        o,
        r#"<footer class="about" id="about"><h2>About this explainer</h2>{about}<p class="credit">{credit}</p><p class="note">The weights in the decision diagram: {note}</p></footer>
</main>
"#,
        about = paragraphs(&m.about),
        credit = credit(m),
        note = escape(&b.diagram.note),
    );
    if let (Some((_, base)), false) = (site.map, map_scenes.is_empty()) {
        // The coastlines, once: every map drawing in the page uses them.
        o.push_str(&map_markup::defs(base));
    }
    Page {
        head: head(site, Widget::Essay, &m.title, &m.standfirst, &style),
        body: o,
    }
}

/// The map on the stage: a kicker with each scene's date, the step's note, the drawing.
fn map_section(site: &Site, m: &Map, base: &Base, scenes: &[MapScene], initial: &str) -> String {
    let mut head = String::from(r#"<div class="inst-head"><p class="tl-span">"#);
    for sc in scenes {
        let caption = m.line(&sc.line).map_or(String::new(), |l| l.date.clone());
        let _ = write!(
            head,
            r#"<span class="sc" data-for="{}">{}</span>"#,
            escape(&sc.id),
            escape(&caption)
        );
    }
    head.push_str(r#"</p></div><p class="map-note">"#);
    for (step, sc) in &site.map_steps {
        let note = site
            .b
            .steps()
            .find(|(_, s)| s.id == step.as_str())
            .map_or("", |(_, s)| s.note.as_ref());
        if !note.is_empty() {
            let _ = write!(
                head,
                r#"<span class="sc" data-for="{}">{}</span>"#,
                escape(&sc.id),
                escape(note)
            );
        }
    }
    head.push_str("</p>");
    with_head(
        &map_markup::instrument(m, base, scenes, initial).unwrap_or_default(),
        &head,
    )
}

/// The map drawing with `head` put first inside it, where its scene rules reach.
fn with_head(inst: &str, head: &str) -> String {
    match inst.find('>') {
        Some(at) => [&inst[..at], r#" data-inst="map">"#, head, &inst[at + 1..]].concat(),
        None => inst.to_string(),
    }
}

/// A still of the map at one step's scene.
fn map_still(site: &Site, m: &Map, base: &Base, sc: &MapScene) -> Option<String> {
    let _ = site;
    map_markup::still(m, base, sc).ok()
}

fn graphic_view(g: &Graphic) -> &'static str {
    match g {
        Graphic::Timeline { .. } => "timeline",
        Graphic::Diagram { .. } => "diagram",
        Graphic::Map { .. } => "map",
    }
}

/// The stepper that sits with the graphic: previous, "n / N", next, the chapter list, progress.
fn stepper(b: &Bundle) -> String {
    let n = b.steps().count();
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<nav class="stepper" aria-label="Step through the story"><div class="stepper-row"><button type="button" class="step-btn" data-go="prev" aria-label="Previous step" aria-disabled="true"><span aria-hidden="true">↑</span></button><p class="step-count"><span class="step-n">0</span><span class="step-of"> / {n}</span></p><button type="button" class="step-btn" data-go="next" aria-label="Next step"><span aria-hidden="true">↓</span></button><label class="chapter-pick"><span class="vh">Jump to chapter</span><select>"#
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
    o.push_str(&embed_panel(true));
    o.push_str(r#"</div><div class="step-progress" aria-hidden="true"><span class="done"></span>"#);
    let mut start = 0;
    for (ci, c) in b.essay.chapter.iter().enumerate() {
        if ci > 0 {
            let _ = write!(
                o,
                r#"<span class="ch-tick" style="--a:{}"></span>"#,
                super::num(start as f64 / n.max(1) as f64)
            );
        }
        start += c.step.len();
    }
    o.push_str("</div></nav>");
    o
}

/// The Embed panel: the app writes the code for what the reader is looking at.
pub fn embed_panel(with_choice: bool) -> String {
    let mut o = String::from(
        r#"<details class="embed-code"><summary>Embed</summary><div class="embed-body">"#,
    );
    if with_choice {
        o.push_str(r#"<label class="embed-pick">What to embed <select><option value="timeline">The timeline</option><option value="diagram">The diagram, at this stage</option><option value="map">The map</option><option value="essay">The whole essay, from this step</option></select></label>"#);
    }
    for (i, (label, rows)) in [
        ("Iframe (sizes itself with the script)", 3),
        ("Element and script", 3),
        ("Link (paste into a CMS that reads oEmbed)", 1),
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(
            o,
            r#"<div class="embed-snippet"><label for="embed-code-{i}">{label}</label><textarea id="embed-code-{i}" readonly rows="{rows}"></textarea><button type="button" class="chip" data-copy="{i}">Copy</button></div>"#
        );
    }
    o.push_str("</div></details>");
    o
}

/// The last diagram step's text ends with buttons that flip the decisive switches in place.
fn whatif_buttons(site: &Site, s: &Step) -> String {
    let b = site.b;
    let d = &b.diagram;
    let last_step = site.diagram.0.last().map(|x| x.id.as_str());
    if last_step != Some(s.id.as_ref()) {
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
    let mut o = String::from(
        r#"<div class="whatif-try" role="group" aria-label="Try a what-if"><p class="whatif-try-lead">Try it: switch one factor off.</p>"#,
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
                step: s.id.as_ref(),
                quote: a.quote.as_ref(),
                source: &a.source,
            });
        }
    }
    out
}

/// Paragraphs with each marked passage wrapped as the explainer's addition, numbered.
fn paragraphs_marked(text: &str, marks: &[(&str, usize)]) -> String {
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
                    out.push_str(&inline(&rest[..at]));
                    let _ = write!(
                        out,
                        r##"<span class="added">{}<a class="added-ref" href="#added-{n}" aria-label="The explainer's addition {n}: its source">+{n}</a></span>"##,
                        inline(q)
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
/// the timeline as text, for every reader and for screen readers in particular.
pub fn chronology_list(b: &Bundle) -> String {
    let mut o = String::from(r#"<ol class="events">"#);
    for e in b.timeline.event.iter() {
        let actors: Vec<&str> = e.actors.iter().map(|a| a.code()).collect();
        let _ = write!(
            o,
            r#"<li id="event-{id}"><time datetime="{iso}">{date}</time><span class="precision"> · {precision}</span> <strong>{title}</strong> <span class="actors">({actors} · {place})</span> {text}{dispute}{added} <a class="source" href="{url}">{src}</a></li>"#,
            id = escape(&e.id),
            iso = e.date.iso(),
            date = escape(&e.date.to_string()),
            precision = e.date.precision_label(),
            title = escape(&e.title),
            actors = actors.join(", "),
            place = e.place.label(),
            text = escape(&e.text),
            dispute = if e.dispute.is_empty() {
                String::new()
            } else {
                format!(
                    r#" <span class="dispute">Date disputed: {}</span>"#,
                    escape(&e.dispute)
                )
            },
            added = if e.added {
                r#" <span class="added-note">Not in the essay: the explainer’s addition.</span>"#
            } else {
                ""
            },
            url = escape(&e.source.url),
            src = escape(&e.source.title),
        );
    }
    o.push_str("</ol>");
    o
}

fn chronology(b: &Bundle) -> String {
    format!(
        r#"<section class="chronology" id="chronology" aria-labelledby="chronology-h"><h2 id="chronology-h">Chronology and sources</h2>{}</section>
"#,
        chronology_list(b)
    )
}

/// Sources and method: how the explainer was made, what it adds, how the weights were chosen and
/// what each switch does, and the corrections.
fn sources(site: &Site, additions: &[Added]) -> String {
    let b = site.b;
    let d = &b.diagram;
    let m = Model::new(d);
    let towards = dg::toward(b);
    let last = d.stage.len().saturating_sub(1);
    let mut o = String::from(
        r#"<section class="sources" id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Sources and method</h2>"#,
    );
    o.push_str(&paragraphs(&b.essay.method.text));
    if !additions.is_empty() {
        o.push_str(r#"<h3>What the explainer adds to the essay</h3><ol class="additions">"#);
        for a in additions {
            let _ = write!(
                o,
                r#"<li id="added-{n}" value="{n}">“{q}” <a class="source" href="{url}">{src}</a></li>"#,
                n = a.n,
                q = inline(a.quote),
                url = escape(&a.source.url),
                src = escape(&a.source.title),
            );
        }
        o.push_str("</ol>");
    }
    let added_factors: Vec<&Factor> = d.factor.iter().filter(|f| f.added).collect();
    let added_events = b.timeline.event.iter().filter(|e| e.added).count();
    let _ = write!(
        o,
        r#"<p>Of the chronology’s {} events, {} are not in the essay; each says so and gives its source.</p>"#,
        b.timeline.event.len(),
        added_events
    );
    o.push_str(r#"<h3>The decision diagram’s weights</h3><p>Each factor’s strength, from 1 (slight) to 5 (decisive), is the explainer’s reading: a thought experiment, not a measurement. At the final stage:</p><table class="weights"><thead><tr><th scope="col">Factor</th><th scope="col">Pulls toward</th><th scope="col">Strength</th><th scope="col">Switched off, the final stage…</th></tr></thead><tbody>"#);
    for f in super::diagram::entry_order(&m) {
        let fa = &d.factor[f];
        let bal = m.balance(last, crate::diagram::Switches::default().toggled(f));
        let (on, off) = crate::diagram::without(&m, last, f);
        let src = match (&fa.source, fa.added) {
            (Some(s), _) => format!(
                r#" <a class="source" href="{}">{}</a>"#,
                escape(&s.url),
                escape(&s.title)
            ),
            _ => String::new(),
        };
        let _ = write!(
            o,
            r#"<tr><th scope="row">{}{}{}</th><td>{}</td><td>{}</td><td>{}{}</td></tr>"#,
            escape(&fa.label),
            if fa.added {
                r#" <span class="added-note">(added)</span>"#
            } else {
                ""
            },
            src,
            escape(d.course.get(m.side(f)).map_or("", |c| c.label.as_ref())),
            m.strength(f),
            escape(&crate::diagram::verdict_words(bal, towards)),
            if on == off {
                ""
            } else {
                " (changes the outcome)"
            },
        );
    }
    o.push_str("</tbody></table>");
    if !added_factors.is_empty() {
        let names: Vec<String> = added_factors.iter().map(|f| escape(&f.label)).collect();
        let _ = write!(
            o,
            r#"<p>Factors the essay does not name, added by the explainer: {}.</p>"#,
            names.join("; ")
        );
    }
    o.push_str(r#"<h3 id="corrections">Corrections</h3>"#);
    if b.essay.correction.is_empty() {
        o.push_str("<p>None so far.</p>");
    } else {
        o.push_str(r#"<ul class="corrections">"#);
        for c in b.essay.correction.iter() {
            let _ = write!(
                o,
                r#"<li><time datetime="{d}">{d}</time> {}</li>"#,
                escape(&c.text),
                d = escape(&c.date)
            );
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>\n");
    o
}

/// The credit line every widget carries back to the full explainer and the essay.
fn credit_line(b: &Bundle) -> String {
    let m = &b.essay.meta;
    format!(
        r#"<p class="credit-line"><a href="../" target="_blank" rel="noopener">{}</a> — an explainer retelling “{}” ({}).</p>"#,
        escape(&m.title),
        escape(&m.credit_title),
        escape(&m.credit_publisher)
    )
}

/// A widget's own page: its drawing in its default state, its controls, its text.
pub fn widget(site: &Site, w: Widget) -> Page {
    let b = site.b;
    let title = widget_title(site, w);
    let mut o = String::new();
    let (style, body) = match w {
        Widget::Timeline => {
            let views: Vec<&crate::timeline::Scene> =
                site.timeline.views.iter().map(|(s, _)| s).collect();
            let mut body = String::from(
                r#"<div class="chips spans" role="group" aria-label="Show a period">"#,
            );
            for (i, (s, label)) in site.timeline.views.iter().enumerate() {
                let a = &site.timeline.axis;
                let _ = write!(
                    body,
                    r#"<button type="button" class="chip" data-scene="{}" data-t0="{}" data-t1="{}" aria-pressed="{}">{}</button>"#,
                    escape(&s.id),
                    super::num(a.t(s.from)),
                    super::num(a.t(s.to)),
                    i == 0,
                    escape(label)
                );
            }
            body.push_str("</div>");
            let _ = write!(
                body,
                r#"<div class="panel">{}</div><div class="ev-card" id="ev-card" role="region" aria-label="Event details" hidden></div><details class="chron"><summary>All {} events, with dates and sources</summary>{}</details>"#,
                tl::instrument(b, &site.timeline, &views, &views[0].id, tl::Mode::Live),
                b.timeline.event.len(),
                chronology_list(b)
            );
            (tl::css(b, &site.timeline, &views), body)
        }
        Widget::Diagram => {
            let stages: Vec<&crate::diagram::Scene> = site.diagram.1.iter().collect();
            let last = stages.last().map_or("", |s| s.id.as_str());
            let n = stages.len();
            let mut body = format!(
                r#"<nav class="stepper" aria-label="Stages"><div class="stepper-row"><button type="button" class="step-btn" data-go="prev" aria-label="Previous stage"><span aria-hidden="true">←</span></button><p class="step-count"><span class="step-n">{n}</span><span class="step-of"> / {n}</span></p><button type="button" class="step-btn" data-go="next" aria-label="Next stage" aria-disabled="true"><span aria-hidden="true">→</span></button></div></nav>"#
            );
            let _ = write!(
                body,
                r#"<div class="panel">{}</div><p class="vh live" aria-live="polite" aria-atomic="true"></p>"#,
                dg::instrument(b, &stages, last, dg::Mode::Live { widget: true })
            );
            (dg::css(b, &stages), body)
        }
        Widget::Map => match site.map {
            Some((m, base)) => {
                let scenes = m.default_scenes();
                let first = scenes.first().map_or(String::new(), |s| s.id.clone());
                let mut body = String::from(
                    r#"<div class="chips lines" role="group" aria-label="Show a line">"#,
                );
                for (i, sc) in scenes.iter().enumerate() {
                    // The line's own name, without its article: "Armistice line".
                    let label = m.line(&sc.line).map_or(String::new(), |l| {
                        let name = l.label.strip_prefix("The ").unwrap_or(&l.label);
                        let mut c = name.chars();
                        c.next()
                            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                            .unwrap_or_default()
                    });
                    let _ = write!(
                        body,
                        r#"<button type="button" class="chip" data-scene="{}" aria-pressed="{}">{}</button>"#,
                        escape(&sc.id),
                        i == 0,
                        escape(&label)
                    );
                }
                body.push_str("</div>");
                let mut says = String::from(r#"<p class="map-says">"#);
                for sc in &scenes {
                    let _ = write!(
                        says,
                        r#"<span class="sc" data-for="{}">{}</span>"#,
                        escape(&sc.id),
                        escape(&map_markup::text_alternative(m, sc))
                    );
                }
                says.push_str("</p>");
                let inst = map_markup::instrument(m, base, &scenes, &first).unwrap_or_default();
                let inst = match inst.rfind("</div>") {
                    Some(at) => [&inst[..at], &says, "</div>"].concat(),
                    None => inst,
                };
                let _ = write!(body, r#"<div class="panel">{}</div>"#, with_head(&inst, ""));
                let _ = write!(
                    body,
                    r#"<details class="chron"><summary>The lines, with dates and sources</summary>{}</details>{}"#,
                    map_markup::legend_list(m, &[]),
                    map_markup::defs(base)
                );
                (map_markup::scene_css(m, &scenes).unwrap_or_default(), body)
            }
            None => (String::new(), String::new()),
        },
        Widget::Essay => (String::new(), String::new()),
    };
    let _ = writeln!(
        o,
        r#"<main id="explainer" class="widget widget-{name}" data-widget="{name}" aria-labelledby="widget-title"><h1 id="widget-title" class="widget-title">{title}</h1>{body}{credit}{embed}</main>"#,
        name = w.as_str(),
        title = escape(&title),
        credit = credit_line(b),
        embed = embed_panel(false),
    );
    Page {
        head: head(site, w, &title, &b.essay.meta.standfirst, &style),
        body: o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::mini;

    #[test]
    fn a_second_essay_renders_through_the_same_code() {
        let b = mini();
        let site = Site::new(&b);
        let html = essay(&site).body;
        assert!(html.contains("<h1>A small test of the engine</h1>"));
        assert!(html.contains(r#"<article class="step" id="boat-out" data-step="2" data-view="timeline" data-scene="boat-out">"#));
        assert!(html.contains(
            "<p>The keeper rowed out <em>anyway</em>.</p><p>The boat came back at dawn.</p>"
        ));
        assert!(html.contains(r#"<time datetime="1900-07-14">14–15 July 1900</time><span class="precision"> · date range</span>"#));
        assert!(html.contains("Date disputed: The log and the newspaper differ by a day."));
        assert!(
            html.contains("The source names no author."),
            "no author is said plainly"
        );
        assert!(html.contains(r#"id="sources""#));
    }

    #[test]
    fn every_step_has_a_still_drawn_before_any_script() {
        let b = mini();
        let html = essay(&Site::new(&b)).body;
        assert_eq!(html.matches(r#"class="inst inst-tl is-still""#).count(), 2);
        assert_eq!(html.matches(r#"class="inst inst-dg is-still""#).count(), 1);
        assert!(html.contains(r#"class="lbl at"#), "labels are in the page");
    }

    #[test]
    fn marked_passages_become_numbered_additions() {
        let p = paragraphs_marked("Alpha beta *gamma*. Delta.", &[("Delta.", 3)]);
        assert_eq!(
            p,
            r##"<p>Alpha beta <em>gamma</em>. <span class="added">Delta.<a class="added-ref" href="#added-3" aria-label="The explainer's addition 3: its source">+3</a></span></p>"##
        );
    }

    #[test]
    fn widget_pages_carry_their_drawing_and_text_but_not_the_essay() {
        let b = mini();
        let site = Site::new(&b);
        let t = widget(&site, Widget::Timeline);
        assert!(t.body.contains(r#"class="inst inst-tl""#));
        assert!(
            t.body.contains(r#"<ol class="events">"#),
            "the chronology, for every reader"
        );
        assert!(!t.body.contains("rowed out"), "no essay prose");
        assert!(!t.body.contains("inst-dg"), "no other instrument");
        let d = widget(&site, Widget::Diagram);
        assert!(d.body.contains(r#"class="inst inst-dg""#) && !d.body.contains("inst-tl"));
        assert!(
            d.body.contains(r#"type="checkbox""#),
            "the switches, without opening anything"
        );
    }
}

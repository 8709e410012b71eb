//! What every page has around its content: the `<head>` tags (title, description, canonical and
//! language alternates, oEmbed discovery, social cards), the stylesheet, the language control,
//! the translation note, the Embed panel, the credit line and the glossary.

use super::share;
use super::site::Site;
use crate::html::{escape, lang_attr, Sheet};
use crate::route::Widget;
use crate::story::Inst;
use crate::words::W;
use maud::html;

/// A page's own rules for its colours: the themes and the cast's hues and glyphs.
pub fn theme_css(site: &Site) -> String {
    crate::theme::css(&site.b.cast)
}

/// A page's own rules for its instruments: those that depend on the content (the timeline's
/// lanes), and the positions of what it draws (`sheet`).
pub fn instruments_css(site: &Site, insts: &[Inst], sheet: &Sheet) -> String {
    let mut o = String::new();
    if insts.contains(&Inst::Timeline) {
        if let Some(t) = site.tl() {
            o.push_str(&crate::timeline::markup::css(&t));
        }
    }
    o.push_str(&sheet.css());
    o
}

/// The `<head>` tags of a page: title and description, the canonical address and the other
/// editions' (`hreflang`, with `x-default` the original), oEmbed discovery and social cards.
pub fn head(site: &Site, w: Widget, title: &str, description: &str) -> String {
    let page = |dir: &str| [site.base.as_str(), dir, w.spec().dir].concat();
    let several = site.editions.len() > 1;
    let tags = html! {
        title { (crate::html::plain(title)) } "\n"
        meta name="description" content=(description); "\n"
        link rel="canonical" href=(page(site.dir)); "\n"
        @if several {
            @for e in &site.editions {
                link rel="alternate" hreflang=(e.lang) href=(page(&e.dir)); "\n"
            }
            @if let Some(orig) = site.editions.first() {
                link rel="alternate" hreflang="x-default" href=(page(&orig.dir)); "\n"
            }
        }
    };
    [tags.into_string(), share::head_tags(site, w)].concat()
}

/// The line under an edition's byline: this is the explainer's own translation.
pub fn translation_note(site: &Site) -> String {
    if site.dir.is_empty() {
        return String::new();
    }
    html! { p.translated { (site.w.t(W::TranslationNote)) } }.into_string()
}

/// The language control: a link to the same page in each other edition. The app keeps each
/// link at the reader's place (the step, stage, event or line on show).
pub fn languages(site: &Site, w: Widget) -> String {
    if site.editions.len() < 2 {
        return String::new();
    }
    let up = "../".repeat(site.page_dir(w).matches('/').count());
    let href = |dir: &str| match format!("{up}{dir}{}", w.spec().dir) {
        h if h.is_empty() => "./".to_string(),
        h => h,
    };
    html! {
        nav.langs aria-label=(site.w.t(W::LangLabel)) { ul {
            @for e in &site.editions {
                li {
                    // This edition's own link follows the place too: a click on it stays
                    // where the reader is instead of loading the page anew at its top.
                    @if e.dir == site.dir {
                        a href=(href(&e.dir)) lang=(e.lang) hreflang=(e.lang) aria-current="page" data-lang-link { (e.name) }
                    } @else {
                        a href=(href(&e.dir)) lang=(e.lang) hreflang=(e.lang) data-lang-link { (e.name) }
                    }
                }
            }
        } }
    }
    .into_string()
}

/// The Embed panel: the app writes the code for what the reader is looking at. The essay's
/// offers each instrument the explainer has and the essay itself.
pub fn embed_panel(site: &Site, with_choice: bool) -> String {
    let w = site.w;
    let picks: Vec<(&str, &str)> = site
        .widgets()
        .into_iter()
        .filter_map(|p| match p {
            Widget::Timeline => Some(("timeline", w.t(W::EmbedPickTimeline))),
            Widget::Diagram => Some(("diagram", w.t(W::EmbedPickDiagram))),
            Widget::Map => Some(("map", w.t(W::EmbedPickMap))),
            Widget::Essay => None,
        })
        .collect();
    let snippets = [(W::EmbedIframe, 3), (W::EmbedElement, 3), (W::EmbedLink, 1)];
    // The body is inert until the panel is first opened (it needs the app, and it is 17
    // elements the page would otherwise lay out and count).
    html! {
        details.embed-code {
            summary { (w.t(W::Embed)) }
            template { div.embed-body {
                @if with_choice {
                    label.embed-pick { (w.t(W::EmbedWhat)) " " select {
                        @for (value, label) in &picks { option value=(value) { (label) } }
                        option value="essay" { (w.t(W::EmbedPickEssay)) }
                    } }
                }
                @for (i, (label, rows)) in snippets.iter().enumerate() {
                    div.embed-snippet {
                        label for={ "embed-code-" (i) } { (w.t(*label)) }
                        textarea id={ "embed-code-" (i) } readonly rows=(rows) {}
                        button type="button" .chip data-copy=(i) { (w.t(W::Copy)) }
                    }
                }
            } }
        }
    }
    .into_string()
}

/// The credit line every widget carries back to the full explainer and the essay.
pub fn credit_line(site: &Site) -> String {
    let m = &site.b.essay.meta;
    let link = format!(
        r#"<a href="../" target="_blank" rel="noopener">{}</a>"#,
        escape(&m.title)
    );
    let essay = format!(
        "<span{}>{}</span>",
        lang_attr(&m.credit_lang, site.lang),
        escape(&m.credit_title)
    );
    format!(
        r#"<p class="credit-line">{}</p>"#,
        crate::words::fill(
            &escape(site.w.t(W::CreditLine)),
            &[
                ("title", &link),
                ("essay", &essay),
                ("publisher", &escape(&m.credit_publisher))
            ]
        )
    )
}

/// How this edition writes names, where usage is contested: a definition list, the edition's
/// name with the original's beside it, then who says what (three elements a term, where a table
/// took five).
pub fn glossary(site: &Site) -> String {
    let g = &site.b.glossary;
    if g.is_empty() {
        return String::new();
    }
    let w = site.w;
    let original = site.editions.first().map_or("en", |e| e.lang.as_str());
    html! {
        h3 #glossary { (w.t(W::GlossaryTitle)) }
        p { (w.t(W::GlossaryLead)) }
        dl.glossary {
            @for t in g {
                dt class=[t.contested.then_some("contested")] { (t.local) " " span lang=(original) { (t.en) } }
                dd {
                    @if t.contested { (w.t(W::GlossaryContested)) " " }
                    (t.note)
                }
            }
        }
    }
    .into_string()
}

//! What every page has around its content: the `<head>` tags (title, description, canonical and
//! language alternates, oEmbed discovery, social cards), the stylesheet, the language control,
//! the translation note, the Embed panel, the credit line and the glossary.

use super::share;
use super::site::Site;
use crate::html::{escape, lang_attr, Sheet};
use crate::route::Widget;
use crate::story::Inst;
use crate::words::W;
use std::fmt::Write;

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
    let mut o = format!(
        "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
        escape(&crate::html::plain(title)),
        escape(description)
    );
    let page = |dir: &str| [site.base.as_str(), dir, w.spec().dir].concat();
    let _ = writeln!(
        o,
        "<link rel=\"canonical\" href=\"{}\">",
        escape(&page(site.dir))
    );
    if site.editions.len() > 1 {
        for e in &site.editions {
            let _ = writeln!(
                o,
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
                escape(&e.lang),
                escape(&page(&e.dir))
            );
        }
        if let Some(orig) = site.editions.first() {
            let _ = writeln!(
                o,
                "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
                escape(&page(&orig.dir))
            );
        }
    }
    o.push_str(&share::head_tags(site, w));
    o
}

/// The line under an edition's byline: this is the explainer's own translation.
pub fn translation_note(site: &Site) -> String {
    if site.dir.is_empty() {
        return String::new();
    }
    format!(
        r#"<p class="translated">{}</p>"#,
        escape(site.w.t(W::TranslationNote))
    )
}

/// The language control: a link to the same page in each other edition. The app keeps each
/// link at the reader's place (the step, stage, event or line on show).
pub fn languages(site: &Site, w: Widget) -> String {
    if site.editions.len() < 2 {
        return String::new();
    }
    let here = site.page_dir(w);
    let up = "../".repeat(here.matches('/').count());
    let mut o = format!(
        r#"<nav class="langs" aria-label="{}"><ul>"#,
        escape(site.w.t(W::LangLabel))
    );
    for e in &site.editions {
        let href = format!("{up}{}{}", e.dir, w.spec().dir);
        let href = if href.is_empty() {
            "./".to_string()
        } else {
            href
        };
        if e.dir == site.dir {
            let _ = write!(
                o,
                r#"<li><a href="{}" lang="{}" hreflang="{}" aria-current="page">{}</a></li>"#,
                escape(&href),
                escape(&e.lang),
                escape(&e.lang),
                escape(&e.name)
            );
        } else {
            let _ = write!(
                o,
                r#"<li><a href="{}" lang="{}" hreflang="{}" data-lang-link>{}</a></li>"#,
                escape(&href),
                escape(&e.lang),
                escape(&e.lang),
                escape(&e.name)
            );
        }
    }
    o.push_str("</ul></nav>");
    o
}

/// The Embed panel: the app writes the code for what the reader is looking at. The essay's
/// offers each instrument the explainer has and the essay itself.
pub fn embed_panel(site: &Site, with_choice: bool) -> String {
    let w = site.w;
    let mut o = format!(
        // The body is inert until the panel is first opened (it needs the app, and it is 17
        // elements the page would otherwise lay out and count).
        r#"<details class="embed-code"><summary>{}</summary><template><div class="embed-body">"#,
        escape(w.t(W::Embed))
    );
    if with_choice {
        let _ = write!(
            o,
            r#"<label class="embed-pick">{} <select>"#,
            escape(w.t(W::EmbedWhat))
        );
        for p in site.widgets() {
            let (value, label) = match p {
                Widget::Timeline => ("timeline", W::EmbedPickTimeline),
                Widget::Diagram => ("diagram", W::EmbedPickDiagram),
                Widget::Map => ("map", W::EmbedPickMap),
                Widget::Essay => continue,
            };
            let _ = write!(
                o,
                r#"<option value="{value}">{}</option>"#,
                escape(w.t(label))
            );
        }
        let _ = write!(
            o,
            r#"<option value="essay">{}</option></select></label>"#,
            escape(w.t(W::EmbedPickEssay))
        );
    }
    for (i, (label, rows)) in [(W::EmbedIframe, 3), (W::EmbedElement, 3), (W::EmbedLink, 1)]
        .iter()
        .enumerate()
    {
        let _ = write!(
            o,
            r#"<div class="embed-snippet"><label for="embed-code-{i}">{}</label><textarea id="embed-code-{i}" readonly rows="{rows}"></textarea><button type="button" class="chip" data-copy="{i}">{}</button></div>"#,
            escape(w.t(*label)),
            escape(w.t(W::Copy))
        );
    }
    o.push_str("</div></template></details>");
    o
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

/// How this edition writes names, where usage is contested.
pub fn glossary(site: &Site) -> String {
    let g = &site.b.glossary;
    if g.is_empty() {
        return String::new();
    }
    let w = site.w;
    let original = site.editions.first().map_or("en", |e| e.lang.as_str());
    let mut o = format!(
        r#"<h3 id="glossary">{}</h3><p>{}</p><dl class="glossary">"#,
        escape(w.t(W::GlossaryTitle)),
        escape(w.t(W::GlossaryLead)),
    );
    // A definition list: the edition's name, the original's beside it, then who says what (three
    // elements a term, where a table took five).
    for t in g {
        let _ = write!(
            o,
            r#"<dt{}>{} <span lang="{}">{}</span></dt><dd>{}{}</dd>"#,
            if t.contested {
                r#" class="contested""#
            } else {
                ""
            },
            escape(&t.local),
            escape(original),
            escape(&t.en),
            if t.contested {
                format!("{} ", escape(w.t(W::GlossaryContested)))
            } else {
                String::new()
            },
            escape(&t.note)
        );
    }
    o.push_str("</dl>");
    o
}

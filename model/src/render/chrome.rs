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

/// The engine's stylesheets: every page's, and one per instrument.
pub const BASE_CSS: &str = include_str!("../../../style/base.css");
pub const TIMELINE_CSS: &str = include_str!("../../../style/timeline.css");
pub const DIAGRAM_CSS: &str = include_str!("../../../style/diagram.css");
pub const MAP_CSS: &str = include_str!("../../../style/map.css");

pub fn inst_css(i: Inst) -> &'static str {
    match i {
        Inst::Timeline => TIMELINE_CSS,
        Inst::Diagram => DIAGRAM_CSS,
        Inst::Map => MAP_CSS,
    }
}

/// CSS without its comments and needless white space. Conservative: strings are kept as written,
/// and only white space next to `{`, `}`, `;`, `,` (outside parentheses) and at the ends goes,
/// so a descendant combinator or a `calc()` operator is never joined.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                if pending_space && !out.is_empty() && !ends_tight(&out) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                pending_space = false;
            }
            ',' | '>' if depth == 0 => {
                out.push(c);
                pending_space = false;
            }
            _ => {
                if c == '(' {
                    depth += 1;
                } else if c == ')' {
                    depth = depth.saturating_sub(1);
                }
                if pending_space && !out.is_empty() && !ends_tight(&out) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// Whether the text so far ends where a space would be needless: after a brace, a semicolon, a
/// colon (a selector's pseudo-class never follows one with a space), or a top-level comma or `>`.
fn ends_tight(s: &str) -> bool {
    s.ends_with(['{', '}', ';', ':', ',', '>'])
}

/// A page's own stylesheet: the themes and the cast's hues, the instruments' rules that depend
/// on the content (the timeline's lanes), and the positions of what it draws (`sheet`). The
/// engine's stylesheets come before it: inlined (`inline`) or linked.
pub fn page_css(site: &Site, insts: &[Inst], sheet: &Sheet) -> String {
    let mut o = crate::theme::css(&site.b.cast);
    if insts.contains(&Inst::Timeline) {
        if let Some(t) = site.tl() {
            o.push_str(&crate::timeline::markup::css(&t));
        }
    }
    o.push_str(&sheet.css());
    o
}

/// The engine's stylesheets for these instruments, minified.
pub fn engine_css(base: bool, insts: &[Inst]) -> String {
    let mut o = String::new();
    if base {
        o.push_str(BASE_CSS);
    }
    for i in insts {
        o.push_str(inst_css(*i));
    }
    minify_css(&o)
}

/// Every page's stylesheet when its engine rules are inlined (the widgets'); the essay links its
/// instruments' stylesheet instead (see `super::document`).
pub fn css(site: &Site, insts: &[Inst], sheet: &Sheet) -> String {
    let have: Vec<Inst> = insts
        .iter()
        .copied()
        .filter(|i| site.b.has(*i))
        .collect();
    [engine_css(true, &[]), minify_css(&page_css(site, &have, sheet))].concat()
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
        let href = if href.is_empty() { "./".to_string() } else { href };
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
        r#"<details class="embed-code"><summary>{}</summary><div class="embed-body">"#,
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
            let _ = write!(o, r#"<option value="{value}">{}</option>"#, escape(w.t(label)));
        }
        let _ = write!(
            o,
            r#"<option value="essay">{}</option></select></label>"#,
            escape(w.t(W::EmbedPickEssay))
        );
    }
    for (i, (label, rows)) in [
        (W::EmbedIframe, 3),
        (W::EmbedElement, 3),
        (W::EmbedLink, 1),
    ]
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
    o.push_str("</div></details>");
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
        r#"<h3 id="glossary">{}</h3><p>{}</p><table class="glossary"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(w.t(W::GlossaryTitle)),
        escape(w.t(W::GlossaryLead)),
        escape(w.t(W::GlossaryTerm)),
        escape(w.t(W::GlossaryLocal)),
        escape(w.t(W::GlossaryNote)),
    );
    for t in g {
        let _ = write!(
            o,
            r#"<tr{}><td lang="{}">{}</td><td>{}</td><td>{}</td></tr>"#,
            if t.contested { r#" class="contested""# } else { "" },
            escape(original),
            escape(&t.en),
            escape(&t.local),
            escape(&t.note)
        );
    }
    o.push_str("</tbody></table>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_loses_comments_and_space_but_not_meaning() {
        let css = "/* a */\n.a  .b > .c ,\n.d {\n  width: calc(100% - 2px);\n  content: \"x  /* y */\";\n}\n@media (min-width: 10px) { .e { top: 0 } }";
        assert_eq!(
            minify_css(css),
            ".a .b>.c,.d{width:calc(100% - 2px);content:\"x  /* y */\"}@media (min-width:10px){.e{top:0}}"
        );
        // The engine's stylesheets minify to something smaller that keeps every rule.
        let all = [BASE_CSS, TIMELINE_CSS, DIAGRAM_CSS, MAP_CSS].concat();
        let m = minify_css(&all);
        assert!(m.len() < all.len() * 4 / 5, "{} of {}", m.len(), all.len());
        assert_eq!(m.matches('{').count(), m.matches('}').count());
    }
}

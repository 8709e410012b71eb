//! The article as static HTML, written at build time from the same content the app uses.
//!
//! The whole text is in the page before any script runs: it reads without JavaScript, paints
//! before the wasm arrives, and the app only adds the pinned graphic beside it, into boxes whose
//! size the stylesheet fixes, so nothing moves when it does.

use crate::content::*;
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Paragraphs split at blank lines; `*words*` become emphasis. Everything else is escaped.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        for (i, part) in escape(&para.replace('\n', " ")).split('*').enumerate() {
            if i % 2 == 1 {
                let _ = write!(out, "<em>{part}</em>");
            } else {
                out.push_str(part);
            }
        }
        out.push_str("</p>");
    }
    out
}

/// `<title>` and description, for the document head.
pub fn head(b: &Bundle) -> String {
    let m = &b.essay.meta;
    format!(
        "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
        escape(&m.title),
        escape(&m.standfirst)
    )
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
    format!(
        "Retold from the essay {title}, in the series <i>{}</i>, {}.",
        escape(&m.credit_series),
        escape(&m.credit_publisher)
    )
}

/// The body: intro, the scrolly story with a slot for the graphic, the chronology, the about note.
pub fn body(b: &Bundle) -> String {
    let m = &b.essay.meta;
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
<div id="reader-tools" class="reader-tools"></div>
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
    o.push_str("</ol></nav>\n</header>\n");
    o.push_str(
        r#"<div class="scrolly" id="story">
<div class="graphic" id="graphic"></div>
<div class="steps">
"#,
    );
    let mut n = 0;
    for c in b.essay.chapter.iter() {
        let _ = write!(
            o,
            r#"<section class="chapter" id="{id}" aria-labelledby="{id}-h"><header class="chapter-head"><p class="kicker">{kicker}</p><h2 id="{id}-h">{title}</h2></header>
"#,
            id = escape(&c.id),
            kicker = escape(&c.kicker),
            title = escape(&c.title)
        );
        for s in c.step.iter() {
            let _ = write!(
                o,
                r#"<article class="step" id="{id}" data-step="{n}"><div class="step-card">{text}<figure class="still"><div class="still-art" data-still="{n}" aria-hidden="true" inert></div><figcaption class="step-summary"><span class="still-label">Graphic:</span> {summary}</figcaption></figure></div></article>
"#,
                id = escape(&s.id),
                text = paragraphs(&s.text),
                summary = escape(&s.summary),
            );
            n += 1;
        }
        o.push_str("</section>\n");
    }
    o.push_str("</div>\n</div>\n");
    o.push_str(&chronology(b));
    let _ = write!(
        o,
        r#"<footer class="about" id="about"><h2>About this explainer</h2>{about}<p class="credit">{credit}</p><p class="note">The weights in the decision diagram: {note}</p></footer>
</main>
"#,
        about = paragraphs(&m.about),
        credit = credit(m),
        note = escape(&b.diagram.note),
    );
    o
}

/// Every event as an ordered list with `<time>`, dates' precision and disputes, and sources:
/// the timeline as text, for every reader and for screen readers in particular.
pub fn chronology(b: &Bundle) -> String {
    let mut o = String::from(
        r#"<section class="chronology" id="chronology" aria-labelledby="chronology-h"><h2 id="chronology-h">Chronology and sources</h2><ol class="events">"#,
    );
    for e in b.timeline.event.iter() {
        let actors: Vec<&str> = e.actors.iter().map(|a| a.code()).collect();
        let _ = write!(
            o,
            r#"<li id="event-{id}"><time datetime="{iso}">{date}</time><span class="precision"> · {precision}</span> <strong>{title}</strong> <span class="actors">({actors})</span> {text}{dispute} <a class="source" href="{url}">{src}</a></li>"#,
            id = escape(&e.id),
            iso = e.date.iso(),
            date = escape(&e.date.to_string()),
            precision = e.date.precision_label(),
            title = escape(&e.title),
            actors = actors.join(", "),
            text = escape(&e.text),
            dispute = if e.dispute.is_empty() {
                String::new()
            } else {
                format!(
                    r#" <span class="dispute">Date disputed: {}</span>"#,
                    escape(&e.dispute)
                )
            },
            url = escape(&e.source.url),
            src = escape(&e.source.title),
        );
    }
    o.push_str("</ol></section>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn mini() -> Bundle {
        crate::load::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini"))
            .unwrap()
    }

    #[test]
    fn escapes_and_emphasis() {
        assert_eq!(
            paragraphs("a < b & *c*\n\nnext"),
            "<p>a &lt; b &amp; <em>c</em></p><p>next</p>"
        );
        assert_eq!(escape(r#""x""#), "&quot;x&quot;");
    }

    #[test]
    fn a_second_essay_renders_through_the_same_code() {
        let html = body(&mini());
        assert!(html.contains("<h1>A small test of the engine</h1>"));
        assert!(html.contains(r#"<article class="step" id="boat-out" data-step="2">"#));
        assert!(html.contains(
            "<p>The keeper rowed out <em>anyway</em>.</p><p>The boat came back at dawn.</p>"
        ));
        assert!(html.contains(r#"<section class="chapter" id="summer""#));
        assert!(
            html.contains(r##"<a href="#winter">"##),
            "the chapter list links each chapter"
        );
        assert!(html.contains(r#"<time datetime="1900-07-14">14–15 July 1900</time><span class="precision"> · date range</span>"#));
        assert!(html.contains("Date disputed: The log and the newspaper differ by a day."));
        assert!(html.contains("Retold from the essay “The Lighthouse Year”, in the series <i>Fixtures</i>, Test Press."));
        assert!(head(&mini()).contains("<title>A small test of the engine</title>"));
    }
}

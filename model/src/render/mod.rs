//! The pages as HTML, written at build time (the `build` feature): the essay with its pinned
//! graphic, its stills, its chronology and sources, and one lean page per widget. Every drawing
//! is laid out by the model and written here, so it paints before any script runs; the app then
//! only changes attributes on what is already there.

pub mod card;
pub mod diagram;
pub mod page;
pub mod share;
pub mod timeline;

use std::fmt::Write;

/// Escapes text for HTML content and double-quoted attributes.
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
        out.push_str(&inline(&para.replace('\n', " ")));
        out.push_str("</p>");
    }
    out
}

/// One paragraph's text, escaped, with `*words*` as emphasis.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in escape(text).split('*').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<em>{part}</em>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A number for CSS: at most four decimals, no trailing zeros, no `-0`.
pub fn num(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_string(),
        s => s.to_string(),
    }
}

/// A whole px value (labels' boxes are measured in whole px).
pub fn px(v: f64) -> String {
    format!("{}", v.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_emphasis() {
        assert_eq!(
            paragraphs("a < b & *c*\n\nnext"),
            "<p>a &lt; b &amp; <em>c</em></p><p>next</p>"
        );
        assert_eq!(escape(r#""x""#), "&quot;x&quot;");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(0.123456), "0.1235");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(-1.5), "-1.5");
    }
}

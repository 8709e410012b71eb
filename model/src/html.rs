//! Writing HTML: the one escaper, paragraphs with emphasis, and numbers for CSS. Used by every
//! markup writer (the pages, each instrument's drawing, the embed codes).

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

/// Text with emphasis markers removed (for attributes, alt text and cards).
pub fn plain(text: &str) -> String {
    // (and without the phrase marks of a language written without spaces: a title, a name or a
    // description outside the page's own layout, where nothing wraps at them)
    text.replace(['*', crate::text::ZWSP], "")
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

/// ` lang="…"` when `lang` differs from the page's, else nothing: an element in another language
/// says so (screen readers switch voice; browsers pick the right glyphs and line breaking).
pub fn lang_attr(lang: &str, page_lang: &str) -> String {
    if lang.is_empty() || lang.eq_ignore_ascii_case(page_lang) {
        String::new()
    } else {
        format!(r#" lang="{}""#, escape(lang))
    }
}

/// One scene's element: drawn now for the scene on show (`initial`), kept inert in a `<template>`
/// for the others (the scene player brings it in when its scene is first shown). `el` is given
/// the class `on` when drawn.
pub fn for_scene(id: &str, initial: &str, el: &str) -> String {
    if id == initial {
        el.replacen(r#"class=""#, r#"class="on "#, 1)
    } else {
        format!(r#"<template data-for="{}">{el}</template>"#, escape(id))
    }
}

/// One caption per scene (`<span class="sc" data-for=…>`), the initial scene's on show and the
/// others kept in templates: the instruments' heads say the scene in words this way.
pub fn scene_captions<'a>(
    captions: impl IntoIterator<Item = (&'a str, String)>,
    initial: &str,
) -> String {
    captions
        .into_iter()
        .map(|(id, text)| {
            for_scene(
                id,
                initial,
                &format!(
                    r#"<span class="sc" data-for="{}">{}</span>"#,
                    escape(id),
                    escape(&text)
                ),
            )
        })
        .collect()
}

/// How the sheet's own classes start: with a character that begins no class of the stylesheets
/// (a test checks `style/`).
pub const SHEET_PREFIX: &str = "_";

/// Where an element's own custom properties go. A page may be served under a Content Security
/// Policy that allows no inline `style` attribute, so no element carries one: an element drawn
/// for the first paint gets a class whose rule is in the page's stylesheet ([`Sheet`]); an element
/// kept inert in a `<template>` carries its declarations as `data-s`, which the app applies
/// through the CSSOM when it brings the element in.
pub struct Sheet {
    rules: Vec<(String, String)>,
    classes: std::collections::HashMap<String, String>,
}

impl Default for Sheet {
    fn default() -> Sheet {
        Sheet::new()
    }
}

impl Sheet {
    pub fn new() -> Sheet {
        Sheet {
            rules: Vec::new(),
            classes: std::collections::HashMap::new(),
        }
    }

    /// A class for these declarations (the same declarations share one). Its name starts with
    /// [`SHEET_PREFIX`], which no class of the stylesheets does, so it can never take a rule meant
    /// for another element (`s` + a counter once gave a bar segment the scene words' `.sc`).
    pub fn class(&mut self, decls: &str) -> String {
        if let Some(c) = self.classes.get(decls) {
            return c.clone();
        }
        let c = format!("{SHEET_PREFIX}{}", base36(self.classes.len()));
        self.classes.insert(decls.to_string(), c.clone());
        self.rules.push((format!(".{c}"), decls.to_string()));
        c
    }

    /// A rule of its own (an instrument's first scene, its lanes).
    pub fn rule(&mut self, selector: &str, decls: &str) {
        self.rules.push((selector.to_string(), decls.to_string()));
    }

    /// Raw CSS, kept in order with the rules.
    pub fn raw(&mut self, css: &str) {
        self.rules.push((String::new(), css.to_string()));
    }

    pub fn css(&self) -> String {
        let mut o = String::new();
        for (sel, decls) in &self.rules {
            if sel.is_empty() {
                o.push_str(decls);
            } else {
                let _ = write!(o, "{sel}{{{decls}}}");
            }
        }
        o
    }
}

fn base36(mut n: usize) -> String {
    const D: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(D[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

/// Where one element's declarations go: a class of the sheet (drawn now), or `data-s` (inert).
pub enum Styles<'a> {
    Live(&'a mut Sheet),
    Inert,
}

impl Styles<'_> {
    /// ` class-name` to add to the element's classes (live), or "".
    pub fn class(&mut self, decls: &str) -> String {
        match self {
            Styles::Live(sheet) if !decls.is_empty() => format!(" {}", sheet.class(decls)),
            _ => String::new(),
        }
    }

    /// ` data-s="…"` to add to the element (inert), or "".
    pub fn attr(&self, decls: &str) -> String {
        match self {
            Styles::Inert if !decls.is_empty() => format!(r#" data-s="{}""#, escape(decls)),
            _ => String::new(),
        }
    }

    /// Both: what an element's opening tag needs, as (classes, attribute).
    pub fn both(&mut self, decls: &str) -> (String, String) {
        (self.class(decls), self.attr(decls))
    }

    pub fn live(&self) -> bool {
        matches!(self, Styles::Live(_))
    }

    /// The same destination, borrowed again.
    pub fn reborrow(&mut self) -> Styles<'_> {
        match self {
            Styles::Live(s) => Styles::Live(s),
            Styles::Inert => Styles::Inert,
        }
    }
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
        assert_eq!(plain("the *Volunteers*"), "the Volunteers");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(0.123456), "0.1235");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(-1.5), "-1.5");
    }

    #[test]
    fn a_sheet_gives_the_same_declarations_one_class() {
        let mut s = Sheet::new();
        let a = s.class("--t:0.5");
        let b = s.class("--t:0.25");
        assert_eq!((a.as_str(), b.as_str()), ("_0", "_1"));
        assert_eq!(s.class("--t:0.5"), "_0");
        s.rule(".inst-tl", "--t0:0");
        assert_eq!(s.css(), "._0{--t:0.5}._1{--t:0.25}.inst-tl{--t0:0}");
        let mut inert = Styles::Inert;
        assert_eq!(
            inert.both("--u:1"),
            (String::new(), r#" data-s="--u:1""#.into())
        );
        assert_eq!(base36(37), "11");
    }

    /// A sheet's class names can never be one of the stylesheets' own classes (`.sc`, `.sw`,
    /// `.seg`, …): no class there starts with the sheet's prefix.
    #[test]
    fn the_sheets_classes_are_no_stylesheets_classes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../style");
        let mut found = Vec::new();
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "css") {
                let css = std::fs::read_to_string(&p).unwrap();
                for part in css.split('.').skip(1) {
                    if part.starts_with(SHEET_PREFIX) {
                        found.push(format!("{}: .{}", p.display(), &part[..part.len().min(20)]));
                    }
                }
            }
        }
        assert!(found.is_empty(), "{found:?}");
        let mut s = Sheet::new();
        for i in 0..2000 {
            assert!(s.class(&format!("--t:{i}")).starts_with(SHEET_PREFIX));
        }
    }

    #[test]
    fn a_scene_element_is_drawn_for_the_scene_on_show_and_kept_for_the_others() {
        let el = r#"<span class="sc" data-for="a">A</span>"#;
        assert_eq!(
            for_scene("a", "a", el),
            r#"<span class="on sc" data-for="a">A</span>"#
        );
        assert_eq!(
            for_scene("a", "b", el),
            r#"<template data-for="a"><span class="sc" data-for="a">A</span></template>"#
        );
    }

    #[test]
    fn another_language_is_marked() {
        assert_eq!(lang_attr("en", "ko"), r#" lang="en""#);
        assert_eq!(lang_attr("zh-Hans", "zh-hans"), "");
        assert_eq!(lang_attr("", "en"), "");
    }
}

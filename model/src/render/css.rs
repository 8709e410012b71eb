//! The pages' stylesheets: the engine's (style/*.css), minified, and cut per page to the rules
//! it can use. Every page inlines what its first paint needs; the essay's stage and
//! instruments come in a stylesheet of their own that the boot script links (issue 20: the
//! essay's inline CSS was 50 KB).

use std::collections::HashSet;

/// The engine's stylesheets. `BASE`: every page (the article, the editions' controls, glyphs,
/// chips, sources, widget pages, motion, print). `STAGE`: the stage around the instruments
/// (stepper, scene words, event card, embed code, notices): the widgets inline it, the essay
/// defers it with its instruments'.
pub const BASE: &str = include_str!("../../../style/base.css");
pub const STAGE: &str = include_str!("../../../style/stage.css");
pub const TIMELINE: &str = include_str!("../../../style/timeline.css");
pub const DIAGRAM: &str = include_str!("../../../style/diagram.css");
pub const MAP: &str = include_str!("../../../style/map.css");

pub fn instrument(i: crate::story::Inst) -> &'static str {
    use crate::story::Inst;
    match i {
        Inst::Timeline => TIMELINE,
        Inst::Diagram => DIAGRAM,
        Inst::Map => MAP,
    }
}

/// 12 hex digits of the SHA-256 of `bytes`: a file's name by its content.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// These stylesheets, one after the other, minified.
pub fn engine(sheets: &[&str]) -> String {
    minify(&sheets.concat())
}

/// CSS without its comments and needless white space. Conservative: strings are kept as written,
/// and only white space next to `{`, `}`, `;`, `,` (outside parentheses) and at the ends goes,
/// so a descendant combinator or a `calc()` operator is never joined.
pub fn minify(css: &str) -> String {
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

/// Every word a page could match a class selector with: each run of letters, digits, `-` and
/// `_` in its markup (class attributes, scene data and templates alike: a generous reading,
/// never a narrow one), and the classes the apps add themselves
/// (`crate::contract::RUNTIME_CLASSES`).
pub fn used(texts: &[&str]) -> HashSet<String> {
    let mut out: HashSet<String> = crate::contract::RUNTIME_CLASSES
        .iter()
        .map(|c| c.to_string())
        .collect();
    for t in texts {
        for w in t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
            if !w.is_empty() && !out.contains(w) {
                out.insert(w.to_string());
            }
        }
    }
    out
}

/// `css` (minified) without the rules no element of the page can match: a rule goes when each
/// selector of its list names a class the page never has (outside `:not()`, `:is()` and other
/// parentheses, whose classes are left alone, so the cut only ever keeps too much). At-rules
/// that hold rules (`@media`, `@container`, `@supports`) are cut inside and go when empty;
/// others (`@keyframes`) stay whole.
pub fn prune(css: &str, used: &HashSet<String>) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let head = &rest[..open];
        if head.starts_with('@') {
            let close = open + matching(&rest[open..]);
            let inner = &rest[open + 1..close];
            if ["@media", "@container", "@supports"]
                .iter()
                .any(|a| head.starts_with(a))
            {
                let kept = prune(inner, used);
                if !kept.is_empty() {
                    out.push_str(head);
                    out.push('{');
                    out.push_str(&kept);
                    out.push('}');
                }
            } else {
                out.push_str(&rest[..=close]);
            }
            rest = &rest[close + 1..];
        } else {
            let close = open + rest[open..].find('}').unwrap_or(rest.len() - open - 1);
            let kept: Vec<&str> = top_level(head, ',')
                .into_iter()
                .filter(|sel| can_match(sel, used))
                .collect();
            if !kept.is_empty() {
                out.push_str(&kept.join(","));
                out.push_str(&rest[open..=close.min(rest.len() - 1)]);
            }
            rest = &rest[(close + 1).min(rest.len())..];
        }
    }
    out.push_str(rest.trim());
    out
}

/// The offset of the `}` that closes the `{` at the start of `s`.
fn matching(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len() - 1
}

/// `s` split at `sep` outside parentheses and brackets.
fn top_level(s: &str, sep: char) -> Vec<&str> {
    let (mut out, mut depth, mut from) = (Vec::new(), 0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(&s[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

/// Whether a selector's classes (outside parentheses and brackets) are all among `used`.
fn can_match(sel: &str, used: &HashSet<String>) -> bool {
    let mut depth = 0i32;
    for (i, c) in sel.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '.' if depth == 0 => {
                let name_len = sel[i + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(sel.len() - i - 1);
                let name = &sel[i + 1..i + 1 + name_len];
                // A number (`.5` in a value never reaches here; a selector's class starts
                // with a letter, `-` or `_`).
                if !name.is_empty() && !used.contains(name) {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_loses_comments_and_space_but_not_meaning() {
        let css = "/* a */\n.a  .b > .c ,\n.d {\n  width: calc(100% - 2px);\n  content: \"x  /* y */\";\n}\n@media (min-width: 10px) { .e { top: 0 } }";
        assert_eq!(
            minify(css),
            ".a .b>.c,.d{width:calc(100% - 2px);content:\"x  /* y */\"}@media (min-width:10px){.e{top:0}}"
        );
        // The engine's stylesheets minify to something smaller that keeps every rule.
        let all = [BASE, STAGE, TIMELINE, DIAGRAM, MAP].concat();
        let m = minify(&all);
        assert!(m.len() < all.len() * 4 / 5, "{} of {}", m.len(), all.len());
        assert_eq!(m.matches('{').count(), m.matches('}').count());
    }

    #[test]
    fn a_rule_goes_only_when_no_selector_of_it_can_match() {
        let used = used(&[r#"<p class="a b">x</p><template><i class="t"></i></template>"#]);
        let css = ".a{top:0}.z{top:1px}.a .z,.b{top:2px}.a:not(.z){top:3px}:is(.z,.q) .b{top:4px}\
                   @media (min-width:1px){.z{top:5px}}@media print{.t{top:6px}.z{top:7px}}\
                   @keyframes k{from{opacity:0}}html.js .a{top:8px}[data-x=\".z\"]{top:9px}";
        assert_eq!(
            prune(css, &used),
            ".a{top:0}.b{top:2px}.a:not(.z){top:3px}:is(.z,.q) .b{top:4px}\
             @media print{.t{top:6px}}@keyframes k{from{opacity:0}}html.js .a{top:8px}[data-x=\".z\"]{top:9px}"
        );
        // What the apps add themselves is always kept.
        assert_eq!(prune(".on{top:0}", &used), ".on{top:0}");
    }

    #[test]
    fn every_page_keeps_every_rule_it_can_use_and_the_cut_is_real() {
        // The engine's whole stylesheet, cut for a page with every class: nothing goes.
        let all = engine(&[BASE, STAGE, TIMELINE, DIAGRAM, MAP]);
        let every: Vec<String> = all
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map(str::to_string)
            .collect();
        let joined = every.join(" ");
        assert_eq!(prune(&all, &used(&[&joined])), all);
        // And for a page with none, most goes.
        assert!(prune(&all, &used(&[""])).len() < all.len() / 2);
    }
}

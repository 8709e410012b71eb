//! Whole documents, and what a host needs to serve them under a strict Content Security Policy.
//!
//! The `pages` bin writes every page of every edition as a whole document at build time, with
//! two holes for what only the build's last step knows: the addresses of the page's app (Trunk
//! names its files by hash). `assemble` fills them in and computes the policy: every inline
//! script and stylesheet the pages carry, by hash. There is one inline script on every page,
//! the same everywhere (`pages/boot.js`: it marks the reading mode before first paint and loads
//! the app); no element carries a `style` attribute (see `html::Sheet`); so the policy needs no
//! `'unsafe-inline'`.

use super::out::Page;
use super::site::Site;
use crate::html::escape;
use crate::route::Widget;
use sha2::{Digest, Sha256};

/// The inline script of every page.
pub const BOOT_JS: &str = include_str!("../../../pages/boot.js");

/// The holes `assemble` fills: the app's JS glue and wasm, as addresses relative to the page.
pub const JS_HOLE: &str = "@explainer-js@";
pub const WASM_HOLE: &str = "@explainer-wasm@";

/// The app a page runs: the essay's (the top-level crate's `explainer` bin) or a widget's.
pub fn app_of(w: Widget) -> &'static str {
    match w {
        Widget::Essay => "explainer",
        w => w.as_str(),
    }
}

/// `boot.js` as it goes into the page: its comments and indentation taken out (it is written to
/// be read; it has no string or regular expression that a line comment could be mistaken in).
pub fn boot_script() -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in BOOT_JS.lines() {
        let t = line.trim();
        if in_block {
            if t.contains("*/") {
                in_block = false;
            }
            continue;
        }
        if t.starts_with("/*") {
            in_block = !t.contains("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// The page as a whole document, with the app's addresses still to fill in. `css_file` is the
/// engine stylesheet the boot script links (the essay's instruments), relative to the page.
pub fn document(site: &Site, w: Widget, page: &Page, css_file: Option<&str>) -> String {
    format!(
        r#"<!doctype html>
<html lang="{lang}" data-page="{page}" data-root="{root}" data-edition="{edition}" data-js="{js}" data-wasm="{wasm}"{css}>
<head>
<meta charset="utf-8">
<script>{boot}</script>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
{head}<style>{style}</style>
</head>
<body>
{body}</body>
</html>
"#,
        lang = escape(site.lang),
        page = w.as_str(),
        root = escape(&site.to_root(w)),
        edition = escape(site.dir),
        js = JS_HOLE,
        wasm = WASM_HOLE,
        css = css_file.map_or(String::new(), |f| format!(r#" data-css="{}""#, escape(f))),
        boot = boot_script(),
        head = page.head,
        // Cut to what this page can use (the engine's rules for every kind of page are many).
        style = super::css::prune(&page.css, &page.used()),
        body = page.body,
    )
}

/// `'sha256-…'` of a script's or stylesheet's text, as a policy names it.
pub fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The inline scripts and stylesheets of a document: (scripts, styles), each its text.
pub fn inline_blocks(html: &str) -> (Vec<&str>, Vec<&str>) {
    let blocks = |open: &str, close: &str| -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let Some(end) = after.find(close) else { break };
            out.push(&after[..end]);
            rest = &after[end + close.len()..];
        }
        out
    };
    (
        blocks("<script>", "</script>"),
        blocks("<style>", "</style>"),
    )
}

/// The policy for a set of documents: scripts and styles from the explainer's own origin, and
/// inline ones only by their hashes; wasm compiled from its own files; no plugins, no base
/// changes, no forms. Framing is left open (the widgets are meant to be embedded; a host that
/// wants to limit it adds `frame-ancestors`).
///
/// `origin` (the site's own, `https://example.org`) is named beside `'self'`: a page framed in a
/// sandbox without `allow-same-origin` has an opaque origin, and WebKit then matches `'self'`
/// against nothing (Chromium and Firefox match the page's address), so the app's own files are
/// refused there unless the policy names where they come from.
pub fn policy(docs: &[&str], origin: Option<&str>) -> String {
    let mut scripts: Vec<String> = Vec::new();
    let mut styles: Vec<String> = Vec::new();
    for d in docs {
        let (sc, st) = inline_blocks(d);
        for s in sc {
            let h = csp_hash(s);
            if !scripts.contains(&h) {
                scripts.push(h);
            }
        }
        for s in st {
            let h = csp_hash(s);
            if !styles.contains(&h) {
                styles.push(h);
            }
        }
    }
    let me = match origin {
        Some(o) => format!("'self' {o}"),
        None => "'self'".to_string(),
    };
    format!(
        "default-src {me}; script-src {me} 'wasm-unsafe-eval' {}; style-src {me} {}; img-src {me} data:; connect-src {me}; base-uri 'none'; object-src 'none'; form-action 'none'",
        scripts.join(" "),
        styles.join(" ")
    )
}

/// The origin (`scheme://host[:port]`) of an absolute address such as the public base.
pub fn origin_of(address: &str) -> String {
    let (scheme, rest) = address.split_once("://").unwrap_or(("https", address));
    let host = rest.split('/').next().unwrap_or("");
    format!("{scheme}://{host}")
}

/// The `_headers` file (Netlify's and Cloudflare Pages' format; others copy the line): the
/// policy on every path, and what the README asks of a host besides.
pub fn headers_file(policy: &str) -> String {
    format!(
        "# Written by the build (model/src/render/document.rs): serve every file with these headers.\n/*\n  Content-Security-Policy: {policy}\n  Access-Control-Allow-Origin: *\n  X-Content-Type-Options: nosniff\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::relative;

    #[test]
    fn hashes_are_what_browsers_compute() {
        // The CSP spec's own example: the hash of `alert('Hello, world.');`.
        assert_eq!(
            csp_hash("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn the_policy_names_every_inline_block_and_no_unsafe_inline() {
        let a = "<script>x()</script><style>a{}</style>";
        let b = "<script>x()</script><style>b{}</style>";
        let p = policy(&[a, b], None);
        assert_eq!(
            p.matches("'sha256-").count(),
            3,
            "one script, two styles: {p}"
        );
        assert!(!p.contains("unsafe-inline"));
        assert!(p.contains("'wasm-unsafe-eval'"));
        // The site's own origin beside 'self' wherever its files are allowed (WebKit's sandbox).
        let q = policy(&[a], Some("https://example.org"));
        for d in [
            "default-src",
            "script-src",
            "style-src",
            "img-src",
            "connect-src",
        ] {
            assert!(
                q.contains(&format!("{d} 'self' https://example.org")),
                "{d}: {q}"
            );
        }
        assert_eq!(
            origin_of("https://example.org/news/explainer/"),
            "https://example.org"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
        assert_eq!(
            relative("ko/timeline/", "timeline/x.js"),
            "../../timeline/x.js"
        );
        assert_eq!(relative("", "x.js"), "./x.js");
    }

    #[test]
    fn the_boot_script_loses_only_its_comments() {
        let s = boot_script();
        assert!(!s.contains("/*") && !s.contains("\n//"));
        assert!(s.contains("__explainerFailed"));
        assert!(s.len() < BOOT_JS.len());
    }
}

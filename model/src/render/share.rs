//! Being shared by link: what a page says about itself to the sites a link to it is pasted into.
//!
//! - oEmbed discovery: a `<link rel="alternate" type="application/json+oembed">` in every page's
//!   head, pointing at a static response written beside the page (`oembed.json`): type `rich`,
//!   the Embed panel's frame for the page's default state, preceded by a link to the page that
//!   WordPress shows until the frame answers it.
//! - Open Graph and Twitter card tags with the page's card (`card.png`, see [`super::card`]).
//!
//! Consumers need absolute addresses (WordPress does not resolve a relative discovery link, the
//! `html` is pasted into another site, social sites want absolute images), and a static build
//! cannot learn where it is served: the public address is a build setting,
//! [`PUBLIC_URL_VAR`], read by the `pages` bin.

use super::card;
use super::site::Site;
use crate::html::escape;
use crate::route::{widget_href, Theme, Widget};
use crate::share::iframe_code;
use std::fmt::Write;

pub use super::site::DEFAULT_BASE;

/// The build setting: the address `dist/` will be served from.
pub const PUBLIC_URL_VAR: &str = "EXPLAINER_PUBLIC_URL";
/// The oEmbed response and the card, in each page's folder.
pub const OEMBED_FILE: &str = "oembed.json";
pub const CARD_FILE: &str = "card.png";
/// A nominal width for the response: the frames are fluid (`width="100%"`).
pub const OEMBED_WIDTH: u32 = 640;

/// The public address of the essay's folder from the setting: absolute `http(s)`, no query or
/// fragment, ending in `/` (added when missing). Anything else is an error that stops the build.
pub fn public_base(setting: &str) -> Result<String, String> {
    let s = setting.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let host = rest.map(|r| r.split('/').next().unwrap_or(""));
    let bad = s
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\?#`".contains(c));
    match host {
        Some(h) if !h.is_empty() && !bad => Ok(if s.ends_with('/') {
            s.to_string()
        } else {
            format!("{s}/")
        }),
        _ => Err(format!(
            "{PUBLIC_URL_VAR}=“{s}” is not an absolute http(s) address of a folder, like https://example.org/explainer/"
        )),
    }
}

/// A page's public address (in this edition).
pub fn page_url(site: &Site, w: Widget) -> String {
    [site.base.as_str(), site.dir, w.spec().dir].concat()
}

/// A file in a page's folder, by its public address.
pub fn file_url(site: &Site, w: Widget, file: &str) -> String {
    [site.base.as_str(), site.dir, w.spec().dir, file].concat()
}

/// The `<head>` tags: oEmbed discovery, then Open Graph and the Twitter card.
pub fn head_tags(site: &Site, w: Widget) -> String {
    let b = site.b;
    let title = escape(&crate::html::plain(&site.widget_title(w)));
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{title}\">",
        escape(&file_url(site, w, OEMBED_FILE)),
    );
    let _ = write!(
        o,
        "<meta property=\"og:type\" content=\"{}\">\n<meta property=\"og:locale\" content=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:description\" content=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n<meta property=\"og:image\" content=\"{}\">\n<meta property=\"og:image:width\" content=\"{}\">\n<meta property=\"og:image:height\" content=\"{}\">\n<meta property=\"og:image:alt\" content=\"{}\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n",
        if w == Widget::Essay { "article" } else { "website" },
        escape(&site.lang.replace('-', "_")),
        escape(&crate::html::plain(&b.essay.meta.title)),
        escape(&b.essay.meta.standfirst),
        escape(&page_url(site, w)),
        escape(&file_url(site, w, CARD_FILE)),
        card::W,
        card::H,
        escape(&card::alt(site, w)),
    );
    o
}

/// The oEmbed response for a page's default state (oEmbed 1.0, type `rich`), in this edition.
pub fn oembed_json(site: &Site, w: Widget) -> String {
    let b = site.b;
    let title = crate::html::plain(&site.widget_title(w));
    let href = widget_href(w, None, &[], Theme::Auto, true);
    let edition_base = [site.base.as_str(), site.dir].concat();
    let src = [
        edition_base.as_str(),
        href.strip_prefix("./").unwrap_or(&href),
    ]
    .concat();
    let html = format!(
        "<blockquote style=\"display:none\"><a href=\"{}\">{}</a></blockquote>\n{}",
        escape(&page_url(site, w)),
        escape(&title),
        iframe_code(w, &src, &title, &site.base),
    );
    let v = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": crate::html::plain(&b.essay.meta.title),
        "provider_url": edition_base,
        "html": html,
        "width": OEMBED_WIDTH,
        "height": crate::share::frame_px(w.spec()),
        "thumbnail_url": file_url(site, w, CARD_FILE),
        "thumbnail_width": card::W,
        "thumbnail_height": card::H,
        "cache_age": 86400,
    });
    let mut o = serde_json::to_string_pretty(&v).expect("JSON of strings and numbers");
    o.push('\n');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::mini;

    fn site_of(b: &crate::content::Bundle) -> Site<'_> {
        let w = Box::leak(Box::new(crate::words::english()));
        Site::new(b, w, "", None, Vec::new())
    }

    #[test]
    fn the_public_address_must_be_an_absolute_folder() {
        assert_eq!(
            public_base("https://example.org/explainer").unwrap(),
            "https://example.org/explainer/"
        );
        assert_eq!(
            public_base(" http://127.0.0.1:8080/ ").unwrap(),
            "http://127.0.0.1:8080/"
        );
        for bad in [
            "",
            "example.org/x/",
            "/explainer/",
            "https:///x",
            "ftp://example.org/",
            "https://example.org/x/?a=1",
            "https://example.org/a b/",
            "https://example.org/\"x",
        ] {
            assert!(public_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_address_a_page_gives_out_is_absolute_and_under_the_public_one() {
        let b = mini();
        let mut site = site_of(&b);
        site.base = "https://news.example/explainer/".into();
        for w in site.widgets() {
            let tags = head_tags(&site, w);
            let json = oembed_json(&site, w);
            for text in [&tags, &json] {
                for part in text.split("http").skip(1) {
                    assert!(
                        part.starts_with("s://news.example/explainer/"),
                        "{w:?}: http{}",
                        &part[..part.len().min(60)]
                    );
                }
            }
            let dir = w.spec().dir;
            assert!(tags.contains(&format!(
                r#"<link rel="alternate" type="application/json+oembed" href="https://news.example/explainer/{dir}oembed.json""#
            )));
            assert!(tags.contains(&format!(
                r#"<meta property="og:image" content="https://news.example/explainer/{dir}card.png">"#
            )));
            assert!(tags.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
            assert!(json.contains(&format!(
                r#"<iframe src=\"https://news.example/explainer/{dir}?embed=1\""#
            )));
            assert!(json.contains(
                r#"<script src=\"https://news.example/explainer/embed.js\" async></script>"#
            ));
        }
    }

    #[test]
    fn the_response_is_oembed_rich_with_what_wordpress_needs() {
        let b = mini();
        let site = site_of(&b);
        let json = oembed_json(&site, Widget::Timeline);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (v["version"].as_str(), v["type"].as_str()),
            (Some("1.0"), Some("rich"))
        );
        for field in [
            "\"title\": ",
            "\"provider_name\": ",
            "\"provider_url\": \"http://127.0.0.1:8080/\"",
            "\"width\": 640",
            "\"height\": 560",
            "\"thumbnail_url\": \"http://127.0.0.1:8080/timeline/card.png\"",
            "\"thumbnail_width\": 600",
            "\"thumbnail_height\": 315",
        ] {
            assert!(json.contains(field), "{field} in {json}");
        }
        // WordPress keeps a <blockquote> before the frame and shows it until the frame answers
        // (and only then loads its host script at all); the frame keeps width and height.
        assert!(json.contains(
            r#""html": "<blockquote style=\"display:none\"><a href=\"http://127.0.0.1:8080/timeline/\">"#
        ));
        assert!(json.contains(r#"width=\"100%\" height=\"560\" frameborder=\"0\""#));
    }
}

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
use super::escape;
use super::page::{widget_title, Site};
use crate::route::{widget_href, Theme, Widget};
use crate::share::iframe_code;
use std::fmt::Write;

/// The build setting: the address `dist/` will be served from.
pub const PUBLIC_URL_VAR: &str = "EXPLAINER_PUBLIC_URL";
/// Without the setting: where `scripts/serve.sh` serves the explainer.
pub const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";
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

/// A page's public address.
pub fn page_url(site: &Site, w: Widget) -> String {
    [site.base.as_str(), w.spec().dir].concat()
}

/// A file in a page's folder, by its public address.
pub fn file_url(site: &Site, w: Widget, file: &str) -> String {
    [site.base.as_str(), w.spec().dir, file].concat()
}

/// The `<head>` tags: oEmbed discovery, then Open Graph and the Twitter card.
pub fn head_tags(site: &Site, w: Widget) -> String {
    let b = site.b;
    let title = escape(&widget_title(site, w));
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{title}\">",
        escape(&file_url(site, w, OEMBED_FILE)),
    );
    let _ = write!(
        o,
        "<meta property=\"og:type\" content=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:description\" content=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n<meta property=\"og:image\" content=\"{}\">\n<meta property=\"og:image:width\" content=\"{}\">\n<meta property=\"og:image:height\" content=\"{}\">\n<meta property=\"og:image:alt\" content=\"{}\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n",
        if w == Widget::Essay { "article" } else { "website" },
        escape(&b.essay.meta.title),
        escape(&b.essay.meta.standfirst),
        escape(&page_url(site, w)),
        escape(&file_url(site, w, CARD_FILE)),
        card::W,
        card::H,
        escape(&card::alt(site, w)),
    );
    o
}

/// The oEmbed response for a page's default state (oEmbed 1.0, type `rich`).
pub fn oembed_json(site: &Site, w: Widget) -> String {
    let b = site.b;
    let title = widget_title(site, w);
    let href = widget_href(w, None, &[], Theme::Auto, true);
    let src = [site.base.as_str(), href.strip_prefix("./").unwrap_or(&href)].concat();
    let html = format!(
        "<blockquote style=\"display:none\"><a href=\"{}\">{}</a></blockquote>\n{}",
        escape(&page_url(site, w)),
        escape(&title),
        iframe_code(w, &src, &title, &site.base),
    );
    let fields: [(&str, Json); 12] = [
        ("version", Json::Str("1.0")),
        ("type", Json::Str("rich")),
        ("title", Json::Str(&title)),
        ("provider_name", Json::Str(&b.essay.meta.title)),
        ("provider_url", Json::Str(&site.base)),
        ("html", Json::Str(&html)),
        ("width", Json::Num(OEMBED_WIDTH)),
        ("height", Json::Num(crate::share::frame_px(w.spec()))),
        ("thumbnail_url", Json::Str(&file_url(site, w, CARD_FILE))),
        ("thumbnail_width", Json::Num(card::W)),
        ("thumbnail_height", Json::Num(card::H)),
        ("cache_age", Json::Num(86400)),
    ];
    let mut o = String::from("{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let _ = write!(o, "\n  {}: ", json_str(k));
        match v {
            Json::Str(s) => o.push_str(&json_str(s)),
            Json::Num(n) => {
                let _ = write!(o, "{n}");
            }
        }
    }
    o.push_str("\n}\n");
    o
}

enum Json<'a> {
    Str(&'a str),
    Num(u32),
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::mini;

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
        let mut site = Site::new(&b);
        site.base = "https://news.example/explainer/".into();
        for w in [Widget::Essay, Widget::Timeline, Widget::Diagram] {
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
        let site = Site::new(&b);
        let json = oembed_json(&site, Widget::Timeline);
        assert!(json.starts_with("{\n  \"version\": \"1.0\",\n  \"type\": \"rich\",\n"));
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

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_str("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
    }
}

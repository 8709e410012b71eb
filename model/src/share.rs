//! What an embed code says, wherever it is written: the Embed panel in the browser and the
//! oEmbed response written at build time give the same frame for the same address.

use crate::route::{Spec, Widget};

/// The frame's height in whole px before the widget sizes it, for the `height` attribute
/// (sanitizers that strip `style`, WordPress's among them, keep it): the table's starting height,
/// or 800 px for a height in viewport units (the essay's 80vh on a 1000 px screen).
pub fn frame_px(spec: &Spec) -> u32 {
    // By hand: the integer parser would cost the browser build more than this whole module.
    match spec.height.strip_suffix("px") {
        Some(n) => n.bytes().fold(0, |v, b| v * 10 + (b - b'0') as u32),
        None => 800,
    }
}

/// Escapes text for a double-quoted attribute.
pub fn attr(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '<' => o.push_str("&lt;"),
            c => o.push(c),
        }
    }
    o
}

/// The iframe for a widget's absolute address `src`, then the loader script from the essay's
/// folder `base`. `style` sizes the frame where styles are kept; `width`, `height` and
/// `frameborder` are what is left where they are stripped.
pub fn iframe_code(w: Widget, src: &str, title: &str, base: &str) -> String {
    let spec = w.spec();
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" frameborder=\"0\" data-explainer-frame loading=\"lazy\" style=\"width:100%;height:{};border:0\"></iframe>\n{}",
        attr(src),
        attr(&crate::html::plain(title)),
        frame_px(spec),
        spec.height,
        script_code(base)
    )
}

/// The loader script, from the essay's folder `base`.
pub fn script_code(base: &str) -> String {
    format!("<script src=\"{}embed.js\" async></script>", attr(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_keeps_a_height_where_styles_are_stripped() {
        assert_eq!(frame_px(Widget::Timeline.spec()), 560);
        assert_eq!(frame_px(Widget::Essay.spec()), 800);
        let code = iframe_code(
            Widget::Diagram,
            "https://example.org/x/diagram/?embed=1&stage=a",
            "Say \"yes\"",
            "https://example.org/x/",
        );
        assert_eq!(
            code,
            "<iframe src=\"https://example.org/x/diagram/?embed=1&amp;stage=a\" title=\"Say &quot;yes&quot;\" width=\"100%\" height=\"720\" frameborder=\"0\" data-explainer-frame loading=\"lazy\" style=\"width:100%;height:720px;border:0\"></iframe>\n<script src=\"https://example.org/x/embed.js\" async></script>"
        );
        assert_eq!(
            script_code("https://example.org/x/"),
            "<script src=\"https://example.org/x/embed.js\" async></script>"
        );
    }
}

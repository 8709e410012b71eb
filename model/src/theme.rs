//! The two themes' colours, in one table: the stylesheet's tokens (written into every page), the
//! social cards and the contrast checks of the cast's colours all read them here.

use crate::cast::{Cast, Shape};
use std::fmt::Write;

/// A theme's colours (hex `#rrggbb`).
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// The page.
    pub paper: &'static str,
    /// Bands, the context strip, the notice box.
    pub paper_2: &'static str,
    pub ink: &'static str,
    pub muted: &'static str,
    pub rule: &'static str,
    pub focus: &'static str,
    pub accent: &'static str,
    /// The stage's card behind a step's text on phones (translucent paper).
    pub card: &'static str,
    /// The sea on the map, and the names of seas and straits.
    pub water: &'static str,
    pub water_ink: &'static str,
    /// The map's land.
    pub land: &'static str,
}

pub const LIGHT: Palette = Palette {
    paper: "#fbf9f4",
    paper_2: "#f1ede3",
    ink: "#1b1b1b",
    muted: "#565656",
    rule: "#d6d0c2",
    focus: "#1f5fa8",
    accent: "#9b1c22",
    card: "rgba(251, 249, 244, 0.95)",
    water: "#d6dfe7",
    water_ink: "#385b83",
    land: "#fbf9f4",
};

pub const DARK: Palette = Palette {
    paper: "#141518",
    paper_2: "#1e2024",
    ink: "#ecebe6",
    muted: "#aeada7",
    rule: "#3a3c42",
    focus: "#8cb8ff",
    accent: "#ff8a8a",
    card: "rgba(20, 21, 24, 0.94)",
    water: "#1b1f28",
    water_ink: "#8eabd7",
    land: "#303133",
};

/// What an actor's colour must stand out against in each theme: the page and the bands.
pub fn backgrounds(p: &Palette) -> [&'static str; 2] {
    [p.paper, p.paper_2]
}

/// Text needs 4.5:1 against its background (WCAG 1.4.3), marks 3:1 (WCAG 1.4.11).
pub const TEXT_CONTRAST: f64 = 4.5;
pub const MARK_CONTRAST: f64 = 3.0;

/// `#rgb` or `#rrggbb` as 0–255 channels.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let b = h.as_bytes();
    match b.len() {
        3 => Some([digit(b[0])? * 17, digit(b[1])? * 17, digit(b[2])? * 17]),
        6 => Some([
            digit(b[0])? * 16 + digit(b[1])?,
            digit(b[2])? * 16 + digit(b[3])?,
            digit(b[4])? * 16 + digit(b[5])?,
        ]),
        _ => None,
    }
}

/// WCAG relative luminance.
pub fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn tokens(o: &mut String, p: &Palette, cast: &Cast, dark: bool) {
    let _ = write!(
        o,
        "--paper:{};--paper-2:{};--ink:{};--muted:{};--rule:{};--card:{};--focus:{};--accent:{};--water:{};--water-ink:{};--land:{}",
        p.paper, p.paper_2, p.ink, p.muted, p.rule, p.card, p.focus, p.accent, p.water, p.water_ink, p.land
    );
    for a in &cast.actors {
        let _ = write!(o, ";--a-{}:{}", a.id, if dark { &a.dark } else { &a.color });
    }
}

/// The themes as CSS custom properties on `:root`, with the cast's hues and glyph shapes: the
/// light theme, the dark one when the system asks (unless the address says light), and the dark
/// one when the address says dark. Written into every page before its stylesheets.
pub fn css(cast: &Cast) -> String {
    let mut light = String::new();
    tokens(&mut light, &LIGHT, cast, false);
    let mut dark = String::new();
    tokens(&mut dark, &DARK, cast, true);
    let mut o = format!(
        ":root{{{light}}}@media (prefers-color-scheme:dark){{:root:not([data-theme=light]){{{dark}}}}}:root[data-theme=dark]{{{dark};color-scheme:dark}}:root[data-theme=light]{{color-scheme:light}}"
    );
    // Each actor: its hue as `--c` on everything of its class, and its glyph's shape.
    for a in &cast.actors {
        let _ = write!(o, ".a-{0}{{--c:var(--a-{0})}}", a.id);
        match a.shape.clip_path() {
            Some(clip) => {
                let _ = write!(o, ".a-{0} .gl,.gl.a-{0},.glb.a-{0}::before,.a-{0} .glb::before,.ev.a-{0}::before{{clip-path:{clip}}}", a.id);
            }
            None if a.shape == Shape::Circle => {
                let _ = write!(o, ".a-{0} .gl,.gl.a-{0},.glb.a-{0}::before,.a-{0} .glb::before,.ev.a-{0}::before{{border-radius:50%}}", a.id);
            }
            None => {}
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let black = parse_hex("#000").unwrap();
        let white = parse_hex("#ffffff").unwrap();
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // A known pair: #767676 on white is 4.54:1.
        let grey = parse_hex("#767676").unwrap();
        assert!((contrast(grey, white) - 4.54).abs() < 0.01);
        assert_eq!(parse_hex("#12"), None);
        assert_eq!(parse_hex("c1272d"), None);
    }

    #[test]
    fn the_themes_own_text_reads_on_their_own_backgrounds() {
        for p in [LIGHT, DARK] {
            for bg in backgrounds(&p) {
                let bg = parse_hex(bg).unwrap();
                for fg in [p.ink, p.muted, p.accent, p.focus] {
                    let c = contrast(parse_hex(fg).unwrap(), bg);
                    assert!(c >= TEXT_CONTRAST, "{fg} on {bg:?}: {c:.2}");
                }
            }
        }
    }
}

//! How wide a label is, and where it wraps: the one text measure every instrument's layout uses.
//!
//! Widths are DejaVu Sans's advance widths (see `scripts/font-metrics.py` for why that face): the
//! layout decides every line break at build time, and the page shows the lines as given, so a
//! label never re-wraps differently in a reader's browser. Kerning is ignored, which errs wide.

mod metrics;

/// A label's type: size in CSS px and whether it is bold (600 and up render as bold).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f64) -> Font {
        Font { size, bold: false }
    }

    pub const fn bold(size: f64) -> Font {
        Font { size, bold: true }
    }
}

/// Advance width of one character in em; characters outside the table count as a full em.
fn advance(c: char, bold: bool) -> f64 {
    let table = if bold {
        &metrics::BOLD
    } else {
        &metrics::REGULAR
    };
    match metrics::CHARS.binary_search(&c) {
        Ok(i) => table[i] as f64 / 2048.0,
        Err(_) => 1.0,
    }
}

/// The width of `text` on one line, in CSS px.
pub fn width(text: &str, font: Font) -> f64 {
    text.chars().map(|c| advance(c, font.bold)).sum::<f64>() * font.size
}

/// Breaks `text` into lines no wider than `max` px, at spaces (and after hyphens and dashes).
/// A single word wider than `max` stays whole on its own line: the caller sees it in `widest`.
pub fn wrap(text: &str, font: Font, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words(text) {
        let candidate = if line.is_empty() {
            word.trim_start().to_string()
        } else {
            format!("{line}{word}")
        };
        if line.is_empty() || width(candidate.trim_end(), font) <= max {
            line = candidate;
        } else {
            lines.push(line.trim_end().to_string());
            line = word.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The widest of some lines, in px.
pub fn widest(lines: &[String], font: Font) -> f64 {
    lines.iter().map(|l| width(l, font)).fold(0.0, f64::max)
}

/// Splits into wrap units, each with the space before it: "a b-c" → ["a", " b-", "c"].
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(text.len(), |&(j, _)| j);
        if c == ' ' && i > start && !text[start..i].trim().is_empty() {
            out.push(&text[start..i]);
            start = i;
        } else if matches!(c, '-' | '–' | '—') && i > start && next < text.len() {
            out.push(&text[start..next]);
            start = next;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_face() {
        let f = Font::regular(14.0);
        assert!((width("M", f) - 1767.0 / 2048.0 * 14.0).abs() < 1e-9);
        assert!(
            width("Wide", Font::bold(14.0)) > width("Wide", f),
            "bold is wider"
        );
        assert_eq!(width("", f), 0.0);
        assert!(
            (width("中", f) - 14.0).abs() < 1e-9,
            "unknown characters count as an em"
        );
    }

    #[test]
    fn wrapping_keeps_every_line_within_the_measure() {
        let f = Font::bold(14.0);
        let text = "Defeat at Guningtou on Kinmen, where the landing force was cut off";
        for max in [120.0, 180.0, 240.0] {
            let lines = wrap(text, f, max);
            assert!(lines.len() >= 2, "{max}: {lines:?}");
            assert!(widest(&lines, f) <= max, "{max}: {lines:?}");
            assert_eq!(lines.join(" "), text, "nothing is lost or cut");
        }
        assert_eq!(wrap("Short", f, 180.0), vec!["Short"]);
    }

    #[test]
    fn breaks_may_fall_after_hyphens_and_dashes_but_a_long_word_stays_whole() {
        let f = Font::regular(13.0);
        let lines = wrap("Sino-Soviet treaty", f, width("Sino-Soviet", f) - 1.0);
        assert_eq!(lines, vec!["Sino-", "Soviet", "treaty"]);
        let lines = wrap("Ch’ongch’on", f, 10.0);
        assert_eq!(lines, vec!["Ch’ongch’on"]);
        assert!(widest(&lines, f) > 10.0, "the caller sees it does not fit");
    }
}

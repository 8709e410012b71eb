//! How wide a label is, and where it wraps: the one text measure every instrument's layout uses.
//!
//! Widths are DejaVu Sans's advance widths (see `scripts/font-metrics.py` for why that face): the
//! layout decides every line break at build time, and the page shows the lines as given, so a
//! label never re-wraps differently in a reader's browser. Kerning is ignored, which errs wide.

mod metrics;
#[cfg(feature = "build")]
pub mod phrases;

/// A break opportunity of width zero: where a line of text written without spaces (Chinese) may
/// break, decided at build time ([`phrases`]). Invisible on the page, and a break opportunity
/// for the browser too.
pub const ZWSP: char = '\u{200b}';

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

/// Advance width of one character in em; characters outside the table count as a full em
/// (CJK ideographs, kana and Hangul are an em wide in every CJK face a system has), but for the
/// zero-width break opportunity.
fn advance(c: char, bold: bool) -> f64 {
    if c == ZWSP {
        return 0.0;
    }
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

/// Breaks `text` into lines no wider than `max` px, at spaces, after hyphens and dashes, and at
/// [`ZWSP`]s. A single word wider than `max` stays whole on its own line: the caller sees it in
/// `widest`. A last line of one character (Chinese, broken at phrases) takes the previous unit
/// with it, so no character is left alone on a line.
pub fn wrap(text: &str, font: Font, max: f64) -> Vec<String> {
    let mut lines = wrap_units(text, font, max);
    let n = lines.len();
    if n >= 2 && lines[n - 1].trim_matches(ZWSP).chars().count() == 1 {
        let prev = lines[n - 2].clone();
        if let Some(at) = prev.trim_end_matches(ZWSP).rfind(ZWSP) {
            let (keep, carry) = prev.split_at(at);
            let carried = format!("{}{}", carry.trim_start_matches(ZWSP), lines[n - 1]);
            if width(&carried, font) <= max && !keep.trim_matches(ZWSP).is_empty() {
                lines[n - 2] = keep.trim_end_matches(ZWSP).to_string();
                lines[n - 1] = carried;
            }
        }
    }
    lines
}

fn wrap_units(text: &str, font: Font, max: f64) -> Vec<String> {
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
            lines.push(line.trim_end().trim_end_matches(ZWSP).to_string());
            line = word.trim_start().trim_start_matches(ZWSP).to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().trim_end_matches(ZWSP).to_string());
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
        } else if matches!(c, '-' | '–' | '—' | ZWSP) && i > start && next < text.len() {
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
    fn text_without_spaces_breaks_at_its_marked_phrases_and_leaves_no_character_alone() {
        let f = Font::bold(14.0);
        let z = ZWSP.to_string();
        let text = ["中国人民", "志愿军", "入朝", "作战"].join(&z);
        assert_eq!(width(&z, f), 0.0);
        let lines = wrap(&text, f, 14.0 * 7.5);
        assert_eq!(lines, vec!["中国人民\u{200b}志愿军", "入朝\u{200b}作战"]);
        // A phrase of one character at the end goes with the phrase before it.
        let text = ["美国", "第七", "舰队", "进入", "海峡", "巡"].join(&z);
        let lines = wrap(&text, f, 14.0 * 10.5);
        assert!(
            lines.last().unwrap().trim_matches(ZWSP).chars().count() > 1,
            "{lines:?}"
        );
        assert_eq!(
            lines.concat().replace(ZWSP, ""),
            text.replace(ZWSP, ""),
            "nothing lost"
        );
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

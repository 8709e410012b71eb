//! Where Chinese text may break (build time): between phrases, not between any two characters.
//! A dictionary segmenter (jieba) finds the words; punctuation that may not begin a line stays
//! with what comes before it, and opening punctuation with what comes after; the boundaries are
//! marked with [`super::ZWSP`], which the layout's [`super::wrap`] and the browser both honour.

use super::ZWSP;
use std::sync::OnceLock;

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(jieba_rs::Jieba::new)
}

/// May not begin a line (closing punctuation, pauses, the iteration mark).
fn no_start(c: char) -> bool {
    "，。、；：？！）」』”’》〉】…·—～,.;:?!)]%％々〻".contains(c)
}

/// May not end a line (opening punctuation).
fn no_end(c: char) -> bool {
    "（「『“‘《〈【([".contains(c)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2ffff)
}

/// `text` with a break opportunity at each phrase boundary between Chinese characters. Text in
/// other scripts (Latin names, numbers) is left as it is: it breaks at its spaces.
pub fn mark(text: &str) -> String {
    let text = text.replace(ZWSP, "");
    let words = jieba().cut(&text, false);
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev: Option<char> = None;
    for w in words {
        let first = w.chars().next();
        let (Some(p), Some(f)) = (prev, first) else {
            out.push_str(w);
            prev = w.chars().last();
            continue;
        };
        // A break only between two pieces of Chinese (or Chinese punctuation), never where a
        // closing mark would start the line or an opening one would end it.
        let cjk = |c: char| is_han(c) || no_start(c) || no_end(c);
        // And before a number that follows Chinese ("1950年|10月|19日"), never inside the number or
        // between a number and its unit.
        let before_number = is_han(p) && f.is_ascii_digit();
        if (cjk(p) && cjk(f) && !no_start(f) && !no_end(p)) || before_number {
            out.push(ZWSP);
        }
        out.push_str(w);
        prev = w.chars().last();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_marked_and_punctuation_keeps_its_place() {
        let m = mark("毛泽东推迟了进攻台湾的计划，派中国人民志愿军入朝作战");
        let parts: Vec<&str> = m.split(ZWSP).collect();
        assert!(parts.contains(&"中国人民志愿军"), "{parts:?}");
        assert!(parts.iter().all(|p| !p.starts_with('，')), "{parts:?}");
        assert_eq!(
            m.replace(ZWSP, ""),
            "毛泽东推迟了进攻台湾的计划，派中国人民志愿军入朝作战"
        );
        // Latin and digits are left alone; marking twice changes nothing.
        let m2 = mark("1950年10月8日（Peng Dehuai）");
        assert!(m2.contains("Peng Dehuai"), "{m2}");
        assert_eq!(mark(&m2), m2);
        // A date breaks between its parts only.
        assert_eq!(
            mark("1950年10月19日").split(ZWSP).collect::<Vec<_>>(),
            ["1950年", "10月", "19日"]
        );
    }
}

//! Language tags (BCP 47) as the editions use them: a tag names an edition's language in its
//! content folder (`editions/zh-Hans/`), its pages' `lang` and `hreflang`, and, lower-cased, the
//! folder it is published in (`zh-hans/`).

/// Whether `s` is a well-formed language tag of the shapes editions use: a primary language of
/// two or three letters, then optional subtags of two to eight letters or digits (script,
/// region, variant), separated by hyphens. (A check of form, not of the registry.)
pub fn is_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let Some(primary) = parts.next() else {
        return false;
    };
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The folder an edition is published in, relative to the original's: `ko/`, `zh-hans/`.
pub fn folder(tag: &str) -> String {
    format!("{}/", tag.to_ascii_lowercase())
}

/// The primary language, lower-cased: `zh` for `zh-Hans`.
pub fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or("").to_ascii_lowercase()
}

/// Whether text in this language is written without spaces between words (lines then break
/// between characters, at phrase boundaries the build decides).
pub fn unspaced(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "zh" | "ja")
}

/// Whether a tag is Chinese, Japanese or Korean (no italics for emphasis; glyphs an em wide).
pub fn cjk(tag: &str) -> bool {
    matches!(primary(tag).as_str(), "zh" | "ja" | "ko")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_folders() {
        for ok in ["en", "ko", "zh-Hans", "zh-Hant-TW", "en-GB", "sr-Latn"] {
            assert!(is_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "zh_Hans", "ko-", "-ko", "zh-Hans!"] {
            assert!(!is_tag(bad), "{bad}");
        }
        assert_eq!(folder("zh-Hans"), "zh-hans/");
        assert_eq!(primary("zh-Hans"), "zh");
        assert!(unspaced("zh-Hans") && !unspaced("ko") && cjk("ko") && !cjk("en"));
    }
}

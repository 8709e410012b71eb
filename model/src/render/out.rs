//! What a page writer gives: one page, before it is a whole document (`super::document`).

use super::css;

/// One page as written at build time: its `<head>` tags, its stylesheet (the engine's and the
/// page's own rules), its `<body>`, and the files that go beside it.
pub struct Page {
    pub title: String,
    pub head: String,
    pub css: String,
    /// The stylesheet the boot script links once scripting is on (the essay's stage and
    /// instruments), or none (everything is in `css`).
    pub deferred_css: Option<String>,
    pub body: String,
    /// (path relative to the page's folder, bytes): stills, the oEmbed response, the card.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Page {
    /// The words its markup could match a class selector with (`super::css::used`).
    pub fn used(&self) -> std::collections::HashSet<String> {
        css::used(&[&self.head, &self.body])
    }

    /// The deferred stylesheet, cut to what this page can use, and its file name (by its
    /// content, so a new build is never served an old copy).
    pub fn deferred(&self) -> Option<(String, String)> {
        let text = css::prune(self.deferred_css.as_ref()?, &self.used());
        let name = format!("explainer-{}.css", css::short_hash(text.as_bytes()));
        Some((name, text))
    }
}

//! Content files and what is wrong with them (build time only): every loader reads its file
//! through [`File`] and reports each problem as `file:line: what is wrong`, all of them at once,
//! so that an editor fixing a content folder sees the whole list in one build.

use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a content file.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// All problems found, one per line when displayed.
#[derive(Debug, Default)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

impl ContentErrors {
    /// `Ok(v)` when nothing was found wrong.
    pub fn or<T>(self, v: T) -> Result<T, ContentErrors> {
        if self.0.is_empty() {
            Ok(v)
        } else {
            Err(self)
        }
    }
}

/// A content file read into memory, with what is needed to point at its lines.
pub struct File {
    pub path: PathBuf,
    pub text: String,
}

impl File {
    pub fn read(dir: &Path, name: &str) -> Result<File, ContentError> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| ContentError {
            file: path.clone(),
            line: 0,
            message: format!("cannot read the file: {e}"),
        })?;
        Ok(File { path, text })
    }

    /// A file given as text (the engine's own tables, tests).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> File {
        File {
            path: path.into(),
            text: text.into(),
        }
    }

    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ContentError> {
        toml::from_str(&self.text).map_err(|e| {
            let line = e.span().map_or(1, |s| self.line_of(s.start));
            ContentError {
                file: self.path.clone(),
                line,
                message: e.message().trim().to_string(),
            }
        })
    }

    pub fn line_of(&self, byte: usize) -> usize {
        Lines { text: &self.text }.of_byte(byte)
    }

    /// The line of the `n`-th `[[header]]` item, or of `key = …` inside it (see [`Lines::item`]).
    pub fn line(&self, header: &str, n: usize, key: Option<&str>) -> usize {
        Lines { text: &self.text }.item(header, n, key)
    }

    /// The line of the item `[[header]]` whose `id` is `id`, or of `key = …` inside it.
    pub fn line_of_id(&self, header: &str, id: &str, key: Option<&str>) -> usize {
        Lines { text: &self.text }.item_with_id(header, id, key)
    }

    /// The line of a top-level `key = …` (outside any table), or of `key` in table `[table]`.
    pub fn line_of_key(&self, table: Option<&str>, key: &str) -> usize {
        Lines { text: &self.text }.key_in(table, key)
    }

    /// The first line at or after `from` (1-based) that contains `needle`, if any.
    pub fn line_containing(&self, from: usize, needle: &str) -> Option<usize> {
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.contains(needle))
            .map(|(i, _)| i + 1)
    }

    pub fn error(&self, line: usize, message: impl Into<String>) -> ContentError {
        ContentError {
            file: self.path.clone(),
            line,
            message: message.into(),
        }
    }
}

/// Where things are in a content file, for messages.
pub struct Lines<'a> {
    pub text: &'a str,
}

impl Lines<'_> {
    /// The 1-based line holding a byte offset (as TOML errors give them).
    pub fn of_byte(&self, byte: usize) -> usize {
        self.text[..byte.min(self.text.len())].matches('\n').count() + 1
    }

    /// The line of the `n`-th `[[header]]` (0-based), or of `key = …` inside that item when
    /// given and present. Items are written as arrays of tables, so the n-th header is the n-th
    /// item; its own sub-tables (`[chapter.step.graphic]`, `[line.source]`) belong to it, and any
    /// other table header ends it. Values that open with brackets (a line's points) are not headers.
    pub fn item(&self, header: &str, n: usize, key: Option<&str>) -> usize {
        let want = format!("[[{header}]]");
        let lines: Vec<&str> = self.text.lines().collect();
        let Some(start) = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == want)
            .map(|(i, _)| i)
            .nth(n)
        else {
            return 1;
        };
        match key {
            Some(key) => self
                .key_after(&lines, start, header, key)
                .unwrap_or(start + 1),
            None => start + 1,
        }
    }

    /// The line of the `[[header]]` item with `id = "id"`, or of `key` inside it.
    pub fn item_with_id(&self, header: &str, id: &str, key: Option<&str>) -> usize {
        let want = format!("[[{header}]]");
        let lines: Vec<&str> = self.text.lines().collect();
        for (start, _) in lines.iter().enumerate().filter(|(_, l)| l.trim() == want) {
            let found = self
                .key_after(&lines, start, header, "id")
                .map(|l| lines[l - 1])
                .and_then(|l| l.split_once('='))
                .map(|(_, v)| v.trim().trim_matches('"'));
            if found == Some(id) {
                return match key {
                    Some(k) => self
                        .key_after(&lines, start, header, k)
                        .unwrap_or(start + 1),
                    None => start + 1,
                };
            }
        }
        1
    }

    /// `key = …` inside the item that starts at index `start`, as a 1-based line.
    fn key_after(&self, lines: &[&str], start: usize, header: &str, key: &str) -> Option<usize> {
        let own = format!("[{header}.");
        for (i, l) in lines.iter().enumerate().skip(start + 1) {
            let t = l.trim();
            // Any header ends the item but one of its own sub-tables (`[own.…]`, one bracket).
            let sub_table = t.starts_with(&own) && !t.starts_with("[[");
            if is_header(t) && !sub_table {
                break;
            }
            if t.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
            {
                return Some(i + 1);
            }
        }
        None
    }

    /// A top-level key (table None) or a key of `[table]`; line 1 when absent.
    pub fn key_in(&self, table: Option<&str>, key: &str) -> usize {
        let mut here: Option<String> = None;
        for (i, l) in self.text.lines().enumerate() {
            let t = l.trim();
            if is_header(t) {
                here = Some(t.trim_matches(|c| c == '[' || c == ']').to_string());
                continue;
            }
            if here.as_deref() == table
                && t.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            {
                return i + 1;
            }
        }
        1
    }
}

/// Whether a trimmed line is a table header (`[name]` or `[[name]]`), not a value such as `[[40.3, 124.5],`.
pub fn is_header(t: &str) -> bool {
    let name = t.trim_start_matches('[').trim_end_matches(']');
    t.starts_with('[')
        && t.ends_with(']')
        && !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
}

/// Archives whose pages we could find only at a plain `http://` address. A source address must be
/// `https://`, or start with one of these prefixes. Keep the list short, and say why each is here.
pub const HTTP_ARCHIVES: &[&str] = &[
    // China.org.cn's old English archive (the extract from navy commander Xiao Jinguang's memoir on
    // postponing the Taiwan campaign): the page is served at its http address only.
    "http://english.china.org.cn/",
    // Qianlong, a Beijing news portal, archives China Military Online's "this day in war history"
    // note on the Northeast Border Defense Army; its archive has no https address.
    "http://china.qianlong.com/",
];

/// Whether a source address is acceptable: `https://…`, or an `http://` archive on the list above.
pub fn address_ok(url: &str) -> bool {
    (url.starts_with("https://") && url.len() > "https://".len())
        || HTTP_ARCHIVES.iter().any(|p| url.starts_with(p))
}

/// The words every "needs a source" message ends with.
pub const SOURCE_RULE: &str =
    "a source with a title and an https address (or an http archive listed in HTTP_ARCHIVES)";

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub fn is_iso_day(s: &str) -> bool {
    s.len() == 10
        && crate::date::CalDate::parse(s)
            .is_ok_and(|d| d.precision() == crate::date::Precision::Day)
}

/// Collects problems against one file.
pub struct Report<'a> {
    pub file: &'a File,
    pub errors: &'a mut Vec<ContentError>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a File, errors: &'a mut Vec<ContentError>) -> Report<'a> {
        Report { file, errors }
    }

    pub fn at(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(self.file.error(line, message));
    }

    /// An id that must be a slug and unique among `seen`.
    pub fn slug<'s>(
        &mut self,
        seen: &mut std::collections::HashSet<&'s str>,
        id: &'s str,
        what: &str,
        line: usize,
    ) {
        if !is_slug(id) {
            self.at(
                line,
                format!("{what} id `{id}` must be a slug (a-z, 0-9, -)"),
            );
        } else if !seen.insert(id) {
            self.at(line, format!("duplicate {what} id `{id}`"));
        }
    }

    /// A text that must not be empty.
    pub fn text(&mut self, value: &str, what: impl FnOnce() -> String, line: usize) {
        if value.trim().is_empty() {
            let what = what();
            self.at(line, format!("{what} is empty"));
        }
    }

    /// A source that needs a title and an acceptable address.
    pub fn source(&mut self, title: &str, url: &str, whose: impl FnOnce() -> String, line: usize) {
        if title.trim().is_empty() || !address_ok(url) {
            let whose = whose();
            self.at(line, format!("{whose} needs {SOURCE_RULE}, found `{url}`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_in_its_item_and_its_sub_tables_but_not_past_a_bracketed_value() {
        let text = "[[line]]\nid = \"a\"\npoints = [\n  [[40.3, 124.5],\n   [40.7, 124.9]],\n]\n\
                    [line.source]\ntitle = \"T\"\n[[line]]\nid = \"b\"\n";
        let at = Lines { text };
        assert_eq!(
            at.item("line", 0, Some("title")),
            8,
            "a sub-table belongs to its item"
        );
        assert_eq!(at.item("line", 1, Some("id")), 10);
        assert_eq!(
            at.item("line", 1, Some("title")),
            9,
            "absent: the item's header"
        );
        assert_eq!(
            at.item("line", 2, None),
            1,
            "no such item: the top of the file"
        );
        assert_eq!(at.item_with_id("line", "b", Some("id")), 10);
        assert_eq!(at.item_with_id("line", "a", Some("title")), 8);
        assert_eq!(at.item_with_id("line", "zz", None), 1);
        let essay = "[[chapter]]\nid = \"c\"\n[[chapter.step]]\nanchor = \"s\"\n";
        let at = Lines { text: essay };
        assert_eq!(
            at.item("chapter", 0, Some("anchor")),
            1,
            "a chapter's steps are not the chapter"
        );
        assert_eq!(at.of_byte(essay.find("anchor").unwrap()), 4);
        let top = "title = \"x\"\n[meta]\ntitle = \"y\"\n";
        let at = Lines { text: top };
        assert_eq!(at.key_in(None, "title"), 1);
        assert_eq!(at.key_in(Some("meta"), "title"), 3);
    }

    #[test]
    fn addresses_must_be_https_or_a_listed_archive() {
        assert!(address_ok(
            "https://history.state.gov/milestones/1945-1952/korean-war"
        ));
        assert!(address_ok(
            "http://english.china.org.cn/english/China/218946.htm"
        ));
        assert!(!address_ok("http://example.org/page"));
        assert!(!address_ok("https://"));
        assert!(!address_ok("ftp://example.org/file"));
        assert!(is_iso_day("2026-11-27"));
        assert!(!is_iso_day("2026-11"));
        assert!(!is_iso_day("2026-02-30"));
        assert!(!is_iso_day("27 November 2026"));
    }
}

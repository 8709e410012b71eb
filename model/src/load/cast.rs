//! Checking `cast.toml` (build time): unique ids, names, and hues that read in both themes.

use crate::cast::Cast;
use crate::source::{ContentError, File, Report};
use crate::theme::{backgrounds, contrast, parse_hex, DARK, LIGHT, TEXT_CONTRAST};
use std::collections::HashSet;

/// The most actors a cast may have: beyond this, hues stop being told apart.
pub const MAX_ACTORS: usize = 10;

/// An id reserved for lines that belong to nobody (the map's parallels).
pub const NEUTRAL: &str = "neutral";

pub fn check(cast: &Cast, file: &File, errors: &mut Vec<ContentError>) {
    let mut r = Report::new(file, errors);
    if cast.actors.is_empty() {
        r.at(1, "the cast declares no actors: give each `[[actor]]` an id, a name, a short name, two colours and a shape");
    }
    if cast.actors.len() > MAX_ACTORS {
        r.at(
            file.line("actor", MAX_ACTORS, None),
            format!(
                "the cast has {} actors; keep it to {MAX_ACTORS}, so that their hues stay apart",
                cast.actors.len()
            ),
        );
    }
    let mut ids = HashSet::new();
    for (i, a) in cast.actors.iter().enumerate() {
        let line = |k| file.line("actor", i, Some(k));
        r.slug(&mut ids, &a.id, "actor", line("id"));
        if a.id == NEUTRAL {
            r.at(
                line("id"),
                format!("`{NEUTRAL}` is reserved for lines that belong to no actor"),
            );
        }
        r.text(&a.name, || format!("actor `{}`'s name", a.id), line("name"));
        r.text(
            &a.short,
            || format!("actor `{}`'s short name", a.id),
            line("short"),
        );
        // Hues colour text (the ledger's pips, the map's line labels) as well as marks: they
        // need the contrast of text against every background of their theme.
        for (key, value, theme, name) in [
            ("color", &a.color, &LIGHT, "light"),
            ("dark", &a.dark, &DARK, "dark"),
        ] {
            let Some(c) = parse_hex(value) else {
                r.at(
                    line(key),
                    format!(
                        "actor `{}`: `{value}` is not a colour (write #rrggbb)",
                        a.id
                    ),
                );
                continue;
            };
            for bg in backgrounds(theme) {
                let ratio = contrast(c, parse_hex(bg).expect("the themes' own colours parse"));
                if ratio < TEXT_CONTRAST {
                    r.at(
                        line(key),
                        format!(
                            "actor `{}`'s {name}-theme colour {value} has a contrast of {ratio:.2}:1 against {bg}; it needs {TEXT_CONTRAST}:1 (it colours text and marks)",
                            a.id
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hues_that_do_not_read_are_reported_with_their_line() {
        let f = File::from_text(
            "cast.toml",
            "[[actor]]\nid = \"a\"\nname = \"A\"\nshort = \"A\"\ncolor = \"#ffdd00\"\ndark = \"#ffdd00\"\nshape = \"circle\"\n\
             [[actor]]\nid = \"a\"\nname = \"B\"\nshort = \"\"\ncolor = \"red\"\ndark = \"#222222\"\nshape = \"square\"\n",
        );
        let cast: Cast = f.parse().unwrap();
        let mut errors = Vec::new();
        check(&cast, &f, &mut errors);
        let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let has = |s: &str| all.iter().any(|e| e.contains(s));
        assert!(
            has("cast.toml:5: actor `a`'s light-theme colour #ffdd00 has a contrast of"),
            "{all:#?}"
        );
        assert!(
            !has("cast.toml:6:"),
            "a light hue reads on the dark theme: {all:#?}"
        );
        assert!(has("cast.toml:9: duplicate actor id `a`"), "{all:#?}");
        assert!(
            has("cast.toml:11: actor `a`'s short name is empty"),
            "{all:#?}"
        );
        assert!(
            has("cast.toml:12: actor `a`: `red` is not a colour"),
            "{all:#?}"
        );
        assert!(
            has("cast.toml:13: actor `a`'s dark-theme colour #222222"),
            "{all:#?}"
        );
    }
}

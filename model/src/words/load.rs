//! Reading word tables (build time): the engine's own, and an explainer's overrides, each checked
//! key by key against [`KEYS`] with the file and line of every problem.

use super::{Kind, Value, Words, KEYS, W};
use crate::source::{ContentError, ContentErrors, File};
use std::path::Path;

/// The engine's tables, by language tag.
const ENGINE: &[(&str, &str, &str)] = &[
    (
        "en",
        "model/words/en.toml",
        include_str!("../../words/en.toml"),
    ),
    (
        "ko",
        "model/words/ko.toml",
        include_str!("../../words/ko.toml"),
    ),
    (
        "zh-Hans",
        "model/words/zh-Hans.toml",
        include_str!("../../words/zh-Hans.toml"),
    ),
];

/// The languages the engine has words for.
pub fn engine_languages() -> impl Iterator<Item = &'static str> {
    ENGINE.iter().map(|(l, _, _)| *l)
}

/// The engine's table for `lang`, if it has one: an exact tag, or the same primary language
/// where that is unambiguous (`ko-KR` takes `ko`; Chinese needs its script, `zh-Hans`).
fn engine_file(lang: &str) -> Option<File> {
    let found = ENGINE
        .iter()
        .find(|(l, _, _)| l.eq_ignore_ascii_case(lang))
        .or_else(|| {
            let primary = lang.split('-').next()?;
            ENGINE
                .iter()
                .find(|(l, _, _)| !l.contains('-') && l.eq_ignore_ascii_case(primary))
        })?;
    Some(File::from_text(found.1, found.2))
}

/// The engine's complete table for a language it knows.
pub fn engine(lang: &str) -> Result<Words, ContentErrors> {
    let file = engine_file(lang).ok_or_else(|| {
        ContentErrors(vec![ContentError {
            file: "model/words".into(),
            line: 0,
            message: format!("the engine has no words for `{lang}`"),
        }])
    })?;
    build(lang, &[&file], None)
}

/// The words for `lang`: the engine's table when it has one, then each override file in turn
/// (later ones win). Every key must end up with a value: a language the engine does not know
/// gives them all, and each one missing is reported against `require_in` (the edition's words
/// file, which need not exist yet).
pub fn words(lang: &str, overrides: &[&File], require_in: &Path) -> Result<Words, ContentErrors> {
    let engine = engine_file(lang);
    let mut files: Vec<&File> = Vec::new();
    if let Some(f) = &engine {
        files.push(f);
    }
    files.extend_from_slice(overrides);
    build(lang, &files, Some(require_in))
}

fn build(lang: &str, files: &[&File], require_in: Option<&Path>) -> Result<Words, ContentErrors> {
    let mut errors = Vec::new();
    let mut values: Vec<Option<Value>> = vec![None; KEYS.len()];
    for file in files {
        read(file, &mut values, &mut errors);
    }
    let missing: Vec<&str> = KEYS
        .iter()
        .filter(|k| values[k.0 as usize].is_none())
        .map(|k| k.1)
        .collect();
    if !missing.is_empty() {
        let file = require_in
            .map(Path::to_path_buf)
            .or_else(|| files.last().map(|f| f.path.clone()))
            .unwrap_or_default();
        for key in missing {
            errors.push(ContentError {
                file: file.clone(),
                line: 1,
                message: format!(
                    "the interface word `{key}` has no {lang} text (the engine has no complete {lang} table: give it here)"
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    Ok(Words::from_values(
        lang,
        values.into_iter().map(|v| v.expect("checked")).collect(),
    ))
}

/// Reads one table into `values`, reporting what does not fit the key table.
fn read(file: &File, values: &mut [Option<Value>], errors: &mut Vec<ContentError>) {
    let table: toml::Table = match file.parse() {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            return;
        }
    };
    for (key, v) in table {
        let line = file.line_of_key(None, &key);
        let Some(w) = W::parse(&key) else {
            errors.push(file.error(
                line,
                format!("`{key}` is not an interface word (the keys are in model/words/en.toml)"),
            ));
            continue;
        };
        match value_of(w, &v) {
            Ok(val) => values[w as usize] = Some(val),
            Err(msg) => errors.push(file.error(line, format!("`{key}`: {msg}"))),
        }
    }
}

/// A TOML value as the key's kind, with its patterns' names checked.
fn value_of(w: W, v: &toml::Value) -> Result<Value, String> {
    let allowed = w.names();
    let check = |pattern: &str, may_drop_n: bool| -> Result<(), String> {
        let used = super::pattern::names(pattern);
        if let Some(bad) = used.iter().find(|u| !allowed.contains(u)) {
            return Err(format!(
                "uses `{{{bad}}}`, which this word does not have (it has {})",
                names_list(allowed)
            ));
        }
        if let Some(gone) = allowed
            .iter()
            .find(|a| !(used.contains(a) || (may_drop_n && **a == "n")))
        {
            return Err(format!(
                "leaves out `{{{gone}}}` (it needs {})",
                names_list(allowed)
            ));
        }
        Ok(())
    };
    match (w.kind(), v) {
        (Kind::Text, toml::Value::String(s)) => {
            check(s, false)?;
            Ok(Value::Text(s.clone()))
        }
        (Kind::Plural, toml::Value::String(s)) => {
            check(s, false)?;
            Ok(Value::Plural(vec![("other".into(), s.clone())]))
        }
        (Kind::Plural, toml::Value::Table(t)) => {
            let mut forms = Vec::new();
            for (cat, s) in t {
                if !matches!(
                    cat.as_str(),
                    "zero" | "one" | "two" | "few" | "many" | "other"
                ) {
                    return Err(format!(
                        "`{cat}` is not a plural category (zero, one, two, few, many, other)"
                    ));
                }
                let Some(s) = s.as_str() else {
                    return Err(format!("the `{cat}` form must be text"));
                };
                check(s, cat != "other")?;
                forms.push((cat.clone(), s.to_string()));
            }
            if !forms.iter().any(|(c, _)| c == "other") {
                return Err("needs an `other` form".into());
            }
            Ok(Value::Plural(forms))
        }
        (Kind::List(n), toml::Value::Array(items)) => {
            let items: Option<Vec<String>> =
                items.iter().map(|i| i.as_str().map(String::from)).collect();
            match items {
                Some(items) if items.len() == n => Ok(Value::List(items)),
                _ => Err(format!("must be a list of {n} texts")),
            }
        }
        (Kind::Text, _) => Err("must be text".into()),
        (Kind::Plural, _) => Err("must be text or a table of plural forms".into()),
        (Kind::List(n), _) => Err(format!("must be a list of {n} texts")),
    }
}

fn names_list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names
            .iter()
            .map(|n| format!("{{{n}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_tables_are_complete() {
        for lang in engine_languages() {
            engine(lang).unwrap_or_else(|e| panic!("{lang}:\n{e}"));
        }
        assert!(engine("ko-KR").is_ok(), "a regional tag takes its language");
        assert!(
            engine("zh-Hant").is_err(),
            "Chinese needs its own script's table"
        );
    }

    #[test]
    fn overrides_are_checked_key_by_key() {
        let f = File::from_text(
            "content/words.toml",
            "overview = \"Everything\"\nstep_of = \"of {all}\"\nno_such_word = \"x\"\nmonths = [\"a\"]\n",
        );
        let e = words("en", &[&f], Path::new("content/words.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("content/words.toml:2: `step_of`: uses `{all}`"),
            "{e}"
        );
        assert!(
            e.contains("content/words.toml:3: `no_such_word` is not an interface word"),
            "{e}"
        );
        assert!(
            e.contains("content/words.toml:4: `months`: must be a list of 12 texts"),
            "{e}"
        );
        let ok = File::from_text("w.toml", "overview = \"Everything\"\n");
        let w = words("en", &[&ok], Path::new("w.toml")).unwrap();
        assert_eq!(w.t(W::Overview), "Everything");
        assert_eq!(w.t(W::Embed), "Embed", "the rest is the engine's");
    }

    #[test]
    fn a_language_the_engine_does_not_know_must_give_every_word() {
        let f = File::from_text("editions/ja/words.toml", "overview = \"概要\"\n");
        let e = words("ja", &[&f], Path::new("editions/ja/words.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("editions/ja/words.toml:1: the interface word `months` has no ja text"),
            "{e}"
        );
        assert!(!e.contains("`overview`"), "{e}");
    }
}

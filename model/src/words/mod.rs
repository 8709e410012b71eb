//! The interface words: every string a page shows that is not the explainer's own content, in
//! one table per language. English is the engine's default (`model/words/en.toml`); the engine
//! also has Korean and Simplified Chinese; an explainer overrides any key in its content folder,
//! and an edition in a language the engine has no table for gives every key.
//!
//! Pages are written at build time, so the words are used there: [`Words`] fills patterns,
//! chooses plural forms and writes dates. The browser never sees this table: each page carries
//! the few patterns its app says (see `crate::contract`), filled in by [`pattern::fill`].

pub mod keys;
pub mod pattern;

#[cfg(feature = "build")]
pub mod load;

pub use keys::{Kind, KEYS, W};
pub use pattern::{capitalised, fill};

use crate::date::{from_day_number, CalDate, DateSpan, Precision};

/// One key's value in a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    /// (CLDR category, pattern), `other` among them.
    Plural(Vec<(String, String)>),
    List(Vec<String>),
}

/// One language's words, complete: a value for every key.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// The BCP 47 tag of the language (`en`, `ko`, `zh-Hans`).
    pub lang: String,
    values: Vec<Value>,
}

/// The plural category of `n` in a language (CLDR cardinal rules for integers), for the
/// languages the engine knows; `other` for the rest.
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    let primary = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        // No plural forms.
        "ko" | "zh" | "ja" | "vi" | "th" | "id" | "ms" => "other",
        // French and Portuguese count 0 and 1 as one.
        "fr" | "pt" if n < 2 => "one",
        _ if n == 1 => "one",
        _ => "other",
    }
}

impl Words {
    /// A complete table (the loader checks completeness; this is for it and for tests).
    pub fn from_values(lang: &str, values: Vec<Value>) -> Words {
        assert_eq!(values.len(), KEYS.len(), "a value for every key");
        Words {
            lang: lang.to_string(),
            values,
        }
    }

    pub fn value(&self, w: W) -> &Value {
        &self.values[w as usize]
    }

    /// A key's pattern, unfilled (a plural key's `other` form; a list's first item).
    pub fn t(&self, w: W) -> &str {
        match self.value(w) {
            Value::Text(s) => s,
            Value::Plural(forms) => forms
                .iter()
                .find(|(c, _)| c == "other")
                .map_or("", |(_, s)| s.as_str()),
            Value::List(items) => items.first().map_or("", |s| s.as_str()),
        }
    }

    /// A key's pattern filled with `args`.
    pub fn f(&self, w: W, args: &[(&str, &str)]) -> String {
        fill(self.t(w), args)
    }

    /// A plural key's form for `n`, filled with `n` and `args`.
    pub fn n(&self, w: W, n: u64, args: &[(&str, &str)]) -> String {
        let cat = plural_category(&self.lang, n);
        let pattern = match self.value(w) {
            Value::Plural(forms) => forms
                .iter()
                .find(|(c, _)| c == cat)
                .or_else(|| forms.iter().find(|(c, _)| c == "other"))
                .map_or("", |(_, s)| s.as_str()),
            _ => self.t(w),
        };
        let n = n.to_string();
        let mut all: Vec<(&str, &str)> = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(pattern, &all)
    }

    /// Item `i` of a list key.
    pub fn item(&self, w: W, i: usize) -> &str {
        match self.value(w) {
            Value::List(items) => items.get(i).map_or("", |s| s.as_str()),
            _ => self.t(w),
        }
    }

    /// Items joined as a sentence joins them: "a, b and c".
    pub fn join(&self, items: &[impl AsRef<str>]) -> String {
        match items {
            [] => String::new(),
            [one] => one.as_ref().to_string(),
            [rest @ .., last] => {
                let rest: Vec<&str> = rest.iter().map(|s| s.as_ref()).collect();
                [
                    rest.join(self.t(W::ListSep)).as_str(),
                    self.t(W::ListLast),
                    last.as_ref(),
                ]
                .concat()
            }
        }
    }

    /// Items joined by the list separator for long items ("a; b; c").
    pub fn join_semi(&self, items: &[impl AsRef<str>]) -> String {
        let v: Vec<&str> = items.iter().map(|s| s.as_ref()).collect();
        v.join(self.t(W::ListSemi))
    }

    fn month(&self, m: u8, short: bool) -> &str {
        let key = if short { W::MonthsShort } else { W::Months };
        self.item(key, m.max(1) as usize - 1)
    }

    /// A date as the language writes it: `15 September 1950`, `1950년 9월 15일`.
    pub fn date(&self, d: &CalDate) -> String {
        self.date_as(d, false)
    }

    fn date_as(&self, d: &CalDate, short: bool) -> String {
        let (y, day) = (d.year.to_string(), d.day.to_string());
        match d.precision() {
            Precision::Year => self.f(W::DateYear, &[("year", &y)]),
            Precision::Month => self.f(
                W::DateMonth,
                &[("month", self.month(d.month, short)), ("year", &y)],
            ),
            Precision::Day => self.f(
                W::DateDay,
                &[
                    ("day", &day),
                    ("month", self.month(d.month, short)),
                    ("year", &y),
                ],
            ),
        }
    }

    /// A date or a range, written compactly: `25–27 October 1949`, `June–October 1950`.
    pub fn span(&self, s: &DateSpan) -> String {
        match s.end {
            None => self.date(&s.start),
            Some(end) => self.range(&s.start, &end, false),
        }
    }

    fn range(&self, a: &CalDate, z: &CalDate, short: bool) -> String {
        let same = a.precision() == z.precision();
        let (y, y2) = (a.year.to_string(), z.year.to_string());
        let (d, d2) = (a.day.to_string(), z.day.to_string());
        let (m, m2) = (self.month(a.month, short), self.month(z.month, short));
        match (same, a.precision()) {
            (true, Precision::Day) if a.year == z.year && a.month == z.month => self.f(
                W::RangeDays,
                &[("day", &d), ("day2", &d2), ("month", m), ("year", &y)],
            ),
            (true, Precision::Day) if a.year == z.year => self.f(
                W::RangeDaysMonths,
                &[
                    ("day", &d),
                    ("month", m),
                    ("day2", &d2),
                    ("month2", m2),
                    ("year", &y),
                ],
            ),
            (true, Precision::Month) if a.year == z.year => self.f(
                W::RangeMonths,
                &[("month", m), ("month2", m2), ("year", &y)],
            ),
            (true, Precision::Year) => self.f(W::RangeYears, &[("year", &y), ("year2", &y2)]),
            _ => self.f(
                W::Range,
                &[
                    ("from", &self.date_as(a, short)),
                    ("to", &self.date_as(z, short)),
                ],
            ),
        }
    }

    /// How precisely a date is known, in a word or two.
    pub fn precision(&self, s: &DateSpan) -> &str {
        if s.end.is_some() {
            return self.t(W::PrecisionRange);
        }
        self.t(match s.start.precision() {
            Precision::Year => W::PrecisionYear,
            Precision::Month => W::PrecisionMonth,
            Precision::Day => W::PrecisionDay,
        })
    }

    /// A window of days `[from, to)` in words, with short month names: "Sep 1949 – Nov 1950",
    /// "Jun–Sep 1950", "1945–2020": the timeline's kicker.
    pub fn window(&self, from: f64, to: f64) -> String {
        let a = from_day_number(from as i32);
        let z = from_day_number(to as i32 - 1);
        let whole_years = a.month == 1 && a.day == 1 && z.month == 12 && z.day == 31;
        let whole_months =
            a.day == 1 && z.day >= crate::date::days_in_month(z.year as i32, z.month);
        let (a, z) = if whole_years {
            (CalDate::ymd(a.year, 0, 0), CalDate::ymd(z.year, 0, 0))
        } else if whole_months {
            (
                CalDate::ymd(a.year, a.month, 0),
                CalDate::ymd(z.year, z.month, 0),
            )
        } else {
            (a, z)
        };
        if a == z {
            self.date_as(&a, true)
        } else {
            self.range(&a, &z, true)
        }
    }

    /// An axis tick's label: a day with or without its month, a month with or without its year,
    /// or a year.
    pub fn tick(&self, d: &CalDate, with_parent: bool) -> String {
        let (y, day) = (d.year.to_string(), d.day.to_string());
        let m = self.month(d.month, true);
        match (d.precision(), with_parent) {
            (Precision::Day, true) => self.f(W::TickDayMonth, &[("day", &day), ("month", m)]),
            (Precision::Day, false) => self.f(W::TickDay, &[("day", &day)]),
            (Precision::Month, true) => self.f(W::TickMonthYear, &[("month", m), ("year", &y)]),
            (Precision::Month, false) => self.f(W::TickMonth, &[("month", m)]),
            (Precision::Year, _) => self.f(W::TickYear, &[("year", &y)]),
        }
    }
}

/// The engine's English words, for tests across the model.
#[cfg(all(test, feature = "build"))]
pub fn english() -> Words {
    load::engine("en").expect("the engine's English table is complete")
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_newspaper_way() {
        let w = english();
        let d = |s: &str| DateSpan::parse(s).unwrap();
        assert_eq!(w.span(&d("1950-10-19")), "19 October 1950");
        assert_eq!(w.span(&d("1950-10")), "October 1950");
        assert_eq!(w.span(&d("1950")), "1950");
        assert_eq!(w.span(&d("1949-10-25..1949-10-27")), "25–27 October 1949");
        assert_eq!(w.span(&d("1950-06..1950-10")), "June–October 1950");
        assert_eq!(
            w.span(&d("1950-09-30..1950-10-02")),
            "30 September – 2 October 1950"
        );
        assert_eq!(w.span(&d("1950..1953")), "1950–1953");
        assert_eq!(w.span(&d("1950-06..1953")), "June 1950 – 1953");
        assert_eq!(w.precision(&d("1950-06")), "month only");
    }

    #[test]
    fn windows_read_like_a_newspaper_kicker() {
        let w = english();
        let d = |s: &str| DateSpan::parse(s).unwrap();
        let win =
            |a: &str, z: &str| w.window(d(a).first_day() as f64, d(z).last_day() as f64 + 1.0);
        assert_eq!(win("1949-09", "1950-11"), "Sep 1949 – Nov 1950");
        assert_eq!(win("1950-06", "1950-09"), "Jun–Sep 1950");
        assert_eq!(win("1950-06", "1950-06"), "Jun 1950");
        assert_eq!(win("1945", "2020"), "1945–2020");
        assert_eq!(win("1950-09-20", "1950-10-20"), "20 Sep – 20 Oct 1950");
    }

    #[test]
    fn korean_and_chinese_write_dates_their_own_way() {
        let d = |s: &str| DateSpan::parse(s).unwrap();
        let ko = load::engine("ko").unwrap();
        assert_eq!(ko.span(&d("1950-10-08")), "1950년 10월 8일");
        assert_eq!(ko.span(&d("1950-10")), "1950년 10월");
        let zh = load::engine("zh-Hans").unwrap();
        assert_eq!(zh.span(&d("1950-10-08")), "1950年10月8日");
        assert_eq!(zh.span(&d("1950-06..1950-10")), "1950年6月至10月");
    }

    #[test]
    fn plurals_and_lists() {
        let w = english();
        assert_eq!(
            w.n(W::AllEvents, 57, &[]),
            "All 57 events, with dates and sources"
        );
        assert_eq!(
            w.n(W::AllEvents, 1, &[]),
            "The event, with its date and source"
        );
        assert_eq!(w.join(&["a", "b", "c"]), "a, b and c");
        assert_eq!(w.join(&["a"]), "a");
        assert_eq!(plural_category("ko", 1), "other");
        assert_eq!(plural_category("en-GB", 1), "one");
    }
}

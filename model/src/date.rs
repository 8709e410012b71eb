//! Calendar dates as written in the content: a year, a month or a day, or a range of them.
//!
//! Deliberately not a JS `Date`: a calendar date has no time zone, so nothing here can shift a day
//! when the reader's clock is west of UTC.

use serde::Deserialize;
use std::fmt;

/// A calendar date with the precision it was written with (`month`/`day` are 0 when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalDate {
    pub year: i16,
    pub month: u8,
    pub day: u8,
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date or an inclusive range of dates (`1950-10-02..1950-10-05`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub start: CalDate,
    pub end: Option<CalDate>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl CalDate {
    pub const fn ymd(year: i16, month: u8, day: u8) -> Self {
        CalDate { year, month, day }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)");
        let mut parts = s.trim().split('-');
        let year_s = parts.next().ok_or_else(bad)?;
        if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i16 = year_s.parse().map_err(|_| bad())?;
        let mut num = |len_ok: fn(usize) -> bool| -> Result<Option<u8>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if len_ok(p.len()) && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| bad())?))
                }
                Some(_) => Err(bad()),
            }
        };
        let month = num(|l| l == 2)?;
        let day = if month.is_some() {
            num(|l| l == 2)?
        } else {
            None
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        let month = month.unwrap_or(0);
        let day = day.unwrap_or(0);
        if month > 12 || (month == 0 && day != 0) {
            return Err(format!("`{s}` has no month {month}"));
        }
        if month != 0 && day > days_in_month(year as i32, month) {
            return Err(format!(
                "`{s}`: {} {year} has no day {day}",
                MONTHS[month as usize - 1]
            ));
        }
        if month != 0 && day == 0 && s.trim().matches('-').count() == 2 {
            return Err(format!("`{s}` has no day 0"));
        }
        Ok(CalDate { year, month, day })
    }

    /// Days since 1 January 1900 of the first day this date covers (proleptic Gregorian).
    pub fn first_day(&self) -> i32 {
        day_number(self.year as i32, self.month.max(1), self.day.max(1))
    }

    /// Days since 1 January 1900 of the last day this date covers.
    pub fn last_day(&self) -> i32 {
        let y = self.year as i32;
        match self.precision() {
            Precision::Year => day_number(y, 12, 31),
            Precision::Month => day_number(y, self.month, days_in_month(y, self.month)),
            Precision::Day => self.first_day(),
        }
    }

    /// The ISO form for `<time datetime>`: `1950`, `1950-10` or `1950-10-19`.
    pub fn iso(&self) -> String {
        match self.precision() {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[(self.month.max(1) - 1) as usize]
    }
}

/// Days since 1900-01-01 for a valid y-m-d (Howard Hinnant's days_from_civil, shifted).
pub fn day_number(y: i32, m: u8, d: u8) -> i32 {
    let (m, d) = (m as i32, d as i32);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + 25_567
}

/// The calendar date of a day number (inverse of [`day_number`]).
pub fn from_day_number(n: i32) -> CalDate {
    let z = n - 25_567 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    CalDate::ymd(y as i16, m as u8, d as u8)
}

impl fmt::Display for CalDate {
    /// Newspaper style: `15 September 1950`, `September 1950`, `1950`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{}", self.year),
            Precision::Month => write!(f, "{} {}", self.month_name(), self.year),
            Precision::Day => write!(f, "{} {} {}", self.day, self.month_name(), self.year),
        }
    }
}

impl DateSpan {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.split_once("..") {
            None => Ok(DateSpan {
                start: CalDate::parse(s)?,
                end: None,
            }),
            Some((a, b)) => {
                let (start, end) = (CalDate::parse(a)?, CalDate::parse(b)?);
                if end.last_day() < start.first_day() {
                    return Err(format!("`{s}` ends before it starts"));
                }
                Ok(DateSpan {
                    start,
                    end: Some(end),
                })
            }
        }
    }

    pub fn first_day(&self) -> i32 {
        self.start.first_day()
    }

    pub fn last_day(&self) -> i32 {
        self.end.unwrap_or(self.start).last_day()
    }

    /// The `datetime` attribute: an ISO date, or the start of a range (HTML has no range form).
    pub fn iso(&self) -> String {
        self.start.iso()
    }

    /// A short word for the precision, for the details card ("day", "month", "year", "range").
    pub fn precision_label(&self) -> &'static str {
        if self.end.is_some() {
            return "date range";
        }
        match self.start.precision() {
            Precision::Year => "year only",
            Precision::Month => "month only",
            Precision::Day => "exact day",
        }
    }
}

impl fmt::Display for DateSpan {
    /// Ranges are written compactly: `25–27 October 1949`, `June–October 1950`, `1950–1953`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(end) = self.end else {
            return write!(f, "{}", self.start);
        };
        let s = self.start;
        let same_prec = s.precision() == end.precision();
        match (same_prec, s.precision()) {
            (true, Precision::Day) if s.year == end.year && s.month == end.month => {
                write!(f, "{}–{} {} {}", s.day, end.day, end.month_name(), end.year)
            }
            (true, Precision::Day) if s.year == end.year => {
                write!(
                    f,
                    "{} {} – {} {} {}",
                    s.day,
                    s.month_name(),
                    end.day,
                    end.month_name(),
                    end.year
                )
            }
            (true, Precision::Month) if s.year == end.year => {
                write!(f, "{}–{} {}", s.month_name(), end.month_name(), end.year)
            }
            (true, Precision::Year) => write!(f, "{}–{}", s.year, end.year),
            _ => write!(f, "{} – {}", s, end),
        }
    }
}

impl<'de> Deserialize<'de> for DateSpan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateSpan::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for CalDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CalDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(CalDate::parse("1950").unwrap().precision(), Precision::Year);
        assert_eq!(
            CalDate::parse("1950-10").unwrap().precision(),
            Precision::Month
        );
        let d = CalDate::parse("1950-10-19").unwrap();
        assert_eq!(d, CalDate::ymd(1950, 10, 19));
        assert_eq!(d.precision(), Precision::Day);
        assert_eq!(d.iso(), "1950-10-19");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "1950-02-30",
            "1950-13",
            "1950-00-01",
            "50-10-01",
            "1950/10/01",
            "1950-1-5",
            "",
            "1950-10-01-02",
            "1950-10-00",
        ] {
            assert!(CalDate::parse(bad).is_err(), "{bad} should not parse");
        }
        assert!(CalDate::parse("1952-02-29").is_ok(), "1952 is a leap year");
        assert!(CalDate::parse("1950-02-29")
            .unwrap_err()
            .contains("February 1950 has no day 29"));
    }

    #[test]
    fn day_numbers_round_trip_without_time_zones() {
        assert_eq!(day_number(1900, 1, 1), 0);
        assert_eq!(day_number(1950, 6, 25) - day_number(1950, 6, 24), 1);
        for n in [0, 18_000, 19_173, 20_000, 44_000] {
            let d = from_day_number(n);
            assert_eq!(day_number(d.year as i32, d.month, d.day), n);
        }
        // 27 July 1953 was a Monday; 1 January 1900 was a Monday too.
        assert_eq!(day_number(1953, 7, 27).rem_euclid(7), 0);
    }

    #[test]
    fn spans_cover_their_precision() {
        let m = DateSpan::parse("1950-08").unwrap();
        assert_eq!(m.first_day(), day_number(1950, 8, 1));
        assert_eq!(m.last_day(), day_number(1950, 8, 31));
        let r = DateSpan::parse("1950-11-27..1950-12-13").unwrap();
        assert_eq!(r.last_day(), day_number(1950, 12, 13));
        assert!(DateSpan::parse("1950-12..1950-11")
            .unwrap_err()
            .contains("ends before"));
    }

    #[test]
    fn displays_like_a_newspaper() {
        assert_eq!(
            DateSpan::parse("1950-09-15").unwrap().to_string(),
            "15 September 1950"
        );
        assert_eq!(
            DateSpan::parse("1949-10-25..1949-10-27")
                .unwrap()
                .to_string(),
            "25–27 October 1949"
        );
        assert_eq!(
            DateSpan::parse("1950-11-27..1950-12-13")
                .unwrap()
                .to_string(),
            "27 November – 13 December 1950"
        );
        assert_eq!(
            DateSpan::parse("1950-04..1950-05").unwrap().to_string(),
            "April–May 1950"
        );
        assert_eq!(
            DateSpan::parse("1958-10").unwrap().to_string(),
            "October 1958"
        );
    }
}

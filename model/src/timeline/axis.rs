//! The time axis: day numbers to a position `t` from 0 to 1, with long empty stretches squeezed
//! into a short break, so that 1945–1958 gets the room and 1995–2020 still fits on one sheet.

use crate::date::{days_in_month, from_day_number, CalDate};

/// Stretches without events longer than this many days are squeezed into a break.
pub const BREAK_MIN_DAYS: f64 = 8.0 * 365.25;
/// Room kept on each side of a break, so the events beside it are not at its edge: half a year
/// (a whole one left a lone event in an empty band on narrow panels).
const BREAK_MARGIN_DAYS: f64 = 365.25 / 2.0;
/// Share of the axis each break takes.
pub const BREAK_SHARE: f64 = 0.035;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece {
    d0: f64,
    d1: f64,
    t0: f64,
    t1: f64,
    squeezed: bool,
}

/// A piecewise-linear map from days to `t` in 0–1.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeAxis {
    pieces: Vec<Piece>,
}

impl TimeAxis {
    /// The axis from day `first` to day `end` (exclusive), squeezing every stretch longer than
    /// [`BREAK_MIN_DAYS`] that no span in `spans` (first day, end day exclusive) touches.
    pub fn new(first: f64, end: f64, spans: &[(f64, f64)]) -> TimeAxis {
        let end = end.max(first + 1.0);
        let mut covered: Vec<(f64, f64)> = spans
            .iter()
            .map(|&(a, b)| (a.max(first), b.min(end)))
            .filter(|(a, b)| b > a)
            .collect();
        covered.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut breaks = Vec::new();
        let mut reached = first;
        for &(a, b) in &covered {
            if a - reached > BREAK_MIN_DAYS {
                breaks.push((reached + BREAK_MARGIN_DAYS, a - BREAK_MARGIN_DAYS));
            }
            reached = reached.max(b);
        }
        if end - reached > BREAK_MIN_DAYS {
            breaks.push((reached + BREAK_MARGIN_DAYS, end - BREAK_MARGIN_DAYS));
        }
        let squeezed: f64 = breaks.iter().map(|(a, b)| b - a).sum();
        let live_share = 1.0 - BREAK_SHARE * breaks.len() as f64;
        let per_day = live_share / (end - first - squeezed);
        let mut pieces = Vec::new();
        let (mut d, mut t) = (first, 0.0);
        for (a, b) in breaks {
            let t_live = t + (a - d) * per_day;
            pieces.push(Piece {
                d0: d,
                d1: a,
                t0: t,
                t1: t_live,
                squeezed: false,
            });
            pieces.push(Piece {
                d0: a,
                d1: b,
                t0: t_live,
                t1: t_live + BREAK_SHARE,
                squeezed: true,
            });
            d = b;
            t = t_live + BREAK_SHARE;
        }
        pieces.push(Piece {
            d0: d,
            d1: end,
            t0: t,
            t1: 1.0,
            squeezed: false,
        });
        TimeAxis { pieces }
    }

    pub fn first_day(&self) -> f64 {
        self.pieces[0].d0
    }

    pub fn end_day(&self) -> f64 {
        self.pieces[self.pieces.len() - 1].d1
    }

    /// Where `day` sits, from 0 (the first day) to 1 (the end); outside the span it extrapolates.
    pub fn t(&self, day: f64) -> f64 {
        let p = self
            .pieces
            .iter()
            .find(|p| day < p.d1)
            .unwrap_or(&self.pieces[self.pieces.len() - 1]);
        let p = if day < self.pieces[0].d0 {
            &self.pieces[0]
        } else {
            p
        };
        p.t0 + (day - p.d0) / (p.d1 - p.d0) * (p.t1 - p.t0)
    }

    /// The squeezed stretches as `t` intervals, where the drawing shows a break.
    pub fn breaks(&self) -> Vec<(f64, f64)> {
        self.pieces
            .iter()
            .filter(|p| p.squeezed)
            .map(|p| (p.t0, p.t1))
            .collect()
    }

    /// Axis ticks between days `from` and `to`, at least `min_gap` px apart when the whole
    /// window spans `px` pixels: the finest of weeks, months, quarters, half-years or years
    /// that does not crowd, chosen separately for each unsqueezed stretch.
    pub fn ticks(
        &self,
        from: f64,
        to: f64,
        px: f64,
        min_gap: f64,
        words: super::TickWords,
    ) -> Vec<Tick> {
        let (tf, tt) = (self.t(from), self.t(to));
        let px_per_t = px / (tt - tf).max(1e-9);
        let mut out = Vec::new();
        for p in self.pieces.iter().filter(|p| !p.squeezed) {
            let (a, b) = (p.d0.max(from), p.d1.min(to));
            if b <= a {
                continue;
            }
            let px_per_day = (p.t1 - p.t0) / (p.d1 - p.d0) * px_per_t;
            for (day, date, parent) in calendar_ticks(a, b, px_per_day, min_gap) {
                out.push(Tick {
                    at: (self.t(day) - tf) / (tt - tf),
                    label: words(&date, parent),
                });
            }
        }
        // Ticks from two stretches may meet at a break: keep the first of a crowded pair.
        let mut kept: Vec<Tick> = Vec::new();
        for t in out {
            if kept
                .last()
                .is_none_or(|k| (t.at - k.at) * px >= min_gap - 0.01)
            {
                kept.push(t);
            }
        }
        kept
    }
}

/// One axis tick: where it sits in the window (0–1) and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// Calendar ticks in `[a, b)` for a linear stretch at `px_per_day`: the day, the date with the
/// tick's precision, and whether the tick also names its month (a day) or year (a month).
fn calendar_ticks(a: f64, b: f64, px_per_day: f64, min_gap: f64) -> Vec<(f64, CalDate, bool)> {
    let start = from_day_number(a.ceil() as i32);
    let end = from_day_number(b.floor() as i32);
    let fits = |days: f64| days * px_per_day >= min_gap;
    if fits(7.0) {
        // Days 1, 8, 15 and 22: calendar-friendly, and 7 days apart at most.
        let mut out = Vec::new();
        let mut first = true;
        for day in a.ceil() as i32..b.ceil() as i32 {
            let d = from_day_number(day);
            if matches!(d.day, 1 | 8 | 15 | 22) {
                out.push((day as f64, d, first || d.day == 1));
                first = false;
            }
        }
        if fits(10.0) || out.windows(2).all(|w| fits(w[1].0 - w[0].0)) {
            return out;
        }
    }
    for (months, len) in [(1u32, 31.0), (3, 92.0), (6, 184.0)] {
        if fits(len) {
            let mut out = Vec::new();
            let (mut y, mut m) = (start.year as i32, start.month.max(1) as u32);
            let mut first = true;
            while (y, m) <= (end.year as i32, end.month.max(1) as u32) {
                let day = CalDate::ymd(y as i16, m as u8, 1).first_day() as f64;
                if (m - 1) % months == 0 && day >= a && day < b {
                    out.push((day, CalDate::ymd(y as i16, m as u8, 0), first || m == 1));
                    first = false;
                }
                let _ = days_in_month(y, m as u8);
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
            return out;
        }
    }
    for years in [1, 2, 5, 10, 20, 50] {
        if fits(years as f64 * 365.25) {
            let first = (start.year as i32 + years - 1).div_euclid(years) * years;
            return (first..=end.year as i32 + 1)
                .step_by(years as usize)
                .map(|y| {
                    (
                        CalDate::ymd(y as i16, 1, 1).first_day() as f64,
                        CalDate::ymd(y as i16, 0, 0),
                        true,
                    )
                })
                .filter(|&(d, _, _)| d >= a && d < b)
                .collect();
        }
    }
    Vec::new()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::date::DateSpan;

    fn day(s: &str) -> f64 {
        DateSpan::parse(s).unwrap().first_day() as f64
    }

    fn axis() -> TimeAxis {
        let spans: Vec<(f64, f64)> = [
            "1945-08", "1948-08", "1950-06", "1950-10", "1953-07", "1958-10", "1995-07", "2020-09",
            "2020-10",
        ]
        .iter()
        .map(|d| (day(d), day(d) + 1.0))
        .collect();
        TimeAxis::new(day("1945-08"), day("2021-01"), &spans)
    }

    #[test]
    fn the_long_quiet_between_the_war_and_its_memorials_is_squeezed() {
        let a = axis();
        let breaks = a.breaks();
        assert_eq!(breaks.len(), 2, "1958–1995 and 1995–2020: {breaks:?}");
        assert!((a.t(day("1945-08")) - 0.0).abs() < 1e-9);
        assert!((a.t(day("2021-01")) - 1.0).abs() < 1e-9);
        let war = a.t(day("1953-08")) - a.t(day("1950-06"));
        let after = a.t(day("1990-01")) - a.t(day("1962-01"));
        assert!(
            war > 5.0 * after,
            "three war years outweigh 28 quiet ones: {war} vs {after}"
        );
        assert!(
            a.t(day("1958-10")) < 0.85,
            "the war years take most of the sheet"
        );
    }

    #[test]
    fn a_lone_event_beside_breaks_keeps_half_a_year_of_room_and_no_more() {
        // The 1995 memorial stands alone between two breaks; a window of 1990–2021 shows it
        // with the room kept on each side. A whole year each side left an empty band of more
        // than 15 % of the panel at 375 px once CJK labels took one line (issue 22).
        let a = axis();
        let breaks = a.breaks();
        let memorial = a.t(day("1995-07"));
        let (before, after) = (breaks[0].1, breaks[1].0);
        let room = |days: f64| a.t(day("1995-07") + days) - memorial;
        assert!(
            memorial - before > 0.99 * room(182.0),
            "room before 1995: {breaks:?}"
        );
        assert!(
            after - memorial > 0.99 * room(182.0),
            "room after 1995: {breaks:?}"
        );
        assert!(
            after - memorial < room(200.0),
            "no more than half a year: {breaks:?}"
        );
    }

    #[test]
    fn positions_rise_with_the_date_everywhere() {
        let a = axis();
        let mut last = -1.0;
        for d in (day("1945-08") as i32..day("2021-01") as i32).step_by(17) {
            let t = a.t(d as f64);
            assert!(t > last, "{d}: {t} after {last}");
            last = t;
        }
    }

    /// English ticks as the engine's default words write them.
    pub(crate) fn en(d: &CalDate, parent: bool) -> String {
        const M: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let m = M[d.month.max(1) as usize - 1];
        match (d.precision(), parent) {
            (crate::date::Precision::Day, true) => format!("{} {m}", d.day),
            (crate::date::Precision::Day, false) => d.day.to_string(),
            (crate::date::Precision::Month, true) => format!("{m} {}", d.year),
            (crate::date::Precision::Month, false) => m.to_string(),
            (crate::date::Precision::Year, _) => d.year.to_string(),
        }
    }

    #[test]
    fn ticks_adapt_to_the_zoom_and_never_crowd() {
        let a = axis();
        for px in [190.0, 300.0, 520.0, 700.0, 1400.0] {
            for (f, t) in [
                ("1945-08", "2021-01"),
                ("1950-06", "1950-10"),
                ("1950-09-20", "1950-10-21"),
                ("1949-09", "1950-12"),
                ("1990", "2021"),
            ] {
                let ticks = a.ticks(day(f), day(t), px, 56.0, &en);
                assert!(
                    ticks.len() >= if px < 250.0 { 1 } else { 2 },
                    "{f}..{t} at {px}: {ticks:?}"
                );
                for w in ticks.windows(2) {
                    assert!(
                        (w[1].at - w[0].at) * px >= 55.9,
                        "{f}..{t} at {px}: {:?} and {:?} crowd",
                        w[0],
                        w[1]
                    );
                }
                assert!(ticks.iter().all(|t| (0.0..=1.0).contains(&t.at)));
            }
        }
        let t = a.ticks(day("1950-06"), day("1950-10"), 700.0, 56.0, &en);
        assert!(t.iter().any(|t| t.label == "Aug"), "{t:?}");
        assert!(
            t[0].label.contains("1950"),
            "the year is named first: {t:?}"
        );
        let t = a.ticks(day("1950-09-20"), day("1950-10-21"), 700.0, 56.0, &en);
        assert!(t.iter().any(|t| t.label == "1 Oct"), "{t:?}");
    }
}

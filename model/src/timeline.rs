//! Timeline geometry: a time scale for the visible span, axis ticks that never crowd, and event
//! labels packed into lanes so that no two overlap at any width.
//!
//! Text widths are estimated from character counts (the app's label font is a system sans at a
//! fixed size); the estimate errs wide, and the end-to-end tests check real rendered boxes.

use crate::date::{days_in_month, from_day_number, CalDate};

/// Width of one label character in CSS px, erring wide for a 12–13 px system sans.
pub const CHAR_W: f64 = 7.0;
/// Space kept between neighbouring labels in a lane.
pub const LABEL_GAP: f64 = 10.0;
/// Labels are cut to this many characters (with an ellipsis) so one long title can't hog a lane.
pub const LABEL_MAX_CHARS: usize = 28;

/// A linear map from day numbers to x positions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub from: f64,
    pub to: f64,
    pub width: f64,
}

impl Scale {
    pub fn new(from: f64, to: f64, width: f64) -> Scale {
        Scale {
            from,
            to: to.max(from + 1.0),
            width: width.max(1.0),
        }
    }

    pub fn x(&self, day: f64) -> f64 {
        (day - self.from) / (self.to - self.from) * self.width
    }

    pub fn contains(&self, day: f64) -> bool {
        day >= self.from && day <= self.to
    }
}

/// An event as the layout needs it.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    pub first_day: i32,
    pub last_day: i32,
    pub label_chars: usize,
    /// Highlighted items are labelled first, so the step's events always get the room.
    pub highlighted: bool,
    /// Items not shown at all (filtered out, or not yet revealed) take no room.
    pub shown: bool,
}

/// Where an item's mark and label go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Mark position (the middle of the item's dates) and the extent of a range bar.
    pub x: f64,
    pub x_start: f64,
    pub x_end: f64,
    /// Whether the mark is inside the visible span.
    pub in_view: bool,
    /// The label's lane (0 = nearest the axis) and left edge, when it fits.
    pub label: Option<(u8, f64)>,
    pub label_width: f64,
}

pub fn label_text(title: &str) -> String {
    if title.chars().count() <= LABEL_MAX_CHARS {
        title.to_string()
    } else {
        let cut: String = title.chars().take(LABEL_MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn label_width(chars: usize) -> f64 {
    chars.min(LABEL_MAX_CHARS) as f64 * CHAR_W
}

/// Lays out marks and labels for the visible span of `scale`, in at most `lanes` lanes.
pub fn layout(items: &[Item], scale: Scale, lanes: u8) -> Vec<Placed> {
    let mut placed: Vec<Placed> = items
        .iter()
        .map(|it| {
            let mid = (it.first_day as f64 + it.last_day as f64) / 2.0;
            Placed {
                x: scale.x(mid),
                x_start: scale.x(it.first_day as f64),
                x_end: scale.x(it.last_day as f64 + 1.0),
                in_view: it.shown && scale.contains(mid),
                label: None,
                label_width: label_width(it.label_chars),
            }
        })
        .collect();
    // Highlighted first, then in time order: a greedy packing that is stable as the span changes.
    let mut order: Vec<usize> = (0..items.len()).filter(|&i| placed[i].in_view).collect();
    order.sort_by_key(|&i| (!items[i].highlighted, items[i].first_day, i));
    let mut occupied: Vec<Vec<(f64, f64)>> = vec![Vec::new(); lanes as usize];
    for i in order {
        let p = placed[i];
        // Labels start at the mark; near the right edge they end at it instead.
        let left = if p.x + p.label_width <= scale.width {
            p.x
        } else {
            p.x - p.label_width
        };
        if left < 0.0 {
            continue;
        }
        let span = (
            left - LABEL_GAP / 2.0,
            left + p.label_width + LABEL_GAP / 2.0,
        );
        if let Some(lane) = occupied
            .iter()
            .position(|taken| taken.iter().all(|&(a, b)| span.1 <= a || span.0 >= b))
        {
            occupied[lane].push(span);
            placed[i].label = Some((lane as u8, left));
        }
    }
    placed
}

/// One axis tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Ticks for the span, at the finest of year-multiples, quarters, months or weeks whose labels
/// don't crowd: at least `min_gap` px between tick positions.
pub fn ticks(scale: Scale, min_gap: f64) -> Vec<Tick> {
    let days_per_px = (scale.to - scale.from) / scale.width;
    let start = from_day_number(scale.from.floor() as i32);
    let end = from_day_number(scale.to.ceil() as i32);
    // Average lengths in days of each candidate interval, finest first.
    let month_candidates: [(u32, f64); 3] = [(1, 30.44), (3, 91.31), (6, 182.6)];
    if days_per_px * min_gap <= 7.0 {
        return week_ticks(scale);
    }
    for (months, len) in month_candidates {
        if len / days_per_px >= min_gap {
            return month_ticks(scale, start, end, months);
        }
    }
    for years in [1, 2, 5, 10, 20, 50] {
        if years as f64 * 365.25 / days_per_px >= min_gap {
            let first = (start.year as i32 + years - 1) / years * years;
            return (first..=end.year as i32 + 1)
                .step_by(years as usize)
                .map(|y| (y, CalDate::ymd(y as i16, 1, 1).first_day() as f64))
                .filter(|&(_, d)| scale.contains(d))
                .map(|(y, d)| Tick {
                    x: scale.x(d),
                    label: y.to_string(),
                })
                .collect();
        }
    }
    Vec::new()
}

fn month_ticks(scale: Scale, start: CalDate, end: CalDate, every: u32) -> Vec<Tick> {
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year as i32, start.month as u32);
    let mut first = true;
    while (y, m) <= (end.year as i32, end.month as u32) {
        if (m - 1) % every == 0 {
            let d = CalDate::ymd(y as i16, m as u8, 1).first_day() as f64;
            if scale.contains(d) {
                // The year is named on the first tick and at each January.
                let label = if first || m == 1 {
                    format!("{} {y}", MONTH_ABBR[m as usize - 1])
                } else {
                    MONTH_ABBR[m as usize - 1].to_string()
                };
                out.push(Tick {
                    x: scale.x(d),
                    label,
                });
                first = false;
            }
        }
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

fn week_ticks(scale: Scale) -> Vec<Tick> {
    // Days 1, 8, 15, 22 of each month: calendar-friendly and never crowded at this zoom.
    let mut out = Vec::new();
    let mut day = scale.from.ceil() as i32;
    while (day as f64) <= scale.to {
        let d = from_day_number(day);
        if matches!(d.day, 1 | 8 | 15 | 22) && d.day <= days_in_month(d.year as i32, d.month) {
            out.push(Tick {
                x: scale.x(day as f64),
                label: format!("{} {}", d.day, MONTH_ABBR[d.month as usize - 1]),
            });
        }
        day += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::DateSpan;

    fn item(date: &str, title_len: usize, highlighted: bool) -> Item {
        let d = DateSpan::parse(date).unwrap();
        Item {
            first_day: d.first_day(),
            last_day: d.last_day(),
            label_chars: title_len,
            highlighted,
            shown: true,
        }
    }

    fn span(a: &str, b: &str, width: f64) -> Scale {
        Scale::new(
            DateSpan::parse(a).unwrap().first_day() as f64,
            DateSpan::parse(b).unwrap().last_day() as f64 + 1.0,
            width,
        )
    }

    /// A dense run like the real October 1950, where a dozen events fall in four weeks.
    fn crowded() -> Vec<Item> {
        let dates = [
            "1945-08",
            "1948-08-15",
            "1948-09-09",
            "1949-10-01",
            "1949-10-25..1949-10-27",
            "1950-01-05",
            "1950-01-12",
            "1950-02-14",
            "1950-04",
            "1950-04..1950-05",
            "1950-05-13..1950-05-16",
            "1950-06-25",
            "1950-06-27",
            "1950-06-27",
            "1950-07-13",
            "1950-08",
            "1950-08..1950-09",
            "1950-09-15",
            "1950-09-30",
            "1950-10-01",
            "1950-10-01",
            "1950-10-03",
            "1950-10-04..1950-10-05",
            "1950-10-07",
            "1950-10-08",
            "1950-10-10..1950-10-11",
            "1950-10-15",
            "1950-10-19",
            "1950-10-25",
            "1950-11-27..1950-12-13",
            "1951-01-04",
            "1951-04-11",
            "1951-07-10",
            "1952-10-14..1952-11-25",
            "1953-03-05",
            "1953-07-27",
        ];
        dates
            .iter()
            .enumerate()
            .map(|(i, d)| item(d, 12 + (i * 7) % 28, i % 9 == 0))
            .collect()
    }

    fn assert_no_overlap(placed: &[Placed], width: f64) {
        for (i, a) in placed.iter().enumerate() {
            let Some((la, xa)) = a.label else { continue };
            assert!(
                xa >= 0.0 && xa + a.label_width <= width + 0.01,
                "label {i} leaves the drawing: {xa} + {}",
                a.label_width
            );
            for (j, b) in placed.iter().enumerate().skip(i + 1) {
                let Some((lb, xb)) = b.label else { continue };
                if la == lb {
                    assert!(
                        xa + a.label_width + LABEL_GAP <= xb + 0.01
                            || xb + b.label_width + LABEL_GAP <= xa + 0.01,
                        "labels {i} and {j} overlap in lane {la}: {xa}+{} vs {xb}+{}",
                        a.label_width,
                        b.label_width
                    );
                }
            }
        }
    }

    #[test]
    fn labels_never_overlap_from_phone_to_wide_desktop() {
        let items = crowded();
        for width in [
            280.0, 320.0, 375.0, 480.0, 768.0, 1024.0, 1280.0, 1920.0, 2560.0,
        ] {
            for (a, b) in [
                ("1945-08", "1953-12"),
                ("1950-06", "1950-10"),
                ("1950-09-25", "1950-10-26"),
                ("1949", "1951"),
            ] {
                for lanes in [1, 3, 5] {
                    assert_no_overlap(&layout(&items, span(a, b, width), lanes), width);
                }
            }
        }
    }

    #[test]
    fn highlighted_events_get_labels_first() {
        let mut items = crowded();
        // In the October close-up on a phone, the 19 October crossing must be labelled.
        let yalu = items
            .iter()
            .position(|i| i.first_day == DateSpan::parse("1950-10-19").unwrap().first_day())
            .unwrap();
        for (i, it) in items.iter_mut().enumerate() {
            it.highlighted = i == yalu;
        }
        let placed = layout(&items, span("1950-09-25", "1950-10-26", 320.0), 2);
        assert!(placed[yalu].label.is_some());
        assert_eq!(
            placed[yalu].label.unwrap().0,
            0,
            "the highlighted label takes the lane nearest the axis"
        );
    }

    #[test]
    fn events_outside_the_span_or_hidden_take_no_room() {
        let mut items = crowded();
        items[20].shown = false;
        let placed = layout(&items, span("1950-06", "1950-10", 800.0), 3);
        assert!(
            !placed[0].in_view && placed[0].label.is_none(),
            "August 1945 is outside June–October 1950"
        );
        assert!(!placed[20].in_view && placed[20].label.is_none());
        assert!(placed[17].in_view, "Inchon is inside");
    }

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        assert_eq!(label_text("Short"), "Short");
        let long = label_text("Zhou Enlai and Lin Biao meet Stalin on the Black Sea");
        assert_eq!(long.chars().count(), LABEL_MAX_CHARS);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn ticks_adapt_to_the_zoom_and_never_crowd() {
        for width in [320.0, 768.0, 1280.0, 1920.0] {
            for (a, b) in [
                ("1945-08", "1953-12"),
                ("1950-06", "1950-10"),
                ("1950-09-25", "1950-10-26"),
                ("1945", "2020"),
            ] {
                let s = span(a, b, width);
                let t = ticks(s, 64.0);
                assert!(t.len() >= 2, "{a}..{b} at {width}: {t:?}");
                for w in t.windows(2) {
                    assert!(
                        w[1].x - w[0].x >= 60.0,
                        "{a}..{b} at {width}: {:?} and {:?} crowd",
                        w[0],
                        w[1]
                    );
                }
            }
        }
        let t = ticks(span("1950-06", "1950-10", 1280.0), 64.0);
        assert!(t.iter().any(|t| t.label == "Aug"), "{t:?}");
        assert!(
            t[0].label.contains("1950"),
            "the year is named on the first tick: {t:?}"
        );
        let t = ticks(span("1945", "2020", 320.0), 64.0);
        assert!(t.iter().all(|t| t.label.len() == 4), "{t:?}");
    }
}

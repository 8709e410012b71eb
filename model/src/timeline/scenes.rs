//! The timeline's scenes from the content: one per timeline step of the essay, and the widget's
//! overview and eras. Scene ids are what the page's `data-scene` attributes name.

use super::{marks, Geometry, Item, Mark, Scene, TimeAxis};
use crate::content::{Bundle, Graphic, Timeline};
use crate::words::{Words, W};

/// Everything the timeline's drawing needs, derived from the content once.
#[derive(Clone, Debug)]
pub struct Plan {
    pub axis: TimeAxis,
    pub items: Vec<Item>,
    pub marks: Vec<Mark>,
    /// Essay steps that show the timeline, by step id.
    pub steps: Vec<Scene>,
    /// The widget's views: the overview first, then each era.
    pub views: Vec<(Scene, String)>,
    pub geometry: Geometry,
}

/// Context labels per scene when there is room.
pub const CONTEXT_LABELS: usize = 3;
/// Labels on the overview, which has no lit events.
pub const OVERVIEW_LABELS: usize = 7;

/// The gutter the narrow plot needs for its ticks' words, one line each (a tick's words stack at
/// its first space), and the gap the wide plot needs between ticks, in a language's words.
pub fn geometry(lanes: usize, w: &Words) -> Geometry {
    use crate::date::CalDate;
    use crate::text::width;
    let font = super::TICK;
    let mut widest_line: f64 = 0.0;
    let mut widest: f64 = 0.0;
    for m in 1..=12u8 {
        for (d, parent) in [
            (CalDate::ymd(1950, m, 28), true),
            (CalDate::ymd(1950, m, 28), false),
            (CalDate::ymd(1950, m, 0), true),
            (CalDate::ymd(1950, m, 0), false),
            (CalDate::ymd(1950, 0, 0), true),
        ] {
            let label = w.tick(&d, parent);
            widest = widest.max(width(&label, font));
            let (a, b) = label.split_once(' ').unwrap_or((&label, ""));
            widest_line = widest_line.max(width(a, font)).max(width(b, font));
        }
    }
    Geometry {
        lanes,
        gutter: super::GUTTER.max((widest_line + 4.0).ceil()),
        tick_gap: 64f64.max((widest + 10.0).ceil()),
    }
}

pub fn plan(b: &Bundle, tl: &Timeline, w: &Words) -> Plan {
    let events = &tl.event;
    let eras = &tl.era;
    let first = eras
        .first()
        .map(|e| e.from.first_day())
        .into_iter()
        .chain(events.first().map(|e| e.date.first_day()))
        .min()
        .unwrap_or(0) as f64;
    let end = eras
        .last()
        .map(|e| e.to.last_day())
        .into_iter()
        .chain(events.iter().map(|e| e.date.last_day()))
        .max()
        .unwrap_or(1) as f64
        + 1.0;
    let spans: Vec<(f64, f64)> = events
        .iter()
        .map(|e| (e.date.first_day() as f64, e.date.last_day() as f64 + 1.0))
        .collect();
    let axis = TimeAxis::new(first, end, &spans);
    let items: Vec<Item> = events
        .iter()
        .map(|e| Item {
            title: e.title.to_string(),
            lane: tl.lane.iter().position(|l| l.id == e.lane).unwrap_or(0),
            d0: e.date.first_day() as f64,
            d1: e.date.last_day() as f64 + 1.0,
        })
        .collect();
    let marks = marks(&axis, &items);
    let index = |id: &str| events.iter().position(|e| e.id == id);
    // How much the story leans on an event: the steps that light it; then the essay's own
    // events before the explainer's additions; then date order.
    let weight: Vec<usize> = events
        .iter()
        .map(|e| {
            b.steps()
                .filter(|(_, s)| match &s.graphic {
                    Graphic::Timeline { highlight, .. } => highlight.contains(&e.id),
                    _ => false,
                })
                .count()
        })
        .collect();
    let mut by_weight: Vec<usize> = (0..events.len()).collect();
    by_weight.sort_by_key(|&i| (std::cmp::Reverse(weight[i]), events[i].added, i));
    let steps = b
        .steps()
        .filter_map(|(_, s)| match &s.graphic {
            Graphic::Timeline {
                from,
                to,
                highlight,
            } => {
                let highlight: Vec<usize> = highlight.iter().filter_map(|h| index(h)).collect();
                Some(Scene {
                    id: s.id.to_string(),
                    from: from.first_day() as f64,
                    to: to.last_day() as f64 + 1.0,
                    anchor: index(&s.anchor).filter(|a| highlight.contains(a)),
                    highlight,
                    note: s.note.to_string(),
                    context: by_weight.clone(),
                    max_context: CONTEXT_LABELS,
                    reveal: f64::INFINITY,
                })
            }
            _ => None,
        })
        .collect();
    let overview = Scene {
        id: "overview".into(),
        from: first,
        to: end,
        highlight: Vec::new(),
        anchor: None,
        note: String::new(),
        context: by_weight.clone(),
        max_context: OVERVIEW_LABELS,
        reveal: f64::INFINITY,
    };
    let mut views = vec![(overview, w.t(W::Overview).to_string())];
    for era in eras.iter() {
        views.push((
            Scene {
                id: era.id.to_string(),
                from: era.from.first_day() as f64,
                to: era.to.last_day() as f64 + 1.0,
                highlight: Vec::new(),
                anchor: None,
                note: String::new(),
                context: by_weight.clone(),
                max_context: OVERVIEW_LABELS,
                reveal: f64::INFINITY,
            },
            era.label.to_string(),
        ));
    }
    Plan {
        axis,
        items,
        marks,
        steps,
        views,
        geometry: geometry(tl.lane.len(), w),
    }
}

impl Plan {
    /// Lays out one of the plan's scenes for one class, with ticks in `w`'s words.
    pub fn layout(&self, class: super::Class, scene: &Scene, w: &Words) -> super::Layout {
        super::layout(
            class,
            &self.axis,
            &self.items,
            &self.marks,
            scene,
            self.geometry,
            &|d, parent| w.tick(d, parent),
        )
    }

    /// Every scene the plan knows: the essay's steps, then the widget's views.
    pub fn all(&self) -> impl Iterator<Item = &Scene> {
        self.steps.iter().chain(self.views.iter().map(|(s, _)| s))
    }
}

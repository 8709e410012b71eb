use super::*;
use crate::date::DateSpan;
use crate::timeline::axis::tests::en;

fn day(s: &str) -> f64 {
    DateSpan::parse(s).unwrap().first_day() as f64
}

/// A rectangle in plot px.
#[derive(Clone, Copy, Debug)]
struct R {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl R {
    fn hits(&self, o: &R) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Plot sizes from the class's minimum up to 4× in each direction, independently.
fn sizes(class: Class) -> Vec<(f64, f64)> {
    let (w0, h0) = class.min();
    let mut out = Vec::new();
    for fw in [1.0, 1.13, 1.5, 2.2, 4.0] {
        for fh in [1.0, 1.21, 1.7, 2.6, 4.0] {
            out.push((w0 * fw, h0 * fh));
        }
    }
    out
}

/// Every check a reader's eye would make, at one plot size.
fn check(layout: &Layout, marks: &[Mark], w: f64, h: f64, what: &str, g: Geometry) {
    let class = layout.class;
    let bottom = match class {
        Class::Wide => h - AXIS_H,
        Class::Narrow => h,
    };
    let boxes: Vec<R> = layout
        .labels
        .iter()
        .map(|l| {
            let (x, y) = l.pos.at(class, w, h);
            R {
                x0: x,
                y0: y,
                x1: x + l.w,
                y1: y + l.h,
            }
        })
        .collect();
    for (a, ra) in layout.labels.iter().zip(&boxes) {
        assert!(
            ra.x0 >= -0.01 && ra.x1 <= w + 0.01 && ra.y0 >= -0.01 && ra.y1 <= bottom + 0.01,
            "{what} at {w}×{h}: label {:?} leaves the plot: {ra:?}",
            a.title
        );
        for (b, rb) in layout.labels.iter().zip(&boxes) {
            if a.item != b.item {
                assert!(
                    !ra.hits(rb),
                    "{what} at {w}×{h}: {:?} overlaps {:?}",
                    a.title,
                    b.title
                );
            }
        }
        // No label covers a mark on show.
        for (i, m) in marks.iter().enumerate() {
            let f = layout.view.f(m.t);
            if !(0.0..=1.0).contains(&f) {
                continue;
            }
            let (cx, cy) = mark_pos(class, m, layout.view, &layout.lanes, g).at(class, w, h);
            let disc = R {
                x0: cx - 6.0,
                y0: cy - 6.0,
                x1: cx + 6.0,
                y1: cy + 6.0,
            };
            assert!(
                !ra.hits(&disc),
                "{what} at {w}×{h}: label {:?} covers mark {i}",
                a.title
            );
        }
        // The leader starts at its own mark and crosses no other label.
        let m = &marks[a.item];
        let (cx, cy) = mark_pos(class, m, layout.view, &layout.lanes, g).at(class, w, h);
        for seg in a.leader.windows(2) {
            let r = R {
                x0: cx + seg[0].0.min(seg[1].0) - 0.5,
                y0: cy + seg[0].1.min(seg[1].1) - 0.5,
                x1: cx + seg[0].0.max(seg[1].0) + 0.5,
                y1: cy + seg[0].1.max(seg[1].1) + 0.5,
            };
            for (b, rb) in layout.labels.iter().zip(&boxes) {
                if b.item != a.item {
                    assert!(
                        !r.hits(rb),
                        "{what} at {w}×{h}: the leader of {:?} crosses {:?}",
                        a.title,
                        b.title
                    );
                }
            }
        }
        // And it reaches its box.
        let end = a.leader.last().unwrap();
        let (ex, ey) = (cx + end.0, cy + end.1);
        assert!(
            ex >= ra.x0 - 4.5 && ex <= ra.x1 + 0.5 && ey >= ra.y0 - 0.5 && ey <= ra.y1 + 0.5,
            "{what} at {w}×{h}: the leader of {:?} ends at ({ex}, {ey}), away from its box {ra:?}",
            a.title
        );
    }
    for t in &layout.ticks {
        match class {
            Class::Wide => assert!(
                PAD + t.at * (w - 2.0 * PAD) + 5.0 + crate::text::width(&t.label, TICK) <= w + 0.01,
                "{what} at {w}×{h}: tick {:?} runs off the plot",
                t.label
            ),
            Class::Narrow => {
                let top = NARROW_TOP + t.at * (h - NARROW_TOP - NARROW_BOTTOM);
                assert!(
                    top >= 0.0 && top + 26.0 <= h + 0.01,
                    "{what} at {w}×{h}: tick {:?} runs off the plot",
                    t.label
                );
                for line in t.label.lines() {
                    assert!(
                        crate::text::width(line, TICK) <= GUTTER_TEXT,
                        "{what}: tick {:?} is wider than the gutter",
                        t.label
                    );
                }
            }
        }
    }
    if class == Class::Wide {
        // Lane names sit at the top left of their lanes, clear of every label.
        for lane in 0..layout.lanes.len() - 1 {
            let y = lane_edge(&layout.lanes, lane, h - AXIS_H);
            let name = R {
                x0: PAD,
                y0: y,
                x1: PAD + 170.0,
                y1: y + LANE_NAME_H - 2.0,
            };
            for (a, ra) in layout.labels.iter().zip(&boxes) {
                assert!(
                    !name.hits(ra),
                    "{what} at {w}×{h}: {:?} covers lane {lane}'s name",
                    a.title
                );
            }
        }
    }
}

fn crowded() -> (TimeAxis, Vec<Item>) {
    let rows = [
        ("1949-10-01", "People’s Republic proclaimed", 1),
        ("1949-10-25", "Defeat at Guningtou on Kinmen", 0),
        ("1950-04-16", "PLA takes Hainan", 0),
        ("1950-06-25", "North Korea invades the South", 2),
        ("1950-06-27", "Seventh Fleet sent to the Taiwan Strait", 0),
        ("1950-06-27", "UN urges members to aid the South", 3),
        ("1950-09-15", "Landing at Inchon", 2),
        ("1950-10-01", "South Korean troops cross the parallel", 2),
        ("1950-10-01", "Stalin asks for Chinese troops", 3),
        ("1950-10-04", "Politburo debates intervention", 1),
        ("1950-10-07", "UN endorses the drive north", 3),
        ("1950-10-08", "Mao orders the Volunteers into being", 1),
        ("1950-10-19", "Volunteers cross the Yalu", 2),
        ("1950-10-19", "UN forces take Pyongyang", 2),
        ("1953-07-27", "Armistice signed at Panmunjom", 2),
        ("2020-10-23", "Xi marks 70 years since intervention", 1),
    ];
    let items: Vec<Item> = rows
        .iter()
        .map(|&(d, t, lane)| Item {
            title: t.into(),
            lane,
            d0: day(d),
            d1: day(d) + 1.0,
        })
        .collect();
    let spans: Vec<(f64, f64)> = items.iter().map(|i| (i.d0, i.d1)).collect();
    (TimeAxis::new(day("1945-08"), day("2021-01"), &spans), items)
}

fn scene(from: &str, to: &str, highlight: &[usize], note: &str) -> Scene {
    Scene {
        id: "s".into(),
        from: day(from),
        to: day(to),
        highlight: highlight.to_vec(),
        anchor: None,
        note: note.into(),
        context: (0..16).collect(),
        max_context: 3,
        reveal: f64::INFINITY,
    }
}

#[test]
fn lit_events_are_named_in_full_with_the_note_and_nothing_overlaps_at_any_size() {
    let (axis, items) = crowded();
    let m = marks(&axis, &items);
    let scenes = [
        scene(
            "1950-09-20",
            "1950-10-22",
            &[11, 9, 12],
            "8 October: Mao orders the Volunteers into Korea.",
        ),
        scene(
            "1949-09",
            "1950-12",
            &[1, 2, 4],
            "The fleet puts Taiwan out of reach.",
        ),
        scene("1945-08", "2021-01", &[], ""),
    ];
    for s in &scenes {
        for class in Class::ALL {
            let l = layout(class, &axis, &items, &m, s, Geometry::default(), &en);
            assert!(l.unplaced.is_empty(), "{class:?}: {:?}", l.unplaced);
            for &i in &s.highlight {
                let label = l.labels.iter().find(|x| x.item == i).unwrap();
                assert_eq!(
                    label.title.join(" "),
                    items[i].title,
                    "named in full, never cut"
                );
            }
            for (w, h) in sizes(class) {
                check(
                    &l,
                    &m,
                    w,
                    h,
                    &format!("{class:?} {}", s.from),
                    Geometry::default(),
                );
            }
        }
    }
}

#[test]
fn the_note_rides_with_the_anchor() {
    let (axis, items) = crowded();
    let m = marks(&axis, &items);
    let mut s = scene("1950-09-20", "1950-10-22", &[9, 11], "The order goes out.");
    s.anchor = Some(11);
    let l = layout(Class::Wide, &axis, &items, &m, &s, Geometry::default(), &en);
    let a = l.labels.iter().find(|x| x.kind == Kind::Anchor).unwrap();
    assert_eq!(a.item, 11);
    assert_eq!(a.note.join(" "), "The order goes out.");
    assert!(l.labels.iter().filter(|x| !x.note.is_empty()).count() == 1);
}

#[test]
fn same_day_marks_in_a_lane_stack() {
    let (axis, items) = crowded();
    let m = marks(&axis, &items);
    assert_eq!(
        (m[12].stack, m[13].stack),
        (0, 1),
        "the Yalu and Pyongyang on 19 October"
    );
    assert_eq!(m[5].stack, 0, "same day, another lane");
}

#[test]
fn a_lane_with_nothing_in_the_window_takes_a_small_share_of_a_tall_plot() {
    let (axis, items) = crowded();
    let m = marks(&axis, &items);
    // 1950-06 to 1950-07: North Korea invades (lane 2), the fleet (lane 0), the UN (lane 3);
    // nothing of lane 1 (Beijing).
    let s = scene("1950-06", "1950-07", &[3], "");
    let l = layout(Class::Wide, &axis, &items, &m, &s, Geometry::default(), &en);
    let (_, h0) = Class::Wide.min();
    let height = |lane: usize, h: f64| {
        let inner = h - AXIS_H;
        lane_edge(&l.lanes, lane + 1, inner) - lane_edge(&l.lanes, lane, inner)
    };
    let h = h0 * 2.0;
    // Beyond the smallest plot, the empty lane grows by a fifth of what the others grow.
    let grown = |lane: usize| height(lane, h) - height(lane, h0);
    assert!(grown(1) > 0.0, "it still grows a little");
    assert!(
        (grown(1) - EMPTY_LANE_SHARE * grown(2)).abs() < 1e-6,
        "{} vs {}",
        grown(1),
        grown(2)
    );
    assert!(
        height(1, h) < height(2, h) * 0.5,
        "an empty lane is no empty stripe"
    );
    // The edges still span the plot, top to bottom, in order.
    assert_eq!((l.lanes.f[0], l.lanes.f[4]), (0.0, 1.0));
    assert!(l.lanes.f.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn events_outside_the_window_are_not_labelled() {
    let (axis, items) = crowded();
    let m = marks(&axis, &items);
    let l = layout(
        Class::Wide,
        &axis,
        &items,
        &m,
        &scene("1950-06", "1950-07", &[3], ""),
        Geometry::default(),
        &en,
    );
    assert!(l.labels.iter().all(|x| {
        let f = l.view.f(m[x.item].t);
        (0.0..=1.0).contains(&f)
    }));
}

#[cfg(feature = "build")]
mod real {
    use super::*;
    use crate::timeline::scenes::plan;
    use std::path::Path;

    #[test]
    fn every_scene_of_the_real_content_and_the_fixture_is_legible_at_every_size_of_both_shapes() {
        for dir in ["../content", "../tests/fixtures/mini"] {
            let c = crate::load::load_all(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
                .unwrap_or_else(|e| panic!("{e}"));
            for e in &c.editions {
                let b = &e.bundle;
                let Some(t) = &b.timeline else { continue };
                let p = plan(b, t, &e.words);
                let g = p.geometry;
                let dir = format!("{dir} ({})", e.lang);
                let all: Vec<&Scene> = p
                    .steps
                    .iter()
                    .chain(p.views.iter().map(|(s, _)| s))
                    .collect();
                assert!(all.len() > 2, "{dir}");
                for s in all {
                    for class in Class::ALL {
                        let l = p.layout(class, s, &e.words);
                        assert!(
                            l.unplaced.is_empty(),
                            "{dir} {} {class:?}: no room for {:?}",
                            s.id,
                            l.unplaced
                                .iter()
                                .map(|&i| &p.items[i].title)
                                .collect::<Vec<_>>()
                        );
                        for &i in &s.highlight {
                            assert!(
                                l.labels.iter().any(|x| x.item == i),
                                "{dir} {} {class:?}: lit {:?} is not named",
                                s.id,
                                p.items[i].title
                            );
                        }
                        for (w, h) in sizes(class) {
                            check(&l, &p.marks, w, h, &s.id, g);
                        }
                    }
                }
            }
        }
    }
}

//! The timeline: events as an ordered list of buttons laid out along a time axis, era bands and
//! ticks behind them, and a details card. The list is the accessible timeline (each event a
//! `<time>`); bands, ticks and marks are decoration. Layout comes from `explainer_model::timeline`.

use super::embed::{EmbedCode, Nav};
use super::{Credit, Notice};
use crate::content::bundle;
use crate::dom;
use explainer_model::content::{Actor, Event};
use explainer_model::route::{Route, Widget};
use explainer_model::story::TimelineView;
use explainer_model::timeline::{label_text, layout, ticks, Item, Scale};
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Height of one label lane, in CSS px (the stylesheet's `--lane-h` agrees).
const LANE_H: f64 = 22.0;
/// Horizontal padding inside the drawing, so marks at the ends stay clear of the edge.
const PAD: f64 = 12.0;

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

fn lanes_for(width: f64) -> u8 {
    if width >= 640.0 {
        4
    } else {
        3
    }
}

/// Whole pixels: enough for layout, and integer formatting keeps float printing out of the binary.
fn px(v: f64) -> i32 {
    v.round() as i32
}

fn actor_bit(a: Actor) -> u8 {
    1 << Actor::ALL.iter().position(|&x| x == a).unwrap_or(0)
}

/// The timeline. In the essay it follows `view`; alone, the reader picks spans and events.
#[component]
pub fn Timeline(
    /// The span, the lit events and how far the story has revealed.
    #[prop(into)]
    view: Signal<TimelineView>,
    /// A still for plain reading and print: no controls, no focus, no details.
    #[prop(optional)]
    still: bool,
    /// The event whose details are open, when the owner wants to set or follow it.
    #[prop(optional)]
    selected: Option<RwSignal<Option<usize>>>,
) -> impl IntoView {
    let events: &'static [Event] = &bundle().timeline.event;
    let eras = &bundle().timeline.era;
    let uid = INSTANCES.fetch_add(1, Ordering::Relaxed);
    let card_id = format!("tl{uid}-card");

    let draw = NodeRef::<leptos::html::Div>::new();
    // A first guess from the slot's width; the real width is read once mounted.
    let width = RwSignal::new(
        dom::by_id("graphic").map_or(600.0, |g| (g.client_width() as f64 - 32.0).max(240.0)),
    );
    let ready = RwSignal::new(false);
    let measure = move || {
        if let Some(el) = draw.get_untracked() {
            let w = el.client_width() as f64;
            if w > 0.0 && (w - width.get_untracked()).abs() > 0.5 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if draw.get().is_some() {
            measure();
            // Transitions start after the first real layout, so nothing slides in on load.
            request_animation_frame(move || ready.set(true));
        }
    });
    let _ = window_event_listener(leptos::ev::resize, move |_| measure());

    let filter = RwSignal::new(u8::MAX);
    let selected = selected.unwrap_or_else(|| RwSignal::new(None));
    let hover = RwSignal::new(None::<usize>);
    let focus = RwSignal::new(selected.get_untracked().unwrap_or(0));

    let lanes = Memo::new(move |_| lanes_for(width.get()));
    let placed = Memo::new(move |_| {
        let v = view.get();
        let f = filter.get();
        let items: Vec<Item> = events
            .iter()
            .map(|e| Item {
                first_day: e.date.first_day(),
                last_day: e.date.last_day(),
                label_chars: label_text(&e.title).chars().count(),
                highlighted: v.highlight.iter().any(|h| *h == e.id),
                shown: e.date.first_day() <= v.reveal_until
                    && e.actors.iter().any(|&a| f & actor_bit(a) != 0),
            })
            .collect();
        let scale = Scale::new(v.from as f64, v.to as f64, width.get() - 2.0 * PAD);
        (scale, layout(&items, scale, lanes.get()))
    });
    let visible = move |i: usize| placed.with(|(_, p)| p[i].in_view);
    let lit = move |i: usize| view.with(|v| v.highlight.iter().any(|h| *h == events[i].id));

    let choose = move |i: Option<usize>| selected.set(i);
    // Arrow keys move between the events on show; Escape closes the details.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = events.len();
        let from = focus.get_untracked();
        let step = |dir: isize| -> Option<usize> {
            let mut i = from as isize;
            loop {
                i += dir;
                if i < 0 || i >= n as isize {
                    return None;
                }
                if visible(i as usize) {
                    return Some(i as usize);
                }
            }
        };
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => step(1),
            "ArrowLeft" | "ArrowUp" => step(-1),
            "Home" => (0..n).find(|&i| visible(i)),
            "End" => (0..n).rev().find(|&i| visible(i)),
            "Escape" => {
                if selected.get_untracked().is_some() {
                    choose(None);
                    ev.prevent_default();
                    ev.stop_propagation();
                }
                return;
            }
            _ => return,
        };
        // Handled here even at the ends, so the page and the essay's stepper don't also move.
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(to) = to {
            focus.set(to);
            if let Some(b) = dom::by_id(&format!("tl{uid}-ev{to}")) {
                // Without preventScroll, some engines scroll the host page around an embed.
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = b.focus_with_options(&opts);
            }
            if selected.get_untracked().is_some() {
                choose(Some(to));
            }
        }
    };
    // Keep the roving tab stop on an event that is on show.
    Effect::new(move |_| {
        let f = focus.get_untracked();
        if !visible(f) {
            if let Some(i) = (0..events.len())
                .filter(|&i| visible(i))
                .min_by_key(|&i| i.abs_diff(f))
            {
                focus.set(i);
            }
        }
    });

    let marks = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let actor = e.actors.first().copied().unwrap_or(Actor::Prc);
            let p = move || placed.with(|(_, p)| p[i]);
            let base = format!("ev actor-{}", actor.slug());
            // One class and one style per event, the geometry as CSS variables the stylesheet
            // turns into transforms: few reactive bindings, and transitions come for free.
            // Memos, so that an event whose look does not change is not written to the page.
            let class = Memo::new(move |_| {
                let p = p();
                let mut c = base.clone();
                for (on, name) in [(lit(i), " is-hl"), (!p.in_view, " is-out"), (p.label.is_none(), " is-nolabel"), (selected.get() == Some(i), " is-sel")] {
                    if on {
                        c.push_str(name);
                    }
                }
                c
            });
            // An event out of view keeps its last place (it is fading out, or already hidden).
            let style = Memo::new(move |prev: Option<&String>| {
                let p = p();
                if let (false, Some(prev)) = (p.in_view, prev) {
                    return prev.clone();
                }
                let (lane, left) = p.label.map_or((0.0, p.x), |(l, x)| (l as f64 + 1.0, x));
                format!(
                    "--x:{}px;--rx:{}px;--rw:{};--ll:{};--lx:{}px;--ly:{}px",
                    px(p.x + PAD),
                    px(p.x_start - p.x),
                    px((p.x_end - p.x_start).max(0.0)),
                    px(lane * LANE_H),
                    px(left - p.x),
                    px(-lane.max(1.0) * LANE_H)
                )
            });
            view! {
                <li class=class style=style data-id=e.id.as_ref()>
                    <span class="ev-range" aria-hidden="true"></span>
                    <span class="ev-leader" aria-hidden="true"></span>
                    <button type="button" class="ev-btn" id=format!("tl{uid}-ev{i}")
                        tabindex=move || if !still && focus.get() == i { "0" } else { "-1" }
                        aria-expanded=move || (selected.get() == Some(i)).to_string()
                        aria-controls=card_id.clone()
                        on:click=move |_| choose(if selected.get_untracked() == Some(i) { None } else { Some(i) })
                        on:focus=move |_| focus.set(i)
                        on:mouseenter=move |_| hover.set(Some(i))
                        on:mouseleave=move |_| hover.set(None)>
                        <span class=format!("ev-mark shape-{}", actor.slug()) aria-hidden="true"></span>
                        <span class="ev-label">
                            {label_text(&e.title)}
                            <span class="vh">", " <time datetime=e.date.iso()>{e.date.to_string()}</time></span>
                        </span>
                    </button>
                </li>
            }
        })
        .collect_view();

    let bands = eras
        .iter()
        .map(|era| {
            let (a, b) = (era.from.first_day() as f64, era.to.last_day() as f64 + 1.0);
            let geom = move || {
                placed.with(|(s, _)| {
                    let (x0, x1) = (s.x(a).max(-PAD), s.x(b).min(s.width + PAD));
                    (x0 + PAD, (x1 - x0).max(0.0))
                })
            };
            view! {
                <div class=format!("era era-{}", era.id) aria-hidden="true"
                    style=move || { let (x, w) = geom(); format!("--x:{}px;--w:{}", px(x), px(w)) }>
                    <span class="era-label" class:is-narrow=move || geom().1 < 90.0>{era.label.as_ref()}</span>
                </div>
            }
        })
        .collect_view();

    let axis_ticks = move || {
        placed.with(|(s, _)| {
            ticks(*s, 64.0)
                .into_iter()
                .map(|t| view! { <div class="tick" style=format!("--x:{}px", px(t.x + PAD))>{t.label}</div> })
                .collect_view()
        })
    };

    let shown = move || hover.get().or(selected.get());
    let card = move || shown().map(|i| view! { <EventCard event=&events[i]/> });

    let filters = (!still).then(|| {
        view! {
            <div class="tl-filters" role="group" aria-label="Show events involving">
                {Actor::ALL.iter().map(|&a| view! {
                    <button type="button" class=format!("chip actor-{}", a.slug()) title=a.name()
                        aria-pressed=move || (filter.get() & actor_bit(a) != 0).to_string()
                        on:click=move |_| filter.update(|f| *f ^= actor_bit(a))>
                        <span class=format!("ev-mark shape-{}", a.slug()) aria-hidden="true"></span>
                        {a.code()}
                    </button>
                }).collect_view()}
            </div>
        }
    });

    view! {
        <div class="tl" class:is-ready=ready class:is-still=still style=move || format!("--lanes:{}", lanes.get())>
            {filters}
            <div class="tl-draw" node_ref=draw>
                {bands}
                <div class="tl-axis" aria-hidden="true"></div>
                <div class="tl-ticks" aria-hidden="true">{axis_ticks}</div>
                <ol class="tl-events" aria-label="Events" on:keydown=on_key>{marks}</ol>
            </div>
            {(!still).then(|| view! {
                <div class="tl-card" id=format!("tl{uid}-card") role="region" aria-label="Event details">
                    {card}
                    {move || shown().is_none().then(|| view! {
                        <p class="tl-hint">"Choose an event — tab to the timeline, move with the arrow keys, Enter for details."</p>
                    })}
                </div>
            })}
        </div>
    }
}

/// An event's details: date and its precision or dispute, what happened, who, and the source.
/// The words are the chronology's, prerendered in the page: they ship once, in the HTML.
#[component]
fn EventCard(event: &'static Event) -> impl IntoView {
    let html = dom::by_id(&format!("event-{}", event.id))
        .map(|li| li.inner_html())
        .unwrap_or_else(|| event.title.to_string());
    view! { <article class="ev-card" inner_html=html></article> }
}

/// The timeline on its own (the `?widget=timeline` page and its embeds): the reader zooms by era.
#[component]
pub fn TimelineWidget(
    /// The address: the event to open and whether this is an embed.
    route: Route,
) -> impl IntoView {
    let b = bundle();
    let events = &b.timeline.event;
    let mut notes = route.notes.clone();
    let target = route.target.as_deref().and_then(|id| {
        let found = events.iter().position(|e| e.id == id);
        if found.is_none() {
            notes.push(format!(
                "There is no event called “{id}” on this timeline; showing the overview."
            ));
        }
        found
    });
    // The overview runs from the first era to the end of the one before last (the story's
    // main span, before its long coda); then each era alone.
    let eras = &b.timeline.era;
    let mut spans: Vec<(String, i32, i32)> = Vec::new();
    if let (Some(first), Some(war_end)) = (eras.first(), eras.iter().rev().nth(1).or(eras.last())) {
        spans.push((
            "Overview".into(),
            first.from.first_day(),
            war_end.to.last_day() + 1,
        ));
    }
    spans.extend(
        eras.iter()
            .map(|e| (e.label.to_string(), e.from.first_day(), e.to.last_day() + 1)),
    );
    let spans: &'static [(String, i32, i32)] = Vec::leak(spans);
    let title = match (eras.first(), eras.last()) {
        (Some(a), Some(z)) => format!(
            "Timeline, {}–{}",
            a.from.start.year,
            z.to.end.unwrap_or(z.to.start).year
        ),
        _ => "Timeline".to_string(),
    };
    // The era an event falls in: where the widget opens when it names one.
    let span_of = move |i: usize| {
        let d = events[i].date.first_day();
        spans
            .iter()
            .skip(1)
            .position(|&(_, a, z)| d >= a && d < z)
            .map_or(0, |p| p + 1)
    };
    let span = RwSignal::new(target.map_or(0, span_of));
    let view = Signal::derive(move || {
        let (_, from, to) = spans.get(span.get()).cloned().unwrap_or_default();
        TimelineView {
            from,
            to,
            highlight: Vec::new(),
            reveal_until: i32::MAX,
        }
    });
    let selected = RwSignal::new(target);
    let nav = expect_context::<Nav>();
    Effect::new(move |_| {
        let id = selected.get().map(|i| format!("event-{}", events[i].id));
        if route.embed {
            nav.report_state(id.as_deref().unwrap_or(""));
        } else {
            dom::replace_fragment(id.as_deref());
        }
    });
    // The host page's fragment, passed on by the embed loader, opens an event too.
    Effect::new(move |_| {
        let goto = nav.goto.get();
        if let Some(i) = goto.as_deref().and_then(|t| {
            events
                .iter()
                .position(|e| e.id == t.strip_prefix("event-").unwrap_or(t))
        }) {
            span.set(span_of(i));
            selected.set(Some(i));
        }
    });
    let current = Signal::derive(move || selected.get().map(|i| events[i].id.to_string()));
    view! {
        <section class="widget widget-timeline" aria-labelledby="widget-title">
            <h1 id="widget-title" class="widget-title">{title}</h1>
            <Notice notes=notes/>
            <div class="spans" role="group" aria-label="Show a period">
                {spans.iter().enumerate().map(|(i, (label, _, _))| view! {
                    <button type="button" class="chip" aria-pressed=move || (span.get() == i).to_string()
                        on:click=move |_| span.set(i)>{label.as_str()}</button>
                }).collect_view()}
            </div>
            <Timeline view=view selected=selected/>
            {if route.embed {
                view! { <Credit/> }.into_any()
            } else {
                view! { <EmbedCode choices=vec![("This timeline", Widget::Timeline, current)]/> }.into_any()
            }}
        </section>
    }
}

//! The essay: the pinned graphic beside the prerendered text, following the scroll.

use super::diagram::{model, Diagram};
use super::embed::{EmbedCode, Nav};
use super::reader::{Reader, ReaderTools};
use super::scroll::ScrollState;
use super::stepper::Stepper;
use super::timeline::Timeline;
use super::Notice;
use crate::content::bundle;
use crate::dom;
use explainer_model::diagram::{summary, Switches};
use explainer_model::route::{Route, Widget};
use explainer_model::story::{Scene, Story};
use gloo_timers::callback::Timeout;
use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How long the active step must hold before the reader counts as having settled on it.
const SETTLE_MS: u32 = 600;

#[component]
pub fn Essay(
    /// The address the page was opened with.
    route: Route,
) -> impl IntoView {
    let story: &'static Story<'static> = Box::leak(Box::new(Story::new(bundle())));
    let reader = expect_context::<Reader>();
    let scroll = ScrollState::attach();
    provide_context(scroll);
    let switches = RwSignal::new(Switches::default());

    let mut notes = route.notes.clone();
    if let Some(target) = &route.target {
        match story.index_of(target) {
            // The browser has already jumped to a fragment; a reload restores the reader's own
            // place. Only move when the step the address names is not the one in view.
            Some(i) if scroll.active.get_untracked() != Some(i) => scroll.go_to(i, false),
            Some(_) => {}
            None => notes.push(format!(
                "There is no step called “{target}” in this explainer; showing it from the start."
            )),
        }
        scroll.measure();
    }

    let active = scroll.active;
    let scene = Memo::new(move |_| story.scene(active.get()));
    let views = Memo::new(move |_| story.last_views(active.get()));
    // Memos, so that a step of one instrument does not make the other re-lay itself out.
    let timeline_view = Memo::new(move |_| views.with(|v| v.0.clone()));
    let stage = Memo::new(move |_| views.with(|v| v.1));
    let on_timeline = Memo::new(move |_| matches!(scene.get(), Scene::Timeline(_)));

    let nav = expect_context::<Nav>();
    Effect::new(move |_| {
        if let Some(i) = nav.goto.get().and_then(|t| story.index_of(&t)) {
            scroll.go_to(i, reader.smooth());
        }
    });
    let embed_choices = vec![
        ("The timeline", Widget::Timeline, Signal::derive(|| None)),
        (
            "The diagram, at this stage",
            Widget::Diagram,
            Signal::derive(move || {
                bundle()
                    .diagram
                    .stage
                    .get(stage.get())
                    .map(|s| s.id.to_string())
            }),
        ),
        (
            "The whole essay, from this step",
            Widget::Essay,
            Signal::derive(move || {
                active
                    .get()
                    .and_then(|i| story.step(i))
                    .map(|s| s.id.to_string())
            }),
        ),
    ];

    // With scroll effects on, the live region speaks each step's summary, so the copies inside the
    // steps are hidden from assistive technology; in plain reading they are the text itself.
    Effect::new(move |_| {
        let hide = !reader.plain.get();
        for el in dom::query_all(".steps .still") {
            let _ = if hide {
                el.set_attribute("aria-hidden", "true")
            } else {
                el.remove_attribute("aria-hidden")
            };
        }
    });

    // Switching layouts moves every step: bring the reader back to the step they were reading.
    Effect::new(move |prev: Option<bool>| {
        let plain = reader.plain.get();
        if prev.is_some_and(|p| p != plain) {
            if let Some(i) = active.get_untracked() {
                request_animation_frame(move || scroll.go_to(i, false));
            }
        }
        plain
    });

    // The address, the embedding page and the screen reader hear of a step once the reader has
    // settled on it: a fast scroll past ten steps makes one announcement and one history
    // update (replaceState alone costs more than the rest of a step change).
    let announcement = RwSignal::new(String::new());
    let settling = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let a = active.get();
        // Replacing the pending timeout drops, and so cancels, the previous step's report.
        settling.set_value(Some(Timeout::new(SETTLE_MS, move || {
            let step = a.and_then(|i| story.step(i));
            let id = step.map(|s| s.id.as_ref());
            if route.embed {
                nav.report_state(id.unwrap_or(""));
            } else {
                dom::replace_fragment(id);
            }
            if !reader.plain.get_untracked() {
                announcement.set(step.map(|s| s.summary.to_string()).unwrap_or_default());
            }
        })));
    });

    // A what-if switch is a change of its own: say what it did to the balance.
    Effect::new(move |prev: Option<Switches>| {
        let now = switches.get();
        if prev.is_some_and(|p| p != now) {
            announcement.set(summary(
                &bundle().diagram,
                model(),
                stage.get_untracked(),
                now,
            ));
        }
        now
    });

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.default_prevented() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        // Form controls keep their own keys.
        let in_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "SELECT" | "INPUT" | "TEXTAREA"));
        if in_control {
            return;
        }
        let n = story.len();
        let target = match (ev.key().as_str(), active.get_untracked()) {
            ("ArrowDown" | "ArrowRight" | "PageDown" | "j", None) => Some(0),
            ("ArrowDown" | "ArrowRight" | "PageDown" | "j", Some(i)) => Some((i + 1).min(n - 1)),
            ("ArrowUp" | "ArrowLeft" | "PageUp" | "k", Some(i)) => Some(i.saturating_sub(1)),
            ("Home", _) => Some(0),
            ("End", _) => Some(n - 1),
            _ => None,
        };
        if let Some(t) = target {
            ev.prevent_default();
            scroll.go_to(t, reader.smooth());
        }
    };

    let tools = dom::by_id("reader-tools").map(|el| {
        let el: web_sys::Element = el.unchecked_into();
        view! { <Portal mount=el><ReaderTools/></Portal> }
    });

    view! {
        {tools}
        <div class="panel" tabindex="-1" on:keydown=on_key
            data-step=move || active.get().map_or(-1, |a| a as i64).to_string()
            data-view=move || if on_timeline.get() { "timeline" } else { "diagram" }>
            <Notice notes=notes/>
            <div class="instruments">
                <div class="instrument instrument-timeline" class:is-shown=on_timeline inert=move || !on_timeline.get()>
                    <Timeline view=timeline_view/>
                </div>
                <div class="instrument instrument-diagram" class:is-shown=move || !on_timeline.get() inert=move || on_timeline.get()>
                    <Diagram stage=stage switches=switches/>
                </div>
            </div>
            <Stepper story=story/>
            {(!route.embed).then(|| view! { <EmbedCode choices=embed_choices/> })}
            <p class="vh live" aria-live="polite" aria-atomic="true">{move || announcement.get()}</p>
        </div>
        {move || reader.stills().then(|| stills(story, switches))}
    }
}

/// A still of the graphic in each step's figure, for plain reading and print.
fn stills(story: &'static Story<'static>, switches: RwSignal<Switches>) -> impl IntoView {
    dom::query_all(".still-art")
        .into_iter()
        .filter_map(|el| {
            let i: usize = el.get_attribute("data-still")?.parse().ok()?;
            let scene = story.scene(Some(i));
            let el: web_sys::Element = el.unchecked_into();
            Some(view! {
                <Portal mount=el>
                    {
                        let scene = scene.clone();
                        move || match scene.clone() {
                            Scene::Timeline(v) => view! { <Timeline view=v still=true/> }.into_any(),
                            Scene::Diagram { stage } => view! { <Diagram stage=stage switches=switches still=true/> }.into_any(),
                        }
                    }
                </Portal>
            })
        })
        .collect_view()
}

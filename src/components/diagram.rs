//! The decision diagram: factors pulling toward Taiwan (left) or Korea (right), a bar's length
//! for each one's strength, a balance marker for where the sum leans, and the what-if switches.
//! The arithmetic is `explainer_model::diagram`; this only draws it.

use super::embed::{EmbedCode, Nav};
use super::{Credit, Notice};
use crate::content::bundle;
use crate::dom;
use explainer_model::diagram::{summary, verdict, Model, Switches};
use explainer_model::route::{Route, Widget};
use leptos::prelude::*;
use std::sync::OnceLock;

pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::new(&bundle().diagram))
}

/// The factors in the order they enter the story: the order of the rows.
fn entry_order() -> Vec<usize> {
    let m = model();
    let mut v: Vec<usize> = (0..m.factor_count()).collect();
    v.sort_by_key(|&f| (m.enters_at(f), f));
    v
}

#[component]
pub fn Diagram(
    /// The stage shown (index into the diagram's stages).
    #[prop(into)]
    stage: Signal<usize>,
    /// Factors the reader has switched off.
    switches: RwSignal<Switches>,
    /// A still for plain reading and print: no switches.
    #[prop(optional)]
    still: bool,
) -> impl IntoView {
    let d = &bundle().diagram;
    let m = model();
    let balance = Memo::new(move |_| m.balance(stage.get(), switches.get()));
    let course = |i: usize| d.course.get(i).map_or("", |c| c.label.as_ref());
    let stage_label = move || d.stage.get(stage.get()).map_or("", |s| s.label.as_ref());
    let verdict = move || verdict(d, balance.get());

    let rows = entry_order()
        .into_iter()
        .map(|f| {
            let factor = &d.factor[f];
            let side = m.side(f);
            view! {
                <li class=format!("force side-{side}")
                    class:is-in=move || m.entered(f, stage.get())
                    class:is-new=move || m.enters_at(f) == stage.get()
                    class:is-off=move || switches.get().is_off(f)>
                    <span class="force-bar" style=format!("--s:{}", m.strength(f))></span>
                    <span class="force-label">{factor.label.as_ref()} <span class="force-weight">{m.strength(f)}</span></span>
                </li>
            }
        })
        .collect_view();

    let whatif = (!still).then(|| {
        let items = entry_order()
            .into_iter()
            .map(|f| {
                let factor = &d.factor[f];
                view! {
                    <li hidden=move || !m.entered(f, stage.get())>
                        <label class="whatif-item">
                            <input type="checkbox" prop:checked=move || !switches.get().is_off(f)
                                on:change=move |_| switches.update(|s| *s = s.toggled(f))/>
                            <span class="whatif-name">{factor.label.as_ref()}</span>
                            <span class="whatif-why">{factor.whatif.as_ref()}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="whatif">
                <summary>"What if… switch factors off"</summary>
                <p class="whatif-note">{d.note.as_ref()}</p>
                <ul>{items}</ul>
                <button type="button" class="chip" on:click=move |_| switches.set(Switches::default())
                    disabled=move || !switches.get().any()>"Reset all factors"</button>
            </details>
        }
    });

    view! {
        <div class="dg" class:is-still=still class:is-whatif=move || switches.get().any()
            data-stage=move || d.stage.get(stage.get()).map_or("", |s| s.id.as_ref())
            data-lean=move || balance.get().leaning().map_or("level", |i| d.course.get(i).map_or("", |c| c.id.as_ref()))>
            <div class="dg-head" aria-hidden="true">
                <span class="dg-course side-0">"← " {course(0)}</span>
                <span class="dg-when">{stage_label}</span>
                <span class="dg-course side-1">{course(1)} " →"</span>
            </div>
            <ul class="dg-forces" aria-hidden="true">{rows}</ul>
            <div class="dg-beam" aria-hidden="true">
                <div class="dg-track" style=move || format!("--lean:{}%", (balance.get().lean() * 46.0).round() as i32)>
                    <span class="dg-marker"></span>
                </div>
            </div>
            <p class="dg-verdict">{verdict}</p>
            <p class="dg-caption">"Bar lengths are our reading of the essay (1–5), a thought experiment rather than a measurement."</p>
            {whatif}
        </div>
    }
}

/// The diagram on its own (`?widget=diagram`), stepped by the reader through its stages.
#[component]
pub fn DiagramWidget(
    /// The address: the stage to open and whether this is an embed.
    route: Route,
) -> impl IntoView {
    let d = &bundle().diagram;
    let m = model();
    let n = d.stage.len();
    let mut notes = route.notes.clone();
    let start = route.target.as_deref().and_then(|id| {
        let found = d.stage.iter().position(|s| s.id == id);
        if found.is_none() {
            notes.push(format!(
                "There is no stage called “{id}”; showing the first."
            ));
        }
        found
    });
    let stage = RwSignal::new(start.unwrap_or(0));
    let switches = RwSignal::new(Switches::default());
    let nav = expect_context::<Nav>();
    Effect::new(move |_| {
        let id = format!("stage-{}", d.stage[stage.get()].id);
        if route.embed {
            nav.report_state(&id);
        } else {
            dom::replace_fragment(Some(&id));
        }
    });
    Effect::new(move |_| {
        let goto = nav.goto.get();
        if let Some(i) = goto.as_deref().and_then(|t| {
            d.stage
                .iter()
                .position(|s| s.id == t.strip_prefix("stage-").unwrap_or(t))
        }) {
            stage.set(i);
        }
    });
    let current = Signal::derive(move || Some(d.stage[stage.get()].id.to_string()));
    let go = move |delta: isize| {
        let next = (stage.get_untracked() as isize + delta).clamp(0, n as isize - 1) as usize;
        stage.set(next);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let is_control = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| e.tag_name() == "INPUT");
        if is_control {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => go(1),
            "ArrowLeft" | "ArrowUp" => go(-1),
            "Home" => stage.set(0),
            "End" => stage.set(n - 1),
            _ => return,
        }
        ev.prevent_default();
    };
    let said = Memo::new(move |_| summary(d, m, stage.get(), switches.get()));
    view! {
        <section class="widget widget-diagram" aria-labelledby="widget-title" tabindex="-1" on:keydown=on_key>
            <h1 id="widget-title" class="widget-title">{d.title.as_ref()}</h1>
            <Notice notes=notes/>
            <nav class="stepper" aria-label="Stages">
                <div class="stepper-row">
                    <button type="button" class="step-btn" aria-label="Previous stage"
                        aria-disabled=move || (stage.get() == 0).to_string() on:click=move |_| go(-1)>
                        <span aria-hidden="true">"←"</span>
                    </button>
                    <p class="step-count">{move || format!("Stage {} of {n}: {}", stage.get() + 1, d.stage[stage.get()].label)}</p>
                    <button type="button" class="step-btn" aria-label="Next stage"
                        aria-disabled=move || (stage.get() + 1 >= n).to_string() on:click=move |_| go(1)>
                        <span aria-hidden="true">"→"</span>
                    </button>
                </div>
            </nav>
            <Diagram stage=stage switches=switches/>
            <p class="vh live" aria-live="polite" aria-atomic="true">{move || said.get()}</p>
            {if route.embed {
                view! { <Credit/> }.into_any()
            } else {
                view! { <EmbedCode choices=vec![("This diagram, at this stage", Widget::Diagram, current)]/> }.into_any()
            }}
        </section>
    }
}

//! Previous / next, "step n of N", the chapter list and the step's progress: the essay's stepper.

use super::{reader::Reader, scroll::ScrollState};
use explainer_model::story::Story;
use leptos::prelude::*;

/// The stepper that sits with the pinned graphic.
#[component]
pub fn Stepper(
    /// The essay's steps and chapters.
    story: &'static Story<'static>,
) -> impl IntoView {
    let scroll = expect_context::<ScrollState>();
    let reader = expect_context::<Reader>();
    let n = story.len();
    let active = scroll.active;
    let prev = move |_| {
        if let Some(i) = active.get_untracked().filter(|&i| i > 0) {
            scroll.go_to(i - 1, reader.smooth());
        }
    };
    let next = move |_| {
        let t = active.get_untracked().map_or(0, |i| i + 1);
        if t < n {
            scroll.go_to(t, reader.smooth());
        }
    };
    // Options carry chapter indices; the chapter's first step is looked up once, here.
    let starts = story.chapter_starts();
    let on_chapter = move |ev: leptos::ev::Event| {
        let chapter = event_target_value(&ev).parse::<usize>().ok();
        if let Some(&i) = chapter.and_then(|c| starts.get(c)) {
            scroll.go_to(i, reader.smooth());
        }
    };
    view! {
        <nav class="stepper" aria-label="Step through the story">
            <div class="stepper-row">
                <button type="button" class="step-btn" aria-label="Previous step"
                    aria-disabled=move || active.get().is_none_or(|a| a == 0).to_string() on:click=prev>
                    <span aria-hidden="true">"↑"</span>
                </button>
                <p class="step-count" aria-live="off">
                    {move || match active.get() {
                        Some(a) => format!("Step {} of {n}", a + 1),
                        None => format!("{n} steps"),
                    }}
                </p>
                <button type="button" class="step-btn" aria-label="Next step"
                    aria-disabled=move || active.get().is_some_and(|a| a + 1 >= n).to_string() on:click=next>
                    <span aria-hidden="true">"↓"</span>
                </button>
                <label class="chapter-pick">
                    <span class="vh">"Jump to chapter"</span>
                    <select on:change=on_chapter prop:value=move || {
                        active.get().and_then(|a| story.chapter_of(a)).unwrap_or(0).to_string()
                    }>
                        {story.bundle().essay.chapter.iter().enumerate().map(|(ci, c)| view! {
                            <option value=ci.to_string()>{c.kicker.as_ref()} " · " {c.title.as_ref()}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="step-progress" aria-hidden="true">
                <span style=move || {
                    let done = active.get().map_or(0.0, |a| a as f64 + scroll.progress.get());
                    format!("--done:{}", (done / n.max(1) as f64 * 1000.0).round() as i32)
                }></span>
            </div>
        </nav>
    }
}

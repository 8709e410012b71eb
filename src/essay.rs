//! The essay's page: the pinned stage follows the reader through the prerendered steps.
//!
//! Everything the stage shows is already in the page (every scene of every instrument, and a
//! still in each step). A step change writes a handful of attributes: which instrument is on
//! stage, which scene each one holds, the stepper's count. The address, the embedding page and
//! the screen reader hear of a step once the reader settles on it.

use crate::diagram::Diagram;
use crate::dom;
use crate::embed::{self, Bridge};
use crate::reader::Reader;
use crate::scroll::Scroll;
use crate::timeline::Timeline;
use explainer_model::decimal;
use explainer_model::route::{Route, Widget, Q_OFF};
use explainer_model::story::{frame, index_of, Inst, StepView};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How long the active step must hold before the reader counts as having settled on it.
const SETTLE_MS: u32 = 600;

/// A step as the page has it.
struct StepEl {
    el: HtmlElement,
    id: String,
    inst: Inst,
    summary: String,
}

pub fn attach(route: Route) {
    let Some(panel) = dom::find(None, ".graphic .panel") else {
        return;
    };
    let steps: Vec<StepEl> = dom::find_all(None, ".steps .step")
        .into_iter()
        .map(|el| StepEl {
            id: dom::attr(&el, "id"),
            inst: Inst::parse(&dom::attr(&el, "data-view")).unwrap_or(Inst::Timeline),
            summary: dom::find(Some(&el), ".step-summary")
                .and_then(|s| s.text_content())
                .map(|t| t.trim().trim_start_matches("Graphic:").trim().to_string())
                .unwrap_or_default(),
            el,
        })
        .collect();
    let chapters: Vec<(String, usize)> = dom::find_all(None, ".chapter")
        .into_iter()
        .map(|c| {
            let first = dom::find(Some(&c), ".step")
                .and_then(|s| dom::attr(&s, "data-step").parse().ok())
                .unwrap_or(0);
            (dom::attr(&c, "id"), first)
        })
        .collect();
    let steps = StoredValue::new_local(steps);
    let chapters = StoredValue::new(chapters);

    let reader = Reader::attach();
    let bridge = Bridge::attach(Widget::Essay, route.embed, route.secret.clone());

    // Where the address points: a step (or chapter), checked against the page.
    let mut notes = route.notes.clone();
    let target = route.target.as_deref().and_then(|t| {
        let found = steps.with_value(|s| {
            let ids: Vec<&str> = s.iter().map(|x| x.id.as_str()).collect();
            chapters.with_value(|c| {
                let ch: Vec<(&str, usize)> = c.iter().map(|(id, i)| (id.as_str(), *i)).collect();
                index_of(&ids, &ch, t)
            })
        });
        if found.is_none()
            && t != "sources"
            && t != "chronology"
            && t != "about"
            && dom::by_id(t).is_none()
        {
            notes.push(format!(
                "There is no step called “{t}” in this explainer; showing it from the start."
            ));
        }
        found
    });
    crate::boot::notices(&notes, &panel);

    // The stage lives while scroll effects are on; plain reading tears it down, and with it
    // every listener it registered, and switching back builds it again.
    let stage_owner = StoredValue::new_local(None::<Owner>);
    let last_step = StoredValue::new(target);
    let off_ids = StoredValue::new(route.off.clone());
    let parent = Owner::current();
    dom::effect(move || {
        let plain = reader.plain.get();
        let at = last_step.get_value();
        stage_owner.update_value(|o| *o = None);
        if plain {
            // Bring the reader back to the step they were reading, in the plain article.
            if let Some(i) = at {
                steps.with_value(|s| {
                    if let Some(st) = s.get(i) {
                        st.el.scroll_into_view();
                    }
                })
            }
            return;
        }
        let owner = parent.as_ref().map_or_else(Owner::new, |p| p.child());
        let panel = panel.clone();
        owner.with(|| {
            stage(
                panel, steps, chapters, reader, bridge, last_step, off_ids, at,
            );
        });
        stage_owner.update_value(|o| *o = Some(owner));
    });
}

/// The live stage, under its own owner.
#[allow(clippy::too_many_arguments)]
fn stage(
    panel: HtmlElement,
    steps: StoredValue<Vec<StepEl>, LocalStorage>,
    chapters: StoredValue<Vec<(String, usize)>>,
    reader: Reader,
    bridge: Bridge,
    last_step: StoredValue<Option<usize>>,
    off_ids: StoredValue<Vec<String>>,
    start_at: Option<usize>,
) {
    let scroll = Scroll::attach(steps.with_value(|s| s.iter().map(|x| x.el.clone()).collect()));
    let n = scroll.len();
    let insts: Vec<Option<Element>> = Inst::ALL
        .iter()
        .map(|i| {
            dom::find(
                Some(&panel),
                &format!(".inst[data-inst=\"{}\"]", i.as_str()),
            )
            .map(Into::into)
        })
        .collect();
    let openings: [String; 3] = std::array::from_fn(|k| {
        insts[k]
            .as_ref()
            .map(|e| dom::attr(e, "data-scene"))
            .unwrap_or_default()
    });
    let card = dom::by_id("ev-card");
    let timeline = insts[0].clone().map(|i| Timeline::attach(i, card));
    let diagram = insts[1].clone().map(Diagram::attach);
    let insts = StoredValue::new_local(insts);
    let openings = StoredValue::new(openings);

    // Opening at a step the address names (unless the browser already shows it, after a reload).
    if let Some(i) = start_at {
        if scroll.active.get_untracked() != Some(i) {
            scroll.go_to(i, false);
            scroll.measure();
        }
    }
    if let Some(dg) = diagram {
        let off = off_ids.get_value();
        if !off.is_empty() {
            dg.set_off(&off);
        }
    }

    // A step change: a few attributes, and nothing else until the reader settles.
    let active = scroll.active;
    let stage_panel = panel.clone();
    dom::effect(move || {
        let panel = &stage_panel;
        let a = active.get();
        let f = steps.with_value(|s| {
            let views: Vec<StepView> = s
                .iter()
                .map(|x| StepView {
                    inst: x.inst,
                    scene: x.id.as_str(),
                })
                .collect();
            openings.with_value(|o| {
                let open = [o[0].as_str(), o[1].as_str(), o[2].as_str()];
                let fr = frame(&views, open, a);
                (fr.inst, fr.scenes.map(String::from))
            })
        });
        dom::set_attr(panel, "data-view", Some(f.0.as_str()));
        dom::set_attr(
            panel,
            "data-step",
            Some(&a.map_or(-1, |a| a as i64).to_string()),
        );
        insts.with_value(|insts| {
            for (k, el) in insts.iter().enumerate() {
                if let Some(el) = el {
                    if dom::attr(el, "data-scene") != f.1[k] {
                        dom::set_attr(el, "data-scene", Some(&f.1[k]));
                    }
                }
            }
        });
        if let Some(dg) = diagram {
            if dg.scene.get_untracked() != f.1[1] {
                dg.scene.set(f.1[1].clone());
            }
        }
        if let Some(tl) = timeline {
            tl.refresh();
        }
        last_step.set_value(a);
    });

    stepper(&panel, scroll, reader, chapters, n);

    // Keys in the panel step through the story.
    dom::listen(&panel, "keydown", move |ev: web_sys::KeyboardEvent| {
        if dom::key_is_not_ours(&ev) {
            return;
        }
        let target = match (ev.key().as_str(), active.get_untracked()) {
            ("ArrowDown" | "ArrowRight" | "PageDown" | "j", None) => Some(0),
            ("ArrowDown" | "ArrowRight" | "PageDown" | "j", Some(i)) => Some((i + 1).min(n - 1)),
            ("ArrowUp" | "ArrowLeft" | "PageUp" | "k", Some(i)) => Some(i.saturating_sub(1)),
            ("Home", _) => Some(0),
            ("End", _) => Some(n.saturating_sub(1)),
            _ => None,
        };
        if let Some(t) = target {
            ev.prevent_default();
            scroll.go_to(t, reader.smooth());
        }
    });

    // The host page's fragment, passed on by the embed loader, opens a step too.
    dom::effect(move || {
        let Some(t) = bridge.goto.get() else { return };
        let i = steps.with_value(|s| s.iter().position(|x| x.id == t));
        if let Some(i) = i {
            scroll.go_to(i, reader.smooth());
        }
    });

    // Once the reader settles: the address, the embedding page, the screen reader.
    let live = dom::find(Some(&panel), ".live");
    let live = StoredValue::new_local(live);
    let settle = dom::Later::new();
    dom::effect(move || {
        let a = active.get();
        let off = diagram.map(|d| d.off_ids()).unwrap_or_default();
        let settle = settle.clone();
        settle.set(SETTLE_MS, move || {
            let (id, summary) = steps.with_value(|s| {
                a.and_then(|i| s.get(i))
                    .map(|x| (x.id.clone(), x.summary.clone()))
                    .unzip()
            });
            if bridge.embedded() {
                bridge.report_state(id.as_deref().unwrap_or(""));
            } else {
                let search = if off.is_empty() {
                    String::new()
                } else {
                    format!("?{Q_OFF}={}", off.join(","))
                };
                dom::replace_address(&search, id.as_deref());
            }
            live.with_value(|l| {
                if let Some(l) = l {
                    l.set_text_content(summary.as_deref());
                }
            });
        });
    });

    // What-if: the "try it" buttons in the last diagram step's text flip switches in place.
    if let Some(dg) = diagram {
        for b in dom::find_all(None, ".whatif-try [data-toggle]") {
            let id = dom::attr(&b, "data-toggle");
            let Some(f) = dg.index(&id) else { continue };
            let el = b.clone();
            dom::effect(move || {
                let on = dg.off.get().is_off(f);
                dom::set_attr(&el, "aria-pressed", Some(if on { "true" } else { "false" }));
            });
            dom::listen(&b, "click", move |_: web_sys::Event| {
                dg.off.update(|s| *s = s.toggled(f))
            });
        }
        // A switch is a change of its own: say what it did.
        let was_off = StoredValue::new(None::<u64>);
        dom::effect(move || {
            let now = dg.off.get().0;
            if was_off.get_value().is_some_and(|p| p != now) {
                let words = dg.verdict();
                live.with_value(|l| {
                    if let Some(l) = l {
                        l.set_text_content(Some(&format!("Thought experiment: {words}.")));
                    }
                });
            }
            was_off.set_value(Some(now));
        });
    }

    if let Some(details) = dom::find(Some(&panel), ".embed-code") {
        embed::attach_panel(details.into(), Widget::Essay, move |w| match w {
            Widget::Essay => (
                w,
                active
                    .get()
                    .and_then(|i| steps.with_value(|s| s.get(i).map(|x| x.id.clone()))),
                Vec::new(),
            ),
            Widget::Diagram => (
                w,
                diagram.and_then(|d| {
                    let st = d.stage();
                    d.stage_id(st)
                }),
                diagram.map(|d| d.off_ids()).unwrap_or_default(),
            ),
            _ => (w, None, Vec::new()),
        });
    }
    let _ = panel.dyn_ref::<HtmlElement>();
}

/// Previous / next, "n / N", the chapter list and the progress bar.
fn stepper(
    panel: &HtmlElement,
    scroll: Scroll,
    reader: Reader,
    chapters: StoredValue<Vec<(String, usize)>>,
    n: usize,
) {
    let active = scroll.active;
    let prev = dom::find(Some(panel), "[data-go=\"prev\"]");
    let next = dom::find(Some(panel), "[data-go=\"next\"]");
    let count = dom::find(Some(panel), ".step-n");
    let select = dom::find(Some(panel), ".chapter-pick select");
    let bar = dom::find(Some(panel), ".step-progress .done");
    let (p2, n2, c2, s2) = (prev.clone(), next.clone(), count.clone(), select.clone());
    dom::effect(move || {
        let a = active.get();
        if let Some(p) = &p2 {
            dom::set_attr(
                p,
                "aria-disabled",
                Some(if a.is_none_or(|a| a == 0) {
                    "true"
                } else {
                    "false"
                }),
            );
        }
        if let Some(x) = &n2 {
            dom::set_attr(
                x,
                "aria-disabled",
                Some(if a.is_some_and(|a| a + 1 >= n) {
                    "true"
                } else {
                    "false"
                }),
            );
        }
        if let Some(c) = &c2 {
            c.set_text_content(Some(&a.map_or(0, |a| a + 1).to_string()));
        }
        if let Some(sel) = s2
            .as_ref()
            .and_then(|s| s.dyn_ref::<web_sys::HtmlSelectElement>())
        {
            let ch = chapters.with_value(|c| {
                a.map_or(0, |a| {
                    c.iter().rposition(|(_, first)| *first <= a).unwrap_or(0)
                })
            });
            let v =
                chapters.with_value(|c| c.get(ch).map(|(_, f)| f.to_string()).unwrap_or_default());
            if sel.value() != v {
                sel.set_value(&v);
            }
        }
    });
    if let Some(bar) = bar {
        dom::effect(move || {
            let done = active
                .get()
                .map_or(0.0, |a| a as f64 + scroll.progress.get());
            let _ = bar
                .style()
                .set_property("--done", &decimal::format(done / n.max(1) as f64, 3));
        });
    }
    if let Some(p) = prev {
        dom::listen(&p, "click", move |_: web_sys::Event| {
            if let Some(i) = active.get_untracked().filter(|&i| i > 0) {
                scroll.go_to(i - 1, reader.smooth());
            }
        });
    }
    if let Some(x) = next {
        dom::listen(&x, "click", move |_: web_sys::Event| {
            let t = active.get_untracked().map_or(0, |i| i + 1);
            if t < n {
                scroll.go_to(t, reader.smooth());
            }
        });
    }
    if let Some(sel) = select {
        dom::listen(&sel, "change", move |ev: web_sys::Event| {
            let v = dom::target_el(&ev)
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok());
            if let Some(i) = v {
                scroll.go_to(i, reader.smooth());
            }
        });
    }
}

//! The essay's page: the pinned stage follows the reader through the prerendered steps.
//!
//! Everything the stage shows is already in the page (every scene of every instrument, and a
//! still in each step). A step change writes a handful of attributes: which instrument is on
//! stage, which scene each one holds, the stepper's count. The address, the embedding page and
//! the screen reader hear of a step once the reader settles on it.

use crate::reader::Reader;
use crate::scope::{effect, owned};
use crate::scroll::Scroll;
use explainer_model::decimal;
use explainer_model::route::{self, Route, Widget, Q_OFF};
use explainer_model::story::{frame, index_of, Inst, StepView};
use explainer_web::diagram::Diagram;
use explainer_web::dom::{self, Scope};
use explainer_web::embed::{Bridge, Panel};
use explainer_web::timeline::Timeline;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How long the active step must hold before the reader counts as having settled on it.
const SETTLE_MS: u32 = 600;

/// A step as the page has it.
struct StepEl {
    el: HtmlElement,
    id: String,
    /// The scene its instrument shows (the step's id for the timeline and the diagram; the
    /// map's scene ids name its line and places).
    scene: String,
    inst: Inst,
    summary: String,
}

/// What the essay reads from its page once.
struct Page {
    panel: HtmlElement,
    steps: Vec<StepEl>,
    /// Chapter ids and their first steps.
    chapters: Vec<(String, usize)>,
}

impl Page {
    /// The step a fragment names: a step's id, or a chapter's (its first step).
    fn step_named(&self, id: &str) -> Option<usize> {
        let ids: Vec<&str> = self.steps.iter().map(|x| x.id.as_str()).collect();
        let ch: Vec<(&str, usize)> = self
            .chapters
            .iter()
            .map(|(id, i)| (id.as_str(), *i))
            .collect();
        index_of(&ids, &ch, id)
    }
}

pub fn attach(route: Route) {
    let scope = owned();
    let Some(panel) = dom::find(None, ".graphic .panel") else {
        return;
    };
    let steps: Vec<StepEl> = dom::find_all(None, ".steps .step")
        .into_iter()
        .map(|el| StepEl {
            id: dom::attr(&el, "id"),
            scene: dom::attr(&el, "data-scene"),
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
    let page = Rc::new(Page {
        panel,
        steps,
        chapters,
    });
    let reader = Reader::attach(&scope);
    let bridge = Bridge::attach(&scope, Widget::Essay, route.embed, route.secret.clone());

    // Where the address points: a step (or chapter), checked against the page. Other ids in
    // the page (the chronology, the sources) are left to the browser.
    let mut notes = route.notes.clone();
    let target = route.target.as_deref().and_then(|t| {
        let found = page.step_named(t);
        if found.is_none() && dom::by_id(t).is_none() {
            notes.push(format!(
                "There is no step called “{t}” in this explainer; showing it from the start."
            ));
        }
        found
    });
    dom::notices(&notes, &page.panel);

    // The stage lives while scroll effects are on: plain reading tears it down, and with it
    // everything it registered; switching back builds it again.
    let stage_owner = StoredValue::new_local(None::<Owner>);
    let last_step = StoredValue::new(target);
    let off_ids = StoredValue::new(route.off.clone());
    let root = Owner::current();
    let page = StoredValue::new_local(page);
    effect(move || {
        let plain = reader.plain.get();
        let at = last_step.get_value();
        stage_owner.update_value(|o| {
            if let Some(o) = o.take() {
                o.cleanup();
            }
        });
        let page = page.get_value();
        if plain {
            // Bring the reader back to the step they were reading, in the plain article.
            if let Some(s) = at.and_then(|i| page.steps.get(i)) {
                s.el.scroll_into_view();
            }
            return;
        }
        let owner = root.as_ref().map_or_else(Owner::new, |r| r.child());
        let bridge = bridge.clone();
        owner.with(|| stage(page, reader, bridge, last_step, off_ids, at));
        stage_owner.set_value(Some(owner));
    });
}

/// The live stage, under its own owner.
fn stage(
    page: Rc<Page>,
    reader: Reader,
    bridge: Bridge,
    last_step: StoredValue<Option<usize>>,
    off_ids: StoredValue<Vec<String>>,
    start_at: Option<usize>,
) {
    let scope = owned();
    let panel = page.panel.clone();
    let scroll = Scroll::attach(&scope, page.steps.iter().map(|x| x.el.clone()).collect());
    let n = scroll.len();
    let insts: [Option<Element>; 3] = Inst::ALL.map(|i| {
        dom::find(
            Some(&panel),
            &[".inst[data-inst=\"", i.as_str(), "\"]"].concat(),
        )
        .map(Into::into)
    });
    let openings: [String; 3] = std::array::from_fn(|k| {
        insts[k]
            .as_ref()
            .map(|e| dom::attr(e, "data-scene"))
            .unwrap_or_default()
    });
    let timeline = insts[0]
        .clone()
        .map(|i| Timeline::attach(&scope, i, dom::by_id("ev-card")));
    let diagram = insts[1].clone().map(|i| Diagram::attach(&scope, i));
    let panel_code = dom::find(Some(&panel), ".embed-code").map(|details| {
        let (page, dg, tl) = (page.clone(), diagram.clone(), timeline.clone());
        let map_inst = insts[2].clone();
        let active = scroll.active;
        Panel::attach(&scope, details.into(), Widget::Essay, move |w| match w {
            Widget::Essay => (
                w,
                active
                    .get_untracked()
                    .and_then(|i| page.steps.get(i).map(|x| x.id.clone())),
                Vec::new(),
            ),
            Widget::Diagram => (
                w,
                dg.as_ref()
                    .and_then(|d| d.stage_ids().get(d.stage()).cloned()),
                dg.as_ref().map(|d| d.off_ids()).unwrap_or_default(),
            ),
            Widget::Map => (
                w,
                map_inst
                    .as_ref()
                    .map(|m| dom::attr(m, "data-scene"))
                    .and_then(|s| s.split('.').next().map(String::from))
                    .filter(|s| !s.is_empty()),
                Vec::new(),
            ),
            _ => (w, tl.as_ref().and_then(|t| t.selected_id()), Vec::new()),
        })
    });

    // Opening at a step the address names (unless the browser already shows it, after a reload).
    if let Some(i) = start_at {
        if scroll.active.get_untracked() != Some(i) {
            scroll.go_to(i, false);
            scroll.measure();
        }
    }
    if let Some(dg) = &diagram {
        dg.set_off_ids(&off_ids.get_value());
    }

    // A step change: a few attributes, and nothing else until the reader settles.
    let active = scroll.active;
    let views: Vec<(Inst, String)> = page
        .steps
        .iter()
        .map(|x| (x.inst, x.scene.clone()))
        .collect();
    let (p2, tl2, dg2, pc2) = (
        panel.clone(),
        timeline.clone(),
        diagram.clone(),
        panel_code.clone(),
    );
    effect(move || {
        let a = active.get();
        let steps: Vec<StepView> = views
            .iter()
            .map(|(inst, id)| StepView {
                inst: *inst,
                scene: id.as_str(),
            })
            .collect();
        let open = [
            openings[0].as_str(),
            openings[1].as_str(),
            openings[2].as_str(),
        ];
        let f = frame(&steps, open, a);
        dom::set_attr(&p2, "data-view", Some(f.inst.as_str()));
        dom::set_attr(
            &p2,
            "data-step",
            Some(&a.map_or(-1, |a| a as i64).to_string()),
        );
        for (k, el) in insts.iter().enumerate() {
            if let Some(el) = el {
                if dom::attr(el, "data-scene") != f.scenes[k] {
                    dom::set_attr(el, "data-scene", Some(f.scenes[k]));
                }
            }
        }
        if let Some(dg) = &dg2 {
            dg.set_scene(f.scenes[1]);
        }
        if let Some(tl) = &tl2 {
            tl.refresh();
        }
        if let Some(p) = &pc2 {
            p.refresh();
        }
        last_step.set_value(a);
    });

    stepper(&scope, &page, scroll, reader, n);

    // Keys in the panel step through the story.
    scope.listen(&panel, "keydown", move |ev: web_sys::KeyboardEvent| {
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

    // A link within the page (the contents, a chapter, a step) moves the story there at once,
    // as the address does on load: the browser's own jump does not land a chapter on its first
    // step.
    let pg = page.clone();
    scope.listen(&dom::window(), "hashchange", move |_: web_sys::Event| {
        let (search, hash) = dom::location();
        let Some(t) = route::parse_on(Widget::Essay, &search, &hash).target else {
            return;
        };
        if let Some(i) = pg.step_named(&t) {
            scroll.go_to(i, false);
        }
    });

    // The host page's fragment, passed on by the embed loader, opens a step (or chapter) too.
    let pg = page.clone();
    bridge.on_goto(&scope, move |t| {
        if let Some(i) = pg.step_named(t) {
            scroll.go_to(i, reader.smooth());
        }
    });

    // Once the reader settles: the address, the embedding page, the screen reader.
    let live = dom::find(Some(&panel), ".live");
    let settle = scope.later();
    let (pg, dg3, live2, bridge2) = (page.clone(), diagram.clone(), live.clone(), bridge.clone());
    effect(move || {
        let a = active.get();
        let (pg, dg, live, bridge) = (pg.clone(), dg3.clone(), live2.clone(), bridge2.clone());
        settle.set(SETTLE_MS, move || {
            let step = a.and_then(|i| pg.steps.get(i));
            let id = step.map(|x| x.id.as_str());
            if bridge.embedded() {
                bridge.report_state(id.unwrap_or(""));
            } else {
                dom::replace_address(&off_query(dg.as_ref()), id);
            }
            if let Some(l) = &live {
                l.set_text_content(step.map(|x| x.summary.as_str()));
            }
        });
    });

    // What-if: the "try it" buttons in the last diagram step's text flip switches in place; a
    // switch is a change of its own, said in the live region and kept in the address.
    if let Some(dg) = diagram {
        let buttons: Vec<(HtmlElement, usize)> = dom::find_all(None, ".whatif-try [data-toggle]")
            .into_iter()
            .filter_map(|b| {
                let f = dg.index(&dom::attr(&b, "data-toggle"))?;
                Some((b, f))
            })
            .collect();
        for (b, f) in &buttons {
            let (d, f) = (dg.clone(), *f);
            scope.listen(b, "click", move |_: web_sys::Event| d.toggle(f));
        }
        let (d, live) = (dg.clone(), live.clone());
        let was = std::cell::Cell::new(dg.off());
        let sync = move || {
            let off = d.off();
            for (b, f) in &buttons {
                dom::set_attr(b, "aria-pressed", Some(dom::bool_str(off.is_off(*f))));
            }
            if was.replace(off) != off {
                if let Some(l) = &live {
                    l.set_text_content(Some(&["Thought experiment: ", &d.verdict(), "."].concat()));
                }
                if !bridge.embedded() {
                    let (_, hash) = dom::location();
                    let hash = hash.trim_start_matches('#').to_string();
                    dom::replace_address(&off_query(Some(&d)), (!hash.is_empty()).then_some(&hash));
                }
            }
        };
        sync();
        dg.on_change(sync);
    }
    let _ = panel.dyn_ref::<HtmlElement>();
}

/// `?off=…` for the factors switched off, or nothing.
fn off_query(dg: Option<&Diagram>) -> String {
    let off = dg.map(|d| d.off_ids()).unwrap_or_default();
    if off.is_empty() {
        String::new()
    } else {
        ["?", Q_OFF, "=", &off.join(",")].concat()
    }
}

/// Previous / next, "n / N", the chapter list and the progress bar.
fn stepper(scope: &Scope, page: &Page, scroll: Scroll, reader: Reader, n: usize) {
    let panel = &page.panel;
    let active = scroll.active;
    let prev = dom::find(Some(panel), "[data-go=\"prev\"]");
    let next = dom::find(Some(panel), "[data-go=\"next\"]");
    let count = dom::find(Some(panel), ".step-n");
    let select = dom::find(Some(panel), ".chapter-pick select")
        .and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok());
    let bar = dom::find(Some(panel), ".step-progress .done");
    let firsts: Vec<usize> = page.chapters.iter().map(|(_, f)| *f).collect();
    let (p2, n2, s2) = (prev.clone(), next.clone(), select.clone());
    effect(move || {
        let a = active.get();
        if let Some(p) = &p2 {
            dom::set_attr(
                p,
                "aria-disabled",
                Some(dom::bool_str(a.is_none_or(|a| a == 0))),
            );
        }
        if let Some(x) = &n2 {
            dom::set_attr(
                x,
                "aria-disabled",
                Some(dom::bool_str(a.is_some_and(|a| a + 1 >= n))),
            );
        }
        if let Some(c) = &count {
            c.set_text_content(Some(&a.map_or(0, |a| a + 1).to_string()));
        }
        if let Some(sel) = &s2 {
            let ch = a.map_or(0, |a| firsts.iter().rposition(|f| *f <= a).unwrap_or(0));
            let v = firsts.get(ch).map(|f| f.to_string()).unwrap_or_default();
            if sel.value() != v {
                sel.set_value(&v);
            }
        }
    });
    if let Some(bar) = bar {
        effect(move || {
            let done = active
                .get()
                .map_or(0.0, |a| a as f64 + scroll.progress.get());
            dom::set_var(
                &bar,
                "--done",
                Some(&decimal::format(done / n.max(1) as f64, 3)),
            );
        });
    }
    if let Some(p) = prev {
        scope.listen(&p, "click", move |_: web_sys::Event| {
            if let Some(i) = active.get_untracked().filter(|&i| i > 0) {
                scroll.go_to(i - 1, reader.smooth());
            }
        });
    }
    if let Some(x) = next {
        scope.listen(&x, "click", move |_: web_sys::Event| {
            let t = active.get_untracked().map_or(0, |i| i + 1);
            if t < n {
                scroll.go_to(t, reader.smooth());
            }
        });
    }
    if let Some(sel) = select {
        let s = sel.clone();
        scope.listen(&sel, "change", move |_: web_sys::Event| {
            if let Ok(i) = s.value().parse::<usize>() {
                scroll.go_to(i, reader.smooth());
            }
        });
    }
}

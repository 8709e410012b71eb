//! The essay's page: the pinned stage follows the reader through the prerendered steps.
//!
//! Everything the stage shows is already in the page (each instrument's drawing, its scenes as
//! data and its other scenes' layers in templates; a still in each step). A step change shows a
//! scene on one instrument, writes a few attributes (which instrument is on stage, the
//! stepper's count), and nothing else; the address, the embedding page and the screen reader
//! hear of a step once the reader settles on it.

use crate::instruments::Instruments;
use crate::page::Page;
use crate::reader::Reader;
use crate::scope::{bind_attr, effect, owned};
use crate::scroll::Scroll;
use crate::{embed_state, whatif};
use explainer_model::contract;
use explainer_model::decimal;
use explainer_model::route::{self, Note, Route, Widget};
use explainer_model::story::{frame, Inst, StepView};
use explainer_web::dom::{self, Scope};
use explainer_web::embed::Bridge;
use reactive_graph::owner::{Owner, StoredValue};
use reactive_graph::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// How long the active step must hold before the reader counts as having settled on it.
const SETTLE_MS: u32 = 600;

pub fn attach(route: Route) {
    let scope = owned();
    let Some(page) = Page::read() else {
        return;
    };
    let page = Rc::new(page);
    let reader = Reader::attach(&scope);
    let bridge = Bridge::attach(&scope, Widget::Essay, route.embed, route.secret.clone());

    // Where the address points: a step (or chapter), checked against the page. Other ids in
    // the page (the chronology, the sources) are left to the browser.
    let mut notes = route.notes.clone();
    let target = route.target.as_deref().and_then(|t| {
        let found = page.step_named(t);
        if found.is_none() && dom::by_id(t).is_none() {
            notes.push(Note::NoTarget(t.to_string()));
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
    let _alive = StoredValue::new_local(dom::Alive::new());
    let panel = page.panel.clone();
    let scroll = Scroll::attach(&scope, page.steps.iter().map(|x| x.el.clone()).collect());
    let n = scroll.len();
    let insts = Instruments::attach(&scope, &panel);
    let openings = insts.openings();
    let panel_code = embed_state::attach(&scope, &page, &insts, scroll.active);

    // Opening at a step the address names (unless the browser already shows it, after a reload).
    if let Some(i) = start_at {
        if scroll.active.get_untracked() != Some(i) {
            scroll.go_to(i, false);
            scroll.measure();
        }
    }
    if let Some(dg) = &insts.diagram {
        let unknown = dg.set_off_ids(&off_ids.get_value());
        let notes: Vec<Note> = unknown.into_iter().map(Note::NoFactor).collect();
        dom::notices(&notes, &panel);
    }

    // A step change: a scene on the instrument it shows, a few attributes, and nothing else
    // until the reader settles.
    let active = scroll.active;
    let views: Vec<(Inst, String)> = page
        .steps
        .iter()
        .map(|x| (x.inst, x.scene.clone()))
        .collect();
    let (p2, insts2, pc2) = (panel.clone(), insts.clone(), panel_code.clone());
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
        dom::set_attr(&p2, contract::A_VIEW, Some(f.inst.as_str()));
        dom::set_attr(
            &p2,
            contract::A_STEP,
            Some(&a.map_or(-1, |a| a as i64).to_string()),
        );
        insts2.show(f.scenes);
        if let Some(p) = &pc2 {
            p.refresh();
        }
        last_step.set_value(a);
    });

    stepper(&scope, &page, scroll, reader, n);

    // Keys in the panel step through the story.
    scope.listen(&panel, "keydown", move |ev: web_sys::KeyboardEvent| {
        if dom::leave_key_alone(&ev) {
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

    // Once the reader settles: the address (or the embedding page), the screen reader.
    let live = dom::find(Some(&panel), contract::LIVE);
    let settle = scope.later();
    let (pg, dg3, live2, bridge2) = (
        page.clone(),
        insts.diagram.clone(),
        live.clone(),
        bridge.clone(),
    );
    effect(move || {
        let a = active.get();
        let (pg, dg, live, bridge) = (pg.clone(), dg3.clone(), live2.clone(), bridge2.clone());
        settle.set(SETTLE_MS, move || {
            let step = a.and_then(|i| pg.steps.get(i));
            let off = dg.as_ref().map(|d| d.off_ids()).unwrap_or_default();
            bridge.report(step.map(|x| x.id.as_str()), &off);
            if let Some(l) = &live {
                l.set_text_content(step.map(|x| x.summary.as_str()));
            }
        });
    });

    if let Some(dg) = &insts.diagram {
        whatif::attach(&scope, dg, &bridge, live, active, &page);
    }
    let _ = panel.dyn_ref::<HtmlElement>();
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
    if let Some(p) = &prev {
        bind_attr(p, "aria-disabled", move || {
            dom::bool_str(active.get().is_none_or(|a| a == 0)).to_string()
        });
    }
    if let Some(x) = &next {
        bind_attr(x, "aria-disabled", move || {
            dom::bool_str(active.get().is_some_and(|a| a + 1 >= n)).to_string()
        });
    }
    if let Some(c) = count {
        effect(move || c.set_text_content(Some(&active.get().map_or(0, |a| a + 1).to_string())));
    }
    if let Some(sel) = select.clone() {
        effect(move || {
            let a = active.get();
            let ch = a.map_or(0, |a| firsts.iter().rposition(|f| *f <= a).unwrap_or(0));
            let v = firsts.get(ch).map(|f| f.to_string()).unwrap_or_default();
            if sel.value() != v {
                sel.set_value(&v);
            }
        });
    }
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

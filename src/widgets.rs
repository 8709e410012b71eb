//! The widgets' own pages: the timeline (periods to zoom to, events to open) and the diagram
//! (stages to step through, switches to flip), each with its state in the address and, when
//! embedded, reported to the page around it.

use crate::diagram::Diagram;
use crate::dom;
use crate::embed::{self, Bridge};
use crate::timeline::Timeline;
use explainer_model::decimal;
use explainer_model::route::{Route, Widget, Q_OFF};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the page's notices and Embed panel are.
fn page_parts() -> Option<web_sys::HtmlElement> {
    dom::find(None, "main.widget")
}

pub fn timeline(route: Route) {
    let Some(main) = page_parts() else { return };
    let Some(inst) = dom::find(Some(&main), ".inst-tl") else {
        return;
    };
    let bridge = Bridge::attach(Widget::Timeline, route.embed, route.secret.clone());
    let tl = Timeline::attach(inst.clone().into(), dom::by_id("ev-card"));
    let chips = dom::find_all(Some(&main), ".chips [data-scene]");
    let scene = RwSignal::new(dom::attr(&inst, "data-scene"));
    let windows: Vec<(String, f64, f64)> = chips
        .iter()
        .map(|c| {
            (
                dom::attr(c, "data-scene"),
                decimal::parse(&dom::attr(c, "data-t0")).unwrap_or(0.0),
                decimal::parse(&dom::attr(c, "data-t1")).unwrap_or(1.0),
            )
        })
        .collect();
    let windows = StoredValue::new(windows);
    // The narrowest period that shows an event: where the widget opens when the address names one.
    let view_of = move |id: &str| -> Option<String> {
        let t = tl.t_of_id(id)?;
        windows.with_value(|w| {
            w.iter()
                .filter(|(_, a, b)| t >= *a && t <= *b)
                .min_by(|x, y| (x.2 - x.1).total_cmp(&(y.2 - y.1)))
                .map(|x| x.0.clone())
        })
    };
    let mut notes = route.notes.clone();
    if let Some(id) = route.target.as_deref() {
        match view_of(id) {
            Some(v) => {
                scene.set(v);
                tl.select_id(id);
            }
            None => notes.push(format!(
                "There is no event called “{id}” on this timeline; showing the overview."
            )),
        }
    }
    crate::boot::notices(&notes, &inst);
    let chips = StoredValue::new_local(chips);
    let inst2 = inst.clone();
    dom::effect(move || {
        let s = scene.get();
        dom::set_attr(&inst2, "data-scene", Some(&s));
        chips.with_value(|cs| {
            for c in cs {
                let on = dom::attr(c, "data-scene") == s;
                dom::set_attr(c, "aria-pressed", Some(if on { "true" } else { "false" }));
            }
        });
        tl.refresh();
    });
    chips.with_value(|cs| {
        for c in cs {
            let id = dom::attr(c, "data-scene");
            dom::listen(c, "click", move |_: web_sys::Event| scene.set(id.clone()));
        }
    });
    dom::effect(move || {
        let id = tl.selected_id().map(|e| format!("event-{e}"));
        if bridge.embedded() {
            bridge.report_state(id.as_deref().unwrap_or(""));
        } else {
            let (search, _) = dom::location();
            dom::replace_address(&search, id.as_deref());
        }
    });
    // The host page's fragment, passed on by the embed loader, opens an event too.
    dom::effect(move || {
        let Some(t) = bridge.goto.get() else { return };
        let id = t.strip_prefix("event-").unwrap_or(&t).to_string();
        if let Some(v) = view_of(&id) {
            scene.set(v);
            tl.select_id(&id);
        }
    });
    if let Some(details) = dom::find(Some(&main), ".embed-code") {
        embed::attach_panel(details.into(), Widget::Timeline, move |w| {
            (w, tl.selected_id(), Vec::new())
        });
    }
}

pub fn diagram(route: Route) {
    let Some(main) = page_parts() else { return };
    let Some(inst) = dom::find(Some(&main), ".inst-dg") else {
        return;
    };
    let bridge = Bridge::attach(Widget::Diagram, route.embed, route.secret.clone());
    let dg = Diagram::attach(inst.clone().into());
    let stage_ids: Vec<String> = dom::attr(&inst, "data-stage-ids")
        .split_whitespace()
        .map(String::from)
        .collect();
    let n = stage_ids.len();
    let stage_ids = StoredValue::new(stage_ids);
    let mut notes = route.notes.clone();
    if let Some(id) = route.target.as_deref() {
        if stage_ids.with_value(|s| s.iter().any(|x| x == id)) {
            dg.scene.set(id.to_string());
        } else {
            notes.push(format!(
                "There is no stage called “{id}”; showing the last."
            ));
        }
    }
    for id in dg.set_off(&route.off) {
        notes.push(format!("There is no factor called “{id}” to switch off."));
    }
    crate::boot::notices(&notes, &inst);
    let index =
        move || stage_ids.with_value(|s| s.iter().position(|x| *x == dg.scene.get()).unwrap_or(0));
    let go = move |to: usize| {
        if let Some(id) = stage_ids.with_value(|s| s.get(to.min(n.saturating_sub(1))).cloned()) {
            dg.scene.set(id);
        }
    };
    let prev = dom::find(Some(&main), "[data-go=\"prev\"]");
    let next = dom::find(Some(&main), "[data-go=\"next\"]");
    let count = dom::find(Some(&main), ".step-n");
    let live = dom::find(Some(&main), ".live");
    let (p2, n2) = (prev.clone(), next.clone());
    dom::effect(move || {
        let i = index();
        if let Some(p) = &p2 {
            dom::set_attr(
                p,
                "aria-disabled",
                Some(if i == 0 { "true" } else { "false" }),
            );
        }
        if let Some(x) = &n2 {
            dom::set_attr(
                x,
                "aria-disabled",
                Some(if i + 1 >= n { "true" } else { "false" }),
            );
        }
        if let Some(c) = &count {
            c.set_text_content(Some(&(i + 1).to_string()));
        }
    });
    if let Some(p) = prev {
        dom::listen(&p, "click", move |_: web_sys::Event| {
            go(index().saturating_sub(1))
        });
    }
    if let Some(x) = next {
        dom::listen(&x, "click", move |_: web_sys::Event| go(index() + 1));
    }
    dom::listen(&main, "keydown", move |ev: web_sys::KeyboardEvent| {
        if dom::key_is_not_ours(&ev) {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => go(index() + 1),
            "ArrowLeft" | "ArrowUp" => go(index().saturating_sub(1)),
            "Home" => go(0),
            "End" => go(n.saturating_sub(1)),
            _ => return,
        }
        ev.prevent_default();
    });
    // The address (or the embedding page) follows the stage and the switches.
    dom::effect(move || {
        let stage = format!("stage-{}", dg.scene.get());
        let off = dg.off_ids();
        let words = dg.verdict();
        if let Some(l) = &live {
            l.set_text_content(Some(&format!("Stage {} of {n}. {words}.", index() + 1)));
        }
        if bridge.embedded() {
            bridge.report_state(&stage);
        } else {
            let (search, _) = dom::location();
            let mut kept: Vec<String> = search
                .trim_start_matches('?')
                .split('&')
                .filter(|p| {
                    !p.is_empty()
                        && !p.starts_with(&format!("{Q_OFF}="))
                        && !p.starts_with("stage=")
                })
                .map(String::from)
                .collect();
            if !off.is_empty() {
                kept.push(format!("{Q_OFF}={}", off.join(",")));
            }
            let search = if kept.is_empty() {
                String::new()
            } else {
                format!("?{}", kept.join("&"))
            };
            dom::replace_address(&search, Some(&stage));
        }
    });
    dom::effect(move || {
        let Some(t) = bridge.goto.get() else { return };
        let id = t.strip_prefix("stage-").unwrap_or(&t).to_string();
        if stage_ids.with_value(|s| s.contains(&id)) {
            dg.scene.set(id);
        }
    });
    if let Some(details) = dom::find(Some(&main), ".embed-code") {
        embed::attach_panel(details.into(), Widget::Diagram, move |w| {
            (w, Some(dg.scene.get()), dg.off_ids())
        });
    }
    let _ = inst.dyn_ref::<web_sys::HtmlElement>();
}

//! The widgets' own pages: the timeline (periods to zoom to, events to open) and the diagram
//! (stages to step through, switches to flip), each with its state in the address and, when
//! embedded, reported to the page around it.

use crate::diagram::Diagram;
use crate::dom::{self, Scope};
use crate::embed::{Bridge, Panel};
use crate::timeline::Timeline;
use explainer_model::decimal;
use explainer_model::route::{Route, Widget, Q_OFF};
use std::rc::Rc;

pub fn timeline(scope: &Scope, route: Route) {
    let Some(main) = dom::find(None, "main.widget") else {
        return;
    };
    let Some(inst) = dom::find(Some(&main), ".inst-tl") else {
        return;
    };
    let bridge = Bridge::attach(scope, Widget::Timeline, route.embed, route.secret.clone());
    let tl = Timeline::attach(scope, inst.clone().into(), dom::by_id("ev-card"));
    let chips = Rc::new(dom::find_all(Some(&main), ".chips [data-scene]"));
    let windows: Rc<Vec<(String, f64, f64)>> = Rc::new(
        chips
            .iter()
            .map(|c| {
                (
                    dom::attr(c, "data-scene"),
                    decimal::parse(&dom::attr(c, "data-t0")).unwrap_or(0.0),
                    decimal::parse(&dom::attr(c, "data-t1")).unwrap_or(1.0),
                )
            })
            .collect(),
    );
    // Shows a period: the drawing's scene, the pressed chip, the tab stop on a mark on show.
    let show = {
        let (inst, chips, tl) = (inst.clone(), chips.clone(), tl.clone());
        Rc::new(move |scene: &str| {
            dom::set_attr(&inst, "data-scene", Some(scene));
            for c in chips.iter() {
                dom::set_attr(
                    c,
                    "aria-pressed",
                    Some(dom::bool_str(dom::attr(c, "data-scene") == scene)),
                );
            }
            tl.refresh();
        })
    };
    // The narrowest period that shows an event, and the event opened there.
    let open = {
        let (tl, windows, show) = (tl.clone(), windows.clone(), show.clone());
        Rc::new(move |id: &str| -> bool {
            let Some(t) = tl.t_of_id(id) else {
                return false;
            };
            let best = windows
                .iter()
                .filter(|(_, a, b)| t >= *a && t <= *b)
                .min_by(|x, y| (x.2 - x.1).total_cmp(&(y.2 - y.1)));
            if let Some((scene, _, _)) = best {
                show(scene);
            }
            tl.select_id(id)
        })
    };
    let mut notes = route.notes.clone();
    if let Some(id) = route.target.as_deref() {
        if !open(id) {
            notes.push(format!(
                "There is no event called “{id}” on this timeline; showing the overview."
            ));
        }
    }
    dom::notices(&notes, &inst);
    for c in chips.iter() {
        let (scene, show) = (dom::attr(c, "data-scene"), show.clone());
        scope.listen(c, "click", move |_: web_sys::Event| show(&scene));
    }
    let b = bridge.clone();
    tl.on_select(move |id| {
        let fragment = id.map(|e| ["event-", e].concat());
        if b.embedded() {
            b.report_state(fragment.as_deref().unwrap_or(""));
        } else {
            let (search, _) = dom::location();
            dom::replace_address(&search, fragment.as_deref());
        }
    });
    // The host page's fragment, passed on by the embed loader, opens an event too.
    bridge.on_goto(scope, move |t| {
        open(t.strip_prefix("event-").unwrap_or(t));
    });
    if let Some(details) = dom::find(Some(&main), ".embed-code") {
        Panel::attach(scope, details.into(), Widget::Timeline, move |w| {
            (w, tl.selected_id(), Vec::new())
        });
    }
}

pub fn diagram(scope: &Scope, route: Route) {
    let Some(main) = dom::find(None, "main.widget") else {
        return;
    };
    let Some(inst) = dom::find(Some(&main), ".inst-dg") else {
        return;
    };
    let bridge = Bridge::attach(scope, Widget::Diagram, route.embed, route.secret.clone());
    let dg = Diagram::attach(scope, inst.clone().into());
    let ids: Vec<String> = dg.stage_ids().to_vec();
    let n = ids.len();
    let mut notes = route.notes.clone();
    if let Some(id) = route.target.as_deref() {
        if ids.iter().any(|x| x == id) {
            dg.set_scene(id);
        } else {
            notes.push(format!(
                "There is no stage called “{id}”; showing the last."
            ));
        }
    }
    for id in dg.set_off_ids(&route.off) {
        notes.push(format!("There is no factor called “{id}” to switch off."));
    }
    dom::notices(&notes, &inst);
    let ids = Rc::new(ids);
    let index = {
        let (dg, ids) = (dg.clone(), ids.clone());
        Rc::new(move || {
            let s = dg.scene();
            ids.iter()
                .position(|x| *x == s)
                .unwrap_or(n.saturating_sub(1))
        })
    };
    let go = {
        let (dg, ids) = (dg.clone(), ids.clone());
        Rc::new(move |to: usize| {
            if let Some(id) = ids.get(to.min(n.saturating_sub(1))) {
                dg.set_scene(id);
            }
        })
    };
    let prev = dom::find(Some(&main), "[data-go=\"prev\"]");
    let next = dom::find(Some(&main), "[data-go=\"next\"]");
    let count = dom::find(Some(&main), ".step-n");
    let live = dom::find(Some(&main), ".live");
    // The stepper, the live region and the address (or the embedding page) follow the stage and
    // the switches.
    let render = {
        let (dg, index, bridge) = (dg.clone(), index.clone(), bridge.clone());
        move || {
            let i = index();
            if let Some(p) = &prev {
                dom::set_attr(p, "aria-disabled", Some(dom::bool_str(i == 0)));
            }
            if let Some(x) = &next {
                dom::set_attr(x, "aria-disabled", Some(dom::bool_str(i + 1 >= n)));
            }
            if let Some(c) = &count {
                c.set_text_content(Some(&(i + 1).to_string()));
            }
            if let Some(l) = &live {
                let what = if dg.off().any() {
                    "Thought experiment: "
                } else {
                    ""
                };
                l.set_text_content(Some(&format!(
                    "Stage {} of {n}. {what}{}.",
                    i + 1,
                    dg.verdict()
                )));
            }
            let stage = ["stage-", &dg.scene()].concat();
            if bridge.embedded() {
                bridge.report_state(&stage);
            } else {
                let (search, _) = dom::location();
                let mut kept: Vec<String> = search
                    .trim_start_matches('?')
                    .split('&')
                    .filter(|p| !p.is_empty() && !p.starts_with("off=") && !p.starts_with("stage="))
                    .map(String::from)
                    .collect();
                let off = dg.off_ids();
                if !off.is_empty() {
                    kept.push([Q_OFF, "=", &off.join(",")].concat());
                }
                let search = if kept.is_empty() {
                    String::new()
                } else {
                    ["?", &kept.join("&")].concat()
                };
                dom::replace_address(&search, Some(&stage));
            }
        }
    };
    render();
    dg.on_change(render);
    for (sel, delta) in [("[data-go=\"prev\"]", -1isize), ("[data-go=\"next\"]", 1)] {
        if let Some(b) = dom::find(Some(&main), sel) {
            let (go, index) = (go.clone(), index.clone());
            scope.listen(&b, "click", move |_: web_sys::Event| {
                go((index() as isize + delta).max(0) as usize)
            });
        }
    }
    let (g, ix) = (go.clone(), index.clone());
    scope.listen(&main, "keydown", move |ev: web_sys::KeyboardEvent| {
        if dom::key_is_not_ours(&ev) {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => g(ix() + 1),
            "ArrowLeft" | "ArrowUp" => g(ix().saturating_sub(1)),
            "Home" => g(0),
            "End" => g(n.saturating_sub(1)),
            _ => return,
        }
        ev.prevent_default();
    });
    let (d, i2) = (dg.clone(), ids.clone());
    bridge.on_goto(scope, move |t| {
        let id = t.strip_prefix("stage-").unwrap_or(t);
        if i2.iter().any(|x| x == id) {
            d.set_scene(id);
        }
    });
    if let Some(details) = dom::find(Some(&main), ".embed-code") {
        let d = dg.clone();
        Panel::attach(scope, details.into(), Widget::Diagram, move |w| {
            (w, Some(d.scene()), d.off_ids())
        });
    }
}

/// The map's page: a line per chip, the view gliding between them; `#line-…` or `?line=` names
/// the line to open.
pub fn map(scope: &Scope, route: Route) {
    let Some(main) = dom::find(None, "main.widget") else {
        return;
    };
    let Some(inst) = dom::find(Some(&main), ".inst-map") else {
        return;
    };
    let bridge = Bridge::attach(scope, Widget::Map, route.embed, route.secret.clone());
    let chips = Rc::new(dom::find_all(Some(&main), ".chips [data-scene]"));
    let scenes: Rc<Vec<String>> =
        Rc::new(chips.iter().map(|c| dom::attr(c, "data-scene")).collect());
    let says = dom::find(Some(&main), ".map-says");
    if let Some(s) = &says {
        dom::set_attr(s, "aria-live", Some("polite"));
    }
    let current = Rc::new(std::cell::RefCell::new(dom::attr(&inst, "data-scene")));
    let show = {
        let (inst, chips, bridge, current) =
            (inst.clone(), chips.clone(), bridge.clone(), current.clone());
        Rc::new(move |scene: &str| {
            *current.borrow_mut() = scene.to_string();
            dom::set_attr(&inst, "data-scene", Some(scene));
            if let Some(s) = &says {
                dom::set_attr(s, "data-scene", Some(scene));
            }
            for c in chips.iter() {
                dom::set_attr(
                    c,
                    "aria-pressed",
                    Some(dom::bool_str(dom::attr(c, "data-scene") == scene)),
                );
            }
            let line = scene.split('.').next().unwrap_or(scene);
            let fragment = ["line-", line].concat();
            if bridge.embedded() {
                bridge.report_state(&fragment);
            } else {
                let (search, _) = dom::location();
                dom::replace_address(&search, Some(&fragment));
            }
        })
    };
    // A line names the scene that draws it (with its own places).
    let scene_of = {
        let scenes = scenes.clone();
        move |line: &str| {
            scenes
                .iter()
                .find(|s| s.split('.').next() == Some(line))
                .cloned()
        }
    };
    let mut notes = route.notes.clone();
    if let Some(line) = route.target.as_deref() {
        match scene_of(line) {
            Some(s) => show(&s),
            None => notes.push(format!(
                "There is no line called “{line}” on this map; showing the first."
            )),
        }
    }
    dom::notices(&notes, &inst);
    for c in chips.iter() {
        let (scene, show) = (dom::attr(c, "data-scene"), show.clone());
        scope.listen(c, "click", move |_: web_sys::Event| show(&scene));
    }
    let s2 = show.clone();
    bridge.on_goto(scope, move |t| {
        if let Some(s) = scene_of(t.strip_prefix("line-").unwrap_or(t)) {
            s2(&s);
        }
    });
    if let Some(details) = dom::find(Some(&main), ".embed-code") {
        Panel::attach(scope, details.into(), Widget::Map, move |w| {
            let scene = current.borrow().clone();
            (w, scene.split('.').next().map(String::from), Vec::new())
        });
    }
}

//! The diagram's page (`diagram/`): stages to step through, switches to flip; `#stage-…` or
//! `?stage=` opens a stage, `?off=…` switches factors off.

use super::shell::Shell;
use crate::diagram::Diagram;
use crate::dom::{self, Scope};
use explainer_model::route::{Note, Route, Widget};
use std::rc::Rc;

pub fn start(scope: &Scope, route: Route) {
    let Some(shell) = Shell::find(scope, Widget::Diagram, route, ".inst-dg") else {
        return;
    };
    let dg = Diagram::attach(scope, shell.inst.clone().into());
    let ids: Rc<Vec<String>> = Rc::new(dg.stage_ids().to_vec());
    let n = ids.len();
    let mut notes = Vec::new();
    if let Some(id) = shell.route.target.as_deref() {
        if !(ids.iter().any(|x| x == id) && dg.set_scene(id)) {
            notes.push(Note::NoTarget(id.to_string()));
        }
    }
    for id in dg.set_off_ids(&shell.route.off) {
        notes.push(Note::NoFactor(id));
    }
    shell.notices(notes);
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
    let main = &shell.main;
    let prev = dom::find(Some(main), "[data-go=\"prev\"]");
    let next = dom::find(Some(main), "[data-go=\"next\"]");
    let count = dom::find(Some(main), ".step-n");
    let live = dom::find(Some(main), ".live");
    // The stepper, the live region and the address (or the embedding page) follow the stage and
    // the switches.
    let render = {
        let (dg, index, bridge) = (dg.clone(), index.clone(), shell.bridge.clone());
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
                l.set_text_content(Some(&dg.live_line(i + 1, n)));
            }
            bridge.report(Some(&dg.scene()), &dg.off_ids());
        }
    };
    render();
    dg.on_change(scope, render);
    for (sel, delta) in [("[data-go=\"prev\"]", -1isize), ("[data-go=\"next\"]", 1)] {
        if let Some(b) = dom::find(Some(main), sel) {
            let (go, index) = (go.clone(), index.clone());
            scope.listen(&b, "click", move |_: web_sys::Event| {
                go((index() as isize + delta).max(0) as usize)
            });
        }
    }
    let (g, ix) = (go.clone(), index.clone());
    scope.listen(main, "keydown", move |ev: web_sys::KeyboardEvent| {
        if dom::leave_key_alone(&ev) {
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
    shell.on_goto(scope, move |id| {
        if i2.iter().any(|x| x == id) {
            d.set_scene(id);
        }
    });
    shell.embed_panel(scope, move |w| (w, Some(dg.scene()), dg.off_ids()));
}

//! The map's page (`map/`): a line per chip, the view gliding between them; `#line-…` or
//! `?line=` names the line to open.

use super::shell::Shell;
use crate::dom::{self, Scope};
use crate::map::Map;
use explainer_model::route::{Note, Route, Widget};
use std::rc::Rc;

pub fn start(scope: &Scope, route: Route) {
    let Some(shell) = Shell::find(scope, Widget::Map, route, ".inst-map") else {
        return;
    };
    let map = Map::attach(shell.inst.clone().into());
    let chips = Rc::new(dom::find_all(Some(&shell.main), ".chips [data-scene]"));
    if let Some(s) = dom::find(Some(&shell.main), ".map-says") {
        dom::set_attr(&s, "aria-live", Some("polite"));
    }
    let show = {
        let (map, chips, bridge) = (map.clone(), chips.clone(), shell.bridge.clone());
        Rc::new(move |scene: &str| {
            map.show(scene);
            for c in chips.iter() {
                let pressed = dom::attr(c, "data-scene") == scene;
                dom::set_attr(c, "aria-pressed", Some(dom::bool_str(pressed)));
            }
            bridge.report(map.line().as_deref(), &[]);
        })
    };
    let mut notes = Vec::new();
    if let Some(line) = shell.route.target.as_deref() {
        match map.scene_of(line) {
            Some(s) => show(&s),
            None => notes.push(Note::NoTarget(line.to_string())),
        }
    }
    shell.notices(notes);
    for c in chips.iter() {
        let (scene, show) = (dom::attr(c, "data-scene"), show.clone());
        scope.listen(c, "click", move |_: web_sys::Event| show(&scene));
    }
    let (m, s2) = (map.clone(), show.clone());
    shell.on_goto(scope, move |t| {
        if let Some(s) = m.scene_of(t) {
            s2(&s);
        }
    });
    shell.embed_panel(scope, move |w| (w, map.line(), Vec::new()));
}

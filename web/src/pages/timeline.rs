//! The timeline's page (`timeline/`): periods to zoom to, events to open; `#event-…` or
//! `?event=` opens one.

use super::shell::Shell;
use crate::dom::{self, Scope};
use crate::timeline::Timeline;
use explainer_model::route::{Note, Route, Widget};
use std::rc::Rc;

pub fn start(scope: &Scope, route: Route) {
    let Some(shell) = Shell::find(scope, Widget::Timeline, route, ".inst-tl") else {
        return;
    };
    let tl = Timeline::attach(scope, shell.inst.clone().into(), dom::by_id("ev-card"));
    let chips = Rc::new(dom::find_all(Some(&shell.main), ".chips [data-scene]"));
    // Shows a period: the drawing's scene and the pressed chip.
    let show = {
        let (chips, tl) = (chips.clone(), tl.clone());
        Rc::new(move |scene: &str| {
            tl.show(scene);
            for c in chips.iter() {
                let pressed = dom::attr(c, "data-scene") == scene;
                dom::set_attr(c, "aria-pressed", Some(dom::bool_str(pressed)));
            }
        })
    };
    // The narrowest period that shows an event, and the event opened there.
    let open = {
        let (tl, show) = (tl.clone(), show.clone());
        Rc::new(move |id: &str| -> bool {
            let Some(t) = tl.t_of_id(id) else {
                return false;
            };
            let windows = tl.windows();
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
    // Told before the address's own event opens, so that it is reported too (the address and
    // the language links follow it from the start).
    let b = shell.bridge.clone();
    tl.on_select(scope, move |id| b.report(id.as_deref(), &[]));
    let mut notes = Vec::new();
    if let Some(id) = shell.route.target.as_deref() {
        if !open(id) {
            notes.push(Note::NoTarget(id.to_string()));
        }
    }
    shell.notices(notes);
    for c in chips.iter() {
        let (scene, show) = (dom::attr(c, "data-scene"), show.clone());
        scope.listen(c, "click", move |_: web_sys::Event| show(&scene));
    }
    shell.on_goto(scope, move |t| {
        open(t);
    });
    shell.embed_panel(scope, move |w| (w, tl.selected_id(), Vec::new()));
}

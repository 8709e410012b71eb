//! What-if in the essay: the "try it" buttons in the last diagram step's text flip switches in
//! place; a switch is a change of its own, said in the live region and kept in the address.

use crate::instruments::Diagram;
use crate::page::Page;
use explainer_web::dom::{self, Scope};
use explainer_web::embed::Bridge;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use std::cell::Cell;
use std::rc::Rc;
use web_sys::HtmlElement;

pub fn attach(
    scope: &Scope,
    dg: &Diagram,
    bridge: &Bridge,
    live: Option<HtmlElement>,
    active: RwSignal<Option<usize>>,
    page: &Rc<Page>,
) {
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
    // The watcher holds the diagram; it is registered for the stage's scope, so the diagram
    // goes when the stage does (plain reading), not later.
    let (d, bridge, page) = (dg.clone(), bridge.clone(), page.clone());
    let was = Cell::new(dg.off());
    let sync = move || {
        let off = d.off();
        for (b, f) in &buttons {
            dom::set_attr(b, "aria-pressed", Some(dom::bool_str(off.is_off(*f))));
        }
        if was.replace(off) != off {
            if let Some(l) = &live {
                l.set_text_content(Some(&[d.thought().as_str(), "."].concat()));
            }
            let step = active
                .get_untracked()
                .and_then(|i| page.steps.get(i))
                .map(|s| s.id.clone());
            bridge.report(step.as_deref(), &d.off_ids());
        }
    };
    sync();
    dg.on_change(scope, sync);
}

//! The essay's Embed panel: what each choice embeds, from where the reader is (the step, the
//! diagram's stage and switches, the map's line, the open event).

use crate::instruments::Instruments;
use crate::page::Page;
use explainer_model::route::Widget;
use explainer_web::dom::{self, Scope};
use explainer_web::embed_panel::EmbedPanel;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use std::rc::Rc;

pub fn attach(
    scope: &Scope,
    page: &Rc<Page>,
    insts: &Instruments,
    active: RwSignal<Option<usize>>,
) -> Option<EmbedPanel> {
    let details = dom::find(Some(&page.panel), ".embed-code")?;
    let (page, insts) = (page.clone(), insts.clone());
    Some(EmbedPanel::attach(
        scope,
        details.into(),
        Widget::Essay,
        move |w| match w {
            Widget::Essay => (
                w,
                active
                    .get_untracked()
                    .and_then(|i| page.steps.get(i).map(|x| x.id.clone())),
                Vec::new(),
            ),
            Widget::Diagram => (
                w,
                insts
                    .diagram
                    .as_ref()
                    .and_then(|d| d.stage_ids().get(d.stage()).cloned()),
                insts
                    .diagram
                    .as_ref()
                    .map(|d| d.off_ids())
                    .unwrap_or_default(),
            ),
            Widget::Map => (w, insts.map.as_ref().and_then(|m| m.line()), Vec::new()),
            Widget::Timeline => (
                w,
                insts.timeline.as_ref().and_then(|t| t.selected_id()),
                Vec::new(),
            ),
        },
    ))
}

//! What the essay reads from its page once: the stage's panel, the steps (each with what its
//! graphic shows) and the chapters.

use explainer_model::contract;
use explainer_model::story::{index_of, Inst};
use explainer_web::dom;
use web_sys::HtmlElement;

/// A step as the page has it.
pub struct StepEl {
    pub el: HtmlElement,
    pub id: String,
    /// The scene its instrument shows (the step's id for the timeline and the diagram; the
    /// map's scene ids name its line and places).
    pub scene: String,
    pub inst: Inst,
    /// What the graphic shows, for the live region.
    pub summary: String,
}

/// What the essay reads from its page once.
pub struct Page {
    pub panel: HtmlElement,
    pub steps: Vec<StepEl>,
    /// Chapter ids and their first steps.
    pub chapters: Vec<(String, usize)>,
}

impl Page {
    pub fn read() -> Option<Page> {
        let panel = dom::find(None, contract::PANEL)?;
        let steps = dom::find_all(None, contract::STEP)
            .into_iter()
            .map(|el| StepEl {
                id: dom::attr(&el, "id"),
                scene: dom::attr(&el, contract::A_SCENE),
                inst: Inst::parse(&dom::attr(&el, contract::A_VIEW)).unwrap_or(Inst::Timeline),
                summary: dom::attr(&el, contract::A_SUMMARY),
                el,
            })
            .collect();
        let chapters = dom::find_all(None, contract::CHAPTER)
            .into_iter()
            .map(|c| {
                let first = dom::find(Some(&c), ".step")
                    .and_then(|s| dom::attr(&s, contract::A_STEP).parse().ok())
                    .unwrap_or(0);
                (dom::attr(&c, "id"), first)
            })
            .collect();
        Some(Page {
            panel,
            steps,
            chapters,
        })
    }

    /// The step a fragment names: a step's id, or a chapter's (its first step).
    pub fn step_named(&self, id: &str) -> Option<usize> {
        let ids: Vec<&str> = self.steps.iter().map(|x| x.id.as_str()).collect();
        let ch: Vec<(&str, usize)> = self
            .chapters
            .iter()
            .map(|(id, i)| (id.as_str(), *i))
            .collect();
        index_of(&ids, &ch, id)
    }
}

//! The essay's instruments, as this explainer has them (build.rs): a present one is its
//! `explainer_web` type; an absent one is a type with no values, so the essay's code for it is
//! checked by the compiler but nothing of it reaches the wasm (an `Option` of it is always
//! `None`, and every method is a `match` on nothing).

#[cfg(explainer_diagram)]
pub use explainer_web::diagram::Diagram;
#[cfg(explainer_map)]
pub use explainer_web::map::Map;
#[cfg(explainer_timeline)]
pub use explainer_web::timeline::Timeline;

#[cfg(not(explainer_diagram))]
pub use absent::Diagram;
#[cfg(not(explainer_map))]
pub use absent::Map;
#[cfg(not(explainer_timeline))]
pub use absent::Timeline;

use explainer_model::contract;
use explainer_model::story::Inst;
use explainer_web::dom::{self, Scope};
use web_sys::{Element, HtmlElement};

/// The stage's instruments, each made live (None where the explainer has not that instrument).
#[derive(Clone)]
pub struct Instruments {
    pub timeline: Option<Timeline>,
    pub diagram: Option<Diagram>,
    pub map: Option<Map>,
}

impl Instruments {
    pub fn attach(scope: &Scope, panel: &HtmlElement) -> Instruments {
        let inst = |i: Inst| {
            dom::find(
                Some(panel),
                &[".inst[", contract::A_INST, "=\"", i.as_str(), "\"]"].concat(),
            )
        };
        Instruments {
            timeline: inst(Inst::Timeline).and_then(|i| timeline(scope, i.into())),
            diagram: inst(Inst::Diagram).and_then(|i| diagram(scope, i.into())),
            map: inst(Inst::Map).and_then(|i| map(scope, i.into())),
        }
    }

    /// The scene each instrument opens with (before the story reaches it).
    pub fn openings(&self) -> [String; 3] {
        [
            self.timeline
                .as_ref()
                .map(|t| t.scene())
                .unwrap_or_default(),
            self.diagram.as_ref().map(|d| d.scene()).unwrap_or_default(),
            self.map.as_ref().map(|m| m.scene()).unwrap_or_default(),
        ]
    }

    pub fn show(&self, scenes: [&str; 3]) {
        if let Some(t) = &self.timeline {
            if t.scene() != scenes[0] {
                t.show(scenes[0]);
            }
        }
        if let Some(d) = &self.diagram {
            d.set_scene(scenes[1]);
        }
        if let Some(m) = &self.map {
            m.show(scenes[2]);
        }
    }
}

/// `Some` when the explainer has the instrument, attached to its drawing.
pub fn timeline(scope: &Scope, inst: Element) -> Option<Timeline> {
    #[cfg(explainer_timeline)]
    return Some(Timeline::attach(
        scope,
        inst,
        explainer_web::dom::by_id("ev-card"),
    ));
    #[cfg(not(explainer_timeline))]
    return {
        let _ = (scope, inst);
        None
    };
}

pub fn diagram(scope: &Scope, inst: Element) -> Option<Diagram> {
    #[cfg(explainer_diagram)]
    return Some(Diagram::attach(scope, inst));
    #[cfg(not(explainer_diagram))]
    return {
        let _ = (scope, inst);
        None
    };
}

pub fn map(scope: &Scope, inst: Element) -> Option<Map> {
    let _ = scope;
    #[cfg(explainer_map)]
    return Some(Map::attach(inst));
    #[cfg(not(explainer_map))]
    return {
        let _ = inst;
        None
    };
}

#[allow(dead_code)]
mod absent {
    use explainer_model::diagram::Switches;
    use explainer_web::dom::Scope;

    #[derive(Clone)]
    pub enum Timeline {}
    #[derive(Clone)]
    pub enum Diagram {}
    #[derive(Clone)]
    pub enum Map {}

    impl Timeline {
        pub fn scene(&self) -> String {
            match *self {}
        }
        pub fn show(&self, _: &str) -> bool {
            match *self {}
        }
        pub fn selected_id(&self) -> Option<String> {
            match *self {}
        }
    }

    impl Map {
        pub fn scene(&self) -> String {
            match *self {}
        }
        pub fn show(&self, _: &str) -> bool {
            match *self {}
        }
        pub fn line(&self) -> Option<String> {
            match *self {}
        }
    }

    impl Diagram {
        pub fn on_change(&self, _: &Scope, _: impl Fn() + 'static) {
            match *self {}
        }
        pub fn index(&self, _: &str) -> Option<usize> {
            match *self {}
        }
        pub fn scene(&self) -> String {
            match *self {}
        }
        pub fn set_scene(&self, _: &str) -> bool {
            match *self {}
        }
        pub fn stage(&self) -> usize {
            match *self {}
        }
        pub fn stage_ids(&self) -> &[String] {
            match *self {}
        }
        pub fn off(&self) -> Switches {
            match *self {}
        }
        pub fn toggle(&self, _: usize) {
            match *self {}
        }
        pub fn off_ids(&self) -> Vec<String> {
            match *self {}
        }
        pub fn set_off_ids(&self, _: &[String]) -> Vec<String> {
            match *self {}
        }
        pub fn verdict(&self) -> String {
            match *self {}
        }
        pub fn live_line(&self, _: usize, _: usize) -> String {
            match *self {}
        }
        pub fn thought(&self) -> String {
            match *self {}
        }
    }
}

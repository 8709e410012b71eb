//! The live decision diagram: the drawing is in the page; this makes its what-if switches work.
//! Switching a factor off strikes its row through, outlines its segment, moves the needle (the
//! old place stays as a hollow ghost) and states the new verdict. The arithmetic is
//! `explainer_model::diagram`, fed with the numbers the page carries.

use crate::dom;
use explainer_model::diagram::{needle, sums, verdict_words, Model, Switches};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

#[derive(Clone, Copy)]
pub struct Diagram {
    inst: StoredValue<Element, LocalStorage>,
    model: StoredValue<Model>,
    /// Factor ids in the model's order.
    ids: StoredValue<Vec<String>>,
    /// Scene id → stage index.
    stages: StoredValue<Vec<(String, usize)>>,
    pub scene: RwSignal<String>,
    pub off: RwSignal<Switches>,
}

fn numbers<T: std::str::FromStr>(el: &Element, name: &str) -> Vec<T> {
    dom::attr(el, name)
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect()
}

impl Diagram {
    pub fn attach(inst: Element) -> Diagram {
        let model = Model::from_parts(
            numbers(&inst, "data-enters"),
            numbers(&inst, "data-sides"),
            numbers(&inst, "data-strengths"),
        );
        let ids: Vec<String> = dom::attr(&inst, "data-ids")
            .split_whitespace()
            .map(String::from)
            .collect();
        let stages: Vec<(String, usize)> = dom::attr(&inst, "data-stages")
            .split_whitespace()
            .filter_map(|p| {
                let (id, s) = p.rsplit_once(':')?;
                Some((id.to_string(), s.parse().ok()?))
            })
            .collect();
        let dg = Diagram {
            scene: RwSignal::new(dom::attr(&inst, "data-scene")),
            inst: StoredValue::new_local(inst.clone()),
            model: StoredValue::new(model),
            ids: StoredValue::new(ids),
            stages: StoredValue::new(stages),
            off: RwSignal::new(Switches::default()),
        };
        // The scene on show, written to the drawing.
        dom::effect(move || {
            let scene = dg.scene.get();
            dg.inst
                .with_value(|i| dom::set_attr(i, "data-scene", Some(&scene)));
        });
        // Switches: rows, segments and boxes follow the set; the needle and verdict follow both.
        dom::effect(move || {
            let off = dg.off.get();
            let stage = dg.stage();
            dg.inst.with_value(|inst| dg.draw(inst, off, stage));
        });
        dom::listen(&inst, "change", move |ev: web_sys::Event| {
            let Some(input) =
                dom::target_el(&ev).and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(f) = dg.index(&dom::attr(&input, "data-factor")) {
                dg.off.update(|s| *s = s.toggled(f));
            }
        });
        dom::listen(&inst, "click", move |ev: web_sys::MouseEvent| {
            let reset = dom::target_el(&ev)
                .and_then(|t| t.closest(".reset").ok().flatten())
                .is_some();
            if reset {
                dg.off.set(Switches::default());
            }
        });
        dg
    }

    pub fn index(self, id: &str) -> Option<usize> {
        self.ids.with_value(|ids| ids.iter().position(|x| x == id))
    }

    /// The stage of the scene on show.
    pub fn stage(self) -> usize {
        let scene = self.scene.get();
        self.stages.with_value(|s| {
            s.iter()
                .find(|(id, _)| *id == scene)
                .map_or(0, |(_, st)| *st)
        })
    }

    /// The id of stage `i` (for the diagram widget's address).
    pub fn stage_id(self, i: usize) -> Option<String> {
        self.inst.with_value(|inst| {
            dom::attr(inst, "data-stage-ids")
                .split_whitespace()
                .nth(i)
                .map(String::from)
        })
    }

    /// The factors switched off, as ids (for the address).
    pub fn off_ids(self) -> Vec<String> {
        let off = self.off.get();
        self.ids.with_value(|ids| {
            ids.iter()
                .enumerate()
                .filter(|(i, _)| off.is_off(*i))
                .map(|(_, id)| id.clone())
                .collect()
        })
    }

    /// Switches off the factors named (from the address); unknown ids are returned.
    pub fn set_off(self, ids: &[String]) -> Vec<String> {
        let mut s = Switches::default();
        let mut unknown = Vec::new();
        for id in ids {
            match self.index(id) {
                Some(i) => s = Switches(s.0 | (1 << i)),
                None => unknown.push(id.clone()),
            }
        }
        self.off.set(s);
        unknown
    }

    /// The verdict in words for the scene on show and the switches.
    pub fn verdict(self) -> String {
        let off = self.off.get_untracked();
        let stage = self.stage();
        self.inst.with_value(|inst| {
            let toward = dom::attr(inst, "data-toward");
            let (a, b) = toward.split_once('|').unwrap_or(("", ""));
            let bal = self.model.with_value(|m| m.balance(stage, off));
            verdict_words(bal, [a, b])
        })
    }

    fn draw(self, inst: &Element, off: Switches, stage: usize) {
        let ids = self.ids.get_value();
        for (i, id) in ids.iter().enumerate() {
            for el in dom::find_all(Some(inst), &format!(".f-{id}")) {
                dom::toggle_class(&el, "is-off", off.is_off(i));
            }
            if let Some(input) = dom::find(Some(inst), &format!("input[data-factor=\"{id}\"]"))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                input.set_checked(!off.is_off(i));
            }
        }
        let switched = self
            .model
            .with_value(|m| (0..m.factor_count()).any(|f| off.is_off(f) && m.entered(f, stage)));
        dom::toggle_class(inst, "is-whatif", switched);
        if let Some(reset) = dom::find(Some(inst), ".reset") {
            dom::set_attr(&reset, "disabled", (!off.any()).then_some(""));
        }
        let html_el: Option<&HtmlElement> = inst.dyn_ref();
        if !switched {
            if let Some(el) = html_el {
                let _ = el.style().remove_property("--n-whatif");
            }
            if let Some(v) = dom::find(Some(inst), ".whatif-verdict") {
                v.set_inner_html("");
            }
            return;
        }
        let toward = dom::attr(inst, "data-toward");
        let names = dom::attr(inst, "data-names");
        let (ta, tb) = toward.split_once('|').unwrap_or(("", ""));
        let (na, nb) = names.split_once('|').unwrap_or(("", ""));
        let (bal, n) = self
            .model
            .with_value(|m| (m.balance(stage, off), needle(m, m.balance(stage, off))));
        if let Some(el) = html_el {
            let _ = el
                .style()
                .set_property("--n-whatif", &explainer_model::decimal::format(n, 4));
        }
        let names_off: Vec<String> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| off.is_off(*i))
            .filter_map(|(_, id)| {
                dom::find(Some(inst), &format!(".row.f-{id} .row-label"))
                    .and_then(|l| l.text_content())
            })
            .collect();
        if let Some(v) = dom::find(Some(inst), ".whatif-verdict") {
            // Text only: the labels are the page's own, and nothing is parsed as markup.
            v.set_text_content(None);
            let doc = document();
            if let (Ok(b), Ok(small)) = (doc.create_element("b"), doc.create_element("small")) {
                let words = verdict_words(bal, [ta, tb]);
                let mut c = words.chars();
                let words = c
                    .next()
                    .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                    .unwrap_or_default();
                b.set_text_content(Some(&format!("Without {}: {words}", names_off.join(", "))));
                small.set_text_content(Some(&format!(
                    "{} (thought experiment)",
                    sums(bal, [na, nb])
                )));
                let _ = v.append_child(&b);
                let _ = v.append_child(&small);
            }
        }
    }
}

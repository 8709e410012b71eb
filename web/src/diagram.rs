//! The live decision diagram: the drawing is in the page; this makes its what-if switches work.
//! Switching a factor off strikes its row through, outlines its segment, moves the needle (its
//! old place stays as a hollow ghost) and states the new verdict. The arithmetic is
//! `explainer_model::diagram`, fed with the numbers the page carries.

use crate::dom::{self, Scope};
use explainer_model::decimal;
use explainer_model::diagram::{needle, sums, verdict_words, Model, Switches};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

struct Inner {
    inst: Element,
    model: Model,
    /// Factor ids in the model's order.
    ids: Vec<String>,
    /// Scene id → stage index.
    stages: Vec<(String, usize)>,
    stage_ids: Vec<String>,
    scene: RefCell<String>,
    off: Cell<Switches>,
    on_change: RefCell<Vec<Box<dyn Fn()>>>,
}

#[derive(Clone)]
pub struct Diagram(Rc<Inner>);

fn words(el: &Element, name: &str) -> Vec<String> {
    dom::attr(el, name)
        .split_whitespace()
        .map(String::from)
        .collect()
}

fn numbers(el: &Element, name: &str) -> Vec<usize> {
    dom::attr(el, name)
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect()
}

impl Diagram {
    pub fn attach(scope: &Scope, inst: Element) -> Diagram {
        let model = Model::from_parts(
            numbers(&inst, "data-enters"),
            numbers(&inst, "data-sides"),
            numbers(&inst, "data-strengths")
                .into_iter()
                .map(|s| s as u32)
                .collect(),
        );
        let stages = words(&inst, "data-stages")
            .into_iter()
            .filter_map(|p| {
                let (id, s) = p.rsplit_once(':')?;
                Some((id.to_string(), s.parse().ok()?))
            })
            .collect();
        let dg = Diagram(Rc::new(Inner {
            scene: RefCell::new(dom::attr(&inst, "data-scene")),
            ids: words(&inst, "data-ids"),
            stage_ids: words(&inst, "data-stage-ids"),
            inst: inst.clone(),
            model,
            stages,
            off: Cell::new(Switches::default()),
            on_change: RefCell::new(Vec::new()),
        }));
        let d = dg.clone();
        scope.listen(&inst, "change", move |ev: web_sys::Event| {
            let Some(input) =
                dom::target_el(&ev).and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(f) = d.index(&dom::attr(&input, "data-factor")) {
                d.toggle(f);
            }
        });
        let d = dg.clone();
        scope.listen(&inst, "click", move |ev: web_sys::Event| {
            if dom::closest(&ev, ".reset").is_some() {
                d.set_off(Switches::default());
            }
        });
        dg
    }

    /// Tells `f` of every change of scene or switches.
    pub fn on_change(&self, f: impl Fn() + 'static) {
        self.0.on_change.borrow_mut().push(Box::new(f));
    }

    fn changed(&self) {
        self.draw();
        for f in self.0.on_change.borrow().iter() {
            f();
        }
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.0.ids.iter().position(|x| x == id)
    }

    pub fn scene(&self) -> String {
        self.0.scene.borrow().clone()
    }

    /// Shows scene `id` (a stage id on the widget's page, a step id in the essay).
    pub fn set_scene(&self, id: &str) {
        if *self.0.scene.borrow() == id {
            return;
        }
        *self.0.scene.borrow_mut() = id.to_string();
        dom::set_attr(&self.0.inst, "data-scene", Some(id));
        self.changed();
    }

    /// The stage of the scene on show.
    pub fn stage(&self) -> usize {
        let scene = self.0.scene.borrow();
        self.0
            .stages
            .iter()
            .find(|(id, _)| *id == *scene)
            .map_or(0, |(_, st)| *st)
    }

    pub fn stage_ids(&self) -> &[String] {
        &self.0.stage_ids
    }

    pub fn off(&self) -> Switches {
        self.0.off.get()
    }

    pub fn set_off(&self, off: Switches) {
        if self.0.off.replace(off) != off {
            self.changed();
        }
    }

    pub fn toggle(&self, f: usize) {
        self.set_off(self.off().toggled(f));
    }

    /// The factors switched off, as ids (for the address).
    pub fn off_ids(&self) -> Vec<String> {
        let off = self.off();
        self.0
            .ids
            .iter()
            .enumerate()
            .filter(|(i, _)| off.is_off(*i))
            .map(|(_, id)| id.clone())
            .collect()
    }

    /// Switches off the factors named (from the address); unknown ids are returned.
    pub fn set_off_ids(&self, ids: &[String]) -> Vec<String> {
        let mut s = Switches::default();
        let mut unknown = Vec::new();
        for id in ids {
            match self.index(id) {
                Some(i) => s = Switches(s.0 | (1 << i)),
                None => unknown.push(id.clone()),
            }
        }
        self.set_off(s);
        unknown
    }

    /// The verdict in words for the scene on show and the switches.
    pub fn verdict(&self) -> String {
        let toward = dom::attr(&self.0.inst, "data-toward");
        let (a, b) = toward.split_once('|').unwrap_or(("", ""));
        verdict_words(self.0.model.balance(self.stage(), self.off()), [a, b])
    }

    fn draw(&self) {
        let inst = &self.0.inst;
        let off = self.off();
        let stage = self.stage();
        for (i, id) in self.0.ids.iter().enumerate() {
            for el in dom::find_all(Some(inst), &[".f-", id].concat()) {
                dom::toggle_class(&el, "is-off", off.is_off(i));
            }
            let input = dom::find(Some(inst), &["input[data-factor=\"", id, "\"]"].concat())
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
            if let Some(input) = input {
                input.set_checked(!off.is_off(i));
            }
        }
        let m = &self.0.model;
        let switched = (0..m.factor_count()).any(|f| off.is_off(f) && m.entered(f, stage));
        dom::toggle_class(inst, "is-whatif", switched);
        if let Some(reset) = dom::find(Some(inst), ".reset") {
            dom::set_attr(&reset, "disabled", (!off.any()).then_some(""));
        }
        let slot = dom::find(Some(inst), ".whatif-verdict");
        if !switched {
            dom::set_var(inst, "--n-whatif", None);
            if let Some(v) = slot {
                v.set_text_content(None);
            }
            return;
        }
        let bal = m.balance(stage, off);
        dom::set_var(
            inst,
            "--n-whatif",
            Some(&decimal::format(needle(m, bal), 4)),
        );
        let toward = dom::attr(inst, "data-toward");
        let names = dom::attr(inst, "data-names");
        let (ta, tb) = toward.split_once('|').unwrap_or(("", ""));
        let (na, nb) = names.split_once('|').unwrap_or(("", ""));
        let names_off: Vec<String> = self
            .0
            .ids
            .iter()
            .enumerate()
            .filter(|(i, _)| off.is_off(*i))
            .filter_map(|(_, id)| {
                dom::find(Some(inst), &[".row.f-", id, " .row-label"].concat())
                    .and_then(|l| l.text_content())
            })
            .collect();
        let Some(v) = slot else { return };
        // Text only: the labels are the page's own, and nothing is parsed as markup.
        v.set_text_content(None);
        let doc = dom::document();
        if let (Ok(b), Ok(small)) = (doc.create_element("b"), doc.create_element("small")) {
            let w = verdict_words(bal, [ta, tb]);
            let mut c = w.chars();
            let lower = c
                .next()
                .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                .unwrap_or_default();
            b.set_text_content(Some(
                &["Without ", &names_off.join(", "), ": ", &lower].concat(),
            ));
            small.set_text_content(Some(
                &[&sums(bal, [na, nb]), " (thought experiment)"].concat(),
            ));
            let _ = v.append_child(&b);
            let _ = v.append_child(&small);
        }
    }
}

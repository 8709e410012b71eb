//! The live decision diagram: the drawing is in the page; this shows its scenes and makes its
//! what-if switches work. Switching a factor off strikes its row through, outlines its segment,
//! moves the needle (its old place stays as a hollow ghost) and states the new verdict. The
//! arithmetic is `explainer_model::diagram`, fed with the numbers the page carries
//! (`contract::DiagramData`); the words are the page's.

use crate::dom::{self, Scope};
use crate::scene::Player;
use crate::watchers::Watchers;
use explainer_model::contract::DiagramData;
use explainer_model::decimal;
use explainer_model::diagram::{needle, sums, verdict_words, Model, Switches};
use explainer_model::words::fill;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

struct Inner {
    inst: Element,
    data: DiagramData,
    model: Model,
    player: Player,
    inputs: Vec<(usize, HtmlInputElement)>,
    /// Each factor's name, as the page shows it.
    labels: Vec<String>,
    reset: Option<HtmlElement>,
    slot: Option<HtmlElement>,
    off: Cell<Switches>,
    on_change: Watchers<()>,
    _alive: dom::Alive,
}

#[derive(Clone)]
pub struct Diagram(Rc<Inner>);

impl Diagram {
    pub fn attach(scope: &Scope, inst: Element) -> Diagram {
        let data = DiagramData::read(|k| dom::attr(&inst, k));
        let model = Model::from_parts(
            data.enters.clone(),
            data.sides.clone(),
            data.strengths.iter().map(|&s| s as u32).collect(),
        );
        let index = |id: &str| data.ids.iter().position(|x| x == id);
        let inputs = dom::find_all(Some(&inst), "input[data-factor]")
            .into_iter()
            .filter_map(|i| {
                let f = index(&dom::attr(&i, "data-factor"))?;
                Some((f, i.dyn_into::<HtmlInputElement>().ok()?))
            })
            .collect();
        let labels = data
            .ids
            .iter()
            .map(|id| {
                dom::find(
                    Some(&inst),
                    &[".row[data-factor=\"", id, "\"] .row-label"].concat(),
                )
                .and_then(|l| l.text_content())
                .unwrap_or_default()
            })
            .collect();
        let dg = Diagram(Rc::new(Inner {
            player: Player::attach(inst.clone()),
            reset: dom::find(Some(&inst), ".reset"),
            slot: dom::find(Some(&inst), ".whatif-verdict"),
            inst: inst.clone(),
            model,
            data,
            inputs,
            labels,
            off: Cell::new(Switches::default()),
            on_change: Watchers::default(),
            _alive: dom::Alive::new(),
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
        // The listeners above hold the diagram; the scope's end lets it go.
        dg
    }

    /// Tells `f` of every change of scene or switches, for as long as `scope` lives.
    pub fn on_change(&self, scope: &Scope, f: impl Fn() + 'static) {
        self.0.on_change.add(scope, move |_| f());
    }

    fn changed(&self) {
        self.draw();
        self.0.on_change.tell(&());
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.0.data.ids.iter().position(|x| x == id)
    }

    pub fn scene(&self) -> String {
        self.0.player.scene()
    }

    /// Shows scene `id` (a stage id on the widget's page, a step id in the essay).
    pub fn set_scene(&self, id: &str) -> bool {
        if self.scene() == id {
            return true;
        }
        let ok = self.0.player.show(id);
        if ok {
            self.changed();
        }
        ok
    }

    /// The stage of the scene on show.
    pub fn stage(&self) -> usize {
        self.0.data.stage(&self.scene())
    }

    pub fn stage_ids(&self) -> &[String] {
        &self.0.data.stage_ids
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
            .data
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
                Some(i) if i < 64 => s = Switches(s.0 | (1 << i)),
                _ => unknown.push(id.clone()),
            }
        }
        self.set_off(s);
        unknown
    }

    fn toward(&self) -> [&str; 2] {
        [&self.0.data.toward[0], &self.0.data.toward[1]]
    }

    /// The verdict in words for the scene on show and the switches, as a sentence starts it.
    pub fn verdict(&self) -> String {
        let bal = self.0.model.balance(self.stage(), self.off());
        verdict_words(bal, self.toward(), &self.0.data.words.verdicts_start)
    }

    /// What the live region says of a stage (the widget's).
    pub fn live_line(&self, n: usize, total: usize) -> String {
        let w = &self.0.data.words;
        let lead = if self.off().any() {
            w.lead.as_str()
        } else {
            ""
        };
        fill(
            &w.stage_live,
            &[
                ("n", &n.to_string()),
                ("total", &total.to_string()),
                ("lead", lead),
                ("verdict", &self.verdict()),
            ],
        )
    }

    /// "Thought experiment: …" for the essay's live region.
    pub fn thought(&self) -> String {
        [self.0.data.words.lead.as_str(), &self.verdict()].concat()
    }

    fn draw(&self) {
        let inst = &self.0.inst;
        let off = self.off();
        let stage = self.stage();
        for f in 0..self.0.data.ids.len() {
            for el in self
                .0
                .player
                .item(self.0.data.items.get(f).copied().unwrap_or(f))
            {
                dom::toggle_class(el, "is-off", off.is_off(f));
            }
        }
        for (f, input) in &self.0.inputs {
            input.set_checked(!off.is_off(*f));
        }
        let m = &self.0.model;
        let switched = (0..m.factor_count()).any(|f| off.is_off(f) && m.entered(f, stage));
        dom::toggle_class(inst, "is-whatif", switched);
        if let Some(reset) = &self.0.reset {
            dom::set_attr(reset, "disabled", (!off.any()).then_some(""));
        }
        let Some(v) = &self.0.slot else { return };
        if !switched {
            dom::set_var(inst, "--n-whatif", None);
            v.set_text_content(None);
            return;
        }
        let bal = m.balance(stage, off);
        dom::set_var(
            inst,
            "--n-whatif",
            Some(&decimal::format(needle(m, bal), 4)),
        );
        let w = &self.0.data.words;
        let names_off: Vec<&str> = (0..self.0.labels.len())
            .filter(|&i| off.is_off(i))
            .map(|i| self.0.labels[i].as_str())
            .collect();
        // Text only: the labels are the page's own, and nothing is parsed as markup.
        v.set_text_content(None);
        let doc = dom::document();
        if let (Ok(b), Ok(small)) = (doc.create_element("b"), doc.create_element("small")) {
            let verdict = verdict_words(bal, self.toward(), &w.verdicts);
            b.set_text_content(Some(&fill(
                &w.without,
                &[("factors", &names_off.join(&w.sep)), ("verdict", &verdict)],
            )));
            let names = [self.0.data.names[0].as_str(), &self.0.data.names[1]];
            small.set_text_content(Some(
                &[sums(bal, names, &w.sums).as_str(), " ", &w.thought].concat(),
            ));
            let _ = v.append_child(&b);
            let _ = v.append_child(&small);
        }
    }
}

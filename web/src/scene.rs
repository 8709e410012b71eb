//! The scene player every instrument uses: it shows a scene by applying what the page carries
//! for it (`contract::Scenes`): custom properties on the instrument, classes on the instrument
//! and on its items, and the scene's own elements (`[data-for]`), bringing in a scene's layers
//! from their `<template>` the first time it is shown. It touches only what changes between
//! the scene on show and the next, and reads nothing back from the layout.

use crate::dom;
use explainer_model::contract::{self, Scene, Scenes};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

struct Inner {
    inst: Element,
    scenes: Scenes,
    /// The items, by index: each may be more than one element (a factor's row and its bar).
    items: Vec<Vec<Element>>,
    /// Each scene's own elements in the page, by scene id.
    parts: RefCell<Vec<(String, Vec<Element>)>>,
    /// The scenes still waiting in a template.
    waiting: RefCell<Vec<(String, Element)>>,
    current: RefCell<String>,
}

/// An instrument's scenes, made live.
#[derive(Clone)]
pub struct Player(Rc<Inner>);

/// Applies `data-s` declarations (`--a:1;width:3px`) through the CSSOM, which a strict Content
/// Security Policy allows (a `style` attribute in the markup it would refuse).
pub fn apply_styles(root: &Element) {
    let mut els = dom::find_all(Some(root), "[data-s]");
    if let Some(h) = root.dyn_ref::<HtmlElement>() {
        if root.has_attribute("data-s") {
            els.push(h.clone());
        }
    }
    for el in els {
        let decls = dom::attr(&el, "data-s");
        for d in decls.split(';') {
            if let Some((k, v)) = d.split_once(':') {
                let _ = el.style().set_property(k.trim(), v.trim());
            }
        }
    }
}

impl Player {
    /// The scenes of `inst`, as its markup carries them, with the scene the page drew on show.
    pub fn attach(inst: Element) -> Player {
        let scenes = Scenes::read(&dom::attr(&inst, contract::A_SCENES));
        let mut items: Vec<Vec<Element>> = Vec::new();
        for el in dom::find_all(Some(&inst), &format!("[{}]", contract::A_ITEM)) {
            let Ok(k) = dom::attr(&el, contract::A_ITEM).parse::<usize>() else {
                continue;
            };
            if k > 4096 {
                continue;
            }
            if items.len() <= k {
                items.resize_with(k + 1, Vec::new);
            }
            items[k].push(el.into());
        }
        let mut parts: Vec<(String, Vec<Element>)> = Vec::new();
        for el in dom::find_all(Some(&inst), &format!("[{}]", contract::A_FOR)) {
            if el.tag_name().eq_ignore_ascii_case("template") {
                continue;
            }
            add_part(&mut parts, dom::attr(&el, contract::A_FOR), el.into());
        }
        let waiting = dom::find_all(Some(&inst), contract::TEMPLATE_FOR)
            .into_iter()
            .map(|t| (dom::attr(&t, contract::A_FOR), t.into()))
            .collect();
        Player(Rc::new(Inner {
            current: RefCell::new(dom::attr(&inst, contract::A_SCENE)),
            inst,
            scenes,
            items,
            parts: RefCell::new(parts),
            waiting: RefCell::new(waiting),
        }))
    }

    pub fn scenes(&self) -> &Scenes {
        &self.0.scenes
    }

    pub fn scene(&self) -> String {
        self.0.current.borrow().clone()
    }

    pub fn has(&self, id: &str) -> bool {
        self.0.scenes.get(id).is_some()
    }

    /// An item's elements (a factor's row and bar).
    pub fn item(&self, k: usize) -> &[Element] {
        self.0.items.get(k).map_or(&[], Vec::as_slice)
    }

    /// Shows scene `id`; false (and nothing changes) when the instrument has no such scene.
    pub fn show(&self, id: &str) -> bool {
        let Some(next) = self.0.scenes.get(id) else {
            return false;
        };
        let was = self.scene();
        if was == id {
            return true;
        }
        let empty = Scene::default();
        let prev = self.0.scenes.get(&was).unwrap_or(&empty);
        let inst = &self.0.inst;
        // Properties: the next scene's, and none of the last one's that it lacks.
        if let Some(el) = inst.dyn_ref::<HtmlElement>() {
            let style = el.style();
            for (k, v) in &next.vars {
                let _ = style.set_property(k, v);
            }
            for (k, _) in &prev.vars {
                if !next.vars.iter().any(|(n, _)| n == k) {
                    let _ = style.remove_property(k);
                }
            }
        }
        for c in &prev.root {
            if !next.root.contains(c) {
                dom::toggle_class(inst, c, false);
            }
        }
        for c in &next.root {
            dom::toggle_class(inst, c, true);
        }
        // Item classes: only where they differ.
        let classes: Vec<&str> = prev
            .items
            .iter()
            .chain(&next.items)
            .map(|(c, _)| c.as_str())
            .collect();
        for (i, els) in self.0.items.iter().enumerate() {
            for c in &classes {
                let (a, b) = (prev.item_has(c, i), next.item_has(c, i));
                if a != b {
                    for el in els {
                        dom::toggle_class(el, c, b);
                    }
                }
            }
        }
        self.bring_in(id);
        for (sid, els) in self.0.parts.borrow().iter() {
            if *sid == was || sid == id {
                for el in els {
                    dom::toggle_class(el, contract::ON, sid == id);
                }
            }
        }
        *self.0.current.borrow_mut() = id.to_string();
        dom::set_attr(inst, contract::A_SCENE, Some(id));
        true
    }

    /// A scene's elements, brought out of their templates the first time it is shown (a scene
    /// may have one in each place it draws in: its labels, its verdict, its kicker).
    fn bring_in(&self, id: &str) {
        let found: Vec<Element> = {
            let mut w = self.0.waiting.borrow_mut();
            let (mine, rest): (Vec<_>, Vec<_>) = w.drain(..).partition(|(s, _)| s == id);
            *w = rest;
            mine.into_iter().map(|(_, t)| t).collect()
        };
        for template in found {
            self.stamp(id, &template);
        }
    }

    fn stamp(&self, id: &str, template: &Element) {
        let Some(t) = template.dyn_ref::<web_sys::HtmlTemplateElement>() else {
            return;
        };
        let Ok(copy) = t.content().clone_node_with_deep(true) else {
            return;
        };
        let Some(parent) = template.parent_node() else {
            return;
        };
        // The elements go where the template was, in their place in the drawing.
        let mut brought: Vec<Element> = Vec::new();
        if let Some(frag) = copy.dyn_ref::<web_sys::DocumentFragment>() {
            let kids = frag.children();
            for i in 0..kids.length() {
                if let Some(el) = kids.item(i) {
                    brought.push(el);
                }
            }
        }
        let _ = parent.insert_before(&copy, Some(template));
        template.remove();
        let mut parts = self.0.parts.borrow_mut();
        for el in brought {
            apply_styles(&el);
            if el.has_attribute(contract::A_FOR) {
                add_part(&mut parts, id.to_string(), el.clone());
            }
            for inner in dom::find_all(Some(&el), &format!("[{}]", contract::A_FOR)) {
                add_part(&mut parts, id.to_string(), inner.into());
            }
        }
    }
}

fn add_part(parts: &mut Vec<(String, Vec<Element>)>, id: String, el: Element) {
    match parts.iter_mut().find(|(s, _)| *s == id) {
        Some((_, v)) => v.push(el),
        None => parts.push((id, vec![el])),
    }
}

//! The live timeline: the drawing is in the page; this lets a reader move between the events on
//! show with the keyboard (one tab stop, arrows between marks), open an event's card (the
//! chronology's own entry, so the words ship once) and close it again.

use crate::dom;
use leptos::prelude::*;
use web_sys::{Element, HtmlElement};

/// One mark as the page has it.
struct Mark {
    li: HtmlElement,
    button: HtmlElement,
    id: String,
    t: f64,
}

#[derive(Clone, Copy)]
pub struct Timeline {
    inst: StoredValue<Element, LocalStorage>,
    marks: StoredValue<Vec<Mark>, LocalStorage>,
    /// The mark that holds the tab stop.
    focus: RwSignal<usize>,
    /// The event whose card is open.
    pub selected: RwSignal<Option<usize>>,
}

/// A mark's place on the axis, from its inline `--t`.
fn t_of(li: &Element) -> f64 {
    dom::attr(li, "style")
        .split(';')
        .find_map(|d| d.trim().strip_prefix("--t:"))
        .and_then(explainer_model::decimal::parse)
        .unwrap_or(-1.0)
}

impl Timeline {
    /// Makes the timeline drawing `inst` live; `card` is where an event's details open.
    pub fn attach(inst: Element, card: Option<HtmlElement>) -> Timeline {
        let marks: Vec<Mark> = dom::find_all(Some(&inst), ".ev")
            .into_iter()
            .filter_map(|li| {
                let button = dom::find(Some(&li), ".mk")?;
                Some(Mark {
                    id: dom::attr(&li, "data-id"),
                    t: t_of(&li),
                    li,
                    button,
                })
            })
            .collect();
        let tl = Timeline {
            inst: StoredValue::new_local(inst.clone()),
            marks: StoredValue::new_local(marks),
            focus: RwSignal::new(0),
            selected: RwSignal::new(None),
        };
        tl.refresh();
        // The tab stop and the open card, written to the page.
        let was_focus = StoredValue::new(None::<usize>);
        dom::effect(move || {
            let f = tl.focus.get();
            tl.marks.with_value(|m| {
                if let Some(p) = was_focus.get_value().and_then(|p| m.get(p)) {
                    dom::set_attr(&p.button, "tabindex", Some("-1"));
                }
                if let Some(now) = m.get(f) {
                    dom::set_attr(&now.button, "tabindex", Some("0"));
                }
            });
            was_focus.set_value(Some(f));
        });
        let card_el = StoredValue::new_local(card);
        let was_selected = StoredValue::new(None::<usize>);
        dom::effect(move || {
            let sel = tl.selected.get();
            tl.marks.with_value(|m| {
                if let Some(p) = was_selected.get_value().and_then(|p| m.get(p)) {
                    dom::set_attr(&p.button, "aria-expanded", Some("false"));
                }
                if let Some(now) = sel.and_then(|s| m.get(s)) {
                    dom::set_attr(&now.button, "aria-expanded", Some("true"));
                }
            });
            card_el.with_value(|card| {
                if let Some(card) = card {
                    show_card(
                        card,
                        sel.and_then(|s| tl.marks.with_value(|m| m.get(s).map(|x| x.id.clone()))),
                    );
                }
            });
            was_selected.set_value(sel);
        });
        // Clicks and keys, delegated to the list of marks.
        let Some(list) = dom::find(Some(&inst), ".evs") else {
            return tl;
        };
        dom::listen(&list, "click", move |ev: web_sys::MouseEvent| {
            let Some(i) = tl.index_of_event(&ev) else {
                return;
            };
            tl.focus.set(i);
            tl.selected
                .update(|s| *s = if *s == Some(i) { None } else { Some(i) });
        });
        dom::listen(&list, "focusin", move |ev: web_sys::FocusEvent| {
            if let Some(i) = tl.index_of_event(&ev) {
                if tl.focus.get_untracked() != i {
                    tl.focus.set(i);
                }
            }
        });
        dom::listen(&list, "keydown", move |ev: web_sys::KeyboardEvent| {
            tl.on_key(&ev)
        });
        if let Some(card) = card_el.with_value(|c| c.clone()) {
            dom::listen(&card, "click", move |ev: web_sys::MouseEvent| {
                let close = dom::target_el(&ev)
                    .and_then(|t| t.closest(".close").ok().flatten())
                    .is_some();
                if close {
                    tl.close_and_return();
                }
            });
            dom::listen(&card, "keydown", move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    tl.close_and_return();
                }
            });
        }
        tl
    }

    fn index_of_event(self, ev: &web_sys::Event) -> Option<usize> {
        let li = dom::target_el(ev)?.closest(".ev").ok().flatten()?;
        self.marks
            .with_value(|m| m.iter().position(|x| x.li.is_same_node(Some(&li))))
    }

    /// The window on show, from the scene's rules.
    fn window(self) -> (f64, f64) {
        self.inst.with_value(|inst| {
            (
                dom::css_number(inst, "--t0").unwrap_or(0.0),
                dom::css_number(inst, "--t1").unwrap_or(1.0),
            )
        })
    }

    fn in_view(self, i: usize) -> bool {
        let (a, b) = self.window();
        self.marks
            .with_value(|m| m.get(i).is_some_and(|x| x.t >= a - 1e-6 && x.t <= b + 1e-6))
    }

    /// After the scene changes: keep the tab stop on a mark that is on show, and close a card
    /// whose event has left the picture.
    pub fn refresh(self) {
        let n = self.marks.with_value(|m| m.len());
        if n == 0 {
            return;
        }
        let f = self.focus.get_untracked();
        if !self.in_view(f) {
            if let Some(i) = (0..n)
                .filter(|&i| self.in_view(i))
                .min_by_key(|&i| i.abs_diff(f))
            {
                self.focus.set(i);
            }
        }
        if self
            .selected
            .get_untracked()
            .is_some_and(|s| !self.in_view(s))
        {
            self.selected.set(None);
        }
    }

    /// Opens the card of the event with this id (from the address), if the timeline has it.
    pub fn select_id(self, id: &str) -> bool {
        let found = self.marks.with_value(|m| m.iter().position(|x| x.id == id));
        if let Some(i) = found {
            self.focus.set(i);
            self.selected.set(Some(i));
        }
        found.is_some()
    }

    pub fn selected_id(self) -> Option<String> {
        self.selected
            .get()
            .and_then(|s| self.marks.with_value(|m| m.get(s).map(|x| x.id.clone())))
    }

    /// Where an event sits on the axis (for choosing a view that shows it).
    pub fn t_of_id(self, id: &str) -> Option<f64> {
        self.marks
            .with_value(|m| m.iter().find(|x| x.id == id).map(|x| x.t))
    }

    fn close_and_return(self) {
        if let Some(i) = self.selected.get_untracked() {
            self.selected.set(None);
            self.marks.with_value(|m| {
                if let Some(x) = m.get(i) {
                    dom::focus(&x.button);
                }
            });
        }
    }

    /// Arrows move between the events on show; Home and End go to the ends; Escape closes.
    fn on_key(self, ev: &web_sys::KeyboardEvent) {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let n = self.marks.with_value(|m| m.len());
        let from = self.focus.get_untracked();
        let step = |dir: isize| -> Option<usize> {
            let mut i = from as isize;
            loop {
                i += dir;
                if i < 0 || i >= n as isize {
                    return None;
                }
                if self.in_view(i as usize) {
                    return Some(i as usize);
                }
            }
        };
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => step(1),
            "ArrowLeft" | "ArrowUp" => step(-1),
            "Home" => (0..n).find(|&i| self.in_view(i)),
            "End" => (0..n).rev().find(|&i| self.in_view(i)),
            "Escape" => {
                if self.selected.get_untracked().is_some() {
                    ev.prevent_default();
                    ev.stop_propagation();
                    self.selected.set(None);
                }
                return;
            }
            _ => return,
        };
        // Handled here even at the ends, so the page and the essay's stepper don't also move.
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(to) = to {
            self.focus.set(to);
            self.marks.with_value(|m| {
                if let Some(x) = m.get(to) {
                    dom::focus(&x.button);
                }
            });
            if self.selected.get_untracked().is_some() {
                self.selected.set(Some(to));
            }
        }
    }
}

/// Fills the card with the chronology's entry for `id` (or hides it).
fn show_card(card: &HtmlElement, id: Option<String>) {
    let entry = id
        .as_deref()
        .and_then(|id| dom::by_id(&format!("event-{id}")));
    match entry {
        Some(li) => {
            card.set_inner_html(&format!(
                r#"<button type="button" class="chip close" aria-label="Close the details">×</button><article class="ev-card-body">{}</article>"#,
                li.inner_html()
            ));
            dom::set_attr(card, "hidden", None);
        }
        None => {
            dom::set_attr(card, "hidden", Some(""));
            card.set_inner_html("");
        }
    }
}

//! The live timeline: the drawing is in the page; this shows its scenes (the scene player), and
//! lets a reader move between the events on show with the keyboard (one tab stop, arrows between
//! marks), open an event's card (the chronology's own entry, so the words ship once) and close
//! it again.

use crate::dom::{self, Scope};
use crate::scene::Player;
use crate::watchers::Watchers;
use explainer_model::contract::{self, TimelineData};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::{Element, HtmlElement};

/// One mark as the page has it: its button.
struct Mark {
    button: HtmlElement,
    id: String,
    t: f64,
}

struct Inner {
    marks: Vec<Mark>,
    data: TimelineData,
    player: Player,
    card: Option<HtmlElement>,
    /// The mark that holds the tab stop.
    focus: Cell<usize>,
    /// The event whose card is open.
    selected: Cell<Option<usize>>,
    /// Told of every change of the open event (the address, the embedding page).
    on_select: Watchers<Option<String>>,
    _alive: dom::Alive,
}

#[derive(Clone)]
pub struct Timeline(Rc<Inner>);

impl Timeline {
    /// Makes the timeline drawing `inst` live; `card` is where an event's details open.
    pub fn attach(scope: &Scope, inst: Element, card: Option<HtmlElement>) -> Timeline {
        let data = TimelineData::read(|k| dom::attr(&inst, k));
        let marks: Vec<Mark> = dom::find_all(Some(&inst), contract::MARK)
            .into_iter()
            .enumerate()
            .map(|(i, button)| Mark {
                id: dom::attr(&button, contract::A_ID),
                t: data.ts.get(i).copied().unwrap_or(-1.0),
                button,
            })
            .collect();
        let tl = Timeline(Rc::new(Inner {
            player: Player::attach(inst.clone()),
            marks,
            data,
            card: card.clone(),
            focus: Cell::new(usize::MAX),
            selected: Cell::new(None),
            on_select: Watchers::default(),
            _alive: dom::Alive::new(),
        }));
        tl.refresh();
        // Clicks and keys, delegated to the list of marks, which the page hides from assistive
        // technology until now.
        if let Some(list) = dom::find(Some(&inst), ".evs") {
            dom::set_attr(&list, "aria-hidden", None);
            let t = tl.clone();
            scope.listen(&list, "click", move |ev: web_sys::Event| {
                if let Some(i) = t.index_of(&ev) {
                    t.set_focus(i);
                    t.select((t.0.selected.get() != Some(i)).then_some(i));
                }
            });
            let t = tl.clone();
            scope.listen(&list, "focusin", move |ev: web_sys::Event| {
                if let Some(i) = t.index_of(&ev) {
                    t.set_focus(i);
                }
            });
            let t = tl.clone();
            scope.listen(&list, "keydown", move |ev: web_sys::KeyboardEvent| {
                t.on_key(&ev)
            });
        }
        if let Some(card) = card {
            let t = tl.clone();
            scope.listen(&card, "click", move |ev: web_sys::Event| {
                if dom::closest(&ev, ".close").is_some() {
                    t.close_and_return();
                }
            });
            let t = tl.clone();
            scope.listen(&card, "keydown", move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    t.close_and_return();
                }
            });
        }
        tl
    }

    /// Tells `f` of every change of the open event, for as long as `scope` lives.
    pub fn on_select(&self, scope: &Scope, f: impl Fn(&Option<String>) + 'static) {
        self.0.on_select.add(scope, f);
    }

    /// Shows scene `id` (false: the timeline has no such scene), keeping the tab stop and the
    /// card on events on show.
    pub fn show(&self, id: &str) -> bool {
        let ok = self.0.player.show(id);
        self.refresh();
        ok
    }

    pub fn scene(&self) -> String {
        self.0.player.scene()
    }

    /// The scenes' windows: (scene id, start, end) on the axis.
    pub fn windows(&self) -> Vec<(String, f64, f64)> {
        self.0
            .data
            .scenes
            .ids()
            .map(|id| {
                let (a, b) = self.0.data.window(id);
                (id.to_string(), a, b)
            })
            .collect()
    }

    fn index_of(&self, ev: &web_sys::Event) -> Option<usize> {
        let b = dom::closest(ev, contract::MARK)?;
        self.0
            .marks
            .iter()
            .position(|x| x.button.is_same_node(Some(&b)))
    }

    fn set_focus(&self, i: usize) {
        let was = self.0.focus.replace(i);
        if was == i {
            return;
        }
        if let Some(p) = self.0.marks.get(was) {
            dom::set_attr(&p.button, "tabindex", Some("-1"));
        }
        if let Some(now) = self.0.marks.get(i) {
            dom::set_attr(&now.button, "tabindex", Some("0"));
        }
    }

    /// Opens the card of mark `i` (None closes it), and says so.
    pub fn select(&self, i: Option<usize>) {
        let was = self.0.selected.replace(i);
        if let Some(p) = was.and_then(|p| self.0.marks.get(p)) {
            dom::set_attr(&p.button, "aria-expanded", Some("false"));
        }
        let id = i.and_then(|s| self.0.marks.get(s)).map(|m| {
            dom::set_attr(&m.button, "aria-expanded", Some("true"));
            m.id.clone()
        });
        if let Some(card) = &self.0.card {
            show_card(card, id.as_deref());
        }
        if was != i {
            self.0.on_select.tell(&id);
        }
    }

    /// The window on show: the scene's, as the page carries it.
    fn window(&self) -> (f64, f64) {
        self.0.data.window(&self.0.player.scene())
    }

    fn in_view(&self, i: usize, (a, b): (f64, f64)) -> bool {
        self.0
            .marks
            .get(i)
            .is_some_and(|x| x.t >= a - 1e-6 && x.t <= b + 1e-6)
    }

    /// After the scene changes: keep the tab stop on a mark that is on show, and close a card
    /// whose event has left the picture.
    pub fn refresh(&self) {
        let n = self.0.marks.len();
        let w = self.window();
        let f = self.0.focus.get();
        if f >= n || !self.in_view(f, w) {
            // The mark nearest the one that had it, or the first on show to begin with.
            let near = (0..n).filter(|&i| self.in_view(i, w)).min_by_key(|&i| {
                if f < n {
                    i.abs_diff(f)
                } else {
                    i
                }
            });
            if let Some(i) = near {
                self.set_focus(i);
            }
        }
        if self.0.selected.get().is_some_and(|s| !self.in_view(s, w)) {
            self.select(None);
        }
    }

    /// Opens the card of the event with this id (from the address), if the timeline has it.
    pub fn select_id(&self, id: &str) -> bool {
        let found = self.0.marks.iter().position(|x| x.id == id);
        if let Some(i) = found {
            self.set_focus(i);
            self.select(Some(i));
        }
        found.is_some()
    }

    pub fn selected_id(&self) -> Option<String> {
        self.0
            .selected
            .get()
            .and_then(|s| self.0.marks.get(s).map(|x| x.id.clone()))
    }

    /// Where an event sits on the axis (for choosing a view that shows it).
    pub fn t_of_id(&self, id: &str) -> Option<f64> {
        self.0.marks.iter().find(|x| x.id == id).map(|x| x.t)
    }

    fn close_and_return(&self) {
        if let Some(i) = self.0.selected.get() {
            self.select(None);
            if let Some(x) = self.0.marks.get(i) {
                dom::focus(&x.button);
            }
        }
    }

    /// Arrows move between the events on show; Home and End go to the ends; Escape closes.
    fn on_key(&self, ev: &web_sys::KeyboardEvent) {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let n = self.0.marks.len();
        let w = self.window();
        let from = self.0.focus.get().min(n);
        let step = |dir: isize| -> Option<usize> {
            let mut i = from as isize;
            loop {
                i += dir;
                if i < 0 || i >= n as isize {
                    return None;
                }
                if self.in_view(i as usize, w) {
                    return Some(i as usize);
                }
            }
        };
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => step(1),
            "ArrowLeft" | "ArrowUp" => step(-1),
            "Home" => (0..n).find(|&i| self.in_view(i, w)),
            "End" => (0..n).rev().find(|&i| self.in_view(i, w)),
            "Escape" => {
                if self.0.selected.get().is_some() {
                    ev.prevent_default();
                    ev.stop_propagation();
                    self.select(None);
                }
                return;
            }
            _ => return,
        };
        // Handled here even at the ends, so the page and the essay's stepper don't also move.
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(to) = to {
            self.set_focus(to);
            if let Some(x) = self.0.marks.get(to) {
                dom::focus(&x.button);
            }
            if self.0.selected.get().is_some() {
                self.select(Some(to));
            }
        }
    }
}

/// Fills the card with the chronology's entry for `id` (or hides it).
fn show_card(card: &HtmlElement, id: Option<&str>) {
    let entry = id.and_then(|id| dom::by_id(&["event-", id].concat()));
    match entry {
        Some(li) => {
            // The close button's name is the page's: the card carries it.
            let label = dom::attr(card, "data-close");
            card.set_inner_html(
                &[
                    r#"<button type="button" class="chip close" aria-label=""#,
                    &label.replace('"', "&quot;"),
                    r#"">×</button><article class="ev-card-body">"#,
                    &li.inner_html(),
                    "</article>",
                ]
                .concat(),
            );
            dom::set_attr(card, "hidden", None);
        }
        None => {
            dom::set_attr(card, "hidden", Some(""));
            card.set_inner_html("");
        }
    }
}

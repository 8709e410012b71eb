//! The few browser facilities the pages use, in one place, each failing soft: in a sandboxed
//! iframe or an old engine a missing API means a feature is skipped, never a panic.
//!
//! Lifecycles: everything a part of the page registers with the browser (event listeners,
//! animation frames, timers, observers) is registered through a [`Scope`], and disposing the
//! scope releases all of it. That is the one mechanism: no component keeps a handle of its own,
//! so none can outlive the part of the page it belongs to. (The essay ties its scopes to Leptos
//! owners; a widget's page keeps one scope for its lifetime.)

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, EventTarget, HtmlElement, Window};

thread_local! {
    /// Listeners, frames, timers and observers alive now, shown on `<html data-live>` for tests
    /// and debugging: after a part of the page is torn down, the count must come back down.
    static LIVE: Cell<i32> = const { Cell::new(0) };
    /// Instruments and stages alive now (objects, not registrations), shown on
    /// `<html data-alive>`: an object kept alive by a cycle after its owner went keeps it up.
    static ALIVE: Cell<i32> = const { Cell::new(0) };
}

/// Held by every instrument and stage while it lives: counts it on `<html data-alive>`.
pub struct Alive(());

impl Alive {
    pub fn new() -> Alive {
        alive(1);
        Alive(())
    }
}

impl Default for Alive {
    fn default() -> Alive {
        Alive::new()
    }
}

impl Drop for Alive {
    fn drop(&mut self) {
        alive(-1);
    }
}

fn alive(delta: i32) {
    let n = ALIVE.with(|l| {
        l.set(l.get() + delta);
        l.get()
    });
    if let Some(root) = root() {
        let _ = root.set_attribute("data-alive", &n.to_string());
    }
}

fn count(delta: i32) {
    let n = LIVE.with(|l| {
        l.set(l.get() + delta);
        l.get()
    });
    if let Some(root) = root() {
        let _ = root.set_attribute("data-live", &n.to_string());
    }
}

pub fn window() -> Window {
    web_sys::window().expect("scripts in a page always have a window")
}

pub fn document() -> Document {
    window().document().expect("a page always has a document")
}

/// What one part of the page registered with the browser, released together by [`Scope::dispose`].
#[derive(Clone, Default)]
pub struct Scope(Rc<RefCell<Vec<Disposer>>>);

/// What releases one registration.
type Disposer = Box<dyn FnOnce()>;

impl Scope {
    pub fn new() -> Scope {
        Scope::default()
    }

    /// Runs `f` when the scope is disposed.
    pub fn on_dispose(&self, f: impl FnOnce() + 'static) {
        self.0.borrow_mut().push(Box::new(f));
    }

    /// Releases everything registered, newest first. The scope can be used again afterwards.
    pub fn dispose(&self) {
        let all = std::mem::take(&mut *self.0.borrow_mut());
        for f in all.into_iter().rev() {
            f();
        }
    }

    /// Adds an event listener for as long as the scope lives.
    pub fn listen<E: JsCast + 'static>(
        &self,
        target: &EventTarget,
        name: &'static str,
        mut f: impl FnMut(E) + 'static,
    ) {
        self.listen_boxed(
            target,
            name,
            Box::new(move |e: web_sys::Event| f(e.unchecked_into::<E>())),
        );
    }

    // One closure type for every listener: generic listeners would each be a copy in the wasm.
    fn listen_boxed(
        &self,
        target: &EventTarget,
        name: &'static str,
        f: Box<dyn FnMut(web_sys::Event)>,
    ) {
        let cb = Closure::<dyn FnMut(web_sys::Event)>::wrap(f);
        if target
            .add_event_listener_with_callback(name, cb.as_ref().unchecked_ref())
            .is_err()
        {
            return;
        }
        count(1);
        let target = target.clone();
        self.on_dispose(move || {
            let _ = target.remove_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
            count(-1);
        });
    }

    /// Work done at most once per animation frame, cancelled with the scope.
    pub fn frame(&self, f: impl FnMut() + 'static) -> Frame {
        let inner = Rc::new(FrameInner {
            booked: Cell::new(None),
            cb: RefCell::new(None),
        });
        let weak = Rc::downgrade(&inner);
        let mut f = f;
        *inner.cb.borrow_mut() = Some(Closure::new(move || {
            if let Some(i) = weak.upgrade() {
                i.booked.set(None);
                count(-1);
            }
            f();
        }));
        let mine = inner.clone();
        self.on_dispose(move || {
            if let Some(h) = mine.booked.take() {
                let _ = window().cancel_animation_frame(h);
                count(-1);
            }
            mine.cb.borrow_mut().take();
        });
        Frame(inner)
    }

    /// A timer that the next `set` replaces, cancelled with the scope.
    pub fn later(&self) -> Later {
        let later = Later(Rc::new(RefCell::new(None)));
        let mine = later.clone();
        self.on_dispose(move || mine.cancel());
        later
    }

    /// Calls `f` with whether `query` matches, whenever that changes, for as long as the scope
    /// lives (a reader who turns on reduced motion in the system while reading gets it).
    pub fn on_media(&self, query: &str, f: impl Fn(bool) + 'static) {
        let Some(list) = window().match_media(query).ok().flatten() else {
            return;
        };
        let l = list.clone();
        self.listen(&list, "change", move |_: web_sys::Event| f(l.matches()));
    }

    /// Calls `f` whenever `el`'s size changes, for as long as the scope lives.
    pub fn on_resize(&self, el: &Element, f: impl FnMut() + 'static) {
        let cb = Closure::<dyn FnMut()>::new(f);
        let Ok(ro) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) else {
            return;
        };
        ro.observe(el);
        count(1);
        self.on_dispose(move || {
            ro.disconnect();
            drop(cb);
            count(-1);
        });
    }
}

/// See [`Scope::frame`]: `request` books the next frame unless one is booked.
#[derive(Clone)]
pub struct Frame(Rc<FrameInner>);

struct FrameInner {
    booked: Cell<Option<i32>>,
    cb: RefCell<Option<Closure<dyn FnMut()>>>,
}

impl Frame {
    pub fn request(&self) {
        if self.0.booked.get().is_some() {
            return;
        }
        let cb = self.0.cb.borrow();
        let Some(cb) = cb.as_ref() else { return };
        if let Ok(h) = window().request_animation_frame(cb.as_ref().unchecked_ref()) {
            self.0.booked.set(Some(h));
            count(1);
        }
    }
}

/// See [`Scope::later`].
#[derive(Clone)]
pub struct Later(Rc<RefCell<Option<Pending>>>);

struct Pending {
    _timeout: gloo_timers::callback::Timeout,
    fired: Rc<Cell<bool>>,
}

impl Later {
    /// Runs `f` after `ms`, cancelling whatever was pending.
    pub fn set(&self, ms: u32, f: impl FnOnce() + 'static) {
        self.cancel();
        count(1);
        let fired = Rc::new(Cell::new(false));
        let flag = fired.clone();
        let timeout = gloo_timers::callback::Timeout::new(ms, move || {
            flag.set(true);
            count(-1);
            f()
        });
        *self.0.borrow_mut() = Some(Pending {
            _timeout: timeout,
            fired,
        });
    }

    /// Cancels what is pending (dropping a timeout clears it).
    pub fn cancel(&self) {
        if let Some(p) = self.0.borrow_mut().take() {
            if !p.fired.get() {
                count(-1);
            }
        }
    }
}

/// `location.search` and `location.hash`, or empty strings where they can't be read.
pub fn location() -> (String, String) {
    let loc = window().location();
    (
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    )
}

/// Replaces the address's query and fragment without a history entry; a sandboxed or
/// opaque-origin document may refuse, and the address is a convenience, so that is fine.
pub fn replace_address(search: &str, fragment: Option<&str>) {
    let (now_search, now_hash) = location();
    let mut want_hash = String::new();
    if let Some(f) = fragment {
        want_hash.push('#');
        want_hash.push_str(f);
    }
    if now_search == search && now_hash == want_hash {
        // (The address already says it, as when a page opens at it: the links follow all the same.)
        follow_languages(search, &want_hash);
        return;
    }
    let mut url = window().location().pathname().unwrap_or_default();
    url.push_str(search);
    url.push_str(&want_hash);
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    follow_languages(search, &want_hash);
}

/// Keeps the language control's links at the reader's place: the same query and fragment on
/// the same page of every edition, this one's too (the ids are the same in every edition).
pub fn follow_languages(search: &str, hash: &str) {
    for a in find_all(None, "a[data-lang-link]") {
        let base = match a.get_attribute("data-base") {
            Some(b) => b,
            None => {
                let b = attr(&a, "href");
                set_attr(&a, "data-base", Some(&b));
                b
            }
        };
        set_attr(&a, "href", Some(&[base.as_str(), search, hash].concat()));
    }
}

pub fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

pub fn viewport() -> (f64, f64) {
    let w = window();
    let num = |v: Result<JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (num(w.inner_width()), num(w.inner_height()))
}

/// How far the page is scrolled (0 where the engine cannot say).
pub fn scroll_y() -> f64 {
    window().scroll_y().unwrap_or(0.0)
}

pub fn root() -> Option<Element> {
    web_sys::window()?.document()?.document_element()
}

/// Sets or removes an attribute.
pub fn set_attr(el: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(v) => el.set_attribute(name, v),
        None => el.remove_attribute(name),
    };
}

/// `"true"` or `"false"`, for ARIA states.
pub fn bool_str(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// Sets or removes an attribute on `<html>`, where the stylesheet reads modes and themes.
pub fn set_root_attr(name: &str, value: Option<&str>) {
    if let Some(r) = root() {
        set_attr(&r, name, value);
    }
}

pub fn by_id(id: &str) -> Option<HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into().ok())
}

/// The first element under `within` (or the document) matching `selector`.
pub fn find(within: Option<&Element>, selector: &str) -> Option<HtmlElement> {
    let found = match within {
        Some(el) => el.query_selector(selector),
        None => document().query_selector(selector),
    };
    found.ok().flatten().and_then(|e| e.dyn_into().ok())
}

/// Every element under `within` (or the document) matching `selector`.
pub fn find_all(within: Option<&Element>, selector: &str) -> Vec<HtmlElement> {
    let list = match within {
        Some(el) => el.query_selector_all(selector),
        None => document().query_selector_all(selector),
    };
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

pub fn attr(el: &Element, name: &str) -> String {
    el.get_attribute(name).unwrap_or_default()
}

pub fn toggle_class(el: &Element, class: &str, on: bool) {
    let _ = el.class_list().toggle_with_force(class, on);
}

/// Focuses without scrolling: some engines scroll the host page around an embed otherwise.
pub fn focus(el: &HtmlElement) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.focus_with_options(&opts);
}

/// Sets a CSS custom property on an element (None removes it).
pub fn set_var(el: &Element, name: &str, value: Option<&str>) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = match value {
            Some(v) => el.style().set_property(name, v),
            None => el.style().remove_property(name).map(|_| ()),
        };
    }
}

/// Whether a key event should be left alone: modifiers held, or typed into a form control.
pub fn leave_key_alone(ev: &web_sys::KeyboardEvent) -> bool {
    let in_control = target_el(ev)
        .is_some_and(|el| matches!(el.tag_name().as_str(), "SELECT" | "INPUT" | "TEXTAREA"));
    ev.default_prevented() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() || in_control
}

/// The element an event happened on, if it is an element.
pub fn target_el(ev: &web_sys::Event) -> Option<Element> {
    ev.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// The nearest element at or above the event's target matching `selector`.
pub fn closest(ev: &web_sys::Event, selector: &str) -> Option<Element> {
    target_el(ev)?.closest(selector).ok().flatten()
}

/// The words the page's app may say (`contract::PageWords`), from its `<main>`.
pub fn page_words() -> explainer_model::contract::PageWords {
    let main = find(None, explainer_model::contract::MAIN);
    explainer_model::contract::PageWords::read(|k| {
        main.as_ref().map(|m| attr(m, k)).unwrap_or_default()
    })
}

/// Shows notes about an address that could not be followed where the reader will see them, in
/// the page's words.
pub fn notices(notes: &[explainer_model::route::Note], before: &Element) {
    let words = page_words();
    let notes: Vec<String> = notes.iter().map(|n| words.note(n)).collect();
    notice_texts(&notes, before)
}

fn notice_texts(notes: &[String], before: &Element) {
    if notes.is_empty() {
        return;
    }
    let doc = document();
    let Ok(box_) = doc.create_element("div") else {
        return;
    };
    box_.set_class_name("notice");
    let _ = box_.set_attribute("role", "status");
    for n in notes {
        if let Ok(p) = doc.create_element("p") {
            p.set_text_content(Some(n));
            let _ = box_.append_child(&p);
        }
    }
    if let Some(parent) = before.parent_node() {
        let _ = parent.insert_before(&box_, Some(before));
    }
}

//! The few browser facilities the app uses, in one place, each failing soft: in a sandboxed
//! iframe or an old engine a missing API means a feature is skipped, never a panic.
//!
//! Everything the app registers with the browser (event listeners, animation frames, timers)
//! goes through [`listen`], [`frame`] and [`later`], which release it when the reactive owner
//! that registered it is disposed. That is the one mechanism: no component keeps a handle of
//! its own, so none can outlive its owner.

use leptos::prelude::{document, on_cleanup, window, Owner};
use send_wrapper::SendWrapper;
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, EventTarget, HtmlElement};

thread_local! {
    /// Listeners, frames and timers alive now. Shown on `<html data-live>` for tests and
    /// debugging: after a part of the page is torn down, the count must come back down.
    static LIVE: Cell<i32> = const { Cell::new(0) };
}

fn count(delta: i32) {
    let n = LIVE.with(|l| {
        l.set(l.get() + delta);
        l.get()
    });
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-live", &n.to_string());
    }
}

/// Adds an event listener for as long as the current owner lives.
pub fn listen<E: JsCast + 'static>(
    target: &EventTarget,
    name: &'static str,
    mut f: impl FnMut(E) + 'static,
) {
    // The callback runs under the owner that registered it, so whatever it registers in turn
    // (a frame, a timer) belongs to that owner too.
    let owner = Owner::current();
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| match &owner {
        Some(o) => o.with(|| f(e.unchecked_into::<E>())),
        None => f(e.unchecked_into::<E>()),
    });
    if target
        .add_event_listener_with_callback(name, cb.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    count(1);
    let held = SendWrapper::new((target.clone(), cb));
    on_cleanup(move || {
        let (target, cb) = held.take();
        let _ = target.remove_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        count(-1);
    });
}

/// A piece of work done at most once per animation frame: `request` books the next frame unless
/// one is booked. The frame is cancelled and the work dropped when the owner is disposed.
#[derive(Clone)]
pub struct Frame(std::rc::Rc<FrameInner>);

struct FrameInner {
    booked: Cell<Option<i32>>,
    cb: std::cell::RefCell<Option<Closure<dyn FnMut()>>>,
}

impl Frame {
    pub fn new(mut f: impl FnMut() + 'static) -> Frame {
        let inner = std::rc::Rc::new(FrameInner {
            booked: Cell::new(None),
            cb: std::cell::RefCell::new(None),
        });
        let weak = std::rc::Rc::downgrade(&inner);
        let owner = Owner::current();
        *inner.cb.borrow_mut() = Some(Closure::new(move || {
            if let Some(i) = weak.upgrade() {
                i.booked.set(None);
                count(-1);
            }
            match &owner {
                Some(o) => o.with(&mut f),
                None => f(),
            }
        }));
        let held = SendWrapper::new(inner.clone());
        on_cleanup(move || {
            let inner = held.take();
            if let Some(h) = inner.booked.take() {
                let _ = window().cancel_animation_frame(h);
                count(-1);
            }
            inner.cb.borrow_mut().take();
        });
        Frame(inner)
    }

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

/// A timer that the next call replaces (and cancels), and that the owner's disposal cancels.
pub struct Later(SendWrapper<Cell<Option<Pending>>>);

struct Pending {
    _timeout: gloo_timers::callback::Timeout,
    fired: std::rc::Rc<Cell<bool>>,
}

impl Later {
    pub fn new() -> std::sync::Arc<Later> {
        let later = std::sync::Arc::new(Later(SendWrapper::new(Cell::new(None))));
        let mine = later.clone();
        on_cleanup(move || mine.cancel());
        later
    }

    /// Runs `f` after `ms`, cancelling whatever was pending.
    pub fn set(&self, ms: u32, f: impl FnOnce() + 'static) {
        self.cancel();
        count(1);
        let fired = std::rc::Rc::new(Cell::new(false));
        let flag = fired.clone();
        let owner = Owner::current();
        let timeout = gloo_timers::callback::Timeout::new(ms, move || {
            flag.set(true);
            count(-1);
            match owner {
                Some(o) => o.with(f),
                None => f(),
            }
        });
        self.0.set(Some(Pending {
            _timeout: timeout,
            fired,
        }));
    }

    /// Cancels what is pending (dropping a timeout clears it).
    pub fn cancel(&self) {
        if let Some(p) = (*self.0).take() {
            if !p.fired.get() {
                count(-1);
            }
        }
    }
}

/// Runs `f` now, and again whenever a signal it read changes, for as long as the owner lives.
/// Every effect of the app goes through here, boxed: each `Effect::new` with a closure type of
/// its own would be another copy of the effect machinery in the wasm.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f))
}

fn effect_boxed(f: Box<dyn FnMut()>) {
    // Immediate effects run in step with the change that caused them (no task is scheduled,
    // so no async executor ships), and they end with their owner.
    let f = SendWrapper::new(std::cell::RefCell::new(f));
    leptos::prelude::ImmediateEffect::new_mut_scoped(move || (f.borrow_mut())());
}

/// `location.search` and `location.hash`, or empty strings where they can't be read.
pub fn location() -> (String, String) {
    let loc = window().location();
    (
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    )
}

/// Replaces the address's fragment and query without a history entry; a sandboxed or
/// opaque-origin document may refuse, and the address is a convenience, so that is fine.
pub fn replace_address(search: &str, fragment: Option<&str>) {
    let loc = window().location();
    let (now_search, now_hash) = location();
    let want_hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    if now_search == search && now_hash == want_hash {
        return;
    }
    let url = format!(
        "{}{}{}",
        loc.pathname().unwrap_or_default(),
        search,
        want_hash
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
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

pub fn scroll_y() -> f64 {
    window().scroll_y().unwrap_or(0.0)
}

pub fn scroll_to(y: f64, smooth: bool) {
    let opts = web_sys::ScrollToOptions::new();
    opts.set_top(y);
    opts.set_behavior(if smooth {
        web_sys::ScrollBehavior::Smooth
    } else {
        web_sys::ScrollBehavior::Instant
    });
    window().scroll_to_with_scroll_to_options(&opts);
}

pub fn root() -> Option<Element> {
    document().document_element()
}

/// Sets or removes an attribute.
pub fn set_attr(el: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(v) => el.set_attribute(name, v),
        None => el.remove_attribute(name),
    };
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

/// A CSS custom property's value on an element, as a number.
pub fn css_number(el: &Element, name: &str) -> Option<f64> {
    window()
        .get_computed_style(el)
        .ok()
        .flatten()?
        .get_property_value(name)
        .ok()
        .and_then(|v| explainer_model::decimal::parse(&v))
}

/// Whether a key event should be left alone: modifiers held, or typed into a form control.
pub fn key_is_not_ours(ev: &web_sys::KeyboardEvent) -> bool {
    let in_control = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "SELECT" | "INPUT" | "TEXTAREA"));
    ev.default_prevented() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() || in_control
}

/// The element an event happened on, if it is an element.
pub fn target_el(ev: &web_sys::Event) -> Option<Element> {
    ev.target().and_then(|t| t.dyn_into::<Element>().ok())
}

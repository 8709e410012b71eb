//! Leptos owners and the page's scopes, tied together: a scope made here is disposed with the
//! owner current at the time, so every listener, frame and timer a part of the essay registers
//! goes when that part goes. The effects of the essay, in one boxed kind, and `bind_attr`: an
//! attribute that follows a signal (what `view!` would do, without its renderer).

use explainer_web::dom::{self, Scope};
use reactive_graph::effect::ImmediateEffect;
use reactive_graph::owner::on_cleanup;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use web_sys::Element;

/// A scope that the current owner disposes.
pub fn owned() -> Scope {
    let scope = Scope::new();
    let held = SendWrapper::new(scope.clone());
    on_cleanup(move || held.take().dispose());
    scope
}

/// Runs `f` now, and again whenever a signal it read changes, for as long as the owner lives.
/// Immediate effects run in step with the change that caused them (no task is scheduled, so no
/// async executor ships), and every effect is boxed: an effect per closure type would be
/// another copy of the effect machinery in the wasm.
pub fn effect(f: impl FnMut() + 'static) {
    boxed(Box::new(f))
}

fn boxed(f: Box<dyn FnMut()>) {
    let f = SendWrapper::new(RefCell::new(f));
    ImmediateEffect::new_mut_scoped(move || (f.borrow_mut())());
}

/// Keeps `name` on `el` at `value()`, written only when it changes.
pub fn bind_attr(el: &Element, name: &'static str, value: impl Fn() -> String + 'static) {
    let el = el.clone();
    effect(move || {
        let v = value();
        if el.get_attribute(name).as_deref() != Some(v.as_str()) {
            dom::set_attr(&el, name, Some(&v));
        }
    });
}

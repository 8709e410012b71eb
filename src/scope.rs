//! Leptos owners and the page's scopes, tied together: a scope made here is disposed with the
//! owner current at the time, so every listener, frame and timer a part of the essay registers
//! goes when that part goes. And the effects of the essay, in one boxed kind.

use explainer_web::dom::Scope;
use leptos::prelude::{on_cleanup, ImmediateEffect};
use send_wrapper::SendWrapper;
use std::cell::RefCell;

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

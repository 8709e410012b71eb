//! Living in someone else's page, and helping editors put us there.
//!
//! An embedded widget (`embed=1`, decided once by the route) tells its parent its height on load,
//! on every resize and on every state change, in four dialects: ours (`explainer:height`), AMP's
//! `embed-size`, Datawrapper's `datawrapper-height`, and WordPress's `height` (with the secret
//! WordPress gave the frame). It reports its state (`explainer:state`) and accepts one command,
//! `explainer:goto`, from its parent window only. Nothing received is ever evaluated: a target
//! is an id, checked like any address.
//!
//! WordPress sandboxes the frame without popups or top navigation, so a link out of the page
//! (the credit line back to the essay) cannot open by itself: in a WordPress frame such a link
//! on our own site is passed to WordPress's `link` message, which opens it in the host's window.

use crate::dom::{self, Scope};
use explainer_model::route::{Widget, Q_OFF};
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Element;

type Goto = Box<dyn Fn(&str)>;

/// The page's side of the conversation with the page that frames it.
#[derive(Clone)]
pub struct Bridge(Rc<BridgeInner>);

struct BridgeInner {
    embedded: bool,
    widget: Widget,
    secret: Option<String>,
    /// Where the parent page asks the widget to go (a fragment it was linked with).
    on_goto: RefCell<Option<Goto>>,
}

fn parent() -> Option<web_sys::Window> {
    let w = dom::window();
    let p = w.parent().ok().flatten()?;
    (!Object::is(&p, &w)).then_some(p)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn post(message: &Object) {
    if let Some(p) = parent() {
        // The parent's origin is unknown (any site may embed us), and heights and ids are public.
        let _ = p.post_message(message, "*");
    }
}

impl Bridge {
    /// Starts the embedded side when framed with `embed=1`; otherwise a bridge that does nothing.
    pub fn attach(scope: &Scope, widget: Widget, embedded: bool, secret: Option<String>) -> Bridge {
        let b = Bridge(Rc::new(BridgeInner {
            embedded: embedded && parent().is_some(),
            widget,
            secret,
            on_goto: RefCell::new(None),
        }));
        if !b.0.embedded {
            return b;
        }
        // The page's height changes with the scene, the card, the switches: watch the root.
        // (Told in the next frame, not from the observer's own callback: a host that resizes the
        // frame at once, in the same rendering update, would be a resize inside the observer's
        // delivery, which Firefox reports as a ResizeObserver loop error.)
        if let Some(root) = dom::root() {
            let me = b.clone();
            let tell = scope.frame(move || me.report_height());
            scope.on_resize(&root, move || tell.request());
        }
        b.report_height();
        // A frame sized to its content cannot scroll, so the browser would pass scrolling keys
        // on to the host page: keep them in the widget.
        scope.listen(
            &dom::window(),
            "keydown",
            move |ev: web_sys::KeyboardEvent| {
                let key = ev.key();
                let scroll_key = matches!(
                    key.as_str(),
                    "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown" | "Home" | "End" | " "
                );
                let in_field = dom::target_el(&ev).is_some_and(|e| {
                    matches!(
                        e.tag_name().as_str(),
                        "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON" | "SUMMARY"
                    )
                });
                let (_, vh) = dom::viewport();
                let fits = dom::root().is_some_and(|e| e.scroll_height() as f64 <= vh + 1.0);
                if scroll_key && fits && !(in_field && key == " ") {
                    ev.prevent_default();
                }
            },
        );
        let me = b.clone();
        scope.listen(
            &dom::window(),
            "message",
            move |ev: web_sys::MessageEvent| {
                let from_parent = ev
                    .source()
                    .zip(parent())
                    .is_some_and(|(s, p)| Object::is(&s, &p));
                if !from_parent {
                    return;
                }
                let data = ev.data();
                let field = |k: &str| {
                    Reflect::get(&data, &JsValue::from_str(k))
                        .ok()
                        .and_then(|v| v.as_string())
                };
                // WordPress's host script greets its frames; answer with the height it wants.
                if field("message").as_deref() == Some("ready")
                    && me.0.secret.is_some()
                    && field("secret") == me.0.secret
                {
                    me.report_height();
                }
                if field("type").as_deref() == Some("explainer:goto") {
                    let target = field("target").filter(|t| {
                        t.len() <= 80 && t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                    });
                    if let (Some(t), Some(f)) = (target, me.0.on_goto.borrow().as_ref()) {
                        f(&t);
                    }
                }
            },
        );
        if let Some(secret) = b.0.secret.clone() {
            scope.listen(&dom::document(), "click", move |ev: web_sys::Event| {
                if let Some(href) = dom::closest(&ev, "a[href]").and_then(|a| leaves_for(&a)) {
                    ev.prevent_default();
                    post(&object(&[
                        ("message", "link".into()),
                        ("value", href.into()),
                        ("secret", secret.as_str().into()),
                    ]));
                }
            });
        }
        b
    }

    /// Tells `f` where the parent page asks the widget to go, for as long as `scope` lives: the
    /// bridge outlives the parts of the page that follow it (the essay's stage comes and goes
    /// with plain reading), and a part that is gone must not be asked to move.
    pub fn on_goto(&self, scope: &Scope, f: impl Fn(&str) + 'static) {
        *self.0.on_goto.borrow_mut() = Some(Box::new(f));
        let me = self.clone();
        scope.on_dispose(move || {
            me.0.on_goto.borrow_mut().take();
        });
    }

    pub fn embedded(&self) -> bool {
        self.0.embedded
    }

    pub fn report_height(&self) {
        if !self.0.embedded {
            return;
        }
        let h = dom::root().map_or(0.0, |e| e.get_bounding_client_rect().height().ceil());
        let w = JsValue::from_str(self.0.widget.as_str());
        post(&object(&[
            ("type", "explainer:height".into()),
            ("widget", w),
            ("height", h.into()),
        ]));
        post(&object(&[
            ("sentinel", "amp".into()),
            ("type", "embed-size".into()),
            ("height", h.into()),
        ]));
        post(&object(&[(
            "datawrapper-height",
            object(&[(self.0.widget.as_str(), h.into())]).into(),
        )]));
        if let Some(secret) = &self.0.secret {
            post(&object(&[
                ("message", "height".into()),
                ("value", h.into()),
                ("secret", secret.as_str().into()),
            ]));
        }
    }

    /// Where the reader is, said once: `target` is a step, event, stage or line id (None: the
    /// page's start) and `off` the what-if switches. Embedded, it goes to the page around us
    /// (`explainer:state` with the fragment, `stage-inchon`); otherwise into the address (the
    /// fragment, and `?off=` beside the host's own query keys), without a history entry. Either
    /// way the language control follows.
    pub fn report(&self, target: Option<&str>, off: &[String]) {
        let spec = self.0.widget.spec();
        let fragment = target.map(|t| [spec.prefix, t].concat());
        let (search, _) = dom::location();
        let mut kept: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| {
                let k = p.split('=').next().unwrap_or("");
                !p.is_empty() && k != Q_OFF && k != spec.key
            })
            .map(String::from)
            .collect();
        if !off.is_empty() {
            kept.push([Q_OFF, "=", &off.join(",")].concat());
        }
        let search = if kept.is_empty() {
            String::new()
        } else {
            ["?", &kept.join("&")].concat()
        };
        if self.0.embedded {
            post(&object(&[
                ("type", "explainer:state".into()),
                ("widget", JsValue::from_str(self.0.widget.as_str())),
                ("target", fragment.as_deref().unwrap_or("").into()),
            ]));
            self.report_height();
            let hash = fragment.map(|f| ["#", &f].concat()).unwrap_or_default();
            dom::follow_languages(&search, &hash);
        } else {
            dom::replace_address(&search, fragment.as_deref());
        }
    }
}

/// Where a link goes, when it leaves this page for another on our own site (WordPress opens
/// only those); None for a link within the page or to another site.
fn leaves_for(a: &Element) -> Option<String> {
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).ok()?.as_string();
    let (a, here): (&JsValue, JsValue) = (a.as_ref(), dom::window().location().into());
    let (href, now) = (get(a, "href")?, get(&here, "href")?);
    let page = |u: &str| u.split('#').next().unwrap_or_default().to_owned();
    (get(a, "origin") == get(&here, "origin") && page(&href) != page(&now)).then_some(href)
}

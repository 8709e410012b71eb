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
use explainer_model::route::{percent_encode, widget_href, Theme, Widget};
use explainer_model::share::{iframe_code, script_code};
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
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
        if let Some(root) = dom::root() {
            let me = b.clone();
            scope.on_resize(&root, move || me.report_height());
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

    /// Tells the parent what the reader is looking at (a step, `event-…` or `stage-…`).
    pub fn report_state(&self, target: &str) {
        if !self.0.embedded {
            return;
        }
        post(&object(&[
            ("type", "explainer:state".into()),
            ("widget", JsValue::from_str(self.0.widget.as_str())),
            ("target", target.into()),
        ]));
        self.report_height();
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

/// The essay's folder as an absolute address: where every widget's address starts.
pub fn site_base(page: Widget) -> String {
    let loc = dom::window().location();
    let path = loc.pathname().unwrap_or_default();
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let dir = [dir, "/"].concat();
    let dir = dir.strip_suffix(page.spec().dir).unwrap_or(&dir);
    format!("{}{}", loc.origin().unwrap_or_default(), dir)
}

/// What to embed: a widget, where it starts, and the what-if switches off.
pub type Choice = (Widget, Option<String>, Vec<String>);

thread_local! {
    /// Takes a refused clipboard write, which would otherwise be an unhandled rejection.
    static REFUSED: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

/// The Embed panel: ready-to-paste code for what the reader is looking at.
#[derive(Clone)]
pub struct Panel(Rc<PanelInner>);

struct PanelInner {
    details: Element,
    base: String,
    pick: Option<web_sys::HtmlSelectElement>,
    areas: Vec<web_sys::HtmlTextAreaElement>,
    page: Widget,
    state: Box<dyn Fn(Widget) -> Choice>,
}

impl Panel {
    pub fn attach(
        scope: &Scope,
        details: Element,
        page: Widget,
        state: impl Fn(Widget) -> Choice + 'static,
    ) -> Panel {
        let p = Panel(Rc::new(PanelInner {
            base: site_base(page),
            pick: dom::find(Some(&details), ".embed-pick select").and_then(|s| s.dyn_into().ok()),
            areas: dom::find_all(Some(&details), "textarea")
                .into_iter()
                .filter_map(|a| a.dyn_into().ok())
                .collect(),
            details: details.clone(),
            page,
            state: Box::new(state),
        }));
        let me = p.clone();
        scope.listen(&details, "toggle", move |_: web_sys::Event| me.refresh());
        let me = p.clone();
        scope.listen(&details, "change", move |_: web_sys::Event| me.refresh());
        let me = p.clone();
        scope.listen(&details, "click", move |ev: web_sys::Event| {
            let Some(button) = dom::closest(&ev, "[data-copy]") else {
                return;
            };
            let i: usize = dom::attr(&button, "data-copy").parse().unwrap_or(0);
            if let Some(t) = me.0.areas.get(i) {
                // The clipboard may be refused (a sandboxed frame, no permission, an old engine):
                // the text is selected, and the refusal is no error.
                t.select();
                let copy = dom::window().navigator().clipboard().write_text(&t.value());
                REFUSED.with(|f| {
                    let _ = copy.catch(f);
                });
            }
            button.set_text_content(Some("Copied"));
        });
        p
    }

    /// Writes the code for the current state, while the panel is open (the essay's state
    /// changes at every step: nothing is written for a closed panel).
    pub fn refresh(&self) {
        let open = self
            .0
            .details
            .dyn_ref::<web_sys::HtmlDetailsElement>()
            .is_some_and(|d| d.open());
        if !open {
            return;
        }
        let chosen = self
            .0
            .pick
            .as_ref()
            .and_then(|s| Widget::parse(&s.value()))
            .unwrap_or(self.0.page);
        let (w, target, off) = (self.0.state)(chosen);
        for (a, code) in self
            .0
            .areas
            .iter()
            .zip(codes(&self.0.base, w, target.as_deref(), &off))
        {
            a.set_value(&code);
        }
    }
}

/// The iframe code, the element-and-script code, and the page's link (for a CMS that reads
/// oEmbed) for a widget in a state.
pub fn codes(base: &str, w: Widget, target: Option<&str>, off: &[String]) -> [String; 3] {
    let spec = w.spec();
    let offs: Vec<&str> = off.iter().map(String::as_str).collect();
    let at = |embed| {
        let href = widget_href(w, target, &offs, Theme::Auto, embed);
        [base, href.strip_prefix("./").unwrap_or(&href)].concat()
    };
    let script = script_code(base);
    let mut attrs = String::new();
    if let Some(t) = target {
        attrs.push_str(&format!(" data-{}=\"{}\"", spec.key, percent_encode(t)));
    }
    if !off.is_empty() {
        let ids: Vec<String> = off.iter().map(|o| percent_encode(o)).collect();
        attrs.push_str(&format!(" data-off=\"{}\"", ids.join(",")));
    }
    let title = dom::document()
        .query_selector("h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    [
        iframe_code(w, &at(true), &title, base),
        format!(
            "<div data-explainer=\"{}\"{attrs}></div>\n{script}",
            spec.name
        ),
        at(false),
    ]
}

//! Living in someone else's page, and helping editors put us there.
//!
//! An embedded widget (`embed=1`, decided once by the route) tells its parent its height on load,
//! on every resize and on every state change, in four dialects: ours (`explainer:height`), AMP's
//! `embed-size`, Datawrapper's `datawrapper-height`, and WordPress's `height` (with the secret
//! WordPress gave the frame). It reports its state (`explainer:state`) and accepts one command,
//! `explainer:goto`, from its parent window only. Nothing received is ever evaluated: a target
//! is an id, checked like any address.

use crate::dom;
use explainer_model::route::{percent_encode, widget_href, Theme, Widget};
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::Element;

/// The page's side of the conversation with the page that frames it.
#[derive(Clone, Copy)]
pub struct Bridge {
    /// Where the parent page asks the widget to go (a fragment it was linked with).
    pub goto: RwSignal<Option<String>>,
    embedded: bool,
    widget: Widget,
    secret: StoredValue<Option<String>>,
}

fn parent() -> Option<web_sys::Window> {
    let w = window();
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
    pub fn attach(widget: Widget, embedded: bool, secret: Option<String>) -> Bridge {
        let b = Bridge {
            goto: RwSignal::new(None),
            embedded: embedded && parent().is_some(),
            widget,
            secret: StoredValue::new(secret),
        };
        if !b.embedded {
            return b;
        }
        // The page's height changes with the scene, the card, the switches: watch the root.
        let on_resize = Closure::<dyn FnMut()>::new(move || b.report_height());
        if let (Ok(ro), Some(root)) = (
            web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
            dom::root(),
        ) {
            ro.observe(&root);
            let held = send_wrapper::SendWrapper::new((ro, on_resize));
            on_cleanup(move || held.take().0.disconnect());
        }
        b.report_height();
        // A frame sized to its content cannot scroll, so the browser would pass scrolling keys
        // on to the host page: keep them in the widget.
        dom::listen(&window(), "keydown", move |ev: web_sys::KeyboardEvent| {
            let scroll_key = matches!(
                ev.key().as_str(),
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
            if scroll_key && fits && !(in_field && ev.key() == " ") {
                ev.prevent_default();
            }
        });
        dom::listen(&window(), "message", move |ev: web_sys::MessageEvent| {
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
                && field("secret").is_some()
                && field("secret") == b.secret.get_value()
            {
                b.report_height();
            }
            if field("type").as_deref() == Some("explainer:goto") {
                if let Some(t) = field("target").filter(|t| {
                    t.len() <= 80 && t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                }) {
                    b.goto.set(Some(t));
                }
            }
        });
        b
    }

    pub fn embedded(self) -> bool {
        self.embedded
    }

    pub fn report_height(self) {
        if !self.embedded {
            return;
        }
        let h = dom::root().map_or(0.0, |e| e.get_bounding_client_rect().height().ceil());
        let w = JsValue::from_str(self.widget.as_str());
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
            object(&[(self.widget.as_str(), h.into())]).into(),
        )]));
        if let Some(secret) = self.secret.get_value() {
            post(&object(&[
                ("message", "height".into()),
                ("value", h.into()),
                ("secret", secret.into()),
            ]));
        }
    }

    /// Tells the parent what the reader is looking at (a step, `event-…` or `stage-…`).
    pub fn report_state(self, target: &str) {
        if !self.embedded {
            return;
        }
        post(&object(&[
            ("type", "explainer:state".into()),
            ("widget", JsValue::from_str(self.widget.as_str())),
            ("target", target.into()),
        ]));
        self.report_height();
    }
}

/// The essay's folder as an absolute address: where every widget's address starts.
pub fn site_base(page: Widget) -> String {
    let loc = window().location();
    let path = loc.pathname().unwrap_or_default();
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = dir.strip_suffix(page.spec().dir).unwrap_or(dir);
    format!("{}{}", loc.origin().unwrap_or_default(), dir)
}

/// What to embed: a widget, where it starts, and the what-if switches off.
pub type Choice = (Widget, Option<String>, Vec<String>);

/// The Embed panel: ready-to-paste code for what the reader is looking at.
pub fn attach_panel(
    details: Element,
    page: Widget,
    state: impl Fn(Widget) -> Choice + Copy + Send + Sync + 'static,
) {
    let base = StoredValue::new(site_base(page));
    let open = RwSignal::new(false);
    let pick = dom::find(Some(&details), ".embed-pick select");
    let chosen = RwSignal::new(match &pick {
        Some(s) => Widget::parse(
            &s.dyn_ref::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default(),
        )
        .unwrap_or(page),
        None => page,
    });
    let d = details.clone();
    dom::listen(&details, "toggle", move |_: web_sys::Event| {
        open.set(
            d.dyn_ref::<web_sys::HtmlDetailsElement>()
                .is_some_and(|x| x.open()),
        );
    });
    if let Some(sel) = pick {
        dom::listen(&sel, "change", move |ev: web_sys::Event| {
            let v = dom::target_el(&ev)
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(w) = Widget::parse(&v) {
                chosen.set(w);
            }
        });
    }
    let areas = StoredValue::new_local(dom::find_all(Some(&details), "textarea"));
    // Written only while the panel is open: the essay's state changes at every step.
    dom::effect(move || {
        if !open.get() {
            return;
        }
        let (w, target, off) = state(chosen.get());
        let codes = base.with_value(|base| codes(base, w, target.as_deref(), &off));
        areas.with_value(|areas| {
            for (a, code) in areas.iter().zip(codes.iter()) {
                if let Some(t) = a.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    t.set_value(code);
                }
            }
        });
    });
    dom::listen(&details, "click", move |ev: web_sys::MouseEvent| {
        let Some(button) =
            dom::target_el(&ev).and_then(|t| t.closest("[data-copy]").ok().flatten())
        else {
            return;
        };
        let i: usize = dom::attr(&button, "data-copy").parse().unwrap_or(0);
        areas.with_value(|areas| {
            if let Some(t) = areas
                .get(i)
                .and_then(|a| a.dyn_ref::<web_sys::HtmlTextAreaElement>())
            {
                // The clipboard may be refused (a sandboxed frame, an old engine): the text is selected.
                t.select();
                let _ = window().navigator().clipboard().write_text(&t.value());
            }
        });
        button.set_text_content(Some("Copied"));
    });
}

/// The iframe code and the element-and-script code for a widget in a state.
pub fn codes(base: &str, w: Widget, target: Option<&str>, off: &[String]) -> [String; 2] {
    let spec = w.spec();
    let offs: Vec<&str> = off.iter().map(String::as_str).collect();
    let href = widget_href(w, target, &offs, Theme::Auto, true);
    let href = href.strip_prefix("./").unwrap_or(&href);
    let script = format!("<script src=\"{base}embed.js\" async></script>");
    let mut attrs = String::new();
    if let Some(t) = target {
        attrs.push_str(&format!(" data-{}=\"{}\"", spec.key, percent_encode(t)));
    }
    if !off.is_empty() {
        let ids: Vec<String> = off.iter().map(|o| percent_encode(o)).collect();
        attrs.push_str(&format!(" data-off=\"{}\"", ids.join(",")));
    }
    let title = document()
        .query_selector("h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .unwrap_or_default()
        .replace('"', "&quot;");
    [
        format!(
            "<iframe src=\"{base}{href}\" title=\"{title}\" data-explainer-frame loading=\"lazy\" style=\"width:100%;height:{};border:0\"></iframe>\n{script}",
            spec.height
        ),
        format!("<div data-explainer=\"{}\"{attrs}></div>\n{script}", spec.name),
    ]
}

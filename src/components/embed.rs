//! Living in someone else's page, and helping editors put us there.
//!
//! An embedded widget (`embed=1`) tells its parent its height on load, on every resize and on
//! every state change, in three dialects: ours (`explainer:height`), AMP's `embed-size` and
//! Datawrapper's `datawrapper-height`. It reports its state (`explainer:state`) and accepts one
//! command, `explainer:goto`, from its parent window only. Nothing received is ever evaluated:
//! a target is an id, checked like any address.

use crate::content::bundle;
use crate::dom;
use explainer_model::route::{percent_encode, Widget};
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Where a widget should go when its parent page asks (deep links from the host's fragment).
#[derive(Clone, Copy)]
pub struct Nav {
    pub goto: RwSignal<Option<String>>,
    embedded: bool,
    widget: Widget,
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
        // The parent's origin is unknown (any site may embed us) and heights and ids are public.
        let _ = p.post_message(message, "*");
    }
}

impl Nav {
    /// Starts the embedded side when framed with `embed=1`; otherwise a Nav that does nothing.
    pub fn start(widget: Widget, embedded: bool) -> Nav {
        let nav = Nav {
            goto: RwSignal::new(None),
            embedded: embedded && parent().is_some(),
            widget,
        };
        if !nav.embedded {
            return nav;
        }
        let on_resize = Closure::<dyn FnMut()>::new(move || nav.report_height());
        if let (Ok(ro), Some(root)) = (
            web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()),
            document().document_element(),
        ) {
            ro.observe(&root);
        }
        on_resize.forget();
        nav.report_height();
        // A frame sized to its content cannot scroll, so the browser would pass scrolling keys
        // on to the host page: keep them in the widget.
        let _ = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
            let scroll_key = matches!(
                ev.key().as_str(),
                "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown" | "Home" | "End" | " "
            );
            let in_field = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| {
                    matches!(
                        e.tag_name().as_str(),
                        "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON"
                    )
                });
            let (_, vh) = dom::viewport();
            let fits = document()
                .document_element()
                .is_some_and(|e| e.scroll_height() as f64 <= vh + 1.0);
            if scroll_key && fits && !(in_field && ev.key() == " ") {
                ev.prevent_default();
            }
        });
        let _ = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
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
            if field("type").as_deref() == Some("explainer:goto") {
                if let Some(t) = field("target").filter(|t| {
                    t.len() <= 80 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                }) {
                    nav.goto.set(Some(t));
                }
            }
        });
        nav
    }

    pub fn report_height(self) {
        if !self.embedded {
            return;
        }
        let h = document()
            .document_element()
            .map_or(0.0, |e| e.get_bounding_client_rect().height().ceil());
        let w = JsValue::from_str(self.widget.as_str());
        post(&object(&[
            ("type", "explainer:height".into()),
            ("widget", w.clone()),
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
    }

    /// Tells the parent what the reader is looking at (a step, `event-…` or `stage-…`).
    pub fn report_state(self, target: &str) {
        if !self.embedded {
            return;
        }
        let w = JsValue::from_str(self.widget.as_str());
        post(&object(&[
            ("type", "explainer:state".into()),
            ("widget", w),
            ("target", target.into()),
        ]));
        self.report_height();
    }
}

/// The page's address without query or fragment, where embed addresses start.
fn page_base() -> String {
    let loc = window().location();
    let path = loc.pathname().unwrap_or_default();
    let dir = path.strip_suffix("index.html").unwrap_or(&path);
    format!("{}{}", loc.origin().unwrap_or_default(), dir)
}

/// The query key that names a widget's starting point.
fn target_key(w: Widget) -> &'static str {
    match w {
        Widget::Essay => "step",
        Widget::Timeline => "event",
        Widget::Diagram => "stage",
    }
}

/// What a frame is called for screen readers: the widget and the explainer it comes from.
fn frame_title(w: Widget) -> String {
    let b = bundle();
    match w {
        Widget::Essay => b.essay.meta.title.to_string(),
        Widget::Timeline => format!("Timeline: {}", b.essay.meta.title),
        Widget::Diagram => b.diagram.title.to_string(),
    }
}

/// Ready-to-paste code for a widget in its current state: an iframe, or an element and a script.
#[component]
pub fn EmbedCode(
    /// The choices offered: a label, the widget, and its current state (an id, or none).
    choices: Vec<(&'static str, Widget, Signal<Option<String>>)>,
) -> impl IntoView {
    let base = page_base();
    let choice = RwSignal::new(0usize);
    let copied = RwSignal::new(None::<usize>);
    let choices = StoredValue::new(choices);
    let current = move || {
        choices.with_value(|c| {
            c.get(choice.get())
                .map(|(_, w, t)| (*w, t.get()))
                .unwrap_or((Widget::Timeline, None))
        })
    };
    // Written only while the panel is open: the essay's state changes at every step.
    let open = RwSignal::new(false);
    let codes = Memo::new(move |_| {
        if !open.get() {
            return [String::new(), String::new()];
        }
        let (w, target) = current();
        let state = target
            .as_deref()
            .map(|t| format!("&{}={}", target_key(w), percent_encode(t)))
            .unwrap_or_default();
        let attr = target
            .as_deref()
            .map(|t| format!(" data-{}=\"{}\"", target_key(w), percent_encode(t)))
            .unwrap_or_default();
        let height = if w == Widget::Essay { "80vh" } else { "480px" };
        let script = format!("<script src=\"{base}embed.js\" async></script>");
        [
            format!(
                "<iframe src=\"{base}?widget={}&embed=1{state}\" title=\"{}\" data-explainer-frame loading=\"lazy\" style=\"width:100%;height:{height};border:0\"></iframe>\n{script}",
                w.as_str(),
                frame_title(w).replace('"', "&quot;")
            ),
            format!("<div data-explainer=\"{}\"{attr}></div>\n{script}", w.as_str()),
        ]
    });
    let copy = move |which: usize| {
        let text = codes.with_untracked(|c| c[which].clone());
        // The clipboard may be refused (a sandboxed frame, an old engine): the text stays selectable.
        let _ = window().navigator().clipboard().write_text(&text);
        if let Some(area) = dom::by_id(&format!("embed-code-{which}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            area.select();
        }
        copied.set(Some(which));
    };
    let many = choices.with_value(|c| c.len() > 1);
    view! {
        <details class="embed-code" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>"Embed"</summary>
            {many.then(|| view! {
                <label class="embed-pick">"What to embed "
                    <select on:change=move |ev| choice.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {choices.with_value(|c| c.iter().enumerate().map(|(i, (label, _, _))| view! {
                            <option value=i.to_string()>{*label}</option>
                        }).collect_view())}
                    </select>
                </label>
            })}
            {["Iframe (sizes itself with the script)", "Element and script"].into_iter().enumerate().map(|(i, label)| view! {
                <div class="embed-snippet">
                    <label for=format!("embed-code-{i}")>{label}</label>
                    <textarea id=format!("embed-code-{i}") readonly rows="3" prop:value=move || codes.with(|c| c[i].clone())></textarea>
                    <button type="button" class="chip" on:click=move |_| copy(i)>
                        {move || if copied.get() == Some(i) { "Copied" } else { "Copy" }}
                    </button>
                </div>
            }).collect_view()}
        </details>
    }
}

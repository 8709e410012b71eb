//! The Embed panel: ready-to-paste code for what the reader is looking at, in the page's
//! edition (an editor on the Korean page gets the Korean widget).

use crate::dom::{self, Scope};
use explainer_model::route::{percent_encode, widget_href, Theme, Widget};
use explainer_model::share::{iframe_code, script_code};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// Where this page's edition is: the explainer's root folder as an absolute address (where
/// `embed.js` is), the edition's folder under it (`ko/`, or "" for the original), and its
/// language, from what the page says of itself (`<html data-root data-edition lang>`).
pub struct Place {
    pub root: String,
    pub edition: String,
    pub lang: String,
}

impl Place {
    pub fn of_page() -> Place {
        let root_el = dom::root();
        let get = |k: &str| {
            root_el
                .as_ref()
                .map(|r| dom::attr(r, k))
                .unwrap_or_default()
        };
        let loc = dom::window().location();
        let path = loc.pathname().unwrap_or_default();
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut dir: Vec<&str> = dir.split('/').collect();
        // `data-root` is `../` once per folder between the page and the root (counted by its
        // slashes: a searcher for "../" would be another kilobyte of wasm).
        for _ in 0..get("data-root").bytes().filter(|&b| b == b'/').count() {
            dir.pop();
        }
        Place {
            root: format!("{}{}/", loc.origin().unwrap_or_default(), dir.join("/")),
            edition: get("data-edition"),
            lang: get("lang"),
        }
    }

    /// The edition's folder as an absolute address: where its widgets' addresses start.
    pub fn base(&self) -> String {
        [self.root.as_str(), &self.edition].concat()
    }
}

/// What to embed: a widget, where it starts, and the what-if switches off.
pub type Choice = (Widget, Option<String>, Vec<String>);

thread_local! {
    /// Takes a refused clipboard write, which would otherwise be an unhandled rejection.
    static REFUSED: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

/// The Embed panel: ready-to-paste code for what the reader is looking at.
#[derive(Clone)]
pub struct EmbedPanel(Rc<PanelInner>);

struct PanelInner {
    details: Element,
    place: Place,
    page: Widget,
    state: Box<dyn Fn(Widget) -> Choice>,
}

impl EmbedPanel {
    pub fn attach(
        scope: &Scope,
        details: Element,
        page: Widget,
        state: impl Fn(Widget) -> Choice + 'static,
    ) -> EmbedPanel {
        let p = EmbedPanel(Rc::new(PanelInner {
            place: Place::of_page(),
            details: details.clone(),
            page,
            state: Box::new(state),
        }));
        let me = p.clone();
        scope.listen(&details, "toggle", move |_: web_sys::Event| {
            // The body comes out of its template the first time the panel opens.
            if let Some(t) = dom::find(Some(&me.0.details), "template") {
                if let Some(t) = t.dyn_ref::<web_sys::HtmlTemplateElement>() {
                    let _ = me.0.details.append_child(&t.content());
                }
                t.remove();
            }
            me.refresh()
        });
        let me = p.clone();
        scope.listen(&details, "change", move |_: web_sys::Event| me.refresh());
        let me = p.clone();
        scope.listen(&details, "click", move |ev: web_sys::Event| {
            let Some(button) = dom::closest(&ev, "[data-copy]") else {
                return;
            };
            let i: usize = dom::attr(&button, "data-copy").parse().unwrap_or(0);
            if let Some(t) = me.areas().get(i) {
                // The clipboard may be refused (a sandboxed frame, no permission, an old engine):
                // the text is selected, and the refusal is no error.
                t.select();
                let copy = dom::window().navigator().clipboard().write_text(&t.value());
                REFUSED.with(|f| {
                    let _ = copy.catch(f);
                });
            }
            button.set_text_content(Some(&dom::page_words().copied));
        });
        p
    }

    /// The code boxes (none before the panel is first opened).
    fn areas(&self) -> Vec<web_sys::HtmlTextAreaElement> {
        dom::find_all(Some(&self.0.details), "textarea")
            .into_iter()
            .filter_map(|a| a.dyn_into().ok())
            .collect()
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
        let chosen = dom::find(Some(&self.0.details), ".embed-pick select")
            .and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|s| Widget::parse(&s.value()))
            .unwrap_or(self.0.page);
        let (w, target, off) = (self.0.state)(chosen);
        for (a, code) in self
            .areas()
            .iter()
            .zip(codes(&self.0.place, w, target.as_deref(), &off))
        {
            a.set_value(&code);
        }
    }
}

/// The iframe code, the element-and-script code, and the page's link (for a CMS that reads
/// oEmbed) for a widget in a state.
pub fn codes(place: &Place, w: Widget, target: Option<&str>, off: &[String]) -> [String; 3] {
    let spec = w.spec();
    let offs: Vec<&str> = off.iter().map(String::as_str).collect();
    let base = place.base();
    let at = |embed| {
        let href = widget_href(w, target, &offs, Theme::Auto, embed);
        [base.as_str(), href.strip_prefix("./").unwrap_or(&href)].concat()
    };
    let script = script_code(&place.root);
    let mut attrs = String::new();
    if !place.edition.is_empty() {
        attrs.push_str(&format!(" data-lang=\"{}\"", percent_encode(&place.lang)));
    }
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
        iframe_code(w, &at(true), &title, &place.root),
        format!(
            "<div data-explainer=\"{}\"{attrs}></div>\n{script}",
            spec.name
        ),
        at(false),
    ]
}

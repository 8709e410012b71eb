//! What every widget page does around its instrument: find its `<main>` and its drawing, talk to
//! the page that frames it, say what in the address could not be followed, and give the Embed
//! panel what the reader is looking at.

use crate::dom::{self, Scope};
use crate::embed::Bridge;
use crate::embed_panel::{Choice, EmbedPanel};
use explainer_model::route::{Note, Route, Widget};
use web_sys::{Element, HtmlElement};

/// A widget's page, found.
pub struct Shell {
    pub main: HtmlElement,
    pub inst: HtmlElement,
    pub bridge: Bridge,
    pub route: Route,
    pub page: Widget,
}

impl Shell {
    /// The page's `<main>` and its drawing (`inst`, a selector), or None when the page is not
    /// this widget's.
    pub fn find(scope: &Scope, page: Widget, route: Route, inst: &str) -> Option<Shell> {
        let main = dom::find(None, "main.widget")?;
        let inst = dom::find(Some(&main), inst)?;
        let bridge = Bridge::attach(scope, page, route.embed, route.secret.clone());
        Some(Shell {
            main,
            inst,
            bridge,
            route,
            page,
        })
    }

    /// Says the address's notes, and `more` of the page's own, above the drawing.
    pub fn notices(&self, more: Vec<Note>) {
        let mut notes = self.route.notes.clone();
        notes.extend(more);
        dom::notices(&notes, &self.inst);
    }

    /// The host page's fragment, passed on by the embed loader: its id without the page's
    /// prefix (`event-`), for `f` to open.
    pub fn on_goto(&self, scope: &Scope, f: impl Fn(&str) + 'static) {
        let prefix = self.page.spec().prefix;
        self.bridge
            .on_goto(scope, move |t| f(t.strip_prefix(prefix).unwrap_or(t)));
    }

    /// The Embed panel, told what the reader is looking at.
    pub fn embed_panel(&self, scope: &Scope, state: impl Fn(Widget) -> Choice + 'static) {
        if let Some(details) = dom::find(Some(&self.main), ".embed-code") {
            let el: Element = details.into();
            EmbedPanel::attach(scope, el, self.page, state);
        }
    }
}

//! Turns loaded content into Rust source for the browser build: `static` data, borrowed
//! throughout, so the app starts with its content in place and ships no parser.

use crate::content::*;
use crate::date::{CalDate, DateSpan};
use std::fmt::Write;

/// Writes a Rust expression that rebuilds `self` as constant data.
pub trait Bake {
    fn bake(&self, out: &mut String);
}

impl Bake for Text {
    fn bake(&self, out: &mut String) {
        // Debug formatting of a str is a valid Rust string literal, escapes included.
        let _ = write!(out, "Cow::Borrowed({:?})", self.as_ref());
    }
}

impl<T: Bake + Clone> Bake for List<T> {
    fn bake(&self, out: &mut String) {
        out.push_str("Cow::Borrowed(&[");
        for item in self.iter() {
            item.bake(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(v) => {
                out.push_str("Some(");
                v.bake(out);
                out.push(')');
            }
        }
    }
}

impl Bake for u8 {
    fn bake(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Bake for CalDate {
    fn bake(&self, out: &mut String) {
        let _ = write!(
            out,
            "CalDate {{ year: {}, month: {}, day: {} }}",
            self.year, self.month, self.day
        );
    }
}

impl Bake for DateSpan {
    fn bake(&self, out: &mut String) {
        out.push_str("DateSpan { start: ");
        self.start.bake(out);
        out.push_str(", end: ");
        self.end.bake(out);
        out.push_str(" }");
    }
}

impl Bake for Actor {
    fn bake(&self, out: &mut String) {
        let _ = write!(out, "Actor::{self:?}");
    }
}

/// `bake_struct!(out, Type, value, field, …)` writes `Type { field: <baked>, … }`.
macro_rules! bake_struct {
    ($out:expr, $ty:ident, $v:expr, $($field:ident),+) => {{
        $out.push_str(concat!(stringify!($ty), " {"));
        $(
            $out.push_str(concat!(stringify!($field), ": "));
            $v.$field.bake($out);
            $out.push(',');
        )+
        $out.push('}');
    }};
}

impl Bake for Source {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Source, self, title, url);
    }
}

impl Bake for Meta {
    fn bake(&self, out: &mut String) {
        // The app names the explainer and its source in embeds' credit line; the rest of the
        // front matter is in the prerendered page only.
        let blank = || Text::Borrowed("");
        let lean = Meta {
            standfirst: blank(),
            byline: blank(),
            credit_series: blank(),
            credit_url: blank(),
            about: blank(),
            ..self.clone()
        };
        bake_struct!(
            out,
            Meta,
            lean,
            id,
            lang,
            title,
            standfirst,
            byline,
            credit_title,
            credit_series,
            credit_publisher,
            credit_url,
            about
        );
    }
}

impl Bake for Graphic {
    fn bake(&self, out: &mut String) {
        match self {
            Graphic::Timeline {
                from,
                to,
                highlight,
            } => {
                out.push_str("Graphic::Timeline { from: ");
                from.bake(out);
                out.push_str(", to: ");
                to.bake(out);
                out.push_str(", highlight: ");
                highlight.bake(out);
                out.push_str(" }");
            }
            Graphic::Diagram { stage, highlight } => {
                out.push_str("Graphic::Diagram { stage: ");
                stage.bake(out);
                out.push_str(", highlight: ");
                highlight.bake(out);
                out.push_str(" }");
            }
            Graphic::Map { .. } => out.push_str(
                "Graphic::Diagram { stage: Cow::Borrowed(\"\"), highlight: Cow::Borrowed(&[]) }",
            ),
        }
    }
}

impl Bake for Step {
    fn bake(&self, out: &mut String) {
        // The prose is left out on purpose: it ships once, in the prerendered HTML.
        let lean = Step {
            text: Text::Borrowed(""),
            ..self.clone()
        };
        bake_struct!(out, Step, lean, id, text, summary, graphic);
    }
}

impl Bake for Chapter {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Chapter, self, id, kicker, title, step);
    }
}

impl Bake for Era {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Era, self, id, label, from, to);
    }
}

impl Bake for Event {
    fn bake(&self, out: &mut String) {
        // What the timeline draws stays; the words of its details card are the prerendered
        // chronology's (the app reads them from the page), so they ship once.
        let lean = Event {
            text: Text::Borrowed(""),
            dispute: Text::Borrowed(""),
            source: Source {
                title: Text::Borrowed(""),
                url: Text::Borrowed(""),
            },
            ..self.clone()
        };
        bake_struct!(out, Event, lean, id, date, title, text, actors, dispute, source);
    }
}

impl Bake for Course {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Course, self, id, label);
    }
}

impl Bake for Factor {
    fn bake(&self, out: &mut String) {
        // The diagram draws labels and strengths and asks the what-if questions; explanations and
        // sources are for the page's readers of the content files and the closing notes.
        let lean = Factor {
            explain: Text::Borrowed(""),
            source: None,
            ..self.clone()
        };
        bake_struct!(
            out, Factor, lean, id, label, explain, toward, strength, event, chapter, whatif, source
        );
    }
}

impl Bake for Stage {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Stage, self, id, label, date, adds);
    }
}

impl Bake for Essay {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Essay, self, meta, chapter);
    }
}

impl Bake for Timeline {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Timeline, self, era, event);
    }
}

impl Bake for Diagram {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Diagram, self, title, note, course, factor, stage);
    }
}

impl Bake for Bundle {
    fn bake(&self, out: &mut String) {
        bake_struct!(out, Bundle, self, essay, timeline, diagram);
    }
}

/// A whole Rust module defining `pub static BUNDLE: Bundle`.
pub fn module(bundle: &Bundle) -> String {
    let mut out = String::from(
        "// Generated at build time from the content folder. Do not edit.\n\
         use ::std::borrow::Cow;\n\
         use ::explainer_model::content::*;\n\
         use ::explainer_model::date::*;\n\
         pub static BUNDLE: Bundle = ",
    );
    bundle.bake(&mut out);
    out.push_str(";\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn bakes_every_part_and_leaves_the_prose_out() {
        let b = crate::load::load_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini"),
        )
        .unwrap();
        let m = module(&b);
        assert!(m.starts_with("// Generated"));
        assert!(m.contains("pub static BUNDLE: Bundle = Bundle {"));
        assert!(m.contains(r#"id: Cow::Borrowed("boat-out")"#));
        assert!(m.contains("Actor::UsUn"));
        assert!(m.contains("DateSpan { start: CalDate { year: 1900, month: 7, day: 14 }, end: Some(CalDate { year: 1900, month: 7, day: 15 }) }"));
        assert!(
            !m.contains("rowed out"),
            "step prose must not be baked into the app"
        );
        assert!(
            !m.contains("A boat is brought home"),
            "event details ship in the chronology, not in the app"
        );
        assert!(
            m.contains(r#""What if the sea were calm?""#),
            "the what-if questions are needed by the app"
        );
        // Quotes and newlines survive as escapes.
        assert!(!m.contains("\n\nThe boat"));
    }
}

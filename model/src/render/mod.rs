//! The pages as HTML, written at build time (the `build` feature): for each edition, the essay
//! with its pinned stage, its stills and its sources, and one lean page per instrument. Every
//! drawing is laid out by the model and written here, so it paints before any script runs; the
//! apps then only apply what the markup carries (see `crate::contract`).
//!
//! site (what an edition's pages are written from) -> chrome (what every page has) -> page
//! (the essay), widget (the widgets' pages), still (the stills), share and card (being shared)
//! -> document (whole documents, and the policy to serve them under).

pub mod card;
pub mod chrome;
pub mod css;
pub mod document;
pub mod out;
pub mod page;
pub mod share;
pub mod site;
pub mod still;
pub mod widget;

pub use crate::html::{escape, inline, num, paragraphs, px};
pub use out::Page;
pub use site::Site;

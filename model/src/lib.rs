//! The explainer's model: everything that can be decided without a browser.
//!
//! content (data types) -> date, scroll, timeline, diagram, route (pure logic) -> the Leptos app.
//! With the `build` feature it also reads and validates the TOML content, bakes it into Rust
//! data for the browser build, and prerenders the article's HTML.

pub mod content;
pub mod date;
pub mod decimal;
pub mod diagram;
pub mod map;
pub mod route;
pub mod scroll;
pub mod share;
pub mod story;
pub mod text;
pub mod timeline;

#[cfg(feature = "build")]
pub mod load;
#[cfg(feature = "build")]
pub mod render;

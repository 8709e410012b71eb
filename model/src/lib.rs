//! The explainer's model: everything that can be decided without a browser.
//!
//! content (data) -> model (this crate: plain Rust, tested natively) -> pages (written at build
//! time by `render`, with the `build` feature) -> apps (`web/`, the essay's `src/`) -> style.
//! The browser builds use the model's pure parts: routes, scroll geometry, story frames, the
//! diagram's arithmetic, and the typed page contract (`contract`) they read the pages with.

pub mod cast;
pub mod content;
pub mod contract;
pub mod date;
pub mod decimal;
pub mod diagram;
pub mod html;
pub mod lang;
pub mod map;
pub mod route;
pub mod scroll;
pub mod share;
pub mod story;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod words;

#[cfg(feature = "build")]
pub mod load;
#[cfg(feature = "build")]
pub mod render;
#[cfg(feature = "build")]
pub mod source;

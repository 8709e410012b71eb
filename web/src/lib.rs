//! The explainer's pages in the browser, without a framework runtime: each page is drawn at
//! build time (the model's `render`), and these parts find what is there and make it live,
//! reading it through the typed page contract (`explainer_model::contract`).
//! The widgets' lean pages are built from this crate alone (`src/bin/`, over `pages/`); the
//! essay's Leptos app (the top-level crate) uses the same parts.

pub mod boot;
pub mod diagram;
pub mod dom;
pub mod embed;
pub mod embed_panel;
pub mod map;
pub mod pages;
pub mod scene;
pub mod timeline;
pub mod watchers;

// A small allocator: the pages allocate little (ids, selectors, a few strings), and the
// standard one is a fifth of a widget's wasm.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32 without threads is single-threaded.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

//! The explainer in the browser. This file only mounts; see `app` for what is mounted where.

mod app;
mod components;
mod content;
mod dom;

fn main() {
    app::start();
}

//! Bakes the content folder into Rust data for the app (`$OUT_DIR/content.rs`).
//! Bad content stops the build here, with `file:line: problem` for each problem found.

use explainer_model::{bake, load};
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=EXPLAINER_CONTENT");
    let dir =
        PathBuf::from(std::env::var("EXPLAINER_CONTENT").unwrap_or_else(|_| "content".into()));
    for name in ["essay.toml", "timeline.toml", "diagram.toml"] {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
    }
    let bundle = match load::load_dir(&dir) {
        Ok(b) => b,
        Err(e) => {
            for line in e.to_string().lines() {
                println!("cargo:warning={line}");
            }
            panic!("the content in {} has problems:\n{e}", dir.display());
        }
    };
    if bundle.diagram.factor.len() > 64 {
        panic!(
            "{}: the diagram has {} factors; the what-if switches hold at most 64",
            dir.join("diagram.toml").display(),
            bundle.diagram.factor.len()
        );
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("content.rs");
    std::fs::write(&out, bake::module(&bundle)).expect("write the baked content");
}

//! Which instruments this explainer has, from its content folder (`$EXPLAINER_CONTENT`, or
//! content/): each present one's code goes into the essay's app (`cfg(explainer_timeline)`,
//! `cfg(explainer_diagram)`, `cfg(explainer_map)`); an absent one's is not compiled in at all
//! (src/instruments.rs). Only whether a file is there is read: the content is checked by the
//! `pages` build, which runs first.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=EXPLAINER_CONTENT");
    let dir = std::env::var("EXPLAINER_CONTENT")
        .ok()
        .filter(|d| !d.trim().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("content"));
    println!("cargo:rerun-if-changed={}", dir.display());
    for (file, cfg) in [
        ("timeline.toml", "explainer_timeline"),
        ("diagram.toml", "explainer_diagram"),
        ("map.toml", "explainer_map"),
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        let path = dir.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        if path.exists() {
            println!("cargo:rustc-cfg={cfg}");
        }
    }
}

//! Build step (a Trunk pre-build hook): validates the content and writes the prerendered HTML
//! fragments that index.html inlines. Exits non-zero with `file:line: problem` lines on bad content.
//!
//! usage: prerender [CONTENT_DIR] [OUT_DIR]   (defaults: $EXPLAINER_CONTENT or content, target/prerender)

use explainer_model::{load, prerender};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let content: PathBuf = args
        .next()
        .or_else(|| std::env::var("EXPLAINER_CONTENT").ok())
        .unwrap_or_else(|| "content".into())
        .into();
    let out: PathBuf = args
        .next()
        .unwrap_or_else(|| "target/prerender".into())
        .into();
    let bundle = match load::load_dir(&content) {
        Ok(b) => b,
        Err(e) => {
            eprint!("content errors:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for (name, html) in [
        ("head.html", prerender::head(&bundle)),
        ("body.html", prerender::body(&bundle)),
    ] {
        let path = out.join(name);
        // Writing only on change keeps `trunk serve` from rebuilding in a loop.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(html.as_str()) {
            if let Err(e) = std::fs::write(&path, html) {
                eprintln!("cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

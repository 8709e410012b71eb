//! Build step (a Trunk pre-build hook): validates the content and writes every page's prerendered
//! HTML, which the page templates inline. Exits non-zero with `file:line: problem` lines on bad
//! content.
//!
//! usage: pages [CONTENT_DIR] [OUT_DIR]   (defaults: $EXPLAINER_CONTENT or content, target/pages)
//! Writes OUT_DIR/<page>/head.html and body.html for the essay and each widget.

use explainer_model::load;
use explainer_model::render::page::{essay, widget, Page, Site};
use explainer_model::route::{Widget, WIDGETS};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let content: PathBuf = args
        .next()
        .or_else(|| std::env::var("EXPLAINER_CONTENT").ok())
        .unwrap_or_else(|| "content".into())
        .into();
    let out: PathBuf = args.next().unwrap_or_else(|| "target/pages".into()).into();
    let all = match load::load_all(&content) {
        Ok(c) => c,
        Err(e) => {
            eprint!("content errors:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    let site = Site::with_map(&all.bundle, all.map.as_ref());
    for spec in WIDGETS {
        let page: Page = match spec.widget {
            Widget::Essay => essay(&site),
            w => widget(&site, w),
        };
        let dir = out.join(spec.name);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        for (name, html) in [("head.html", page.head), ("body.html", page.body)] {
            let path = dir.join(name);
            // Writing only on change keeps `trunk serve` from rebuilding in a loop.
            if std::fs::read_to_string(&path).ok().as_deref() != Some(html.as_str()) {
                if let Err(e) = std::fs::write(&path, html) {
                    eprintln!("cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    ExitCode::SUCCESS
}

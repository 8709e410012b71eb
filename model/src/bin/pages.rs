//! Build step (a Trunk pre-build hook): validates the content and writes every page's prerendered
//! HTML, which the page templates inline. Exits non-zero with `file:line: problem` lines on bad
//! content.
//!
//! usage: pages [CONTENT_DIR] [OUT_DIR]   (defaults: $EXPLAINER_CONTENT or content, target/pages)
//! Writes OUT_DIR/<page>/head.html and body.html for the essay and each widget, and what a link
//! to the page is shared with: oembed.json and card.png (from card.svg). The public address in
//! them is $EXPLAINER_PUBLIC_URL (default http://127.0.0.1:8080/, where scripts/serve.sh serves).

use explainer_model::load;
use explainer_model::render::page::{essay, widget, Page, Site};
use explainer_model::render::{card, share};
use explainer_model::route::{Widget, WIDGETS};
use std::path::{Path, PathBuf};
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
    let mut site = Site::with_map(&all.bundle, all.map.as_ref());
    match std::env::var(share::PUBLIC_URL_VAR) {
        Ok(v) if !v.trim().is_empty() => match share::public_base(&v) {
            Ok(base) => site.base = base,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        _ => eprintln!(
            "note: {} is not set: oEmbed responses and social cards name {} as the explainer's address",
            share::PUBLIC_URL_VAR,
            share::DEFAULT_BASE
        ),
    }
    let mut faces = None;
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
        let svg = card::svg(&site, spec.widget);
        let card_changed =
            write_if_changed(&dir.join("card.svg"), &svg) || !dir.join(share::CARD_FILE).exists();
        for (name, text) in [
            ("head.html", page.head),
            ("body.html", page.body),
            (share::OEMBED_FILE, share::oembed_json(&site, spec.widget)),
        ] {
            write_if_changed(&dir.join(name), &text);
        }
        if card_changed {
            let (faces, notes) =
                faces.get_or_insert_with(|| card::fonts(Path::new(card::FONT_DIR)));
            for n in notes.drain(..) {
                eprintln!("warning: {n}");
            }
            let png = match card::png(&svg, faces, 32) {
                Ok(png) => png,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            write_if_changed(&dir.join(share::CARD_FILE), png);
        }
    }
    ExitCode::SUCCESS
}

/// Writes only on change, which keeps `trunk serve` from rebuilding in a loop; says whether it
/// wrote. A file that cannot be written stops the build.
fn write_if_changed(path: &Path, data: impl AsRef<[u8]>) -> bool {
    let data = data.as_ref();
    if std::fs::read(path).ok().as_deref() == Some(data) {
        return false;
    }
    if let Err(e) = std::fs::write(path, data) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    true
}

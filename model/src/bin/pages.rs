//! The build's page writer, in two steps.
//!
//! `pages [CONTENT_DIR] [OUT_DIR]` (Trunk's pre-build hook; defaults `$EXPLAINER_CONTENT` or
//! `content`, and `$EXPLAINER_PAGES_DIR` or `target/pages`): checks the content and writes every page of every edition as
//! a whole document into `OUT_DIR/site/`, with what goes beside each page (its stills, its oEmbed
//! response, its social card) and the engine's stylesheet of the essay's instruments; and
//! `OUT_DIR/widgets.txt`, the widget pages this explainer has (one per instrument), whose apps
//! the post-build hook builds. Bad content stops it with `file:line: problem` lines.
//!
//! `pages assemble STAGING_DIR [OUT_DIR]` (the post-build hook, after the apps are built):
//! copies the site into Trunk's staging folder, fills in each page's app addresses, and writes
//! the Content Security Policy that serves them all (`_headers`, `csp.txt`).
//!
//! The public address in what is shared is `$EXPLAINER_PUBLIC_URL` (default
//! http://127.0.0.1:8080/, where scripts/serve.sh serves).

use explainer_model::load;
use explainer_model::render::{card, document, share, site::Site, widget};
use explainer_model::route::Widget;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("assemble") => {
            let Some(staging) = args.get(1) else {
                eprintln!("usage: pages assemble STAGING_DIR [OUT_DIR]");
                return ExitCode::FAILURE;
            };
            let out = args.get(2).map_or("target/pages", String::as_str);
            assemble(Path::new(staging), Path::new(out))
        }
        _ => {
            let content: PathBuf = args
                .first()
                .cloned()
                .or_else(|| std::env::var("EXPLAINER_CONTENT").ok())
                .unwrap_or_else(|| "content".into())
                .into();
            // Where scripts/widget-pages.sh will look for the pages: `$EXPLAINER_PAGES_DIR` there too.
            let out: PathBuf = args
                .get(1)
                .cloned()
                .or_else(|| std::env::var("EXPLAINER_PAGES_DIR").ok())
                .unwrap_or_else(|| "target/pages".into())
                .into();
            build(&content, &out)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{e}");
            if !e.ends_with('\n') {
                eprintln!();
            }
            ExitCode::FAILURE
        }
    }
}

/// The public address from `$EXPLAINER_PUBLIC_URL`, checked; None when it is not set.
fn public_base() -> Result<Option<String>, String> {
    match std::env::var(share::PUBLIC_URL_VAR) {
        Ok(v) if !v.trim().is_empty() => share::public_base(&v).map(Some),
        _ => Ok(None),
    }
}

fn build(content: &Path, out: &Path) -> Result<(), String> {
    let all = load::load_all(content).map_err(|e| format!("content errors:\n{e}"))?;
    for s in all.stale() {
        eprintln!("warning: stale translation: {s}");
    }
    let base = public_base()?.unwrap_or_else(|| {
        eprintln!(
            "note: {} is not set: oEmbed responses, social cards and language alternates name {} as the explainer's address",
            share::PUBLIC_URL_VAR,
            share::DEFAULT_BASE
        );
        share::DEFAULT_BASE.to_string()
    });
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    if let Some(geo) = &all.geo {
        files.insert(
            PathBuf::from(explainer_model::render::site::land_name(geo)),
            explainer_model::map::markup::land_file(geo).into_bytes(),
        );
    }
    files.insert(
        PathBuf::from("embed.js"),
        std::fs::read("public/embed.js").map_err(|e| format!("public/embed.js: {e}"))?,
    );
    let mut widgets: Vec<&str> = Vec::new();
    let mut cards: Vec<(PathBuf, String, String)> = Vec::new();
    for e in &all.editions {
        let mut site = Site::of(&all, e);
        site.base = base.clone();
        for w in site.widgets() {
            let dir = PathBuf::from(site.page_dir(w));
            let page = widget::widget(&site, w);
            // The essay's stage stylesheet, beside it (each edition lays out its own words).
            let deferred = page.deferred();
            if let Some((name, text)) = &deferred {
                files.insert(dir.join(name), text.clone().into_bytes());
            }
            let css_file = deferred.map(|(name, _)| name);
            let html = document::document(&site, w, &page, css_file.as_deref());
            files.insert(dir.join("index.html"), html.into_bytes());
            for (name, bytes) in &page.files {
                files.insert(dir.join(name), bytes.clone());
            }
            files.insert(
                dir.join(share::OEMBED_FILE),
                share::oembed_json(&site, w).into_bytes(),
            );
            cards.push((
                dir.join(share::CARD_FILE),
                card::svg(&site, w),
                site.lang.to_string(),
            ));
            if w != Widget::Essay && !widgets.contains(&w.as_str()) {
                widgets.push(w.as_str());
            }
        }
    }
    // Cards: drawn again only when their drawing changed (resvg takes a moment each).
    let mut faces: Option<(Vec<Vec<u8>>, Vec<String>)> = None;
    let mut cjk: Option<(Vec<Vec<u8>>, Vec<String>)> = None;
    for (path, svg, lang) in cards {
        let svg_path = out.join("cards").join(&path).with_extension("svg");
        let png_path = out.join("cards").join(&path);
        let same = std::fs::read_to_string(&svg_path).ok().as_deref() == Some(svg.as_str());
        let png = match (same, std::fs::read(&png_path)) {
            (true, Ok(png)) => png,
            _ => {
                let (f, notes) =
                    faces.get_or_insert_with(|| card::fonts(Path::new(card::FONT_DIR)));
                for n in notes.drain(..) {
                    eprintln!("warning: {n}");
                }
                let mut all_faces = f.clone();
                if explainer_model::lang::cjk(&lang) {
                    let (c, notes) = cjk.get_or_insert_with(card::cjk_fonts);
                    for n in notes.drain(..) {
                        eprintln!("warning: {n}");
                    }
                    all_faces.extend(c.iter().cloned());
                }
                let png = card::png(&svg, &all_faces, 32)?;
                write_if_changed(&svg_path, svg.as_bytes())?;
                write_if_changed(&png_path, &png)?;
                png
            }
        };
        files.insert(path, png);
    }
    // The site: what changed is written, what is no longer made is removed.
    let site_dir = out.join("site");
    for (path, bytes) in &files {
        write_if_changed(&site_dir.join(path), bytes)?;
    }
    remove_others(&site_dir, &site_dir, &files)?;
    let list: String = widgets.iter().map(|w| format!("{w}\n")).collect();
    write_if_changed(&out.join("widgets.txt"), list.as_bytes())?;
    Ok(())
}

/// Removes files under `dir` that this build no longer makes.
fn remove_others(root: &Path, dir: &Path, keep: &BTreeMap<PathBuf, Vec<u8>>) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            remove_others(root, &p, keep)?;
            let _ = std::fs::remove_dir(&p); // only when empty
        } else if let Ok(rel) = p.strip_prefix(root) {
            if !keep.contains_key(rel) {
                std::fs::remove_file(&p)
                    .map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
            }
        }
    }
    Ok(())
}

/// Writes only on change, which keeps `trunk serve` from rebuilding in a loop.
fn write_if_changed(path: &Path, data: &[u8]) -> Result<(), String> {
    if std::fs::read(path).ok().as_deref() == Some(data) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The app files Trunk built for a page folder, from the marker its pattern writes
/// (Trunk.toml's `pattern_script`): (js, wasm), relative to the staging root.
fn app_files(staging: &Path, folder: &str) -> Result<(String, String), String> {
    let index = staging.join(folder).join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("{}: {e} (was the app built?)", index.display()))?;
    let marker = "name=\"explainer-app\" content=\"";
    let at = html.find(marker).ok_or_else(|| {
        format!(
            "{}: no explainer-app marker (Trunk.toml's pattern_script)",
            index.display()
        )
    })?;
    let rest = &html[at + marker.len()..];
    let content = &rest[..rest.find('"').unwrap_or(0)];
    let mut parts = content.split_whitespace();
    let (Some(js), Some(wasm)) = (parts.next(), parts.next()) else {
        return Err(format!(
            "{}: the marker names no js and wasm",
            index.display()
        ));
    };
    let strip = |s: &str| format!("{folder}{}", s.trim_start_matches("./"));
    Ok((strip(js), strip(wasm)))
}

fn assemble(staging: &Path, out: &Path) -> Result<(), String> {
    let site_dir = out.join("site");
    let mut apps: BTreeMap<String, (String, String)> = BTreeMap::new();
    apps.insert("explainer".into(), app_files(staging, "")?);
    let widgets = std::fs::read_to_string(out.join("widgets.txt")).unwrap_or_default();
    for w in widgets.lines().filter(|l| !l.is_empty()) {
        apps.insert(w.to_string(), app_files(staging, &format!("{w}/"))?);
    }
    let mut docs: Vec<String> = Vec::new();
    let mut stack = vec![site_dir.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(&site_dir)
                .expect("under the site")
                .to_path_buf();
            let target = staging.join(&rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            if rel.file_name().is_some_and(|n| n == "index.html") {
                let html =
                    std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                let folder = rel
                    .parent()
                    .map(|d| {
                        let s = d.to_string_lossy().replace('\\', "/");
                        if s.is_empty() {
                            s
                        } else {
                            format!("{s}/")
                        }
                    })
                    .unwrap_or_default();
                let page = html
                    .split("data-page=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or("essay");
                let app = Widget::parse(page).map_or("explainer", document::app_of);
                let (js, wasm) = apps
                    .get(app)
                    .ok_or_else(|| format!("{}: no app `{app}` was built", p.display()))?;
                let html = html
                    .replace(
                        document::JS_HOLE,
                        &explainer_model::route::relative(&folder, js),
                    )
                    .replace(
                        document::WASM_HOLE,
                        &explainer_model::route::relative(&folder, wasm),
                    );
                std::fs::write(&target, &html).map_err(|e| format!("{}: {e}", target.display()))?;
                docs.push(html);
            } else {
                std::fs::copy(&p, &target).map_err(|e| format!("{}: {e}", target.display()))?;
                // The stills and the land are SVG documents with a `<style>` of their own (their
                // dark theme): served under the same policy, they are hashed into it too.
                if p.extension().is_some_and(|x| x == "svg") {
                    docs.push(
                        std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?,
                    );
                }
            }
        }
    }
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    // The site's own origin, as the build names it elsewhere (the public address).
    let base = public_base()?.unwrap_or_else(|| share::DEFAULT_BASE.to_string());
    let policy = document::policy(&refs, Some(&document::origin_of(&base)));
    std::fs::write(staging.join("_headers"), document::headers_file(&policy))
        .map_err(|e| format!("_headers: {e}"))?;
    std::fs::write(staging.join("csp.txt"), format!("{policy}\n"))
        .map_err(|e| format!("csp.txt: {e}"))?;
    Ok(())
}

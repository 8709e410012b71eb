//! Writes `target/map-preview/index.html`: the map instrument with a scene picker, and every
//! scene as a still at 375, 768 and 1280 px wide, to look at in a browser. Also writes the
//! pieces a page would carry to `target/map-preview/parts/` so their sizes can be measured.
//!
//! usage: map-preview [CONTENT_DIR] [OUT_DIR]   (defaults: content, target/map-preview)
//! Open `index.html?scene=ID` to see one scene's stills, `&theme=dark` for the dark theme,
//! `&w=W&h=H` to size the live plot.

use explainer_model::map::{geo::Base, load, markup, Scene};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Scenes with other lit places than their line's own, as the story may use them.
const STORY_SCENES: [(&str, &[&str]); 2] = [
    ("pusan-perimeter", &["pusan", "inchon"]),
    ("crossing", &["andong", "pyongyang"]),
];

/// A minimal copy of the page's colour tokens (style/main.css), light and dark.
const TOKENS: &str = r#"
:root { --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --paper: #fbf9f4; --paper-2: #f1ede3; --ink: #1b1b1b; --muted: #565656; --rule: #d6d0c2;
  --prc: #c1272d; --ussr: #7a3b1e; --us: #1f5fa8; --rok: #0f7a74; --dprk: #5e4b8b; --roc: #a15f00;
  --t: 320ms cubic-bezier(0.2, 0.7, 0.2, 1); color-scheme: light; }
:root[data-theme="dark"] { --paper: #141518; --paper-2: #1e2024; --ink: #ecebe6; --muted: #aeada7;
  --rule: #3a3c42; --prc: #ff6b6b; --ussr: #d4946a; --us: #74a9ff; --rok: #3cc4ba; --dprk: #b7a3e0;
  --roc: #f0b429; color-scheme: dark; }
"#;

const PAGE_CSS: &str = r#"
body { margin: 0; padding: 16px; background: var(--paper); color: var(--ink); font-family: var(--sans); }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 15px; margin: 24px 0 6px; }
.controls { margin: 8px 0; display: flex; gap: 12px; align-items: center; }
.live .plot { width: 760px; height: 620px; resize: both; }
.row { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }
.cell { flex: none; }
.cell p { font-size: 12px; color: var(--muted); margin: 4px 0 0; max-width: 100%; }
.w375 .plot { width: 375px; height: 300px; }
.w768 .plot { width: 768px; height: 560px; }
.w1280 .plot { width: 740px; height: 700px; }
.legend { max-width: 760px; font-size: 14px; }
"#;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let content: PathBuf = args.next().unwrap_or_else(|| "content".into()).into();
    let out: PathBuf = args
        .next()
        .unwrap_or_else(|| "target/map-preview".into())
        .into();
    let map = match load::load_dir(&content) {
        Ok(m) => m,
        Err(e) => {
            eprint!("map errors:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    let base = match Base::load_dir(&content) {
        Ok(b) => b,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let css_path = content.join("../style/map.css");
    let map_css = std::fs::read_to_string(&css_path)
        .unwrap_or_else(|_| std::fs::read_to_string("style/map.css").unwrap_or_default());
    // One scene per line, and the scenes the story is expected to use (see docs/map-data.md).
    let mut scenes = map.default_scenes();
    for (line, lit) in STORY_SCENES {
        scenes.push(Scene::new(&map, line, lit));
    }
    let result = (|| -> Result<(String, Vec<(String, String)>), String> {
        let scene_css = markup::scene_css(&map, &scenes)?;
        let defs = markup::defs(&base);
        let first = scenes.first().map(|s| s.id.clone()).unwrap_or_default();
        let live = markup::instrument(&map, &base, &scenes, &first)?;
        let mut stills = String::new();
        let mut still_parts = Vec::new();
        for s in &scenes {
            let still = markup::still(&map, &base, s)?;
            still_parts.push((format!("still-{}.html", s.id), still.clone()));
            let _ = write!(
                stills,
                r#"<section class="scene" data-id="{id}"><h2>{id}</h2><div class="row">"#,
                id = s.id
            );
            for w in [375, 768, 1280] {
                let _ = write!(
                    stills,
                    r#"<div class="cell w{w}">{still}<p>{w}: {alt}</p></div>"#,
                    alt = markup::escape(&markup::text_alternative(&map, s))
                );
            }
            stills.push_str("</div></section>");
        }
        let options: String = scenes
            .iter()
            .map(|s| format!(r#"<option value="{0}">{0}</option>"#, s.id))
            .collect();
        let html = format!(
            r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Map preview</title>
<style>{TOKENS}{PAGE_CSS}{map_css}
{scene_css}</style></head><body>
{defs}
<h1>{title}</h1>
<div class="controls"><label>Scene <select id="scene">{options}</select></label>
<label><input type="checkbox" id="dark"> dark</label>
<label><input type="checkbox" id="reduce"> reduced motion</label></div>
<div class="live">{live}</div>
{stills}
<h2>Lines</h2><div class="legend">{legend}</div>
<script>
const q = new URLSearchParams(location.search);
const inst = document.querySelector('.live .inst-map');
const sel = document.getElementById('scene');
sel.onchange = () => inst.dataset.scene = sel.value;
const dark = document.getElementById('dark');
dark.onchange = () => document.documentElement.dataset.theme = dark.checked ? 'dark' : 'light';
document.getElementById('reduce').onchange = e => document.documentElement.dataset.motion = e.target.checked ? 'reduce' : 'full';
if (q.get('w')) {{ const p = inst.querySelector('.plot'); p.style.width = q.get('w') + 'px'; p.style.height = q.get('h') + 'px'; }}
if (q.get('theme') === 'dark') {{ dark.checked = true; dark.onchange(); }}
if (q.get('scene')) {{
  sel.value = q.get('scene'); sel.onchange();
  document.querySelectorAll('section.scene').forEach(s => s.hidden = s.dataset.id !== q.get('scene'));
  if (q.get('only') === 'stills') document.querySelector('.live').hidden = true;
}}
</script></body></html>"#,
            title = markup::escape(&map.title),
            legend = markup::legend_list(&map, &[]),
        );
        let mut parts = vec![
            ("defs.html".to_string(), defs),
            ("scene.css".to_string(), scene_css),
            ("instrument.html".to_string(), live),
            ("map.css".to_string(), map_css.clone()),
        ];
        parts.extend(still_parts);
        Ok((html, parts))
    })();
    let (html, parts) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let parts_dir = out.join("parts");
    if let Err(e) = std::fs::create_dir_all(&parts_dir) {
        eprintln!("cannot create {}: {e}", parts_dir.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in std::iter::once(("index.html".to_string(), html))
        .map(|(n, t)| (out.join(n), t))
        .chain(parts.into_iter().map(|(n, t)| (parts_dir.join(n), t)))
    {
        if let Err(e) = std::fs::write(&name, text) {
            eprintln!("cannot write {}: {e}", name.display());
            return ExitCode::FAILURE;
        }
    }
    eprintln!("wrote {}", out.join("index.html").display());
    ExitCode::SUCCESS
}

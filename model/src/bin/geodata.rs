//! Derives the map's base geometry (`content/geo/base.txt`) from world-atlas's TopoJSON, for the
//! region the content's `map.toml` names. Run by `scripts/geodata.sh`, which installs the npm
//! package first.
//!
//! usage: geodata TOPOJSON OUT [CONTENT_DIR]   (default: $EXPLAINER_CONTENT or content)

use explainer_model::map::{geo, proj::Region};
use std::process::ExitCode;

/// The region of the content's map (`map.toml`'s `[region]`); `GEODATA_MIN_AREA` (km²)
/// overrides its detail threshold, for experiments.
fn region(dir: &std::path::Path) -> Result<Region, String> {
    #[derive(serde::Deserialize)]
    struct M {
        region: Region,
    }
    let path = dir.join("map.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut only = toml::Table::new();
    if let Some(r) = table.get("region") {
        only.insert("region".into(), r.clone());
    }
    let m: M = toml::Value::Table(only)
        .try_into()
        .map_err(|e| format!("{}: [region]: {e}", path.display()))?;
    let mut r = m.region;
    if let Some(a) = std::env::var("GEODATA_MIN_AREA")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        r.detail_km2 = a;
    }
    Ok(r)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, out) = match args.as_slice() {
        [i, o] | [i, o, _] => (i, o),
        _ => {
            eprintln!("usage: geodata TOPOJSON OUT [CONTENT_DIR]");
            return ExitCode::FAILURE;
        }
    };
    let dir: std::path::PathBuf = args
        .get(2)
        .cloned()
        .or_else(|| std::env::var("EXPLAINER_CONTENT").ok())
        .unwrap_or_else(|| "content".into())
        .into();
    let region = match region(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match std::fs::read_to_string(input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let topo = match geo::parse_json(&text).and_then(|j| geo::decode_topology(&j)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let name = std::path::Path::new(input)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (derived, stats) = geo::derive(&topo, &format!("npm world-atlas 2.0.2, {name}"), &region);
    if let Err(e) = std::fs::write(out, &derived) {
        eprintln!("cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "geodata: {} input vertices near the frame -> {} kept in {} land rings and the borders; {} bytes",
        stats.input_vertices,
        stats.output_vertices,
        stats.rings,
        derived.len()
    );
    ExitCode::SUCCESS
}

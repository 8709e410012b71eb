//! Derives the map's base geometry (`content/geo/base.txt`) from world-atlas's TopoJSON.
//! Run by `scripts/geodata.sh`, which installs the npm package first.
//!
//! usage: geodata TOPOJSON OUT

use explainer_model::map::geo;
use std::process::ExitCode;

/// The derivation's settings; `GEODATA_MIN_AREA` (km²) overrides the threshold for experiments.
fn settings() -> geo::Settings {
    let mut s = geo::SETTINGS;
    if let Some(a) = std::env::var("GEODATA_MIN_AREA")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        s.min_area = a;
    }
    s
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = args.as_slice() else {
        eprintln!("usage: geodata TOPOJSON OUT");
        return ExitCode::FAILURE;
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
    let (derived, stats) =
        geo::derive(&topo, &format!("npm world-atlas 2.0.2, {name}"), settings());
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

//! The map's one projection: Lambert conformal conic on a sphere, standard parallels 25°N and
//! 40°N, centred on 123.5°E, 32°N, in kilometres, with y down and the origin at the top-left
//! corner of the frame (so coordinates match an SVG viewBox directly).
//!
//! Why this projection: the sheet runs from the Taiwan Strait (24°N) to the Yalu (40–42°N), a
//! long north–south band in the middle latitudes. A conformal conic with standard parallels
//! near its ends keeps shapes true (coastlines, the angle of the front lines) and the scale
//! within about 2 % everywhere on the sheet, and it bends the 38th parallel into the gentle
//! arc that maps of Korea usually show.

use std::f64::consts::FRAC_PI_4;

/// Earth radius used by the projection, in km (the authalic sphere is close enough here).
pub const RADIUS_KM: f64 = 6371.0;
/// Central meridian and parallel of origin, degrees.
pub const LON0: f64 = 123.5;
pub const LAT0: f64 = 32.0;
/// Standard parallels, degrees.
pub const LAT1: f64 = 25.0;
pub const LAT2: f64 = 40.0;

/// The frame: the projected bounding box of this lon/lat box (degrees). Geodata is clipped to
/// it; places and lines must lie inside it. It reaches well beyond the story's places so that a
/// plot of any shape its layout class allows (up to 4:1 either way) still shows land and sea to
/// its edges, not the end of the sheet.
pub const WEST: f64 = 108.0;
pub const EAST: f64 = 138.0;
pub const SOUTH: f64 = 15.0;
pub const NORTH: f64 = 50.0;

/// The core of the sheet, [west, east, south, north]: where the story's views are, drawn in full
/// detail; the rest of the frame is drawn coarser.
pub const CORE: [f64; 4] = [115.0, 132.0, 21.0, 43.0];

/// Whether a longitude and latitude lies in the sheet's core.
pub fn in_core(lon: f64, lat: f64) -> bool {
    (CORE[0]..=CORE[1]).contains(&lon) && (CORE[2]..=CORE[3]).contains(&lat)
}

struct Cone {
    n: f64,
    f: f64,
    rho0: f64,
}

fn cone() -> Cone {
    let (p1, p2, p0) = (LAT1.to_radians(), LAT2.to_radians(), LAT0.to_radians());
    let t = |p: f64| (FRAC_PI_4 + p / 2.0).tan();
    let n = (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln();
    let f = p1.cos() * t(p1).powf(n) / n;
    let rho0 = RADIUS_KM * f / t(p0).powf(n);
    Cone { n, f, rho0 }
}

/// Projected coordinates before the frame shift: km east of the central meridian and km north
/// of the parallel of origin.
fn raw(lon: f64, lat: f64) -> (f64, f64) {
    let c = cone();
    let rho = RADIUS_KM * c.f / (FRAC_PI_4 + lat.to_radians() / 2.0).tan().powf(c.n);
    let theta = c.n * (lon - LON0).to_radians();
    (rho * theta.sin(), c.rho0 - rho * theta.cos())
}

/// The frame in raw coordinates: (west x, north y, width, height), width and height whole km.
fn frame_raw() -> (f64, f64, f64, f64) {
    static FRAME: std::sync::OnceLock<(f64, f64, f64, f64)> = std::sync::OnceLock::new();
    *FRAME.get_or_init(compute_frame)
}

fn compute_frame() -> (f64, f64, f64, f64) {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    let steps = 64;
    for i in 0..=steps {
        let s = i as f64 / steps as f64;
        let lon = WEST + (EAST - WEST) * s;
        let lat = SOUTH + (NORTH - SOUTH) * s;
        for (x, y) in [
            raw(lon, SOUTH),
            raw(lon, NORTH),
            raw(WEST, lat),
            raw(EAST, lat),
        ] {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
    }
    let (x0, y1) = (x0.floor(), y1.ceil());
    (x0, y1, (x1 - x0).ceil(), (y1 - y0).ceil())
}

/// The frame's size in map units (km): the `U` and `V` of the SVG viewBox `0 0 U V`.
pub fn frame() -> (u32, u32) {
    let (_, _, w, h) = frame_raw();
    (w as u32, h as u32)
}

/// Projects a longitude and latitude (degrees) to map units (km from the frame's top-left
/// corner, y down).
pub fn project(lon: f64, lat: f64) -> [f64; 2] {
    let (x0, y1, _, _) = frame_raw();
    let (x, y) = raw(lon, lat);
    [x - x0, y1 - y]
}

/// Whether a longitude and latitude lies inside the frame's lon/lat box.
pub fn in_frame(lon: f64, lat: f64) -> bool {
    (WEST..=EAST).contains(&lon) && (SOUTH..=NORTH).contains(&lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_is_a_sheet_around_the_strait_and_the_peninsula_in_whole_kilometres() {
        let (u, v) = frame();
        assert!((3000..3600).contains(&u), "{u}");
        assert!((3800..4200).contains(&v), "{v}");
        for (lon, lat) in [(CORE[0], CORE[2]), (CORE[1], CORE[3])] {
            let [x, y] = project(lon, lat);
            assert!(
                x > 0.0 && x < u as f64 && y > 0.0 && y < v as f64,
                "the core is inside"
            );
        }
        let [x, y] = project(LON0, NORTH);
        assert!(x > 0.0 && x < u as f64 && y > 0.0, "{x} {y}");
        let [_, y] = project(LON0, SOUTH);
        assert!(
            (y - v as f64).abs() < 1.0,
            "the bottom edge is the southern parallel"
        );
    }

    #[test]
    fn distances_come_out_in_kilometres() {
        // Seoul to Pyongyang is about 195 km on the ground.
        let s = project(126.98, 37.57);
        let p = project(125.75, 39.02);
        let d = ((s[0] - p[0]).powi(2) + (s[1] - p[1]).powi(2)).sqrt();
        assert!((185.0..205.0).contains(&d), "{d}");
        // One degree of latitude is about 111 km at the standard parallels.
        let a = project(LON0, LAT1);
        let b = project(LON0, LAT1 + 1.0);
        assert!(((a[1] - b[1]) - 111.2).abs() < 1.0, "{:?} {:?}", a, b);
    }

    #[test]
    fn north_is_up_at_the_central_meridian_and_east_is_right() {
        let a = project(LON0, 30.0);
        let b = project(LON0, 31.0);
        assert!((a[0] - b[0]).abs() < 1e-9 && b[1] < a[1]);
        let c = project(LON0 + 1.0, 30.0);
        assert!(c[0] > a[0]);
    }
}

//! The map's projection: Lambert conformal conic on a sphere, in kilometres, with y down and the
//! origin at the top-left corner of the frame (so coordinates match an SVG viewBox directly). Its
//! parameters are the explainer's: `map.toml`'s `[region]` (see `Region`).
//!
//! Why this projection: a regional sheet in the middle latitudes (this explainer's runs from
//! the Taiwan Strait at 24°N to the Yalu at 40–42°N). A conformal conic with standard parallels
//! near the sheet's ends keeps shapes true (coastlines, the angle of front lines) and the scale
//! within about 2 % everywhere on it.

use serde::Deserialize;
use std::f64::consts::FRAC_PI_4;

/// Earth radius used by the projection, in km (the authalic sphere is close enough here).
pub const RADIUS_KM: f64 = 6371.0;

/// Where the map is: its sheet, its projection, and which Natural Earth layers it draws. The
/// geodata step (`scripts/geodata.sh`) cuts the land and borders for it at build time.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The sheet's lon/lat box, degrees: geodata is clipped to its projection; places and lines
    /// must lie inside it. Make it reach well beyond the story's places, so that a plot of any
    /// shape still shows land and sea to its edges.
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
    /// Where the story's views are, [west, east, south, north]: drawn in full detail; the rest
    /// of the sheet is drawn coarser.
    pub detail: [f64; 4],
    /// The projection's centre, [lat, lon], and its two standard parallels.
    pub center: [f64; 2],
    pub parallels: [f64; 2],
    /// The countries whose shared borders may be drawn: a short code each (used in the drawn
    /// border's name, `cn-kp`), with its ISO 3166-1 numeric id as Natural Earth gives it.
    #[serde(default)]
    pub countries: Vec<[String; 2]>,
    /// The borders drawn, as pairs of those codes. Land is always drawn, whole.
    #[serde(default)]
    pub borders: Vec<[String; 2]>,
    /// Simplification (Visvalingam–Whyatt): the least triangle a kept point makes, km², inside
    /// `detail` and outside it; and the smallest island or lake kept, km².
    #[serde(default = "default_detail_km2")]
    pub detail_km2: f64,
    #[serde(default = "default_outer_km2")]
    pub outer_km2: f64,
    #[serde(default = "default_island_km2")]
    pub island_km2: f64,
    /// The smallest view a scene zooms to, km across and down.
    #[serde(default = "default_min_view")]
    pub min_view: [f64; 2],
}

fn default_min_view() -> [f64; 2] {
    [380.0, 320.0]
}

fn default_detail_km2() -> f64 {
    8.0
}
fn default_outer_km2() -> f64 {
    60.0
}
fn default_island_km2() -> f64 {
    30.0
}

/// A region's projection, with its frame computed once.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub region: Region,
    n: f64,
    f: f64,
    rho0: f64,
    /// The frame in raw coordinates: west x, north y, width, height (whole km).
    x0: f64,
    y1: f64,
    w: f64,
    h: f64,
}

impl Projection {
    pub fn new(region: &Region) -> Projection {
        let [lat0, _] = region.center;
        let [lat1, lat2] = region.parallels;
        let (p1, p2, p0) = (lat1.to_radians(), lat2.to_radians(), lat0.to_radians());
        let t = |p: f64| (FRAC_PI_4 + p / 2.0).tan();
        // Equal standard parallels make a tangent cone (the limit of the secant formula).
        let n = if (lat1 - lat2).abs() < 1e-9 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (t(p2) / t(p1)).ln()
        };
        let f = p1.cos() * t(p1).powf(n) / n;
        let rho0 = RADIUS_KM * f / t(p0).powf(n);
        let mut p = Projection {
            region: region.clone(),
            n,
            f,
            rho0,
            x0: 0.0,
            y1: 0.0,
            w: 0.0,
            h: 0.0,
        };
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        let steps = 64;
        let r = &p.region;
        for i in 0..=steps {
            let s = i as f64 / steps as f64;
            let lon = r.west + (r.east - r.west) * s;
            let lat = r.south + (r.north - r.south) * s;
            for (x, y) in [
                p.raw(lon, r.south),
                p.raw(lon, r.north),
                p.raw(r.west, lat),
                p.raw(r.east, lat),
            ] {
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
            }
        }
        let (x0, y1f) = (x0.floor(), y1.ceil());
        p.x0 = x0;
        p.y1 = y1f;
        p.w = (x1 - x0).ceil();
        p.h = (y1f - y0).ceil();
        p
    }

    /// Projected coordinates before the frame shift: km east of the central meridian and km
    /// north of the parallel of origin.
    fn raw(&self, lon: f64, lat: f64) -> (f64, f64) {
        let rho = RADIUS_KM * self.f / (FRAC_PI_4 + lat.to_radians() / 2.0).tan().powf(self.n);
        let theta = self.n * (lon - self.region.center[1]).to_radians();
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    /// The frame's size in map units (km): the `U` and `V` of the SVG viewBox `0 0 U V`.
    pub fn frame(&self) -> (u32, u32) {
        (self.w as u32, self.h as u32)
    }

    /// Projects a longitude and latitude (degrees) to map units (km from the frame's top-left
    /// corner, y down).
    pub fn project(&self, lon: f64, lat: f64) -> [f64; 2] {
        let (x, y) = self.raw(lon, lat);
        [x - self.x0, self.y1 - y]
    }

    /// Whether a longitude and latitude lies inside the sheet's lon/lat box.
    pub fn in_frame(&self, lon: f64, lat: f64) -> bool {
        let r = &self.region;
        (r.west..=r.east).contains(&lon) && (r.south..=r.north).contains(&lat)
    }

    /// Whether a longitude and latitude lies where the sheet is drawn in full detail.
    pub fn in_detail(&self, lon: f64, lat: f64) -> bool {
        let d = &self.region.detail;
        (d[0]..=d[1]).contains(&lon) && (d[2]..=d[3]).contains(&lat)
    }
}

#[cfg(test)]
pub(crate) fn sample_region() -> Region {
    Region {
        west: 108.0,
        east: 138.0,
        south: 15.0,
        north: 50.0,
        detail: [115.0, 132.0, 21.0, 43.0],
        center: [32.0, 123.5],
        parallels: [25.0, 40.0],
        countries: vec![],
        borders: vec![],
        detail_km2: 8.0,
        outer_km2: 60.0,
        island_km2: 30.0,
        min_view: [380.0, 320.0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_is_a_sheet_around_the_region_in_whole_kilometres() {
        let p = Projection::new(&sample_region());
        let (u, v) = p.frame();
        assert!((3000..3600).contains(&u), "{u}");
        assert!((3800..4200).contains(&v), "{v}");
        let d = p.region.detail;
        for (lon, lat) in [(d[0], d[2]), (d[1], d[3])] {
            let [x, y] = p.project(lon, lat);
            assert!(
                x > 0.0 && x < u as f64 && y > 0.0 && y < v as f64,
                "the detailed part is inside"
            );
        }
        let [x, y] = p.project(123.5, 50.0);
        assert!(x > 0.0 && x < u as f64 && y > 0.0, "{x} {y}");
        let [_, y] = p.project(123.5, 15.0);
        assert!(
            (y - v as f64).abs() < 1.0,
            "the bottom edge is the southern parallel"
        );
    }

    #[test]
    fn distances_come_out_in_kilometres() {
        let p = Projection::new(&sample_region());
        // Seoul to Pyongyang is about 195 km on the ground.
        let s = p.project(126.98, 37.57);
        let q = p.project(125.75, 39.02);
        let d = ((s[0] - q[0]).powi(2) + (s[1] - q[1]).powi(2)).sqrt();
        assert!((185.0..205.0).contains(&d), "{d}");
        // One degree of latitude is about 111 km at the standard parallels.
        let a = p.project(123.5, 25.0);
        let b = p.project(123.5, 26.0);
        assert!(((a[1] - b[1]) - 111.2).abs() < 1.0, "{:?} {:?}", a, b);
    }

    #[test]
    fn north_is_up_at_the_central_meridian_and_east_is_right() {
        let p = Projection::new(&sample_region());
        let a = p.project(123.5, 30.0);
        let b = p.project(123.5, 31.0);
        assert!((a[0] - b[0]).abs() < 1e-9 && b[1] < a[1]);
        let c = p.project(124.5, 30.0);
        assert!(c[0] > a[0]);
    }

    #[test]
    fn another_region_has_its_own_frame() {
        // The Iberian peninsula, say: a smaller sheet farther west.
        let r = Region {
            west: -12.0,
            east: 6.0,
            south: 34.0,
            north: 46.0,
            detail: [-10.0, 4.0, 36.0, 44.0],
            center: [40.0, -3.5],
            parallels: [37.0, 43.0],
            ..sample_region()
        };
        let p = Projection::new(&r);
        let (u, v) = p.frame();
        assert!(
            (1300..1700).contains(&u) && (1200..1500).contains(&v),
            "{u} {v}"
        );
        let madrid = p.project(-3.7, 40.4);
        assert!(madrid[0] > 0.0 && madrid[0] < u as f64);
    }
}

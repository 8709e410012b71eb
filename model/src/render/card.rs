//! Each page's social card: a 600 × 315 picture of its instrument, drawn by the model as SVG
//! from the same layout data as the page (the timeline's marks on their axis, the diagram's tug
//! bar at its last stage) and turned into a small palette PNG at build time.
//!
//! Why this way: the instruments are HTML and CSS, so a screenshot would need a browser in the
//! build; an SVG drawn from the model needs none, and resvg (pure Rust) rasterizes it in well
//! under a second. Text is set in DejaVu Sans, the face whose widths the model's text measure
//! already knows ([`crate::text`]), and Korean and Chinese in Noto Sans CJK (an em a glyph, as
//! the measure counts them), loaded from the system's fonts (Debian's `fonts-dejavu-core` and
//! `fonts-noto-cjk`), so lines are broken where they fit.

use super::site::Site;
use crate::cast::Shape;
use crate::diagram::{needle, segment, Model, Switches};
use crate::html::{escape, num};
use crate::route::Widget;
use crate::text::{width, wrap, Font};
use crate::theme::LIGHT;
use crate::words::W as Wd;
use std::fmt::Write;
use std::path::Path;

/// The picture's size in pixels: the 1.91 : 1 of Open Graph's large cards at the width Facebook
/// asks of them at least. Twice that would be sharper on dense screens, at about twice the bytes.
pub const W: u32 = 600;
pub const H: u32 = 315;
/// The drawing's own units: twice the pixels.
const DW: u32 = 2 * W;
const DH: u32 = 2 * H;
/// Left and right margin.
const M: f64 = 64.0;
/// The drawing's width between the margins.
const IW: f64 = DW as f64 - 2.0 * M;

const PAPER: &str = LIGHT.paper;
const PAPER_2: &str = LIGHT.paper_2;
const INK: &str = LIGHT.ink;
const MUTED: &str = LIGHT.muted;
const RULE: &str = LIGHT.rule;
const ACCENT: &str = LIGHT.accent;

/// The faces the cards are set in, and where Debian puts them.
pub const FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";
pub const FONT_FILES: [&str; 2] = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];
/// The CJK faces (one collection of every region's), for the editions in Korean and Chinese.
pub const CJK_FONTS: [&str; 2] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
];

/// The font families a card in this language is set in, first choice first.
fn families(lang: &str) -> &'static str {
    match crate::lang::primary(lang).as_str() {
        "ko" => "DejaVu Sans, Noto Sans CJK KR",
        "zh" if lang.to_ascii_lowercase().contains("hant") => "DejaVu Sans, Noto Sans CJK TC",
        "zh" => "DejaVu Sans, Noto Sans CJK SC",
        "ja" => "DejaVu Sans, Noto Sans CJK JP",
        _ => "DejaVu Sans",
    }
}

/// An actor's glyph (as in the page's legend) centred on `(x, y)`, about `2r` across.
fn glyph(o: &mut String, site: &Site, actor: &str, x: f64, y: f64, r: f64) {
    let cast = &site.b.cast;
    let fill = cast.color(actor, false).unwrap_or(INK);
    let shape = cast.get(actor).map_or(Shape::Square, |a| a.shape);
    match shape.polygon() {
        None if shape == Shape::Circle => {
            let _ = write!(
                o,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#,
                num(x),
                num(y),
                num(r)
            );
        }
        None => {
            let _ = write!(
                o,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
                num(x - 0.85 * r),
                num(y - 0.85 * r),
                num(1.7 * r),
                num(1.7 * r)
            );
        }
        Some(p) => {
            let _ = write!(
                o,
                r#"<polygon points="{}" fill="{fill}"/>"#,
                points(p, x, y, r)
            );
        }
    }
}

fn text(
    o: &mut String,
    (x, y): (f64, f64),
    s: &str,
    size: f64,
    bold: bool,
    fill: &str,
    anchor: &str,
) {
    let _ = write!(
        o,
        r#"<text x="{}" y="{}" font-size="{}"{} fill="{fill}"{}>{}</text>"#,
        num(x),
        num(y),
        num(size),
        if bold { r#" font-weight="bold""# } else { "" },
        if anchor == "start" {
            String::new()
        } else {
            format!(r#" text-anchor="{anchor}""#)
        },
        // The break opportunities of Chinese are for the layout; some faces draw them.
        escape(&s.replace(crate::text::ZWSP, ""))
    );
}

/// Lines of `s` no wider than the drawing, at most `max` of them (the last cut with an ellipsis).
fn lines(s: &str, font: Font, max: usize) -> Vec<String> {
    let mut l = wrap(s, font, IW);
    if l.len() > max {
        l.truncate(max);
        let last = &mut l[max - 1];
        while !last.is_empty() && width(&format!("{last} …"), font) > IW {
            last.pop();
        }
        last.push_str(" …");
    }
    l
}

/// The eyebrow and the title, from the top; returns where the title's last line sits.
fn heading(o: &mut String, site: &Site, title: &str, size: f64) -> f64 {
    let m = &site.b.essay.meta;
    let eyebrow = format!("{} · {}", m.credit_series, m.byline)
        .to_uppercase()
        .replace(crate::text::ZWSP, "");
    let _ = write!(
        o,
        r#"<text x="{M}" y="76" font-size="22" font-weight="bold" letter-spacing="2" fill="{ACCENT}">{}</text>"#,
        escape(&eyebrow)
    );
    let mut y = 76.0;
    for l in lines(title, Font::bold(size), 2) {
        y += size * 1.2;
        text(o, (M, y), &l, size, true, INK, "start");
    }
    y
}

/// The first sentence of a text.
fn first_sentence(s: &str) -> &str {
    s.find(". ").map_or(s, |i| &s[..=i])
}

/// The timeline's overview: each lane a band, each event its actor's glyph, the years below.
fn timeline_art(o: &mut String, site: &Site, top: f64, bottom: f64, r: f64) {
    let (Some(plan), Some(tl)) = (&site.timeline, &site.b.timeline) else {
        return;
    };
    let axis_y = bottom - 34.0;
    let lane_h = (axis_y - top) / tl.lane.len().max(1) as f64;
    for (i, p) in tl.lane.iter().enumerate() {
        let y = top + i as f64 * lane_h;
        let fill = if i % 2 == 0 { PAPER_2 } else { PAPER };
        let _ = write!(
            o,
            r#"<rect x="{M}" y="{}" width="{IW}" height="{}" fill="{fill}"/>"#,
            num(y),
            num(lane_h)
        );
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" font-size="15" font-weight="bold" letter-spacing="1" fill="{MUTED}">{}</text>"#,
            num(M + 10.0),
            num(y + 21.0),
            escape(&p.name.to_uppercase().replace(crate::text::ZWSP, ""))
        );
    }
    // Squeezed stretches of the axis: hatched, as on the page.
    for (t0, t1) in plan.axis.breaks() {
        let x0 = M + t0 * IW;
        let _ = write!(
            o,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{PAPER}" opacity="0.7"/>"#,
            num(x0),
            num(top),
            num((t1 - t0) * IW),
            num(axis_y - top)
        );
    }
    for (i, mk) in plan.marks.iter().enumerate() {
        let x = M + mk.t * IW;
        let y = top + (mk.lane + 1) as f64 * lane_h - r - 6.0 - mk.stack as f64 * (r * 1.6);
        let a = tl.event[i].actors.first().map_or("", |a| a.as_str());
        glyph(o, site, a, x, y, r);
    }
    let _ = write!(
        o,
        r#"<rect x="{M}" y="{}" width="{IW}" height="3" fill="{INK}"/>"#,
        num(axis_y)
    );
    // Every fifth year outside the squeezed stretches, as on the page, where there is room.
    let (first, end) = (plan.axis.first_day(), plan.axis.end_day());
    let breaks = plan.axis.breaks();
    let mut last_x = f64::NEG_INFINITY;
    let y0 = crate::date::from_day_number(first as i32).year as i32;
    for year in (y0..).step_by(1).filter(|y| y % 5 == 0) {
        let day = crate::date::day_number(year, 1, 1) as f64;
        if day >= end {
            break;
        }
        let t = plan.axis.t(day);
        if day < first || breaks.iter().any(|&(a, b)| t >= a && t <= b) {
            continue;
        }
        let x = M + t * IW;
        if x - last_x < 70.0 || x > M + IW - 50.0 {
            continue;
        }
        last_x = x;
        let _ = write!(
            o,
            r#"<rect x="{}" y="{}" width="2" height="12" fill="{INK}"/>"#,
            num(x - 1.0),
            num(axis_y)
        );
        text(
            o,
            (x + 5.0, axis_y + 30.0),
            &year.to_string(),
            20.0,
            false,
            MUTED,
            "start",
        );
    }
}

/// The diagram at its last stage: the courses, the tug bar with its needle, the verdict.
fn diagram_art(o: &mut String, site: &Site, top: f64) {
    let Some(g) = site.dg() else { return };
    let d = g.d;
    let m = Model::new(d);
    let last = d.stage.len().saturating_sub(1);
    let bal = m.balance(last, Switches::default());
    let [l, r] = g.names().map(|n| n.replace(crate::text::ZWSP, ""));
    text(
        o,
        (M, top + 34.0),
        &l.to_uppercase(),
        34.0,
        true,
        INK,
        "start",
    );
    text(
        o,
        (M + IW, top + 34.0),
        &r.to_uppercase(),
        34.0,
        true,
        INK,
        "end",
    );
    let details: Vec<String> = d
        .course
        .iter()
        .map(|c| c.detail.replace(crate::text::ZWSP, ""))
        .collect();
    if let [dl, dr, ..] = &details[..] {
        text(o, (M, top + 66.0), dl, 21.0, false, MUTED, "start");
        text(o, (M + IW, top + 66.0), dr, 21.0, false, MUTED, "end");
    }
    let (y, h) = (top + 90.0, 64.0);
    let _ = write!(
        o,
        r#"<rect x="{M}" y="{}" width="{IW}" height="{h}" fill="{PAPER_2}"/>"#,
        num(y)
    );
    for f in m.in_play(last) {
        let (s, w) = segment(&m, f);
        let _ = write!(
            o,
            r#"<rect x="{}" y="{}" width="{}" height="{h}" fill="{}"/>"#,
            num(M + s * IW + 1.5),
            num(y),
            num((w * IW - 3.0).max(1.0)),
            site.b.cast.color(&d.factor[f].actor, false).unwrap_or(INK)
        );
    }
    let cx = M + 0.5 * IW;
    let _ = write!(
        o,
        r#"<rect x="{}" y="{}" width="3" height="{}" fill="{INK}"/>"#,
        num(cx - 1.5),
        num(y - 8.0),
        num(h + 16.0)
    );
    let nx = M + needle(&m, bal) * IW;
    let _ = write!(
        o,
        r#"<rect x="{}" y="{}" width="4" height="{}" fill="{ACCENT}"/><polygon points="{},{} {},{} {},{}" fill="{ACCENT}"/>"#,
        num(nx - 2.0),
        num(y - 6.0),
        num(h + 18.0),
        num(nx - 13.0),
        num(y - 22.0),
        num(nx + 13.0),
        num(y - 22.0),
        num(nx),
        num(y - 4.0)
    );
    text(
        o,
        (cx, y + h + 62.0),
        &g.verdict(bal),
        38.0,
        true,
        INK,
        "middle",
    );
    text(
        o,
        (cx, y + h + 100.0),
        &g.sums(bal).replace(crate::text::ZWSP, ""),
        24.0,
        false,
        MUTED,
        "middle",
    );
}

/// The card as SVG.
pub fn svg(site: &Site, w: Widget) -> String {
    let b = site.b;
    let mut o = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {DW} {DH}" font-family="{}"><rect width="{DW}" height="{DH}" fill="{PAPER}"/>"#,
        families(site.lang)
    );
    let n_events = b.timeline.as_ref().map_or(0, |t| t.event.len());
    match w {
        Widget::Timeline => {
            let y = heading(&mut o, site, &site.widget_title(w), 54.0);
            let sub = site.w.n(Wd::CardTimeline, n_events as u64, &[]);
            text(&mut o, (M, y + 44.0), &sub, 26.0, false, MUTED, "start");
            timeline_art(&mut o, site, y + 76.0, DH as f64 - 20.0, 9.0);
        }
        Widget::Diagram => {
            let y = heading(&mut o, site, &site.widget_title(w), 48.0);
            diagram_art(&mut o, site, y + 48.0);
        }
        Widget::Essay | Widget::Map => {
            let y = heading(&mut o, site, &site.widget_title(w), 54.0);
            let mut y = y + 10.0;
            for l in lines(
                first_sentence(&b.essay.meta.standfirst),
                Font::regular(26.0),
                3,
            ) {
                y += 36.0;
                text(&mut o, (M, y), &l, 26.0, false, MUTED, "start");
            }
            if w == Widget::Essay {
                timeline_art(&mut o, site, y + 28.0, DH as f64 - 20.0, 7.0);
            } else {
                let _ = write!(
                    o,
                    r#"<rect x="{M}" y="{}" width="{IW}" height="3" fill="{RULE}"/>"#,
                    DH - 60
                );
            }
        }
    }
    o.push_str("</svg>\n");
    o
}

/// What the card shows, in words (`og:image:alt`).
pub fn alt(site: &Site, w: Widget) -> String {
    let b = site.b;
    let words = site.w;
    let title = crate::html::plain(&site.widget_title(w)).replace(crate::text::ZWSP, "");
    let n = b.timeline.as_ref().map_or(0, |t| t.event.len()).to_string();
    match w {
        Widget::Timeline => {
            let span = match (&site.timeline, &b.timeline) {
                (Some(p), Some(_)) => words.window(p.axis.first_day(), p.axis.end_day()),
                _ => String::new(),
            };
            words.f(
                Wd::CardTimelineAlt,
                &[("title", &title), ("n", &n), ("span", &span)],
            )
        }
        Widget::Diagram => match site.dg() {
            Some(g) => {
                let m = g.model();
                let last = g.d.stage.len().saturating_sub(1);
                let bal = m.balance(last, Switches::default());
                words.f(
                    Wd::CardDiagramAlt,
                    &[
                        ("title", &title),
                        ("verdict", &g.verdict(bal)),
                        ("sums", &g.sums(bal)),
                    ],
                )
            }
            None => title,
        },
        Widget::Essay => words.f(Wd::CardEssayAlt, &[("title", &title), ("n", &n)]),
        Widget::Map => words.f(Wd::CardMapAlt, &[("title", &title)]),
    }
    .replace(crate::text::ZWSP, "")
}

/// The faces the cards need, read from `dir`; a missing face is left out (its text is then not
/// drawn) and named in the returned notes.
pub fn fonts(dir: &Path) -> (Vec<Vec<u8>>, Vec<String>) {
    let mut faces = Vec::new();
    let mut notes = Vec::new();
    for f in FONT_FILES {
        match std::fs::read(dir.join(f)) {
            Ok(data) => faces.push(data),
            Err(e) => notes.push(format!(
                "{}: {e} (install fonts-dejavu-core; the cards are drawn without their text)",
                dir.join(f).display()
            )),
        }
    }
    (faces, notes)
}

/// The CJK faces, for the cards of editions in Korean, Chinese or Japanese.
pub fn cjk_fonts() -> (Vec<Vec<u8>>, Vec<String>) {
    let mut faces = Vec::new();
    let mut notes = Vec::new();
    for f in CJK_FONTS {
        match std::fs::read(f) {
            Ok(data) => faces.push(data),
            Err(e) => notes.push(format!(
                "{f}: {e} (install fonts-noto-cjk; the CJK editions' cards are drawn without their text)"
            )),
        }
    }
    (faces, notes)
}

/// The SVG as a PNG of at most `colors` colours (an indexed PNG is a fraction of a true-colour
/// one for flat drawings like these).
pub fn png(svg: &str, faces: &[Vec<u8>], colors: usize) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options {
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    for f in faces {
        opt.fontdb_mut().load_font_data(f.clone());
    }
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("card SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("card: empty size")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    // The card is opaque: premultiplied RGBA is plain RGB.
    let rgb: Vec<[u8; 3]> = pixmap
        .data()
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    let (palette, index) = quantize(&rgb, colors);
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, size.width(), size.height());
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_palette(palette.concat());
        enc.set_compression(png::Compression::High);
        enc.set_filter(png::Filter::NoFilter);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&index).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A palette of at most `max` colours and each pixel's index in it: the most frequent colours,
/// each other pixel mapped to the nearest of them. The cards are a few flat colours plus their
/// anti-aliased edges, so the frequent colours are the drawing's own and the edges land on
/// near neighbours.
pub fn quantize(px: &[[u8; 3]], max: usize) -> (Vec<[u8; 3]>, Vec<u8>) {
    use std::collections::HashMap;
    let mut count: HashMap<[u8; 3], usize> = HashMap::new();
    for p in px {
        *count.entry(*p).or_default() += 1;
    }
    let mut by_freq: Vec<([u8; 3], usize)> = count.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let palette: Vec<[u8; 3]> = by_freq
        .iter()
        .take(max.clamp(1, 256))
        .map(|c| c.0)
        .collect();
    let mut memo: HashMap<[u8; 3], u8> = HashMap::new();
    let index = px
        .iter()
        .map(|p| {
            *memo.entry(*p).or_insert_with(|| {
                let d = |q: &[u8; 3]| {
                    (0..3)
                        .map(|i| (p[i] as i32 - q[i] as i32).pow(2))
                        .sum::<i32>()
                };
                (0..palette.len())
                    .min_by_key(|&i| d(&palette[i]))
                    .unwrap_or(0) as u8
            })
        })
        .collect();
    (palette, index)
}

/// A glyph's polygon (its corners as fractions of its box) centred at (x, y), `r` from its
/// centre to its box's edge, as SVG `points` (the card and the stills draw glyphs alike).
pub(super) fn points(corners: &[(f64, f64)], x: f64, y: f64, r: f64) -> String {
    corners
        .iter()
        .map(|(fx, fy)| {
            format!(
                "{},{}",
                num(x + (fx * 2.0 - 1.0) * r),
                num(y + (fy * 2.0 - 1.0) * r)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::mini;

    fn site_of(b: &crate::content::Bundle) -> Site<'_> {
        let w = Box::leak(Box::new(crate::words::english()));
        Site::new(b, w, "", None, Vec::new())
    }

    #[test]
    fn each_card_draws_its_instrument_from_the_model() {
        let b = mini();
        let site = site_of(&b);
        let t = svg(&site, Widget::Timeline);
        assert!(t.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="315" viewBox="0 0 1200 630""#));
        let glyphs = t.matches("<circle").count()
            + t.matches("<polygon").count()
            + t.matches("<rect").count()
            - t.matches(r#"height="3""#).count();
        assert!(
            glyphs >= b.timeline.as_ref().unwrap().event.len(),
            "a glyph per event"
        );
        let d = svg(&site, Widget::Diagram);
        let g = site.dg().unwrap();
        let last = g.d.stage.len() - 1;
        assert!(d.contains(&escape(
            &g.verdict(g.model().balance(last, Switches::default()))
        )));
        assert!(svg(&site, Widget::Essay).contains(&escape(&b.essay.meta.title)));
    }

    #[test]
    fn long_titles_wrap_within_the_card_and_are_cut_after_two_lines() {
        let l = lines(&"word ".repeat(80), Font::bold(54.0), 2);
        assert_eq!(l.len(), 2);
        assert!(l[1].ends_with(" …"));
        assert!(l.iter().all(|x| width(x, Font::bold(54.0)) <= IW));
    }

    #[test]
    fn quantizing_keeps_the_drawing_colours_and_maps_edges_to_neighbours() {
        let mut px = vec![[251, 249, 244]; 100];
        px.extend(vec![[193, 39, 45]; 50]);
        px.push([200, 60, 60]);
        let (pal, idx) = quantize(&px, 2);
        assert_eq!(pal, vec![[251, 249, 244], [193, 39, 45]]);
        assert_eq!(idx[150], 1, "the edge pixel goes to the nearer colour");
        assert_eq!(idx.len(), px.len());
    }

    #[test]
    fn a_card_is_a_small_png_of_the_right_size() {
        let b = mini();
        let site = site_of(&b);
        let (faces, _) = fonts(Path::new(FONT_DIR));
        let png = png(&svg(&site, Widget::Diagram), &faces, 64).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[16..24], &[0, 0, 2, 88, 0, 0, 1, 59], "600 × 315");
        assert!(png.len() < 16_000, "{} bytes", png.len());
    }
}

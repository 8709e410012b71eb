//! What every page of one edition is written from: the edition's content and words, each
//! instrument's scenes laid out once, the other editions (for the language control and
//! `hreflang`), and the public address. Below the page writers, above the instruments.

use crate::content::{Bundle, Graphic};
use crate::diagram::markup::Dg;
use crate::load::{Content, Edition};
use crate::map::geo::Base;
use crate::map::Scene as MapScene;
use crate::route::Widget;
use crate::story::Inst;
use crate::timeline::markup::Tl;
use crate::timeline::scenes::{plan, Plan};
use crate::words::{Words, W};

/// Where the build is served without the setting: where `scripts/serve.sh` serves.
pub const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

/// The land's file name: it changes when the land does, so browsers may cache it for ever.
pub fn land_name(base: &Base) -> String {
    use sha2::{Digest, Sha256};
    let h: String = Sha256::digest(crate::map::markup::land_file(base).as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("geo-{h}.svg")
}

/// Another edition of the same explainer, as a page links to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sibling {
    pub lang: String,
    /// Its folder relative to the original's ("" or `ko/`).
    pub dir: String,
    /// Its language's name in that language ("한국어").
    pub name: String,
}

/// Everything a page of one edition is written from.
pub struct Site<'a> {
    pub b: &'a Bundle,
    pub w: &'a Words,
    pub lang: &'a str,
    /// This edition's folder relative to the original's ("" for the original, `ko/`).
    pub dir: &'a str,
    /// Every edition, this one included, in the content's order.
    pub editions: Vec<Sibling>,
    pub timeline: Option<Plan>,
    /// The diagram's scenes: essay steps, then stages.
    pub diagram: Option<(Vec<crate::diagram::Scene>, Vec<crate::diagram::Scene>)>,
    /// The map's geometry, when the content has a map.
    pub geo: Option<&'a Base>,
    /// The map's scene for each essay step that shows it (step id, scene).
    pub map_steps: Vec<(String, MapScene)>,
    /// Where the original's folder is served, ending in `/` (see [`super::share::public_base`]).
    pub base: String,
    /// The land's file (`geo-<hash>.svg`), relative to the original's folder.
    pub land_file: String,
}

impl<'a> Site<'a> {
    /// The site of one edition of a content folder.
    pub fn of(content: &'a Content, e: &'a Edition) -> Site<'a> {
        let editions = content
            .editions
            .iter()
            .map(|x| Sibling {
                lang: x.lang.clone(),
                dir: x.dir.clone(),
                name: x.words.t(W::LanguageName).to_string(),
            })
            .collect();
        Site::new(&e.bundle, &e.words, &e.dir, content.geo.as_ref(), editions)
    }

    pub fn new(
        b: &'a Bundle,
        w: &'a Words,
        dir: &'a str,
        geo: Option<&'a Base>,
        editions: Vec<Sibling>,
    ) -> Site<'a> {
        let map_steps = match &b.map {
            Some(m) => b
                .steps()
                .filter_map(|(_, s)| match &s.graphic {
                    Graphic::Map { line, highlight } => {
                        Some((s.id.to_string(), MapScene::new(m, line, highlight)))
                    }
                    _ => None,
                })
                .collect(),
            None => Vec::new(),
        };
        Site {
            b,
            w,
            lang: &b.essay.meta.lang,
            dir,
            editions,
            timeline: b.timeline.as_ref().map(|t| plan(b, t, w)),
            diagram: b.diagram.as_ref().map(|d| crate::diagram::scenes(b, d)),
            geo: geo.filter(|_| b.map.is_some()),
            map_steps,
            base: DEFAULT_BASE.into(),
            land_file: geo.map(land_name).unwrap_or_default(),
        }
    }

    /// Where a page's map finds its land.
    pub fn land(&self, w: Widget, lazy: bool) -> crate::map::markup::Land {
        crate::map::markup::Land {
            href: crate::route::relative(&self.page_dir(w), &self.land_file),
            lazy,
        }
    }

    /// The pages this edition has: the essay, then a page per instrument it has.
    pub fn widgets(&self) -> Vec<Widget> {
        let mut v = vec![Widget::Essay];
        for i in self.b.instruments() {
            v.push(match i {
                Inst::Timeline => Widget::Timeline,
                Inst::Diagram => Widget::Diagram,
                Inst::Map => Widget::Map,
            });
        }
        if self.geo.is_none() {
            v.retain(|w| *w != Widget::Map);
        }
        v
    }

    pub fn tl(&self) -> Option<Tl<'_>> {
        Some(Tl {
            tl: self.b.timeline.as_ref()?,
            cast: &self.b.cast,
            plan: self.timeline.as_ref()?,
            w: self.w,
        })
    }

    pub fn dg(&self) -> Option<Dg<'_>> {
        Some(Dg {
            d: self.b.diagram.as_ref()?,
            cast: &self.b.cast,
            w: self.w,
        })
    }

    /// The map's scene at an essay step.
    pub fn map_scene(&self, step: &str) -> Option<&MapScene> {
        self.map_steps
            .iter()
            .find(|(id, _)| id == step)
            .map(|(_, s)| s)
    }

    /// A page's folder relative to the original's (`ko/timeline/`).
    pub fn page_dir(&self, w: Widget) -> String {
        [self.dir, w.spec().dir].concat()
    }

    /// How to get from a page of this edition back to the original's folder (`../../`).
    pub fn to_root(&self, w: Widget) -> String {
        "../".repeat(self.page_dir(w).matches('/').count())
    }

    /// The widget's headline: the diagram's own, the timeline's span, the map's title.
    pub fn widget_title(&self, w: Widget) -> String {
        let b = self.b;
        match w {
            Widget::Essay => b.essay.meta.title.to_string(),
            Widget::Timeline => match b.timeline.as_ref().map(|t| (t.era.first(), t.era.last())) {
                Some((Some(a), Some(z))) => self.w.f(
                    W::WidgetTimelineTitle,
                    &[
                        ("from", &a.from.start.year.to_string()),
                        ("to", &z.to.end.unwrap_or(z.to.start).year.to_string()),
                    ],
                ),
                _ => self.w.t(W::InstTimeline).to_string(),
            },
            Widget::Diagram => b
                .diagram
                .as_ref()
                .map_or_else(|| self.w.t(W::InstDiagram).to_string(), |d| d.title.clone()),
            Widget::Map => b
                .map
                .as_ref()
                .map_or_else(|| self.w.t(W::InstMap).to_string(), |m| m.title.clone()),
        }
    }
}

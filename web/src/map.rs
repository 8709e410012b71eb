//! The live map: the drawing is in the page; this shows its scenes (the view glides, the lines
//! and marks of the scene come in, its labels' layer is brought in the first time).

use crate::dom;
use crate::scene::Player;
use explainer_model::contract::MapData;
use std::rc::Rc;
use web_sys::Element;

struct Inner {
    data: MapData,
    player: Player,
    _alive: dom::Alive,
}

#[derive(Clone)]
pub struct Map(Rc<Inner>);

impl Map {
    pub fn attach(inst: Element) -> Map {
        // The land is a file of its own, brought in with the app (the essay's stage is drawn only
        // with it; a map's own page names it at once).
        // (An SVG `<image>` is no HtmlElement, so not `dom::find`, which would miss it.)
        if let Ok(Some(img)) = inst.query_selector("image[data-href]") {
            let href = dom::attr(&img, "data-href");
            dom::set_attr(&img, "href", Some(&href));
        }
        Map(Rc::new(Inner {
            data: MapData::read(|k| dom::attr(&inst, k)),
            player: Player::attach(inst),
            _alive: dom::Alive::new(),
        }))
    }

    pub fn show(&self, scene: &str) -> bool {
        self.0.player.show(scene)
    }

    pub fn scene(&self) -> String {
        self.0.player.scene()
    }

    /// The line of the scene on show (what `#line-…` names).
    pub fn line(&self) -> Option<String> {
        self.0.data.line_of(&self.scene()).map(String::from)
    }

    /// The scene that draws a line.
    pub fn scene_of(&self, line: &str) -> Option<String> {
        self.0.data.scene_of(line).map(String::from)
    }

    pub fn scenes(&self) -> Vec<String> {
        self.0.data.scenes.ids().map(String::from).collect()
    }
}

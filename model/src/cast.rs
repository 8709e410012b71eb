//! The cast: the parties an explainer's story is about, as its `cast.toml` declares them. Each
//! actor has one hue per theme and one glyph shape, used alike by every instrument, legend, card
//! and stylesheet, so that colour is never the only cue.

use serde::Deserialize;

/// A glyph's shape. The engine knows these; an explainer picks one per actor.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    TriangleDown,
    Hexagon,
}

impl Shape {
    pub const ALL: [Shape; 6] = [
        Shape::Circle,
        Shape::Square,
        Shape::Diamond,
        Shape::Triangle,
        Shape::TriangleDown,
        Shape::Hexagon,
    ];

    /// The outline as fractions of the glyph's box (x, y from the top left); None for the
    /// circle and the square, which need none.
    pub fn polygon(self) -> Option<&'static [(f64, f64)]> {
        match self {
            Shape::Circle | Shape::Square => None,
            Shape::Diamond => Some(&[(0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5)]),
            Shape::Triangle => Some(&[(0.5, 0.0), (1.0, 1.0), (0.0, 1.0)]),
            Shape::TriangleDown => Some(&[(0.0, 0.0), (1.0, 0.0), (0.5, 1.0)]),
            Shape::Hexagon => Some(&[
                (0.25, 0.0),
                (0.75, 0.0),
                (1.0, 0.5),
                (0.75, 1.0),
                (0.25, 1.0),
                (0.0, 0.5),
            ]),
        }
    }

    /// The CSS `clip-path` that cuts a square glyph to this shape.
    pub fn clip_path(self) -> Option<String> {
        let pts = self.polygon()?;
        let pct = |v: f64| format!("{}%", crate::html::num(v * 100.0));
        let list: Vec<String> = pts
            .iter()
            .map(|&(x, y)| format!("{} {}", pct(x), pct(y)))
            .collect();
        Some(format!("polygon({})", list.join(",")))
    }

    pub fn slug(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Diamond => "diamond",
            Shape::Triangle => "triangle",
            Shape::TriangleDown => "triangle-down",
            Shape::Hexagon => "hexagon",
        }
    }
}

/// One party of the story.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// A slug: what events, factors and lines name, and the CSS class `a-<id>`.
    pub id: String,
    /// In full, for screen readers and legends ("People's Republic of China").
    pub name: String,
    /// On labels, keys and filters ("PRC").
    pub short: String,
    /// Its hue in the light theme, `#rrggbb`.
    pub color: String,
    /// Its hue in the dark theme.
    pub dark: String,
    pub shape: Shape,
}

/// Every actor, in the order the file gives (the order of keys and legends).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cast {
    #[serde(rename = "actor", default)]
    pub actors: Vec<Actor>,
}

impl Cast {
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The short name of an actor id (the id itself if it is not in the cast).
    pub fn short<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |a| a.short.as_str())
    }

    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |a| a.name.as_str())
    }

    /// An actor's hue for a theme.
    pub fn color(&self, id: &str, dark: bool) -> Option<&str> {
        self.get(id).map(|a| {
            if dark {
                a.dark.as_str()
            } else {
                a.color.as_str()
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cut_a_square() {
        assert_eq!(
            Shape::Diamond.clip_path().as_deref(),
            Some("polygon(50% 0%,100% 50%,50% 100%,0% 50%)")
        );
        assert_eq!(Shape::Circle.clip_path(), None);
        for s in Shape::ALL {
            for &(x, y) in s.polygon().unwrap_or(&[]) {
                assert!((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y));
            }
        }
    }
}

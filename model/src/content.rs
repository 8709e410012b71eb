//! The content an explainer is made of, as plain data.
//!
//! Strings and lists are `Cow<'static, _>` so that the same types serve twice: filled from TOML at
//! build time (owned), and baked into the browser build as `static` data (borrowed), with no
//! parser shipped to readers.

use crate::date::DateSpan;
use serde::Deserialize;
use std::borrow::Cow;

pub type Text = Cow<'static, str>;
pub type List<T> = Cow<'static, [T]>;

/// One explainer: the essay's steps, the timeline and the decision diagram.
#[derive(Clone, Debug, Deserialize)]
pub struct Bundle {
    pub essay: Essay,
    pub timeline: Timeline,
    pub diagram: Diagram,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Essay {
    pub meta: Meta,
    pub chapter: List<Chapter>,
    /// The "Sources and method" section at the end of the essay.
    #[serde(default)]
    pub method: Method,
    /// What changed since publication, newest last.
    #[serde(default)]
    pub correction: List<Correction>,
}

/// How the explainer was made: paragraphs for the "Sources and method" section.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    #[serde(default)]
    pub text: Text,
}

/// One entry of the corrections list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// ISO day the correction was made (`2026-11-27`).
    pub date: Text,
    pub text: Text,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: Text,
    pub lang: Text,
    pub title: Text,
    pub standfirst: Text,
    pub byline: Text,
    pub credit_title: Text,
    pub credit_series: Text,
    pub credit_publisher: Text,
    #[serde(default)]
    pub credit_url: Text,
    #[serde(default)]
    pub about: Text,
    /// The original essay's author, when the source names one; empty says "no author is named".
    #[serde(default)]
    pub credit_author: Text,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub id: Text,
    pub kicker: Text,
    pub title: Text,
    pub step: List<Step>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: Text,
    /// The step's prose. Empty in the browser build: the prose ships once, in the prerendered HTML.
    pub text: Text,
    /// What the graphic shows at this step, in one sentence, for screen readers and stills.
    pub summary: Text,
    /// The one change this step makes, in a sentence shown at the thing it is about.
    #[serde(default)]
    pub note: Text,
    /// What `note` is attached to: a highlighted event (timeline step) or a factor in play
    /// (diagram step); empty means the first highlight, or the first factor the stage adds.
    #[serde(default)]
    pub anchor: Text,
    /// Passages of `text` that go beyond the essay, each with its source.
    #[serde(default)]
    pub added: List<Addition>,
    pub graphic: Graphic,
}

/// A passage of a step's text that the essay does not contain: the explainer's own addition.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addition {
    /// The passage, exactly as it appears in the step's text.
    pub quote: Text,
    pub source: Source,
}

/// What the pinned graphic shows while a step is active.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "view", rename_all = "lowercase", deny_unknown_fields)]
pub enum Graphic {
    Timeline {
        from: DateSpan,
        to: DateSpan,
        #[serde(default)]
        highlight: List<Text>,
    },
    Diagram {
        stage: Text,
        /// Factor ids lit at this step (default: the factors the stage adds).
        #[serde(default)]
        highlight: List<Text>,
    },
    Map {
        /// The front line (or other line) of `map.toml` shown at this step.
        line: Text,
        /// Place ids lit at this step.
        #[serde(default)]
        highlight: List<Text>,
    },
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub era: List<Era>,
    pub event: List<Event>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Era {
    pub id: Text,
    pub label: Text,
    pub from: DateSpan,
    pub to: DateSpan,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Text,
    pub date: DateSpan,
    pub title: Text,
    pub text: Text,
    pub actors: List<Actor>,
    /// Where it happened: the timeline's lane (required).
    pub place: Place,
    /// The essay does not mention it: the explainer's addition (its source says where it is from).
    #[serde(default)]
    pub added: bool,
    /// Where sources give other dates; empty when they agree.
    #[serde(default)]
    pub dispute: Text,
    pub source: Source,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Text,
    pub url: Text,
}

/// Where an event happened: the timeline's four lanes, from the strait to the capitals.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Strait,
    #[default]
    Mainland,
    Korea,
    World,
}

impl Place {
    pub const ALL: [Place; 4] = [Place::Strait, Place::Mainland, Place::Korea, Place::World];

    pub fn label(self) -> &'static str {
        match self {
            Place::Strait => "Taiwan Strait",
            Place::Mainland => "Mainland China",
            Place::Korea => "Korea",
            Place::World => "Washington, Moscow, UN",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Place::Strait => "strait",
            Place::Mainland => "mainland",
            Place::Korea => "korea",
            Place::World => "world",
        }
    }
}

/// The parties of the story. Each has one hue and one shape, used alike in every graphic.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    #[serde(rename = "PRC")]
    Prc,
    #[serde(rename = "USSR")]
    Ussr,
    #[serde(rename = "DPRK")]
    Dprk,
    #[serde(rename = "ROK")]
    Rok,
    #[serde(rename = "US/UN")]
    UsUn,
    #[serde(rename = "ROC")]
    Roc,
}

impl Actor {
    pub const ALL: [Actor; 6] = [
        Actor::Prc,
        Actor::Ussr,
        Actor::Dprk,
        Actor::Rok,
        Actor::UsUn,
        Actor::Roc,
    ];

    /// The short name shown on labels and filters.
    pub fn code(self) -> &'static str {
        match self {
            Actor::Prc => "PRC",
            Actor::Ussr => "USSR",
            Actor::Dprk => "DPRK",
            Actor::Rok => "ROK",
            Actor::UsUn => "US/UN",
            Actor::Roc => "ROC",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Actor::Prc => "People's Republic of China",
            Actor::Ussr => "Soviet Union",
            Actor::Dprk => "North Korea",
            Actor::Rok => "South Korea",
            Actor::UsUn => "United States and UN command",
            Actor::Roc => "Republic of China (Taiwan)",
        }
    }

    /// A CSS-safe token: the stylesheet maps it to the actor's hue and the graphics to its shape.
    pub fn slug(self) -> &'static str {
        match self {
            Actor::Prc => "prc",
            Actor::Ussr => "ussr",
            Actor::Dprk => "dprk",
            Actor::Rok => "rok",
            Actor::UsUn => "us",
            Actor::Roc => "roc",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    /// The diagram's headline when it stands alone (its widget and embeds).
    pub title: Text,
    pub note: Text,
    pub course: List<Course>,
    pub factor: List<Factor>,
    pub stage: List<Stage>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub id: Text,
    /// The course's name, short and in capitals on the stage ("Enter Korea").
    pub label: Text,
    /// What the course meant, under its name ("Taiwan and the home front first").
    #[serde(default)]
    pub detail: Text,
    /// How a lean its way is said in a verdict ("staying out" in "Leans toward staying out").
    #[serde(default)]
    pub toward: Text,
}

impl Course {
    /// The verdict's words for this course: `toward`, or the label when none is given.
    pub fn toward_words(&self) -> &str {
        if self.toward.is_empty() {
            &self.label
        } else {
            &self.toward
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: Text,
    pub label: Text,
    pub explain: Text,
    /// The course id this factor pulls toward.
    pub toward: Text,
    /// 1 (slight) to 5 (decisive): the explainer's reading of the essay, not a measurement.
    pub strength: u8,
    /// Whose move created the pressure: its colour and glyph in the ledger (required).
    pub actor: Actor,
    /// The essay does not name it: the explainer's addition (then `source` is required).
    #[serde(default)]
    pub added: bool,
    #[serde(default)]
    pub event: Text,
    pub chapter: Text,
    pub whatif: Text,
    #[serde(default)]
    pub source: Option<Source>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Text,
    pub label: Text,
    pub date: DateSpan,
    pub adds: List<Text>,
}

impl Bundle {
    pub fn steps(&self) -> impl Iterator<Item = (&Chapter, &Step)> + '_ {
        self.essay
            .chapter
            .iter()
            .flat_map(|c| c.step.iter().map(move |s| (c, s)))
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.timeline.event.iter().find(|e| e.id == id)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.diagram.stage.iter().position(|s| s.id == id)
    }
}

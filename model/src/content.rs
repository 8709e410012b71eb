//! The content an explainer is made of, as plain data: what its TOML files say, checked by the
//! loader (`crate::load`). The engine knows nothing about any one story: the cast, the lanes, the
//! map's region and every word of the interface come from here or from the words table.

use crate::cast::Cast;
use crate::date::DateSpan;
use serde::Deserialize;

pub type Text = String;
pub type List<T> = Vec<T>;

/// One explainer in one language: the essay's steps and whichever instruments it has.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub essay: Essay,
    pub cast: Cast,
    pub timeline: Option<Timeline>,
    pub diagram: Option<Diagram>,
    pub map: Option<crate::map::Map>,
    /// How this edition names things, where that needs saying (editions only).
    pub glossary: Vec<Term>,
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
    /// The language the content is written in (BCP 47: `en`).
    pub lang: Text,
    /// Other editions, each a translation in `editions/<tag>/` (BCP 47 tags: `ko`, `zh-Hans`).
    #[serde(default)]
    pub editions: List<Text>,
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
    /// The language of the original essay (its title is marked with it on other editions' pages).
    #[serde(default)]
    pub credit_lang: Text,
    /// An edition's own rendering of the original's title, shown after it (editions only).
    #[serde(skip)]
    pub credit_title_local: Text,
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
    /// The step's prose.
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

impl Graphic {
    pub fn inst(&self) -> crate::story::Inst {
        match self {
            Graphic::Timeline { .. } => crate::story::Inst::Timeline,
            Graphic::Diagram { .. } => crate::story::Inst::Diagram,
            Graphic::Map { .. } => crate::story::Inst::Map,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// The lanes events sit in, top to bottom (wide) or left to right (narrow).
    #[serde(default)]
    pub lane: List<Lane>,
    pub era: List<Era>,
    pub event: List<Event>,
}

/// One of the timeline's lanes: where an event happened, or whose story it is.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: Text,
    /// Its name on the wide plot's band ("Taiwan Strait").
    pub name: Text,
    /// Its short name in the narrow plot's key ("Strait").
    pub key: Text,
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
    /// Actor ids of `cast.toml`; the first gives the mark its hue and shape.
    pub actors: List<Text>,
    /// The lane's id.
    pub lane: Text,
    /// The essay does not mention it: the explainer's addition (its source says where it is from).
    #[serde(default)]
    pub added: bool,
    /// Where sources give other dates; empty when they agree.
    #[serde(default)]
    pub dispute: Text,
    pub source: Source,
    /// A source in the edition's language (editions only).
    #[serde(skip)]
    pub also: Option<Source>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Text,
    pub url: Text,
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
    /// Whose move created the pressure (an actor id): its colour and glyph in the ledger.
    pub actor: Text,
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

/// One entry of an edition's glossary: how it writes a name, and where usage differs.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The name in the original language.
    pub en: Text,
    /// The name as this edition writes it.
    pub local: Text,
    /// Who calls it what, where usage is contested (Beijing, Taipei, Seoul, Pyongyang); or why
    /// this form was chosen.
    #[serde(default)]
    pub note: Text,
    /// Usage differs between the parties: the page says so beside the name.
    #[serde(default)]
    pub contested: bool,
}

impl Bundle {
    pub fn steps(&self) -> impl Iterator<Item = (&Chapter, &Step)> + '_ {
        self.essay
            .chapter
            .iter()
            .flat_map(|c| c.step.iter().map(move |s| (c, s)))
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.timeline.as_ref()?.event.iter().find(|e| e.id == id)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.diagram.as_ref()?.stage.iter().position(|s| s.id == id)
    }

    /// The instruments this explainer has, in the engine's order.
    pub fn instruments(&self) -> Vec<crate::story::Inst> {
        use crate::story::Inst;
        let mut v = Vec::new();
        if self.timeline.is_some() {
            v.push(Inst::Timeline);
        }
        if self.diagram.is_some() {
            v.push(Inst::Diagram);
        }
        if self.map.is_some() {
            v.push(Inst::Map);
        }
        v
    }

    pub fn has(&self, inst: crate::story::Inst) -> bool {
        self.instruments().contains(&inst)
    }

    /// The language the pages of this bundle are written in.
    pub fn lang(&self) -> &str {
        &self.essay.meta.lang
    }
}

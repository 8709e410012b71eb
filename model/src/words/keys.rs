//! Every key of the interface words, with the names its pattern is filled with: the one typed
//! table that the default words (`model/words/*.toml`), an explainer's overrides, the page writers
//! and the browser's patterns all agree on. A key missing from a table, or a pattern that uses
//! another name, is a content error with its file and line.

/// How a key's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One pattern.
    Text,
    /// Plural forms (a table of CLDR categories, `other` required), chosen by `n`.
    Plural,
    /// A fixed number of patterns (the months).
    List(usize),
}

macro_rules! keys {
    ($($name:ident = $key:literal $kind:ident $($len:literal)? [$($arg:ident),*];)*) => {
        /// An interface word.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum W { $($name),* }

        /// Every key: its name in the tables, how it is written, and its pattern's names.
        pub const KEYS: &[(W, &str, Kind, &[&str])] = &[
            $((W::$name, $key, keys!(@kind $kind $($len)?), &[$(stringify!($arg)),*])),*
        ];
    };
    (@kind text) => { Kind::Text };
    (@kind plural) => { Kind::Plural };
    (@kind list $len:literal) => { Kind::List($len) };
}

impl W {
    pub fn key(self) -> &'static str {
        KEYS[self as usize].1
    }

    pub fn kind(self) -> Kind {
        KEYS[self as usize].2
    }

    pub fn names(self) -> &'static [&'static str] {
        KEYS[self as usize].3
    }

    pub fn parse(key: &str) -> Option<W> {
        KEYS.iter().find(|k| k.1 == key).map(|k| k.0)
    }
}

keys! {
    LanguageName = "language_name" text [];
    TranslationNote = "translation_note" text [];
    LangLabel = "lang_label" text [];
    Months = "months" list 12 [];
    MonthsShort = "months_short" list 12 [];
    DateYear = "date_year" text [year];
    DateMonth = "date_month" text [month, year];
    DateDay = "date_day" text [day, month, year];
    RangeDays = "range_days" text [day, day2, month, year];
    RangeDaysMonths = "range_days_months" text [day, month, day2, month2, year];
    RangeMonths = "range_months" text [month, month2, year];
    RangeYears = "range_years" text [year, year2];
    Range = "range" text [from, to];
    TickDayMonth = "tick_day_month" text [day, month];
    TickDay = "tick_day" text [day];
    TickMonthYear = "tick_month_year" text [month, year];
    TickMonth = "tick_month" text [month];
    TickYear = "tick_year" text [year];
    PrecisionDay = "precision_day" text [];
    PrecisionMonth = "precision_month" text [];
    PrecisionYear = "precision_year" text [];
    PrecisionRange = "precision_range" text [];
    ListSep = "list_sep" text [];
    ListLast = "list_last" text [];
    ListSemi = "list_semi" text [];
    SkipToStory = "skip_to_story" text [];
    Eyebrow = "eyebrow" text [series];
    ReadingOptions = "reading_options" text [];
    ToolPlain = "tool_plain" text [];
    ToolMotion = "tool_motion" text [];
    TocLabel = "toc_label" text [];
    TocTitle = "toc_title" text [];
    TocSourcesKicker = "toc_sources_kicker" text [];
    TocSources = "toc_sources" text [];
    Credit = "credit" text [title, series, publisher];
    CreditAuthor = "credit_author" text [author];
    CreditNoAuthor = "credit_no_author" text [];
    StepperLabel = "stepper_label" text [];
    PrevStep = "prev_step" text [];
    NextStep = "next_step" text [];
    StepOf = "step_of" text [total];
    JumpChapter = "jump_chapter" text [];
    EventDetails = "event_details" text [];
    StillLabel = "still_label" text [];
    AddedRef = "added_ref" text [n];
    WhatifTryLabel = "whatif_try_label" text [];
    WhatifTryLead = "whatif_try_lead" text [];
    AboutTitle = "about_title" text [];
    WeightsNote = "weights_note" text [note];
    ChronologyTitle = "chronology_title" text [];
    DateDisputed = "date_disputed" text [text];
    NotInEssay = "not_in_essay" text [];
    SourcesTitle = "sources_title" text [];
    AdditionsTitle = "additions_title" text [];
    EventsAdded = "events_added" text [n, added];
    WeightsTitle = "weights_title" text [];
    WeightsLead = "weights_lead" text [];
    WeightsFactor = "weights_factor" text [];
    WeightsToward = "weights_toward" text [];
    WeightsStrength = "weights_strength" text [];
    WeightsOff = "weights_off" text [];
    WeightsAdded = "weights_added" text [];
    WeightsChanges = "weights_changes" text [];
    FactorsAdded = "factors_added" text [list];
    CorrectionsTitle = "corrections_title" text [];
    CorrectionsNone = "corrections_none" text [];
    GlossaryTitle = "glossary_title" text [];
    GlossaryLead = "glossary_lead" text [];
    GlossaryContested = "glossary_contested" text [];
    AlsoSource = "also_source" text [];
    Source = "source" text [];
    InstTimeline = "inst_timeline" text [];
    InstDiagram = "inst_diagram" text [];
    InstMap = "inst_map" text [];
    CreditLine = "credit_line" text [title, essay, publisher];
    WidgetTimelineTitle = "widget_timeline_title" text [from, to];
    ShowPeriod = "show_period" text [];
    Overview = "overview" text [];
    AllEvents = "all_events" plural [n];
    StagesLabel = "stages_label" text [];
    PrevStage = "prev_stage" text [];
    NextStage = "next_stage" text [];
    ShowLine = "show_line" text [];
    LinesSummary = "lines_summary" text [];
    Embed = "embed" text [];
    EmbedWhat = "embed_what" text [];
    EmbedPickTimeline = "embed_pick_timeline" text [];
    EmbedPickDiagram = "embed_pick_diagram" text [];
    EmbedPickMap = "embed_pick_map" text [];
    EmbedPickEssay = "embed_pick_essay" text [];
    EmbedIframe = "embed_iframe" text [];
    EmbedElement = "embed_element" text [];
    EmbedLink = "embed_link" text [];
    Copy = "copy" text [];
    Copied = "copied" text [];
    EventsLabel = "events_label" text [];
    LanesKey = "lanes_key" text [list];
    LaneKeyItem = "lane_key_item" text [n, key];
    LaneKeySep = "lane_key_sep" text [];
    CloseDetails = "close_details" text [];
    FactorsLabel = "factors_label" text [];
    RowDetails = "row_details" text [actor, course, strength, date];
    AddedMark = "added_mark" text [];
    CountFactor = "count_factor" text [factor];
    ResetFactors = "reset_factors" text [];
    VerdictLevel = "verdict_level" text [];
    VerdictNearly = "verdict_nearly" text [course];
    VerdictLeans = "verdict_leans" text [course];
    VerdictStrongly = "verdict_strongly" text [course];
    Sums = "sums" text [left_course, left, right_course, right];
    SumsShort = "sums_short" text [left, right];
    OutcomeLevel = "outcome_level" text [sums];
    OutcomeStill = "outcome_still" text [course, sums];
    OutcomeTips = "outcome_tips" text [course, sums];
    WhatifWithout = "whatif_without" text [factors, verdict];
    ThoughtExperiment = "thought_experiment" text [];
    ThoughtExperimentLead = "thought_experiment_lead" text [];
    StageLive = "stage_live" text [n, total, lead, verdict];
    LineCaption = "line_caption" text [line, date];
    LineCaptionShort = "line_caption_short" text [line];
    MapMarked = "map_marked" text [places];
    MapApproximate = "map_approximate" text [];
    LegendEntry = "legend_entry" text [line, date, approximate];
    NoteBadId = "note_bad_id" text [id];
    NoteUnknownWidget = "note_unknown_widget" text [id];
    NoteUnknownTheme = "note_unknown_theme" text [id];
    NoteNoStep = "note_no_step" text [id];
    NoteNoEvent = "note_no_event" text [id];
    NoteNoStage = "note_no_stage" text [id];
    NoteNoFactor = "note_no_factor" text [id];
    NoteNoLine = "note_no_line" text [id];
    CardTimeline = "card_timeline" plural [n];
    CardTimelineAlt = "card_timeline_alt" text [title, n, span];
    CardDiagramAlt = "card_diagram_alt" text [title, verdict, sums];
    CardEssayAlt = "card_essay_alt" text [title, n];
    CardMapAlt = "card_map_alt" text [title];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_step_with_its_enum() {
        for (i, (w, key, _, _)) in KEYS.iter().enumerate() {
            assert_eq!(*w as usize, i, "{key}");
            assert_eq!(W::parse(key), Some(*w));
        }
    }
}

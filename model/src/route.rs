//! Reading the address: which widget to show, at which step, stage or event, in which theme.
//!
//! Addresses come from readers, editors and other people's pages, so nothing here can fail:
//! anything unreadable falls back to a default and leaves a note saying what was ignored.
//!
//! - Essay: `index.html#step-id` (a step or chapter id).
//! - Widgets: `?widget=timeline&event=inchon-landing&theme=dark`, `?widget=diagram&stage=inchon`,
//!   `?widget=essay&step=…`; a fragment `#event-…` or `#stage-…` names the same thing, and wins.
//! - `embed=1` marks an embedded copy: compact, with a credit link back to the full explainer.

/// Which part of the explainer the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Widget {
    #[default]
    Essay,
    Timeline,
    Diagram,
}

impl Widget {
    pub fn as_str(self) -> &'static str {
        match self {
            Widget::Essay => "essay",
            Widget::Timeline => "timeline",
            Widget::Diagram => "diagram",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the address asks for. `target` is an id still to be checked against the content.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Route {
    pub widget: Widget,
    pub theme: Theme,
    pub embed: bool,
    pub target: Option<String>,
    /// What was ignored, in words a reader can act on.
    pub notes: Vec<String>,
}

/// Decodes `%xx` escapes and `+`; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value (ids are slugs, but a value may come from anywhere).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn clean_id(raw: &str, notes: &mut Vec<String>) -> Option<String> {
    let id = percent_decode(raw).trim().to_string();
    if id.is_empty() {
        None
    } else if id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Some(id.to_ascii_lowercase())
    } else {
        let shown: String = id.chars().take(40).collect();
        notes.push(format!(
            "The address names “{shown}”, which is not a valid step name; showing the start."
        ));
        None
    }
}

/// Parses `location.search` and `location.hash` (each with or without its leading `?`/`#`).
pub fn parse(search: &str, hash: &str) -> Route {
    let mut r = Route::default();
    let mut query_target = None;
    for pair in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        match percent_decode(k).as_str() {
            "widget" => match v.as_str() {
                "essay" => r.widget = Widget::Essay,
                "timeline" => r.widget = Widget::Timeline,
                "diagram" => r.widget = Widget::Diagram,
                other => r.notes.push(format!(
                    "Unknown widget “{}”; showing the essay.",
                    other.chars().take(30).collect::<String>()
                )),
            },
            "theme" => match v.as_str() {
                "light" => r.theme = Theme::Light,
                "dark" => r.theme = Theme::Dark,
                "auto" | "" => r.theme = Theme::Auto,
                other => r.notes.push(format!(
                    "Unknown theme “{}”; following the system.",
                    other.chars().take(30).collect::<String>()
                )),
            },
            "embed" => r.embed = !matches!(v.as_str(), "0" | "false" | "no"),
            "step" | "event" | "stage" => query_target = clean_id(&v, &mut r.notes),
            // Hosts add their own parameters (utm_*, fbclid…): they are none of our business.
            _ => {}
        }
    }
    let frag = hash.trim_start_matches('#');
    let frag_id = match r.widget {
        Widget::Timeline => frag.strip_prefix("event-").unwrap_or(frag),
        Widget::Diagram => frag.strip_prefix("stage-").unwrap_or(frag),
        Widget::Essay => frag,
    };
    r.target = clean_id(frag_id, &mut r.notes).or(query_target);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_address_is_the_essay_from_the_top() {
        assert_eq!(parse("", ""), Route::default());
        assert_eq!(parse("?", "#"), Route::default());
    }

    #[test]
    fn a_fragment_names_a_step() {
        let r = parse("", "#inchon-landing");
        assert_eq!(
            (r.widget, r.target.as_deref()),
            (Widget::Essay, Some("inchon-landing"))
        );
    }

    #[test]
    fn widgets_take_their_state_from_query_or_fragment() {
        let r = parse(
            "?widget=timeline&event=yalu-crossing&theme=dark&embed=1",
            "",
        );
        assert_eq!(
            r,
            Route {
                widget: Widget::Timeline,
                theme: Theme::Dark,
                embed: true,
                target: Some("yalu-crossing".into()),
                notes: vec![]
            }
        );
        let r = parse("widget=diagram&stage=spring-1950", "#stage-decision");
        assert_eq!(
            r.target.as_deref(),
            Some("decision"),
            "the fragment wins: it is what the reader last stepped to"
        );
        assert_eq!(
            parse("?widget=diagram", "#stage-inchon").target.as_deref(),
            Some("inchon")
        );
    }

    #[test]
    fn malformed_input_falls_back_with_a_note_and_never_panics() {
        let r = parse("?widget=map&theme=neon&step=%3Cscript%3E", "");
        assert_eq!(r.widget, Widget::Essay);
        assert_eq!(r.theme, Theme::Auto);
        assert_eq!(r.target, None);
        assert_eq!(r.notes.len(), 3, "{:?}", r.notes);
        for (q, h) in [
            ("%", "%"),
            ("%zz&=&&==", "#%E0%A4%A"),
            ("widget", "#\u{1F600}"),
            ("a=%ff%fe", "#../../etc"),
        ] {
            let r = parse(q, h);
            assert_eq!(r.widget, Widget::Essay);
        }
        assert_eq!(parse("", "#a%20b").target, None);
        assert_eq!(
            parse("?utm_source=x&widget=timeline", "").widget,
            Widget::Timeline
        );
    }

    #[test]
    fn percent_coding_round_trips() {
        assert_eq!(percent_decode("a%20b+c%2Fd%"), "a b c/d%");
        assert_eq!(
            percent_decode(&percent_encode("1950-06..1950-10 ü")),
            "1950-06..1950-10 ü"
        );
    }
}

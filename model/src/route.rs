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
    Map,
}

/// What every part of the explainer must agree on about a widget: its name in addresses and in
/// the embed loader, the folder its lean page lives in, the query key and fragment prefix that
/// name its starting point, and the height a frame starts at before it sizes itself.
/// The embed loader (`embed/loader.js`) and the page's inline script repeat parts of this table;
/// a test checks they agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub widget: Widget,
    pub name: &'static str,
    /// The widget's own page, relative to the essay's folder ("" is the essay itself).
    pub dir: &'static str,
    /// The query key naming where it starts: `?event=inchon-landing`.
    pub key: &'static str,
    /// The fragment prefix naming the same: `#event-inchon-landing` ("" for essay steps).
    pub prefix: &'static str,
    /// A frame's height before the widget reports its own (the essay scrolls inside 80vh).
    pub height: &'static str,
}

pub const WIDGETS: [Spec; 4] = [
    Spec {
        widget: Widget::Essay,
        name: "essay",
        dir: "",
        key: "step",
        prefix: "",
        height: "80vh",
    },
    Spec {
        widget: Widget::Timeline,
        name: "timeline",
        dir: "timeline/",
        key: "event",
        prefix: "event-",
        height: "560px",
    },
    Spec {
        widget: Widget::Diagram,
        name: "diagram",
        dir: "diagram/",
        key: "stage",
        prefix: "stage-",
        height: "720px",
    },
    Spec {
        widget: Widget::Map,
        name: "map",
        dir: "map/",
        key: "line",
        prefix: "line-",
        height: "620px",
    },
];

/// The other query keys, shared by every page.
pub const Q_WIDGET: &str = "widget";
pub const Q_THEME: &str = "theme";
pub const Q_EMBED: &str = "embed";
/// What-if: the factors switched off, comma-separated (`&off=seventh-fleet,us-threat`).
pub const Q_OFF: &str = "off";
/// WordPress appends `#?secret=…` to an embedded page's address; it names no step.
pub const SECRET_FRAGMENT: &str = "?secret=";

impl Widget {
    pub fn spec(self) -> &'static Spec {
        &WIDGETS[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    pub fn parse(name: &str) -> Option<Widget> {
        WIDGETS.iter().find(|s| s.name == name).map(|s| s.widget)
    }
}

/// Whether an `embed` value marks an embedded copy: present and not `0`, `false` or `no` (a bare
/// `embed` counts). The page's inline script applies the same rule before first paint.
pub fn embed_value(v: &str) -> bool {
    !matches!(v, "0" | "false" | "no")
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
    /// What-if: factor ids switched off.
    pub off: Vec<String>,
    /// The secret WordPress gave this frame (`#?secret=…`), to be sent back with its height.
    pub secret: Option<String>,
    /// What was ignored: the page says it in its own language (`contract::PageWords`).
    pub notes: Vec<Note>,
}

/// Something in the address that could not be followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// An id that is not a valid name (shown as given, cut to 40 characters).
    BadId(String),
    UnknownWidget(String),
    UnknownTheme(String),
    /// The page has no step, event, stage or line of that id.
    NoTarget(String),
    /// The diagram has no factor of that id to switch off.
    NoFactor(String),
}

/// Decodes `%xx` escapes and `+`; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let digit = |b: u8| (b as char).to_digit(16);
                let hex = bytes
                    .get(i + 1)
                    .and_then(|&a| digit(a))
                    .zip(bytes.get(i + 2).and_then(|&b| digit(b)))
                    .map(|(a, b)| (a * 16 + b) as u8);
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
    // Bytes that decode to no text (a broken escape sequence) give no text: the id is then
    // unreadable and noted as such, like any other.
    String::from_utf8(out).unwrap_or_default()
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

fn clean_id(raw: &str, notes: &mut Vec<Note>) -> Option<String> {
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
        notes.push(Note::BadId(id.chars().take(40).collect()));
        None
    }
}

/// Parses `location.search` and `location.hash` (each with or without its leading `?`/`#`).
/// `page` is the widget whose page this is: a widget's own page needs no `widget=` key, and the
/// essay's page still honours the old `?widget=timeline` addresses.
pub fn parse_on(page: Widget, search: &str, hash: &str) -> Route {
    let mut r = Route {
        widget: page,
        ..Route::default()
    };
    let mut query_target = None;
    for pair in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        let k = percent_decode(k);
        match k.as_str() {
            Q_WIDGET => match Widget::parse(&v) {
                Some(w) => r.widget = w,
                None => r
                    .notes
                    .push(Note::UnknownWidget(v.chars().take(30).collect())),
            },
            Q_THEME => match v.as_str() {
                "light" => r.theme = Theme::Light,
                "dark" => r.theme = Theme::Dark,
                "auto" | "" => r.theme = Theme::Auto,
                other => r
                    .notes
                    .push(Note::UnknownTheme(other.chars().take(30).collect())),
            },
            Q_EMBED => r.embed = embed_value(&v),
            Q_OFF => {
                r.off = v
                    .split(',')
                    .filter_map(|id| clean_id(id, &mut r.notes))
                    .take(64)
                    .collect()
            }
            k if WIDGETS.iter().any(|s| s.key == k) => query_target = clean_id(&v, &mut r.notes),
            // Hosts add their own parameters (utm_*, fbclid…): they are none of our business.
            _ => {}
        }
    }
    // WordPress appends `#?secret=…`, after any fragment of ours.
    let mut frag = hash.trim_start_matches('#');
    if let Some((before, after)) = frag.split_once(SECRET_FRAGMENT) {
        let secret: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(64)
            .collect();
        if !secret.is_empty() {
            r.secret = Some(secret);
        }
        frag = before.trim_end_matches('#');
    }
    let prefix = r.widget.spec().prefix;
    let frag_id = if prefix.is_empty() {
        frag
    } else {
        frag.strip_prefix(prefix).unwrap_or(frag)
    };
    r.target = clean_id(frag_id, &mut r.notes).or(query_target);
    r
}

/// [`parse_on`] for the essay's page.
pub fn parse(search: &str, hash: &str) -> Route {
    parse_on(Widget::Essay, search, hash)
}

/// The address of a widget's page, relative to the essay's folder, with its state.
pub fn widget_href(
    w: Widget,
    target: Option<&str>,
    off: &[&str],
    theme: Theme,
    embed: bool,
) -> String {
    let spec = w.spec();
    let mut q: Vec<String> = Vec::new();
    if embed {
        q.push(format!("{Q_EMBED}=1"));
    }
    if let Some(t) = target {
        q.push(format!("{}={}", spec.key, percent_encode(t)));
    }
    if !off.is_empty() {
        let ids: Vec<String> = off.iter().map(|id| percent_encode(id)).collect();
        q.push(format!("{Q_OFF}={}", ids.join(",")));
    }
    if theme != Theme::Auto {
        q.push(format!("{Q_THEME}={}", theme.as_str()));
    }
    let dir = if spec.dir.is_empty() { "./" } else { spec.dir };
    if q.is_empty() {
        dir.to_string()
    } else {
        format!("{dir}?{}", q.join("&"))
    }
}

/// The relative path from a page in folder `from` (relative to the site's root, `ko/timeline/`)
/// to a file at `to` (relative to the root). It always starts with `./` or `../`: a module
/// address without one is a bare specifier, which `import()` refuses.
pub fn relative(from: &str, to: &str) -> String {
    let up = from.matches('/').count();
    if up == 0 {
        format!("./{to}")
    } else {
        format!("{}{to}", "../".repeat(up))
    }
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
                off: vec![],
                secret: None,
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
        let r = parse("?widget=chart&theme=neon&step=%3Cscript%3E", "");
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
    fn a_widget_page_needs_no_widget_key_and_old_essay_addresses_still_name_widgets() {
        let r = parse_on(Widget::Timeline, "?embed=1", "#event-inchon-landing");
        assert_eq!(
            (r.widget, r.embed, r.target.as_deref()),
            (Widget::Timeline, true, Some("inchon-landing"))
        );
        assert_eq!(parse("?widget=map&line=armistice", "").widget, Widget::Map);
        assert_eq!(
            parse_on(Widget::Map, "", "#line-armistice")
                .target
                .as_deref(),
            Some("armistice")
        );
    }

    #[test]
    fn embed_is_decided_by_one_rule() {
        for (q, want) in [
            ("embed=1", true),
            ("embed", true),
            ("embed=", true),
            ("embed=yes", true),
            ("embed=0", false),
            ("embed=false", false),
            ("embed=no", false),
            ("", false),
        ] {
            assert_eq!(parse(q, "").embed, want, "{q}");
        }
    }

    #[test]
    fn what_if_switches_travel_in_the_address() {
        let r = parse_on(Widget::Diagram, "?off=seventh-fleet,us-threat,,%3Cx%3E", "");
        assert_eq!(r.off, vec!["seventh-fleet", "us-threat"]);
        assert_eq!(
            r.notes.len(),
            1,
            "the unreadable id is noted: {:?}",
            r.notes
        );
        assert_eq!(
            widget_href(
                Widget::Diagram,
                Some("decision"),
                &["seventh-fleet", "us-threat"],
                Theme::Dark,
                true
            ),
            "diagram/?embed=1&stage=decision&off=seventh-fleet,us-threat&theme=dark"
        );
        assert_eq!(
            widget_href(Widget::Essay, None, &[], Theme::Auto, false),
            "./"
        );
    }

    #[test]
    fn a_wordpress_secret_is_not_a_step_and_does_not_break_deep_links() {
        let r = parse_on(Widget::Timeline, "?embed=1", "#?secret=Ab12Cd34");
        assert_eq!(
            (r.secret.as_deref(), r.target.as_deref()),
            (Some("Ab12Cd34"), None)
        );
        assert!(r.notes.is_empty(), "{:?}", r.notes);
        let r = parse_on(Widget::Timeline, "", "#event-yalu-crossing#?secret=x9");
        assert_eq!(
            (r.secret.as_deref(), r.target.as_deref()),
            (Some("x9"), Some("yalu-crossing"))
        );
        let r = parse("", "#the-decision?secret=zz");
        assert_eq!(r.target.as_deref(), Some("the-decision"));
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

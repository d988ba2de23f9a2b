//! Prescription links: how a clinician hands a patient a set of modules without accounts.
//!
//! A prescription names modules, a language and optionally a tool to open first:
//!
//! ```text
//! scanwise://open?m=do-i-need-a-scan,radiation&lang=nb&open=checker
//! https://clinic.example/scanwise/open?m=do-i-need-a-scan,radiation&lang=nb&open=checker
//! ```
//!
//! The https form is for QR codes and messages: the web edition (`scanwise site`) answers
//! `<base>/open` with the chosen modules in any browser, reading the link with these same rules
//! (its page script is checked against [`parse`] on a corpus), and offers the app link too.
//!
//! Links come from posters, messages and other apps, so they are untrusted input.
//! [`parse`] never fails and never panics: whatever is wrong is dropped and reported as a
//! [`Notice`], and what is left is safe to open (ids are [`ModuleId`]s, the grammar the author
//! and the channel check too, and are known modules; the language is a shipped one). An empty result means "open the home screen".

use serde::{Deserialize, Serialize};

use crate::ids::{Locale, ModuleId};

/// The longest link [`parse`] reads. Longer links are rejected whole: a real prescription of
/// 20 modules is well under 2 KB, so anything longer is not from our tools.
pub const MAX_URL_BYTES: usize = 2048;

/// At most this many modules open from one link; the rest are dropped with a notice.
pub const MAX_MODULES: usize = 20;

/// Longest module id accepted: [`ModuleId`]'s limit, the same for the author and the channel.
pub const MAX_ID_LEN: usize = crate::ids::MAX_ID_LEN;

/// The custom scheme the app registers for deep links.
pub const APP_SCHEME: &str = "scanwise";

/// Languages the app ships. [`parse`] maps any other `lang` to `None` with a notice.
pub const LANGUAGES: &[&str] = &["en", "nb", "ar", "pl"];

/// A tool the link can open instead of (or before) the modules.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    /// The "Do I need a scan?" checker.
    Checker,
    /// The "questions to ask" list.
    Questions,
}

impl Tool {
    /// The value of the `open` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Checker => "checker",
            Tool::Questions => "questions",
        }
    }

    fn from_param(value: &str) -> Option<Tool> {
        match value {
            "checker" => Some(Tool::Checker),
            "questions" => Some(Tool::Questions),
            _ => None,
        }
    }
}

/// What a link asks the app to open.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prescription {
    /// Module ids, in the order the clinician chose.
    pub modules: Vec<String>,
    /// Language tag (`nb`); `None` keeps the patient's own language setting.
    pub lang: Option<String>,
    pub open: Option<Tool>,
}

/// Why part of a link was not used. The app shows these (localised by `code`) on the home
/// screen or above the opened set; none carries unvalidated text from the link.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Notice {
    /// The link is longer than [`MAX_URL_BYTES`]; nothing in it was used.
    TooLong { bytes: usize },
    /// Not a `scanwise://open` or `https://…/open` link; nothing in it was used.
    NotAPrescription,
    /// Entries that are not module ids at all (bad characters, too long); not shown.
    InvalidModuleIds { count: usize },
    /// Well-formed ids this device has no module for (an older content version, a typo).
    UnknownModules { ids: Vec<String> },
    /// More than [`MAX_MODULES`] modules; the first ones were kept.
    TooManyModules { given: usize, kept: usize },
    /// A language the app does not ship; the patient's own setting is used.
    UnknownLanguage,
    /// An `open` value other than `checker` or `questions`.
    UnknownTool,
    /// The link names nothing to open.
    Empty,
}

/// The result of [`parse`]: what to open, and what was dropped on the way.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    pub prescription: Prescription,
    pub notices: Vec<Notice>,
}

impl Parsed {
    /// Nothing to open: the app shows the home screen (with the notices).
    pub fn opens_home(&self) -> bool {
        self.prescription.modules.is_empty() && self.prescription.open.is_none()
    }

    fn rejected(notice: Notice) -> Parsed {
        Parsed {
            prescription: Prescription::default(),
            notices: vec![notice],
        }
    }
}

impl Prescription {
    /// `scanwise://open?m=id1,id2&lang=nb&open=checker`; empty parts are left out.
    pub fn to_app_url(&self) -> String {
        format!("{APP_SCHEME}://open{}", self.query())
    }

    /// `https://<base>/open?m=…`: the link for QR codes and messages, which also works where
    /// the app is not installed. `base` is a host with an optional path (`clinic.example/sw`);
    /// a leading `https://` or `http://` and trailing slashes are ignored.
    pub fn to_web_url(&self, base: &str) -> String {
        let base = base.trim();
        let base = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"))
            .unwrap_or(base)
            .trim_end_matches('/');
        format!("https://{base}/open{}", self.query())
    }

    fn query(&self) -> String {
        let mut parts = Vec::new();
        if !self.modules.is_empty() {
            let ids: Vec<String> = self.modules.iter().map(|m| encode(m)).collect();
            parts.push(format!("m={}", ids.join(",")));
        }
        if let Some(lang) = &self.lang {
            parts.push(format!("lang={}", encode(lang)));
        }
        if let Some(tool) = self.open {
            parts.push(format!("open={}", tool.as_str()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Reads a prescription link against the modules this device has (any language).
///
/// Never fails or panics; see the module docs for what is dropped. `lang` is checked against
/// [`LANGUAGES`].
pub fn parse(url: &str, known_modules: &[&str]) -> Parsed {
    parse_with_languages(url, known_modules, LANGUAGES)
}

/// [`parse`] with an explicit list of shipped languages.
pub fn parse_with_languages(url: &str, known_modules: &[&str], languages: &[&str]) -> Parsed {
    if url.len() > MAX_URL_BYTES {
        return Parsed::rejected(Notice::TooLong { bytes: url.len() });
    }
    let Some(query) = prescription_query(url.trim()) else {
        return Parsed::rejected(Notice::NotAPrescription);
    };

    let mut notices = Vec::new();
    let mut modules: Vec<String> = Vec::new();
    let mut invalid = 0usize;
    let mut unknown: Vec<String> = Vec::new();
    let mut lang_raw: Option<String> = None;
    let mut tool_raw: Option<String> = None;

    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match percent_decode(key).as_str() {
            // Several `m` parameters add up; ids are split before decoding so an encoded
            // comma stays inside one (invalid) id.
            "m" => {
                for raw in value.split(',').filter(|r| !r.is_empty()) {
                    let Ok(id) = ModuleId::parse(&percent_decode(raw)).map(String::from) else {
                        invalid += 1;
                        continue;
                    };
                    if !known_modules.contains(&id.as_str()) {
                        if !unknown.contains(&id) {
                            unknown.push(id);
                        }
                    } else if !modules.contains(&id) {
                        modules.push(id);
                    }
                }
            }
            // The first value wins; later ones cannot override what a clinician wrote.
            "lang" if lang_raw.is_none() => lang_raw = Some(percent_decode(value)),
            "open" if tool_raw.is_none() => tool_raw = Some(percent_decode(value)),
            _ => {}
        }
    }

    if invalid > 0 {
        notices.push(Notice::InvalidModuleIds { count: invalid });
    }
    if !unknown.is_empty() {
        // Capped so a hostile list cannot make a huge notice.
        unknown.truncate(MAX_MODULES);
        notices.push(Notice::UnknownModules { ids: unknown });
    }
    if modules.len() > MAX_MODULES {
        notices.push(Notice::TooManyModules {
            given: modules.len(),
            kept: MAX_MODULES,
        });
        modules.truncate(MAX_MODULES);
    }

    let lang = lang_raw.and_then(|raw| {
        let found = normalise_lang(&raw, languages);
        if found.is_none() {
            notices.push(Notice::UnknownLanguage);
        }
        found
    });
    let open = tool_raw.and_then(|raw| {
        let found = Tool::from_param(raw.trim());
        if found.is_none() {
            notices.push(Notice::UnknownTool);
        }
        found
    });

    let prescription = Prescription {
        modules,
        lang,
        open,
    };
    if prescription.modules.is_empty() && prescription.open.is_none() && notices.is_empty() {
        notices.push(Notice::Empty);
    }
    Parsed {
        prescription,
        notices,
    }
}

/// `true` for a [`ModuleId`]: `[a-z0-9][a-z0-9-]{0,63}`.
pub fn is_valid_id(id: &str) -> bool {
    ModuleId::parse(id).is_ok()
}

/// The query of a `scanwise://open` or `http(s)://host/…/open` link, without the fragment.
fn prescription_query(url: &str) -> Option<&str> {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let (target, query) = url.split_once('?').unwrap_or((url, ""));
    let (scheme, rest) = target.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let ok = match scheme.as_str() {
        APP_SCHEME => rest.trim_end_matches('/') == "open",
        "https" | "http" => {
            // host[/path]/open: a host, then a path whose last segment is `open`.
            let path = rest.split_once('/').map(|(_, p)| p).unwrap_or("");
            path.trim_end_matches('/').rsplit('/').next() == Some("open")
        }
        _ => false,
    };
    ok.then_some(query)
}

/// The shipped language for a tag: `nb`, `NB`, `nb-NO` → `nb`; `no`, `nn` → `nb` (readers of
/// those read Bokmål best); anything else → `None`.
fn normalise_lang(raw: &str, languages: &[&str]) -> Option<String> {
    let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let primary = match primary.as_str() {
        "no" | "nn" | "nob" => "nb".to_string(),
        _ => primary,
    };
    languages
        .iter()
        .find(|l| **l == primary && Locale::parse(l).is_ok())
        .map(|l| (*l).to_string())
}

/// Percent-decoding that cannot fail: `+` is a space, malformed escapes stay as they are,
/// invalid UTF-8 becomes U+FFFD (which no id or language accepts).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KNOWN: &[&str] = &[
        "do-i-need-a-scan",
        "radiation",
        "when-a-scan-is-needed",
        "questions-to-ask",
    ];

    fn rx(modules: &[&str], lang: Option<&str>, open: Option<Tool>) -> Prescription {
        Prescription {
            modules: modules.iter().map(|m| m.to_string()).collect(),
            lang: lang.map(str::to_string),
            open,
        }
    }

    #[test]
    fn app_and_web_urls_have_the_documented_shape() {
        let p = rx(
            &["do-i-need-a-scan", "radiation"],
            Some("nb"),
            Some(Tool::Checker),
        );
        assert_eq!(
            p.to_app_url(),
            "scanwise://open?m=do-i-need-a-scan,radiation&lang=nb&open=checker"
        );
        assert_eq!(
            p.to_web_url("https://clinic.example/scanwise/"),
            "https://clinic.example/scanwise/open?m=do-i-need-a-scan,radiation&lang=nb&open=checker"
        );
        assert_eq!(
            p.to_web_url("clinic.example"),
            p.to_web_url("http://clinic.example//")
        );
        assert_eq!(rx(&[], None, None).to_app_url(), "scanwise://open");
        assert_eq!(
            rx(&[], None, Some(Tool::Questions)).to_app_url(),
            "scanwise://open?open=questions"
        );
    }

    #[test]
    fn both_link_forms_parse_back_to_the_prescription() {
        let p = rx(
            &["radiation", "do-i-need-a-scan"],
            Some("ar"),
            Some(Tool::Questions),
        );
        for url in [p.to_app_url(), p.to_web_url("clinic.example/sw")] {
            let parsed = parse(&url, KNOWN);
            assert_eq!(parsed.prescription, p, "{url}");
            assert!(parsed.notices.is_empty(), "{url}: {:?}", parsed.notices);
            assert!(!parsed.opens_home());
        }
    }

    #[test]
    fn unknown_modules_are_dropped_with_their_ids() {
        let parsed = parse(
            "scanwise://open?m=radiation,no-such-module,radiation",
            KNOWN,
        );
        assert_eq!(parsed.prescription.modules, ["radiation"]);
        assert_eq!(
            parsed.notices,
            [Notice::UnknownModules {
                ids: vec!["no-such-module".into()]
            }]
        );
    }

    #[test]
    fn script_and_odd_characters_in_ids_are_dropped_unshown() {
        let url = "scanwise://open?m=%3Cscript%3Ealert(1)%3C%2Fscript%3E,radiation,\
                   RADIATION,_checker,..%2F..%2Fetc,javascript:alert(1),%E2%80%AEevil,a%2Cb";
        let parsed = parse(url, KNOWN);
        assert_eq!(parsed.prescription.modules, ["radiation"]);
        assert_eq!(parsed.notices, [Notice::InvalidModuleIds { count: 7 }]);
        // Nothing from the link reaches a notice unless it is a well-formed id.
        let json = serde_json::to_string(&parsed).unwrap();
        assert!(!json.contains('<') && !json.contains("alert"), "{json}");
    }

    #[test]
    fn ids_longer_than_64_are_invalid() {
        let long = "a".repeat(65);
        let parsed = parse(&format!("scanwise://open?m={long},radiation"), KNOWN);
        assert_eq!(parsed.prescription.modules, ["radiation"]);
        assert_eq!(parsed.notices, [Notice::InvalidModuleIds { count: 1 }]);
        assert!(is_valid_id(&"a".repeat(64)));
    }

    #[test]
    fn a_link_opens_exactly_the_ids_the_author_accepts() {
        // One grammar: what `scanwise check` lets an editor name a module is what a link opens.
        let long = "a".repeat(70);
        assert!(ModuleId::parse(&long).is_err());
        let parsed = parse(&format!("scanwise://open?m={long}"), &[long.as_str()]);
        assert_eq!(parsed.notices, [Notice::InvalidModuleIds { count: 1 }]);
        for id in ["-radiation", "radiation_", "Radiation"] {
            assert!(!is_valid_id(id) && ModuleId::parse(id).is_err(), "{id}");
        }
    }

    #[test]
    fn more_than_twenty_modules_are_truncated() {
        let known: Vec<String> = (0..30).map(|i| format!("module-{i}")).collect();
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let url = format!("scanwise://open?m={}", known.join(","));
        let parsed = parse(&url, &known);
        assert_eq!(parsed.prescription.modules.len(), MAX_MODULES);
        assert_eq!(parsed.prescription.modules[0], "module-0");
        assert_eq!(parsed.prescription.modules[19], "module-19");
        assert_eq!(
            parsed.notices,
            [Notice::TooManyModules {
                given: 30,
                kept: 20
            }]
        );
    }

    #[test]
    fn a_huge_link_is_rejected_whole_and_opens_home() {
        let url = format!(
            "scanwise://open?m=radiation&x={}",
            "a".repeat(MAX_URL_BYTES)
        );
        let parsed = parse(&url, KNOWN);
        assert!(parsed.opens_home());
        assert_eq!(parsed.prescription, Prescription::default());
        assert_eq!(parsed.notices, [Notice::TooLong { bytes: url.len() }]);
        // A list of thousands of ids is caught by the same limit.
        let many = vec!["radiation"; 1000].join(",");
        assert!(parse(&format!("scanwise://open?m={many}"), KNOWN).opens_home());
    }

    #[test]
    fn languages_are_normalised_or_dropped() {
        let lang = |l: &str| parse(&format!("scanwise://open?m=radiation&lang={l}"), KNOWN);
        assert_eq!(lang("nb").prescription.lang.as_deref(), Some("nb"));
        assert_eq!(lang("NB-no").prescription.lang.as_deref(), Some("nb"));
        assert_eq!(lang("nn").prescription.lang.as_deref(), Some("nb"));
        assert_eq!(lang("ar").prescription.lang.as_deref(), Some("ar"));
        for bad in ["xx", "%3Cb%3E", "", "en%00", "e"] {
            let parsed = lang(bad);
            assert_eq!(parsed.prescription.lang, None, "{bad}");
            assert_eq!(parsed.notices, [Notice::UnknownLanguage], "{bad}");
            assert_eq!(parsed.prescription.modules, ["radiation"]);
        }
    }

    #[test]
    fn tools_open_alone_and_unknown_tools_are_noticed() {
        let parsed = parse("https://clinic.example/open?open=checker&lang=pl", KNOWN);
        assert_eq!(
            parsed.prescription,
            rx(&[], Some("pl"), Some(Tool::Checker))
        );
        assert!(!parsed.opens_home());
        let parsed = parse("scanwise://open?m=radiation&open=settings", KNOWN);
        assert_eq!(parsed.prescription.open, None);
        assert_eq!(parsed.notices, [Notice::UnknownTool]);
    }

    #[test]
    fn other_links_open_home_with_a_notice() {
        for url in [
            "",
            "javascript:alert(1)",
            "scanwise://settings?m=radiation",
            "scanwise:open?m=radiation",
            "https://clinic.example/other?m=radiation",
            "file:///etc/passwd",
            "data:text/html,<script>",
        ] {
            let parsed = parse(url, KNOWN);
            assert!(parsed.opens_home(), "{url}");
            assert_eq!(parsed.notices, [Notice::NotAPrescription], "{url}");
        }
        let parsed = parse("scanwise://open", KNOWN);
        assert!(parsed.opens_home());
        assert_eq!(parsed.notices, [Notice::Empty]);
    }

    #[test]
    fn decoding_is_tolerant() {
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(percent_decode("a+b"), "a b");
        // Encoded names and a fragment still parse.
        let parsed = parse("SCANWISE://open/?%6D=radiation#top", KNOWN);
        assert_eq!(parsed.prescription.modules, ["radiation"]);
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in ".{0,3000}") {
            let parsed = parse(&s, KNOWN);
            prop_assert!(parsed.prescription.modules.len() <= MAX_MODULES);
            prop_assert!(parsed.prescription.modules.iter().all(|m| KNOWN.contains(&m.as_str())));
        }

        #[test]
        fn arbitrary_queries_never_panic(q in "[a-z=&,%+0-9A-F#?/:-]{0,400}") {
            let parsed = parse(&format!("scanwise://open?{q}"), KNOWN);
            prop_assert!(parsed.prescription.modules.iter().all(|m| is_valid_id(m)));
            if let Some(l) = &parsed.prescription.lang {
                prop_assert!(LANGUAGES.contains(&l.as_str()));
            }
        }

        #[test]
        fn valid_prescriptions_round_trip(
            idx in proptest::collection::vec(0..KNOWN.len(), 0..6),
            lang in proptest::option::of(0..LANGUAGES.len()),
            tool in proptest::option::of(prop_oneof![Just(Tool::Checker), Just(Tool::Questions)]),
        ) {
            let mut modules: Vec<String> = Vec::new();
            for i in idx {
                if !modules.iter().any(|m| m == KNOWN[i]) {
                    modules.push(KNOWN[i].to_string());
                }
            }
            let p = Prescription { modules, lang: lang.map(|i| LANGUAGES[i].to_string()), open: tool };
            prop_assert_eq!(&parse(&p.to_app_url(), KNOWN).prescription, &p);
            prop_assert_eq!(&parse(&p.to_web_url("c.example/x"), KNOWN).prescription, &p);
        }
    }
}

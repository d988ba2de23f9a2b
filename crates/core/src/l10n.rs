//! UI strings with Project Fluent: one tree (`locales/<lang>/*.ftl`), negotiated once.
//!
//! [`Localizer`] negotiates the requested languages against the locales that exist
//! (`fluent-langneg`, Filtering, default `en`) and builds one bundle per negotiated locale.
//! Lookups try the bundles in fallback order, so a string missing in `nb` shows in English
//! rather than as a hole; an id missing everywhere is logged and shown as the id itself.
//!
//! Bundles are the concurrent kind, so a `Localizer` is `Send + Sync` and can live in app state.
//! Unicode isolation marks around placeables stay on: they keep names and numbers readable in
//! right-to-left text.
//!
//! The UI formats its strings itself, with the FTL sources of the same chain
//! ([`Localizer::sources`]), so arguments, plurals and selectors work there as they do here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_langneg::{LanguageIdentifier as NegId, NegotiationStrategy, negotiate_languages};
use thiserror::Error;
use unic_langid::{CharacterDirection, LanguageIdentifier};

pub use fluent_bundle::{FluentArgs, FluentValue};

/// The source language: always available, always last in a chain.
pub const DEFAULT_LOCALE: &str = "en";

#[derive(Debug, Error)]
pub enum L10nError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{0}` is not a valid language tag")]
    InvalidTag(String),
    #[error("the default locale `{DEFAULT_LOCALE}` is missing; it is every language's fallback")]
    MissingDefault,
}

/// The language chain a content lookup should try, best first, always ending in `en`:
/// `nb` → `[nb, en]`, `nn` → `[nn, nb, en]`, `nb-NO` → `[nb-NO, nb, en]`, `ar` → `[ar, en]`.
///
/// It does not know which languages exist; callers skip what they do not have.
pub fn fallback_chain(requested: &str) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    let mut push = |tag: String| {
        if !chain.contains(&tag) {
            chain.push(tag);
        }
    };
    if let Ok(id) = requested.parse::<LanguageIdentifier>() {
        push(id.to_string());
        let language = id.language.as_str().to_string();
        push(language.clone());
        // Nynorsk and the macro-language `no` readers read Bokmål far better than English.
        if matches!(language.as_str(), "nn" | "no") {
            push("nb".into());
        }
    }
    push(DEFAULT_LOCALE.into());
    chain.retain(|t| t != "und");
    chain
}

/// The writing direction of a language, as HTML's `dir` attribute spells it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextDir {
    Ltr,
    Rtl,
}

/// Right-to-left for ar, he, fa, ur, ...; left-to-right otherwise.
pub fn text_dir(lang: &str) -> TextDir {
    match lang.parse::<LanguageIdentifier>() {
        Ok(id) if id.character_direction() == CharacterDirection::RTL => TextDir::Rtl,
        _ => TextDir::Ltr,
    }
}

/// `"rtl"` for right-to-left languages (ar, he, fa, ur, ...), else `"ltr"`.
pub fn direction(lang: &str) -> &'static str {
    match text_dir(lang) {
        TextDir::Rtl => "rtl",
        TextDir::Ltr => "ltr",
    }
}

/// The Fluent source of one language of a chain: its `*.ftl` files in name order, joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleSource {
    pub lang: String,
    pub ftl: String,
}

/// Negotiated Fluent bundles for one user's language preferences.
pub struct Localizer {
    chain: Vec<String>,
    bundles: Vec<FluentBundle<Arc<FluentResource>>>,
    /// The resources of each bundle, in source order (for [`Localizer::sources`]).
    resources: Vec<Vec<Arc<FluentResource>>>,
    warnings: Mutex<Vec<String>>,
    /// Ids already reported missing, so a re-rendering UI does not flood the log.
    reported: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("chain", &self.chain)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// Load `dir/<lang>/*.ftl` (files in name order) and negotiate `requested` against the
    /// language folders found there.
    pub fn new(dir: &Path, requested: &[&str]) -> Result<Localizer, L10nError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| L10nError::Io { path, source }
        };
        let mut sources = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            let Some(lang) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !path.is_dir() || lang.starts_with('.') {
                continue;
            }
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(io(&path))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect();
            files.sort();
            let texts = files
                .iter()
                .map(|f| std::fs::read_to_string(f).map_err(io(f)))
                .collect::<Result<Vec<_>, _>>()?;
            sources.push((lang.to_string(), texts));
        }
        Localizer::from_sources(sources, requested)
    }

    /// Build from in-memory FTL sources, `(lang, [ftl text, ...])`, e.g. embedded with
    /// `include_str!`. Parse errors and duplicate ids do not fail: the valid messages are used
    /// and the problems are listed in [`Localizer::warnings`] (`cargo xtask check-locales`
    /// is the gate that rejects them).
    pub fn from_sources(
        sources: Vec<(String, Vec<String>)>,
        requested: &[&str],
    ) -> Result<Localizer, L10nError> {
        // fluent-langneg 0.14 speaks icu_locid while fluent-bundle 0.16 speaks unic-langid;
        // tags cross between them as strings.
        let mut available: Vec<NegId> = Vec::new();
        for (lang, _) in &sources {
            available.push(
                lang.parse()
                    .map_err(|_| L10nError::InvalidTag(lang.clone()))?,
            );
        }
        let default: NegId = DEFAULT_LOCALE.parse().expect("valid tag");
        let Some(default) = available.iter().find(|l| **l == default) else {
            return Err(L10nError::MissingDefault);
        };

        // Expand each request with its own fallbacks first (nn -> nb), then let langneg
        // match them against what exists (it also maps nb-NO to nb, en-GB to en).
        // The appended `en` is dropped so a second preference ("pl, ar") comes before it.
        let wanted: Vec<NegId> = requested
            .iter()
            .flat_map(|r| {
                let mut chain = fallback_chain(r);
                if chain.len() > 1 && chain.last().is_some_and(|l| l == DEFAULT_LOCALE) {
                    chain.pop();
                }
                chain
            })
            .filter_map(|t| t.parse().ok())
            .collect();
        let negotiated = negotiate_languages(
            &wanted,
            &available,
            Some(default),
            NegotiationStrategy::Filtering,
        );
        let mut chain: Vec<LanguageIdentifier> = Vec::new();
        for l in negotiated {
            let l: LanguageIdentifier = l
                .to_string()
                .parse()
                .map_err(|_| L10nError::InvalidTag(l.to_string()))?;
            if !chain.contains(&l) {
                chain.push(l);
            }
        }

        let mut warnings = Vec::new();
        let mut bundles = Vec::new();
        let mut resources = Vec::new();
        for locale in &chain {
            let lang = locale.to_string();
            let texts = sources
                .iter()
                .find(|(l, _)| l.parse::<LanguageIdentifier>().ok().as_ref() == Some(locale))
                .map(|(_, t)| t.as_slice())
                .unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![locale.clone()]);
            let mut bundle_resources = Vec::new();
            for (n, text) in texts.iter().enumerate() {
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            let line = text[..e.pos.start.min(text.len())].lines().count().max(1);
                            warnings.push(format!("{lang} file {n} line {line}: {e}"));
                        }
                        r
                    }
                };
                let resource = Arc::new(resource);
                if let Err(errors) = bundle.add_resource(resource.clone()) {
                    warnings.extend(errors.into_iter().map(|e| format!("{lang} file {n}: {e}")));
                }
                bundle_resources.push(resource);
            }
            bundles.push(bundle);
            resources.push(bundle_resources);
        }
        for w in &warnings {
            eprintln!("l10n: {w}");
        }
        Ok(Localizer {
            chain: chain.iter().map(ToString::to_string).collect(),
            bundles,
            resources,
            warnings: Mutex::new(warnings),
            reported: Mutex::new(HashSet::new()),
        })
    }

    /// Turn Unicode isolation marks around placeables on or off (on by default; keep them on
    /// in the app, they protect mixed-direction text).
    pub fn set_use_isolating(&mut self, on: bool) {
        for b in &mut self.bundles {
            b.set_use_isolating(on);
        }
    }

    /// The negotiated language chain, best first, ending in `en`.
    pub fn chain(&self) -> &[String] {
        &self.chain
    }

    /// The UI language: the first of the chain.
    pub fn lang(&self) -> &str {
        &self.chain[0]
    }

    /// `"rtl"` or `"ltr"` for the UI language (for `<html dir>`).
    pub fn dir(&self) -> &'static str {
        direction(self.lang())
    }

    /// The string for `id` (or `id.attribute`) in the first language of the chain that has it.
    /// A missing id is logged and returned as the id itself, so the gap is visible, not blank.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            if let Some(s) = format_in(bundle, id, args, &mut |e| self.warn(e)) {
                return s;
            }
        }
        if self
            .reported
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_string())
        {
            self.warn(format!(
                "missing message `{id}` in {}",
                self.chain.join(", ")
            ));
        }
        id.to_string()
    }

    /// The FTL source of each language of the chain, best first: what the UI needs to format
    /// its strings itself, with arguments and plurals, and the same fallback.
    pub fn sources(&self) -> Vec<LocaleSource> {
        self.chain
            .iter()
            .zip(&self.resources)
            .map(|(lang, resources)| LocaleSource {
                lang: lang.clone(),
                ftl: resources
                    .iter()
                    .map(|r| r.source())
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect()
    }

    /// Problems met so far: parse errors, duplicate ids, missing messages, formatting errors.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn warn(&self, warning: String) {
        eprintln!("l10n: {warning}");
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(warning);
    }
}

/// Format `id` or `id.attr` from one bundle; `None` when this bundle does not have it.
fn format_in(
    bundle: &FluentBundle<Arc<FluentResource>>,
    id: &str,
    args: Option<&FluentArgs>,
    warn: &mut dyn FnMut(String),
) -> Option<String> {
    let (message_id, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let message = bundle.get_message(message_id)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    let value = bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    for e in errors {
        warn(format!("{id} ({}): {e}", bundle.locales[0]));
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/locales")
    }

    /// Isolation marks make exact comparisons noisy; the app keeps them on.
    fn plain(l10n: &Localizer, id: &str, args: Option<&FluentArgs>) -> String {
        l10n.format(id, args).replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn localizer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Localizer>();
    }

    #[test]
    fn fallback_chains() {
        assert_eq!(fallback_chain("nb"), ["nb", "en"]);
        assert_eq!(fallback_chain("nn"), ["nn", "nb", "en"]);
        assert_eq!(fallback_chain("nb-NO"), ["nb-NO", "nb", "en"]);
        assert_eq!(fallback_chain("ar"), ["ar", "en"]);
        assert_eq!(fallback_chain("en-GB"), ["en-GB", "en"]);
        assert_eq!(fallback_chain("en"), ["en"]);
        assert_eq!(fallback_chain("not a tag!"), ["en"]);
    }

    #[test]
    fn directions() {
        for rtl in ["ar", "he", "fa", "ur", "ar-EG"] {
            assert_eq!(direction(rtl), "rtl", "{rtl}");
        }
        for ltr in ["en", "nb", "pl", "nonsense tag"] {
            assert_eq!(direction(ltr), "ltr", "{ltr}");
        }
    }

    #[test]
    fn negotiates_against_existing_locales() {
        let l = Localizer::new(&fixtures(), &["nb-NO"]).unwrap();
        assert_eq!(l.chain(), ["nb", "en"]);
        assert_eq!((l.lang(), l.dir()), ("nb", "ltr"));

        let l = Localizer::new(&fixtures(), &["nn"]).unwrap();
        assert_eq!(l.chain(), ["nb", "en"], "nynorsk falls back to bokmål");

        let l = Localizer::new(&fixtures(), &["pl", "ar"]).unwrap();
        assert_eq!(l.chain(), ["ar", "en"]);
        assert_eq!(l.dir(), "rtl");

        let l = Localizer::new(&fixtures(), &["en-GB", "nb"]).unwrap();
        assert_eq!(l.chain(), ["en", "nb"], "English was preferred");

        let l = Localizer::new(&fixtures(), &["fr"]).unwrap();
        assert_eq!(l.chain(), ["en"]);
        assert_eq!(l.format("nav-home", None), "Home");
    }

    #[test]
    fn formats_with_arguments_and_plurals() {
        let l = Localizer::new(&fixtures(), &["nb"]).unwrap();
        assert_eq!(l.format("nav-home", None), "Hjem");
        let mut args = FluentArgs::new();
        args.set("name", "Kari");
        assert_eq!(plain(&l, "greeting", Some(&args)), "Hei, Kari!");
        let mut args = FluentArgs::new();
        args.set("count", 1);
        assert_eq!(plain(&l, "modules-count", Some(&args)), "Én modul");
        args.set("count", 3);
        assert_eq!(plain(&l, "modules-count", Some(&args)), "3 moduler");
        assert_eq!(
            l.format("search-box.placeholder", None),
            "Søk i moduler og ord"
        );
        // Isolation marks are on by default (bidi safety).
        let mut args = FluentArgs::new();
        args.set("name", "Kari");
        assert_eq!(
            l.format("greeting", Some(&args)),
            "Hei, \u{2068}Kari\u{2069}!"
        );
        assert!(l.warnings().is_empty(), "{:?}", l.warnings());
    }

    #[test]
    fn a_missing_id_falls_back_then_shows_the_id() {
        let l = Localizer::new(&fixtures(), &["ar"]).unwrap();
        assert_eq!(l.format("decoder-title", None), "افهم تقريرك");
        // Missing in ar: English, with no warning (that is what the chain is for).
        assert_eq!(l.format("decoder-absent", None), "Not found in your report");
        assert!(l.warnings().is_empty());
        // Missing everywhere: the id itself, logged once.
        assert_eq!(l.format("no-such-id", None), "no-such-id");
        assert_eq!(l.format("no-such-id", None), "no-such-id");
        assert_eq!(
            l.format("nav-home.no-such-attr", None),
            "nav-home.no-such-attr"
        );
        let warnings = l.warnings();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("no-such-id"));
    }

    #[test]
    fn sources_hand_over_the_chain_for_the_ui_to_format() {
        // What the UI formats is tested in ui/test/i18n.test.ts (the same fixtures, with
        // fallback, attributes, arguments and plurals); here: the right files, in chain order.
        let l = Localizer::new(&fixtures(), &["ar"]).unwrap();
        let sources = l.sources();
        let langs: Vec<_> = sources.iter().map(|s| s.lang.as_str()).collect();
        assert_eq!(langs, ["ar", "en"]);
        for s in &sources {
            let dir = fixtures().join(&s.lang);
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect();
            files.sort();
            let joined: Vec<String> = files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect();
            assert_eq!(s.ftl, joined.join("\n"), "{}", s.lang);
        }
        assert!(sources[0].ftl.contains("nav-home = الرئيسية"));
        // Every source formats in this localiser too: nothing the UI gets is broken.
        assert!(l.warnings().is_empty(), "{:?}", l.warnings());

        let en = Localizer::new(&fixtures(), &["en"]).unwrap();
        assert_eq!(en.sources().len(), 1, "English needs no fallback");
    }

    #[test]
    fn from_sources_tolerates_broken_files_but_says_so() {
        let sources = vec![
            (
                "en".to_string(),
                vec!["hello = Hello\nbye = Bye\n".to_string()],
            ),
            (
                "nb".to_string(),
                vec!["hello = Hei\nthis is not fluent\nbye = Ha det\nhello = Igjen\n".to_string()],
            ),
        ];
        let l = Localizer::from_sources(sources, &["nb"]).unwrap();
        assert_eq!(l.format("hello", None), "Hei");
        assert_eq!(l.format("bye", None), "Ha det");
        let warnings = l.warnings();
        assert!(
            warnings.iter().any(|w| w.contains("line 2")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("hello")),
            "duplicate: {warnings:?}"
        );
    }

    #[test]
    fn errors_are_typed() {
        let only_nb = vec![("nb".to_string(), vec!["a = b".to_string()])];
        assert!(matches!(
            Localizer::from_sources(only_nb, &["nb"]),
            Err(L10nError::MissingDefault)
        ));
        let bad = vec![
            ("en".to_string(), vec![]),
            ("not a tag".to_string(), vec![]),
        ];
        assert!(matches!(
            Localizer::from_sources(bad, &["en"]),
            Err(L10nError::InvalidTag(_))
        ));
        assert!(matches!(
            Localizer::new(Path::new("/definitely/not/here"), &["en"]),
            Err(L10nError::Io { .. })
        ));
    }
}

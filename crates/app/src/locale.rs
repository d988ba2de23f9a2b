//! The UI language: the core's Fluent localiser over the `locales/` files embedded at build
//! time, and the list of languages the UI ships. Localisers are built once per requested
//! language and kept in [`Locales`] (held in the app state), since every command asks for the
//! current language chain.

use crate::ipc::{FtlSource, LanguageOption, UiLocale};
use scanwise_core::l10n::{self, Localizer, text_dir};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The embedded sources of the languages `lang` can fall back through (always with `en`), so a
/// localiser parses only what it may show.
fn sources_for(lang: &str) -> Vec<(String, Vec<String>)> {
    let chain = l10n::fallback_chain(lang);
    embedded::SOURCES
        .iter()
        .filter(|(l, _, _)| {
            *l == "en"
                || chain
                    .iter()
                    .any(|c| c == l || c.split('-').next() == Some(l))
        })
        .map(|&(lang, len, packed)| (lang.to_string(), unpack(lang, len, packed)))
        .collect()
}

/// One language's `.ftl` files, as embedded (joined with NUL, compressed: see build.rs).
fn unpack(lang: &str, len: u64, packed: &[u8]) -> Vec<String> {
    let joined = scanwise_channel::blob::decompress_exact(lang, packed, len)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| panic!("the embedded {lang} strings do not decompress"));
    joined.split('\0').map(str::to_string).collect()
}

/// The UI languages shipped (every folder in `locales/`).
pub fn ui_languages() -> Vec<&'static str> {
    embedded::SOURCES.iter().map(|(l, _, _)| *l).collect()
}

#[derive(Default)]
pub struct Locales {
    by_request: Mutex<HashMap<String, Arc<Localizer>>>,
    languages: OnceLock<Vec<LanguageOption>>,
}

impl Locales {
    /// A localiser negotiated for `lang` (falls back through the chain to `en`).
    pub fn localizer(&self, lang: &str) -> Arc<Localizer> {
        let mut cache = self.by_request.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry(lang.to_string())
            .or_insert_with(|| {
                Arc::new(
                    Localizer::from_sources(sources_for(lang), &[lang])
                        .expect("embedded locales include en"),
                )
            })
            .clone()
    }

    /// The language the UI will really show for a request (`nb-NO` → `nb`, `de` → `en`).
    pub fn negotiate(&self, lang: &str) -> String {
        self.localizer(lang).lang().to_string()
    }

    pub fn ui_locale(&self, lang: &str) -> UiLocale {
        let l = self.localizer(lang);
        UiLocale {
            lang: l.lang().to_string(),
            dir: text_dir(l.lang()),
            chain: l.chain().to_vec(),
            ftl: l
                .sources()
                .into_iter()
                .map(|s| FtlSource {
                    lang: s.lang,
                    source: s.ftl,
                })
                .collect(),
        }
    }

    /// Each UI language by its own name ("Norsk bokmål"), from its own `language-native-name`.
    pub fn languages(&self) -> Vec<LanguageOption> {
        self.languages
            .get_or_init(|| {
                ui_languages()
                    .into_iter()
                    .map(|code| LanguageOption {
                        code: code.to_string(),
                        native_name: self.localizer(code).format("language-native-name", None),
                        dir: text_dir(code),
                    })
                    .collect()
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::TextDir;

    /// The embedded strings are the `locales/` files, byte for byte, in file-name order.
    #[test]
    fn the_embedded_strings_are_the_locale_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
        assert_eq!(ui_languages(), ["ar", "en", "nb", "pl"]);
        for &(lang, len, packed) in embedded::SOURCES {
            let mut files: Vec<_> = std::fs::read_dir(dir.join(lang))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect();
            files.sort();
            let texts: Vec<String> = files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect();
            assert_eq!(unpack(lang, len, packed), texts, "{lang}");
            assert!(
                packed.len() * 2 < len as usize,
                "{lang} is stored compressed"
            );
        }
    }

    #[test]
    fn every_shipped_language_names_itself_and_arabic_is_rtl() {
        let locales = Locales::default();
        let langs = locales.languages();
        for code in ["en", "nb", "ar", "pl"] {
            let l = langs.iter().find(|l| l.code == code).expect(code);
            assert_ne!(
                l.native_name, "language-native-name",
                "{code} lacks its native name"
            );
        }
        assert_eq!(
            langs.iter().find(|l| l.code == "ar").unwrap().dir,
            TextDir::Rtl
        );
        assert_eq!(locales.ui_locale("ar").dir, TextDir::Rtl);
        assert_eq!(locales.ui_locale("nb-NO").lang, "nb");
        let nb: Vec<_> = locales
            .ui_locale("nb")
            .ftl
            .into_iter()
            .map(|s| s.lang)
            .collect();
        assert_eq!(nb, ["nb", "en"], "the UI gets the whole chain, best first");
        assert_eq!(locales.negotiate("de"), "en");
    }
}

//! The website's UI strings: the app's own Fluent files (`app.ftl`, `content.ftl`, `tools.ftl`)
//! and `web.ftl` for what only the website says, compiled in like the print strings.

use scanwise_core::l10n::{FluentArgs, FluentValue, Localizer};

use crate::error::SiteError;

/// Languages the website has UI strings for.
pub const UI_LANGUAGES: &[&str] = &["en", "nb", "ar", "pl"];

macro_rules! ftl {
    ($lang:literal) => {
        (
            $lang,
            [
                include_str!(concat!("../../../locales/", $lang, "/app.ftl")),
                include_str!(concat!("../../../locales/", $lang, "/content.ftl")),
                include_str!(concat!("../../../locales/", $lang, "/tools.ftl")),
                include_str!(concat!("../../../locales/", $lang, "/web.ftl")),
            ],
        )
    };
}

const FTL: &[(&str, [&str; 4])] = &[ftl!("en"), ftl!("nb"), ftl!("ar"), ftl!("pl")];

/// The UI strings of one language, falling back per string to English.
pub struct Strings {
    l10n: Localizer,
}

impl Strings {
    pub fn new(lang: &str) -> Result<Strings, SiteError> {
        let sources = FTL
            .iter()
            .map(|(l, texts)| (l.to_string(), texts.iter().map(|t| t.to_string()).collect()))
            .collect();
        let l10n = Localizer::from_sources(sources, &[lang]).map_err(|e| SiteError::Strings {
            lang: lang.to_string(),
            reason: e.to_string(),
        })?;
        if l10n.lang() != lang {
            return Err(SiteError::Strings {
                lang: lang.to_string(),
                reason: format!("negotiated `{}` instead", l10n.lang()),
            });
        }
        Ok(Strings { l10n })
    }

    /// The string, not escaped.
    pub fn raw(&self, id: &str) -> String {
        self.l10n.format(id, None)
    }

    /// The string, HTML-escaped.
    pub fn t(&self, id: &str) -> String {
        crate::html::esc(&self.raw(id))
    }

    /// The string with arguments, HTML-escaped.
    pub fn t_args(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set(*k, FluentValue::from(v.to_string()));
        }
        crate::html::esc(&self.l10n.format(id, Some(&a)))
    }

    /// The string with a number argument (plural rules see a number), HTML-escaped.
    pub fn t_count(&self, id: &str, name: &str, n: usize) -> String {
        let mut a = FluentArgs::new();
        a.set(name, FluentValue::from(n));
        crate::html::esc(&self.l10n.format(id, Some(&a)))
    }

    /// `Some(string)` when the id exists in some language, for optional strings such as a
    /// region's name (a region added to the content before its name is translated shows its
    /// code instead of a message id).
    pub fn optional(&self, id: &str) -> Option<String> {
        let s = self.l10n.format(id, None);
        (s != id).then(|| crate::html::esc(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_language_loads_and_has_the_web_strings() {
        for lang in UI_LANGUAGES {
            let s = Strings::new(lang).unwrap();
            for id in [
                "web-about-decoder",
                "help-now",
                "fallback-notice",
                "web-region-NO",
            ] {
                assert!(s.optional(id).is_some(), "{lang}: {id}");
            }
            assert!(s.optional("web-no-such-string").is_none());
        }
        assert!(Strings::new("xx").is_err());
    }
}

//! The website's UI strings: the app's own Fluent files (`app.ftl`, `content.ftl`, `tools.ftl`,
//! `visit.ftl` for the prescription link notices)
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
                include_str!(concat!("../../../locales/", $lang, "/visit.ftl")),
                include_str!(concat!("../../../locales/", $lang, "/web.ftl")),
            ],
        )
    };
}

const FTL: &[(&str, [&str; 5])] = &[ftl!("en"), ftl!("nb"), ftl!("ar"), ftl!("pl")];

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
        crate::html::esc(&self.raw_args(id, args))
    }

    /// The string with a number argument (plural rules see a number), HTML-escaped.
    pub fn t_count(&self, id: &str, name: &str, n: usize) -> String {
        let mut a = FluentArgs::new();
        a.set(name, FluentValue::from(n));
        crate::html::esc(&self.l10n.format(id, Some(&a)))
    }

    /// The string with text arguments, not escaped (for data a script puts in with
    /// `textContent`).
    pub fn raw_args(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set(*k, FluentValue::from(v.to_string()));
        }
        self.l10n.format(id, Some(&a))
    }

    /// The message with a `{name}` slot where each of its variables `names` goes, for a script
    /// that fills them in at run time (not escaped: the script puts it in with `textContent`).
    /// Each variable is given its own slot text, which comes back inside Fluent's isolation
    /// marks; the marks go.
    pub fn template(&self, id: &str, names: &[&str]) -> String {
        let slots: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
        let args: Vec<(&str, &str)> = names
            .iter()
            .copied()
            .zip(slots.iter().map(String::as_str))
            .collect();
        slots.iter().fold(self.raw_args(id, &args), |text, slot| {
            text.replace(&format!("\u{2068}{slot}\u{2069}"), slot)
        })
    }

    /// A message with a number argument as one template per CLDR plural category, for a
    /// script that knows the number only at run time: `{"one": "One page…", "other": "{n}
    /// pages…"}`. The script picks the category with `Intl.PluralRules` and puts the number
    /// where `{n}` is. Fluent picks a variant whose key equals a string argument, so giving
    /// the category's name as `$name` selects exactly that variant; the name then comes back
    /// inside Fluent's isolation marks, which is where the number goes. Categories the
    /// language does not use fall to the default variant and are left out when they add
    /// nothing.
    pub fn plural_templates(
        &self,
        id: &str,
        name: &str,
    ) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        let other = self.plural_variant(id, name, "other");
        for cat in ["zero", "one", "two", "few", "many"] {
            let t = self.plural_variant(id, name, cat);
            if t != other {
                out.insert(cat.to_string(), t);
            }
        }
        out.insert("other".to_string(), other);
        out
    }

    fn plural_variant(&self, id: &str, name: &str, category: &str) -> String {
        let mut a = FluentArgs::new();
        a.set(name, FluentValue::from(category));
        self.l10n
            .format(id, Some(&a))
            .replace(&format!("\u{2068}{category}\u{2069}"), "{n}")
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

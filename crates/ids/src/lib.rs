//! Names that mean one thing: the one grammar of [`ModuleId`], [`ConceptId`] and [`Locale`].
//!
//! A module id is written by an editor (`scanwise check`), carried by the signed channel, stored
//! in a slot and `user.db`, and typed into prescription links and QR codes. Each of those used to
//! check ids its own way, so an id could pass one and fail the next (a 70-character id built and
//! installed but could never be opened from a link). Now every boundary parses with the
//! functions here: [`ModuleId::parse`], [`ConceptId::parse`], [`Locale::parse`].
//!
//! This crate depends on nothing of ScanWise, so the channel (which must not link core) and
//! core (which must not link the channel) can both use it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest module or concept id, in bytes (all ids are ASCII). A prescription link of
/// [`MAX_ID_LEN`]-byte ids still fits a QR code a phone reads from a poster.
pub const MAX_ID_LEN: usize = 64;

/// What kind of name was being parsed, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Module,
    Concept,
    Locale,
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdKind::Module => "module id",
            IdKind::Concept => "concept id",
            IdKind::Locale => "language tag",
        })
    }
}

/// Why a string is not a valid id. It never carries the string itself: ids come from links and
/// the network, so the caller decides whether to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("a {0} cannot be empty")]
    Empty(IdKind),
    #[error("a {kind} has at most {max} characters; this one has {len}")]
    TooLong {
        kind: IdKind,
        len: usize,
        max: usize,
    },
    #[error("a {0} uses only lowercase letters, digits and `-`")]
    BadCharacter(IdKind),
    #[error("a {0} cannot start with `-`")]
    LeadingDash(IdKind),
    #[error(
        "a language tag is a 2–3 letter lowercase language, optionally `-` and a 2-letter uppercase region (`en`, `nb`, `pt-BR`)"
    )]
    BadLocale,
}

/// `[a-z0-9][a-z0-9-]{0,63}`: the grammar of module and concept ids.
fn check_id(kind: IdKind, s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty(kind));
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(IdError::BadCharacter(kind));
    }
    if s.starts_with('-') {
        return Err(IdError::LeadingDash(kind));
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::TooLong {
            kind,
            len: s.len(),
            max: MAX_ID_LEN,
        });
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// THE grammar: `[a-z0-9][a-z0-9-]{0,63}`.
            pub fn parse(s: &str) -> Result<$name, IdError> {
                check_id($kind, s).map(|()| $name(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<$name, IdError> {
                check_id($kind, &s).map(|()| $name(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<$name, IdError> {
                $name::parse(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// A module's id (`do-i-need-a-scan`): its folder name, its pack's unit id, the `m=` of a
    /// prescription link and the key of its user data.
    ModuleId,
    IdKind::Module
);

id_type!(
    /// A glossary concept's id (`disc-bulge`): the target of `glossary:` links and the key the
    /// report decoder returns.
    ConceptId,
    IdKind::Concept
);

/// A language tag as content, the channel and links carry it: a 2–3 letter lowercase language,
/// optionally `-` and a 2-letter uppercase region (`en`, `nb`, `pt-BR`; `und` for neutral data).
///
/// It is the canonical form, not a parser of every BCP 47 tag: what an OS or a person types
/// (`nb_NO`, `NB`, `zh-Hant-TW`) is negotiated down to one of these by the l10n and link code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

fn check_locale(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty(IdKind::Locale));
    }
    let (language, region) = match s.split_once('-') {
        Some((language, region)) => (language, Some(region)),
        None => (s, None),
    };
    let ok = (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()));
    if ok { Ok(()) } else { Err(IdError::BadLocale) }
}

impl Locale {
    /// THE grammar of a language tag: `[a-z]{2,3}(-[A-Z]{2})?`.
    pub fn parse(s: &str) -> Result<Locale, IdError> {
        check_locale(s).map(|()| Locale(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language subtag: `nb` for `nb-NO`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl TryFrom<String> for Locale {
    type Error = IdError;
    fn try_from(s: String) -> Result<Locale, IdError> {
        check_locale(&s).map(|()| Locale(s))
    }
}

impl From<Locale> for String {
    fn from(l: Locale) -> String {
        l.0
    }
}

impl std::str::FromStr for Locale {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Locale, IdError> {
        Locale::parse(s)
    }
}

impl AsRef<str> for Locale {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Locale {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Locale {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Locale {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_ids_are_lowercase_words_of_at_most_64() {
        for ok in [
            "radiation",
            "do-i-need-a-scan",
            "a",
            "m1",
            "2-x",
            &"a".repeat(64),
        ] {
            assert_eq!(
                ModuleId::parse(ok).map(String::from).as_deref(),
                Ok(ok),
                "{ok}"
            );
        }
        let long = "a".repeat(70);
        assert_eq!(
            ModuleId::parse(&long),
            Err(IdError::TooLong {
                kind: IdKind::Module,
                len: 70,
                max: 64
            })
        );
        assert_eq!(
            ModuleId::parse(&long).unwrap_err().to_string(),
            "a module id has at most 64 characters; this one has 70"
        );
        assert_eq!(ModuleId::parse(""), Err(IdError::Empty(IdKind::Module)));
        assert_eq!(
            ModuleId::parse("-x"),
            Err(IdError::LeadingDash(IdKind::Module))
        );
        for bad in [
            "Radiation",
            "a_b",
            "a b",
            "a/b",
            "..",
            "é",
            "a,b",
            "<script>",
        ] {
            assert_eq!(
                ModuleId::parse(bad),
                Err(IdError::BadCharacter(IdKind::Module)),
                "{bad}"
            );
        }
    }

    #[test]
    fn concept_ids_share_the_grammar() {
        assert!(ConceptId::parse("disc-bulge").is_ok());
        assert_eq!(
            ConceptId::parse(&"c".repeat(65)),
            Err(IdError::TooLong {
                kind: IdKind::Concept,
                len: 65,
                max: 64
            })
        );
        assert_eq!(
            ConceptId::parse("Disc"),
            Err(IdError::BadCharacter(IdKind::Concept))
        );
    }

    #[test]
    fn locales_are_language_and_optional_region() {
        for ok in ["en", "nb", "ar", "pl", "und", "pt-BR", "nb-NO"] {
            assert_eq!(
                Locale::parse(ok).map(String::from).as_deref(),
                Ok(ok),
                "{ok}"
            );
        }
        assert_eq!(Locale::parse("nb-NO").unwrap().language(), "nb");
        for bad in [
            "", "e", "english", "NB", "nb_NO", "nb-no", "zh-Hant", "en/..", "en-", "-en",
        ] {
            assert!(Locale::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_parses_with_the_grammar() {
        let id: ModuleId = serde_json::from_str("\"radiation\"").unwrap();
        assert_eq!(id, "radiation");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"radiation\"");
        assert!(serde_json::from_str::<ModuleId>(&format!("\"{}\"", "a".repeat(70))).is_err());
        assert!(serde_json::from_str::<Locale>("\"nb_NO\"").is_err());
    }
}

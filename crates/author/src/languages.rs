//! Which languages the project ships, and "did you mean" for the tags it does not
//! (`no.md`, `nb-NO.md`, `nb_NO.toml`), so a misnamed file never becomes a new language.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::module::SOURCE_LANG;

/// `en`, every language with a `glossary/<lang>.toml`, and every `locales/<lang>/` folder next
/// to the content folder (the app's own UI languages).
pub fn shipped(root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::from([SOURCE_LANG.to_string()]);
    let stems = |dir: &Path, want_dir: bool| -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.path().is_dir() == want_dir)
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        if want_dir {
                            Some(name)
                        } else {
                            name.strip_suffix(".toml").map(str::to_string)
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for l in stems(&root.join("glossary"), false) {
        // A region variant (`nb-NO`) does not make itself a shipped language.
        if crate::content::is_valid_lang(&l) && !l.contains('-') {
            out.insert(l);
        }
    }
    if let Some(parent) = root.parent() {
        for l in stems(&parent.join("locales"), true) {
            if crate::content::is_valid_lang(&l) {
                out.insert(l);
            }
        }
    }
    out
}

/// Tags people write for a shipped language: the macrolanguage `no` for Bokmål, `iw` and so on.
const ALIASES: &[(&str, &str)] = &[
    ("no", "nb"),
    ("nob", "nb"),
    ("nno", "nn"),
    ("ara", "ar"),
    ("pol", "pl"),
    ("eng", "en"),
];

/// The shipped language a tag most likely means, if any.
pub fn nearest<'a>(tag: &str, shipped: &'a BTreeSet<String>) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let base = lower.split(['-', '.']).next().unwrap_or(&lower).to_string();
    if let Some(s) = shipped.get(&base) {
        return Some(s.as_str());
    }
    if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == base)
        && let Some(s) = shipped.get(*to)
    {
        return Some(s.as_str());
    }
    crate::rules::closest(&base, shipped.iter())
        .first()
        .and_then(|c| shipped.get(*c))
        .map(String::as_str)
}

/// "did you mean `nb`? " or "".
pub fn did_you_mean(tag: &str, shipped: &BTreeSet<String>) -> String {
    nearest(tag, shipped).map_or_else(String::new, |n| format!("did you mean `{n}`? "))
}

/// SW083 for a well-formed tag the project does not ship: a region variant of a shipped
/// language (`nb-NO`) or a tag that is not shipped at all (`no`). The file is then not read
/// as a language, so no other rule points at files that do not exist.
pub fn unknown(tag: &str, shipped: &BTreeSet<String>, file: &Path) -> Option<Diagnostic> {
    if shipped.contains(tag) {
        return None;
    }
    let list = shipped.iter().cloned().collect::<Vec<_>>().join(", ");
    let hint = match nearest(tag, shipped) {
        Some(n) => format!(
            "did you mean `{n}`? rename the file to use it; the languages ScanWise ships are: {list}"
        ),
        None => format!(
            "the languages ScanWise ships are: {list}; a new language starts with its glossary, \
             glossary/{tag}.toml, and the app's strings in locales/{tag}/"
        ),
    };
    Some(
        Diagnostic::new(
            Code::UnknownLanguage,
            format!("`{tag}` is not a language ScanWise ships: this file is not read"),
        )
        .in_file(file)
        .with_hint(hint),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_shipped_language() {
        let s: BTreeSet<String> = ["ar", "en", "nb", "pl"].map(String::from).into();
        assert_eq!(nearest("no", &s), Some("nb"));
        assert_eq!(nearest("nb-NO", &s), Some("nb"));
        assert_eq!(nearest("nb_NO", &s), Some("nb"));
        assert_eq!(nearest("NB", &s), Some("nb"));
        assert_eq!(nearest("pl-PL", &s), Some("pl"));
        assert_eq!(nearest("xyzw", &s), None);
        assert!(unknown("nb", &s, Path::new("x")).is_none());
        let d = unknown("nb-NO", &s, Path::new("x")).unwrap();
        assert!(d.hint.unwrap().starts_with("did you mean `nb`?"));
    }
}

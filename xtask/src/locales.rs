//! `cargo xtask check-locales`: every `locales/<lang>/*.ftl` against the source language `en`.
//!
//! Reports parse errors (file, line), ids missing against `en`, extra ids that `en` does not
//! have, ids defined twice, variables (`{ $name }`) that differ from `en` for the same id, and
//! plural variants a language never selects (`[few]` in `nb`, a typo like `[onee]` is caught as
//! well only when it is a CLDR category name; `[two]` in `pl`), which would be dead text.
//! Message attributes (`id.attr`) and terms (`-brand`) are checked like messages. Any problem
//! makes the task fail, so a broken translation never reaches the app (which would otherwise
//! quietly fall back to English).

use anyhow::{Context, Result, bail};
use fluent_syntax::ast;
use fluent_syntax::parser;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The source language every other language is checked against.
const SOURCE: &str = "en";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoSource {
        dir: PathBuf,
    },
    Parse {
        file: PathBuf,
        line: usize,
        message: String,
    },
    Duplicate {
        file: PathBuf,
        line: usize,
        id: String,
    },
    Missing {
        lang: String,
        id: String,
        source_file: PathBuf,
        source_line: usize,
    },
    Extra {
        file: PathBuf,
        line: usize,
        id: String,
    },
    Variables {
        file: PathBuf,
        line: usize,
        id: String,
        source: Vec<String>,
        found: Vec<String>,
    },
    /// A `[key]` plural variant the language's numbers never select.
    PluralCategory {
        file: PathBuf,
        line: usize,
        id: String,
        key: String,
        categories: Vec<&'static str>,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let vars = |v: &[String]| {
            if v.is_empty() {
                "no variables".to_string()
            } else {
                v.iter()
                    .map(|n| format!("{{ ${n} }}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        match self {
            Problem::NoSource { dir } => {
                write!(
                    f,
                    "{}: no `{SOURCE}` folder; it is the source every language is checked against",
                    dir.display()
                )
            }
            Problem::Parse {
                file,
                line,
                message,
            } => write!(f, "{}:{line}: parse error: {message}", file.display()),
            Problem::Duplicate { file, line, id } => {
                write!(f, "{}:{line}: `{id}` is defined twice", file.display())
            }
            Problem::Missing {
                lang,
                id,
                source_file,
                source_line,
            } => write!(
                f,
                "{lang}: missing `{id}` (defined in {}:{source_line})",
                source_file.display()
            ),
            Problem::Extra { file, line, id } => {
                write!(
                    f,
                    "{}:{line}: `{id}` is not in `{SOURCE}` (a typo, or removed from the source?)",
                    file.display()
                )
            }
            Problem::Variables {
                file,
                line,
                id,
                source,
                found,
            } => write!(
                f,
                "{}:{line}: `{id}` uses {}, but `{SOURCE}` uses {}",
                file.display(),
                vars(found),
                vars(source)
            ),
            Problem::PluralCategory {
                file,
                line,
                id,
                key,
                categories,
            } => write!(
                f,
                "{}:{line}: `{id}` has a `[{key}]` variant, but no number is `{key}` in this \
                 language (its plural categories: {})",
                file.display(),
                categories.join(", ")
            ),
        }
    }
}

/// Where an id is defined and which variables it uses.
#[derive(Debug, Clone)]
struct Definition {
    file: PathBuf,
    line: usize,
    variables: BTreeSet<String>,
}

/// All ids of one language (messages, `message.attr`, `-term`, `-term.attr`).
type Catalog = BTreeMap<String, Definition>;

/// Run the check and print a report; fails when there is any problem.
pub fn check(dir: &Path) -> Result<()> {
    let (languages, problems) = inspect(dir)?;
    // Missing ids are listed once per language; a fresh translation can miss hundreds.
    let mut missing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in &problems {
        match p {
            Problem::Missing { lang, id, .. } => missing.entry(lang).or_default().push(id),
            other => eprintln!("{other}"),
        }
    }
    for (lang, ids) in &missing {
        eprintln!(
            "{lang}: {} id(s) missing against `{SOURCE}`: {}",
            ids.len(),
            ids.join(", ")
        );
    }
    if !problems.is_empty() {
        bail!(
            "check-locales: {} problem(s) in {}",
            problems.len(),
            dir.display()
        );
    }
    eprintln!(
        "check-locales: {} ok ({})",
        dir.display(),
        languages.join(", ")
    );
    Ok(())
}

/// The languages found and every problem, in a stable order (source first, then by language).
pub fn inspect(dir: &Path) -> Result<(Vec<String>, Vec<Problem>)> {
    let mut languages: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok())
        // A folder without any .ftl file is a language not started yet (git keeps no empty
        // folders, so it exists only on the machine that made it); it is not checked.
        .filter(|e| e.path().is_dir() && has_ftl(&e.path()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| !name.starts_with('.'))
        .collect();
    languages.sort_by_key(|l| (l != SOURCE, l.clone()));

    let mut problems = Vec::new();
    let mut catalogs = BTreeMap::new();
    for lang in &languages {
        catalogs.insert(lang.clone(), load(&dir.join(lang), &mut problems)?);
    }
    let Some(source) = catalogs.get(SOURCE) else {
        problems.push(Problem::NoSource {
            dir: dir.to_path_buf(),
        });
        return Ok((languages, problems));
    };
    for lang in languages.iter().filter(|l| *l != SOURCE) {
        let catalog = &catalogs[lang];
        for (id, def) in source {
            if !catalog.contains_key(id) {
                problems.push(Problem::Missing {
                    lang: lang.clone(),
                    id: id.clone(),
                    source_file: def.file.clone(),
                    source_line: def.line,
                });
            }
        }
        for (id, def) in catalog {
            match source.get(id) {
                None => problems.push(Problem::Extra {
                    file: def.file.clone(),
                    line: def.line,
                    id: id.clone(),
                }),
                Some(src) if src.variables != def.variables => problems.push(Problem::Variables {
                    file: def.file.clone(),
                    line: def.line,
                    id: id.clone(),
                    source: src.variables.iter().cloned().collect(),
                    found: def.variables.iter().cloned().collect(),
                }),
                Some(_) => {}
            }
        }
    }
    Ok((languages, problems))
}

fn has_ftl(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(|e| e.ok())
            .any(|e| e.path().extension().is_some_and(|x| x == "ftl"))
    })
}

/// Parse every `*.ftl` of one language folder (in name order) into its catalog.
fn load(dir: &Path, problems: &mut Vec<Problem>) -> Result<Catalog> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let categories = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(plural_categories);
    let mut catalog = Catalog::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let resource = match parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    problems.push(Problem::Parse {
                        file: file.clone(),
                        line: line_of(&text, e.pos.start),
                        message: e.to_string(),
                    });
                }
                r
            }
        };
        let lines = entry_lines(&text);
        let mut occurrence: BTreeMap<String, usize> = BTreeMap::new();
        for entry in &resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                _ => continue,
            };
            let nth = occurrence.entry(id.clone()).or_default();
            let line = lines
                .get(&id)
                .and_then(|l| l.get(*nth))
                .copied()
                .unwrap_or(1);
            *nth += 1;
            let mut defs = Vec::new();
            if let Some(value) = value {
                defs.push((id.clone(), value));
            }
            for a in attributes {
                defs.push((format!("{id}.{}", a.id.name), &a.value));
            }
            for (key, pattern) in defs {
                let variables = pattern_variables(pattern);
                if let Some(categories) = &categories {
                    for k in pattern_plural_keys(pattern)
                        .iter()
                        .filter(|k| !categories.contains(k.as_str()))
                    {
                        problems.push(Problem::PluralCategory {
                            file: file.clone(),
                            line,
                            id: key.clone(),
                            key: k.clone(),
                            categories: categories.iter().copied().collect(),
                        });
                    }
                }
                match catalog.entry(key) {
                    Entry::Occupied(o) => problems.push(Problem::Duplicate {
                        file: file.clone(),
                        line,
                        id: o.key().clone(),
                    }),
                    Entry::Vacant(v) => {
                        v.insert(Definition {
                            file: file.clone(),
                            line,
                            variables,
                        });
                    }
                }
            }
        }
    }
    Ok(catalog)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Lines where each id is defined, in order: entries start at column 0 (`id =`, `-term =`).
/// The parser keeps no positions, and this is all the report needs.
fn entry_lines(text: &str) -> BTreeMap<String, Vec<usize>> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let Some((id, _)) = line.split_once('=') else {
            continue;
        };
        let id = id.trim_end();
        let name = id.strip_prefix('-').unwrap_or(id);
        let mut chars = name.chars();
        if chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            out.entry(id.to_string())
                .or_insert_with(Vec::new)
                .push(n + 1);
        }
    }
    out
}

/// The CLDR plural categories of a language's cardinal numbers, found by selecting integers
/// and decimals (the rules expose no list); `None` for a language CLDR does not know.
fn plural_categories(lang: &str) -> Option<BTreeSet<&'static str>> {
    let langid: unic_langid::LanguageIdentifier = lang.parse().ok()?;
    let rules = PluralRules::create(langid, PluralRuleType::CARDINAL).ok()?;
    let integers = (0..=1000).map(f64::from);
    let decimals = (0..=100).map(|n| f64::from(n) / 10.0 + 0.05);
    let mut out = BTreeSet::new();
    for n in integers.chain(decimals) {
        out.insert(match rules.select(n).ok()? {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        });
    }
    Some(out)
}

const CLDR_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Keys of select variants that are plural category names, in the whole pattern.
fn pattern_plural_keys(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    fn walk(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            let ast::PatternElement::Placeable { expression } = element else {
                continue;
            };
            if let ast::Expression::Select { variants, .. } = expression {
                for v in variants {
                    if let ast::VariantKey::Identifier { name } = &v.key
                        && CLDR_CATEGORIES.contains(name)
                    {
                        out.insert(name.to_string());
                    }
                    walk(&v.value, out);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(pattern, &mut out);
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk_pattern(pattern, &mut out);
    out
}

fn walk_pattern(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, out);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        // Every variant counts: "[one] One module" may leave out { $count } as long as the
        // selector or another variant uses it.
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, out);
            for v in variants {
                walk_pattern(&v.value, out);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, out),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    let walk_arguments = |arguments: &ast::CallArguments<&str>, out: &mut BTreeSet<String>| {
        for a in &arguments.positional {
            walk_inline(a, out);
        }
        for a in &arguments.named {
            walk_inline(&a.value, out);
        }
    };
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            walk_arguments(arguments, out)
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => walk_arguments(arguments, out),
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures(name: &str) -> PathBuf {
        crate::root().join("crates/core/tests/fixtures").join(name)
    }

    #[test]
    fn reports_the_id_ar_is_missing() {
        let dir = fixtures("locales");
        let (languages, problems) = inspect(&dir).unwrap();
        assert_eq!(languages, ["en", "ar", "nb"]);
        assert_eq!(
            problems,
            [Problem::Missing {
                lang: "ar".into(),
                id: "decoder-absent".into(),
                source_file: dir.join("en/decoder.ftl"),
                source_line: 2,
            }]
        );
        assert!(check(&dir).is_err());
        assert_eq!(
            problems[0].to_string(),
            format!(
                "ar: missing `decoder-absent` (defined in {}:2)",
                dir.join("en/decoder.ftl").display()
            )
        );
    }

    #[test]
    fn only_the_source_language_passes() {
        let dir = fixtures("locales-en-only");
        assert_eq!(inspect(&dir).unwrap(), (vec!["en".to_string()], vec![]));
        check(&dir).unwrap();
    }

    #[test]
    fn reports_parse_errors_extras_duplicates_and_variables() {
        let dir = fixtures("locales-broken");
        let nb = dir.join("nb/app.ftl");
        let (_, problems) = inspect(&dir).unwrap();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            matches!(&problems[0], Problem::Parse { file, line: 4, .. } if *file == nb),
            "{text:#?}"
        );
        let rest = &problems[1..];
        let expect = [
            Problem::Duplicate {
                file: nb.clone(),
                line: 3,
                id: "greeting".into(),
            },
            Problem::Missing {
                lang: "nb".into(),
                id: "farewell".into(),
                source_file: dir.join("en/app.ftl"),
                source_line: 3,
            },
            Problem::Missing {
                lang: "nb".into(),
                id: "search.placeholder".into(),
                source_file: dir.join("en/app.ftl"),
                source_line: 5,
            },
            Problem::Variables {
                file: nb.clone(),
                line: 2,
                id: "greeting".into(),
                source: vec!["name".into()],
                found: vec!["navn".into()],
            },
            Problem::Extra {
                file: nb.clone(),
                line: 6,
                id: "greetng".into(),
            },
            Problem::Variables {
                file: nb.clone(),
                line: 7,
                id: "items".into(),
                source: vec!["count".into()],
                found: vec![],
            },
        ];
        assert_eq!(rest, expect, "{text:#?}");
        let err = check(&dir).unwrap_err().to_string();
        assert!(err.contains("7 problem(s)"), "{err}");
        assert!(
            text[4].ends_with("app.ftl:2: `greeting` uses { $navn }, but `en` uses { $name }"),
            "{}",
            text[4]
        );
        assert!(
            text[6].ends_with("`items` uses no variables, but `en` uses { $count }"),
            "{}",
            text[6]
        );
    }

    #[test]
    fn language_folders_without_ftl_files_are_not_started_yet() {
        let dir = std::env::temp_dir().join(format!("xtask-locales-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::create_dir_all(dir.join("nb")).unwrap();
        std::fs::write(dir.join("en/app.ftl"), "hello = Hello\n").unwrap();
        let result = inspect(&dir);
        std::fs::write(dir.join("nb/app.ftl"), "hei = Hei\n").unwrap();
        let started = inspect(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(result.unwrap(), (vec!["en".to_string()], vec![]));
        let (languages, problems) = started.unwrap();
        assert_eq!(languages, ["en", "nb"]);
        assert_eq!(problems.len(), 2, "{problems:?}"); // hello missing, hei extra
    }

    #[test]
    fn a_missing_source_language_is_a_problem() {
        let (languages, problems) = inspect(&fixtures("locales-no-source")).unwrap();
        assert_eq!(languages, ["nb"]);
        assert!(
            matches!(problems.as_slice(), [Problem::NoSource { .. }]),
            "{problems:?}"
        );
        assert!(inspect(&fixtures("no-such-folder")).is_err());
    }

    #[test]
    fn plural_variants_a_language_never_selects_are_problems() {
        let dir = std::env::temp_dir().join(format!("xtask-plurals-{}", std::process::id()));
        let ftl = [
            (
                "en",
                "n = { $c ->\n    [one] One\n   *[other] { $c } things\n}\n",
            ),
            // Every Arabic category is real; Polish has no `two`, Bokmål no `few`.
            (
                "ar",
                "n = { $c ->\n    [zero] a\n    [one] b\n    [two] c\n    [few] d\n    [many] e\n   *[other] f\n}\n",
            ),
            (
                "pl",
                "n = { $c ->\n    [one] a\n    [two] b\n    [few] c\n    [many] d\n   *[other] e\n}\n",
            ),
            (
                "nb",
                "n = x { $c ->\n    [one] a\n    [few] b\n    [draft] c\n   *[other] d\n}\n",
            ),
        ];
        for (lang, text) in ftl {
            std::fs::create_dir_all(dir.join(lang)).unwrap();
            std::fs::write(dir.join(lang).join("app.ftl"), text).unwrap();
        }
        let result = inspect(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let (_, problems) = result.unwrap();
        let found: Vec<_> = problems
            .iter()
            .map(|p| match p {
                Problem::PluralCategory { file, key, .. } => {
                    (file.parent().unwrap().file_name().unwrap().to_owned(), key)
                }
                other => panic!("{other}"),
            })
            .map(|(lang, key)| format!("{}:{key}", lang.to_string_lossy()))
            .collect();
        assert_eq!(found, ["nb:few", "pl:two"]);
        assert!(
            problems[1]
                .to_string()
                .ends_with("`n` has a `[two]` variant, but no number is `two` in this language (its plural categories: few, many, one, other)"),
            "{}",
            problems[1]
        );
    }

    #[test]
    fn plural_categories_of_the_shipped_languages() {
        let list = |l: &str| {
            plural_categories(l)
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(list("en"), ["one", "other"]);
        assert_eq!(list("nb"), ["one", "other"]);
        assert_eq!(list("pl"), ["few", "many", "one", "other"]);
        assert_eq!(list("ar"), ["few", "many", "one", "other", "two", "zero"]);
        assert_eq!(plural_categories("not a tag!"), None);
    }

    #[test]
    fn variables_are_found_in_selectors_variants_functions_and_term_arguments() {
        let ftl = "m = { $a } { $n ->\n    [one] x\n   *[other] { NUMBER($c, $d, minimumFractionDigits: 2) } { -t($e, k: \"x\") }\n}\n";
        let resource = parser::parse(ftl).unwrap();
        let ast::Entry::Message(m) = &resource.body[0] else {
            panic!()
        };
        let found: Vec<_> = pattern_variables(m.value.as_ref().unwrap())
            .into_iter()
            .collect();
        assert_eq!(found, ["a", "c", "d", "e", "n"]);
    }
}

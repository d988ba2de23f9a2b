//! Cross-file rules: references, links, translations, the safety module, glossary, checker and
//! question coverage. Per-file rules run while parsing (see `module` and `markdown`).

use std::collections::{BTreeMap, BTreeSet};

use scanwise_core::model::{CheckerQuestionKind, OutcomeKind, SAFETY_MODULE_ID};

use crate::content::Content;
use crate::diag::{Code, Diagnostic};
use crate::markdown::{LinkTarget, check_fragment, is_valid_id};
use crate::module::{ModuleFile, SOURCE_LANG};
use crate::sources::header_range;

/// Where one module stands in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranslationState {
    /// The source itself (`en`).
    Source,
    Complete,
    /// Complete, but the source changed since `source_hash`.
    Stale,
    /// A file exists but cannot be published; the reasons say why.
    Incomplete(Vec<String>),
    /// No (parseable) file.
    Missing,
}

impl TranslationState {
    /// Whether this language gets its own pack of the module.
    pub fn publishes(&self) -> bool {
        matches!(self, Self::Source | Self::Complete | Self::Stale)
    }
}

/// The state of `id` in `lang` (the rules for SW031/SW032).
pub fn translation_state(c: &Content, id: &str, lang: &str) -> TranslationState {
    let Some(m) = c.module(id, lang) else {
        return TranslationState::Missing;
    };
    if lang == SOURCE_LANG {
        return TranslationState::Source;
    }
    let Some(src) = c.module(id, SOURCE_LANG) else {
        return TranslationState::Incomplete(vec![
            "the source (en.md) is missing or broken".into(),
        ]);
    };
    let mut why = Vec::new();
    let anchors = |m: &ModuleFile| -> BTreeSet<String> {
        m.info.sections.iter().map(|s| s.anchor.clone()).collect()
    };
    let (sa, ta) = (anchors(src), anchors(m));
    let missing: Vec<_> = sa.difference(&ta).cloned().collect();
    let extra: Vec<_> = ta.difference(&sa).cloned().collect();
    if !missing.is_empty() {
        why.push(format!("missing anchors: {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        why.push(format!("anchors not in the source: {}", extra.join(", ")));
    }
    if m.fm.key_points.len() != src.fm.key_points.len() {
        why.push(format!(
            "{} key points, the source has {}",
            m.fm.key_points.len(),
            src.fm.key_points.len()
        ));
    }
    if m.fm.myth_or_fact.len() != src.fm.myth_or_fact.len() {
        why.push(format!(
            "{} myth-or-fact items, the source has {}",
            m.fm.myth_or_fact.len(),
            src.fm.myth_or_fact.len()
        ));
    }
    let cites = |m: &ModuleFile| -> BTreeSet<String> {
        m.info.citations.iter().map(|c| c.0.clone()).collect()
    };
    let (sc, tc) = (cites(src), cites(m));
    if sc != tc {
        let diff: Vec<_> = sc.symmetric_difference(&tc).cloned().collect();
        why.push(format!("cites differ from the source: {}", diff.join(", ")));
    }
    match &m.fm.translation {
        None => why.push(
            "no `[translation]` table with the source hash (`scanwise stamp` writes it)".into(),
        ),
        Some(_) if !why.is_empty() => {}
        Some(t) if t.get_ref().source_hash != src.hash => return TranslationState::Stale,
        Some(_) => {}
    }
    if why.is_empty() {
        TranslationState::Complete
    } else {
        TranslationState::Incomplete(why)
    }
}

/// Languages that publish at least one module.
pub fn publishing_languages(c: &Content) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, langs) in &c.modules {
        for lang in langs.keys() {
            if translation_state(c, id, lang).publishes() {
                out.insert(lang.clone());
            }
        }
    }
    out
}

/// Up to three known ids closest to `wanted` (edit distance), for "did you mean" hints.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| (edit_distance(wanted, k), k.as_str()))
        .filter(|(d, _)| *d <= wanted.chars().count() / 2 + 1)
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Where the text of a TOML string value starts, given the span of the whole literal (quotes
/// included). Escapes inside it shift later columns slightly; the line stays right.
fn string_start(text: &str, span: std::ops::Range<usize>) -> usize {
    let lit = text.get(span.clone()).unwrap_or("");
    if lit.starts_with("\"\"\"") || lit.starts_with("'''") {
        let after = span.start + 3;
        if text[after..].starts_with('\n') {
            after + 1
        } else {
            after
        }
    } else {
        span.start + 1
    }
}

/// `root/rel` as shown in hints (forward slashes).
fn shown(root: &std::path::Path, rel: &str) -> String {
    root.join(rel).to_string_lossy().replace('\\', "/")
}

/// The kinds of id that live in one home file and are cited from elsewhere.
#[derive(Clone, Copy)]
enum IdKind {
    Reference,
    Concept,
    Question,
}

/// "unknown … id" for an id its home file does not define; the hint names that file and the
/// closest known ids.
fn unknown_id(c: &Content, kind: IdKind, key: &str, known: &[&String]) -> Diagnostic {
    let (code, what, home) = match kind {
        IdKind::Reference => (Code::UnknownReference, "reference", "references.toml"),
        IdKind::Concept => (Code::UnknownConcept, "concept", "glossary/concepts.toml"),
        IdKind::Question => (
            Code::UnknownQuestion,
            "question",
            "questions/questions.toml",
        ),
    };
    Diagnostic::new(code, format!("unknown {what} id `{key}`")).with_hint(suggest(
        &format!("add it to {}", shown(&c.root, home)),
        key,
        known,
    ))
}

fn suggest(base: &str, wanted: &str, known: &[&String]) -> String {
    let c = closest(wanted, known.iter().copied());
    if c.is_empty() {
        base.to_string()
    } else {
        format!("{base} or use one of: {}", c.join(", "))
    }
}

/// Runs every cross-file rule.
pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
    let refs: Vec<&String> = c.references.iter().flat_map(|r| r.data.keys()).collect();
    let ref_set: BTreeSet<&str> = refs.iter().map(|s| s.as_str()).collect();
    let qids: Vec<&String> = c
        .questions
        .iter()
        .flat_map(|q| q.data.questions.iter().map(|q| q.id.get_ref()))
        .collect();
    let module_ids: Vec<&String> = c.module_files.keys().collect();
    let unknown_ref = |id: &str| unknown_id(c, IdKind::Reference, id, &refs);

    check_references(c, diags);
    check_regions(c, diags);
    crate::patient_text::check(c, diags);

    // ---- modules
    for (id, langs) in &c.module_files {
        if !langs.contains(SOURCE_LANG) {
            for lang in langs {
                let path = c.root.join("modules").join(id).join(format!("{lang}.md"));
                diags.push(
                    Diagnostic::new(
                        Code::TranslationWithoutSource,
                        format!("`{id}` has a {lang} translation but no English source"),
                    )
                    .in_file(&path)
                    .with_hint(format!(
                        "write modules/{id}/en.md first; translations are made from it"
                    )),
                );
            }
        }
    }
    for (id, langs) in &c.modules {
        for (lang, m) in langs {
            let src = &m.src;
            for r in &m.fm.references {
                if c.references.is_some() && !ref_set.contains(r.get_ref().as_str()) {
                    diags.push(unknown_ref(r.get_ref()).at(src, m.range_of(r)));
                }
            }
            let listed: BTreeSet<&str> =
                m.fm.references
                    .iter()
                    .map(|r| r.get_ref().as_str())
                    .collect();
            let mut cited = BTreeSet::new();
            for (rid, range) in &m.info.citations {
                if !cited.insert(rid.as_str()) {
                    continue;
                }
                if c.references.is_none() {
                    continue;
                }
                if !ref_set.contains(rid.as_str()) {
                    diags.push(unknown_ref(rid).at(src, range.clone()));
                } else if !listed.contains(rid.as_str()) {
                    diags.push(
                        Diagnostic::new(
                            Code::CitationNotListed,
                            format!("`{rid}` is cited but not listed in `references`"),
                        )
                        .at(src, range.clone())
                        .with_hint(format!("add \"{rid}\" to `references` in the front matter")),
                    );
                }
            }
            for r in &m.fm.references {
                let rid = r.get_ref().as_str();
                if ref_set.contains(rid) && !cited.contains(rid) {
                    diags.push(
                        Diagnostic::new(
                            Code::ReferenceNotCited,
                            format!("`{rid}` is listed in `references` but never cited"),
                        )
                        .at(src, m.range_of(r))
                        .with_hint(format!(
                            "cite it with [@{rid}] where it is used, or remove it"
                        )),
                    );
                }
            }
            for q in &m.fm.questions {
                if c.questions.is_some() && !qids.iter().any(|k| *k == q.get_ref()) {
                    diags.push(
                        unknown_id(c, IdKind::Question, q.get_ref(), &qids).at(src, m.range_of(q)),
                    );
                }
            }
            check_links(c, src, &m.info.links, diags);
            match translation_state(c, id, lang) {
                TranslationState::Incomplete(why) if c.module(id, SOURCE_LANG).is_some() => {
                    diags.push(
                        Diagnostic::new(
                            Code::IncompleteTranslation,
                            format!("incomplete {lang} translation of `{id}`: not published"),
                        )
                        .at(
                            src,
                            m.fm.translation.as_ref().map_or_else(
                                || m.range_of(&m.fm.id),
                                |t| {
                                    m.range_of(t).start..m.range_of(t).start + "[translation]".len()
                                },
                            ),
                        )
                        .with_hint(if m.fm.translation.is_none() {
                            format!(
                                "{}; once the text is translated, run `scanwise stamp {}` to add it; the app shows the English module until then",
                                why.join("; "),
                                m.src.path.to_string_lossy().replace('\\', "/")
                            )
                        } else {
                            format!(
                                "{}; the app shows the English module until then",
                                why.join("; ")
                            )
                        }),
                    );
                }
                TranslationState::Stale => {
                    let t =
                        m.fm.translation
                            .as_ref()
                            .expect("stale implies a translation table");
                    diags.push(
                        Diagnostic::new(
                            Code::StaleTranslation,
                            format!("the {lang} translation of `{id}` is stale: the English text changed"),
                        )
                        .at(src, m.range_of(t).start..m.range_of(t).start + "[translation]".len())
                        .with_hint(format!(
                            "update the text, then run `scanwise stamp {}`",
                            m.src.path.to_string_lossy().replace('\\', "/")
                        )),
                    );
                }
                _ => {}
            }
        }
    }

    // ---- the safety module, per publishing language
    for lang in publishing_languages(c) {
        if !translation_state(c, SAFETY_MODULE_ID, &lang).publishes() {
            let path = c
                .root
                .join("modules")
                .join(SAFETY_MODULE_ID)
                .join(format!("{lang}.md"));
            diags.push(
                Diagnostic::new(
                    Code::MissingSafetyModule,
                    format!(
                        "`{lang}` publishes modules but not the safety module `{SAFETY_MODULE_ID}`"
                    ),
                )
                .in_file(&path)
                .with_hint(
                    "every published language must ship the red-flag module; translate it first",
                ),
            );
        }
    }
    if !c.modules.is_empty() && !c.module_files.contains_key(SAFETY_MODULE_ID) {
        // Covered above when en publishes; say it plainly when nothing publishes at all.
        if publishing_languages(c).is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::MissingSafetyModule,
                    format!("the safety module `{SAFETY_MODULE_ID}` is missing"),
                )
                .in_file(&c.root.join("modules").join(SAFETY_MODULE_ID).join("en.md")),
            );
        }
    }

    check_glossary(c, &refs, &module_ids, diags);
    crate::decoder_rules::check(c, diags);
    check_checker(c, &refs, &qids, diags);
    check_questions(c, diags);
    crate::number_rules::check(c, diags);
    crate::references::check_unused(c, diags);
}

/// `module:` and `glossary:` links must resolve (SW015, SW016, SW017).
fn check_links(
    c: &Content,
    src: &crate::diag::SourceFile,
    links: &[(LinkTarget, std::ops::Range<usize>)],
    diags: &mut Vec<Diagnostic>,
) {
    let concepts: Vec<&String> = c.concepts.iter().flat_map(|x| x.data.keys()).collect();
    let module_ids: Vec<&String> = c.module_files.keys().collect();
    for (target, range) in links {
        match target {
            LinkTarget::Glossary(cid) => {
                if c.concepts.is_some() && !concepts.contains(&cid) {
                    diags.push(
                        unknown_id(c, IdKind::Concept, cid, &concepts).at(src, range.clone()),
                    );
                }
            }
            LinkTarget::Sign(q) => {
                let known: Vec<&String> = c
                    .checker
                    .iter()
                    .flat_map(|ch| ch.data.questions.iter().map(|q| q.id.get_ref()))
                    .collect();
                if c.checker.is_some() && !known.contains(&q) {
                    diags.push(
                        Diagnostic::new(
                            Code::UnknownQuestion,
                            format!("unknown checker question `{q}`"),
                        )
                        .at(src, range.clone())
                        .with_hint(suggest(
                            "`sign:` names a checker question",
                            q,
                            &known,
                        )),
                    );
                }
            }
            LinkTarget::Module {
                id: target_id,
                anchor,
            } => {
                if !c.module_files.contains_key(target_id) {
                    diags.push(
                        Diagnostic::new(
                            Code::UnknownModule,
                            format!("link to unknown module `{target_id}`"),
                        )
                        .at(src, range.clone())
                        .with_hint(suggest(
                            "check the module id",
                            target_id,
                            &module_ids,
                        )),
                    );
                } else if let (Some(a), Some(t)) = (anchor, c.module(target_id, SOURCE_LANG)) {
                    let anchors: Vec<&String> = t.info.sections.iter().map(|s| &s.anchor).collect();
                    if !anchors.contains(&a) {
                        let all: Vec<&str> = anchors.iter().map(|s| s.as_str()).collect();
                        diags.push(
                            Diagnostic::new(
                                Code::UnknownAnchor,
                                format!("module `{target_id}` has no section `#{a}`"),
                            )
                            .at(src, range.clone())
                            .with_hint(format!(
                                "{}; its sections are: {}",
                                suggest("link the module without an anchor", a, &anchors),
                                all.join(", ")
                            )),
                        );
                    }
                }
            }
        }
    }
}

fn check_references(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(r) = &c.references else { return };
    for (id, reference) in &r.data {
        let range = header_range(&r.src.text, id).unwrap_or(0..0);
        if !is_valid_id(id) {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("invalid reference id `{id}`"))
                    .at(&r.src, range.clone())
                    .with_hint(
                        "reference ids are the ids in FACTS.md: lowercase letters, digits and `-`",
                    ),
            );
        }
        if let Some(url) = &reference.url
            && !url.starts_with("https://")
        {
            diags.push(
                Diagnostic::new(
                    Code::UnsafeUrl,
                    format!("reference `{id}` has a non-https URL `{url}`"),
                )
                .at(&r.src, r.src.find(range.start, url))
                .with_hint("use the https:// address"),
            );
        }
    }
}

fn check_regions(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(r) = &c.regions else { return };
    if !r.data.contains_key("default") {
        diags.push(
            Diagnostic::new(Code::MissingField, "regions.toml has no `[default]` region")
                .in_file(&r.src.path)
                .with_hint("add an empty `[default]` table: the app then says \"your local emergency number\""),
        );
    }
    for (code, region) in &r.data {
        let range = header_range(&r.src.text, code).unwrap_or(0..0);
        if code != "default" && !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("`{code}` is not a region code"))
                    .at(&r.src, range)
                    .with_hint("use ISO 3166-1 alpha-2 codes (`NO`, `GB`) or `default`"),
            );
        } else if code != "default" && region.emergency.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::MissingField,
                    format!("region `{code}` has no `emergency` number"),
                )
                .at(&r.src, range),
            );
        }
    }
}

fn check_glossary(c: &Content, refs: &[&String], modules: &[&String], diags: &mut Vec<Diagnostic>) {
    let Some(cs) = &c.concepts else { return };
    let ids: Vec<&String> = cs.data.keys().collect();
    for (id, concept) in &cs.data {
        let range = header_range(&cs.src.text, id).unwrap_or(0..0);
        if let Err(e) = scanwise_ids::ConceptId::parse(id) {
            diags.push(
                crate::content::bad_id(
                    "concept id",
                    id,
                    e,
                    "concept ids use lowercase letters, digits and `-`",
                )
                .at(&cs.src, range.clone()),
            );
        }
        if let Some(m) = &concept.see_module
            && !c.module_files.contains_key(m.get_ref())
        {
            diags.push(
                Diagnostic::new(
                    Code::UnknownModule,
                    format!("`see_module` names unknown module `{}`", m.get_ref()),
                )
                .at(&cs.src, m.span())
                .with_hint(suggest("check the module id", m.get_ref(), modules)),
            );
        }
        match &concept.prevalence_source {
            Some(s) if c.references.is_some() && !refs.iter().any(|r| *r == s.get_ref()) => diags
                .push(unknown_id(c, IdKind::Reference, s.get_ref(), refs).at(&cs.src, s.span())),
            None if !concept.prevalence.is_empty() => diags.push(
                Diagnostic::new(
                    Code::MissingField,
                    format!("`{id}` gives prevalence without `prevalence_source`"),
                )
                .at(&cs.src, range.clone())
                .with_hint("every number cites its source"),
            ),
            _ => {}
        }
        for b in &concept.prevalence {
            let v = b.get_ref();
            if v.from > v.to || !(0.0..=100.0).contains(&v.percent) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        "prevalence band needs from <= to and 0 <= percent <= 100",
                    )
                    .at(&cs.src, b.span()),
                );
            }
        }
    }
    let mut langs: BTreeSet<String> = c.glossary.keys().cloned().collect();
    langs.extend(publishing_languages(c));
    for lang in langs {
        let Some(g) = c.glossary.get(&lang) else {
            diags.push(
                Diagnostic::new(
                    Code::GlossaryCoverage,
                    format!("`{lang}` publishes modules but has no glossary"),
                )
                .in_file(&c.root.join("glossary").join(format!("{lang}.toml")))
                .with_hint("the report decoder needs the words of each language"),
            );
            continue;
        };
        for key in g.data.concepts.keys() {
            if !cs.data.contains_key(key) {
                let range = header_range(&g.src.text, &format!("concepts.{key}")).unwrap_or(0..0);
                diags.push(unknown_id(c, IdKind::Concept, key, &ids).at(&g.src, range));
            }
        }
        // A missing serious concept is an error of its own (SW071).
        let missing: Vec<&str> = ids
            .iter()
            .filter(|k| !g.data.concepts.contains_key(k.as_str()))
            .filter(|k| !cs.data[k.as_str()].class.is_serious())
            .map(|k| k.as_str())
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::GlossaryCoverage,
                    format!(
                        "the {lang} glossary explains {} of {} concepts",
                        ids.len() - missing.len(),
                        ids.len()
                    ),
                )
                .in_file(&g.src.path)
                .with_hint(format!("missing: {}", preview(&missing))),
            );
        }
    }
}

fn preview(items: &[&str]) -> String {
    if items.len() <= 6 {
        items.join(", ")
    } else {
        format!("{}, … ({} more)", items[..6].join(", "), items.len() - 6)
    }
}

pub const OUTCOME_KEYS: [(OutcomeKind, &str); 5] = [
    (OutcomeKind::Emergency, "emergency"),
    (OutcomeKind::Urgent, "urgent"),
    (OutcomeKind::Soon, "soon"),
    (OutcomeKind::DiscussImaging, "discuss_imaging"),
    (OutcomeKind::ScanUnlikelyToHelp, "scan_unlikely_to_help"),
];

fn check_checker(c: &Content, refs: &[&String], qids: &[&String], diags: &mut Vec<Diagnostic>) {
    let Some(ch) = &c.checker else { return };
    let src = &ch.src;
    let mut seen = BTreeSet::new();
    for q in &ch.data.questions {
        let id = q.id.get_ref();
        if !is_valid_id(id) {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("invalid question id `{id}`"))
                    .at(src, q.id.span()),
            );
        } else if !seen.insert(id.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("duplicate checker question `{id}`"),
                )
                .at(src, q.id.span()),
            );
        }
        for s in &q.sources {
            if c.references.is_some() && !refs.iter().any(|r| *r == s.get_ref()) {
                diags.push(unknown_id(c, IdKind::Reference, s.get_ref(), refs).at(src, s.span()));
            }
        }
        if let Some(gate) = &q.when {
            // A branch waits for a question asked before it.
            if !seen.contains(gate.get_ref().as_str()) || gate.get_ref() == id {
                let earlier: Vec<&String> = ch
                    .data
                    .questions
                    .iter()
                    .map(|q| q.id.get_ref())
                    .take_while(|e| *e != id)
                    .collect();
                diags.push(
                    Diagnostic::new(
                        Code::UnknownQuestion,
                        format!(
                            "`when` names `{}`, which is not a question before `{id}`",
                            gate.get_ref()
                        ),
                    )
                    .at(src, gate.span())
                    .with_hint(suggest(
                        "a branch opens on an earlier question",
                        gate.get_ref(),
                        &earlier,
                    )),
                );
            }
        }
    }
    for (kind, name) in [
        (CheckerQuestionKind::RedFlagEmergency, "red_flag_emergency"),
        (CheckerQuestionKind::RedFlagUrgent, "red_flag_urgent"),
        (CheckerQuestionKind::RedFlagSoon, "red_flag_soon"),
    ] {
        if !ch.data.questions.iter().any(|q| q.kind == kind) {
            diags.push(
                Diagnostic::new(Code::CheckerMissingRedFlags, format!("the checker has no `{name}` question"))
                    .in_file(&src.path)
                    .with_hint("red flags come first and are always asked; they are the reason the checker is safe"),
            );
        }
    }
    let mut kinds = BTreeMap::new();
    for o in &ch.data.outcomes {
        if kinds.insert(outcome_key(*o.kind.get_ref()), ()).is_some() {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("duplicate outcome `{}`", outcome_key(*o.kind.get_ref())),
                )
                .at(src, o.kind.span()),
            );
        }
        for q in &o.questions {
            if c.questions.is_some() && !qids.iter().any(|k| *k == q.get_ref()) {
                diags.push(unknown_id(c, IdKind::Question, q.get_ref(), qids).at(src, q.span()));
            }
        }
        for s in &o.sources {
            if c.references.is_some() && !refs.iter().any(|r| *r == s.get_ref()) {
                diags.push(unknown_id(c, IdKind::Reference, s.get_ref(), refs).at(src, s.span()));
            }
        }
    }
    for (_, key) in OUTCOME_KEYS {
        if !kinds.contains_key(key) {
            diags.push(
                Diagnostic::new(Code::CheckerMissingOutcome, format!("the checker has no `{key}` outcome"))
                    .in_file(&src.path)
                    .with_hint("add [[outcomes]] kind = \"…\" for each of emergency, urgent, soon, discuss_imaging, scan_unlikely_to_help"),
            );
        }
    }
    let ids: Vec<&String> = ch.data.questions.iter().map(|q| q.id.get_ref()).collect();
    let mut langs: BTreeSet<String> = c.checker_langs.keys().cloned().collect();
    langs.extend(publishing_languages(c));
    for lang in langs {
        let Some(l) = c.checker_langs.get(&lang) else {
            diags.push(
                Diagnostic::new(
                    Code::CheckerCoverage,
                    format!("`{lang}` publishes modules but has no checker texts"),
                )
                .in_file(&c.root.join("checker").join(format!("{lang}.toml")))
                .with_hint("the app shows the checker in the fallback language until then"),
            );
            continue;
        };
        for key in l.data.questions.keys() {
            if !ids.contains(&key) {
                let range = header_range(&l.src.text, &format!("questions.{key}")).unwrap_or(0..0);
                diags.push(
                    Diagnostic::new(
                        Code::UnknownQuestion,
                        format!("unknown checker question `{key}`"),
                    )
                    .at(&l.src, range)
                    .with_hint(suggest(
                        &format!("add it to {}", shown(&c.root, "checker/checker.toml")),
                        key,
                        &ids,
                    )),
                );
            }
        }
        for (key, o) in &l.data.outcomes {
            if !OUTCOME_KEYS.iter().any(|(_, k)| k == key) {
                let range = header_range(&l.src.text, &format!("outcomes.{key}")).unwrap_or(0..0);
                diags.push(
                    Diagnostic::new(Code::InvalidValue, format!("unknown outcome `{key}`"))
                        .at(&l.src, range)
                        .with_hint("outcomes are emergency, urgent, soon, discuss_imaging, scan_unlikely_to_help"),
                );
            }
            // Outcome bodies are Markdown; the same HTML and link rules apply as in modules.
            let links = check_fragment(
                &l.src,
                o.body.get_ref(),
                string_start(&l.src.text, o.body.span()),
                diags,
            );
            check_links(c, &l.src, &links, diags);
        }
        let mut missing: Vec<String> = ch
            .data
            .questions
            .iter()
            .filter_map(|q| {
                let id = q.id.get_ref();
                match l.data.questions.get(id) {
                    None => Some(id.clone()),
                    Some(t) if q.kind.tier().is_some() && t.sign.is_none() => {
                        Some(format!("{id}.sign"))
                    }
                    Some(_) => None,
                }
            })
            .collect();
        missing.extend(
            OUTCOME_KEYS
                .iter()
                .filter(|(_, k)| !l.data.outcomes.contains_key(*k))
                .map(|(_, k)| k.to_string()),
        );
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::CheckerCoverage,
                    format!("the {lang} checker texts are incomplete: not published"),
                )
                .in_file(&l.src.path)
                .with_hint(format!(
                    "missing: {}",
                    preview(&missing.iter().map(String::as_str).collect::<Vec<_>>())
                )),
            );
        }
    }
    crate::signs::check_built_checker(c, diags);
    crate::signs::check_safety_signs(c, diags);
}

pub fn outcome_key(k: OutcomeKind) -> &'static str {
    OUTCOME_KEYS
        .iter()
        .find(|(o, _)| *o == k)
        .map_or("", |(_, s)| s)
}

fn check_questions(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(q) = &c.questions else { return };
    let mut seen = BTreeSet::new();
    for item in &q.data.questions {
        let id = item.id.get_ref();
        if !is_valid_id(id) {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("invalid question id `{id}`"))
                    .at(&q.src, item.id.span()),
            );
        } else if !seen.insert(id.as_str()) {
            diags.push(
                Diagnostic::new(Code::DuplicateId, format!("duplicate question id `{id}`"))
                    .at(&q.src, item.id.span()),
            );
        }
    }
    let ids: Vec<&String> = q.data.questions.iter().map(|x| x.id.get_ref()).collect();
    let mut langs: BTreeSet<String> = c.question_langs.keys().cloned().collect();
    langs.extend(publishing_languages(c));
    for lang in langs {
        let Some(l) = c.question_langs.get(&lang) else {
            diags.push(
                Diagnostic::new(
                    Code::QuestionCoverage,
                    format!("`{lang}` publishes modules but has no question texts"),
                )
                .in_file(&c.root.join("questions").join(format!("{lang}.toml"))),
            );
            continue;
        };
        for key in l.data.questions.keys() {
            if !ids.contains(&key) {
                let range = header_range(&l.src.text, &format!("questions.{key}")).unwrap_or(0..0);
                diags.push(unknown_id(c, IdKind::Question, key, &ids).at(&l.src, range));
            }
        }
        let missing: Vec<&str> = ids
            .iter()
            .filter(|k| !l.data.questions.contains_key(k.as_str()))
            .map(|k| k.as_str())
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::QuestionCoverage,
                    format!("the {lang} question texts are incomplete: not published"),
                )
                .in_file(&l.src.path)
                .with_hint(format!("missing: {}", preview(&missing))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_ids() {
        let known = [
            "cuff2020".to_string(),
            "cuff2022".to_string(),
            "nice-ng59".to_string(),
        ];
        assert_eq!(closest("cuff2030", &known), ["cuff2020", "cuff2022"]);
        assert!(closest("zzzzzz", &known).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}

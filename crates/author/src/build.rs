//! Content → packs (the format in `scanwise_core::model`) and packs → files on disk.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use scanwise_core::model::{
    AppointmentQuestion, AreaText, CheckerOutcome, CheckerPack, CheckerQuestion, CommonPack,
    Concept, GlossaryPack, ModulePack, MythOrFact, PACK_FORMAT, Pack, PrevalenceBand,
    QuestionsPack, Reference, Region, Review, Section, TranslationInfo,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::AuthorError;
use crate::content::Content;
use crate::markdown::{render_fragment, render_sections, sanitizer};
use crate::module::ModuleFile;
use crate::rules::{OUTCOME_KEYS, TranslationState, outcome_key, translation_state};

/// Every pack the content yields, sorted by `(unit, locale)`. Assumes `check` found no errors.
pub fn packs(c: &Content) -> Vec<Pack> {
    let clean = sanitizer();
    let mut out = Vec::new();
    out.push(Pack::Common(common(c)));
    for (id, langs) in &c.modules {
        for (lang, m) in langs {
            let state = translation_state(c, id, lang);
            if state.publishes() {
                out.push(Pack::Module(module_pack(m, &state, &clean)));
            }
        }
    }
    for lang in c.glossary.keys() {
        if let Some(g) = glossary(c, lang) {
            out.push(Pack::Glossary(g));
        }
    }
    for lang in c.checker_langs.keys() {
        if let Some(p) = checker(c, lang, &clean) {
            out.push(Pack::Checker(p));
        }
    }
    for lang in c.question_langs.keys() {
        if let Some(p) = questions(c, lang) {
            out.push(Pack::Questions(p));
        }
    }
    out.sort_by(|a, b| a.unit().cmp(&b.unit()));
    out
}

fn common(c: &Content) -> CommonPack {
    let references = c
        .references
        .iter()
        .flat_map(|r| r.data.iter())
        .map(|(id, r)| Reference {
            id: id.clone(),
            citation: r.citation.clone(),
            url: r.url.clone(),
            doi: r.doi.clone(),
        })
        .collect();
    let regions = c
        .regions
        .iter()
        .flat_map(|r| r.data.iter())
        .map(|(code, r)| Region {
            code: code.clone(),
            emergency: r.emergency.clone(),
            urgent: r.urgent.clone(),
            urgent_name: r.urgent_name.clone(),
        })
        .collect();
    CommonPack {
        format: PACK_FORMAT,
        references,
        regions,
    }
}

fn module_pack(
    m: &ModuleFile,
    state: &TranslationState,
    clean: &ammonia::Builder<'_>,
) -> ModulePack {
    // Markers are numbered in order of first use; the evidence card lists references in the
    // same order, then any listed but uncited ones.
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut references: Vec<String> = Vec::new();
    for (id, _) in &m.info.citations {
        if !numbers.contains_key(id) {
            numbers.insert(id.clone(), numbers.len() + 1);
            references.push(id.clone());
        }
    }
    for r in &m.fm.references {
        if !references.contains(r.get_ref()) {
            references.push(r.get_ref().clone());
        }
    }
    let sections = render_sections(m.body(), &numbers, clean)
        .into_iter()
        .map(|s| Section {
            anchor: s.anchor,
            heading: s.heading,
            html: s.html,
            text: s.text,
        })
        .collect();
    let review = &m.fm.review;
    ModulePack {
        format: PACK_FORMAT,
        id: m.fm.id.get_ref().clone(),
        lang: m.lang.clone(),
        title: m.fm.title.trim().to_string(),
        summary: m.fm.summary.trim().to_string(),
        areas: m.fm.areas.clone(),
        order: m.fm.order,
        minutes: *m.fm.minutes.get_ref(),
        sections,
        key_points: m.fm.key_points.clone(),
        myth_or_fact: m
            .fm
            .myth_or_fact
            .iter()
            .map(|x| MythOrFact {
                statement: x.statement.clone(),
                answer: x.answer,
                explanation: x.explanation.clone(),
            })
            .collect(),
        references,
        questions: m.fm.questions.iter().map(|q| q.get_ref().clone()).collect(),
        review: Review {
            state: *review.state.get_ref(),
            reviewer: review.reviewer.clone(),
            reviewed_on: review.reviewed_on.as_ref().map(|d| d.get_ref().clone()),
            next_review: review.next_review.as_ref().map(|d| d.get_ref().clone()),
        },
        translation: m.fm.translation.as_ref().map(|t| TranslationInfo {
            source_hash: t.get_ref().source_hash.clone(),
            translated_on: t.get_ref().translated_on.get_ref().clone(),
            stale: *state == TranslationState::Stale,
        }),
        content_hash: m.hash.clone(),
    }
}

/// The glossary pack of one language: every concept that language explains, by id.
pub fn glossary(c: &Content, lang: &str) -> Option<GlossaryPack> {
    let g = c.glossary.get(lang)?;
    let cs = c.concepts.as_ref()?;
    let concepts = g
        .data
        .concepts
        .iter()
        .filter_map(|(id, t)| {
            let n = cs.data.get(id)?;
            Some(Concept {
                id: id.clone(),
                area: n.area,
                term: t.term.trim().to_string(),
                aliases: t.aliases.clone(),
                explanation: t.explanation.trim().to_string(),
                prevalence: n
                    .prevalence
                    .iter()
                    .map(|b| PrevalenceBand {
                        from: b.get_ref().from,
                        to: b.get_ref().to,
                        percent: b.get_ref().percent,
                    })
                    .collect(),
                prevalence_source: n.prevalence_source.as_ref().map(|s| s.get_ref().clone()),
                see_module: n.see_module.as_ref().map(|s| s.get_ref().clone()),
                class: n.class,
                prevalence_area: n.prevalence_area,
            })
        })
        .collect();
    Some(GlossaryPack {
        format: PACK_FORMAT,
        lang: lang.to_string(),
        negations: g.data.negations.clone(),
        terminators: g.data.terminators.clone(),
        post_negations: g.data.post_negations.clone(),
        concepts,
        translation: None,
        decoder: g.data.decoder.as_ref().map(Into::into).unwrap_or_default(),
    })
}

/// The checker of one language, only when every question and outcome has its text: a
/// half-translated checker could hide a red flag.
pub(crate) fn checker(
    c: &Content,
    lang: &str,
    clean: &ammonia::Builder<'_>,
) -> Option<CheckerPack> {
    let ch = c.checker.as_ref()?;
    let l = c.checker_langs.get(lang)?;
    // Screening questions (red flags and gates) in file order, so a branch stays right after
    // its gate; the criteria after them.
    let mut qs: Vec<_> = ch.data.questions.iter().collect();
    qs.sort_by_key(|q| !q.kind.is_screening());
    let mut questions = Vec::new();
    for q in qs {
        let t = l.data.questions.get(q.id.get_ref())?;
        questions.push(CheckerQuestion {
            id: q.id.get_ref().clone(),
            kind: q.kind,
            areas: q.areas.clone(),
            when: q.when.as_ref().map(|w| w.get_ref().clone()),
            sign: t.sign.as_ref().map(|s| s.trim().to_string()),
            text: t.text.trim().to_string(),
            help: t.help.as_ref().map(|h| h.trim().to_string()),
            sources: q.sources.iter().map(|s| s.get_ref().clone()).collect(),
        });
    }
    let mut outcomes = Vec::new();
    for (kind, key) in OUTCOME_KEYS {
        let o = ch
            .data
            .outcomes
            .iter()
            .find(|o| *o.kind.get_ref() == kind)?;
        let t = l.data.outcomes.get(key)?;
        debug_assert_eq!(outcome_key(kind), key);
        outcomes.push(CheckerOutcome {
            kind,
            title: t.title.trim().to_string(),
            body: render_fragment(t.body.get_ref(), clean),
            questions: o.questions.iter().map(|q| q.get_ref().clone()).collect(),
            safety_net: t
                .safety_net
                .iter()
                .map(|(area, text)| AreaText {
                    area: *area,
                    html: render_fragment(text.get_ref(), clean),
                })
                .collect(),
        });
    }
    Some(CheckerPack {
        format: PACK_FORMAT,
        lang: lang.to_string(),
        questions,
        outcomes,
        translation: None,
    })
}

/// Appointment questions of one language, only when complete.
fn questions(c: &Content, lang: &str) -> Option<QuestionsPack> {
    let q = c.questions.as_ref()?;
    let l = c.question_langs.get(lang)?;
    let questions = q
        .data
        .questions
        .iter()
        .map(|x| {
            let t = l.data.questions.get(x.id.get_ref())?;
            Some(AppointmentQuestion {
                id: x.id.get_ref().clone(),
                text: t.text.trim().to_string(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(QuestionsPack {
        format: PACK_FORMAT,
        lang: lang.to_string(),
        questions,
        translation: None,
    })
}

// ---------------------------------------------------------------- output

/// `OUT/manifest.json`: what `build` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub packs: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub unit: String,
    pub locale: String,
    /// Relative to the output folder: `packs/<unit>.<locale>.json`.
    pub path: String,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
    pub length: u64,
}

/// The exact bytes a pack is stored as (compact JSON): the unit of hashing and signing.
pub fn pack_bytes(p: &Pack) -> Result<Vec<u8>, AuthorError> {
    serde_json::to_vec(p).map_err(AuthorError::Json)
}

/// Writes `OUT/packs/<unit>.<locale>.json` and `OUT/manifest.json`. Same packs, same bytes.
/// Pack files from an earlier build that are no longer produced are removed.
pub fn write(packs: &[Pack], out: &Path) -> Result<Manifest, AuthorError> {
    let dir = out.join("packs");
    fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let mut entries = Vec::new();
    for p in packs {
        let (unit, locale) = p.unit();
        let name = format!("{unit}.{locale}.json");
        let bytes = pack_bytes(p)?;
        let path = dir.join(&name);
        fs::write(&path, &bytes).map_err(|e| io(&path, e))?;
        entries.push(ManifestEntry {
            unit: unit.to_string(),
            locale: locale.to_string(),
            path: format!("packs/{name}"),
            sha256: hex::encode(Sha256::digest(&bytes)),
            length: bytes.len() as u64,
        });
    }
    let keep: Vec<String> = entries
        .iter()
        .map(|e| e.path["packs/".len()..].to_string())
        .collect();
    for old in fs::read_dir(&dir).map_err(|e| io(&dir, e))? {
        let old = old.map_err(|e| io(&dir, e))?.path();
        let name = old
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".json") && !keep.contains(&name) {
            fs::remove_file(&old).map_err(|e| io(&old, e))?;
        }
    }
    let manifest = Manifest {
        format: PACK_FORMAT,
        packs: entries,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(AuthorError::Json)?;
    json.push(b'\n');
    let mpath = out.join("manifest.json");
    fs::write(&mpath, json).map_err(|e| io(&mpath, e))?;
    Ok(manifest)
}

fn io(path: &Path, source: std::io::Error) -> AuthorError {
    AuthorError::Io {
        path: PathBuf::from(path),
        source,
    }
}

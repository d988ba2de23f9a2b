//! Writing packs into a fresh slot: the normalised tables, the raw pack and the search rows.

use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::error::{Result, StoreError};
use crate::model::{
    CommonPack, GlossaryPack, ModulePack, PACK_FORMAT, Pack, QuestionsPack, TranslationInfo,
};
use crate::search::fold_letters;

/// An enum's serde name (`"red_flag_urgent"`), the form stored in the tables.
pub(crate) fn enum_name<T: serde::Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// Inverse of [`enum_name`].
pub(crate) fn enum_from<T: serde::de::DeserializeOwned>(what: &'static str, s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
        StoreError::BadStoredValue {
            what,
            value: s.to_owned(),
        }
    })
}

pub(crate) fn sha256_hex(json: &str) -> String {
    hex::encode(Sha256::digest(json.as_bytes()))
}

/// Writes one pack. Called inside the build transaction, so any error discards the slot.
pub(crate) fn insert_pack(tx: &Transaction<'_>, pack: &Pack) -> Result<()> {
    let (unit, locale) = pack.unit();
    let format = match pack {
        Pack::Module(m) => m.format,
        Pack::Glossary(g) => g.format,
        Pack::Checker(c) => c.format,
        Pack::Questions(q) => q.format,
        Pack::Common(c) => c.format,
    };
    if format > PACK_FORMAT {
        return Err(StoreError::UnsupportedPackFormat {
            unit: unit.to_owned(),
            locale: locale.to_owned(),
            found: format,
            supported: PACK_FORMAT,
        });
    }
    // The ids a screen, a link and user.db key on: one grammar, checked where packs come in.
    let bad_id = |source| StoreError::InvalidId {
        unit: unit.to_owned(),
        locale: locale.to_owned(),
        source,
    };
    match pack {
        Pack::Module(m) => scanwise_ids::ModuleId::parse(&m.id).map(drop),
        Pack::Glossary(g) => g
            .concepts
            .iter()
            .try_for_each(|c| scanwise_ids::ConceptId::parse(&c.id).map(drop)),
        _ => Ok(()),
    }
    .map_err(bad_id)?;
    scanwise_ids::Locale::parse(locale).map_err(bad_id)?;
    let json = serde_json::to_string(pack)?;
    let sha = sha256_hex(&json);
    let kind = match pack {
        Pack::Module(_) => "module",
        Pack::Glossary(_) => "glossary",
        Pack::Checker(_) => "checker",
        Pack::Questions(_) => "questions",
        Pack::Common(_) => "common",
    };
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO packs (unit, locale, kind, format, sha256, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![unit, locale, kind, format, sha, json],
    )?;
    if inserted == 0 {
        return Err(StoreError::DuplicatePack {
            unit: unit.to_owned(),
            locale: locale.to_owned(),
        });
    }
    match pack {
        Pack::Module(m) => insert_module(tx, m),
        Pack::Glossary(g) => insert_glossary(tx, g),
        // Read whole from `packs` (see `ContentSlot::checker`).
        Pack::Checker(_) => Ok(()),
        Pack::Questions(q) => insert_questions(tx, q),
        Pack::Common(c) => insert_common(tx, c),
    }?;
    let translation = match pack {
        Pack::Module(m) => m.translation.as_ref(),
        Pack::Glossary(g) => g.translation.as_ref(),
        Pack::Checker(c) => c.translation.as_ref(),
        Pack::Questions(q) => q.translation.as_ref(),
        Pack::Common(_) => None,
    };
    if let Some(t) = translation {
        insert_translation(tx, unit, locale, t)?;
    }
    Ok(())
}

fn insert_translation(
    tx: &Transaction<'_>,
    unit: &str,
    locale: &str,
    t: &TranslationInfo,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO translations (unit, locale, source_hash, translated_on, stale)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        unit,
        locale,
        t.source_hash,
        t.translated_on,
        t.stale
    ])?;
    Ok(())
}

/// Text as stored for search: NFC, so precomposed and combining accents fold alike.
pub(crate) fn display_text(s: &str) -> String {
    s.nfc().collect()
}

/// One search document before it is written.
struct SearchDoc<'p> {
    lang: &'p str,
    /// Rowid order inside a language: concepts, then modules in home-screen order, each
    /// module's own documents (the module, then its sections) contiguous, so a set of units is
    /// a few rowid ranges. When a query matches more documents than search ranks, the first
    /// ones in this order are ranked.
    tier: u8,
    order: u32,
    pos: usize,
    kind: &'static str,
    id: &'p str,
    anchor: Option<&'p str>,
    label: &'p str,
    title: String,
    body: String,
}

fn search_docs(packs: &[Pack]) -> Vec<SearchDoc<'_>> {
    let mut docs = Vec::new();
    for pack in packs {
        match pack {
            Pack::Module(m) => {
                let mut body = m.summary.clone();
                for point in &m.key_points {
                    body.push('\n');
                    body.push_str(point);
                }
                docs.push(SearchDoc {
                    lang: &m.lang,
                    tier: 1,
                    order: m.order,
                    pos: 0,
                    kind: "module",
                    id: &m.id,
                    anchor: None,
                    label: &m.title,
                    title: m.title.clone(),
                    body,
                });
                for (pos, s) in m.sections.iter().enumerate() {
                    docs.push(SearchDoc {
                        lang: &m.lang,
                        tier: 1,
                        order: m.order,
                        pos: pos + 1,
                        kind: "section",
                        id: &m.id,
                        anchor: Some(&s.anchor),
                        label: &s.heading,
                        title: s.heading.clone(),
                        body: s.text.clone(),
                    });
                }
            }
            Pack::Glossary(g) => {
                for (pos, c) in g.concepts.iter().enumerate() {
                    let title = std::iter::once(c.term.as_str())
                        .chain(c.aliases.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join("\n");
                    docs.push(SearchDoc {
                        lang: &g.lang,
                        tier: 0,
                        order: 0,
                        pos,
                        kind: "concept",
                        id: &c.id,
                        anchor: None,
                        label: &c.term,
                        title,
                        body: c.explanation.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    docs.sort_by(|a, b| {
        (a.lang, a.tier, a.order, a.id, a.pos).cmp(&(b.lang, b.tier, b.order, b.id, b.pos))
    });
    docs
}

/// Writes the search index for `packs`. Each unit (module or concept) in each language is a
/// contiguous rowid range, recorded in `search_units`, so a search can stay inside what a
/// language chain shows without looking at every matching row.
pub(crate) fn insert_search_index(tx: &Transaction<'_>, packs: &[Pack]) -> Result<()> {
    let mut doc_stmt = tx.prepare(
        "INSERT INTO search_docs (rowid, kind, id, anchor, lang, label, title, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut fts_stmt = tx.prepare(
        "INSERT INTO search_fts (rowid, kind, id, anchor, lang, label, title, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, d) in search_docs(packs).iter().enumerate() {
        let rowid = i as i64 + 1;
        let (title, body) = (display_text(&d.title), display_text(&d.body));
        doc_stmt.execute(params![
            rowid, d.kind, d.id, d.anchor, d.lang, d.label, title, body
        ])?;
        fts_stmt.execute(params![
            rowid,
            d.kind,
            d.id,
            d.anchor,
            d.lang,
            d.label,
            fold_letters(&title),
            fold_letters(&body)
        ])?;
    }
    tx.execute_batch(
        "INSERT INTO search_units (lang, kind, id, first_rowid, last_rowid)
         SELECT lang, CASE kind WHEN 'concept' THEN 'concept' ELSE 'module' END, id,
                MIN(rowid), MAX(rowid)
         FROM search_docs GROUP BY 1, 2, 3;
         -- Merge the index segments once: the slot is never written again.
         INSERT INTO search_fts (search_fts) VALUES ('optimize');",
    )?;
    Ok(())
}

fn insert_module(tx: &Transaction<'_>, m: &ModulePack) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO modules (id, lang, title, summary, sort_order, minutes, review_state,
                              reviewer, reviewed_on, next_review, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        m.id,
        m.lang,
        m.title,
        m.summary,
        m.order,
        m.minutes,
        enum_name(&m.review.state)?,
        m.review.reviewer,
        m.review.reviewed_on,
        m.review.next_review,
        m.content_hash,
    ])?;
    let key = (&m.id, &m.lang);
    for (pos, area) in m.areas.iter().enumerate() {
        tx.prepare_cached("INSERT INTO module_areas VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![key.0, key.1, pos, enum_name(area)?])?;
    }
    for (pos, s) in m.sections.iter().enumerate() {
        tx.prepare_cached("INSERT INTO sections VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
            .execute(params![
                key.0, key.1, pos, s.anchor, s.heading, s.html, s.text
            ])?;
    }
    for (pos, text) in m.key_points.iter().enumerate() {
        tx.prepare_cached("INSERT INTO key_points VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![key.0, key.1, pos, text])?;
    }
    for (pos, myth) in m.myth_or_fact.iter().enumerate() {
        tx.prepare_cached("INSERT INTO myths VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![
                key.0,
                key.1,
                pos,
                myth.statement,
                enum_name(&myth.answer)?,
                myth.explanation
            ])?;
    }
    for (pos, r) in m.references.iter().enumerate() {
        tx.prepare_cached("INSERT INTO module_references VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![key.0, key.1, pos, r])?;
    }
    for (pos, q) in m.questions.iter().enumerate() {
        tx.prepare_cached("INSERT INTO module_questions VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![key.0, key.1, pos, q])?;
    }
    Ok(())
}

fn insert_glossary(tx: &Transaction<'_>, g: &GlossaryPack) -> Result<()> {
    let words = [
        ("negation", &g.negations),
        ("terminator", &g.terminators),
        ("post_negation", &g.post_negations),
    ];
    for (kind, list) in words {
        for (pos, word) in list.iter().enumerate() {
            tx.prepare_cached("INSERT INTO glossary_words VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![g.lang, kind, pos, word])?;
        }
    }
    let decoder = serde_json::to_string(&g.decoder)?;
    tx.prepare_cached("INSERT INTO glossary_decoder VALUES (?1, ?2)")?
        .execute(params![g.lang, decoder])?;
    for (pos, c) in g.concepts.iter().enumerate() {
        let prevalence_area = c.prevalence_area.as_ref().map(enum_name).transpose()?;
        tx.prepare_cached("INSERT INTO concepts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?
            .execute(params![
                g.lang,
                c.id,
                pos,
                enum_name(&c.area)?,
                c.term,
                c.explanation,
                c.prevalence_source,
                c.see_module,
                enum_name(&c.class)?,
                prevalence_area
            ])?;
        for (pos, alias) in c.aliases.iter().enumerate() {
            tx.prepare_cached("INSERT INTO concept_aliases VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![g.lang, c.id, pos, alias])?;
        }
        for (pos, band) in c.prevalence.iter().enumerate() {
            tx.prepare_cached("INSERT INTO concept_prevalence VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![g.lang, c.id, pos, band.from, band.to, band.percent])?;
        }
    }
    Ok(())
}

fn insert_questions(tx: &Transaction<'_>, q: &QuestionsPack) -> Result<()> {
    for (pos, question) in q.questions.iter().enumerate() {
        tx.prepare_cached("INSERT INTO appointment_questions VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![q.lang, question.id, pos, question.text])?;
    }
    Ok(())
}

fn insert_common(tx: &Transaction<'_>, c: &CommonPack) -> Result<()> {
    for (pos, r) in c.references.iter().enumerate() {
        tx.prepare_cached("INSERT INTO \"references\" VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![r.id, pos, r.citation, r.url, r.doi])?;
    }
    for (pos, r) in c.regions.iter().enumerate() {
        tx.prepare_cached("INSERT INTO regions VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![r.code, pos, r.emergency, r.urgent, r.urgent_name])?;
    }
    Ok(())
}

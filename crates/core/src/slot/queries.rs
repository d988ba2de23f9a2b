//! The read side of a slot: what each screen asks for, resolved through a language chain.
//!
//! Everything but the checker is read back from the normalised tables (not the raw JSON), so a
//! pack that round-trips through them is exactly what screens see; the tests check that round
//! trip. The checker is read whole from its signed JSON.

use rusqlite::{Connection, OptionalExtension, Params, params};
use serde::Serialize;

use super::import::enum_from;
use super::{ContentSlot, Result, pick, pick_per_id};
use crate::model::*;

/// One stored pack and the SHA-256 of its JSON (see [`super::pack_sha256`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitInfo {
    pub unit: String,
    pub locale: String,
    pub sha256: String,
}

/// An item shown in `lang`, which is not the first language asked for when `is_fallback`.
/// Serialises flat (`{"lang": "en", "is_fallback": true, "id": ..., "text": ...}`) and derefs to
/// the item, so `q.text` works.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Localized<T> {
    pub lang: String,
    pub is_fallback: bool,
    #[serde(flatten)]
    pub item: T,
}

impl<T> std::ops::Deref for Localized<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.item
    }
}

/// A module on the home screen or a body-area list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleSummary {
    pub id: String,
    /// Language the module is shown in.
    pub lang: String,
    pub is_fallback: bool,
    pub title: String,
    pub summary: String,
    pub order: u32,
    pub minutes: u32,
    pub areas: Vec<BodyArea>,
    pub review: ReviewState,
    /// The translation's source changed since: "may be out of date".
    pub stale: bool,
}

/// Everything the module screen and its evidence card show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleView {
    pub id: String,
    /// The first language of the chain.
    pub requested_lang: String,
    /// The language shown: the first of the chain this module is published in.
    pub lang: String,
    pub is_fallback: bool,
    /// Every language this module is published in, sorted.
    pub languages: Vec<String>,
    pub title: String,
    pub summary: String,
    pub areas: Vec<BodyArea>,
    pub order: u32,
    pub minutes: u32,
    pub sections: Vec<Section>,
    pub key_points: Vec<String>,
    pub myth_or_fact: Vec<MythOrFact>,
    /// Full references, in the module's order; ids missing from the common pack are left out.
    pub references: Vec<Reference>,
    /// The module's suggested questions, each in the first chain language that has it.
    pub questions: Vec<Localized<AppointmentQuestion>>,
    pub review: Review,
    pub translation: Option<TranslationInfo>,
}

/// A language the slot has content for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageInfo {
    pub lang: String,
    /// Number of modules shipped in this language.
    pub modules_published: u32,
    /// Whether the safety module ([`SAFETY_MODULE_ID`]) is among them.
    pub has_safety_module: bool,
}

fn strings<P: Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn pairs<P: Params>(conn: &Connection, sql: &str, p: P) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn enums<T: serde::de::DeserializeOwned>(what: &'static str, names: Vec<String>) -> Result<Vec<T>> {
    names.iter().map(|n| enum_from(what, n)).collect()
}

fn localized<T>(chain: &[&str], lang: String, item: T) -> Localized<T> {
    Localized {
        is_fallback: chain.first() != Some(&lang.as_str()),
        lang,
        item,
    }
}

impl ContentSlot {
    fn has_pack(&self, unit: &str, locale: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM packs WHERE unit = ?1 AND locale = ?2")?
            .exists(params![unit, locale])?)
    }

    fn format_of(&self, unit: &str, locale: &str) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached("SELECT format FROM packs WHERE unit = ?1 AND locale = ?2")?
            .query_row(params![unit, locale], |r| r.get(0))?)
    }

    fn translation(&self, unit: &str, locale: &str) -> Result<Option<TranslationInfo>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT source_hash, translated_on, stale FROM translations
                 WHERE unit = ?1 AND locale = ?2",
            )?
            .query_row(params![unit, locale], |r| {
                Ok(TranslationInfo {
                    source_hash: r.get(0)?,
                    translated_on: r.get(1)?,
                    stale: r.get(2)?,
                })
            })
            .optional()?)
    }

    fn module_areas(&self, id: &str, lang: &str) -> Result<Vec<BodyArea>> {
        let sql = "SELECT area FROM module_areas WHERE module_id = ?1 AND lang = ?2 ORDER BY pos";
        enums("body area", strings(&self.conn, sql, params![id, lang])?)
    }

    /// Modules for the home screen (or one body area), each in the first chain language that
    /// has it, sorted by `order`.
    pub fn modules(&self, chain: &[&str], area: Option<BodyArea>) -> Result<Vec<ModuleSummary>> {
        let all = pairs(&self.conn, "SELECT id, lang FROM modules ORDER BY id", [])?;
        let mut out = Vec::new();
        for (id, lang) in pick_per_id(chain, &all) {
            let areas = self.module_areas(&id, &lang)?;
            if area.is_some_and(|a| !areas.contains(&a)) {
                continue;
            }
            let (title, summary, order, minutes, review, stale) = self
                .conn
                .prepare_cached(
                    "SELECT m.title, m.summary, m.sort_order, m.minutes, m.review_state,
                            COALESCE(t.stale, 0)
                     FROM modules m
                     LEFT JOIN translations t ON t.unit = m.id AND t.locale = m.lang
                     WHERE m.id = ?1 AND m.lang = ?2",
                )?
                .query_row(params![id, lang], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get::<_, String>(4)?,
                        r.get(5)?,
                    ))
                })?;
            out.push(ModuleSummary {
                is_fallback: chain.first() != Some(&lang.as_str()),
                id,
                lang,
                title,
                summary,
                order,
                minutes,
                areas,
                review: enum_from("review state", &review)?,
                stale,
            });
        }
        out.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// One module, read back from the tables.
    pub(crate) fn module_pack(&self, id: &str, lang: &str) -> Result<Option<ModulePack>> {
        let head = self
            .conn
            .prepare_cached(
                "SELECT title, summary, sort_order, minutes, review_state, reviewer, reviewed_on,
                        next_review, content_hash
                 FROM modules WHERE id = ?1 AND lang = ?2",
            )?
            .query_row(params![id, lang], |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    (r.get::<_, u32>(2)?, r.get::<_, u32>(3)?),
                    (r.get::<_, String>(4)?, r.get(5)?, r.get(6)?, r.get(7)?),
                    r.get::<_, String>(8)?,
                ))
            })
            .optional()?;
        let Some(((title, summary), (order, minutes), review, content_hash)) = head else {
            return Ok(None);
        };
        let key = params![id, lang];
        let mut stmt = self.conn.prepare_cached(
            "SELECT anchor, heading, html, text FROM sections
             WHERE module_id = ?1 AND lang = ?2 ORDER BY pos",
        )?;
        let sections = stmt
            .query_map(key, |r| {
                Ok(Section {
                    anchor: r.get(0)?,
                    heading: r.get(1)?,
                    html: r.get(2)?,
                    text: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT statement, answer, explanation FROM myths
             WHERE module_id = ?1 AND lang = ?2 ORDER BY pos",
        )?;
        let myths = stmt
            .query_map(key, |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?)))?
            .collect::<Result<Vec<(String, String, String)>, _>>()?;
        let myth_or_fact = myths
            .into_iter()
            .map(|(statement, answer, explanation)| {
                Ok(MythOrFact {
                    statement,
                    answer: enum_from("myth or fact answer", &answer)?,
                    explanation,
                })
            })
            .collect::<Result<_>>()?;
        let list = |table: &str, column: &str| {
            let sql = format!(
                "SELECT {column} FROM {table} WHERE module_id = ?1 AND lang = ?2 ORDER BY pos"
            );
            strings(&self.conn, &sql, key)
        };
        Ok(Some(ModulePack {
            format: self.format_of(id, lang)?,
            id: id.to_owned(),
            lang: lang.to_owned(),
            title,
            summary,
            areas: self.module_areas(id, lang)?,
            order,
            minutes,
            sections,
            key_points: list("key_points", "text")?,
            myth_or_fact,
            references: list("module_references", "ref_id")?,
            questions: list("module_questions", "question_id")?,
            review: Review {
                state: enum_from("review state", &review.0)?,
                reviewer: review.1,
                reviewed_on: review.2,
                next_review: review.3,
            },
            translation: self.translation(id, lang)?,
            content_hash,
        }))
    }

    /// The section anchors of module `id` in `lang`, in order: what reading progress counts.
    /// The home list needs only these, not the whole module.
    pub fn section_anchors(&self, id: &str, lang: &str) -> Result<Vec<String>> {
        strings(
            &self.conn,
            "SELECT anchor FROM sections WHERE module_id = ?1 AND lang = ?2 ORDER BY pos",
            [id, lang],
        )
    }

    /// One module for the module screen, in the first chain language that has it.
    pub fn module(&self, chain: &[&str], id: &str) -> Result<Option<ModuleView>> {
        let Some(requested) = chain.first() else {
            return Ok(None);
        };
        let languages = strings(
            &self.conn,
            "SELECT lang FROM modules WHERE id = ?1 ORDER BY lang",
            [id],
        )?;
        let Some(lang) = pick(chain, |l| languages.iter().any(|have| have == l)) else {
            return Ok(None);
        };
        let Some(m) = self.module_pack(id, lang)? else {
            return Ok(None);
        };
        let mut references = Vec::with_capacity(m.references.len());
        for ref_id in &m.references {
            references.extend(self.reference(ref_id)?);
        }
        let questions = self
            .questions(chain)?
            .into_iter()
            .filter(|q| m.questions.contains(&q.id))
            .collect::<Vec<_>>();
        // Keep the module's order, not the question list's.
        let mut ordered = Vec::with_capacity(questions.len());
        for qid in &m.questions {
            ordered.extend(questions.iter().find(|q| &q.id == qid).cloned());
        }
        Ok(Some(ModuleView {
            id: m.id,
            requested_lang: (*requested).to_owned(),
            is_fallback: lang != *requested,
            lang: m.lang,
            languages,
            title: m.title,
            summary: m.summary,
            areas: m.areas,
            order: m.order,
            minutes: m.minutes,
            sections: m.sections,
            key_points: m.key_points,
            myth_or_fact: m.myth_or_fact,
            references,
            questions: ordered,
            review: m.review,
            translation: m.translation,
        }))
    }

    pub fn reference(&self, id: &str) -> Result<Option<Reference>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, citation, url, doi FROM \"references\" WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(Reference {
                    id: r.get(0)?,
                    citation: r.get(1)?,
                    url: r.get(2)?,
                    doi: r.get(3)?,
                })
            })
            .optional()?)
    }

    fn load_concept(&self, lang: &str, id: &str) -> Result<Option<Concept>> {
        let head = self
            .conn
            .prepare_cached(
                "SELECT area, term, explanation, prevalence_source, see_module, class,
                        prevalence_area
                 FROM concepts WHERE lang = ?1 AND id = ?2",
            )?
            .query_row(params![lang, id], |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    (r.get::<_, String>(2)?, r.get(3)?, r.get(4)?),
                    (r.get::<_, String>(5)?, r.get::<_, Option<String>>(6)?),
                ))
            })
            .optional()?;
        let Some((
            (area, term),
            (explanation, prevalence_source, see_module),
            (class, prevalence_area),
        )) = head
        else {
            return Ok(None);
        };
        let aliases = strings(
            &self.conn,
            "SELECT alias FROM concept_aliases WHERE lang = ?1 AND concept_id = ?2 ORDER BY pos",
            params![lang, id],
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT age_from, age_to, percent FROM concept_prevalence
             WHERE lang = ?1 AND concept_id = ?2 ORDER BY pos",
        )?;
        let prevalence = stmt
            .query_map(params![lang, id], |r| {
                Ok(PrevalenceBand {
                    from: r.get(0)?,
                    to: r.get(1)?,
                    percent: r.get::<_, f64>(2)? as f32,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(Concept {
            id: id.to_owned(),
            area: enum_from("concept area", &area)?,
            term,
            aliases,
            explanation,
            prevalence,
            prevalence_source,
            see_module,
            class: enum_from("concept class", &class)?,
            prevalence_area: prevalence_area
                .map(|a| enum_from("prevalence area", &a))
                .transpose()?,
        }))
    }

    /// Every glossary concept, each in the first chain language that has it.
    pub fn glossary(&self, chain: &[&str]) -> Result<Vec<Localized<Concept>>> {
        let all = pairs(
            &self.conn,
            "SELECT id, lang FROM concepts ORDER BY lang, pos",
            [],
        )?;
        let mut out = Vec::new();
        for (id, lang) in pick_per_id(chain, &all) {
            if let Some(c) = self.load_concept(&lang, &id)? {
                out.push(localized(chain, lang, c));
            }
        }
        Ok(out)
    }

    /// One concept in the first chain language that has it.
    pub fn concept(&self, chain: &[&str], id: &str) -> Result<Option<Localized<Concept>>> {
        let langs = strings(&self.conn, "SELECT lang FROM concepts WHERE id = ?1", [id])?;
        match pick(chain, |l| langs.iter().any(|have| have == l)) {
            Some(lang) => Ok(self
                .load_concept(lang, id)?
                .map(|c| localized(chain, lang.to_owned(), c))),
            None => Ok(None),
        }
    }

    /// The whole glossary of one language, for building a report decoder.
    pub fn glossary_pack(&self, lang: &str) -> Result<Option<GlossaryPack>> {
        if !self.has_pack(GLOSSARY_UNIT, lang)? {
            return Ok(None);
        }
        let words = |kind: &str| {
            strings(
                &self.conn,
                "SELECT word FROM glossary_words WHERE lang = ?1 AND kind = ?2 ORDER BY pos",
                params![lang, kind],
            )
        };
        let ids = strings(
            &self.conn,
            "SELECT id FROM concepts WHERE lang = ?1 ORDER BY pos",
            [lang],
        )?;
        let mut concepts = Vec::with_capacity(ids.len());
        for id in &ids {
            concepts.extend(self.load_concept(lang, id)?);
        }
        Ok(Some(GlossaryPack {
            format: self.format_of(GLOSSARY_UNIT, lang)?,
            lang: lang.to_owned(),
            negations: words("negation")?,
            terminators: words("terminator")?,
            post_negations: words("post_negation")?,
            concepts,
            translation: self.translation(GLOSSARY_UNIT, lang)?,
            decoder: serde_json::from_str(
                &self
                    .conn
                    .prepare_cached("SELECT json FROM glossary_decoder WHERE lang = ?1")?
                    .query_row([lang], |r| r.get::<_, String>(0))?,
            )?,
        }))
    }

    /// The whole checker of the first chain language that has one (never mixed languages:
    /// red-flag wording is fixed per language).
    pub fn checker(&self, chain: &[&str]) -> Result<Option<CheckerPack>> {
        let mut lang = None;
        for l in chain {
            if self.has_pack(CHECKER_UNIT, l)? {
                lang = Some(*l);
                break;
            }
        }
        let Some(lang) = lang else {
            return Ok(None);
        };
        // The checker is read whole, as it was signed: its walk depends on every field
        // (tiers, branches, signs), so it is never split into tables.
        let json: String = self
            .conn
            .prepare_cached("SELECT json FROM packs WHERE unit = ?1 AND locale = ?2")?
            .query_row(params![CHECKER_UNIT, lang], |r| r.get(0))?;
        let Pack::Checker(mut pack) = serde_json::from_str(&json)? else {
            return Err(super::StoreError::BadStoredValue {
                what: "checker pack",
                value: format!("{CHECKER_UNIT}/{lang}"),
            });
        };
        pack.translation = self.translation(CHECKER_UNIT, lang)?;
        Ok(Some(pack))
    }

    /// Every appointment question, each in the first chain language that has it.
    pub fn questions(&self, chain: &[&str]) -> Result<Vec<Localized<AppointmentQuestion>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, lang, text FROM appointment_questions ORDER BY lang, pos",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<(String, String, String)>, _>>()?;
        let keys = rows
            .iter()
            .map(|(id, lang, _)| (id.clone(), lang.clone()))
            .collect::<Vec<_>>();
        let mut out = Vec::new();
        for (id, lang) in pick_per_id(chain, &keys) {
            let text = rows
                .iter()
                .find(|(i, l, _)| *i == id && *l == lang)
                .map(|(_, _, t)| t.clone())
                .unwrap_or_default();
            out.push(localized(chain, lang, AppointmentQuestion { id, text }));
        }
        Ok(out)
    }

    /// Emergency numbers for a region (`NO`, `gb`), or the `default` entry ("your local
    /// emergency number") when the region is unknown or the slot has none.
    pub fn region(&self, code: &str) -> Result<Region> {
        let code = code.trim().to_ascii_uppercase();
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, emergency, urgent, urgent_name FROM regions
             WHERE code IN (?1, 'default') ORDER BY code = 'default' LIMIT 1",
        )?;
        let found = stmt
            .query_row([&code], |r| {
                Ok(Region {
                    code: r.get(0)?,
                    emergency: r.get(1)?,
                    urgent: r.get(2)?,
                    urgent_name: r.get(3)?,
                })
            })
            .optional()?;
        Ok(found.unwrap_or_else(|| Region {
            code: "default".to_owned(),
            emergency: None,
            urgent: None,
            urgent_name: None,
        }))
    }

    /// Every region, in the content's order.
    pub fn regions(&self) -> Result<Vec<Region>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, emergency, urgent, urgent_name FROM regions ORDER BY pos",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Region {
                code: r.get(0)?,
                emergency: r.get(1)?,
                urgent: r.get(2)?,
                urgent_name: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every language with any pack, sorted, with how many modules it ships.
    pub fn languages(&self) -> Result<Vec<LanguageInfo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.locale,
                    (SELECT COUNT(*) FROM modules m WHERE m.lang = p.locale),
                    EXISTS (SELECT 1 FROM modules m WHERE m.lang = p.locale AND m.id = ?2)
             FROM packs p WHERE p.locale != ?1
             GROUP BY p.locale ORDER BY p.locale",
        )?;
        let rows = stmt.query_map(params![NEUTRAL_LOCALE, SAFETY_MODULE_ID], |r| {
            Ok(LanguageInfo {
                lang: r.get(0)?,
                modules_published: r.get(1)?,
                has_safety_module: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

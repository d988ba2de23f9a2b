//! The whole pipeline on small glossaries with the REAL cue words of each language: the
//! negation lists and decoder tables are read from `content/glossary/<lang>.toml`, so these
//! tests check the content as much as the code.

use super::*;
use crate::model::{Concept, ConceptArea, DecoderTable, PACK_FORMAT};
use proptest::prelude::*;

/// The cue words of a shipped language, straight from its content file (no concepts).
pub(crate) fn cue_words(lang: &str) -> GlossaryPack {
    let path = format!(
        "{}/../../content/glossary/{lang}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let list = |key: &str| -> Vec<String> {
        table
            .get(key)
            .and_then(|v| v.clone().try_into().ok())
            .unwrap_or_default()
    };
    let decoder: DecoderTable = table
        .get("decoder")
        .map(|d| {
            d.clone()
                .try_into()
                .unwrap_or_else(|e| panic!("{path}: {e}"))
        })
        .unwrap_or_default();
    GlossaryPack {
        format: PACK_FORMAT,
        lang: lang.into(),
        negations: list("negations"),
        terminators: list("terminators"),
        post_negations: list("post_negations"),
        concepts: vec![],
        translation: None,
        decoder,
    }
}

fn concept(id: &str, term: &str, aliases: &[&str]) -> Concept {
    Concept {
        id: id.into(),
        area: ConceptArea::General,
        term: term.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ..Default::default()
    }
}

fn english() -> GlossaryPack {
    GlossaryPack {
        format: PACK_FORMAT,
        lang: "en".into(),
        concepts: vec![
            concept(
                "disc-bulge",
                "Disc bulge",
                &["bulging disc", "broad-based bulge", "disc bulging"],
            ),
            concept(
                "disc-herniation",
                "Disc herniation",
                &["herniated disc", "herniation"],
            ),
            concept(
                "disc-desiccation",
                "Disc desiccation",
                &["desiccation", "desiccated disc"],
            ),
            concept(
                "spinal-stenosis",
                "Spinal stenosis",
                &["stenosis", "canal stenosis"],
            ),
            concept(
                "foraminal-stenosis",
                "Foraminal stenosis",
                &["foraminal narrowing"],
            ),
            concept(
                "vertebral-fracture",
                "Vertebral fracture",
                &["fracture", "compression fracture"],
            ),
            concept(
                "bone-marrow-lesion",
                "Bone marrow lesion",
                &["bone marrow oedema", "marrow oedema"],
            ),
            concept(
                "full-thickness-tear",
                "Full-thickness tear",
                &["full thickness tear"],
            ),
            concept("partial-thickness-tear", "Partial-thickness tear", &[]),
            concept("labral-tear", "Labral tear", &["tear of the labrum"]),
            concept("ligament-tear", "Ligament tear", &["tear"]),
            concept("joint-effusion", "Joint effusion", &["effusion"]),
            concept("bakers-cyst", "Baker's cyst", &["popliteal cyst"]),
            concept(
                "spondylolisthesis",
                "Spondylolisthesis",
                &["anterolisthesis"],
            ),
            concept(
                "modic-changes",
                "Modic changes",
                &["Modic type 1 changes", "Modic type 1", "endplate changes"],
            ),
            concept(
                "degenerative-changes",
                "Degenerative changes",
                &["degenerative change"],
            ),
            concept(
                "nerve-root-contact",
                "Nerve root contact",
                &["contact with the nerve root", "contacts the left"],
            ),
            concept(
                "severity-grading",
                "Severity grading",
                &["mild", "severe", "high grade"],
            ),
            concept("synovial-cyst", "Synovial cyst", &["facet cyst"]),
            concept("disc-extrusion", "Disc extrusion", &["extrusion"]),
            concept(
                "ac-joint-arthropathy",
                "AC joint arthropathy",
                &["AC joint: arthrosis"],
            ),
            concept("osteoarthritis", "Osteoarthritis", &["arthrosis"]),
            concept(
                "thecal-sac-indentation",
                "Thecal sac indentation",
                &["indenting the thecal sac"],
            ),
        ],
        translation: None,
        ..cue_words("en")
    }
}

fn norwegian() -> GlossaryPack {
    GlossaryPack {
        format: PACK_FORMAT,
        lang: "nb".into(),
        concepts: vec![
            concept(
                "disc-herniation",
                "Skiveprolaps",
                &["prolaps", "diskusprolaps"],
            ),
            concept(
                "disc-bulge",
                "Skivebukning",
                &["bukende skive", "diskbukning"],
            ),
            concept(
                "spinal-stenosis",
                "Spinal stenose",
                &["stenose", "spinalkanalstenose"],
            ),
            concept(
                "foraminal-stenosis",
                "Foraminal stenose",
                &["foraminalstenose", "trange foramina"],
            ),
            concept(
                "vertebral-fracture",
                "Brudd i ryggvirvel",
                &["brudd", "fraktur", "kompresjonsbrudd"],
            ),
            concept(
                "meniscal-tear",
                "Meniskruptur",
                &["menisklesjon", "rift i menisken"],
            ),
            concept(
                "joint-effusion",
                "Væske i leddet",
                &["hydrops", "leddvæske"],
            ),
            concept(
                "disc-degeneration",
                "Degenerasjon av skive",
                &["degenerative forandringer i skiven"],
            ),
            concept("severity-grading", "Gradering", &["høygradig"]),
            concept("synovial-cyst", "Synovialcyste", &["fasettleddscyste"]),
            concept("disc-extrusion", "Skiveekstrusjon", &["ekstrusjon"]),
            concept(
                "ac-joint-arthropathy",
                "AC-leddsartrose",
                &["AC-leddet: artrose"],
            ),
            concept("osteoarthritis", "Artrose", &["artrose"]),
            concept(
                "calcific-tendinitis",
                "Kalktendinitt",
                &["kalkholdig tendinitt", "forkalkning i senen"],
            ),
        ],
        translation: None,
        ..cue_words("nb")
    }
}

/// (concept, matched, status) triples, for compact assertions.
fn found(d: &Decoder, text: &str) -> Vec<(String, String, FindingStatus)> {
    d.decode(text)
        .into_iter()
        .map(|f| (f.concept, f.matched, f.status))
        .collect()
}

fn t(concept: &str, matched: &str, status: FindingStatus) -> (String, String, FindingStatus) {
    (concept.into(), matched.into(), status)
}

use FindingStatus::{Absent, Present};

#[test]
fn tolerant_matching_with_byte_spans() {
    let d = Decoder::new(&english());
    let text = "L4/5: Broad-based   BULGE and a disk-bulge;\nMarrow edema. DISC\nDESSICATION.";
    let got = d.decode(text);
    let names: Vec<_> = got
        .iter()
        .map(|f| (f.concept.as_str(), f.matched.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("disc-bulge", "Broad-based   BULGE"),
            ("disc-bulge", "disk-bulge"),
            ("bone-marrow-lesion", "Marrow edema"),
            ("disc-desiccation", "DISC\nDESSICATION"),
        ]
    );
    for f in &got {
        assert_eq!(&text[f.start..f.end], f.matched);
        assert_eq!(f.status, Present);
    }
}

#[test]
fn plurals_possessives_and_typos() {
    let d = Decoder::new(&english());
    assert_eq!(
        found(
            &d,
            "Bulging discs. Popliteal cysts. Bakers cyst. Endplate change. Foraminal narowing."
        ),
        [
            t("disc-bulge", "Bulging discs", Present),
            t("bakers-cyst", "Popliteal cysts", Present),
            t("bakers-cyst", "Bakers cyst", Present),
            t("modic-changes", "Endplate change", Present),
            t("foraminal-stenosis", "Foraminal narowing", Present),
        ]
    );
    // Transposed and dropped letters in long words.
    assert_eq!(found(&d, "spondylolisthseis")[0].0, "spondylolisthesis");
    assert_eq!(found(&d, "effusoin")[0].0, "joint-effusion");
    // Never in short words: "year" is not "tear", "disk" words do not leak.
    assert!(found(&d, "One year ago, a bear.").is_empty());
}

#[test]
fn longest_match_wins() {
    let d = Decoder::new(&english());
    assert_eq!(
        found(
            &d,
            "Full-thickness tear. Partial thickness tear. Tear of the labrum. Foraminal stenosis. Stenosis."
        ),
        [
            t("full-thickness-tear", "Full-thickness tear", Present),
            t("partial-thickness-tear", "Partial thickness tear", Present),
            t("labral-tear", "Tear of the labrum", Present),
            t("foraminal-stenosis", "Foraminal stenosis", Present),
            t("spinal-stenosis", "Stenosis", Present),
        ]
    );
    assert_eq!(
        found(&d, "Modic type 1 changes")[0],
        t("modic-changes", "Modic type 1 changes", Present)
    );
}

#[test]
fn terms_do_not_span_sentences_or_commas() {
    let d = Decoder::new(&english());
    assert_eq!(found(&d, "Disc. Bulge"), []);
    assert_eq!(
        found(&d, "full, thickness tear")[0],
        t("ligament-tear", "tear", Present)
    );
}

#[test]
fn english_negation() {
    let d = Decoder::new(&english());
    assert_eq!(found(&d, "No stenosis.")[0].2, Absent);
    assert_eq!(found(&d, "There is no evidence of fracture.")[0].2, Absent);
    assert_eq!(found(&d, "Without evidence of fracture.")[0].2, Absent);
    assert_eq!(found(&d, "Negative for joint effusion.")[0].2, Absent);
    assert_eq!(
        found(&d, "No disc herniation or stenosis."),
        [
            t("disc-herniation", "disc herniation", Absent),
            t("spinal-stenosis", "stenosis", Absent)
        ]
    );
    assert_eq!(
        found(
            &d,
            "No herniated disc at L4/5, foraminal narrowing, canal stenosis or fracture."
        ),
        [
            t("disc-herniation", "herniated disc", Absent),
            t("foraminal-stenosis", "foraminal narrowing", Absent),
            t("spinal-stenosis", "canal stenosis", Absent),
            t("vertebral-fracture", "fracture", Absent),
        ]
    );
    // A terminator or a sentence end stops the negation.
    assert_eq!(
        found(&d, "No fracture but a small disc bulge. Stenosis at L5."),
        [
            t("vertebral-fracture", "fracture", Absent),
            t("disc-bulge", "disc bulge", Present),
            t("spinal-stenosis", "Stenosis", Present),
        ]
    );
    // A finding before the cue is not negated by it.
    assert_eq!(
        found(&d, "Disc bulge without nerve root contact."),
        [
            t("disc-bulge", "Disc bulge", Present),
            t("nerve-root-contact", "nerve root contact", Absent)
        ]
    );
    // Too far from the cue.
    assert_eq!(
        found(
            &d,
            "No change since the prior study of last year, stenosis at L3."
        )[0]
        .2,
        Present
    );
}

#[test]
fn english_post_negation() {
    let d = Decoder::new(&english());
    assert_eq!(found(&d, "Fracture is not seen.")[0].2, Absent);
    assert_eq!(
        found(&d, "Herniation or stenosis is not identified."),
        [
            t("disc-herniation", "Herniation", Absent),
            t("spinal-stenosis", "stenosis", Absent)
        ]
    );
    assert_eq!(found(&d, "Joint effusion: none.")[0].2, Absent);
    // The list does not reach past other words, and "none" needs its colon.
    assert_eq!(
        found(&d, "Disc bulge at L4/5, stenosis not seen."),
        [
            t("disc-bulge", "Disc bulge", Present),
            t("spinal-stenosis", "stenosis", Absent)
        ]
    );
    assert_eq!(found(&d, "Effusion, none of the others.")[0].2, Present);
}

#[test]
fn norwegian_sentences() {
    let d = Decoder::new(&norwegian());
    assert_eq!(
        found(&d, "Ingen prolaps. Lett stenose i nivå L4/L5."),
        [
            t("disc-herniation", "prolaps", Absent),
            t("spinal-stenosis", "stenose", Present)
        ]
    );
    assert_eq!(found(&d, "Det er ikke tegn til brudd.")[0].2, Absent);
    assert_eq!(found(&d, "Det foreligger ikke stenose.")[0].2, Absent);
    assert_eq!(
        found(&d, "Prolaps foreligger ikke, stenose i L4."),
        [
            t("disc-herniation", "Prolaps", Absent),
            t("spinal-stenosis", "stenose", Present)
        ]
    );
    assert_eq!(found(&d, "Prolaps er ikke påvist.")[0].2, Absent);
    assert_eq!(
        found(&d, "Stabil columna uten frakturer.")[0],
        t("vertebral-fracture", "frakturer", Absent)
    );
    assert_eq!(
        found(
            &d,
            "Ingen prolaps eller spinalkanalstenose, men foraminalstenose høyre side."
        ),
        [
            t("disc-herniation", "prolaps", Absent),
            t("spinal-stenosis", "spinalkanalstenose", Absent),
            t("foraminal-stenosis", "foraminalstenose", Present),
        ]
    );
    assert_eq!(found(&d, "Prolaps ikke påvist.")[0].2, Absent);
    assert_eq!(found(&d, "Hydrops: ingen.")[0].2, Absent);
    assert_eq!(
        found(&d, "Lett stenose, ingen prolaps."),
        [
            t("spinal-stenosis", "stenose", Present),
            t("disc-herniation", "prolaps", Absent)
        ]
    );
    // Definite and plural forms, Norwegian letters, disk/disc.
    assert_eq!(found(&d, "Prolapsene")[0].0, "disc-herniation");
    assert_eq!(found(&d, "Rift i menisken")[0].0, "meniscal-tear");
    assert_eq!(found(&d, "LEDDVÆSKE")[0].0, "joint-effusion");
    assert_eq!(found(&d, "Discbukning")[0].0, "disc-bulge");
}

#[test]
fn two_way_cues_and_adjacent_phrases() {
    let mut g = norwegian();
    g.negations.push("ikke påvist".into());
    let d = Decoder::new(&g);
    // Read backwards when a finding comes before it, forwards otherwise.
    assert_eq!(
        found(&d, "Prolaps ikke påvist, stenose i L4."),
        [
            t("disc-herniation", "Prolaps", Absent),
            t("spinal-stenosis", "stenose", Present)
        ]
    );
    assert_eq!(found(&d, "Ikke påvist brudd.")[0].2, Absent);
    let d = Decoder::new(&english());
    assert_eq!(
        found(&d, "Modic type 1 endplate changes, endplate changes."),
        [
            t("modic-changes", "Modic type 1 endplate changes", Present),
            t("modic-changes", "endplate changes", Present),
        ]
    );
}

#[test]
fn reports_phrases_two_concepts_share() {
    let mut g = english();
    g.concepts[1].aliases.push("Disk-bulges".into());
    let d = Decoder::new(&g);
    assert_eq!(
        d.collisions(),
        [AliasCollision {
            phrase: "Disk-bulges".into(),
            kept: "disc-bulge".into(),
            dropped: "disc-herniation".into(),
        }]
    );
    assert_eq!(found(&d, "disc bulge")[0].0, "disc-bulge");
    assert!(Decoder::new(&english()).collisions().is_empty());
}

#[test]
fn bullets_and_blank_lines_end_a_clause() {
    let d = Decoder::new(&english());
    // One finding per line, no full stops.
    assert_eq!(
        found(
            &d,
            "No fracture\nDisc bulge at L4\nNo stenosis or\nherniation"
        ),
        [
            t("vertebral-fracture", "fracture", Absent),
            t("disc-bulge", "Disc bulge", Present),
            t("spinal-stenosis", "stenosis", Absent),
            t("disc-herniation", "herniation", Absent),
        ]
    );
    assert_eq!(
        found(&d, "NO FRACTURE OR\nSTENOSIS")[1].2,
        Absent,
        "all caps: a wrapped line"
    );
    let got = found(&d, "- No fracture\n- Disc bulge\n\nStenosis");
    assert_eq!(
        got.iter().map(|f| f.2).collect::<Vec<_>>(),
        [Absent, Present, Present]
    );
}

#[test]
fn serialises_status_in_snake_case() {
    let d = Decoder::new(&english());
    let json = serde_json::to_value(d.decode("no stenosis")).unwrap();
    assert_eq!(json[0]["status"], "absent");
    assert_eq!(json[0]["concept"], "spinal-stenosis");
    assert_eq!(json[0]["start"], 3);
}

fn polish() -> GlossaryPack {
    GlossaryPack {
        format: PACK_FORMAT,
        lang: "pl".into(),
        concepts: vec![
            concept("joint-effusion", "Wysięk", &["wysięku", "wysięk w stawie"]),
            concept(
                "vertebral-fracture",
                "Złamanie kręgu",
                &["złamanie", "złamania"],
            ),
            concept(
                "disc-herniation",
                "Przepuklina krążka",
                &["przepuklina", "przepukliny"],
            ),
            concept("disc-bulge", "Uwypuklenie krążka", &[]),
        ],
        translation: None,
        ..cue_words("pl")
    }
}

fn arabic() -> GlossaryPack {
    GlossaryPack {
        format: PACK_FORMAT,
        lang: "ar".into(),
        concepts: vec![
            concept("joint-effusion", "انصباب مفصلي", &["انصباب", "الانصباب"]),
            concept("vertebral-fracture", "كسر فقري", &["كسر"]),
            concept("disc-herniation", "انزلاق غضروفي", &["الانزلاق الغضروفي"]),
        ],
        translation: None,
        ..cue_words("ar")
    }
}

fn statuses(d: &Decoder, text: &str) -> Vec<(String, FindingStatus)> {
    d.decode(text)
        .into_iter()
        .map(|f| (f.concept, f.status))
        .collect()
}

fn s(concept: &str, status: FindingStatus) -> (String, FindingStatus) {
    (concept.into(), status)
}

#[test]
fn cannot_be_excluded_is_never_absent() {
    let d = Decoder::new(&english());
    for text in [
        "Synovial cyst cannot be excluded.",
        "A facet cyst can not be excluded.",
        "Facet cyst can't be ruled out.",
        "Synovial cyst cannot be entirely excluded.",
        "Synovial cyst is not excluded.",
        "Cannot exclude a synovial cyst.",
        "Cannot rule out synovial cyst.",
        "Signal change which may represent a synovial cyst.",
        "No fracture, synovial cyst cannot be excluded.",
    ] {
        assert!(
            found(&d, text)
                .iter()
                .any(|f| f.0 == "synovial-cyst" && f.2 == Present),
            "{text}: {:?}",
            found(&d, text)
        );
    }
    // The hedge does not reach past the next negation.
    assert_eq!(
        statuses(&d, "Cannot exclude synovial cyst, no fracture."),
        [s("synovial-cyst", Present), s("vertebral-fracture", Absent)]
    );
    assert_eq!(
        statuses(&d, "No fracture, synovial cyst cannot be excluded."),
        [s("vertebral-fracture", Absent), s("synovial-cyst", Present)]
    );
    // New since the last scan: there now.
    for text in [
        "Synovial cyst, not seen previously.",
        "Synovial cyst, not present on the prior study.",
        "Synovial cyst previously not seen.",
    ] {
        assert_eq!(statuses(&d, text), [s("synovial-cyst", Present)], "{text}");
    }
    // Plain exclusion still negates.
    assert_eq!(statuses(&d, "Fracture excluded.")[0].1, Absent);
    assert_eq!(statuses(&d, "Fracture is ruled out.")[0].1, Absent);

    let d = Decoder::new(&norwegian());
    for text in [
        "Synovialcyste kan ikke utelukkes.",
        "Kan ikke utelukke fasettleddscyste.",
        "Fasettleddscyste ikke utelukket.",
    ] {
        assert_eq!(statuses(&d, text)[0], s("synovial-cyst", Present), "{text}");
    }
    assert_eq!(statuses(&d, "Brudd utelukket.")[0].1, Absent);
    assert_eq!(
        statuses(&d, "Fasettleddscyste, ikke sett tidligere."),
        [s("synovial-cyst", Present)]
    );
}

#[test]
fn cannot_be_excluded_in_polish_and_arabic() {
    let d = Decoder::new(&polish());
    assert_eq!(
        statuses(&d, "Nie można wykluczyć złamania ani przepukliny."),
        [
            s("vertebral-fracture", Present),
            s("disc-herniation", Present)
        ]
    );
    assert_eq!(
        statuses(&d, "Złamania nie można wykluczyć.")[0],
        s("vertebral-fracture", Present)
    );
    assert_eq!(
        statuses(&d, "Złamania nie wykluczono.")[0],
        s("vertebral-fracture", Present)
    );
    let d = Decoder::new(&arabic());
    assert_eq!(
        statuses(&d, "لا يمكن استبعاد كسر.")[0],
        s("vertebral-fracture", Present)
    );
    assert_eq!(
        statuses(&d, "كسر لا يمكن استبعاده.")[0],
        s("vertebral-fracture", Present)
    );
}

#[test]
fn a_negated_change_leaves_the_finding_present() {
    let d = Decoder::new(&english());
    for text in [
        "No significant change in the small disc bulge.",
        "No interval change of the disc bulge.",
        "No change in disc bulge.",
        "No progression of the disc bulge.",
        "Unchanged disc bulge.",
        "No fracture. Unchanged disc bulge.",
    ] {
        let got = statuses(&d, text);
        assert!(got.contains(&s("disc-bulge", Present)), "{text}: {got:?}");
    }
    // The negation still reaches findings before the change word.
    assert_eq!(
        statuses(&d, "No fracture, no change in the disc bulge."),
        [s("vertebral-fracture", Absent), s("disc-bulge", Present)]
    );
    // Findings named "changes" are findings, not change words.
    assert_eq!(
        statuses(&d, "No endplate changes.")[0],
        s("modic-changes", Absent)
    );

    let d = Decoder::new(&norwegian());
    for text in [
        "Ingen endring av prolapset.",
        "Ingen vesentlig endring av prolapset.",
        "Uendret prolaps.",
        "Ingen progresjon av prolaps.",
    ] {
        assert_eq!(
            statuses(&d, text)[0],
            s("disc-herniation", Present),
            "{text}"
        );
    }
}

#[test]
fn resolved_findings_are_absent() {
    let d = Decoder::new(&english());
    assert_eq!(
        statuses(&d, "The previously seen disc extrusion has resolved."),
        [s("disc-extrusion", Absent)]
    );
    assert_eq!(
        statuses(&d, "Resolved L5/S1 extrusion."),
        [s("disc-extrusion", Absent)]
    );
    // Levels do not use up the window: "extrusion at L5/S1 has resolved".
    assert_eq!(
        statuses(&d, "Extrusion at L5/S1 has resolved, stenosis at L4."),
        [s("disc-extrusion", Absent), s("spinal-stenosis", Present)]
    );
    // Partly or not resolved: still there.
    for text in [
        "The extrusion has partially resolved.",
        "Partially resolved extrusion.",
        "The extrusion has not resolved.",
        "No resolution of the extrusion.",
    ] {
        assert_eq!(statuses(&d, text), [s("disc-extrusion", Present)], "{text}");
    }

    let d = Decoder::new(&norwegian());
    assert_eq!(
        statuses(&d, "Tidligere beskrevne ekstrusjon er gått i regress."),
        [s("disc-extrusion", Absent)]
    );
    assert_eq!(
        statuses(&d, "Ekstrusjonen L5/S1 er gått tilbake."),
        [s("disc-extrusion", Absent)]
    );
    assert_eq!(
        statuses(&d, "Ekstrusjonen er delvis gått i regress."),
        [s("disc-extrusion", Present)]
    );
}

#[test]
fn polish_and_arabic_post_negations() {
    let d = Decoder::new(&polish());
    assert_eq!(
        statuses(&d, "Wysięku nie stwierdzono."),
        [s("joint-effusion", Absent)]
    );
    assert_eq!(
        statuses(&d, "Złamania ani przepukliny nie stwierdzono."),
        [
            s("vertebral-fracture", Absent),
            s("disc-herniation", Absent)
        ]
    );
    assert_eq!(
        statuses(&d, "Nie stwierdzono wysięku."),
        [s("joint-effusion", Absent)]
    );
    // A two-way cue with a finding right after it reads forwards only.
    assert_eq!(
        statuses(&d, "Uwypuklenie krążka, nie stwierdzono przepukliny."),
        [s("disc-bulge", Present), s("disc-herniation", Absent)]
    );
    assert_eq!(
        statuses(&d, "Wysięku nie stwierdzono, uwypuklenie krążka L4/L5."),
        [s("joint-effusion", Absent), s("disc-bulge", Present)]
    );
    assert_eq!(statuses(&d, "Przepuklina ustąpiła.")[0].1, Absent);

    let d = Decoder::new(&arabic());
    assert_eq!(
        statuses(&d, "الانصباب لا يُرى."),
        [s("joint-effusion", Absent)]
    );
    assert_eq!(statuses(&d, "لا يُرى انصباب."), [s("joint-effusion", Absent)]);
    assert_eq!(
        statuses(&d, "كسر لم يُلاحظ."),
        [s("vertebral-fracture", Absent)]
    );
    assert_eq!(
        statuses(&d, "كسر غير موجود."),
        [s("vertebral-fracture", Absent)]
    );
    assert_eq!(
        statuses(&d, "الانزلاق الغضروفي، لم يُلاحظ كسر."),
        [
            s("disc-herniation", Present),
            s("vertebral-fracture", Absent)
        ]
    );
}

#[test]
fn post_negations_come_from_the_pack() {
    // Without the pack's list nothing reads backwards ("stenosis not seen" stays found).
    let mut g = english();
    g.post_negations.clear();
    assert_eq!(
        statuses(&Decoder::new(&g), "Stenosis not seen.")[0].1,
        Present
    );
    assert_eq!(
        statuses(&Decoder::new(&english()), "Stenosis not seen.")[0].1,
        Absent
    );
}

#[test]
fn a_grade_limits_the_negation() {
    let d = Decoder::new(&english());
    assert_eq!(
        statuses(&d, "No high-grade stenosis."),
        [s("severity-grading", Absent), s("spinal-stenosis", Present)]
    );
    assert_eq!(
        statuses(&d, "No severe stenosis or fracture."),
        [
            s("severity-grading", Absent),
            s("spinal-stenosis", Present),
            s("vertebral-fracture", Absent)
        ]
    );
    assert_eq!(statuses(&d, "No stenosis.")[0].1, Absent);
    let d = Decoder::new(&norwegian());
    assert_eq!(
        statuses(&d, "Ingen høygradig stenose."),
        [s("severity-grading", Absent), s("spinal-stenosis", Present)]
    );
}

#[test]
fn glossary_gaps_and_organ_colon_lines() {
    let d = Decoder::new(&english());
    assert_eq!(
        statuses(&d, "Disc bulge indenting the thecal sac."),
        [
            s("disc-bulge", Present),
            s("thecal-sac-indentation", Present)
        ]
    );
    assert_eq!(
        found(&d, "AC joint: arthrosis. Knee arthrosis."),
        [
            t("ac-joint-arthropathy", "AC joint: arthrosis", Present),
            t("osteoarthritis", "arthrosis", Present),
        ]
    );
    // The colon must be there: "AC joint, arthrosis" is two things.
    assert_eq!(
        found(&d, "AC joint arthrosis")[0].0,
        "osteoarthritis",
        "no colon in the report, so the colon alias does not apply"
    );
    let d = Decoder::new(&norwegian());
    assert_eq!(
        found(&d, "AC-leddet: artrose med lett kapselhypertrofi.")[0],
        t("ac-joint-arthropathy", "AC-leddet: artrose", Present)
    );
    assert_eq!(
        statuses(&d, "Kalkholdig tendinitt. Forkalkning i senen."),
        [
            s("calcific-tendinitis", Present),
            s("calcific-tendinitis", Present)
        ]
    );
}

fn check_spans(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for f in findings {
        prop_assert!(f.start < f.end);
        prop_assert!(f.start >= last_end);
        prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        prop_assert_eq!(&text[f.start..f.end], f.matched.as_str());
        last_end = f.end;
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics_and_spans_are_valid(text in any::<String>()) {
        let d = Decoder::new(&english());
        check_spans(&text, &d.decode(&text))?;
    }

    #[test]
    fn report_like_text_has_valid_spans(
        words in proptest::collection::vec(
            prop_oneof![
                Just("disc"), Just("bulge"), Just("no"), Just("stenosis"), Just("or"), Just("Ø"),
                Just("ﬁ"), Just("not"), Just("seen"), Just("tear"), Just("full"), Just("thickness"),
                Just("İ"), Just("é"), Just("prolapsene"), Just("ingen"), Just("desiccaton"),
            ],
            0..40,
        ),
        seps in proptest::collection::vec(
            prop_oneof![Just(" "), Just("-"), Just(". "), Just(",\n"), Just(": "), Just("/"), Just("\u{301}"), Just("’")],
            40,
        ),
    ) {
        let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [*w, *s]).collect();
        for d in [Decoder::new(&english()), Decoder::new(&norwegian())] {
            check_spans(&text, &d.decode(&text))?;
        }
    }
}

//! Small, realistic packs for tests here and in other crates (`features = ["test-support"]`).
//!
//! What is in it, so tests can rely on it:
//! - modules `when-a-scan-is-needed` (en, nb), `do-i-need-a-scan` (en, nb; nb stale),
//!   `radiation` (en only: nb falls back);
//! - glossary en and nb (nb lacks `joint-effusion`; nb says "ødem"), checker en only,
//!   questions en and nb (nb lacks `what-if-we-wait`);
//! - common: references `brinjikji2015a-tbl`, `nice-ng59`; regions `NO`, `GB`, `default`.

use crate::model::*;

fn review(state: ReviewState) -> Review {
    match state {
        ReviewState::Draft => Review {
            state,
            reviewer: None,
            reviewed_on: None,
            next_review: None,
        },
        _ => Review {
            state,
            reviewer: Some("Dr A. Reviewer".into()),
            reviewed_on: Some("2026-11-01".into()),
            next_review: Some("2027-11-01".into()),
        },
    }
}

fn translation(stale: bool) -> Option<TranslationInfo> {
    Some(TranslationInfo {
        source_hash: "0123abcd".into(),
        translated_on: "2026-11-20".into(),
        stale,
    })
}

fn section(anchor: &str, heading: &str, text: &str) -> Section {
    Section {
        anchor: anchor.into(),
        heading: heading.into(),
        html: format!("<p>{text}</p>"),
        text: text.into(),
    }
}

/// A module pack with the given text; fields not passed take plain defaults.
pub fn module(id: &str, lang: &str, order: u32, title: &str, sections: Vec<Section>) -> ModulePack {
    ModulePack {
        format: PACK_FORMAT,
        id: id.into(),
        lang: lang.into(),
        title: title.into(),
        summary: format!("{title}: a short summary."),
        areas: vec![BodyArea::Back],
        order,
        minutes: 4,
        sections,
        key_points: vec![format!("{title}: the key point.")],
        myth_or_fact: vec![],
        references: vec![],
        questions: vec![],
        review: review(ReviewState::Draft),
        translation: if lang == "en" {
            None
        } else {
            translation(false)
        },
        content_hash: format!("hash-{id}-{lang}"),
    }
}

fn concept(
    id: &str,
    area: ConceptArea,
    term: &str,
    aliases: &[&str],
    explanation: &str,
) -> Concept {
    Concept {
        id: id.into(),
        area,
        term: term.into(),
        aliases: aliases.iter().map(|a| (*a).into()).collect(),
        explanation: explanation.into(),
        ..Default::default()
    }
}

fn with_prevalence(mut c: Concept) -> Concept {
    // brinjikji2015a-tbl, disc bulge, 20–50 y (FACTS.md §3a, tagged S).
    c.prevalence = [
        (20, 29, 30.0),
        (30, 39, 40.0),
        (40, 49, 50.0),
        (50, 59, 60.0),
    ]
    .into_iter()
    .map(|(from, to, percent)| PrevalenceBand { from, to, percent })
    .collect();
    c.prevalence_source = Some("brinjikji2015a-tbl".into());
    c.see_module = Some("radiation".into());
    c
}

/// The sample content described in the module docs.
pub fn sample_packs() -> Vec<Pack> {
    let mut safety_en = module(
        SAFETY_MODULE_ID,
        "en",
        5,
        "When a scan is needed",
        vec![
            section(
                "red-flags",
                "Red flags",
                "Numbness around your bottom or genitals needs help now.",
            ),
            section(
                "what-to-do",
                "What to do",
                "Call your emergency number or urgent care.",
            ),
        ],
    );
    safety_en.areas = vec![BodyArea::Back, BodyArea::General];
    safety_en.review = review(ReviewState::Published);
    safety_en.references = vec!["nice-ng59".into()];
    safety_en.questions = vec!["what-is-urgent".into()];
    safety_en.myth_or_fact = vec![MythOrFact {
        statement: "Red flags are common.".into(),
        answer: MythOrFactAnswer::Myth,
        explanation: "They are rare, but they matter.".into(),
    }];
    let mut safety_nb = module(
        SAFETY_MODULE_ID,
        "nb",
        5,
        "Når du trenger en skanning",
        vec![
            section(
                "red-flags",
                "Faresignaler",
                "Nummenhet rundt endetarmen trenger hjelp nå.",
            ),
            section(
                "what-to-do",
                "Hva du gjør",
                "Ring nødnummeret eller legevakten.",
            ),
        ],
    );
    safety_nb.areas = safety_en.areas.clone();
    safety_nb.review = review(ReviewState::Reviewed);
    safety_nb.references = safety_en.references.clone();
    safety_nb.questions = vec!["what-is-urgent".into(), "what-if-we-wait".into()];

    let mut scan_en = module(
        "do-i-need-a-scan",
        "en",
        10,
        "Do I need a scan?",
        vec![
            section(
                "why-scans",
                "Why scans are ordered",
                "A scan helps when the result would change what happens next. A naïve reading of a report can worry you.",
            ),
            section(
                "oedema",
                "Swelling on a scan",
                "Bone marrow oedema is a sign of stress in the bone.",
            ),
        ],
    );
    scan_en.areas = vec![BodyArea::Back, BodyArea::Knee, BodyArea::Shoulder];
    scan_en.references = vec!["brinjikji2015a-tbl".into(), "nice-ng59".into()];
    scan_en.questions = vec!["will-it-change-plan".into(), "what-if-we-wait".into()];
    let mut scan_nb = module(
        "do-i-need-a-scan",
        "nb",
        10,
        "Trenger jeg en skanning?",
        vec![
            section(
                "why-scans",
                "Hvorfor skanninger bestilles",
                "En skanning hjelper når svaret endrer hva som skjer videre.",
            ),
            section(
                "oedema",
                "Hevelse på bildet",
                "Benmargsødem er et tegn på belastning i beinet.",
            ),
        ],
    );
    scan_nb.areas = scan_en.areas.clone();
    scan_nb.references = scan_en.references.clone();
    scan_nb.questions = scan_en.questions.clone();
    scan_nb.translation = translation(true);

    let mut radiation = module(
        "radiation",
        "en",
        20,
        "Radiation",
        vec![section(
            "doses",
            "Doses in everyday terms",
            "MRI and ultrasound use no radiation at all.",
        )],
    );
    radiation.areas = vec![BodyArea::General];

    let bulge = |term: &str, aliases: &[&str], explanation: &str| {
        with_prevalence(concept(
            "disc-bulge",
            ConceptArea::Spine,
            term,
            aliases,
            explanation,
        ))
    };
    let glossary_en = GlossaryPack {
        format: PACK_FORMAT,
        lang: "en".into(),
        negations: vec!["no".into(), "without".into()],
        terminators: vec!["but".into()],
        post_negations: vec!["not seen".into(), "is absent".into()],
        decoder: Default::default(),
        concepts: vec![
            bulge(
                "Disc bulge",
                &["disk bulge", "bulging disc"],
                "The soft disc spreads a little past its usual edge. Common with age.",
            ),
            concept(
                "bone-marrow-lesion",
                ConceptArea::Knee,
                "Bone marrow lesion",
                &["bone marrow oedema", "bone marrow edema"],
                "A patch in the bone that looks different on MRI.",
            ),
            concept(
                "joint-effusion",
                ConceptArea::Knee,
                "Joint effusion",
                &["effusion"],
                "A little extra fluid in the joint.",
            ),
        ],
        translation: None,
    };
    let glossary_nb = GlossaryPack {
        format: PACK_FORMAT,
        lang: "nb".into(),
        negations: vec!["ingen".into(), "uten".into()],
        terminators: vec!["men".into()],
        post_negations: vec!["ikke påvist".into()],
        decoder: Default::default(),
        concepts: vec![
            bulge(
                "Skiveutbuling",
                &["diskusbuling", "bulging"],
                "Den myke skiven går litt utenfor kanten sin. Vanlig med alderen.",
            ),
            concept(
                "bone-marrow-lesion",
                ConceptArea::Knee,
                "Benmargsødem",
                &["beinmargsødem"],
                "Et område i beinet som ser annerledes ut på MR.",
            ),
        ],
        translation: translation(false),
    };
    let checker_en = CheckerPack {
        format: PACK_FORMAT,
        lang: "en".into(),
        questions: vec![
            CheckerQuestion {
                id: "saddle-numbness".into(),
                kind: CheckerQuestionKind::RedFlagEmergency,
                areas: vec![BodyArea::Back],
                when: None,
                sign: Some("Numbness around your genitals or bottom".into()),
                text: "Do you have numbness around your genitals or bottom?".into(),
                help: Some("It feels different when you wipe.".into()),
                sources: vec!["nice-ng59".into()],
            },
            CheckerQuestion {
                id: "change-plan".into(),
                kind: CheckerQuestionKind::Criterion,
                areas: vec![BodyArea::Back, BodyArea::Knee, BodyArea::Shoulder],
                when: None,
                sign: None,
                text: "Would a result change what happens next?".into(),
                help: None,
                sources: vec![],
            },
        ],
        outcomes: vec![CheckerOutcome {
            kind: OutcomeKind::Emergency,
            title: "Get help now".into(),
            body: "<p>Call your emergency number now.</p>".into(),
            questions: vec!["what-is-urgent".into()],
            safety_net: vec![],
        }],
        translation: None,
    };
    let questions = |lang: &str, texts: &[(&str, &str)]| QuestionsPack {
        format: PACK_FORMAT,
        lang: lang.into(),
        questions: texts
            .iter()
            .map(|(id, text)| AppointmentQuestion {
                id: (*id).into(),
                text: (*text).into(),
            })
            .collect(),
        translation: if lang == "en" {
            None
        } else {
            translation(false)
        },
    };
    let questions_en = questions(
        "en",
        &[
            ("will-it-change-plan", "Will the result change my plan?"),
            ("what-if-we-wait", "What happens if we wait?"),
            ("what-is-urgent", "Which signs mean I need help urgently?"),
        ],
    );
    let questions_nb = questions(
        "nb",
        &[
            ("will-it-change-plan", "Vil svaret endre planen min?"),
            (
                "what-is-urgent",
                "Hvilke tegn betyr at jeg trenger hjelp raskt?",
            ),
        ],
    );
    let region =
        |code: &str, emergency: Option<&str>, urgent: Option<&str>, name: Option<&str>| Region {
            code: code.into(),
            emergency: emergency.map(Into::into),
            urgent: urgent.map(Into::into),
            urgent_name: name.map(Into::into),
        };
    let common = CommonPack {
        format: PACK_FORMAT,
        references: vec![
            Reference {
                id: "brinjikji2015a-tbl".into(),
                citation: "Age-specific values reproduced in Table 1 of PMC4975884, Scoliosis Spinal Disord 2016;11:21.".into(),
                url: None,
                doi: Some("10.1186/s13013-016-0080-0".into()),
            },
            Reference {
                id: "nice-ng59".into(),
                citation: "NICE NG59: Low back pain and sciatica in over 16s.".into(),
                url: Some("https://www.nice.org.uk/guidance/ng59".into()),
                doi: None,
            },
        ],
        regions: vec![
            region("NO", Some("113"), Some("116 117"), Some("Legevakt")),
            region("GB", Some("999"), Some("111"), Some("NHS 111")),
            region("default", None, None, None),
        ],
    };
    vec![
        Pack::Common(common),
        Pack::Module(safety_en),
        Pack::Module(safety_nb),
        Pack::Module(scan_en),
        Pack::Module(scan_nb),
        Pack::Module(radiation),
        Pack::Glossary(glossary_en),
        Pack::Glossary(glossary_nb),
        Pack::Checker(checker_en),
        Pack::Questions(questions_en),
        Pack::Questions(questions_nb),
    ]
}

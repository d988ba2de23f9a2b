//! Stage 5, result: findings as the app and the CLI show them, and the one entry point both
//! use to read a report with a language chain.

use serde::{Deserialize, Serialize};

use super::Decoder;
use super::area::AreaSource;
use crate::model::{ConceptArea, ConceptClass};

/// One recognised concept in the report text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Concept id (DESIGN §7), the same in every language.
    pub concept: String,
    /// `&text[start..end]`: the words as the report wrote them.
    pub matched: String,
    /// Byte span into the original text (UTF-8 char boundaries), for highlighting.
    pub start: usize,
    pub end: usize,
    pub status: FindingStatus,
    /// `serious`/`urgent`: shown first, as a reason to talk to the clinician soon.
    #[serde(default)]
    pub class: ConceptClass,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    Present,
    /// The report says it is not there ("no stenosis"): shown as "not found", never as a finding.
    Absent,
}

/// A whole report, decoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decoded {
    /// The glossary language that read the report.
    pub lang: String,
    /// The body area the report is about (`None`: unclear).
    pub area: Option<ConceptArea>,
    pub area_source: AreaSource,
    /// Sorted by `start`, never overlapping.
    pub findings: Vec<Finding>,
}

impl Decoded {
    /// Serious findings the report says are there, in report order.
    pub fn serious(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.status == FindingStatus::Present && f.class.is_serious())
    }

    /// The radiologist wrote an urgency word ("recommend urgent ..."): show the region's
    /// numbers.
    pub fn urgent(&self) -> bool {
        self.serious().any(|f| f.class == ConceptClass::Urgent)
    }
}

/// Reads `text` with each decoder of the language chain and keeps the one that recognises the
/// most (a report is written in the clinic's language, which need not be the patient's); ties
/// go to the earlier language. `picked`: the area the patient chose, used when the report's
/// heading names none. `None` when the chain has no decoder.
pub fn decode_with_chain<'a>(
    chain: impl IntoIterator<Item = &'a Decoder>,
    text: &str,
    picked: Option<ConceptArea>,
) -> Option<Decoded> {
    let mut best: Option<Decoded> = None;
    for decoder in chain {
        let d = decoder.decode_report(text, picked);
        if best
            .as_ref()
            .is_none_or(|b| d.findings.len() > b.findings.len())
        {
            best = Some(d);
        }
    }
    best
}

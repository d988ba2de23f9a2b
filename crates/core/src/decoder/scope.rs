//! Stage 3, scope and negation: which findings the report says are absent.
//!
//! A finding is absent when a negation cue comes before it in the same clause ("no",
//! "without evidence of", "ingen"), reaching over coordinated lists ("no herniation, stenosis
//! or fracture"), or a post-negation after it ("stenosis is not seen", "effusion: none",
//! "prolaps ikke påvist", "has resolved").
//!
//! Errors go one way only: a finding that is there must never read as "not found". So hedges
//! ("cannot be excluded", "kan ikke utelukkes") keep what they reach present whatever a
//! negation says, a negation cue after "cannot", "partially" or another negation is a hedge,
//! change words end a negation ("no significant change in the disc bulge"), and a grade right
//! before a finding takes the negation ("no high-grade stenosis": a lower grade may be there).
//!
//! Every cue word is content: the glossary's `negations`, `post_negations`, `terminators` and
//! its decoder table. A glossary without hedges reads nothing as absent: without them "cannot
//! be excluded" would read as a negation.

use std::collections::HashMap;

use super::matcher::{Lexicon, Phrase, Span};
use super::normalise::Token;
use crate::model::GlossaryPack;

/// Tokens a simple pre-negation reaches forward, not counting findings and list words.
const PRE_WINDOW: u32 = 6;
/// Tokens allowed between a finding and its post-negation ("stenosis *is clearly* not seen").
const POST_WINDOW: u32 = 3;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CueKinds {
    pre: bool,
    post: bool,
    post_colon: bool,
    terminator: bool,
    list: bool,
    /// "cannot", "may represent": the finding may be there; ends a negation's reach.
    hedge: bool,
    /// "partially": makes the negation cue right after it a hedge ("partially resolved").
    limiter: bool,
}

impl CueKinds {
    fn negates(self) -> bool {
        self.pre || self.post || self.post_colon
    }

    /// What a negation cue becomes after "cannot", "partially" or another negation.
    fn hedged(self) -> CueKinds {
        CueKinds {
            hedge: true,
            list: self.list,
            ..CueKinds::default()
        }
    }
}

/// The cue phrases of one language, keyed by their first word id, longest first.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    by_first: HashMap<u32, Vec<Phrase<CueKinds>>>,
    /// Headings of the clinical question, as word ids.
    question_headings: Vec<Vec<u32>>,
}

impl Cues {
    pub(crate) fn new(g: &GlossaryPack, lex: &mut Lexicon) -> Cues {
        let mut cues = Cues::default();
        let t = &g.decoder;
        // No hedges, no negation: a finding that is there must never read as "not found".
        let negates = !t.hedges.is_empty();
        let mut add = |list: &[String], mark: fn(&mut CueKinds)| {
            for phrase in list {
                cues.add(lex, phrase, mark);
            }
        };
        if negates {
            add(&g.negations, |k| k.pre = true);
            add(&t.two_way, |k| {
                k.pre = true;
                k.post = true
            });
            add(&g.post_negations, |k| k.post = true);
            add(&t.after_colon, |k| k.post_colon = true);
        }
        add(&g.terminators, |k| k.terminator = true);
        add(&t.changes, |k| k.terminator = true);
        add(&t.list_words, |k| k.list = true);
        add(&t.hedges, |k| k.hedge = true);
        add(&t.limiters, |k| k.limiter = true);
        for bucket in cues.by_first.values_mut() {
            bucket.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        for h in &t.question_headings {
            if let Some((first, rest, _)) = lex.intern_phrase(h, false) {
                let mut words = vec![first];
                words.extend(rest.iter());
                cues.question_headings.push(words);
            }
        }
        cues
    }

    /// Tokens under a clinical-question heading ("History: ?cauda equina syndrome"): from a
    /// heading that starts a line and ends in a colon to the end of its line, and over lines
    /// that go on in lower case (a wrapped line); a blank line, a "Heading:" or a capitalised
    /// line ends it, so findings written right after are read.
    pub(crate) fn in_question(&self, lex: &Lexicon, tokens: &[Token]) -> Vec<bool> {
        let mut out = vec![false; tokens.len()];
        let mut inside = false;
        for i in 0..tokens.len() {
            let t = &tokens[i];
            let line_start = i == 0 || tokens[i - 1].line != t.line;
            if line_start {
                let blank_before = i > 0 && t.line > tokens[i - 1].line + 1;
                let heading = self.question_headings.iter().find(|h| {
                    i + h.len() < tokens.len()
                        && h.iter()
                            .enumerate()
                            .all(|(k, w)| lex.exact(&tokens[i + k]) == Some(*w))
                        && tokens[i + h.len()].colon_before
                });
                let other_heading = (i + 1..tokens.len().min(i + 4))
                    .take_while(|&j| tokens[j].line == t.line)
                    .any(|j| tokens[j].colon_before);
                if heading.is_some() {
                    inside = true;
                } else if blank_before || other_heading || t.new_line_before {
                    inside = false;
                }
            }
            out[i] = inside;
        }
        out
    }

    fn add(&mut self, lex: &mut Lexicon, phrase: &str, mark: fn(&mut CueKinds)) {
        let Some((first, rest, _)) = lex.intern_phrase(phrase, false) else {
            return;
        };
        let bucket = self.by_first.entry(first).or_default();
        match bucket.iter_mut().find(|p| p.rest == rest) {
            Some(p) => mark(&mut p.value),
            None => {
                let mut kinds = CueKinds::default();
                mark(&mut kinds);
                bucket.push(Phrase {
                    rest,
                    colons: 0,
                    value: kinds,
                });
            }
        }
    }
}

/// Which findings (indexed like `spans`) the report says are absent. `grading`: the concept
/// index of the severity words.
pub(crate) fn absent(
    lex: &Lexicon,
    cues: &Cues,
    tokens: &[Token],
    spans: &[Span],
    grading: Option<u32>,
) -> Vec<bool> {
    let mut elements = elements(lex, cues, tokens, spans);
    neutralise(tokens, &mut elements);
    let graded = graded(tokens, &elements, spans, grading);
    negated(tokens, &elements, &graded)
}

/// The token stream as findings, cues and plain words, for the negation passes.
fn elements(lex: &Lexicon, cues: &Cues, tokens: &[Token], spans: &[Span]) -> Vec<Element> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut next_span = spans.iter().enumerate().peekable();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(&(f, s)) = next_span.peek()
            && s.first == i
        {
            out.push(Element {
                first: i,
                role: Role::Finding(f),
            });
            next_span.next();
            i = s.last + 1;
            continue;
        }
        // Cues never overlap a finding: stop the cue before the next finding starts.
        let limit = next_span.peek().map_or(tokens.len(), |(_, s)| s.first);
        let cue = lex
            .exact(&tokens[i])
            .and_then(|id| cues.by_first.get(&id))
            .and_then(|bucket| {
                bucket.iter().find_map(|p| {
                    let len = p.rest.len() + 1;
                    let fits = i + len <= limit
                        && p.rest.iter().enumerate().all(|(k, want)| {
                            let t = &tokens[i + 1 + k];
                            !t.hard_before && !t.soft_before && lex.exact(t) == Some(*want)
                        });
                    fits.then_some((len, p.value))
                })
            });
        match cue {
            Some((len, kinds)) => {
                out.push(Element {
                    first: i,
                    role: Role::Cue(kinds),
                });
                i += len;
            }
            None => {
                out.push(Element {
                    first: i,
                    role: Role::Plain,
                });
                i += 1;
            }
        }
    }
    out
}

/// Findings written right after a grade, in the same phrase: "high-grade stenosis".
fn graded(
    tokens: &[Token],
    elements: &[Element],
    spans: &[Span],
    grading: Option<u32>,
) -> Vec<bool> {
    let mut graded = vec![false; spans.len()];
    let Some(grading) = grading else {
        return graded;
    };
    for pair in elements.windows(2) {
        if let [
            Element {
                role: Role::Finding(g),
                ..
            },
            Element {
                role: Role::Finding(f),
                first,
            },
        ] = *pair
        {
            let joined = !tokens[first].broken_before();
            graded[f] = joined && spans[g].concept == grading && spans[f].concept != grading;
        }
    }
    graded
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Finding(usize),
    Cue(CueKinds),
    Plain,
}

#[derive(Debug, Clone, Copy)]
struct Element {
    first: usize,
    role: Role,
}

/// Tokens a hedge, a limiter or a negation reaches forward to turn the next negation cue into a
/// hedge ("cannot *be* excluded", "partially resolved", "no *interval* resolution of").
const HEDGE_REACH: usize = 2;
const DOUBLE_NEGATION_REACH: usize = 1;

/// Negation cues that do not negate: after a hedge ("cannot be excluded"), a limiter
/// ("partially resolved") or another negation ("no resolution of", "ikke utelukket": two
/// negations make a "maybe"). They become hedges, so what they reach stays present.
fn neutralise(tokens: &[Token], elements: &mut [Element]) {
    for i in 0..elements.len() {
        let reach = match elements[i].role {
            Role::Cue(k) if k.hedge || k.limiter => HEDGE_REACH,
            Role::Cue(k) if k.pre => DOUBLE_NEGATION_REACH,
            _ => continue,
        };
        let mut plain = 0;
        for j in i + 1..elements.len() {
            let t = &tokens[elements[j].first];
            if t.hard_before || t.soft_before || t.new_line_before {
                break;
            }
            match elements[j].role {
                Role::Cue(k) if k.negates() && !k.hedge => {
                    elements[j].role = Role::Cue(k.hedged());
                    break;
                }
                Role::Plain if plain < reach => plain += 1,
                _ => break,
            }
        }
    }
}

/// A two-way cue ("ikke påvist", "nie stwierdzono") with a finding right after it in the same
/// comma-free stretch reads forwards only: "bulge, ikke påvist prolaps" keeps the bulge.
fn attached_forward(tokens: &[Token], elements: &[Element], cue: usize) -> bool {
    let mut plain = 0u32;
    for e in &elements[cue + 1..] {
        let t = &tokens[e.first];
        if t.hard_before || t.soft_before || t.new_line_before {
            return false;
        }
        match e.role {
            Role::Finding(_) => return true,
            Role::Plain if t.level => {}
            Role::Plain if plain + 1 < PRE_WINDOW => plain += 1,
            _ => return false,
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// A post-negation: what it reaches is absent.
    Negate,
    /// A hedge: what it reaches may be there, whatever a negation says.
    Protect,
}

/// Which findings the report says are absent (indexed like the spans). `graded[f]`: finding
/// `f` comes right after a grade ("high-grade stenosis"), so a negation is about the grade.
fn negated(tokens: &[Token], elements: &[Element], graded: &[bool]) -> Vec<bool> {
    let findings = graded.len();
    let mut absent = vec![false; findings];
    let mut protected = vec![false; findings];

    // Backward first: "X is not seen", "X or Y not identified", "X: none", "X cannot be
    // excluded". Reaches back over a few words to the nearest finding, then only over a list
    // of findings joined by list words. A cue that can read both ways ("ikke påvist") and
    // negated something here is not also read forwards, so "prolaps ikke påvist, stenose"
    // keeps the stenosis.
    let mut read_backwards = vec![false; elements.len()];
    // (words left, passed a finding, cue, what it does)
    let mut scope: Option<(u32, bool, usize, Reach)> = None;
    let (mut clause_ends_after, mut soft_after) = (false, false);
    for (index, e) in elements.iter().enumerate().rev() {
        // A hedge keeps only its own list ("X or Y cannot be excluded"), not findings before a
        // comma ("no fracture, cyst cannot be excluded"), which a negation may be about.
        let protect_list_ends = soft_after && matches!(scope, Some((_, true, _, Reach::Protect)));
        if clause_ends_after || protect_list_ends {
            scope = None;
        }
        match e.role {
            Role::Finding(f) => {
                if let Some((_, passed, cue, reach)) = scope.as_mut() {
                    match reach {
                        Reach::Negate => absent[f] = true,
                        Reach::Protect => protected[f] = true,
                    }
                    *passed = true;
                    read_backwards[*cue] = true;
                }
            }
            Role::Cue(k) if k.hedge => scope = Some((POST_WINDOW, false, index, Reach::Protect)),
            Role::Cue(k)
                if (k.post && !(k.pre && attached_forward(tokens, elements, index)))
                    || (k.post_colon && tokens[e.first].colon_before) =>
            {
                scope = Some((POST_WINDOW, false, index, Reach::Negate));
            }
            Role::Cue(k) if k.list => {}
            Role::Cue(k)
                if k.terminator || (k.pre && !matches!(scope, Some((.., Reach::Protect)))) =>
            {
                scope = None
            }
            Role::Plain if tokens[e.first].level => {}
            _ => {
                scope = match scope {
                    Some((left, false, cue, reach)) if left > 1 => {
                        Some((left - 1, false, cue, reach))
                    }
                    _ => None,
                }
            }
        }
        clause_ends_after = tokens[e.first].ends_clause_before();
        soft_after = tokens[e.first].soft_before;
    }

    // Forward: a cue negates findings after it until a clause end, a terminator word, or
    // PRE_WINDOW other words. Findings and list words ("or", "and") do not use up the window,
    // so "no herniation, stenosis or fracture" stays negated to the end of the list. A hedge
    // ends a negation and protects what follows it the same way ("cannot exclude a fracture").
    let mut budget: Option<(u32, Reach)> = None;
    for (index, e) in elements.iter().enumerate() {
        if tokens[e.first].ends_clause_before() {
            budget = None;
        }
        match e.role {
            Role::Finding(f) => match budget {
                Some((_, Reach::Negate)) => absent[f] = true,
                Some((_, Reach::Protect)) => protected[f] = true,
                None => {}
            },
            Role::Cue(k) if k.hedge => budget = Some((PRE_WINDOW, Reach::Protect)),
            Role::Cue(k) if k.pre && !read_backwards[index] => {
                budget = Some((PRE_WINDOW, Reach::Negate))
            }
            Role::Cue(k) if k.terminator => budget = None,
            Role::Cue(k) if k.list => {}
            Role::Plain if tokens[e.first].level => {}
            _ => {
                budget = budget
                    .and_then(|(b, reach)| Some((b.checked_sub(1)?, reach)))
                    .filter(|&(b, _)| b > 0)
            }
        }
    }
    (0..findings)
        .map(|f| absent[f] && !protected[f] && !graded[f])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decoder::matcher::{Matcher, Phrases};
    use crate::decoder::normalise::tokenize;
    use crate::model::{Concept, ConceptArea, DecoderTable, PACK_FORMAT};

    fn pack(hedges: &[&str]) -> GlossaryPack {
        let concept = |id: &str| Concept {
            id: id.into(),
            area: ConceptArea::General,
            term: id.into(),
            aliases: vec![],
            ..Default::default()
        };
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "xx".into(),
            negations: vec!["no".into()],
            terminators: vec!["but".into()],
            post_negations: vec!["not seen".into()],
            concepts: vec![concept("cyst"), concept("fracture"), concept("bulge")],
            translation: None,
            decoder: DecoderTable {
                hedges: hedges.iter().map(|h| h.to_string()).collect(),
                list_words: vec!["or".into()],
                changes: vec!["change".into()],
                ..DecoderTable::default()
            },
        }
    }

    fn absent_in(g: &GlossaryPack, text: &str) -> Vec<bool> {
        let mut lex = Lexicon::new(&g.decoder);
        let phrases = Phrases::new(g, &mut lex);
        let cues = Cues::new(g, &mut lex);
        let tokens = tokenize(text, &lex.stemmer);
        let areas = vec![None; tokens.len()];
        let spans = Matcher::new(&lex, &phrases, &tokens, &areas).spans();
        absent(&lex, &cues, &tokens, &spans, None)
    }

    #[test]
    fn negation_reaches_lists_and_stops_at_terminators_and_changes() {
        let g = pack(&["cannot"]);
        assert_eq!(absent_in(&g, "No cyst or fracture."), [true, true]);
        assert_eq!(absent_in(&g, "No cyst, but a fracture."), [true, false]);
        assert_eq!(absent_in(&g, "No change in the bulge."), [false]);
        assert_eq!(absent_in(&g, "Cyst not seen. Fracture."), [true, false]);
        assert_eq!(absent_in(&g, "Cyst cannot be excluded."), [false]);
        assert_eq!(absent_in(&g, "Cannot exclude no cyst."), [false]);
    }

    #[test]
    fn the_clinical_question_is_not_a_finding() {
        let mut g = pack(&["cannot"]);
        g.decoder.question_headings = vec!["history".into(), "clinical details".into()];
        let mut lex = Lexicon::new(&g.decoder);
        let cues = Cues::new(&g, &mut lex);
        let text = "History: ?fracture, cyst\nafter a fall.\nFindings: Fracture of L1.\n\nCyst.\n\
                    Clinical details: pain\nCyst at L4.";
        let tokens = crate::decoder::normalise::tokenize(text, &lex.stemmer);
        let q = cues.in_question(&lex, &tokens);
        let words: Vec<&str> = tokens
            .iter()
            .zip(&q)
            .filter(|(_, q)| **q)
            .map(|(t, _)| &text[t.start..t.end])
            .collect();
        assert_eq!(
            words,
            [
                "History", "fracture", "cyst", "after", "a", "fall", "Clinical", "details", "pain"
            ]
        );
    }

    #[test]
    fn a_table_without_hedges_reads_nothing_as_absent() {
        assert_eq!(
            absent_in(&pack(&[]), "No cyst. Fracture not seen."),
            [false, false]
        );
    }
}

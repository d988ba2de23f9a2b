//! The checker's pages: one per reachable state of the engine's walk ([`crate::walk`]). A page
//! renders one [`Step`] as the app's checker screen does (ui/src/screens/checker.tsx): the
//! card first when the engine says to show it (at once for emergency and same-day cards, and at
//! the end), then the question the engine asks next, whose answers are links to the next
//! states' pages. Nothing on a page is decided here.
//!
//! The `<div class="checker">` carries the step as data attributes (next question, outcome,
//! whether the card shows, the signs asked, how many questions were answered) so the
//! conformance test can compare every page with the engine.

use std::collections::{HashMap, HashSet};

use scanwise_core::checker::{CHECKER_AREAS, Step};
use scanwise_core::model::{
    AppointmentQuestion, BodyArea, CheckerPack, CheckerQuestion, CheckerQuestionKind, OutcomeKind,
};
use scanwise_core::slot::Localized;

use super::help::{numbers_table, tier_name};
use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::links::{Here, rewrite};
use crate::paths::SitePath;
use crate::walk::{self, ANSWERS, Walk};

/// The engine's walks for every language and area, computed once (the language switch of a
/// state's page needs to know whether the other languages have the same state).
pub struct Walks {
    by_lang: HashMap<String, (CheckerPack, Vec<Walk>)>,
    names: HashMap<(String, BodyArea), HashSet<String>>,
}

impl Walks {
    pub fn new(site: &Site) -> Result<Walks, SiteError> {
        let mut by_lang = HashMap::new();
        let mut names = HashMap::new();
        for lang in &site.langs {
            let pack = site
                .slot
                .checker(&lang.chain())?
                .ok_or_else(|| SiteError::NoChecker {
                    lang: lang.code.clone(),
                })?;
            let mut walks = Vec::new();
            for area in CHECKER_AREAS {
                let w = walk::walk(&pack, area)?;
                names.insert(
                    (lang.code.clone(), area),
                    w.states.iter().map(|s| s.letters.clone()).collect(),
                );
                walks.push(w);
            }
            by_lang.insert(lang.code.clone(), (pack, walks));
        }
        Ok(Walks { by_lang, names })
    }
}

/// The pages of one area's walk in one language.
pub struct AreaPages {
    pub name: String,
    pub states: usize,
    pub merged: usize,
    pub pages: Vec<Page>,
}

pub fn area_name(area: BodyArea) -> &'static str {
    match area {
        BodyArea::Back => "back",
        BodyArea::Knee => "knee",
        BodyArea::Shoulder => "shoulder",
        BodyArea::General => "general",
    }
}

fn kind_name(kind: CheckerQuestionKind) -> &'static str {
    match kind {
        CheckerQuestionKind::RedFlagEmergency => "red_flag_emergency",
        CheckerQuestionKind::RedFlagUrgent => "red_flag_urgent",
        CheckerQuestionKind::RedFlagSoon => "red_flag_soon",
        CheckerQuestionKind::Gate => "gate",
        CheckerQuestionKind::Criterion => "criterion",
    }
}

/// The page of a state: `LANG/check/AREA/` for the start, `LANG/check/AREA/LETTERS/` after.
pub fn state_path(lang: &str, area: BodyArea, letters: &str) -> SitePath {
    let p = SitePath::of(&[lang, "check", area_name(area)]);
    if letters.is_empty() {
        p
    } else {
        p.join(letters)
    }
}

/// `LANG/check/`: choose the body area.
pub fn index(site: &Site, lang: &Lang) -> Vec<Page> {
    let s = &lang.s;
    let path = lang.home().join("check");
    let mut m = String::new();
    push(
        &mut m,
        format_args!(
            "<h1>{}</h1>\n<p class=\"lede\">{}</p>\n<nav class=\"areas area-choice\" aria-label=\"{}\"><p>{}</p><ul>\n",
            s.t("checker-title"),
            s.t("checker-lede"),
            s.t("checker-which-area"),
            s.t("web-checker-choose-area"),
        ),
    );
    for area in CHECKER_AREAS {
        push(
            &mut m,
            format_args!(
                "<li><a class=\"area\" data-area=\"{n}\" href=\"{}\">{}</a></li>\n",
                esc(&path.link(&state_path(&lang.code, area, ""), site.style)),
                s.t(&format!("area-{n}", n = area_name(area))),
                n = area_name(area),
            ),
        );
    }
    push(
        &mut m,
        format_args!(
            "</ul></nav>\n<p class=\"hint\">{}</p>\n",
            s.t("web-checker-privacy")
        ),
    );
    vec![Page {
        alternates: site.everywhere(&path),
        path,
        title: s.raw("checker-title"),
        nav: Nav::Checker,
        main: m,
    }]
}

/// Every state page of every area, in `lang`.
pub fn areas(site: &Site, lang: &Lang, walks: &Walks) -> Result<Vec<AreaPages>, SiteError> {
    let Some((pack, area_walks)) = walks.by_lang.get(&lang.code) else {
        return Ok(Vec::new());
    };
    let questions: HashMap<String, Localized<AppointmentQuestion>> = site
        .slot
        .questions(&lang.chain())?
        .into_iter()
        .map(|q| (q.id.clone(), q))
        .collect();
    let by_id: HashMap<&str, &CheckerQuestion> =
        pack.questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let ctx = Ctx {
        site,
        lang,
        pack,
        by_id,
        questions,
        walks,
    };
    let mut out = Vec::new();
    for w in area_walks {
        let pages = w.states.iter().map(|state| ctx.page(w, state)).collect();
        out.push(AreaPages {
            name: area_name(w.area).to_string(),
            states: w.states.len(),
            merged: w.merged,
            pages,
        });
    }
    Ok(out)
}

struct Ctx<'a> {
    site: &'a Site<'a>,
    lang: &'a Lang,
    pack: &'a CheckerPack,
    by_id: HashMap<&'a str, &'a CheckerQuestion>,
    questions: HashMap<String, Localized<AppointmentQuestion>>,
    walks: &'a Walks,
}

impl Ctx<'_> {
    fn page(&self, w: &Walk, state: &walk::State) -> Page {
        let (lang, s) = (self.lang, &self.lang.s);
        let area = w.area;
        let path = state_path(&lang.code, area, &state.letters);
        let here = Here {
            page: &path,
            lang: &lang.code,
            style: self.site.style,
        };
        let step = &state.step;
        let ui = lang_attrs(&lang.code);
        let mut m = String::with_capacity(8 * 1024);
        push(&mut m, format_args!("<h1>{}</h1>\n", s.t("checker-title")));
        if self.pack.lang != lang.code {
            push(
                &mut m,
                format_args!(
                    "<p class=\"notice fallback\" role=\"note\">{}</p>\n",
                    s.t_args(
                        "fallback-notice",
                        &[
                            ("requested", &self.site.language_name_raw(&lang.code)),
                            ("shown", &self.site.language_name_raw(&self.pack.lang)),
                        ]
                    )
                ),
            );
        }
        push(
            &mut m,
            format_args!(
                "<p class=\"meta\"><span>{}</span> <span>{}</span></p>\n",
                s.t(&format!("area-{}", area_name(area))),
                s.t_count(
                    "web-checker-answered",
                    "count",
                    state.letters.chars().count()
                ),
            ),
        );
        push(
            &mut m,
            format_args!(
                "<div class=\"checker\"{} data-area=\"{}\" data-state=\"{}\" data-next-question=\"{}\" data-outcome=\"{}\" data-show-card=\"{}\" data-complete=\"{}\" data-answered=\"{}\" data-asked-signs=\"{}\">\n",
                lang_attrs(&self.pack.lang),
                area_name(area),
                esc(&state.letters),
                esc(step.next_question.as_deref().unwrap_or("")),
                tier_name(step.outcome),
                step.show_card,
                step.is_complete(),
                state.letters.chars().count(),
                esc(&step.asked_signs.join(" ")),
            ),
        );
        if step.show_card {
            self.card(&mut m, &here, area, step);
        }
        if let (Some(qid), Some(next)) = (step.next_question.as_deref(), state.next) {
            let q = self.by_id.get(qid);
            let text = q.map(|q| q.text.as_str()).unwrap_or(qid);
            let kind = q.map(|q| q.kind).unwrap_or(CheckerQuestionKind::Criterion);
            push(
                &mut m,
                format_args!(
                    "<section class=\"question\" data-question=\"{}\" data-kind=\"{}\" aria-labelledby=\"h-question\">\n<h2 id=\"h-question\">",
                    esc(qid),
                    kind_name(kind)
                ),
            );
            if kind.tier().is_some() {
                push(
                    &mut m,
                    format_args!(
                        "<span class=\"flag-label\"{ui}>{}</span> ",
                        s.t("checker-red-flag")
                    ),
                );
            }
            push(&mut m, format_args!("{}</h2>\n", esc(text)));
            if let Some(help) = q.and_then(|q| q.help.as_deref()) {
                push(
                    &mut m,
                    format_args!("<p class=\"help-text\">{}</p>\n", esc(help)),
                );
            }
            push(&mut m, format_args!("<ul class=\"answers\"{ui}>\n"));
            for ((answer, _), to) in ANSWERS.iter().zip(next) {
                let target = &w.states[to];
                let id = match answer {
                    scanwise_core::checker::Answer::Yes => "yes",
                    scanwise_core::checker::Answer::No => "no",
                    scanwise_core::checker::Answer::NotSure => "not_sure",
                };
                push(
                    &mut m,
                    format_args!(
                        "<li><a class=\"answer\" data-answer=\"{id}\" href=\"{}\">{}</a></li>\n",
                        esc(&here.link(&state_path(&lang.code, area, &target.letters))),
                        s.t(&format!("answer-{id}")),
                    ),
                );
            }
            m.push_str("</ul>\n</section>\n");
        }
        push(
            &mut m,
            format_args!(
                "</div>\n<p class=\"hint\">{}</p>\n<p><a href=\"{}\">{}</a></p>\n",
                s.t("web-checker-privacy"),
                esc(&here.link(&state_path(&lang.code, area, ""))),
                s.t("web-checker-start"),
            ),
        );
        // The same state in another language when its walk has it (it does when the checkers
        // ask the same questions), else that language's start for the area.
        let alternates = self
            .site
            .langs
            .iter()
            .map(|l| {
                let known = self
                    .walks
                    .names
                    .get(&(l.code.clone(), area))
                    .is_some_and(|n| n.contains(&state.letters));
                let letters = if known { state.letters.as_str() } else { "" };
                (l.code.clone(), state_path(&l.code, area, letters))
            })
            .collect();
        Page {
            path,
            title: s.raw("checker-title"),
            nav: Nav::Checker,
            alternates,
            main: m,
        }
    }

    /// The outcome card, as the app's `Card`: body, the region numbers for the care tiers,
    /// "keep going" while red flags remain, the area's safety net, the signs asked, the
    /// card's questions.
    fn card(&self, m: &mut String, here: &Here<'_>, area: BodyArea, step: &Step) {
        let (lang, s) = (self.lang, &self.lang.s);
        let Some(outcome) = self.pack.outcomes.iter().find(|o| o.kind == step.outcome) else {
            return;
        };
        let ui = lang_attrs(&lang.code);
        let care = matches!(
            outcome.kind,
            OutcomeKind::Emergency | OutcomeKind::Urgent | OutcomeKind::Soon
        );
        let alarm = matches!(outcome.kind, OutcomeKind::Emergency | OutcomeKind::Urgent);
        let complete = step.is_complete();
        push(
            m,
            format_args!(
                "<section class=\"{}\" data-outcome=\"{}\" data-final=\"{complete}\" aria-labelledby=\"h-outcome\">\n<h2 id=\"h-outcome\">{}</h2>\n<div class=\"prose\">{}</div>\n",
                if alarm {
                    "urgent-card outcome"
                } else {
                    "outcome"
                },
                tier_name(outcome.kind),
                esc(&outcome.title),
                rewrite(&outcome.body, here),
            ),
        );
        if care {
            push(
                m,
                format_args!("<div{ui}>{}</div>\n", numbers_table(self.site, lang)),
            );
        }
        if !complete {
            push(
                m,
                format_args!(
                    "<p class=\"keep-going\"{ui} data-testid=\"keep-going\">{}</p>\n",
                    s.t("checker-keep-going")
                ),
            );
        }
        if let Some(net) = outcome.safety_net.iter().find(|n| n.area == area) {
            push(
                m,
                format_args!(
                    "<div class=\"prose safety-net\" data-testid=\"safety-net\">{}</div>\n",
                    rewrite(&net.html, here)
                ),
            );
        }
        if complete && !care {
            push(
                m,
                format_args!(
                    "<details data-testid=\"signs-asked\">\n<summary{ui}>{}</summary>\n<ul>\n",
                    s.t_count("checker-signs-asked", "count", step.asked_signs.len())
                ),
            );
            for id in &step.asked_signs {
                let sign = self
                    .by_id
                    .get(id.as_str())
                    .and_then(|q| q.sign.as_deref())
                    .unwrap_or(id);
                push(m, format_args!("<li>{}</li>\n", esc(sign)));
            }
            m.push_str("</ul>\n</details>\n");
        }
        if complete {
            push(
                m,
                format_args!(
                    "<p{ui}><a href=\"{}\">{}</a></p>\n",
                    esc(&here.link(&lang.home().join("help"))),
                    s.t("checker-help-screen")
                ),
            );
            let qs: Vec<_> = outcome
                .questions
                .iter()
                .filter_map(|id| self.questions.get(id))
                .collect();
            if !qs.is_empty() {
                push(
                    m,
                    format_args!("<h3{ui}>{}</h3>\n<ul>\n", s.t("module-questions")),
                );
                for q in qs {
                    push(
                        m,
                        format_args!(
                            "<li{} data-question=\"{}\">{}</li>\n",
                            lang_attrs(&q.lang),
                            esc(&q.id),
                            esc(&q.text)
                        ),
                    );
                }
                push(
                    m,
                    format_args!(
                        "</ul>\n<p{ui}><a href=\"{}\">{}</a></p>\n",
                        esc(&here.link(&lang.home().join("questions"))),
                        s.t("web-questions-print")
                    ),
                );
            }
        }
        m.push_str("</section>\n");
    }
}

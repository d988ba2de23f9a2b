//! What `scanwise preview` adds to a build: the content's diagnostics on the pages they
//! concern, so an editor sees the page next to what is wrong with it, and a page whose source
//! does not build yet still exists (it shows its diagnostics instead of disappearing). A
//! published site never has any of this ([`crate::SiteOptions::preview`] is `None`).

use crate::html::{esc, push};
use crate::paths::SitePath;

/// Diagnostics to show, and a build number the page script watches to reload after a rebuild.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub problems: Vec<Problem>,
}

/// One diagnostic, placed on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub target: Target,
    /// The language of the file, or `None` for files of every language (`concepts.toml`).
    pub lang: Option<String>,
    pub error: bool,
    /// `SW012`.
    pub code: String,
    /// `content/modules/radiation/en.md:12:5`.
    pub location: String,
    pub message: String,
    /// The source line, when the diagnostic points into one.
    pub line_text: Option<String>,
    pub hint: Option<String>,
}

/// Which page a diagnostic belongs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Module(String),
    Glossary,
    Checker,
    Questions,
    /// Everything else (references, regions): the home page.
    Site,
}

impl Preview {
    /// The problems of the page at `path` (`[lang, "m", id]`, `[lang, "glossary"]`…). A
    /// language's home lists every problem of that language.
    pub fn on_page(&self, path: &SitePath) -> Vec<&Problem> {
        let segments = path.segments();
        let Some(lang) = segments.first() else {
            return Vec::new();
        };
        let rest: Vec<&str> = segments[1..].iter().map(String::as_str).collect();
        self.problems
            .iter()
            .filter(|p| p.lang.as_deref().is_none_or(|l| l == lang))
            .filter(|p| match (&p.target, rest.as_slice()) {
                (_, []) => true,
                (Target::Module(id), ["m", page]) => id == page,
                (Target::Glossary, ["glossary"]) => true,
                (Target::Checker, ["check"]) => true,
                (Target::Questions, ["questions"]) => true,
                _ => false,
            })
            .collect()
    }

    pub fn counts(&self) -> (usize, usize) {
        let errors = self.problems.iter().filter(|p| p.error).count();
        (errors, self.problems.len() - errors)
    }
}

/// The banner every preview page starts with: the counts, and where the whole list is.
pub fn banner(preview: &Preview, home_link: &str) -> String {
    let (errors, warnings) = preview.counts();
    format!(
        "<p class=\"preview-banner\" data-testid=\"preview-banner\" lang=\"en\" dir=\"ltr\">Preview (not published): \
         {errors} error(s), {warnings} warning(s) in the content. <a href=\"{}\">All of them</a></p>\n",
        esc(home_link)
    )
}

/// The one page a preview shows while the content cannot be built at all: why, with every
/// diagnostic (`text`), reloading itself until a save mends it.
pub fn failure_page(text: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">\
         <title>ScanWise preview: content does not build</title></head>\n<body><main><h1>The content does not build</h1>\
         <p>This page reloads by itself when you save.</p><pre data-testid=\"problems\">{}</pre></main></body></html>\n",
        esc(text)
    )
}

/// The list of `problems` for the top of a page.
pub fn problems_box(problems: &[&Problem]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut h = String::from(
        "<section class=\"problems\" data-testid=\"problems\" aria-labelledby=\"h-problems\" lang=\"en\" dir=\"ltr\">\n\
         <h2 id=\"h-problems\">What <code>scanwise check</code> says about this page</h2>\n<ul>\n",
    );
    for p in problems {
        push(
            &mut h,
            format_args!(
                "<li class=\"{}\" data-code=\"{}\"><strong>{} {}</strong> <span class=\"loc\">{}</span><br>{}",
                if p.error { "error" } else { "warning" },
                esc(&p.code),
                if p.error { "error" } else { "warning" },
                esc(&p.code),
                esc(&p.location),
                esc(&p.message),
            ),
        );
        if let Some(line) = &p.line_text {
            push(&mut h, format_args!("<pre>{}</pre>", esc(line)));
        }
        if let Some(hint) = &p.hint {
            push(&mut h, format_args!("<br><em>hint:</em> {}", esc(hint)));
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ul>\n</section>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(target: Target, lang: Option<&str>) -> Problem {
        Problem {
            target,
            lang: lang.map(str::to_string),
            error: true,
            code: "SW012".into(),
            location: "content/modules/radiation/en.md:3:1".into(),
            message: "unknown reference <x>".into(),
            line_text: Some("see [@x]".into()),
            hint: Some("add it to references.toml".into()),
        }
    }

    #[test]
    fn a_problem_shows_on_its_page_and_its_languages_home_only() {
        let p = Preview {
            problems: vec![
                problem(Target::Module("radiation".into()), Some("en")),
                problem(Target::Glossary, None),
            ],
        };
        let on = |segs: &[&str]| p.on_page(&SitePath::of(segs)).len();
        assert_eq!(on(&["en", "m", "radiation"]), 1);
        assert_eq!(on(&["nb", "m", "radiation"]), 0);
        assert_eq!(on(&["en", "m", "other"]), 0);
        assert_eq!(on(&["nb", "glossary"]), 1);
        assert_eq!(on(&["en"]), 2);
        assert_eq!(on(&["nb"]), 1);
        assert_eq!(on(&[]), 0);
    }

    #[test]
    fn the_box_escapes_everything() {
        let p = problem(Target::Site, None);
        let html = problems_box(&[&p]);
        assert!(html.contains("unknown reference &lt;x&gt;"));
        assert!(html.contains("content/modules/radiation/en.md:3:1"));
        assert!(html.contains("<em>hint:</em> add it to references.toml"));
    }

    #[test]
    fn the_failure_page_shows_the_diagnostics_as_text() {
        let html = failure_page("error[E001]: <script>x</script> & more");
        assert!(html.contains("<pre data-testid=\"problems\">error[E001]: &lt;script&gt;x&lt;/script&gt; &amp; more</pre>"));
        assert!(!html.contains("<script>"));
    }
}

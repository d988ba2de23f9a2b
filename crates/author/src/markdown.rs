//! Module bodies: one pulldown-cmark pass that finds sections, citations and links and runs the
//! per-paragraph checks (raw HTML, URLs, uncited numbers, worrying words), and the renderer
//! that turns a body into sanitised HTML sections for a pack.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::diag::{Code, Diagnostic, SourceFile};

/// A link target the content tree must resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Module {
        id: String,
        anchor: Option<String>,
    },
    Glossary(String),
    /// `sign:ID`: names a checker red flag, so the safety module's lists can be checked against
    /// the checker's tiers. Renders as its plain text.
    Sign(String),
}

#[derive(Debug, Clone)]
pub struct SectionInfo {
    pub anchor: String,
    pub heading: String,
    /// File byte range of the heading line.
    pub range: Range<usize>,
}

/// What the analysis of one body found. Ranges are byte offsets into the whole file.
#[derive(Debug, Clone, Default)]
pub struct BodyInfo {
    pub sections: Vec<SectionInfo>,
    /// `[@id]` citations in order of appearance (repeats kept).
    pub citations: Vec<(String, Range<usize>)>,
    pub links: Vec<(LinkTarget, Range<usize>)>,
    /// Prose, one paragraph or list item per line, without headings or citations.
    pub prose: String,
}

fn options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH
}

/// `[@a]` and `[@a; @b]` are not CommonMark links; the broken-link hook turns them into links
/// to `cite:a;b` so they arrive as ordinary link events with a source range.
fn cite_hook<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    let r = link.reference.trim();
    if !r.starts_with('@') {
        return None;
    }
    let ids: Vec<&str> = r
        .split([';', ','])
        .map(|p| p.trim().trim_start_matches('@').trim())
        .collect();
    Some((format!("cite:{}", ids.join(";")).into(), "".into()))
}

pub(crate) fn events(text: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_with_broken_link_callback(text, options(), Some(cite_hook))
        .into_offset_iter()
        .collect()
}

/// Anchors, reference, question and sign ids: lowercase ASCII letters, digits and `-`, not
/// empty. Module and concept ids have the stricter [`scanwise_ids`] grammar (at most 64).
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn parse_link(dest: &str) -> Option<LinkTarget> {
    if let Some(rest) = dest.strip_prefix("module:") {
        let (id, anchor) = match rest.split_once('#') {
            Some((i, a)) => (i, Some(a.to_string())),
            None => (rest, None),
        };
        return Some(LinkTarget::Module {
            id: id.to_string(),
            anchor,
        });
    }
    if let Some(q) = dest.strip_prefix("sign:") {
        return Some(LinkTarget::Sign(q.to_string()));
    }
    dest.strip_prefix("glossary:")
        .map(|c| LinkTarget::Glossary(c.to_string()))
}

/// Worrying words per language (rule SW042) and the cues that count as an explanation.
fn worry_terms(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "wear and tear",
            "degeneration",
            "degenerative",
            "tear",
            "abnormal",
            "damage",
            "lesion",
        ],
        "nb" | "nn" | "no" => &["slitasje", "degenerasjon", "rift", "skade"],
        _ => &[],
    }
}

const CUES: &[&str] = &[
    "means", "normal", "common", "usual", "betyr", "vanlig", "normalt",
];

#[derive(Default)]
struct Block {
    /// (text, file offset) pieces of the paragraph.
    pieces: Vec<(String, usize)>,
    cited: bool,
    glossary_link: bool,
}

struct Analyzer<'a> {
    src: &'a SourceFile,
    lang: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    info: BodyInfo,
    block: Block,
    anchors: HashSet<String>,
    /// Inside `[@id]`: its text is the id, not prose.
    in_cite: bool,
    in_code_block: bool,
    in_html_comment: bool,
    heading: Option<(HeadingLevel, Option<String>, Range<usize>, String)>,
    reported_orphan_text: bool,
}

/// Analyses a module body (`text` starts at byte `base` of `src`), pushing local diagnostics.
pub fn analyze(
    src: &SourceFile,
    base: usize,
    text: &str,
    lang: &str,
    diags: &mut Vec<Diagnostic>,
) -> BodyInfo {
    let mut a = Analyzer {
        src,
        lang,
        diags,
        info: BodyInfo::default(),
        block: Block::default(),
        anchors: HashSet::new(),
        in_cite: false,
        in_code_block: false,
        in_html_comment: false,
        heading: None,
        reported_orphan_text: false,
    };
    for (ev, range) in events(text) {
        let file_range = range.start + base..range.end + base;
        a.event(ev, file_range);
    }
    a.flush();
    if a.info.sections.is_empty() && !a.reported_orphan_text {
        let d = Diagnostic::new(Code::MissingAnchor, "module has no sections")
            .at(src, base..base)
            .with_hint("the body is a list of `## Heading {#anchor}` sections");
        a.diags.push(d);
    }
    a.info
}

impl Analyzer<'_> {
    fn push(
        &mut self,
        code: Code,
        msg: impl Into<String>,
        range: Range<usize>,
        hint: Option<&str>,
    ) {
        let mut d = Diagnostic::new(code, msg).at(self.src, range);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.diags.push(d);
    }

    /// Content before the first `##` section belongs to no anchor, so it could not be
    /// bookmarked or matched across languages.
    fn need_section(&mut self, range: &Range<usize>) {
        if self.info.sections.is_empty() && self.heading.is_none() && !self.reported_orphan_text {
            self.reported_orphan_text = true;
            self.push(
                Code::MissingAnchor,
                "text before the first section",
                range.clone(),
                Some("start the body with a `## Heading {#anchor}` line"),
            );
        }
    }

    fn event(&mut self, ev: Event<'_>, range: Range<usize>) {
        match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.flush();
                if level == HeadingLevel::H1 {
                    self.push(
                        Code::MissingAnchor,
                        "`#` headings are not sections",
                        range.clone(),
                        Some("the title comes from front matter; use `## Heading {#anchor}`"),
                    );
                } else if level != HeadingLevel::H2 {
                    self.need_section(&range);
                }
                self.heading = Some((level, id.map(|s| s.to_string()), range, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((HeadingLevel::H2, id, range, heading)) = self.heading.take() {
                    self.section(id, range, heading);
                }
            }
            Event::Start(Tag::HtmlBlock) => self.flush(),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::BlockQuote(_))
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                self.need_section(&range);
                self.flush();
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.need_section(&range);
                self.flush();
                self.in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, _, h)) = &mut self.heading {
                    h.push_str(&t);
                } else if !self.in_cite && !self.in_code_block {
                    self.need_section(&range);
                    self.block.pieces.push((t.to_string(), range.start));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, _, h)) = &mut self.heading {
                    h.push(' ');
                } else {
                    self.block.pieces.push((" ".into(), range.start));
                }
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => self.link(&dest_url, link_type, range),
            Event::End(TagEnd::Link) => self.in_cite = false,
            Event::Start(Tag::Image { dest_url, .. }) => {
                let remote = dest_url.starts_with("http:")
                    || dest_url.starts_with("https:")
                    || dest_url.starts_with("//");
                let msg = if remote {
                    format!("remote image `{dest_url}`")
                } else {
                    format!("image `{dest_url}`: packs carry no image files")
                };
                self.push(
                    Code::RemoteImage,
                    msg,
                    range,
                    Some("remote images would reveal to a server that the app is open; describe it in words"),
                );
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // An HTML block arrives line by line; a comment may span several of them.
                let visible = blank_comments(&h, &mut self.in_html_comment);
                if !visible.trim().is_empty() {
                    self.need_section(&range);
                    check_html(self.src, &visible, range.start, self.diags);
                }
            }
            _ => {}
        }
    }

    fn section(&mut self, id: Option<String>, range: Range<usize>, heading: String) {
        let heading = heading.trim().to_string();
        let anchor = match id {
            None => {
                self.push(
                    Code::MissingAnchor,
                    format!("section `{heading}` has no anchor"),
                    range.clone(),
                    Some("write `## Heading {#anchor}`; anchors are the same in every language"),
                );
                String::new()
            }
            Some(a) => {
                let r = self.src.find(range.start, &format!("#{a}"));
                // `{#keep moving}` reaches here as the anchor `keep` (the rest becomes a
                // class): the braces must hold exactly one `#anchor`.
                let line = self.src.text.get(range.clone()).unwrap_or("");
                let attrs = line
                    .rfind('{')
                    .and_then(|i| line[i..].find('}').map(|j| (i, &line[i + 1..i + j])));
                if let Some((i, inner)) = attrs
                    && inner.trim() != format!("#{a}")
                {
                    let at = range.start + i..range.start + i + inner.len() + 2;
                    self.push(
                        Code::InvalidId,
                        format!("invalid anchor `{{{inner}}}`"),
                        at,
                        Some(&format!(
                            "an anchor is one word of lowercase letters, digits and `-`, with no spaces: `{{#{}}}`",
                            slug(inner)
                        )),
                    );
                    self.info.sections.push(SectionInfo {
                        anchor: slug(inner),
                        heading,
                        range,
                    });
                    return;
                }
                if !is_valid_id(&a) {
                    self.push(
                        Code::InvalidId,
                        format!("invalid anchor `{a}`"),
                        r,
                        Some("anchors use lowercase letters, digits and `-`"),
                    );
                } else if !self.anchors.insert(a.clone()) {
                    self.push(
                        Code::DuplicateAnchor,
                        format!("duplicate anchor `{a}`"),
                        r,
                        Some("each section needs its own anchor"),
                    );
                }
                a
            }
        };
        self.info.sections.push(SectionInfo {
            anchor,
            heading,
            range,
        });
    }

    fn link(&mut self, dest: &str, link_type: LinkType, range: Range<usize>) {
        if let Some(ids) = dest.strip_prefix("cite:") {
            for id in ids.split(';') {
                self.info.citations.push((id.to_string(), range.clone()));
            }
            self.block.cited = true;
            self.in_cite = true;
            return;
        }
        if let Some(t) = parse_link(dest) {
            let bad_id = match &t {
                LinkTarget::Module { id, anchor } => {
                    scanwise_ids::ModuleId::parse(id).is_err()
                        || anchor.as_deref().is_some_and(|a| !is_valid_id(a))
                }
                LinkTarget::Glossary(c) => scanwise_ids::ConceptId::parse(c).is_err(),
                LinkTarget::Sign(c) => !is_valid_id(c),
            };
            if bad_id {
                self.push(
                    Code::InvalidId,
                    format!("malformed internal link `{dest}`"),
                    range,
                    Some("write module:ID, module:ID#anchor, glossary:CONCEPT or sign:QUESTION"),
                );
                return;
            }
            if matches!(t, LinkTarget::Glossary(_)) {
                self.block.glossary_link = true;
            }
            self.info.links.push((t, range));
            return;
        }
        if dest.starts_with("https://") {
            return;
        }
        let lower = dest.trim().to_ascii_lowercase();
        let msg = if lower.starts_with("javascript:") || lower.starts_with("data:") {
            format!(
                "`{}` URLs are not allowed",
                lower.split(':').next().unwrap_or("")
            )
        } else if link_type == LinkType::Email {
            format!("e-mail link `{dest}` is not allowed")
        } else {
            format!("unsupported link `{dest}`")
        };
        self.push(
            Code::UnsafeUrl,
            msg,
            range,
            Some("links may be https://…, module:ID, module:ID#anchor or glossary:CONCEPT"),
        );
    }

    /// End of a paragraph or list item: run the paragraph-level checks.
    fn flush(&mut self) {
        let block = std::mem::take(&mut self.block);
        let text: String = block.pieces.iter().map(|(t, _)| t.as_str()).collect();
        if text.trim().is_empty() {
            return;
        }
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.info.prose.push_str(&line);
        self.info.prose.push('\n');

        if !block.cited
            && let Some((range, number)) = first_number(&block.pieces)
                .or_else(|| crate::number_rules::first_statistic_word(&block.pieces, self.lang))
        {
            self.push(
                Code::UncitedNumber,
                format!("the number `{number}` has no citation in its paragraph"),
                range,
                Some("add the source, e.g. `[@cuff2020]`, at the end of the sentence that uses it"),
            );
        }

        let lower = text.to_ascii_lowercase();
        let explained =
            block.glossary_link || words(&lower).any(|w| CUES.iter().any(|c| w.starts_with(c)));
        if explained {
            return;
        }
        let mut reported = HashSet::new();
        for (piece, off) in &block.pieces {
            let lp = piece.to_ascii_lowercase();
            for term in worry_terms(self.lang) {
                if reported.contains(term) {
                    continue;
                }
                if let Some(i) = find_term(&lp, term) {
                    // "wear and tear" also contains "tear": report it once.
                    if *term == "wear and tear" {
                        reported.insert(&"tear");
                    }
                    reported.insert(term);
                    self.push(
                        Code::WorryingWord,
                        format!("\"{term}\" with no explanation in the same paragraph"),
                        off + i..off + i + term.len(),
                        Some("say what it means (for example that it is common or normal with age), or link it: [term](glossary:ID)"),
                    );
                }
            }
        }
    }
}

/// `#Keep moving!` → `keep-moving`: what an invalid anchor was probably meant to be.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().trim_start_matches('#').chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A worrying term as a whole word, allowing a short inflection ("tears", "skaden").
fn find_term(lower: &str, term: &str) -> Option<usize> {
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower[from..].find(term) {
        let start = from + i;
        let end = start + term.len();
        let before_ok = start == 0 || !is_word_byte(bytes[start - 1]);
        let tail = bytes[end..]
            .iter()
            .take_while(|b| is_word_byte(**b))
            .count();
        if before_ok && tail <= 3 {
            return Some(start);
        }
        from = end;
    }
    None
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The first run of digits in a paragraph, with its file range.
fn first_number(pieces: &[(String, usize)]) -> Option<(Range<usize>, String)> {
    for (t, off) in pieces {
        let mut prev: Option<char> = None;
        for (i, c) in t.char_indices() {
            // Digits inside a name are not figures: "L4-L5", "NG59", "S1".
            if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_alphabetic() || p.is_ascii_digit())
            {
                let n: String = t[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
                    .collect();
                let n = n.trim_end_matches(['.', ',']).to_string();
                return Some((off + i..off + i + n.len(), n));
            }
            prev = Some(c);
        }
    }
    None
}

/// Checks a Markdown fragment (a checker outcome body) that starts at byte `offset` of `src`:
/// raw HTML, link schemes, images, citations (fragments have no evidence card to number them).
/// Returns its internal links for the cross-file rules.
pub fn check_fragment(
    src: &SourceFile,
    text: &str,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(LinkTarget, Range<usize>)> {
    let mut links = Vec::new();
    let mut in_comment = false;
    for (ev, r) in events(text) {
        let range = r.start + offset..r.end + offset;
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if dest_url.starts_with("cite:") {
                    diags.push(
                        Diagnostic::new(Code::InvalidValue, "citations are not supported here")
                            .at(src, range)
                            .with_hint("list the sources in checker.toml `sources` instead"),
                    );
                } else if let Some(t) = parse_link(&dest_url) {
                    links.push((t, range));
                } else if !dest_url.starts_with("https://") {
                    diags.push(
                        Diagnostic::new(Code::UnsafeUrl, format!("unsupported link `{dest_url}`"))
                            .at(src, range)
                            .with_hint("links may be https://…, module:ID, module:ID#anchor or glossary:CONCEPT"),
                    );
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => diags.push(
                Diagnostic::new(
                    Code::RemoteImage,
                    format!("image `{dest_url}` is not allowed"),
                )
                .at(src, range),
            ),
            Event::Html(h) | Event::InlineHtml(h) => {
                check_html(
                    src,
                    &blank_comments(&h, &mut in_comment),
                    range.start,
                    diags,
                );
            }
            _ => {}
        }
    }
    links
}

/// `html` with the characters inside `<!-- -->` comments replaced by spaces (so byte offsets
/// stay valid); `in_comment` carries an open comment over to the next piece.
fn blank_comments(html: &str, in_comment: &mut bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let marker = if *in_comment { "-->" } else { "<!--" };
        let (seg, found) = match rest.find(marker) {
            Some(i) if *in_comment => (i + marker.len(), true),
            Some(i) => (i, true),
            None => (rest.len(), false),
        };
        if *in_comment {
            out.extend(std::iter::repeat_n(' ', seg));
        } else {
            out.push_str(&rest[..seg]);
        }
        rest = &rest[seg..];
        if found {
            if !*in_comment {
                out.extend(std::iter::repeat_n(' ', marker.len()));
                rest = &rest[marker.len()..];
            }
            *in_comment = !*in_comment;
        }
    }
    out
}

/// Raw HTML: only `<abbr>`, `<sub>`, `<sup>`, `<br>` (and comments) pass.
pub fn check_html(src: &SourceFile, html: &str, offset: usize, diags: &mut Vec<Diagnostic>) {
    const ALLOWED: &[&str] = &["abbr", "sub", "sup", "br"];
    const DANGEROUS: &[&str] = &[
        "script", "iframe", "object", "embed", "style", "frame", "frameset", "link", "meta",
        "base", "form", "svg", "math", "applet",
    ];
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let start = i + lt;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let mut j = start + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let end = html[j..].find('>').map_or(html.len(), |e| j + e + 1);
        let attrs = html[j..end].to_ascii_lowercase();
        let range = offset + start..offset + end;
        i = end.max(start + 1);
        if closing {
            continue;
        }
        let hint = "raw HTML is limited to <abbr>, <sub>, <sup> and <br>; write Markdown instead";
        let (code, msg) = if DANGEROUS.contains(&name.as_str()) {
            (Code::DisallowedHtml, format!("`<{name}>` is not allowed"))
        } else if let Some(attr) = event_handler(&attrs) {
            (
                Code::EventHandler,
                format!("event handler `{attr}=` is not allowed"),
            )
        } else if let Some(scheme) = ["javascript:", "data:", "vbscript:"]
            .into_iter()
            .find(|s| attrs.replace(char::is_whitespace, "").contains(s))
        {
            (Code::UnsafeUrl, format!("`{scheme}` URLs are not allowed"))
        } else if name == "img" {
            (
                Code::RemoteImage,
                "`<img>` is not allowed (remote images leak; packs carry no images)".to_string(),
            )
        } else if !ALLOWED.contains(&name.as_str()) {
            (
                Code::DisallowedHtml,
                format!("raw HTML `<{name}>` is not allowed"),
            )
        } else {
            continue;
        };
        diags.push(Diagnostic::new(code, msg).at(src, range).with_hint(hint));
    }
}

/// `onclick` in ` onclick="..."` (an attribute name starting with `on`).
fn event_handler(attrs: &str) -> Option<String> {
    let b = attrs.as_bytes();
    for (i, _) in attrs.match_indices("on") {
        let at_start =
            i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\'');
        if !at_start {
            continue;
        }
        let name_end = i + attrs[i..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
            .count();
        let rest = attrs[name_end..].trim_start();
        if name_end > i + 2 && rest.starts_with('=') {
            return Some(attrs[i..name_end].to_string());
        }
    }
    None
}

// ---------------------------------------------------------------- rendering

/// A section ready for a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedSection {
    pub anchor: String,
    pub heading: String,
    pub html: String,
    pub text: String,
}

/// The sanitiser every piece of pack HTML goes through (the allow-list lives in
/// `scanwise_core::sanitize`, shared with the device, which re-sanitises on import).
pub use scanwise_core::sanitize::sanitizer;

/// In-app route for an internal link.
fn route(t: &LinkTarget) -> String {
    match t {
        LinkTarget::Module { id, anchor: None } => format!("#/module/{id}"),
        LinkTarget::Module {
            id,
            anchor: Some(a),
        } => format!("#/module/{id}/{a}"),
        LinkTarget::Glossary(c) => format!("#/glossary/{c}"),
        LinkTarget::Sign(_) => String::new(),
    }
}

/// Renders a body into sections. `cite_numbers` maps a reference id to its marker number.
pub fn render_sections(
    text: &str,
    cite_numbers: &BTreeMap<String, usize>,
    clean: &ammonia::Builder<'_>,
) -> Vec<RenderedSection> {
    let mut out: Vec<RenderedSection> = Vec::new();
    let mut current: Option<(String, String, Vec<Event<'_>>, String)> = None;
    let mut in_h2 = false;
    let mut in_cite = false;
    let mut in_sign = false;
    let finish = |cur: Option<(String, String, Vec<Event<'_>>, String)>,
                  out: &mut Vec<RenderedSection>| {
        if let Some((anchor, heading, evs, plain)) = cur {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, evs.into_iter());
            out.push(RenderedSection {
                anchor,
                heading: heading.trim().to_string(),
                html: clean.clean(&html).to_string(),
                text: tidy_plain(&plain),
            });
        }
    };
    for (ev, _) in events(text) {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                finish(current.take(), &mut out);
                current = Some((
                    id.map(|s| s.to_string()).unwrap_or_default(),
                    String::new(),
                    Vec::new(),
                    String::new(),
                ));
                in_h2 = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => in_h2 = false,
            ev => {
                let Some((_, heading, evs, plain)) = current.as_mut() else {
                    continue;
                };
                if in_h2 {
                    if let Event::Text(t) | Event::Code(t) = &ev {
                        heading.push_str(t);
                    }
                    continue;
                }
                match ev {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }) => {
                        if let Some(ids) = dest_url.strip_prefix("cite:") {
                            let marks: String = ids
                                .split(';')
                                .map(|r| {
                                    let n = cite_numbers.get(r).copied().unwrap_or(0);
                                    format!("<a class=\"cite\" href=\"#ref-{r}\">[{n}]</a>")
                                })
                                .collect();
                            evs.push(Event::InlineHtml(marks.into()));
                            in_cite = true;
                        } else if dest_url.starts_with("sign:") {
                            in_sign = true;
                        } else {
                            let dest = parse_link(&dest_url).map_or(dest_url, |t| route(&t).into());
                            evs.push(Event::Start(Tag::Link {
                                link_type,
                                dest_url: dest,
                                title,
                                id,
                            }));
                        }
                    }
                    Event::End(TagEnd::Link) if in_cite => in_cite = false,
                    Event::End(TagEnd::Link) if in_sign => in_sign = false,
                    _ if in_cite => {}
                    Event::Text(t) => {
                        plain.push_str(&t);
                        evs.push(Event::Text(t));
                    }
                    Event::Code(t) => {
                        plain.push_str(&t);
                        evs.push(Event::Code(t));
                    }
                    Event::SoftBreak | Event::HardBreak => {
                        plain.push(' ');
                        evs.push(ev);
                    }
                    Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                        plain.push(' ');
                        evs.push(ev);
                    }
                    other => evs.push(other),
                }
            }
        }
    }
    finish(current.take(), &mut out);
    out
}

/// Collapses whitespace and drops the space a removed citation leaves before punctuation.
fn tidy_plain(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars() {
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// Renders a Markdown fragment (checker outcome bodies) to sanitised HTML. Citations become
/// plain markers without numbers' context, so fragments should not cite.
pub fn render_fragment(text: &str, clean: &ammonia::Builder<'_>) -> String {
    let mut in_sign = false;
    let evs = events(text).into_iter().filter_map(|(ev, _)| match ev {
        Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("sign:") => {
            in_sign = true;
            None
        }
        Event::End(TagEnd::Link) if in_sign => {
            in_sign = false;
            None
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = parse_link(&dest_url).map_or(dest_url, |t| route(&t).into());
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            }))
        }
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, evs);
    clean.clean(&html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str, lang: &str) -> (BodyInfo, Vec<Diagnostic>) {
        let src = SourceFile::new("m.md", body);
        let mut d = Vec::new();
        let info = analyze(&src, 0, body, lang, &mut d);
        (info, d)
    }

    fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
        d.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn finds_sections_citations_and_links() {
        let (info, d) = run(
            "## One {#one}\n\nIt is 2 mSv [@a; @b]. See [x](module:radiation#dose) and [y](glossary:disc-bulge).\n\n## Two {#two}\n\nText.\n",
            "en",
        );
        assert!(d.is_empty(), "{d:?}");
        let anchors: Vec<_> = info.sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, ["one", "two"]);
        let cites: Vec<_> = info.citations.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(cites, ["a", "b"]);
        assert_eq!(
            info.links[0].0,
            LinkTarget::Module {
                id: "radiation".into(),
                anchor: Some("dose".into())
            }
        );
        assert_eq!(info.prose, "It is 2 mSv . See x and y.\nText.\n");
    }

    #[test]
    fn local_rules_fire() {
        let (_, d) = run(
            "Intro.\n\n## A\n\n## B {#b}\n\n## C {#b}\n\n<script>x</script>\n\n<span onclick=\"x()\">a</span> [j](javascript:alert) ![i](https://e.x/a.png) 40 %\n\nThe disc shows degeneration.\n",
            "en",
        );
        assert_eq!(
            codes(&d),
            [
                "SW010", "SW010", "SW011", "SW020", "SW021", "SW022", "SW023", "SW040", "SW042"
            ]
        );
    }

    #[test]
    fn numbers_in_names_are_not_figures() {
        let (_, d) = run(
            "## A {#a}\n\nThe L4-L5 disc and NICE NG59.\n\nIt has 12 parts.\n",
            "en",
        );
        assert_eq!(codes(&d), ["SW040"]);
        assert!(d[0].message.contains("`12`"));
    }

    #[test]
    fn anchors_with_spaces_or_classes_are_errors() {
        let (info, d) = run(
            "## A {#keep moving}\n\nText.\n\n## B {#b .x}\n\nText.\n",
            "en",
        );
        assert_eq!(codes(&d), ["SW009", "SW009"]);
        assert!(
            d[0].message.contains("`{#keep moving}`"),
            "{}",
            d[0].message
        );
        assert!(d[0].hint.as_ref().unwrap().ends_with("`{#keep-moving}`"));
        assert_eq!(info.sections[0].anchor, "keep-moving");
        let (_, d) = run("## A {#keep-moving}\n\nText.\n", "en");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn proportions_in_words_need_a_citation() {
        let (_, d) = run(
            "## A {#a}\n\nNine out of ten people get better.\n\nNi av ti blir bedre [@x].\n\nTwo scans.\n",
            "en",
        );
        assert_eq!(codes(&d), ["SW040"]);
        assert!(d[0].message.contains("`Nine`"), "{}", d[0].message);
        let (_, d) = run("## A {#a}\n\nNi av ti blir bedre.\n", "nb");
        assert_eq!(codes(&d), ["SW040"]);
    }

    #[test]
    fn html_comments_are_ignored() {
        let mut open = false;
        assert_eq!(blank_comments("a<!-- b -->c", &mut open), "a          c");
        assert_eq!(
            blank_comments("x <!-- <script>", &mut open),
            "x              "
        );
        assert!(open);
        assert_eq!(blank_comments("y --> <b>", &mut open), "      <b>");
        assert!(!open);
        let (_, d) = run(
            "<!-- editor note -->\n\n## A {#a}\n\n<!--\n<script>\n-->\n\nText.\n",
            "en",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn worrying_words_need_a_cue() {
        let (_, d) = run(
            "## A {#a}\n\nWear and tear is a normal part of ageing.\n\nA tear.\n\nTeardrops.\n",
            "en",
        );
        assert_eq!(codes(&d), ["SW042"]);
        assert_eq!(d[0].span.as_ref().unwrap().line, 5);
        let (_, d) = run("## A {#a}\n\nRiften i menisken.\n", "nb");
        assert_eq!(codes(&d), ["SW042"]);
    }

    #[test]
    fn renders_routes_citations_and_sanitises() {
        let body = "## Dose {#dose}\n\nA flight [@cuff2020], see [red flags](module:when-a-scan-is-needed#red-flags) and [bulge](glossary:disc-bulge) or [NHS](https://www.nhs.uk) <abbr title=\"x\">MRI</abbr> <span onclick=\"x\">s</span>\n\n### Sub\n\n- one [@b]\n";
        let nums = BTreeMap::from([("cuff2020".to_string(), 1), ("b".to_string(), 2)]);
        let s = render_sections(body, &nums, &sanitizer());
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].anchor, "dose");
        assert_eq!(s[0].heading, "Dose");
        let h = &s[0].html;
        assert!(
            h.contains(
                "<a class=\"cite\" href=\"#ref-cuff2020\" rel=\"noopener noreferrer\">[1]</a>"
            ),
            "{h}"
        );
        assert!(
            h.contains("href=\"#/module/when-a-scan-is-needed/red-flags\""),
            "{h}"
        );
        assert!(h.contains("href=\"#/glossary/disc-bulge\""), "{h}");
        assert!(h.contains("href=\"https://www.nhs.uk\""), "{h}");
        assert!(h.contains("<abbr title=\"x\">MRI</abbr>"), "{h}");
        assert!(!h.contains("onclick") && !h.contains("span"), "{h}");
        assert!(h.contains("[2]</a>"), "{h}");
        assert!(
            !s[0].text.contains("cuff2020") && s[0].text.contains("A flight, see red flags"),
            "{}",
            s[0].text
        );
    }
}

//! Pack section HTML → printable blocks (headings, paragraphs, list items).
//!
//! Pack HTML is already sanitised to a small allow-list (see `scanwise_author::markdown`), so
//! a tag scanner is enough: no HTML engine, no scripts, no images. Inline markup (strong, em,
//! links, abbr) becomes plain text.

/// One printable block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// A list item; `marker` is `•` or `3.`, empty for a continuation paragraph of an item.
    Item {
        marker: String,
        depth: usize,
        text: String,
    },
    Rule,
}

/// Splits sanitised HTML into blocks.
pub fn blocks(html: &str) -> Vec<Block> {
    let mut p = Parser::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        p.text(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            // A stray `<` (sanitised HTML escapes these, but be safe): keep it as text.
            p.text(&rest[lt..]);
            rest = "";
            break;
        };
        p.tag(&rest[lt + 1..lt + gt]);
        rest = &rest[lt + gt + 1..];
    }
    p.text(rest);
    p.flush();
    p.out
}

#[derive(Default)]
struct Parser {
    out: Vec<Block>,
    buf: String,
    heading: bool,
    /// Open lists: `None` for `ul`, `Some(next number)` for `ol`.
    lists: Vec<Option<u32>>,
    /// Marker of the current `li` not yet given to a block.
    pending_marker: Option<String>,
    /// Depth of open `li` elements.
    in_item: usize,
}

impl Parser {
    fn text(&mut self, raw: &str) {
        self.buf.push_str(&decode_entities(raw));
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                self.flush();
                self.heading = true;
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                self.flush();
                self.heading = false;
            }
            ("p" | "blockquote" | "pre", _) => self.flush(),
            ("br", _) => self.flush(),
            ("hr", _) => {
                self.flush();
                self.out.push(Block::Rule);
            }
            ("ul", false) => {
                self.flush();
                self.lists.push(None);
            }
            ("ol", false) => {
                self.flush();
                let start = attr(tag, "start").and_then(|s| s.parse().ok()).unwrap_or(1);
                self.lists.push(Some(start));
            }
            ("ul" | "ol", true) => {
                self.flush();
                self.lists.pop();
            }
            ("li", false) => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => "•".to_string(),
                };
                self.pending_marker = Some(marker);
                self.in_item += 1;
            }
            ("li", true) => {
                self.flush();
                self.in_item = self.in_item.saturating_sub(1);
                self.pending_marker = None;
            }
            // Inline tags (strong, em, a, abbr, code, sub, sup, del) only carry text.
            _ => {}
        }
    }

    fn flush(&mut self) {
        let text = self.buf.split_whitespace().collect::<Vec<_>>().join(" ");
        self.buf.clear();
        if text.is_empty() {
            return;
        }
        let block = if self.heading {
            Block::Heading(text)
        } else if self.in_item > 0 {
            Block::Item {
                marker: self.pending_marker.take().unwrap_or_default(),
                depth: self.lists.len().saturating_sub(1),
                text,
            }
        } else {
            Block::Paragraph(text)
        };
        self.out.push(block);
    }
}

/// The value of `name="…"` in a tag's source.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')?;
    Some(&tag[at..at + end])
}

/// Decodes the entities ammonia and pulldown-cmark write (named basics and numeric).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => entity.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_lists() {
        let html = "<p>Most pain gets <strong>better</strong> &amp; <a href=\"#/glossary/x\">settles</a>.</p>\
                    <h4>Three reasons</h4><ol start=\"2\"><li>Red <em>flags</em></li><li><p>No progress</p><p>after care</p></li></ol>\
                    <ul><li>One<ul><li>Nested</li></ul></li></ul><hr><p>a&#39;b &#x41; &bogus; 1 &lt; 2</p>";
        assert_eq!(
            blocks(html),
            vec![
                Block::Paragraph("Most pain gets better & settles.".into()),
                Block::Heading("Three reasons".into()),
                Block::Item {
                    marker: "2.".into(),
                    depth: 0,
                    text: "Red flags".into()
                },
                Block::Item {
                    marker: "3.".into(),
                    depth: 0,
                    text: "No progress".into()
                },
                Block::Item {
                    marker: "".into(),
                    depth: 0,
                    text: "after care".into()
                },
                Block::Item {
                    marker: "•".into(),
                    depth: 0,
                    text: "One".into()
                },
                Block::Item {
                    marker: "•".into(),
                    depth: 1,
                    text: "Nested".into()
                },
                Block::Rule,
                Block::Paragraph("a'b A &bogus; 1 < 2".into()),
            ]
        );
    }

    #[test]
    fn stray_brackets_do_not_lose_text() {
        assert_eq!(blocks("a < b"), vec![Block::Paragraph("a < b".into())]);
        assert_eq!(blocks(""), vec![]);
    }
}

//! Gettext PO files: the one translation format Weblate, Crowdin and Pontoon all import and
//! export (XLIFF 2.0 is not read by Pontoon, which takes XLIFF 1.2 only).
//!
//! Only what ScanWise writes and platforms give back: a header, then entries with translator
//! comments (`#.`), a reference (`#:`), flags (`#, fuzzy`), the previous source (`#| msgid`),
//! `msgctxt`, `msgid` and `msgstr`, strings possibly split over several lines.

use std::fmt::Write as _;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `#.` lines: where the string appears, and its source hash.
    pub comments: Vec<String>,
    /// `#:` file:line of the English.
    pub reference: Option<String>,
    pub fuzzy: bool,
    /// `#| msgid`: the English the old translation was made from.
    pub previous: Option<String>,
    pub context: String,
    pub source: String,
    pub target: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Header fields (`Language`, `X-Scanwise-...`), in order.
    pub header: Vec<(String, String)>,
    pub entries: Vec<Entry>,
}

impl Catalog {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

/// `keyword "…"`, split after each newline so a platform and a diff show paragraphs.
fn field(out: &mut String, keyword: &str, value: &str) {
    if !value.contains('\n') {
        let _ = writeln!(out, "{keyword} \"{}\"", escape(value));
        return;
    }
    let _ = writeln!(out, "{keyword} \"\"");
    for piece in value.split_inclusive('\n') {
        let _ = writeln!(out, "\"{}\"", escape(piece));
    }
}

pub fn write(c: &Catalog) -> String {
    let mut out = String::new();
    let header: String = c
        .header
        .iter()
        .map(|(k, v)| format!("{k}: {v}\n"))
        .collect();
    out.push_str("msgid \"\"\n");
    field(&mut out, "msgstr", &header);
    for e in &c.entries {
        out.push('\n');
        for line in &e.comments {
            let _ = writeln!(out, "#. {line}");
        }
        if let Some(r) = &e.reference {
            let _ = writeln!(out, "#: {r}");
        }
        if e.fuzzy {
            out.push_str("#, fuzzy\n");
        }
        if let Some(p) = &e.previous {
            let mut prev = String::new();
            field(&mut prev, "msgid", p);
            for l in prev.lines() {
                let _ = writeln!(out, "#| {l}");
            }
        }
        field(&mut out, "msgctxt", &e.context);
        field(&mut out, "msgid", &e.source);
        field(&mut out, "msgstr", &e.target);
    }
    out
}

/// Parses a PO file; `Err` names the line that could not be read.
pub fn parse(text: &str) -> Result<Catalog, String> {
    #[derive(PartialEq)]
    enum Field {
        None,
        Ctx,
        Id,
        Str,
    }
    let mut cat = Catalog::default();
    let mut cur = Entry::default();
    let mut field = Field::None;
    let mut seen_id = false;
    let finish = |cur: &mut Entry, seen_id: &mut bool, cat: &mut Catalog| {
        if *seen_id {
            let e = std::mem::take(cur);
            if e.source.is_empty() && e.context.is_empty() {
                for line in e.target.lines() {
                    if let Some((k, v)) = line.split_once(':') {
                        cat.header
                            .push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
            } else {
                cat.entries.push(e);
            }
        }
        *cur = Entry::default();
        *seen_id = false;
    };
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let quoted = |s: &str| -> Result<String, String> {
            let s = s.trim();
            s.strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .map(unescape)
                .ok_or_else(|| format!("line {}: expected a quoted string: {raw}", n + 1))
        };
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            if field == Field::Str {
                finish(&mut cur, &mut seen_id, &mut cat);
                field = Field::None;
            }
            if let Some(c) = rest.strip_prefix('.') {
                cur.comments.push(c.trim().to_string());
            } else if let Some(r) = rest.strip_prefix(':') {
                cur.reference = Some(r.trim().to_string());
            } else if let Some(f) = rest.strip_prefix(',') {
                cur.fuzzy |= f.split(',').any(|x| x.trim() == "fuzzy");
            } else if let Some(p) = rest.strip_prefix('|') {
                let p = p.trim();
                if let Some(v) = p.strip_prefix("msgid") {
                    cur.previous = Some(quoted(v)?);
                } else if p.starts_with('"') {
                    let prev = cur.previous.get_or_insert_with(String::new);
                    prev.push_str(&quoted(p)?);
                }
            }
            continue;
        }
        if let Some(v) = line.strip_prefix("msgctxt") {
            if field == Field::Str {
                finish(&mut cur, &mut seen_id, &mut cat);
            }
            cur.context = quoted(v)?;
            field = Field::Ctx;
        } else if let Some(v) = line.strip_prefix("msgid") {
            if field == Field::Str {
                finish(&mut cur, &mut seen_id, &mut cat);
            }
            cur.source = quoted(v)?;
            seen_id = true;
            field = Field::Id;
        } else if let Some(v) = line.strip_prefix("msgstr") {
            // `msgstr[0]` (plural forms) is not used by ScanWise; read it as the text.
            let v = v.trim_start_matches(|c: char| c == '[' || c == ']' || c.is_ascii_digit());
            cur.target = quoted(v)?;
            field = Field::Str;
        } else if line.starts_with('"') {
            let s = quoted(line)?;
            match field {
                Field::Ctx => cur.context.push_str(&s),
                Field::Id => cur.source.push_str(&s),
                Field::Str => cur.target.push_str(&s),
                Field::None => return Err(format!("line {}: text outside an entry", n + 1)),
            }
        } else {
            return Err(format!("line {}: not PO: {raw}", n + 1));
        }
    }
    finish(&mut cur, &mut seen_id, &mut cat);
    Ok(cat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reads_rewrapped_files() {
        let c = Catalog {
            header: vec![("Language".into(), "nb".into())],
            entries: vec![Entry {
                comments: vec![
                    "Module “Radiation”, section #dose".into(),
                    "source-hash: ab".into(),
                ],
                reference: Some("content/modules/radiation/en.md:20".into()),
                fuzzy: true,
                previous: Some("Old \"text\"\nline two".into()),
                context: "module:radiation:section:dose:body".into(),
                source: "A \"quote\" and a \\ backslash.\nSecond line.".into(),
                target: "Ei «sitering».\nAndre linje.".into(),
            }],
        };
        let text = write(&c);
        assert_eq!(parse(&text).unwrap(), c);
        // A platform may wrap lines differently and drop comments.
        let other = "msgid \"\"\nmsgstr \"Language: nb\\n\"\n\nmsgctxt \"k\"\nmsgid \"\"\n\"a \"\n\"b\"\nmsgstr \"x\"\n";
        let p = parse(other).unwrap();
        assert_eq!(p.header("language"), Some("nb"));
        assert_eq!(p.entries[0].source, "a b");
        assert!(parse("what is this").is_err());
    }
}

//! Just enough of Rust's lexical structure for the tidy check: tokens without comments, and
//! the `mod`, `fn` and `enum` items of a file with their outer attributes.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Mod,
    Fn,
    Enum,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: String,
    /// `name = "…"` from the variant's attributes (clap's `#[command(name = "…")]`).
    pub explicit_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub name: String,
    /// Outer attributes without `#[` `]`, tokens joined without spaces: `cfg(test)`,
    /// `path="store/tests.rs"`, `derive(Debug,Subcommand)`.
    pub attrs: Vec<String>,
    pub public: bool,
    /// Brace depth of the declaration (0: the file's top level).
    pub depth: usize,
    /// `mod x { … }` rather than `mod x;`.
    pub inline: bool,
    /// The `#[path = "…"]` of an outline module.
    pub path_attr: Option<String>,
    /// Declared inside an inline module that is itself test-gated.
    pub inside_test_gate: bool,
    /// An enum's variants.
    pub variants: Vec<Variant>,
}

impl Item {
    /// Gated by a `cfg` that is off in a normal build: `test`, or an opt-in feature.
    pub fn test_gated(&self) -> bool {
        self.attrs.iter().any(|a| is_test_cfg(a))
    }
}

/// `cfg(test)`, `cfg(all(test, …))`, `cfg(any(test, feature = "…"))`, `cfg(feature = "…")`;
/// not `cfg(not(test))`.
pub fn is_test_cfg(attr: &str) -> bool {
    let Some(cond) = attr.strip_prefix("cfg(") else {
        return false;
    };
    let words: Vec<&str> = cond
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    !words.contains(&"not") && (words.contains(&"test") || words.contains(&"feature"))
}

fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut nest = 1;
            i += 2;
            while i < c.len() && nest > 0 {
                if c[i] == '/' && at(i + 1) == '*' {
                    nest += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    nest -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
        } else if let Some((text, end)) = raw_string(&c, i) {
            out.push(Tok::Str(text));
            i = end;
        } else if ch == '"' || (ch == 'b' && at(i + 1) == '"') {
            let start = if ch == 'b' { i + 2 } else { i + 1 };
            let mut j = start;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            out.push(Tok::Str(c[start..j.min(c.len())].iter().collect()));
            i = j + 1;
        } else if ch == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a: only the quote is skipped).
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// `r"…"`, `r#"…"#`, `br"…"` at `i`: the text and the index after it.
fn raw_string(c: &[char], i: usize) -> Option<(String, usize)> {
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = c[j..].iter().take_while(|&&h| h == '#').count();
    j += hashes;
    if c.get(j) != Some(&'"') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < c.len() {
        if c[k] == '"'
            && c[k + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return Some((c[start..k].iter().collect(), k + 1 + hashes));
        }
        k += 1;
    }
    Some((c[start..].iter().collect(), c.len()))
}

/// Index of the bracket closing the one at `open`.
fn matching(toks: &[Tok], open: usize) -> usize {
    let (o, cl) = match toks[open] {
        Tok::Punct('[') => ('[', ']'),
        Tok::Punct('(') => ('(', ')'),
        _ => ('{', '}'),
    };
    let mut nest = 0;
    for (k, t) in toks.iter().enumerate().skip(open) {
        if *t == Tok::Punct(o) {
            nest += 1;
        } else if *t == Tok::Punct(cl) {
            nest -= 1;
            if nest == 0 {
                return k;
            }
        }
    }
    toks.len().saturating_sub(1)
}

fn render(toks: &[Tok]) -> String {
    toks.iter()
        .map(|t| match t {
            Tok::Ident(s) => s.clone(),
            Tok::Str(s) => format!("\"{s}\""),
            Tok::Punct(p) => p.to_string(),
        })
        .collect()
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// The `mod`, `fn` and `enum` items of a source file, in order.
pub fn items(src: &str) -> Vec<Item> {
    let toks = tokens(src);
    let mut items = Vec::new();
    let mut attrs: Vec<String> = Vec::new();
    let mut public = false;
    // One entry per open brace: whether the code inside is test-gated.
    let mut gates: Vec<bool> = Vec::new();
    let mut next_gate: Option<bool> = None;
    let mut i = 0;
    while i < toks.len() {
        let gated_here = gates.last().copied().unwrap_or(false);
        match &toks[i] {
            Tok::Punct('#') => {
                let inner = toks.get(i + 1) == Some(&Tok::Punct('!'));
                let open = if inner { i + 2 } else { i + 1 };
                if toks.get(open) == Some(&Tok::Punct('[')) {
                    let close = matching(&toks, open);
                    if !inner {
                        attrs.push(render(&toks[open + 1..close]));
                    }
                    i = close + 1;
                    continue;
                }
            }
            Tok::Ident(kw) if kw == "pub" => {
                public = true;
                i += 1;
                if toks.get(i) == Some(&Tok::Punct('(')) {
                    // pub(crate), pub(super): not public outside the crate.
                    public = false;
                    i = matching(&toks, i) + 1;
                }
                continue;
            }
            Tok::Ident(kw) if matches!(kw.as_str(), "async" | "unsafe" | "const" | "extern") => {
                i += 1;
                continue;
            }
            Tok::Ident(kw) if matches!(kw.as_str(), "mod" | "fn" | "enum") => {
                if let Some(name) = ident(toks.get(i + 1)) {
                    let kind = match kw.as_str() {
                        "mod" => ItemKind::Mod,
                        "fn" => ItemKind::Fn,
                        _ => ItemKind::Enum,
                    };
                    let mut item = Item {
                        kind,
                        name: name.to_string(),
                        path_attr: attrs.iter().find_map(|a| {
                            a.strip_prefix("path=\"")
                                .and_then(|p| p.strip_suffix('"'))
                                .map(str::to_string)
                        }),
                        attrs: std::mem::take(&mut attrs),
                        public,
                        depth: gates.len(),
                        inline: false,
                        inside_test_gate: gated_here,
                        variants: Vec::new(),
                    };
                    public = false;
                    if kind == ItemKind::Mod && toks.get(i + 2) == Some(&Tok::Punct('{')) {
                        item.inline = true;
                        next_gate = Some(gated_here || item.test_gated());
                    }
                    if kind == ItemKind::Enum {
                        item.variants = variants(&toks, i + 2);
                    }
                    items.push(item);
                    i += 2;
                    continue;
                }
            }
            Tok::Punct('{') => gates.push(next_gate.take().unwrap_or(gated_here)),
            Tok::Punct('}') => {
                gates.pop();
            }
            _ => {}
        }
        attrs.clear();
        public = false;
        i += 1;
    }
    items
}

/// The variants of the enum whose body starts at or after `from`.
fn variants(toks: &[Tok], from: usize) -> Vec<Variant> {
    let Some(open) = (from..toks.len()).find(|&k| toks[k] == Tok::Punct('{')) else {
        return Vec::new();
    };
    let close = matching(toks, open);
    let mut out = Vec::new();
    let mut attrs = Vec::new();
    let mut k = open + 1;
    while k < close {
        match &toks[k] {
            Tok::Punct('#') if toks.get(k + 1) == Some(&Tok::Punct('[')) => {
                let end = matching(toks, k + 1);
                attrs.push(toks[k + 2..end].to_vec());
                k = end + 1;
            }
            Tok::Ident(name) => {
                let explicit_name = attrs.iter().find_map(|a: &Vec<Tok>| {
                    a.windows(3).find_map(|w| match w {
                        [Tok::Ident(n), Tok::Punct('='), Tok::Str(v)] if n == "name" => {
                            Some(v.clone())
                        }
                        _ => None,
                    })
                });
                out.push(Variant {
                    name: name.clone(),
                    explicit_name,
                });
                attrs.clear();
                // Skip the payload and any discriminant up to the next top-level comma.
                k += 1;
                while k < close && toks[k] != Tok::Punct(',') {
                    k = if matches!(toks[k], Tok::Punct('(' | '{' | '[')) {
                        matching(toks, k) + 1
                    } else {
                        k + 1
                    };
                }
                k += 1;
            }
            _ => k += 1,
        }
    }
    out
}

//! The page script (`assets/site.js`) repeats two small pieces of the app's logic, because a
//! static page has no other way to run them: reading a prescription link
//! (`scanwise_core::prescription::parse`) and folding words for search
//! (`scanwise_core::search::match_key`). This test writes what the Rust functions answer for a
//! fixed corpus (hand-picked hostile links plus thousands of generated ones, and words in every
//! shipped script) to `script-conformance.json`; `script.test.mjs` (run by `cargo xtask test`
//! with Node) runs the page script's functions on the same corpus and requires the same
//! answers. Regenerate with `UPDATE_CONFORMANCE=1 cargo test -p scanwise-site --test script`.

use std::path::Path;

use scanwise_core::prescription::{Notice, parse_with_languages};
use scanwise_core::search::match_key;
use serde_json::{Value, json};

const KNOWN: &[&str] = &[
    "do-i-need-a-scan",
    "radiation",
    "knee-pain-overview",
    "when-a-scan-is-needed",
    "a",
    "x1",
];
const LANGUAGES: &[&str] = &["en", "nb", "ar", "pl"];

fn notice(n: &Notice) -> Value {
    match n {
        Notice::TooLong { .. } => json!({"code": "too_long"}),
        Notice::NotAPrescription => json!({"code": "not_a_prescription"}),
        Notice::InvalidModuleIds { count } => json!({"code": "invalid", "count": count}),
        Notice::UnknownModules { ids } => json!({"code": "unknown", "count": ids.len()}),
        Notice::TooManyModules { given, kept } => {
            json!({"code": "too_many", "given": given, "kept": kept})
        }
        Notice::UnknownLanguage => json!({"code": "unknown_language"}),
        Notice::UnknownTool => json!({"code": "unknown_tool"}),
        Notice::Empty => json!({"code": "empty"}),
    }
}

/// A small deterministic generator (xorshift), so the corpus is the same on every machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn queries() -> Vec<String> {
    let mut q: Vec<String> = [
        "",
        "m=radiation",
        "m=radiation,do-i-need-a-scan&lang=nb&open=checker",
        "m=%3Cscript%3Ealert(1)%3C%2Fscript%3E,radiation",
        "m=javascript:alert(1)&lang=%22%3E%3Cimg%20src=x%3E",
        "m=radiation%2Cdo-i-need-a-scan",
        "m=Radiation,RADIATION,radiation,radiation",
        "m=&lang=&open=",
        "lang=NB-no",
        "lang=nn&open=questions",
        "lang=no_NO",
        "lang=xx",
        "lang=e",
        "lang=engl",
        "open=%20checker%20",
        "open=Checker",
        "m=a&m=x1&m=nope",
        "m=a&lang=pl&lang=ar&open=questions&open=checker",
        "m=%E2%80%AEevil,%F0%9F%98%80",
        "m=%zz,%4,%",
        "m=a+b,a%20b",
        "m=-a,a-,0,00",
        "=radiation&&&m",
        "M=radiation",
        "m=radiation#m=a",
        "m=a?m=x1&lang=nb?x",
        "lang=%EF%BB%BFnb",
        "lang=%E2%80%83nb%E2%80%83",
        "lang=%E2%84%AAa",
        "open=%C2%A0checker",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Too many modules, too long, and the edge of both.
    let many: Vec<String> = (0..25).map(|i| format!("x{i}")).collect();
    q.push(format!("m={}", many.join(",")));
    q.push(format!("m=a,{}", "b".repeat(64)));
    q.push(format!("m=a,{}", "b".repeat(63)));
    q.push(format!("m={}", "a,".repeat(1100)));
    q.push(format!("m=a&pad={}", "p".repeat(2000)));
    let parts = [
        "m=a",
        "m=x1",
        "m=radiation,a",
        "m=nope",
        "m=%3Cb%3E",
        "m=a,,x1",
        "m=UPPER",
        "lang=ar",
        "lang=pl-PL",
        "lang=zz",
        "lang=%6E%62",
        "open=checker",
        "open=questions",
        "open=nope",
        "x=1",
        "m=%2e%2e%2fetc",
        "&",
        "m=a%2Cb",
        "lang=",
        "open=",
    ];
    let mut rng = Rng(0x5ca9_5e11_d00d_f00d);
    for _ in 0..3000 {
        let n = 1 + rng.next() % 5;
        let picked: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
        q.push(picked.join("&"));
    }
    q
}

const WORDS: &[&str] = &[
    "Ødem",
    "KNÆET",
    "naïve",
    "Straße",
    "ŁĄKOTKA",
    "łąkotki",
    "Đurđa",
    "þing",
    "ıi",
    "Bandscheibe",
    "Œdème",
    "سَلام",
    "الغضروف",
    "ـــتطويلـــ",
    "Ｆｕｌｌ",
    "ﬁbrous",
    "İstanbul",
    "é",
    "e\u{301}",
    "mm3",
    "L4–L5",
];

fn corpus() -> Value {
    let links: Vec<Value> = queries()
        .into_iter()
        .map(|q| {
            let url = format!("https://clinic.example/nb/open/?{q}");
            let parsed = parse_with_languages(&url, KNOWN, LANGUAGES);
            let p = &parsed.prescription;
            json!({
                "url": url,
                "modules": p.modules,
                "lang": p.lang,
                "open": p.open.map(|t| t.as_str()),
                "notices": parsed.notices.iter().map(notice).collect::<Vec<_>>(),
            })
        })
        .collect();
    let words: Vec<Value> = WORDS
        .iter()
        .map(|w| json!({"word": w, "key": match_key(w)}))
        .collect();
    json!({"known": KNOWN, "languages": LANGUAGES, "links": links, "words": words})
}

#[test]
fn the_conformance_corpus_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/script-conformance.json");
    let want = serde_json::to_string_pretty(&corpus()).unwrap() + "\n";
    if std::env::var_os("UPDATE_CONFORMANCE").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run UPDATE_CONFORMANCE=1 cargo test -p scanwise-site --test script",
        path.display()
    );
}

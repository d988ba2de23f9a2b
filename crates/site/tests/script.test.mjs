// The page script's copies of the app's link reading and search folding give the Rust
// answers for the corpus `script.rs` writes (see there). Run by `cargo xtask test` with Node.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const here = new URL(".", import.meta.url);
const corpus = JSON.parse(readFileSync(new URL("script-conformance.json", here), "utf8"));
const context = vm.createContext({ TextEncoder, TextDecoder, URL, URLSearchParams, Intl });
vm.runInContext(readFileSync(new URL("../assets/site.js", here), "utf8"), context);
const site = context.ScanWiseSite;
const limits = { max_url_bytes: 2048, max_modules: 20 };

test("the page script reads every link of the corpus as the app does", () => {
  assert.ok(corpus.links.length > 3000);
  for (const c of corpus.links) {
    const got = JSON.parse(JSON.stringify(site.parsePrescription(c.url, corpus.known, corpus.languages, limits)));
    // A link rejected whole keeps nothing; the app's answer then has no lang or tool either.
    assert.deepEqual(
      { modules: got.modules, lang: got.lang ?? null, open: got.open ?? null, notices: got.notices },
      { modules: c.modules, lang: c.lang, open: c.open, notices: c.notices },
      c.url,
    );
  }
});

test("the page script folds every word of the corpus as the app's search does", () => {
  for (const w of corpus.words) assert.equal(site.matchKey(w.word), w.key, w.word);
});

test("the prescription chooser takes the link's language, else the browser's, else the default", () => {
  // As `open/` writes it: languages in code order, English the default.
  const data = { languages: ["ar", "en", "nb", "pl"], default: "en" };
  assert.equal(site.rootLanguage("?m=radiation&lang=no", ["pl-PL"], data), "nb");
  assert.equal(site.rootLanguage("?m=radiation&lang=xx", ["fr-FR", "pl-PL"], data), "pl");
  assert.equal(site.rootLanguage("?m=radiation", ["ar"], data), "ar");
  assert.equal(site.rootLanguage("?m=radiation", ["fr-FR", "de"], data), "en");
  assert.equal(site.rootLanguage("", [], data), "en");
});

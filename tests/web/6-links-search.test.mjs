import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CLI, SITE_DIR, SITE_URL, WAIT, assert, b, end, foreign, requests, session, start, stop } from "./lib.mjs";

// Prescription links and search, in the browser, with the page script running:
// - a clinic's link lands on the chosen modules, in the link's language, with the app link;
// - a hostile link shows its notices, shows only what the site itself has, and runs nothing;
// - a poster made with --base-url holds a link that opens its modules on a phone-sized screen
//   (the print tests decode the printed QR code to this exact link);
// - search folds letters and accents as the app does, in every language.

const REPO = join(import.meta.dirname, "../..");

/** What the landing page shows once its script has run. */
async function landing(b) {
  await b.waitUntil(() => b.execute(() => {
    const v = document.getElementById("open-view");
    return v !== null && !v.hidden;
  }), { timeout: WAIT, timeoutMsg: "the landing page never showed the link's pages" });
  return b.execute(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    path: location.pathname,
    modules: [...document.querySelectorAll("#open-modules [data-module]")].map((e) => e.getAttribute("data-module")),
    notices: [...document.querySelectorAll("[data-notice]")].map((e) => e.getAttribute("data-notice")),
    tool: document.querySelector("[data-tool]")?.getAttribute("href") ?? null,
    app: document.getElementById("open-in-app")?.getAttribute("href") ?? null,
    scripts: [...document.scripts].map((s) => s.src || `inline:${s.type}`),
    images: document.querySelectorAll("main img, main iframe, main object").length,
    pwned: window.__pwned === true,
  }));
}

describe("prescription links land on content", () => {
  before(start({ network: true }));
  after(stop);

  test("a clinic's link opens the chosen modules in its language, with the tool and the app link", async () => {
    await requests(b);
    await b.url(`${SITE_URL}open?m=knee-pain-overview,what-helps-instead&lang=pl&open=checker`);
    const got = await landing(b);
    assert.equal(got.lang, "pl");
    assert.ok(got.path.endsWith("/pl/open/"), got.path);
    assert.deepEqual(got.modules, ["knee-pain-overview", "what-helps-instead"]);
    assert.deepEqual(got.notices, []);
    assert.ok(got.tool?.endsWith("/pl/check/"), got.tool);
    assert.equal(got.app, "scanwise://open?m=knee-pain-overview,what-helps-instead&lang=pl&open=checker");
    assert.deepEqual(foreign(await requests(b)), []);
    // The language switch keeps the chosen pages.
    await (await b.$(".langs a[hreflang='ar']")).click();
    const ar = await landing(b);
    assert.equal(ar.lang, "ar");
    assert.equal(ar.dir, "rtl");
    assert.deepEqual(ar.modules, ["knee-pain-overview", "what-helps-instead"]);
  });

  test("a link without a language opens in the browser's (en-GB here)", async () => {
    await b.url(`${SITE_URL}open?m=radiation`);
    const got = await landing(b);
    assert.equal(got.lang, "en");
    assert.deepEqual(got.modules, ["radiation"]);
  });

  test("a hostile link shows its notices and runs nothing", async () => {
    const hostile = [
      "m=%3Cscript%3Ewindow.__pwned%3Dtrue%3C%2Fscript%3E,radiation,no-such-module,%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3Dtrue%3E",
      "lang=%22%3E%3Csvg%20onload%3Dwindow.__pwned%3Dtrue%3E",
      "open=javascript:window.__pwned=true",
    ].join("&");
    await requests(b);
    await b.url(`${SITE_URL}open?${hostile}`);
    const got = await landing(b);
    assert.deepEqual(got.modules, ["radiation"]);
    assert.deepEqual([...got.notices].sort(), ["invalid", "unknown", "unknown_language", "unknown_tool"]);
    assert.equal(got.pwned, false, "something from the link ran");
    assert.equal(got.images, 0, "markup from the link reached the page");
    assert.ok(got.scripts.every((s) => s.endsWith("/site.js") || s === "inline:application/json"), got.scripts.join(", "));
    assert.equal(got.app, "scanwise://open?m=radiation");
    assert.deepEqual(foreign(await requests(b)), []);
  });

  test("a link over 2 KB opens nothing and says so", async () => {
    await b.url(`${SITE_URL}open?m=radiation,${"a".repeat(2100)}`);
    const got = await landing(b);
    assert.deepEqual(got.modules, []);
    assert.deepEqual(got.notices, ["too_long"]);
  });

  test("a poster's QR link opens its modules on a phone-sized screen, no app installed", async () => {
    const out = join(SITE_DIR, "..", "poster.pdf");
    const printed = execFileSync(CLI, [
      "poster", "--modules", "do-i-need-a-scan,when-a-scan-is-needed", "--lang", "nb", "--clinic", "Test",
      "--base-url", "clinic.example/scanwise", "--out", out, "--content", join(REPO, "content"),
    ], { encoding: "utf8" });
    const link = printed.match(/https:\/\/\S+/)?.[0];
    assert.ok(link?.startsWith("https://clinic.example/scanwise/open?"), printed);
    // The test site is served over http on loopback instead of the clinic's https host.
    const local = link.replace("https://clinic.example/scanwise/", SITE_URL);
    const phone = await session({ phone: true });
    try {
      await phone.url(local);
      const got = await landing(phone);
      assert.equal(got.lang, "nb");
      assert.deepEqual(got.modules, ["do-i-need-a-scan", "when-a-scan-is-needed"]);
      const wide = await phone.execute(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(wide, "the landing page scrolls sideways on a phone");
    } finally {
      await end(phone);
    }
  });
});

describe("search", () => {
  before(start());
  after(stop);

  async function search(lang, q) {
    await b.url(`${SITE_URL}${lang}/search/?q=${encodeURIComponent(q)}`);
    await b.waitUntil(() => b.execute(() => document.getElementById("search-status").textContent !== ""), { timeout: WAIT, timeoutMsg: `no search status for ${q}` });
    return b.execute(() => [...document.querySelectorAll("#search-results a")].map((a) => a.getAttribute("href")));
  }

  test("letters and accents do not count, as in the app", async () => {
    const folded = await search("nb", "odem");
    assert.ok(folded.length > 0, "nothing for odem");
    assert.deepEqual(await search("nb", "ØDEM"), folded);
    assert.ok(folded.some((h) => h.includes("glossary/#g-")), folded.join(", "));
  });

  test("every language finds its own report words by their terms", async () => {
    for (const lang of ["en", "nb", "ar", "pl"]) {
      const index = JSON.parse(readFileSync(join(SITE_DIR, lang, "search", "index.json"), "utf8"));
      const word = index.find((e) => e.k === "c" && e.l === lang);
      assert.ok(word, `${lang}: no report word in its own language`);
      const hits = await search(lang, word.t);
      assert.ok(hits.includes(word.u), `${lang}: searching "${word.t}" did not find ${word.u}: ${hits.join(", ")}`);
    }
  });

  test("nothing found says so, with the words typed as text", async () => {
    await search("en", "<b>zzqx</b>");
    const status = await b.execute(() => document.getElementById("search-status").textContent);
    assert.ok(status.includes("<b>zzqx</b>"), status);
    assert.equal(await b.execute(() => document.querySelectorAll("main b").length), 0);
  });
});

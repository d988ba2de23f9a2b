import { after, before, describe, test } from "node:test";
import { mkdirSync } from "node:fs";
import { $, $$, REPORT, SHOTS, WAIT, assert, axe, b, click, go, h1, html, noHorizontalScroll, setLanguage, setTheme, settle, start, stop, text, waitH1 } from "./lib.mjs";

// The same data directory as 1-first-use, in a newly started app.
describe("after a restart", () => {
  before(start);
  after(stop);

  test("a bookmark and progress survive an app restart", async () => {
    await waitH1("Your back, knee or shoulder");
    assert.ok((await $$('#h-saved')).length === 1, "saved list shown after restart");
    assert.match(await text('[data-module="do-i-need-a-scan"] .progress-text'), /^1 of/);
    await go("#/module/do-i-need-a-scan");
    await b.waitUntil(async () => (await (await $('[data-testid="bookmark"]')).getAttribute("aria-pressed")) === "true", { timeout: WAIT });
    assert.match(await text('[data-testid="progress"]'), /^1 of/);
  });

  test("the checker: a red flag answered yes gives the urgent card with the region's numbers", async () => {
    await go("#/checker");
    await click('[data-area="back"]');
    const q = await $("fieldset.question");
    await q.waitForExist({ timeout: WAIT });
    assert.match(await q.getAttribute("data-kind"), /^red_flag/, "red flags come first");
    await click('fieldset.question [data-answer="yes"]');
    const card = await $(".urgent-card.outcome");
    await card.waitForExist({ timeout: WAIT });
    assert.match(await card.getAttribute("data-outcome"), /^(emergency|urgent)$/);
    assert.match(await card.getText(), /999/);
    assert.deepEqual(await axe(), []);
  });

  test("the decoder highlights terms and shows an absent finding as not found", async () => {
    await go("#/decoder");
    await (await $('[data-testid="report-text"]')).setValue(REPORT);
    await click('[data-testid="decode"]');
    await (await $('[data-testid="marked"]')).waitForExist({ timeout: WAIT });
    const marks = await b.execute(() => [...document.querySelectorAll('[data-testid="marked"] .finding')].map((e) => [e.dataset.concept, e.dataset.status, e.textContent]));
    const status = Object.fromEntries(marks.map(([c, s]) => [c, s]));
    assert.equal(status["disc-bulge"], "present", JSON.stringify(marks));
    assert.equal(status["spinal-stenosis"], "absent", JSON.stringify(marks));
    assert.ok((await $$('.findings.absent [data-concept="spinal-stenosis"]')).length === 1, "listed under Not found");
    assert.ok((await $$('.findings:not(.absent) [data-concept="spinal-stenosis"]')).length === 0, "never listed as a finding");
    // Age is asked only here; the chart then shows figures for that age.
    await (await $('[data-testid="age"]')).setValue("45");
    await (await $('[data-testid="chart"]')).waitForExist({ timeout: WAIT });
    assert.match(await text('[data-testid="chart"]'), /About \d+ in 100 people aged 40 to 49/);
    assert.deepEqual(await axe(), []);
  });

  test("search finds modules with highlighted snippets", async () => {
    await go("#/search");
    await (await $('[data-testid="search-input"]')).setValue("radiation");
    await (await $('[data-testid="hits"]')).waitForExist({ timeout: WAIT });
    assert.ok((await $$('[data-testid="hits"] li')).length >= 1);
    assert.ok((await $$('[data-testid="hits"] mark')).length >= 1, "snippets mark the match");
    assert.deepEqual(await axe(), []);
  });

  test("my questions: side by side in two languages, printable", async () => {
    await go("#/questions");
    await (await $('[data-testid="own-question"]')).waitForExist({ timeout: WAIT });
    await (await $('[data-testid="own-question"]')).setValue("Can I keep working?");
    await click("form.own button");
    await b.waitUntil(async () => (await $$('[data-testid="question-table"]')).length === 1, { timeout: WAIT });
    assert.match(await text('[data-testid="question-table"]'), /Can I keep working\?/);
    // A suggested question shows in English and, beside it, in Norwegian.
    await click(".suggestions button[data-question]");
    await (await $('[data-testid="second-lang"]')).selectByAttribute("value", "nb");
    await b.waitUntil(async () => (await $$('[data-testid="question-table"] thead th')).length === 3, { timeout: WAIT });
    const row = await b.execute(() => [...document.querySelectorAll('[data-testid="question-table"] tbody tr')].map((tr) => [...tr.querySelectorAll("td")].map((td) => [td.textContent, td.getAttribute("lang")])).find((r) => r[1][1] === "nb"));
    assert.ok(row && row[0][0] !== row[1][0], `no row shown in two languages: ${JSON.stringify(row)}`);
    // The print stylesheet hides everything but the list.
    const printRules = await b.execute(() => {
      const out = [];
      for (const sheet of document.styleSheets) for (const r of sheet.cssRules) if (r.media && r.media.mediaText.includes("print")) for (const inner of r.cssRules) out.push(inner.cssText);
      return out.join("\n");
    });
    assert.match(printRules, /\.top[^{]*\{[^}]*display: none/);
    assert.match(printRules, /\.no-print[^{]*\{[^}]*display: none/);
    // A print dialog would block the window under Xvfb: count the call instead.
    await b.execute(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await click('[data-testid="print"]');
    assert.equal(await b.execute(() => window.__printed), 1);
    assert.deepEqual(await axe(), []);
  });

  test("text at 200 % reflows without horizontal scrolling, on a phone-sized window too", async () => {
    await go("#/settings");
    await click('[data-size="200"]');
    await b.waitUntil(async () => (await b.execute(() => getComputedStyle(document.documentElement).fontSize)) === "32px", { timeout: WAIT });
    for (const size of [{ width: 1024, height: 768 }, { width: 360, height: 740 }]) {
      await b.setWindowSize(size.width, size.height);
      await b.waitUntil(async () => (await b.execute(() => window.innerWidth)) <= size.width, { timeout: WAIT, timeoutMsg: `window never narrowed to ${size.width}px` });
      for (const hash of ["#/", "#/module/do-i-need-a-scan", "#/checker", "#/decoder", "#/questions", "#/settings", "#/help"]) {
        await go(hash);
        await settle();
        assert.ok(await noHorizontalScroll(), `horizontal scroll at 200 % on ${hash} (${size.width}px)`);
      }
    }
    await b.setWindowSize(1024, 768);
    await go("#/settings");
    await click('[data-size="100"]');
  });

  test("Norwegian, and Arabic right-to-left", async () => {
    await setLanguage("nb");
    await go("#/");
    await waitH1("Rygg, kne eller skulder");
    assert.equal(await html("dir"), "ltr");
    await setLanguage("ar");
    assert.equal(await html("dir"), "rtl");
    await go("#/");
    await settle();
    assert.equal(await b.execute(() => getComputedStyle(document.querySelector("header")).direction), "rtl");
    // A module not translated into Arabic says so, and is laid out in its own language.
    await go("#/module/radiation");
    await (await $("article.module")).waitForExist({ timeout: WAIT });
    const lang = await (await $("article.module")).getAttribute("lang");
    if (lang !== "ar") {
      assert.ok((await $$('[data-testid="fallback-notice"]')).length === 1, "fallback notice shown");
      assert.equal(await (await $("article.module")).getAttribute("dir"), "ltr");
    }
    // An English report pasted into the Arabic UI is still read (with the English glossary).
    await go("#/decoder");
    await (await $('[data-testid="report-text"]')).setValue(REPORT);
    await click('[data-testid="decode"]');
    await b.waitUntil(async () => (await $$('[data-testid="marked"] [data-concept="disc-bulge"]')).length === 1, { timeout: WAIT });
    await setLanguage("en");
  });

  test("axe: no serious or critical violations on any screen, in every language, light, dark and high contrast", async () => {
    await go("#/settings");
    await (await $('[data-testid="language"]')).waitForExist({ timeout: WAIT });
    const languages = await b.execute(() => [...document.querySelectorAll('[data-testid="language"] option')].map((o) => o.value));
    assert.ok(languages.length >= 4, `only ${languages.join(", ")} shipped`);
    const screens = [
      ["#/", null],
      ["#/module/do-i-need-a-scan", "article.module"],
      ["#/module/when-a-scan-is-needed", "article.module"],
      ["#/glossary/disc-bulge", "article.concept"],
      ["#/checker", null],
      ["#/decoder", null],
      ["#/questions", null],
      ["#/search?q=scan", null],
      ["#/settings", null],
      ["#/help", null],
    ];
    // axe really runs here: a nameless button must be caught as a critical violation.
    await go("#/");
    await b.execute(() => { const x = document.createElement("button"); x.id = "axe-probe"; document.querySelector("main").append(x); });
    assert.ok((await axe()).some((v) => v.id === "button-name"), "axe did not catch a nameless button");
    await b.execute(() => document.getElementById("axe-probe").remove());
    const failures = [];
    for (const lang of languages) {
      await setLanguage(lang);
      for (const theme of ["light", "dark", "high_contrast"]) {
        await setTheme(theme);
        for (const [hash, wait] of screens) {
          await go(hash);
          if (wait) await (await $(wait)).waitForExist({ timeout: WAIT });
          if (hash === "#/checker") {
            await click('[data-area="knee"]');
            await (await $("fieldset.question")).waitForExist({ timeout: WAIT });
          }
          if (hash === "#/decoder") {
            await (await $('[data-testid="report-text"]')).setValue(REPORT);
            await click('[data-testid="decode"]');
            await (await $('[data-testid="marked"]')).waitForExist({ timeout: WAIT });
          }
          await settle();
          for (const v of await axe()) failures.push(`${lang}/${theme} ${hash}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(", ")}`);
        }
      }
    }
    await setTheme("system");
    await setLanguage("en");
    assert.deepEqual(failures, []);
  });

  test("screenshots of every screen (only when SCANWISE_SHOTS is set)", { skip: !SHOTS }, async () => {
    mkdirSync(SHOTS, { recursive: true });
    const screens = [
      ["home", "#/"],
      ["module", "#/module/do-i-need-a-scan"],
      ["glossary", "#/glossary/disc-bulge"],
      ["checker", "#/checker"],
      ["decoder", "#/decoder"],
      ["questions", "#/questions"],
      ["search", "#/search?q=scan"],
      ["settings", "#/settings"],
      ["help", "#/help"],
    ];
    for (const lang of ["en", "nb", "ar"]) {
      await setLanguage(lang);
      for (const [w, h, name] of [[360, 740, "phone"], [1280, 800, "desktop"]]) {
        await b.setWindowSize(w, h);
        for (const [screen, hash] of screens) {
          await go(hash);
          await $("main h1").then((e) => e.waitForExist({ timeout: WAIT }));
          if (screen === "checker") {
            // "Not sure" on the first question: the card shows at once and the walk goes on.
            await click('[data-area="back"]');
            await (await $("fieldset.question")).waitForExist({ timeout: WAIT });
            await click('fieldset.question [data-answer="not_sure"]');
            await (await $('.outcome[data-final="false"]')).waitForExist({ timeout: WAIT });
          }
          if (screen === "decoder") {
            await (await $('[data-testid="report-text"]')).setValue(REPORT);
            await click('[data-testid="decode"]');
            await (await $('[data-testid="marked"]')).waitForExist({ timeout: WAIT });
          }
          // The decoder's results are the point of its screenshot; the rest start at the top.
          await b.execute((s) => (s === "decoder" ? document.querySelector('[data-testid="marked"]').scrollIntoView() : window.scrollTo(0, 0)), screen);
          await settle();
          await b.saveScreenshot(`${SHOTS}/${screen}-${lang}-${name}.png`);
        }
      }
    }
    await b.setWindowSize(1024, 768);
    await setLanguage("en");
  });
});

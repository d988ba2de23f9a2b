import { after, before, describe, test } from "node:test";
import { mkdirSync } from "node:fs";
import { $, $$, REPORT, SHOTS, WAIT, assert, axe, b, click, go, h1, html, noHorizontalScroll, setLanguage, setTheme, settle, start, stop, text, waitH1 } from "./lib.mjs";

// First use, in a fresh data directory. The next file starts the app again on the same data.
describe("first use", () => {
  before(start);
  after(stop);

  test("first run: the notice, languages by their own names, choosing a language", async () => {
    await waitH1("Welcome to ScanWise");
    assert.match(await (await $('[data-testid="not-diagnosis"]')).getText(), /not a diagnosis/i);
    const names = await b.execute(() => [...document.querySelectorAll("[data-lang]")].map((e) => [e.dataset.lang, e.textContent, e.getAttribute("lang")]));
    const byCode = Object.fromEntries(names.map(([c, n]) => [c, n]));
    assert.equal(byCode.en, "English");
    assert.equal(byCode.nb, "Norsk bokmål");
    assert.equal(byCode.ar, "العربية");
    assert.equal(byCode.pl, "Polski");
    // The OS locale (en_GB) picked the region.
    assert.equal(await (await $('[data-testid="first-run-region"]')).getValue(), "GB");
    await click('[data-lang="nb"]');
    await waitH1("Velkommen");
    assert.equal(await html("lang"), "nb");
    await click('[data-lang="ar"]');
    await b.waitUntil(async () => (await html("dir")) === "rtl", { timeout: WAIT });
    await click('[data-lang="en"]');
    await waitH1("Welcome to ScanWise");
    assert.equal(await html("dir"), "ltr");
    assert.deepEqual(await axe(), []);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      for (const lang of ["en", "nb", "ar"]) {
        await click(`[data-lang="${lang}"]`);
        await b.waitUntil(async () => (await html("lang")) === lang, { timeout: WAIT });
        for (const [w, h, name] of [[360, 740, "phone"], [1280, 800, "desktop"]]) {
          await b.setWindowSize(w, h);
          await settle();
          await b.saveScreenshot(`${SHOTS}/first-run-${lang}-${name}.png`);
        }
      }
      await b.setWindowSize(1024, 768);
      await click('[data-lang="en"]');
      await waitH1("Welcome to ScanWise");
    }
    // Help is one step away even before the first run is done.
    await click('[data-testid="help-now"]');
    await waitH1("Get help now");
    await go("#/");
    await waitH1("Welcome to ScanWise");
    await click('[data-testid="first-run-continue"]');
    await waitH1("Your back, knee or shoulder");
  });

  test("the strict CSP is in force: injected inline scripts do not run", async () => {
    const ran = await b.execute(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true;";
      document.body.append(s);
      s.remove();
      return window.__inlineRan === true;
    });
    assert.equal(ran, false);
  });

  test("home lists modules by body area and by topic, with Get help now one step away", async () => {
    const cards = await $$("[data-module]");
    assert.ok(cards.length >= 10, `only ${cards.length} module cards`);
    await click('a[href="#/area/knee"]');
    await waitH1("Knee");
    assert.ok((await $$('[data-module="knee-pain-overview"]')).length === 1);
    await click('[data-testid="help-now"]');
    await waitH1("Get help now");
    assert.match(await (await $('[data-testid="numbers"]')).getText(), /999/);
  });

  test("reading a module: sections, key points, myth or fact, evidence card, bookmark, progress", async () => {
    await go("#/module/do-i-need-a-scan");
    await b.waitUntil(async () => (await $$(".section")).length >= 2, { timeout: WAIT });
    const sections = await $$(".section");
    assert.ok((await $$(".key-points li")).length >= 3);
    assert.match(await (await $('[data-testid="review-state"]')).getText(), /not yet reviewed by a clinician/i);
    assert.ok((await $$(".references li")).length >= 1, "evidence card lists references");
    await click(".myth [data-guess='myth']");
    await (await $(".myth .reveal")).waitForExist({ timeout: WAIT });
    await click(`.section .read-toggle`);
    await b.waitUntil(async () => (await text('[data-testid="progress"]')).startsWith("1 of"), { timeout: WAIT });
    assert.match(await text('[data-testid="progress"]'), new RegExp(`1 of ${sections.length}`));
    await click('[data-testid="bookmark"]');
    await b.waitUntil(async () => (await (await $('[data-testid="bookmark"]')).getAttribute("aria-pressed")) === "true", { timeout: WAIT });
    await click(".module-questions button[data-question]");
    assert.deepEqual(await axe(), []);
  });

});

import { after, before, describe, test } from "node:test";
import { $, $$, WAIT, assert, axe, b, click, html, start, stop, text } from "./lib.mjs";

// Started the way Linux delivers a scanwise:// link: as the app's only argument.
const LINK = "scanwise://open?m=radiation,do-i-need-a-scan&lang=nb&open=questions";

describe("a prescription link", () => {
  before(() => start([LINK]));
  after(stop);

  test("opens exactly its modules, in its order and language, with the tool it names", async () => {
    await b.waitUntil(async () => (await b.execute(() => location.hash)).startsWith("#/open/"), { timeout: WAIT, timeoutMsg: "prescription view never opened" });
    await (await $('[data-testid="prescription"] [data-module]')).waitForExist({ timeout: WAIT });
    assert.equal(await html("lang"), "nb");
    assert.match(await (await $("main h1")).getText(), /Sider fra klinikken din/);
    const ids = await b.execute(() => [...document.querySelectorAll('[data-testid="prescription"] [data-module]')].map((e) => e.dataset.module));
    assert.deepEqual(ids, ["radiation", "do-i-need-a-scan"]);
    assert.match(await (await $('[data-testid="link-tool"]')).getAttribute("href"), /#\/questions$/);
    assert.equal((await $$('[data-testid="link-notices"]')).length, 0, "a clean link has no notices");
    assert.deepEqual(await axe(), []);
  });

  test("share these modules: a QR code made on the device and the web address as text", async () => {
    await click('[data-testid="share"]');
    const img = await $('[data-testid="share-qr"] img');
    await img.waitForExist({ timeout: WAIT });
    assert.match(await img.getAttribute("src"), /^data:image\/svg\+xml;base64,/);
    const loaded = await b.execute(() => { const i = document.querySelector('[data-testid="share-qr"] img'); return i.complete && i.naturalWidth > 0; });
    assert.ok(loaded, "the QR image renders under the CSP");
    assert.equal(await text('[data-testid="share-url"]'), "https://scanwise.example/open?m=radiation,do-i-need-a-scan&lang=nb&open=questions");
    assert.deepEqual(await axe(), []);
  });

  test("a module from the set opens in the link's language and has its own share button", async () => {
    await click('[data-testid="prescription"] [data-module="radiation"] a');
    await (await $("article.module")).waitForExist({ timeout: WAIT });
    assert.equal(await (await $("article.module")).getAttribute("lang"), "nb");
    await click('[data-testid="share"]');
    await (await $('[data-testid="share-url"]')).waitForExist({ timeout: WAIT });
    assert.match(await text('[data-testid="share-url"]'), /m=radiation&lang=nb$/);
    // The print stylesheet keeps the evidence card and hides the share and read buttons.
    const printRules = await b.execute(() => {
      const out = [];
      for (const sheet of document.styleSheets) for (const r of sheet.cssRules) if (r.media && r.media.mediaText.includes("print")) for (const inner of r.cssRules) out.push(inner.cssText);
      return out.join("\n");
    });
    assert.match(printRules, /\.share[^{]*\{[^}]*display: none/);
    assert.match(printRules, /\.module \.evidence[^{]*\{[^}]*display: block/);
    assert.deepEqual(await axe(), []);
  });
});

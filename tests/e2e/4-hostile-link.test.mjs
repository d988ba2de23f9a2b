import { after, before, describe, test } from "node:test";
import { $, $$, WAIT, assert, axe, b, html, start, stop, text, waitH1 } from "./lib.mjs";

// Unknown modules, script in the parameters, a language we do not ship, a bogus tool.
const ids = ["<script>window.__pwned=1</script>", "\"><img src=x onerror=window.__pwned=1>", ...Array.from({ length: 30 }, (_, i) => `no-such-module-${i}`)];
const LINK = `scanwise://open?m=${ids.map(encodeURIComponent).join(",")}&lang=%3Cscript%3E&open=javascript:alert(1)`;

describe("a malformed, hostile link", () => {
  before(() => start([LINK]));
  after(stop);

  test("opens the home screen with a notice, in the saved language, and runs nothing", async () => {
    await waitH1("Your back, knee or shoulder");
    await (await $('[data-testid="link-notices"]')).waitForExist({ timeout: WAIT });
    const codes = await b.execute(() => [...document.querySelectorAll("[data-notice]")].map((e) => e.dataset.notice));
    assert.ok(codes.length >= 2, `notices: ${codes}`);
    assert.ok(codes.includes("invalid_module_ids") || codes.includes("unknown_modules") || codes.includes("too_many_modules"), `notices: ${codes}`);
    // The saved language (en, chosen in 1-first-use) is kept; the link in 3- did not change it.
    assert.equal(await html("lang"), "en");
    assert.equal(await b.execute(() => window.__pwned === undefined && document.querySelectorAll("main img[src='x']").length === 0), true);
    assert.doesNotMatch(await text('[data-testid="link-notices"]'), /script|onerror|no-such-module/);
    assert.ok((await $$("[data-module]")).length >= 10, "the normal home list is there");
    assert.deepEqual(await axe(), []);
  });
});

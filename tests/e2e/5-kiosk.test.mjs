import { after, before, describe, test } from "node:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { $, $$, WAIT, assert, axe, b, click, go, html, start, stop, text, waitH1 } from "./lib.mjs";

// A kiosk configured by kiosk.toml in the data directory (xtask passes it to this runner).
const DATA = process.env.SCANWISE_DATA_DIR;
const CONFIG = DATA && join(DATA, "kiosk.toml");
const IDLE = 3;

/** Input for the idle timer, so a slow axe run is not cut short by the 3 s reset. */
async function awake() {
  await b.execute(() => window.dispatchEvent(new Event("pointermove")));
}

/** A main-thread command called straight through Tauri's IPC (the shell's `call_main`), as a tampered UI would. */
async function invokeRaw(cmd, args = {}) {
  return b.executeAsync((c, a, done) => {
    window.__TAURI_INTERNALS__.invoke("call_main", { command: c, args: a }).then((v) => done({ ok: v }), (e) => done({ err: e }));
  }, cmd, args);
}

describe("kiosk mode", () => {
  before(async () => {
    assert.ok(DATA, "SCANWISE_DATA_DIR is not set for the test runner");
    writeFileSync(CONFIG, `idle_seconds = ${IDLE}\npin = "2468"\nlanguages = ["en", "nb", "ar"]\n`);
    await start();
  });
  after(async () => {
    await stop();
    rmSync(CONFIG, { force: true });
  });

  test("start screen: a large language picker, no settings, and settings refused by the shell", async () => {
    await (await $(".kiosk-languages")).waitForExist({ timeout: WAIT });
    const langs = await b.execute(() => [...document.querySelectorAll("[data-kiosk-lang]")].map((e) => e.dataset.kioskLang));
    assert.deepEqual(langs, ["en", "nb", "ar"]);
    assert.equal((await $$('a[href="#/settings"]')).length, 0, "no settings link");
    const boot = await invokeRaw("bootstrap");
    const refused = await invokeRaw("save_settings", { settings: { ...boot.ok.settings, theme: "dark" } });
    assert.equal(refused.err?.code, "refused", JSON.stringify(refused));
    await click('[data-kiosk-lang="nb"]');
    await b.waitUntil(async () => (await html("lang")) === "nb", { timeout: WAIT });
    await click('[data-kiosk-lang="en"]');
    await b.waitUntil(async () => (await html("lang")) === "en", { timeout: WAIT });
    await awake();
    assert.deepEqual(await axe(), []);
  });

  test("after the idle time it returns to the start screen and nothing from the visit remains", async () => {
    // A visit: a bookmark, a read section, an own question, a pasted report, in Arabic.
    await click('[data-kiosk-lang="ar"]');
    await b.waitUntil(async () => (await html("dir")) === "rtl", { timeout: WAIT });
    await go("#/module/radiation");
    await (await $('[data-testid="bookmark"]')).waitForExist({ timeout: WAIT });
    await click('[data-testid="bookmark"]');
    await b.waitUntil(async () => (await (await $('[data-testid="bookmark"]')).getAttribute("aria-pressed")) === "true", { timeout: WAIT });
    // "Take this home" for the module being read.
    await click('[data-testid="kiosk-bar"] [data-testid="share"]');
    await (await $('[data-testid="kiosk-bar"] [data-testid="share-url"]')).waitForExist({ timeout: WAIT });
    assert.match(await text('[data-testid="kiosk-bar"] [data-testid="share-url"]'), /m=radiation&lang=ar$/);
    await awake();
    assert.deepEqual(await axe(), []);
    await go("#/questions");
    await (await $('[data-testid="own-question"]')).waitForExist({ timeout: WAIT });
    await (await $('[data-testid="own-question"]')).setValue("Can I keep working?");
    await click("form.own button");
    await b.waitUntil(async () => (await $$('[data-testid="question-table"]')).length === 1, { timeout: WAIT });
    await go("#/decoder");
    await (await $('[data-testid="report-text"]')).setValue("Mild disc bulge at L4/5.");
    const before = (await invokeRaw("my_questions")).ok;
    assert.equal(before.items.length, 1);

    // Hands off: the kiosk wipes the visit and reloads to the start screen.
    await b.pause((IDLE + 1) * 1000);
    await (await $(".kiosk-languages")).waitForExist({ timeout: WAIT });
    assert.equal(await b.execute(() => location.hash), "#/");
    assert.equal(await html("lang"), "en", "the visit language is gone");
    assert.equal((await $$("#h-saved")).length, 0, "no saved modules on the start screen");
    // And in user.db, read back through the shell's own commands.
    const after = (await invokeRaw("my_questions")).ok;
    assert.equal(after.items.length, 0, JSON.stringify(after.items));
    const cards = (await invokeRaw("home", { area: null })).ok;
    assert.ok(cards.length >= 10);
    assert.deepEqual(cards.filter((c) => c.bookmarked || c.sections_read > 0).map((c) => c.id), []);
    await go("#/decoder");
    await (await $('[data-testid="report-text"]')).waitForExist({ timeout: WAIT });
    assert.equal(await (await $('[data-testid="report-text"]')).getValue(), "", "pasted text is gone");
  });

  test("leaving kiosk mode needs the clinic PIN", async () => {
    await go("#/");
    await click('[data-testid="kiosk-exit"]');
    await (await $('[data-testid="kiosk-pin"]')).setValue("1111");
    await click('[data-testid="kiosk-pin-submit"]');
    await (await $('[data-testid="kiosk-pin-error"]')).waitForExist({ timeout: WAIT });
    assert.equal((await invokeRaw("kiosk_status")).ok.active, true, "still a kiosk after a wrong PIN");
    assert.equal((await invokeRaw("kiosk_exit", { pin: "" })).err?.code, "invalid");
    await awake();
    assert.deepEqual(await axe(), []);
    await (await $('[data-testid="kiosk-pin"]')).setValue("2468");
    await click('[data-testid="kiosk-pin-submit"]');
    // The ordinary app again (on the kiosk's own, wiped data: its first-run screen).
    await waitH1("Welcome to ScanWise");
    assert.equal((await $$('[data-testid="kiosk-bar"]')).length, 0);
    assert.equal((await invokeRaw("kiosk_status")).ok.active, false);
  });
});

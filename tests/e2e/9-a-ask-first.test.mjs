import { after, before, describe, test } from "node:test";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { $, WAIT, assert, axe, b, click, go, start, stop, text, waitH1 } from "./lib.mjs";
import { KEYS, SEED_EPOCH, serve } from "./channel.mjs";

// Issue 15, a fresh install against a real signed channel on loopback:
// - no request leaves the device until the first run is finished, and the first-run screen
//   shows the updates switch with one sentence on what is sent;
// - a pack signed with a valid editor key but hand-made (a <script>, an onerror handler, a
//   javascript: link; never through `scanwise build`) is synced, and nothing in it runs.
// The data directory is shared with the earlier files: it is emptied first (a new install).
const URL_ = process.env.SCANWISE_CHANNEL_URL;
const DATA = process.env.SCANWISE_DATA_DIR;
const REPO = resolve("../..");
const MODULE = "do-i-need-a-scan";
const HAND_MADE = "Do I need a scan? (hand-made)";

function cargo(args, env = {}) {
  execFileSync("cargo", args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

describe("ask before the first request; a synced pack cannot run script", () => {
  let work, channel, srv;
  before(async () => {
    assert.ok(URL_ && DATA, "SCANWISE_CHANNEL_URL / SCANWISE_DATA_DIR not set for the test runner");
    // A new install: nothing from the earlier files (first run done, kiosk.toml, slots).
    for (const f of readdirSync(DATA)) rmSync(join(DATA, f), { recursive: true, force: true });
    work = mkdtempSync(join(tmpdir(), "scanwise-ask-first-"));
    channel = join(work, "channel");
    // The seed exactly as the app embeds it ...
    cargo(["run", "-q", "-p", "scanwise-cli", "--", "build", "--channel", channel, "--root", "keys/dev/1.root.json", ...KEYS], { SOURCE_DATE_EPOCH: SEED_EPOCH });
    // ... then a hand-made pack signed by the dev editor key, never sanitised by a build.
    const packs = join(work, "packs");
    cargo(["run", "-q", "-p", "scanwise-cli", "--", "build", "--out", packs]);
    const pack = JSON.parse(readFileSync(join(packs, "packs", `${MODULE}.en.json`), "utf8").toString());
    pack.title = HAND_MADE;
    pack.sections[0].html =
      `<p>Hand-made<script>window.__packScriptRan = true; document.title = "pwned";</script></p>` +
      `<p><img src="x" onerror="window.__packScriptRan = true"><a href="javascript:window.__packScriptRan = true">a link</a>` +
      `<span onmouseover="window.__packScriptRan = true">hover</span></p>` + pack.sections[0].html;
    const raw = join(work, "hand-made.json");
    writeFileSync(raw, JSON.stringify(pack));
    cargo(["run", "-q", "-p", "scanwise-device", "--example", "sign_raw_pack", "--", channel, "stable", raw, "keys/dev/release.json", "keys/dev/editor.json"]);
    srv = await serve(channel, Number(new URL(URL_).port));
    await start();
  });
  after(async () => {
    await stop();
    srv?.server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("no request arrives before first run ends", async () => {
    await waitH1("Welcome to ScanWise");
    // The switch and one plain sentence on what is sent, before anything is.
    await (await $('[data-testid="first-run-updates"]')).waitForExist({ timeout: WAIT });
    assert.equal(await (await $('[data-testid="first-run-updates"]')).isSelected(), true);
    assert.match(await text("#first-run-updates-what"), /only downloads signed pages.*sends nothing about you/);
    assert.deepEqual(await axe(), []);
    // Well past the start check (3 s after start): still nothing.
    await new Promise((r) => setTimeout(r, 6000));
    assert.deepEqual(srv.requests, [], "a request left the device during the first run");
    await click('[data-testid="first-run-continue"]');
    await waitH1("Your back, knee or shoulder");
    // Now, and only now, the app checks: GETs of channel paths only.
    await b.waitUntil(async () => srv.requests.length > 0, { timeout: 30_000, timeoutMsg: "no check after the first run" });
    for (const r of srv.requests) {
      assert.equal(r.method, "GET", JSON.stringify(r));
      assert.match(r.url, /^\/(channels\/stable\/|blobs\/)[^?]*$/, JSON.stringify(r));
    }
  });

  test("a script inside a synced pack does not run", async () => {
    await go("#/settings");
    const item = await $(`[data-testid="updates-ready"] [data-module="${MODULE}"]`);
    await item.waitForExist({ timeout: 60_000, timeoutMsg: `the hand-made pack never arrived; requests: ${JSON.stringify(srv.requests)}` });
    await go("#/");
    await waitH1("Your back, knee or shoulder");
    await b.waitUntil(async () => (await text(`[data-module="${MODULE}"]`)).includes(HAND_MADE), { timeout: WAIT, timeoutMsg: "new content not shown" });
    await go(`#/module/${MODULE}`);
    await waitH1(HAND_MADE);
    // The allow-list keeps no ids: find the section by its text. Hover and click what is left
    // of the hostile markup, then look for any effect.
    const prose = await $("//div[contains(@class, 'prose')][contains(., 'Hand-made')]");
    await prose.waitForExist({ timeout: WAIT });
    await prose.moveTo().catch(() => {});
    const link = await $("//div[contains(@class, 'prose')]//a[contains(., 'a link')]");
    if (await link.isExisting()) await link.click().catch(() => {});
    const result = await b.execute(() => ({
      ran: window.__packScriptRan === true,
      title: document.title,
      html: [...document.querySelectorAll(".prose")].map((e) => e.innerHTML).find((h) => h.includes("Hand-made")) ?? "",
    }));
    assert.equal(result.ran, false, "script from the pack ran");
    assert.notEqual(result.title, "pwned");
    for (const bad of ["<script", "onerror", "onmouseover", "javascript:", "<img"]) {
      assert.ok(!result.html.includes(bad), `${bad} reached the page: ${result.html.slice(0, 300)}`);
    }
    assert.match(result.html, /Hand-made/);
  });
});

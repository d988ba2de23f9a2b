import { after, before, describe, test } from "node:test";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { $, WAIT, assert, axe, b, click, go, start, stop, text, waitH1 } from "./lib.mjs";
import { KEYS, SEED_EPOCH, serve } from "./channel.mjs";

// Content updates against a real signed channel on loopback: the app's own seed (reproduced
// byte for byte with SOURCE_DATE_EPOCH and the dev keys), then a release where one module's
// title changed. xtask gives the app SCANWISE_CHANNEL_URL; this file serves that port.
// Runs after 6-updates-off (same data directory), so the app starts with updates off.
const URL_ = process.env.SCANWISE_CHANNEL_URL;
const REPO = resolve("../..");
const MODULE = "do-i-need-a-scan";
const OLD_TITLE = "Do I need a scan?";
const NEW_TITLE = "Do I need a scan? (updated)";

function scanwise(args, env = {}) {
  execFileSync("cargo", ["run", "-q", "-p", "scanwise-cli", "--", ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

describe("content updates", () => {
  let work, channel, srv;
  before(() => {
    assert.ok(URL_, "SCANWISE_CHANNEL_URL is not set for the test runner");
    work = mkdtempSync(join(tmpdir(), "scanwise-updates-"));
    channel = join(work, "channel");
    // The seed exactly as the app embeds it, then one changed module on top.
    scanwise(["build", "--channel", channel, "--root", "keys/dev/1.root.json", ...KEYS], { SOURCE_DATE_EPOCH: SEED_EPOCH });
    const content = join(work, "content");
    cpSync(join(REPO, "content"), content, { recursive: true });
    const md = join(content, "modules", MODULE, "en.md");
    writeFileSync(md, readFileSync(md, "utf8").replace(`title = "${OLD_TITLE}"`, `title = "${NEW_TITLE}"`));
    scanwise(["build", "--content", content, "--channel", channel, ...KEYS]);
    assert.ok(readdirSync(join(channel, "blobs")).length > 0);
  });
  after(async () => {
    await stop();
    srv?.server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("with updates off, no request reaches the channel server", async () => {
    // Only now is anything listening; the app (updates turned off by 6-updates-off) must not call.
    srv = await serve(channel, Number(new URL(URL_).port));
    await start();
    await go("#/settings");
    await (await $('[data-testid="updates"]')).waitForExist({ timeout: WAIT });
    // Past the start check, which waits 3 s (START_DELAY in crates/app/src/updates.rs).
    await new Promise((r) => setTimeout(r, 5000));
    assert.equal(await (await $('[data-testid="updates"]')).isSelected(), false);
    assert.deepEqual(srv.requests, [], "updates off made a request");
    assert.deepEqual(await axe(), []);
  });

  test("turned on: what changed lists the module; the new text shows after going home", async () => {
    await click('[data-testid="updates"]');
    const item = await $(`[data-testid="updates-ready"] [data-module="${MODULE}"]`);
    await item.waitForExist({ timeout: 60_000, timeoutMsg: `no "what changed"; requests: ${JSON.stringify(srv.requests)}` });
    assert.match(await text(`[data-testid="updates-ready"] [data-module="${MODULE}"]`), new RegExp(`Updated: ${NEW_TITLE.replace(/[?()]/g, "\\$&")}`));
    assert.match(await text('[data-testid="updates-verified"]'), /last verified/i);
    // Only GETs of channel paths, no query strings.
    assert.ok(srv.requests.length > 0);
    for (const r of srv.requests) {
      assert.equal(r.method, "GET", JSON.stringify(r));
      assert.match(r.url, /^\/(channels\/stable\/|blobs\/)[^?]*$/, JSON.stringify(r));
    }
    assert.deepEqual(await axe(), []);
    await go("#/");
    await waitH1("Your back, knee or shoulder");
    await b.waitUntil(async () => (await text(`[data-module="${MODULE}"]`)).includes(NEW_TITLE), {
      timeout: WAIT,
      timeoutMsg: "the home screen never showed the new title",
    });
  });
});

import { after, before, describe, test } from "node:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { $, $$, WAIT, assert, axe, go, start, stop, text, waitH1 } from "./lib.mjs";

// Issue 15: a garbage sync-state.db (after 9-a installed a synced release in the same data
// directory) must leave the app showing its last good content with a notice, never empty.
const DATA = process.env.SCANWISE_DATA_DIR;

describe("a corrupt sync-state.db", () => {
  before(async () => {
    const state = join(DATA, "sync-state.db");
    assert.ok(existsSync(state), "9-a should have left a sync-state.db");
    writeFileSync(state, "this is not a SQLite database, it was damaged on disk");
    await start();
  });
  after(stop);

  test("corrupt sync-state shows content and a notice", async () => {
    await waitH1("Your back, knee or shoulder");
    const notice = await $('[data-testid="updates-damaged"]');
    await notice.waitForExist({ timeout: WAIT });
    assert.match(await notice.getText(), /damaged/);
    // Content, not an empty app: the module cards, and the last good (synced) release.
    const cards = await $$("[data-module]");
    assert.ok(cards.length >= 4, `only ${cards.length} modules shown`);
    assert.match(await text('[data-module="do-i-need-a-scan"]'), /hand-made/);
    // The safety module opens.
    await go("#/module/when-a-scan-is-needed");
    await (await $("main h1")).waitForExist({ timeout: WAIT });
    assert.ok((await text("main h1")).length > 0);
    await go("#/settings");
    await (await $('[data-testid="updates-damaged"]')).waitForExist({ timeout: WAIT });
    assert.deepEqual(await axe(), []);
  });
});

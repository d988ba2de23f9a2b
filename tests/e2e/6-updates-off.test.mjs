import { after, before, describe, test } from "node:test";
import { $, WAIT, assert, b, click, go, start, stop } from "./lib.mjs";

// Turns content updates off in the shared data directory; 7-updates then restarts the app
// with a channel server listening and checks that no request arrives until they are on again.
// (One app session per file: WebKitWebDriver ends with its session.)
describe("content updates, turned off", () => {
  before(start);
  after(stop);

  test("the switch turns off and stays off", async () => {
    await go("#/settings");
    const box = await $('[data-testid="updates"]');
    await box.waitForExist({ timeout: WAIT });
    if (await box.isSelected()) await click('[data-testid="updates"]');
    await b.waitUntil(async () => !(await (await $('[data-testid="updates"]')).isSelected()), { timeout: WAIT });
    // Saved: the screen shown again reads it back.
    await go("#/");
    await go("#/settings");
    await (await $('[data-testid="updates"]')).waitForExist({ timeout: WAIT });
    assert.equal(await (await $('[data-testid="updates"]')).isSelected(), false);
  });
});

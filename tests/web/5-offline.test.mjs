import { after, before, describe, test } from "node:test";
import { WAIT, assert, end, freePort, session, startSiteServer } from "./lib.mjs";

// Offline: once the service worker (sw.js) controls the site, a page the reader opened is shown
// again with the server gone. The test runs a site server of its own (SITE_SERVER on a free
// port), so stopping it leaves the other tests' server alone.

describe("offline", () => {
  let b;
  let server;
  before(async () => {
    server = await startSiteServer(await freePort());
    b = await session();
  });
  after(async () => {
    await end(b);
    await server?.stop();
  });

  test("a module page opened once is shown again with the server stopped", async () => {
    const home = `${server.url}en/`;
    const module = `${server.url}en/m/radiation/`;
    await b.url(home);
    // The worker installs and activates (bounded by the script timeout); a page loaded before
    // it existed is taken over by a reload if the worker does not claim it.
    assert.equal(await b.executeAsync((done) => (navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => done(true), () => done(false)) : done(false))), true, "no service worker became ready on en/");
    if (!(await b.execute(() => navigator.serviceWorker.controller !== null))) await b.refresh();
    await b.waitUntil(() => b.execute(() => navigator.serviceWorker.controller !== null), { timeout: WAIT, timeoutMsg: "no service worker took control of en/" });
    const homeH1 = await (await b.$("main h1")).getText();
    await b.url(module);
    const h1 = await (await b.$("main h1")).getText();
    assert.notEqual(h1, "");
    await server.stop();
    await b.url(module);
    assert.equal(await (await b.$("main h1")).getText(), h1, "the module page is not shown offline");
    // Another page opened before, and its way there, work offline too.
    await b.url(home);
    assert.equal(await (await b.$("main h1")).getText(), homeH1, "the home page is not shown offline");
  });

  test("after 'keep all pages in this language', a page never opened is shown offline", async () => {
    // The same origin as before, so the same worker.
    server = await startSiteServer(Number(new URL(server.url).port));
    const home = `${server.url}nb/`;
    await b.url(home);
    await b.waitUntil(() => b.execute(() => navigator.serviceWorker.controller !== null), { timeout: WAIT, timeoutMsg: "no service worker controls nb/" });
    const button = await b.$("#save-offline");
    await button.waitForDisplayed({ timeout: WAIT, timeoutMsg: "the save button is not shown where a worker can store pages" });
    await button.click();
    const saved = await button.getAttribute("data-saved");
    await b.waitUntil(async () => (await (await b.$("#save-offline-status")).getText()) === saved, { timeout: 120_000, timeoutMsg: "saving the language did not finish" });
    await server.stop();
    // A checker state and a module nobody opened in this session.
    await b.url(`${server.url}nb/check/back/n/`);
    assert.ok(await b.execute(() => document.querySelector(".checker[data-area='back']") !== null), "a checker page of the saved language is not shown offline");
    await b.url(`${server.url}nb/m/what-helps-instead/`);
    assert.equal(await b.execute(() => document.documentElement.lang), "nb");
    assert.notEqual(await (await b.$("main h1")).getText(), "");
  });
});

// One startup measurement for `cargo xtask bench`: launch the app through tauri-driver and time
// from session request (process start) until the first content is in the DOM and painted.
// Usage: node bench.mjs APP SELECTOR [onboard|five]  — prints a JSON line.
// With `five` it then opens five modules and reports the resident memory of the app's
// process tree (the app and its WebKit web process).
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { remote } from "webdriverio";

const [app, selector, modules] = process.argv.slice(2);
const port = Number(process.env.WEBDRIVER_PORT);
const t0 = performance.now();
const b = await remote({
  hostname: "127.0.0.1", port, logLevel: "error",
  capabilities: { "wdio:enforceWebDriverClassic": true, "tauri:options": { application: app } },
});
await b.waitUntil(
  () => b.executeAsync((sel, done) => {
    if (!document.querySelector(sel)) return done(false);
    requestAnimationFrame(() => done(true)); // the frame that shows it
  }, selector),
  { timeout: 60_000, interval: 5 },
);
const out = { ms: Math.round(performance.now() - t0) };
if (modules === "onboard") {
  // Warm-up run on a fresh data dir: finish the first-run screen so later runs open on content.
  await (await b.$('[data-testid="first-run-continue"]')).click();
  await (await b.$("[data-module]")).waitForExist({ timeout: 15_000 });
}

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}
function tree(root) {
  const kids = {};
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))[1]);
      (kids[ppid] ??= []).push(Number(p));
    } catch {}
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(kids[all[i]] ?? []));
  return all;
}

if (modules === "five") {
  const ids = await b.execute(() => [...document.querySelectorAll("[data-module]")].map((e) => e.dataset.module).slice(0, 5));
  for (const id of ids) {
    await b.execute((h) => { location.hash = h; }, `#/module/${id}`);
    await b.waitUntil(() => b.execute((id) => document.querySelector(`article[data-module="${id}"]`) !== null, id), { timeout: 15_000 });
  }
  const appPid = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number).find((p) => {
    try { return readlinkSync(`/proc/${p}/exe`) === app; } catch { return false; }
  });
  out.modules = ids.length;
  out.app_rss_kb = rssKb(appPid);
  out.tree_rss_kb = tree(appPid).reduce((s, p) => { try { return s + rssKb(p); } catch { return s; } }, 0);
}
await b.deleteSession().catch(() => {});
console.log(JSON.stringify(out));

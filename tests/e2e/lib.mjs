// Helpers for the real-window suite: WebdriverIO -> tauri-driver -> WebKitWebDriver -> the
// ScanWise app (a non-dev build with its own identifier) under Xvfb. `cargo xtask test` starts
// Xvfb once and a fresh tauri-driver for each test file (WebKitWebDriver serves one session),
// sets SCANWISE_APP / SCANWISE_DATA_DIR / WEBDRIVER_PORT, and stops them after.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { remote } from "webdriverio";

const require = createRequire(import.meta.url);
// axe-core is loaded from node_modules at test time; the app never ships it.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const APP = process.env.SCANWISE_APP;
const PORT = Number(process.env.WEBDRIVER_PORT);
export const SHOTS = process.env.SCANWISE_SHOTS;
if (!APP || !PORT) throw new Error("run through `cargo xtask test` (SCANWISE_APP and WEBDRIVER_PORT unset)");

export const WAIT = 15_000;
/** The WebdriverIO session; one per test file. */
export let b;

/** `args` reach the app's command line (a link, `--kiosk`), through tauri-driver. As a
 * `before(start)` hook it is handed node:test's context instead, which means no arguments. */
export async function start(args) {
  args = Array.isArray(args) ? args : [];
  b = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    connectionRetryTimeout: 60_000,
    capabilities: { "wdio:enforceWebDriverClassic": true, "tauri:options": { application: APP, args } },
  });
  await b.$("h1").waitForExist({ timeout: WAIT });
}

export async function stop() {
  // Closing the session also ends WebKitWebDriver; a dropped connection here is expected.
  if (b) await b.deleteSession().catch(() => {});
  b = undefined;
}

export const $ = (sel) => b.$(sel);
export const $$ = (sel) => b.$$(sel);
export async function go(hash) {
  await b.execute((h) => { location.hash = h; }, hash);
}
/** Visible text without Fluent's bidi isolation marks (U+2068, U+2069) around placeables. */
export async function text(sel) {
  return (await (await $(sel)).getText()).replace(/[\u2068\u2069]/g, "");
}
export async function h1() {
  return (await $("main h1")).getText();
}
export async function waitH1(expected) {
  await b.waitUntil(async () => (await h1()).includes(expected), { timeout: WAIT, timeoutMsg: `h1 never showed "${expected}", last: "${await h1()}"` });
}
export async function html(attr) {
  return b.execute((a) => document.documentElement.getAttribute(a), attr);
}
export async function click(sel) {
  const el = await $(sel);
  await el.waitForClickable({ timeout: WAIT });
  await el.click();
}
export async function settle() {
  // Two animation frames: Preact has rendered and the browser has laid out.
  await b.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}
export async function setLanguage(code) {
  await go("#/settings");
  await (await $('[data-testid="language"]')).waitForExist({ timeout: WAIT });
  await (await $('[data-testid="language"]')).selectByAttribute("value", code);
  await b.waitUntil(async () => (await html("lang")) === code, { timeout: WAIT });
}
export async function setTheme(theme) {
  await go("#/settings");
  await click(`[data-theme-choice="${theme}"]`);
  await b.waitUntil(async () => (await html("data-theme")) === theme, { timeout: WAIT });
}
export async function noHorizontalScroll() {
  return b.execute(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
}

export async function axe() {
  const loaded = await b.execute(() => typeof window.axe !== "undefined");
  if (!loaded) await b.execute(AXE_SOURCE + "\n;return true;");
  const result = await b.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))))
      .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export const REPORT = "MRI lumbar spine. Mild disc bulge at L4/5 with annular fissure. No spinal stenosis. No fracture.";
export { assert };

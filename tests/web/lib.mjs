// Helpers for the web edition's browser tests: WebdriverIO -> Debian's chromedriver -> headless
// Debian Chromium, against a site built by `scanwise site` and served on 127.0.0.1.
// `cargo xtask test web` builds the site, starts the site server and chromedriver (each on a
// free loopback port, stopped with their process groups afterwards) and sets:
//   SITE_URL        the served site, ending in "/"
//   SITE_DIR        the built site on disk
//   SITE_SERVER     JSON argv that serves SITE_DIR, with "{port}" where the port goes (the
//                   offline test starts and stops a server of its own with it)
//   WEBDRIVER_PORT  chromedriver
//   CHECKER_ORACLE  the engine as a program (tests/examples/checker_oracle.rs)
//   SCANWISE_CLI    the `scanwise` CLI that built the site (debug build), for the poster test
// Nothing here downloads a browser or a driver: WebdriverIO is given a hostname and a port, so it
// only connects.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { createRequire } from "node:module";
import { remote } from "webdriverio";

const require = createRequire(import.meta.url);
// axe-core comes from node_modules at test time; the site never ships it.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const SITE_URL = process.env.SITE_URL;
export const SITE_DIR = process.env.SITE_DIR;
const PORT = Number(process.env.WEBDRIVER_PORT);
const SITE_SERVER = process.env.SITE_SERVER;
const ORACLE = process.env.CHECKER_ORACLE;
export const CLI = process.env.SCANWISE_CLI;
if (!SITE_URL || !SITE_DIR || !PORT || !SITE_SERVER || !ORACLE || !CLI) {
  throw new Error("run through `cargo xtask test web` (SITE_URL, SITE_DIR, WEBDRIVER_PORT, SITE_SERVER, CHECKER_ORACLE or SCANWISE_CLI unset)");
}
const ORIGIN = new URL(SITE_URL).origin;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const WAIT = 15_000;

/** Flags that keep Chromium to the pages it is given: no first-run, sync, component updates,
 * safe browsing or other background requests. */
const QUIET = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--disable-sync",
  "--disable-client-side-phishing-detection",
  "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,InterestFeedContentSuggestions",
  "--metrics-recording-only",
  "--lang=en-GB",
  // The site scrolls smoothly unless the reader asks for less motion; WebDriver's click scrolls
  // its link into view and hit-tests at once, which a smooth scroll has not finished by then.
  "--force-prefers-reduced-motion",
];

/**
 * A new browser session.
 * - `scripts: false`: JavaScript off, as a reader who turned it off has it;
 * - `phone: true`: a 360 px wide phone viewport with the browser's text size at 200 % (the
 *   default font size 16 -> 32 px, which is what a reader's text-size setting changes; the site
 *   sizes everything in rem);
 * - `network: true`: chromedriver's performance log, to see every request the pages make.
 */
export async function session({ scripts = true, phone = false, network = false } = {}) {
  const args = [...QUIET, "--window-size=1280,900"];
  if (!scripts) args.push("--blink-settings=scriptEnabled=false");
  const chromeOptions = { binary: CHROMIUM, args };
  if (!scripts) chromeOptions.prefs = { ...chromeOptions.prefs, "profile.managed_default_content_settings.javascript": 2 };
  if (phone) {
    chromeOptions.mobileEmulation = { deviceMetrics: { width: 360, height: 780, pixelRatio: 2, touch: true, mobile: true } };
    chromeOptions.prefs = { ...chromeOptions.prefs, webkit: { webprefs: { default_font_size: 32 } } };
  }
  const capabilities = { browserName: "chrome", "wdio:enforceWebDriverClassic": true, "goog:chromeOptions": chromeOptions };
  if (network) capabilities["goog:loggingPrefs"] = { performance: "ALL" };
  return remote({ hostname: "127.0.0.1", port: PORT, logLevel: "error", connectionRetryTimeout: 60_000, capabilities });
}

export async function end(b) {
  if (b) await b.deleteSession().catch(() => {});
}

/** The browser session of the describe block that runs: `before(start(opts))` opens it with
 * `session(opts)`, `after(stop)` closes it. Test bodies read it when they run, so they see the
 * session (an imported binding follows the export). */
export let b;

/** A `before` hook that opens `b` with `session(opts)`. */
export const start = (opts) => async () => {
  b = await session(opts);
};

/** An `after` hook that closes `b`. */
export async function stop() {
  await end(b);
  b = undefined;
}

/** A Chrome DevTools Protocol command on the session's page, through chromedriver. */
async function cdp(b, cmd, params = {}) {
  const res = await fetch(`http://127.0.0.1:${PORT}/session/${b.sessionId}/goog/cdp/execute`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cmd, params }),
    signal: AbortSignal.timeout(WAIT),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${cmd}: ${JSON.stringify(body.value ?? body)}`);
  return body.value;
}

/** The reader's light or dark setting (`prefers-color-scheme`); it lasts across page loads. */
export async function colorScheme(b, scheme) {
  await cdp(b, "Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
  assert.equal(await b.execute((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme), true, `${scheme} not emulated`);
}

/** Opens a page below SITE_URL and waits for its `expect` selector. */
export async function open(b, page) {
  await b.url(SITE_URL + page.path);
  if (page.expect) {
    const found = await b.execute((sel) => document.querySelector(sel) !== null, page.expect);
    const title = found ? "" : await b.getTitle();
    assert.ok(found, `${page.label}: no \`${page.expect}\` on the page (title "${title}")`);
  }
}

/** `<html lang dir>` and the main heading. */
export async function basics(b) {
  return b.execute(() => ({
    lang: document.documentElement.getAttribute("lang"),
    dir: document.documentElement.getAttribute("dir"),
    h1: document.querySelector("main h1")?.textContent.trim() ?? "",
  }));
}

export const expectedDir = (lang) => (lang === "ar" ? "rtl" : "ltr");

/** axe-core's serious and critical violations on the current page, each with its nodes. */
export async function axe(b) {
  const loaded = await b.execute(() => typeof window.axe !== "undefined");
  if (!loaded) await b.execute(AXE_SOURCE + "\n;return true;");
  const result = await b.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) =>
        done(
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 160), why: (n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240) })),
          })),
        ),
      )
      .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** One readable block per violation: rule, impact, help, then its first nodes. */
export function describeViolations(where, violations) {
  return [
    `${where}: ${violations.length} serious or critical axe violation(s)`,
    ...violations.flatMap((v) => [
      `  ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s)`,
      ...v.nodes.slice(0, 4).map((n) => `    ${n.target}  ${n.html}\n      ${n.why}`),
    ]),
  ].join("\n");
}

/** Every request the page made since the last call (chromedriver's performance log; reading it
 * empties it). */
export async function requests(b) {
  const log = await b.getLogs("performance");
  return log
    .map((entry) => JSON.parse(entry.message).message)
    .filter((m) => m.method === "Network.requestWillBeSent" || m.method === "Network.webSocketCreated")
    .map((m) => m.params.request?.url ?? m.params.url);
}

/** The requests that leave the site: anything but its own origin and data: URLs. */
export function foreign(urls) {
  return urls.filter((u) => !u.startsWith("data:") && !(u.startsWith("http") && new URL(u).origin === ORIGIN));
}

/** Starts another site server (SITE_SERVER) on `port`, in its own process group, and waits
 * (bounded) until it answers. `stop()` ends the whole group. */
export async function startSiteServer(port) {
  const [cmd, ...args] = JSON.parse(SITE_SERVER).map((a) => a.replaceAll("{port}", String(port)));
  const child = spawn(cmd, args, { detached: true, stdio: "ignore" });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };
  process.once("exit", () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the site server exited (${child.exitCode}): ${cmd} ${args.join(" ")}`);
    if (await answers(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the site server did not answer on port ${port} within 20 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}/`, stop };
}

function answers(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A free loopback port (bound and released; good enough for one test's server). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The checker engine's answers for answer sequences (`{lang, area, letters}`, letters y / n /
 * u), from CHECKER_ORACLE: for each, the letters it used and the engine's step before any answer
 * and after each. One process for all of them; bounded.
 */
export function oracle(sequences) {
  return new Promise((resolve, reject) => {
    const child = spawn(ORACLE, [], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the checker oracle did not finish within 120 s"));
    }, 120_000);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`the checker oracle failed (${code}): ${err}`));
      const lines = out.trim().split("\n").map((l) => JSON.parse(l));
      if (lines.length !== sequences.length) return reject(new Error(`the oracle answered ${lines.length} of ${sequences.length} sequences`));
      resolve(lines);
    });
    child.stdin.end(sequences.map((s) => `${s.lang} ${s.area} ${s.letters}\n`).join(""));
  });
}

/** The patient stories the engine and the app's window are tested with. */
export const STORIES = JSON.parse(readFileSync(new URL("../checker/stories.json", import.meta.url), "utf8")).stories;

/** The answer a story gives to a question: "not sure" and "yes" as listed, otherwise "no". */
function storyAnswer(story, question) {
  return story.yes.includes(question) ? "yes" : story.not_sure.includes(question) ? "not_sure" : "no";
}

/** The step a checker page shows, as its `.checker` data attributes say (`attrs` of
 * readChecker or parseChecker), in the oracle's shape. */
export function stepFromAttributes(a) {
  if (!a) return null;
  return canonicalStep({
    next_question: a["data-next-question"] || null,
    outcome: a["data-outcome"],
    show_card: a["data-show-card"] === "true",
    complete: a["data-complete"] === "true",
    answered: Number(a["data-answered"]),
    asked_signs: (a["data-asked-signs"] ?? "").split(" ").filter(Boolean),
  });
}

/** A step with its fields in one order, to compare as JSON. */
export function canonicalStep(s) {
  const { next_question, outcome, show_card, complete, answered, asked_signs } = s;
  return { next_question, outcome, show_card, complete, answered, asked_signs };
}

/** In the page: the `.checker` attributes, the outcome card shown (if any) and the answer
 * links. */
function readChecker() {
  const c = document.querySelector(".checker");
  if (!c) return null;
  const attrs = Object.fromEntries([...c.attributes].map((x) => [x.name, x.value]));
  const card = document.querySelector("section.outcome[data-outcome]");
  return {
    attrs,
    card: card ? { outcome: card.dataset.outcome, final: card.dataset.final === "true" } : null,
    question: document.querySelector("section.question[data-question]")?.dataset.question ?? null,
    links: Object.fromEntries([...document.querySelectorAll("section.question a.answer[data-answer]")].map((a) => [a.dataset.answer, a.href])),
  };
}

/** The same, from a page's HTML (the site is generated, so its markup is regular). */
export function parseChecker(html, url) {
  const attrsOf = (tag) => Object.fromEntries([...tag.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const div = html.match(/<div class="checker"[^>]*>/);
  if (!div) return null;
  const card = html.match(/<section class="[^"]*\boutcome\b[^"]*"[^>]*>/);
  const question = html.match(/<section class="question"[^>]*>/);
  const links = {};
  for (const m of html.matchAll(/<a class="answer"[^>]*>/g)) {
    const a = attrsOf(m[0]);
    links[a["data-answer"]] = new URL(a.href, url).href;
  }
  return {
    attrs: attrsOf(div[0]),
    card: card ? { outcome: attrsOf(card[0])["data-outcome"], final: attrsOf(card[0])["data-final"] === "true" } : null,
    question: question ? attrsOf(question[0])["data-question"] : null,
    links,
  };
}

export const ANSWER_OF_LETTER = { y: "yes", n: "no", u: "not_sure" };

export { assert };

/** Walks a patient story through the checker's pages by clicking: the area on LANG/check/,
 * then at each page the answer the story gives to the question the page asks. Returns the
 * questions asked and the last page's state. */
export async function walkStory(b, story, lang) {
  const where = `${story.id} [${lang}]`;
  await b.url(`${SITE_URL}${lang}/check/`);
  await clickLink(b, `a.area[data-area="${story.area}"]`, where);
  let page = await pageWithAnswers(b, 0, where);
  const asked = [];
  for (let i = 0; i < 100; i++) {
    if (page.attrs["data-complete"] === "true") return { asked, page };
    const question = page.attrs["data-next-question"];
    assert.equal(page.question, question, `${where}: the page asks ${page.question}, its data-next-question says ${question}`);
    asked.push(question);
    await clickLink(b, `section.question[data-question="${question}"] a.answer[data-answer="${storyAnswer(story, question)}"]`, `${where} at ${question}`);
    page = await pageWithAnswers(b, asked.length, `${where} after ${asked.join(", ")}`);
  }
  throw new Error(`${where}: the walk did not end in 100 pages`);
}

/** The W3C WebDriver key of an element reference. */
const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

/** Clicks the link `selector` (WebDriver's own click: scrolled into view, hit-tested). */
async function clickLink(b, selector, where) {
  const link = await b.findElement("css selector", selector).catch((e) => ({ error: e.message }));
  const id = link[ELEMENT_KEY];
  if (!id) throw new Error(`${where}: no link \`${selector}\` on ${await b.getUrl()} (${link.error})`);
  await b.elementClick(id);
}

/** Waits (bounded) for the checker page whose data-answered is `n` (the page after a click), and
 * reads it. */
async function pageWithAnswers(b, n, where) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const page = await b.execute(readChecker).catch(() => null); // null: the old page was unloading
    if (page && page.attrs["data-answered"] === String(n)) return page;
    if (Date.now() > deadline) throw new Error(`${where}: no checker page with ${n} answers came (at ${await b.getUrl()})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

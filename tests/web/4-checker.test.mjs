import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { LANGS } from "./pages.mjs";
import { ANSWER_OF_LETTER, SITE_DIR, SITE_URL, STORIES, WAIT, assert, b, canonicalStep, oracle, parseChecker, start, stepFromAttributes, stop, walkStory } from "./lib.mjs";

// The checker's pages against the engine (`scanwise_core::checker::step`, through the oracle
// program tests/examples/checker_oracle.rs; no copy of its logic lives here):
// - patient stories (tests/checker/stories.json) walked in the browser by clicking the answer
//   links, each answer put on the question the page asks (its data-next-question), ending on the
//   story's tier and asking every sign the story answers;
// - every story in every language, and a fixed-seed random sample of answer sequences, walked
//   over HTTP through the served pages' own links: at every page the step it shows (next
//   question, card, shown now, final, answers so far, signs asked) must be the engine's step for
//   the answers given, and the card and the question on the page must agree with it;
// - in English, every answer link of every checker page, each target against the engine.

const AREAS = ["back", "knee", "shoulder"];
const SEED = 14;
const SAMPLE = { en: 300, nb: 60, ar: 60, pl: 60 };

/** mulberry32: a small deterministic PRNG, so every run walks the same sample. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answer sequences long enough for any walk: mostly "no" (walks that reach the guideline
 * questions) to anything goes (early cards, many branches opened). */
function sample() {
  const rand = prng(SEED);
  const sequences = [];
  for (const lang of LANGS) {
    for (const area of AREAS) {
      for (let i = 0; i < SAMPLE[lang]; i++) {
        const no = [0.97, 0.9, 0.75, 0.5, 1 / 3][i % 5];
        let letters = "";
        for (let k = 0; k < 80; k++) {
          const r = rand();
          letters += r < no ? "n" : r < no + (1 - no) / 2 ? "y" : "u";
        }
        sequences.push({ lang, area, letters });
      }
    }
  }
  return sequences;
}

/** The served pages, each fetched once. */
const pages = new Map();
async function page(url) {
  if (!pages.has(url)) {
    const res = await fetch(url, { signal: AbortSignal.timeout(WAIT) });
    assert.equal(res.status, 200, `${url}: HTTP ${res.status}`);
    pages.set(url, parseChecker(await res.text(), url));
  }
  return pages.get(url);
}

/** What differs between a fetched page and the engine's step, as text, or null: the page's data
 * attributes, the card it shows and the question it asks, and its answer links. */
function differs(p, step, where) {
  if (!p) return `${where}: not a checker page`;
  const shown = stepFromAttributes(p.attrs);
  const want = canonicalStep(step);
  if (JSON.stringify(shown) !== JSON.stringify(want)) return `${where}:\n    page   ${JSON.stringify(shown)}\n    engine ${JSON.stringify(want)}`;
  if (want.show_card !== (p.card !== null)) return `${where}: the card is ${p.card ? "shown" : "not shown"}, the engine says show_card=${want.show_card}`;
  if (p.card && (p.card.outcome !== want.outcome || p.card.final !== want.complete)) {
    return `${where}: the card shown is ${JSON.stringify(p.card)}, the engine says ${want.outcome} (final ${want.complete})`;
  }
  if (p.question !== want.next_question) return `${where}: the question shown is ${p.question}, the engine asks ${want.next_question}`;
  const links = Object.keys(p.links).sort().join(",");
  const expected = want.complete ? "" : "no,not_sure,yes";
  if (links !== expected) return `${where}: answer links [${links}], expected [${expected}]`;
  return null;
}

const areaUrl = (lang, area) => new URL(`${lang}/check/${area}/`, SITE_URL).href;

/** Follows the engine's answers (the letters it used) from the area's first page, comparing each
 * page with the engine's steps. Returns the first difference as text, or null. */
async function follow({ lang, area }, engine) {
  let url = areaUrl(lang, area);
  for (let i = 0; i < engine.steps.length; i++) {
    const p = await page(url);
    const diff = differs(p, engine.steps[i], `${lang} ${area} "${engine.used.slice(0, i)}" (${url})`);
    if (diff) return diff;
    if (i === engine.used.length) break;
    url = p.links[ANSWER_OF_LETTER[engine.used[i]]];
  }
  return null;
}

describe("checker: patient stories in the browser", () => {
  before(start());
  after(stop);

  // The stories the app's window walks, in the same languages, and three of them (one per area:
  // an emergency, a same-day and a reassuring walk) in Arabic and Polish. Every story in every
  // language is walked over HTTP below.
  const walks = [
    ...STORIES.flatMap((s) => (s.window ?? "").split(",").filter(Boolean).map((l) => [s, l])),
    ...["shoulder-chest-tightness-sweating", "knee-62-twisted-can-walk", "back-gradual-no-signs"].flatMap((id) => ["ar", "pl"].map((l) => [STORIES.find((s) => s.id === id), l])),
  ];

  test("at least 5 stories in the browser, including not sure on the first question and shoulder pain with chest tightness", () => {
    assert.ok(new Set(walks.map(([s]) => s.id)).size >= 5, "fewer than 5 stories");
    for (const id of ["back-not-sure-first-question", "shoulder-chest-tightness-sweating"]) assert.ok(STORIES.some((s) => s.id === id), `${id} missing`);
  });

  for (const [story, lang] of walks) {
    test(`${story.id} [${lang}] → ${story.expect}`, async () => {
      const { asked, page } = await walkStory(b, story, lang);
      const where = `${story.id} [${lang}] (${story.en}) asked ${asked.join(", ")}`;
      assert.equal(page.card?.outcome, story.expect, `${where}: ended on ${page.card?.outcome}`);
      assert.equal(page.card?.final, true, `${where}: the last card is not final`);
      for (const id of [...story.yes, ...story.not_sure]) assert.ok(asked.includes(id), `${where}: ${id} was never asked`);
      if (["emergency", "urgent"].includes(story.expect)) {
        assert.ok(await (await b.$("section.outcome a[href^='tel:']")).isExisting(), `${where}: the ${story.expect} card has no phone numbers`);
      }
    });
  }
});

describe("checker: the served pages are the engine's steps", () => {
  test("every story in every language, over HTTP through the pages' links", async () => {
    // The oracle answers each question the engine asks from the story ("no" when unlisted).
    const runs = LANGS.flatMap((lang) => STORIES.map((story) => ({ lang, story })));
    const storyAnswers = (s) => JSON.stringify(Object.fromEntries([...s.yes.map((q) => [q, "yes"]), ...s.not_sure.map((q) => [q, "not_sure"])]));
    const engine = await oracle(runs.map(({ lang, story }) => ({ lang, area: story.area, letters: storyAnswers(story) })));
    const problems = [];
    for (const [k, { lang, story }] of runs.entries()) {
      const last = engine[k].steps.at(-1);
      const asked = engine[k].steps.map((st) => st.next_question).filter(Boolean);
      if (!last.complete) problems.push(`${story.id} [${lang}]: the engine's walk did not end`);
      else if (last.outcome !== story.expect) problems.push(`${story.id} [${lang}]: the engine says ${last.outcome}, the story expects ${story.expect}`);
      for (const id of [...story.yes, ...story.not_sure]) if (!asked.includes(id)) problems.push(`${story.id} [${lang}]: the engine never asks ${id}`);
      const diff = await follow({ lang, area: story.area }, engine[k]);
      if (diff) problems.push(`${story.id}: ${diff}`);
    }
    assert.ok(problems.length === 0, problems.slice(0, 10).join("\n"));
  });

  test(`a fixed sample (seed ${SEED}; ${Object.entries(SAMPLE).map(([l, n]) => `${n} per area in ${l}`).join(", ")}), over HTTP through the pages' links`, async () => {
    const sequences = sample();
    const engine = await oracle(sequences);
    const problems = [];
    let steps = 0;
    for (const [k, seq] of sequences.entries()) {
      steps += engine[k].steps.length;
      const diff = await follow(seq, engine[k]);
      if (diff) problems.push(diff);
      if (problems.length >= 10) break;
    }
    assert.ok(problems.length === 0, `${problems.length} sequence(s) differ (first 10):\n${problems.join("\n")}`);
    assert.ok(steps > sequences.length * 10, `only ${steps} pages compared`);
  });

  test("every page of the English checker and every answer link on it, over HTTP", async () => {
    // Breadth first from each area's first page: every answer link of every page reached, each
    // target compared with the engine's step for the first answers that reached the page plus
    // that answer (so two answer sequences merged onto one page must both agree with it).
    const links = [];
    const reached = new Set();
    for (const area of AREAS) {
      const root = areaUrl("en", area);
      const queue = [{ url: root, letters: "" }];
      reached.add(root);
      links.push({ area, url: root, letters: "" });
      while (queue.length) {
        const { url, letters } = queue.shift();
        const p = await page(url);
        assert.ok(p, `${url}: not a checker page`);
        for (const [letter, answer] of Object.entries(ANSWER_OF_LETTER)) {
          const target = p.links[answer];
          if (!target) continue;
          links.push({ area, url: target, letters: letters + letter });
          if (!reached.has(target)) {
            reached.add(target);
            queue.push({ url: target, letters: letters + letter });
          }
        }
        assert.ok(links.length < 20_000, "the walk of the links does not end");
      }
    }
    const engine = await oracle(links.map(({ area, letters }) => ({ lang: "en", area, letters })));
    const problems = [];
    for (const [k, link] of links.entries()) {
      if (engine[k].used !== link.letters) {
        problems.push(`en ${link.area} "${link.letters}" (${link.url}): a link goes on after the engine's walk ended at "${engine[k].used}"`);
        continue;
      }
      const diff = differs(await page(link.url), engine[k].steps.at(-1), `en ${link.area} "${link.letters}" (${link.url})`);
      if (diff) problems.push(diff);
      if (problems.length >= 10) break;
    }
    assert.ok(problems.length === 0, problems.join("\n"));
    // Every page the build wrote is reached through the links, and nothing else.
    const written = AREAS.flatMap((area) => [
      areaUrl("en", area),
      ...readdirSync(join(SITE_DIR, "en", "check", area), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => new URL(`${d.name}/`, areaUrl("en", area)).href),
    ]);
    const unreached = written.filter((u) => !reached.has(u));
    assert.deepEqual(unreached, [], `${unreached.length} English checker page(s) no link leads to`);
    assert.equal(reached.size, written.length, "links lead to pages the build did not write");
  });
});

import { after, before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { $, WAIT, assert, axe, b, click, go, setLanguage, start, stop } from "./lib.mjs";

// Patient stories walked through the real window (issue #10): the same stories the engine runs
// in `cargo test` (tests/checker/stories.json), here answered by clicking, in English and
// Norwegian. Each walk must reach the story's tier and ask every sign the story answers.
const { stories } = JSON.parse(readFileSync(new URL("../checker/stories.json", import.meta.url), "utf8"));
const walks = stories.flatMap((s) => (s.window ? s.window.split(",").map((lang) => [s, lang]) : []));

const state = () =>
  b.execute(() => ({
    question: document.querySelector("fieldset.question")?.dataset.question ?? null,
    card: document.querySelector(".outcome")?.dataset.outcome ?? null,
    final: document.querySelector(".outcome")?.dataset.final === "true",
  }));

async function walk(story, lang, onStep = async () => {}) {
  await go("#/");
  await go("#/checker");
  await click(`[data-area="${story.area}"]`);
  const asked = [];
  for (let i = 0; i < 100; i++) {
    await b.waitUntil(async () => { const s = await state(); return s.question !== null || s.final; }, { timeout: WAIT, timeoutMsg: `${story.id} (${lang}): no question and no final card` });
    const s = await state();
    if (s.question === null) return { asked, card: s.card };
    asked.push(s.question);
    const answer = story.yes.includes(s.question) ? "yes" : story.not_sure.includes(s.question) ? "not_sure" : "no";
    await click(`fieldset.question[data-question="${s.question}"] [data-answer="${answer}"]`);
    await b.waitUntil(async () => (await state()).question !== s.question, { timeout: WAIT, timeoutMsg: `${story.id}: stuck on ${s.question}` });
    await onStep(s.question, await state());
  }
  throw new Error(`${story.id} (${lang}): the walk did not end`);
}

describe("checker: patient stories in the real window", () => {
  before(start);
  after(async () => {
    await setLanguage("en");
    await stop();
  });

  test("at least 8 stories, including not sure on the first question and shoulder pain with chest tightness, in en and nb", () => {
    assert.ok(new Set(walks.map(([s]) => s.id)).size >= 8, "fewer than 8 stories");
    for (const id of ["back-not-sure-first-question", "shoulder-chest-tightness-sweating"]) {
      for (const lang of ["en", "nb"]) assert.ok(walks.some(([s, l]) => s.id === id && l === lang), `${id} not walked in ${lang}`);
    }
  });

  for (const [story, lang] of walks) {
    test(`${story.id} (${lang}) → ${story.expect}`, async () => {
      await setLanguage(lang);
      const { asked, card } = await walk(story, lang, async (answered, after) => {
        // "Not sure" on the very first question: the emergency card shows at once, and the
        // other warning signs are still asked under it.
        if (story.id === "back-not-sure-first-question" && answered === story.not_sure[0]) {
          assert.equal(after.card, "emergency");
          assert.equal(after.final, false);
          assert.notEqual(after.question, null, "the walk stopped at the first urgent answer");
        }
      });
      assert.equal(card, story.expect, `${story.id} (${lang}): ${story[lang]} asked ${asked.join(", ")}`);
      for (const id of [...story.yes, ...story.not_sure]) assert.ok(asked.includes(id), `${id} was never asked`);
      if (["emergency", "urgent", "soon"].includes(card)) {
        assert.match(await (await $('.outcome [data-testid="numbers"]')).getText(), /999|111/);
      }
      assert.deepEqual(await axe(), []);
    });
  }
});

import { after, before, describe, test } from "node:test";
import { everyPage } from "./pages.mjs";
import { STORIES, assert, b, open, start, stop, walkStory } from "./lib.mjs";

// A reader with JavaScript turned off: every page type shows its heading and its main content,
// and the checker can be walked to its end by following links.

describe("JavaScript off", () => {
  before(start({ scripts: false }));
  after(stop);

  test("this session really runs no page script", async () => {
    await b.url("data:text/html,<title>off</title><script>document.title='on'</script>");
    assert.equal(await b.getTitle(), "off");
  });

  for (const page of everyPage()) {
    test(page.label, async () => {
      await open(b, page);
      const h1 = await b.$("main h1");
      assert.ok(await h1.isDisplayed(), `${page.label}: the main h1 is not shown`);
      assert.notEqual((await h1.getText()).trim(), "", `${page.label}: the main h1 is empty`);
      const content = await b.$(page.expect);
      assert.ok(await content.isDisplayed(), `${page.label}: \`${page.expect}\` is not shown`);
      const text = await b.execute(() => document.querySelector("main").innerText.trim().length - document.querySelector("main h1").innerText.trim().length);
      assert.ok(text > 40, `${page.label}: main shows only ${text} characters besides its heading`);
    });
  }

  // One story per area to its end, in English and Arabic: one through every warning sign and the
  // guideline questions to the reassuring card, one to same-day care, one to an emergency.
  const walks = ["back-gradual-no-signs", "knee-62-twisted-can-walk", "shoulder-chest-tightness-sweating"].map((id) => STORIES.find((s) => s.id === id));
  for (const story of walks) {
    for (const lang of ["en", "ar"]) {
      test(`checker by links: ${story.id} [${lang}] → ${story.expect}`, async () => {
        const { asked, page } = await walkStory(b, story, lang);
        assert.equal(page.card?.outcome, story.expect, `${story.id} [${lang}]: ended on ${page.card?.outcome} after ${asked.join(", ")}`);
        assert.equal(page.card?.final, true);
      });
    }
  }
});

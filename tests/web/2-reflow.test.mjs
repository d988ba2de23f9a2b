import { after, before, describe, test } from "node:test";
import { everyPage } from "./pages.mjs";
import { assert, b, open, start, stop } from "./lib.mjs";

// WCAG 1.4.4 / 1.4.10: a 360 px wide phone with the browser's text size at 200 % (default font
// size 32 px instead of 16 px; the site sizes text in rem). No page scrolls sideways.

describe("200 % text at 360 px: no horizontal scroll", () => {
  before(start({ phone: true }));
  after(stop);

  test("the check bites: a planted 500 px box scrolls sideways", async () => {
    await b.url("data:text/html,<meta name=viewport content='width=device-width'><div style='width:500px'>x</div>");
    assert.ok(await b.execute(() => document.documentElement.scrollWidth > document.documentElement.clientWidth));
  });

  for (const page of everyPage()) {
    test(page.label, async () => {
      await open(b, page);
      const m = await b.execute(() => {
        const root = document.documentElement;
        const width = root.clientWidth;
        // The elements that stick out, innermost first, to say what to fix.
        const out = [...document.querySelectorAll("body *")]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > width + 1 || r.left < -1);
          })
          .filter((el, _, all) => !all.some((o) => o !== el && el.contains(o)))
          .slice(0, 5)
          .map((el) => {
            const r = el.getBoundingClientRect();
            const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
            return `${name} [${Math.round(r.left)}..${Math.round(r.right)}] "${(el.textContent ?? "").trim().slice(0, 40)}"`;
          });
        return { fontSize: getComputedStyle(root).fontSize, width, scrollWidth: root.scrollWidth, bodyScroll: document.body.scrollWidth, out };
      });
      assert.equal(m.fontSize, "32px", `${page.label}: the root font size is ${m.fontSize}, not 200 %`);
      assert.equal(m.width, 360, `${page.label}: the viewport is ${m.width} px wide, not 360`);
      assert.ok(
        m.scrollWidth <= m.width && m.bodyScroll <= m.width,
        `${page.label}: scrolls sideways at 360 px and 200 % text (scrollWidth ${m.scrollWidth}, body ${m.bodyScroll} > ${m.width}); sticking out:\n  ${m.out.join("\n  ")}`,
      );
    });
  }
});

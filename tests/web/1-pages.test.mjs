import { after, before, describe, test } from "node:test";
import { everyPage } from "./pages.mjs";
import { SITE_URL, assert, axe, b, basics, colorScheme, describeViolations, expectedDir, foreign, open, requests, start, stop } from "./lib.mjs";

// Every page type in every language, in the reader's light and dark settings: axe-core finds no
// serious or critical violation, `<html lang dir>` are right (Arabic right to left), and the page
// asks nothing of any other host (every request chromedriver's performance log records is the
// site's own origin or a data: URL). Problems of one page are reported together.

describe("every page type × language × light/dark: axe, lang and dir, no other host", () => {
  before(start({ network: true }));
  after(stop);

  test("the checks bite: axe reports a planted violation, the log records a page's requests", async () => {
    await b.url("data:text/html,<html lang=en><title>t</title><main><h1>t</h1><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></main></html>");
    assert.ok((await axe(b)).some((v) => v.id === "image-alt"), "axe did not report an image without alt");
    await requests(b);
    await b.url(SITE_URL);
    const seen = await requests(b);
    assert.ok(seen.includes(SITE_URL) && seen.includes(`${SITE_URL}site.css`), `the performance log missed the page or its stylesheet: ${seen.join(", ")}`);
  });

  for (const theme of ["light", "dark"]) {
    describe(theme, () => {
      before(async () => {
        await b.url(SITE_URL);
        await colorScheme(b, theme);
      });

      test(`the ${theme} setting reaches the stylesheet`, async () => {
        await b.url(SITE_URL);
        const luminance = await b.execute(() => {
          const [r, g, bl] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * bl) / 255;
        });
        if (theme === "dark") assert.ok(luminance < 0.3, `dark: the page background is light (luminance ${luminance.toFixed(2)})`);
        else assert.ok(luminance > 0.7, `light: the page background is dark (luminance ${luminance.toFixed(2)})`);
      });

      for (const page of everyPage()) {
        test(`${page.label} (${theme})`, async () => {
          const where = `${page.label} (${theme})`;
          await requests(b);
          await open(b, page);
          const problems = [];
          const { lang, dir, h1 } = await basics(b);
          if (lang !== page.lang) problems.push(`${where}: <html lang="${lang}">, expected "${page.lang}"`);
          if (dir !== expectedDir(page.lang)) problems.push(`${where}: <html dir="${dir}">, expected "${expectedDir(page.lang)}"`);
          if (!h1) problems.push(`${where}: no main h1`);
          const violations = await axe(b);
          if (violations.length) problems.push(describeViolations(where, violations));
          const away = foreign(await requests(b));
          if (away.length) problems.push(`${where}: requests to other hosts:\n  ${away.join("\n  ")}`);
          assert.ok(problems.length === 0, problems.join("\n"));
        });
      }
    });
  }
});

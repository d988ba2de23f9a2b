import { after, before, describe, test } from "node:test";
import { $, $$, WAIT, assert, axe, b, click, go, start, stop } from "./lib.mjs";

// The report decoder with a serious finding (issue 11): the "talk to your clinician soon"
// panel comes first, before the marked report and the calm explanations, with no prevalence
// chart for the serious word; a negated serious word is never in it.
const SERIOUS =
  "MRI LUMBAR SPINE\n\nFindings: Mild disc bulge at L4/5. Lesion in the L2 vertebral body, suspicious for metastasis.\nNo fracture. No cord or cauda equina compression.\n\nImpression: Recommend urgent MRI with contrast.";

describe("decoder: serious words first", () => {
  before(start);
  after(stop);

  test("a pasted report with a serious finding shows it first, in its own panel", async () => {
    await go("#/decoder");
    await (await $('[data-testid="report-text"]')).setValue(SERIOUS);
    await click('[data-testid="decode"]');
    await (await $('[data-testid="serious"]')).waitForExist({ timeout: WAIT });
    const order = await b.execute(() => {
      const at = (sel) => {
        const el = document.querySelector(sel);
        return el ? [...document.querySelectorAll("section, [data-testid]")].indexOf(el) : -1;
      };
      return { serious: at('[data-testid="serious"]'), marked: at('[data-testid="marked"]'), found: at("#h-present") };
    });
    assert.ok(order.serious >= 0 && order.serious < order.marked, JSON.stringify(order));
    const inPanel = await b.execute(() => [...document.querySelectorAll('[data-testid="serious"] [data-concept]')].map((e) => e.dataset.concept));
    assert.ok(inPanel.includes("metastasis"), JSON.stringify(inPanel));
    assert.ok(inPanel.includes("urgent-flag"), JSON.stringify(inPanel));
    // "No fracture", "No cord or cauda equina compression": not found, never in the panel.
    for (const c of ["fracture", "cord-compression", "cauda-equina-compression"]) {
      assert.ok(!inPanel.includes(c), `${c} is negated: ${JSON.stringify(inPanel)}`);
      assert.ok((await $$(`.findings.absent [data-concept="${c}"]`)).length >= 1, `${c} listed under Not found`);
    }
    // The panel says to talk to the clinician soon, and the report said urgent: numbers shown.
    assert.match(await (await $('[data-testid="serious"]')).getText(), /clinician who ordered your scan/);
    await (await $('[data-testid="serious-numbers"]')).waitForExist({ timeout: WAIT });
    // No prevalence chart for a serious word; the disc bulge still gets its calm explanation.
    await (await $('[data-testid="age"]')).setValue("45");
    await (await $('[data-testid="chart"]')).waitForExist({ timeout: WAIT });
    const charted = await b.execute(() => [...document.querySelectorAll('[data-testid="chart"] [data-concept]')].map((e) => e.dataset.concept));
    assert.ok(charted.includes("disc-bulge"), JSON.stringify(charted));
    for (const c of inPanel) assert.ok(!charted.includes(c), `${c} has no chart`);
    assert.deepEqual(await axe(), []);
  });

  test("a knee report's extrusion is the meniscus, not the disc", async () => {
    await go("#/decoder");
    await (await $('[data-testid="report-text"]')).setValue("Findings: Extrusion of the medial meniscus by 4 mm. Small effusion.");
    await (await $('[data-testid="area"]')).selectByAttribute("value", "knee");
    await click('[data-testid="decode"]');
    await (await $('[data-testid="marked"]')).waitForExist({ timeout: WAIT });
    const marks = await b.execute(() => [...document.querySelectorAll('[data-testid="marked"] .finding')].map((e) => e.dataset.concept));
    assert.ok(marks.includes("meniscal-extrusion"), JSON.stringify(marks));
    assert.ok(!marks.includes("disc-extrusion"), JSON.stringify(marks));
    assert.equal((await $$('[data-testid="serious"]')).length, 0, "no serious panel without a serious word");
  });
});

import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { render } from "preact";
import { chainOf, fakeBackend, loadFtl } from "./fake-backend";
import { highlight } from "../src/screens/decoder";
import { createTranslate } from "../src/i18n";
import { FIRST_SCREEN_GLOBAL } from "../src/bindings";

let backend = fakeBackend();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (cmd: string, args: Record<string, unknown>) => backend.invoke(cmd, args) }));
// Events from the shell: none arrive in these tests (the listeners are only registered).
vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => {} }));

const { App } = await import("../src/app");

let root: HTMLElement;
const tick = () => new Promise((r) => setTimeout(r, 0));
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await tick();
  }
  throw new Error(`never: ${what}\n${root.innerHTML.slice(0, 2000)}`);
}
const q = (sel: string) => root.querySelector<HTMLElement>(sel);
const h1 = () => q("h1")?.textContent ?? "";

async function mount(hash = "#/") {
  location.hash = hash;
  render(<App />, root);
  await until(() => !!q("h1"), "first screen");
}

beforeEach(() => {
  root = document.createElement("div");
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  backend = fakeBackend();
});

describe("i18n", () => {
  test("fills placeables and shows a missing id as itself", () => {
    const t = createTranslate([{ lang: "en", source: "minutes = { $minutes } min read\n" }], () => {});
    expect(t("minutes", { minutes: 4 })).toBe("\u20684\u2069 min read");
    expect(t("no-such-id")).toBe("no-such-id");
  });
});

describe("the first screen the shell injects", () => {
  const inject = () => {
    (window as unknown as Record<string, unknown>)[FIRST_SCREEN_GLOBAL] = backend.firstScreen();
  };

  test("draws the home list in the very first render, with no call to the shell", () => {
    inject();
    location.hash = "";
    render(<App />, root); // synchronous: no await before looking
    expect(q("[data-module]")!.dataset.module).toBe("radiation");
    expect(h1()).toBe(createTranslate(chainOf("en").map((l) => loadFtl(l)))("home-title"));
    expect(backend.calls).toEqual([]);
    expect(FIRST_SCREEN_GLOBAL in window).toBe(false); // taken once
  });

  test("the first frame holds a screenful of cards; the rest follow once it is painted", async () => {
    backend = fakeBackend({}, {}, 9);
    inject();
    location.hash = "";
    render(<App />, root);
    const cards = () => root.querySelectorAll("[data-module]").length;
    expect(cards()).toBe(4);
    await until(() => cards() === 9, "the whole list");
    expect(backend.calls).toEqual([]);
  });

  test("focus stays at the top of the page it opens on, and moves to the heading on a new screen", async () => {
    inject();
    location.hash = "";
    render(<App />, root);
    await tick();
    await tick();
    expect(document.activeElement?.tagName).not.toBe("H1");
    location.hash = "#/checker";
    await until(() => document.activeElement === q("main h1"), "focus on the checker's heading");
  });

  test("on first run it draws the language screen at once, in the OS language", () => {
    backend = fakeBackend({ onboarded: false, lang: "nb" });
    inject();
    location.hash = "";
    render(<App />, root);
    expect(document.documentElement.lang).toBe("nb");
    expect(q('[data-testid="first-run-continue"]')).not.toBeNull();
    expect(backend.calls).toEqual([]);
  });

  test("a reload (a kiosk's wipe) asks the shell instead of reusing what was true at start", async () => {
    inject();
    const real = performance.getEntriesByType.bind(performance);
    const spy = vi.spyOn(performance, "getEntriesByType").mockImplementation((type: string) =>
      type === "navigation" ? ([{ type: "reload" }] as unknown as PerformanceEntryList) : real(type),
    );
    try {
      await mount();
      expect(backend.calls).toContain("bootstrap");
      await until(() => !!q("[data-module]"), "home list");
      expect(backend.calls).toContain("home");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("first run", () => {
  test("shows the notice and languages by their own names; nothing saved until Continue", async () => {
    backend = fakeBackend({ onboarded: false });
    await mount();
    expect(h1()).toBe("Welcome to ScanWise");
    expect(q('[data-testid="not-diagnosis"]')!.textContent).toMatch(/not a diagnosis/);
    expect(q('[data-lang="ar"]')!.textContent).toBe("العربية");
    (q('[data-lang="ar"]') as HTMLButtonElement).click();
    await until(() => document.documentElement.dir === "rtl", "rtl");
    expect(document.documentElement.lang).toBe("ar");
    expect(backend.calls).not.toContain("save_settings");
    (q('[data-testid="first-run-continue"]') as HTMLButtonElement).click();
    await until(() => backend.settings.onboarded, "saved");
    expect(backend.settings.lang).toBe("ar");
    // The first-run screen is gone: its heading takes over the focus the button had.
    await until(() => document.activeElement === q("main h1"), "focus on the home heading");
  });
});

describe("every screen reaches Get help now in one step", () => {
  for (const hash of ["#/", "#/module/radiation", "#/checker", "#/decoder", "#/questions", "#/search", "#/settings"]) {
    test(hash, async () => {
      await mount(hash);
      expect(q('[data-testid="help-now"]')!.getAttribute("href")).toBe("#/help");
    });
  }
});

describe("module reader", () => {
  test("draft notice, fallback notice, progress and bookmark", async () => {
    backend = fakeBackend({ lang: "nb" });
    await mount("#/module/radiation");
    await until(() => !!q("article.module"), "module");
    expect(q('[data-testid="fallback-notice"]')).not.toBeNull();
    expect(q('[data-testid="draft-notice"]')).not.toBeNull();
    expect(q("article.module")!.getAttribute("lang")).toBe("en");
    (q(".read-toggle") as HTMLButtonElement).click();
    await until(() => q('[data-testid="progress"]')!.textContent!.includes("1"), "progress");
    (q('[data-testid="bookmark"]') as HTMLButtonElement).click();
    await until(() => q('[data-testid="bookmark"]')!.getAttribute("aria-pressed") === "true", "bookmark");
    expect(backend.calls).toContain("set_bookmark");
  });
});

describe("checker", () => {
  const start = async (area = "back") => {
    await mount("#/checker");
    (q(`[data-area="${area}"]`) as HTMLButtonElement).click();
    await until(() => !!q("fieldset.question"), "first question");
  };
  const answer = async (a: string) => {
    const id = q("fieldset.question")!.dataset.question;
    (q(`fieldset.question [data-answer="${a}"]`) as HTMLButtonElement).click();
    await until(() => q("fieldset.question")?.dataset.question !== id, "the next step");
  };

  test("an engine step 'ask X, provisional urgent' shows the card at once and still asks X", async () => {
    backend = fakeBackend({}, {}, 1, () => ({ next_question: "saddle-numbness", outcome: "urgent", show_card: true, triggered: ["fever"], asked_signs: ["fever"] }));
    await start();
    expect(q("fieldset.question")!.dataset.question).toBe("saddle-numbness");
    expect(q(".urgent-card")!.dataset.outcome).toBe("urgent");
    expect(q(".urgent-card")!.dataset.final).toBe("false");
    expect(q('[data-testid="keep-going"]')).not.toBeNull();
    expect(q('[data-testid="triggered"]')!.textContent).toContain("A fever");
  });

  test("the UI shows no card the engine does not ask for, whatever was answered", async () => {
    backend = fakeBackend({}, {}, 1, () => ({ next_question: "fever", outcome: "emergency", show_card: false, triggered: [], asked_signs: [] }));
    await start();
    expect(q(".outcome")).toBeNull();
    expect(q("fieldset.question")!.dataset.question).toBe("fever");
  });

  test("a red flag answered yes shows the emergency card with the region's numbers, and the walk goes on", async () => {
    await start();
    expect(q("fieldset.question")!.dataset.kind).toBe("red_flag_emergency");
    await answer("yes");
    expect(q(".urgent-card")!.dataset.outcome).toBe("emergency");
    expect(q(".urgent-card")!.textContent).toContain("999");
    expect(q("fieldset.question")!.dataset.question).toBe("fever");
    await answer("no");
    expect(q("fieldset.question")).toBeNull();
    expect(q(".urgent-card")!.dataset.final).toBe("true");
  });

  test("not sure on the first question still leads to every other warning sign", async () => {
    await start();
    await answer("not_sure");
    expect(q("fieldset.question")!.dataset.question).toBe("fever");
    expect(q(".urgent-card")!.dataset.outcome).toBe("emergency");
  });

  test("all no ends on the balanced card with the signs asked and the area's safety net", async () => {
    await start();
    for (let i = 0; i < 3; i++) await answer("no");
    await until(() => !!q(".outcome"), "outcome");
    expect(q(".outcome")!.dataset.outcome).toBe("scan_unlikely_to_help");
    expect(q(".urgent-card")).toBeNull();
    expect(q('[data-testid="safety-net"]')!.textContent).toContain("Come back");
    expect(q('[data-testid="signs-asked"]')!.textContent).toContain("Numbness around your bottom");
  });
});

describe("get help now", () => {
  test("lists the checker's signs by tier", async () => {
    await mount("#/help");
    await until(() => !!q('[data-testid="help-signs"]'), "signs");
    expect(q('[data-tier="emergency"] [data-sign="saddle-numbness"]')).not.toBeNull();
    expect(q('[data-tier="urgent"] [data-sign="fever"]')).not.toBeNull();
  });
});

describe("decoder", () => {
  test("highlight splits text around findings", () => {
    const parts = highlight("a disc bulge b", [{ concept: "x", term: "", explanation: "", matched: "disc bulge", start: 2, end: 12, status: "present", class: "common", prevalence: [], prevalence_source: null, see_module: null }]);
    expect(parts.length).toBe(3);
    expect(parts[0]).toBe("a ");
    expect(parts[2]).toBe(" b");
  });

  test("absent findings are listed as not found; age stays on screen unless remembered", async () => {
    await mount("#/decoder");
    const ta = q('[data-testid="report-text"]') as HTMLTextAreaElement;
    ta.value = "Mild disc bulge. No stenosis.";
    ta.dispatchEvent(new Event("input"));
    await until(() => !(q('[data-testid="decode"]') as HTMLButtonElement).disabled, "enabled");
    (q('[data-testid="decode"]') as HTMLButtonElement).click();
    await until(() => !!q('[data-testid="marked"]'), "marked");
    expect(q('.findings.absent [data-concept="spinal-stenosis"]')).not.toBeNull();
    expect(q('.findings:not(.absent) [data-concept="spinal-stenosis"]')).toBeNull();
    const age = q('[data-testid="age"]') as HTMLInputElement;
    age.value = "45";
    age.dispatchEvent(new Event("input"));
    await until(() => !!q('[data-testid="chart"]'), "chart");
    expect(q('[data-testid="chart"]')!.textContent!.replace(/[\u2068\u2069]/g, "")).toContain("50 in 100");
    expect(backend.settings.age).toBeNull();
  });

  test("serious words come first in their own panel, without a chart, with numbers when urgent", async () => {
    await mount("#/decoder");
    const ta = q('[data-testid="report-text"]') as HTMLTextAreaElement;
    ta.value = "Mild disc bulge. Lesion suspicious for metastasis, recommend urgent MRI.";
    ta.dispatchEvent(new Event("input"));
    await until(() => !(q('[data-testid="decode"]') as HTMLButtonElement).disabled, "enabled");
    (q('[data-testid="decode"]') as HTMLButtonElement).click();
    await until(() => !!q('[data-testid="serious"]'), "serious panel");
    const panel = q('[data-testid="serious"]')!;
    const marked = q('[data-testid="marked"]')!;
    expect(panel.compareDocumentPosition(marked) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(panel.querySelector('[data-concept="metastasis"]')).not.toBeNull();
    expect(q('.findings:not(.absent) [data-concept="disc-bulge"]')!.closest('[data-testid="serious"]')).toBeNull();
    expect(q('[data-testid="serious-numbers"]')).not.toBeNull();
    const age = q('[data-testid="age"]') as HTMLInputElement;
    age.value = "45";
    age.dispatchEvent(new Event("input"));
    await until(() => !!q('[data-testid="chart"]'), "chart");
    expect(q('[data-testid="chart"] [data-concept="metastasis"]')).toBeNull();
  });

  test("no serious panel without a serious word", async () => {
    await mount("#/decoder");
    const ta = q('[data-testid="report-text"]') as HTMLTextAreaElement;
    ta.value = "Mild disc bulge.";
    ta.dispatchEvent(new Event("input"));
    await until(() => !(q('[data-testid="decode"]') as HTMLButtonElement).disabled, "enabled");
    (q('[data-testid="decode"]') as HTMLButtonElement).click();
    await until(() => !!q('[data-testid="marked"]'), "marked");
    expect(q('[data-testid="serious"]')).toBeNull();
  });
});

describe("my questions", () => {
  test("own questions are added and print calls window.print", async () => {
    await mount("#/questions");
    await until(() => !!q('[data-testid="own-question"]'), "form");
    const input = q('[data-testid="own-question"]') as HTMLInputElement;
    input.value = "Can I work?";
    input.dispatchEvent(new Event("input"));
    await tick();
    q("form.own")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await until(() => !!q('[data-testid="question-table"]'), "table");
    expect(q('[data-testid="question-table"]')!.textContent).toContain("Can I work?");
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    (q('[data-testid="print"]') as HTMLButtonElement).click();
    expect(print).toHaveBeenCalledOnce();
  });
});

describe("settings", () => {
  test("text size and theme reach <html>", async () => {
    await mount("#/settings");
    (q('[data-size="200"]') as HTMLButtonElement).click();
    await until(() => document.documentElement.style.getPropertyValue("--text-scale") === "2", "scale");
    (q('[data-theme-choice="dark"]') as HTMLInputElement).click();
    await until(() => document.documentElement.dataset.theme === "dark", "theme");
  });
});

import { describe, expect, test, vi } from "vitest";
import { join } from "node:path";
import { createTranslate, type Translate } from "../src/i18n";
import { chainOf, loadFtl } from "./fake-backend";

const FIXTURES = join(__dirname, "../../crates/core/tests/fixtures/locales");
/** Isolation marks make exact comparisons noisy; the app keeps them on. */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, "");

/** The app's strings for one UI language, as the shell sends them (the chain's FTL sources). */
function app(lang: string, warn: (m: string) => void = () => {}): Translate {
  return createTranslate(chainOf(lang).map((l) => loadFtl(l)), warn);
}

describe("formatting the chain's FTL sources (core's test fixtures)", () => {
  const warnings: string[] = [];
  const t = createTranslate(["ar", "en"].map((l) => loadFtl(l, FIXTURES)), (m) => warnings.push(m));

  test("first language of the chain, then the fallback, attributes, no terms", () => {
    expect(t("nav-home")).toBe("الرئيسية");
    expect(t("decoder-absent")).toBe("Not found in your report"); // missing in ar: English
    expect(t("search-box.placeholder")).toBe("ابحث في الوحدات والكلمات");
    expect(t("app-title")).toBe("ScanWise"); // a term, used inside a message
    expect(t("-brand")).toBe("-brand"); // terms are private to the FTL files
    expect(warnings.filter((w) => !w.includes("-brand"))).toEqual([]);
  });

  test("arguments are filled in inside Unicode isolation marks; a missing one stays visible", () => {
    expect(t("greeting", { name: "Kari" })).toBe("مرحبًا، \u2068Kari\u2069!");
    expect(t("greeting")).toBe("مرحبًا، \u2068{$name}\u2069!");
  });

  test("Arabic plurals: zero, one, two, few, many, other", () => {
    const forms = [0, 1, 2, 3, 11, 100].map((count) => plain(t("modules-count", { count })));
    expect(forms).toEqual(["لا توجد وحدات", "وحدة واحدة", "وحدتان", "3 وحدات", "11 وحدة", "100 وحدة"]);
  });

  test("a missing id shows as itself and is logged once", () => {
    const warn = vi.fn();
    const en = createTranslate([loadFtl("en", FIXTURES)], warn);
    expect(en("no-such-id")).toBe("no-such-id");
    expect(en("no-such-id")).toBe("no-such-id");
    expect(en("nav-home.no-such-attr")).toBe("nav-home.no-such-attr");
    expect(warn.mock.calls.map(([m]) => m)).toEqual(["missing UI string: no-such-id", "missing UI string: nav-home.no-such-attr"]);
  });

  test("Norwegian Bokmål falls back to English, and its plurals are one/other", () => {
    const nb = createTranslate(["nb", "en"].map((l) => loadFtl(l, FIXTURES)));
    expect(nb("nav-home")).toBe("Hjem");
    expect(plain(nb("modules-count", { count: 1 }))).toBe("Én modul");
    expect(plain(nb("modules-count", { count: 3 }))).toBe("3 moduler");
  });
});

describe("the app's own strings", () => {
  test("every shipped language parses without a problem", () => {
    for (const lang of ["en", "nb", "ar", "pl"]) {
      const warn = vi.fn();
      app(lang, warn);
      expect(warn, lang).not.toHaveBeenCalled();
    }
  });

  test("Arabic minutes and parts take the form of their number", () => {
    const ar = app("ar");
    expect([1, 2, 3, 10, 11, 100].map((minutes) => plain(ar("minutes", { minutes })))).toEqual([
      "قراءة دقيقة واحدة",
      "قراءة دقيقتين",
      "قراءة 3 دقائق",
      "قراءة 10 دقائق",
      "قراءة 11 دقيقة",
      "قراءة 100 دقيقة",
    ]);
    expect(plain(ar("progress-read", { read: 1, total: 2 }))).toBe("قرأت 1 من جزأين");
    expect(plain(ar("progress-read", { read: 0, total: 4 }))).toBe("قرأت 0 من 4 أجزاء");
  });

  test("Polish: one, few, many", () => {
    const pl = app("pl");
    const signs = [1, 3, 5, 22, 25].map((count) => plain(pl("checker-signs-asked", { count })));
    expect(signs).toEqual([
      "Ten test pytał o 1 objaw alarmowy",
      "Ten test pytał o 3 objawy alarmowe",
      "Ten test pytał o 5 objawów alarmowych",
      "Ten test pytał o 22 objawy alarmowe",
      "Ten test pytał o 25 objawów alarmowych",
    ]);
    expect(plain(pl("link-too-many-modules", { given: 22, kept: 20 }))).toBe("Link wskazuje 22 strony; pokazano pierwsze 20.");
    expect(plain(pl("link-too-many-modules", { given: 25, kept: 20 }))).toBe("Link wskazuje 25 stron; pokazano pierwsze 20.");
  });

  test("English and Norwegian: one and other", () => {
    const en = app("en");
    expect(plain(en("progress-read", { read: 0, total: 1 }))).toBe("0 of 1 part read");
    expect(plain(en("progress-read", { read: 1, total: 3 }))).toBe("1 of 3 parts read");
    expect(plain(en("link-unknown-modules", { count: 1 }))).toBe("One page in the link is not on this device (yet).");
    const nb = app("nb");
    expect(plain(nb("checker-signs-asked", { count: 1 }))).toBe("Denne sjekken spurte om 1 faresignal");
    expect(plain(nb("checker-signs-asked", { count: 4 }))).toBe("Denne sjekken spurte om 4 faresignaler");
  });

  test("numbers keep Latin digits and no grouping, as the core writes them, in every language", () => {
    for (const lang of ["en", "nb", "ar", "pl"]) {
      expect(app(lang)("progress-read", { read: 1234, total: 5678 }), lang).toMatch(/\u20681234\u2069.*\u20685678\u2069/);
    }
  });

  test("each translate function has its own missing-id memory (fresh state per App)", () => {
    const first = vi.fn();
    const second = vi.fn();
    app("en", first)("no-such-id");
    app("en", second)("no-such-id");
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe("importing modules", () => {
  test("no screen, nor the app, adds a window or document listener when it is imported", async () => {
    vi.resetModules();
    const onWindow = vi.spyOn(window, "addEventListener");
    const onDocument = vi.spyOn(document, "addEventListener");
    try {
      const screens = ["checker", "common", "decoder", "first-run", "glossary", "help", "home", "kiosk", "module", "prescription", "questions", "search", "settings", "share"];
      for (const s of screens) await import(`../src/screens/${s}.tsx`);
      await import("../src/app");
      await import("../src/visit");
      await import("../src/events");
      expect(onWindow.mock.calls.map(([type]) => type)).toEqual([]);
      expect(onDocument.mock.calls.map(([type]) => type)).toEqual([]);
    } finally {
      onWindow.mockRestore();
      onDocument.mockRestore();
    }
  });
});

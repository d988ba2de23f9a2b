import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { render } from "preact";
import { fakeBackend, fakeShellEvents, type FakeVisit } from "./fake-backend";
import { FIRST_SCREEN_GLOBAL, type ModuleCard, type Settings } from "../src/bindings";
import { Visit } from "../src/visit";

let backend = fakeBackend();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (cmd: string, args: Record<string, unknown>) => backend.invoke(cmd, args) }));
// The shell's events (Tauri events of the IPC contract) are sent with `shellEvents.emit`.
const shellEvents = fakeShellEvents();
vi.mock("@tauri-apps/api/event", () => ({ listen: (event: string, handler: (e: { payload: unknown }) => void) => shellEvents.listen(event, handler) }));

const { App } = await import("../src/app");
const { noticeMessage, startIdleTimer } = await import("../src/visit");

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

async function mount(settings: Partial<Settings>, visit: FakeVisit, hash = "#/") {
  backend = fakeBackend(settings, visit);
  location.hash = hash;
  render(<App />, root);
  await until(() => !!q("h1") && !q(".loading"), "first screen");
}

beforeEach(() => {
  root = document.createElement("div");
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe("prescription links", () => {
  test("a link opens its modules in its language, without saving the language", async () => {
    await mount({}, { link: { prescription: { modules: ["radiation"], lang: "nb", open: "questions" }, notices: [] } });
    await until(() => location.hash.startsWith("#/open/"), "prescription route");
    await until(() => !!q('[data-testid="prescription"] [data-module="radiation"]'), "module card");
    expect(document.documentElement.lang).toBe("nb");
    expect(h1()).toBe("Sider fra klinikken din");
    expect(q('[data-testid="link-tool"]')!.getAttribute("href")).toBe("#/questions");
    expect(backend.calls).not.toContain("save_settings");
    expect(backend.settings.lang).toBe("en");
  });

  test("a link the app started with comes in the first screen: no call before it shows", async () => {
    backend = fakeBackend({}, { link: { prescription: { modules: ["radiation"], lang: "ar", open: null }, notices: [] } });
    (window as unknown as Record<string, unknown>)[FIRST_SCREEN_GLOBAL] = backend.firstScreen();
    backend.calls.length = 0;
    location.hash = "";
    render(<App />, root);
    await until(() => !!q('[data-testid="prescription"] [data-module="radiation"]'), "module card");
    expect(location.hash).toMatch(/^#\/open\//);
    expect(document.documentElement.dir).toBe("rtl");
    expect(backend.calls).not.toContain("take_link");
    expect(backend.calls).not.toContain("bootstrap");
  });

  test("a link with nothing usable opens home with its notices, once", async () => {
    await mount({}, { link: { prescription: { modules: [], lang: null, open: null }, notices: [{ code: "invalid_module_ids", count: 2 }, { code: "unknown_modules", ids: ["nope"] }] } });
    await until(() => !!q('[data-testid="link-notices"]'), "notices");
    expect(location.hash).toBe("#/");
    const items = [...root.querySelectorAll("[data-notice]")].map((e) => e.getAttribute("data-notice"));
    expect(items).toEqual(["invalid_module_ids", "unknown_modules"]);
    expect(q('[data-testid="link-notices"]')!.textContent).toMatch(/not page names/);
  });

  test("notices map to message ids, never to text from the link", () => {
    expect(noticeMessage({ code: "unknown_modules", ids: ["<script>alert(1)</script>"] })).toEqual(["link-unknown-modules", { count: 1 }]);
    expect(noticeMessage({ code: "too_many_modules", given: 500, kept: 20 })).toEqual(["link-too-many-modules", { given: 500, kept: 20 }]);
    expect(noticeMessage({ code: "not_a_prescription" })[0]).toBe("link-not-a-prescription");
  });

  test("share shows a QR code image and the web address as text", async () => {
    await mount({}, {}, "#/module/radiation");
    await until(() => !!q('[data-testid="share"]'), "share button");
    q('[data-testid="share"]')!.click();
    await until(() => !!q('[data-testid="share-qr"] img'), "qr");
    expect(q('[data-testid="share-qr"] img')!.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(q('[data-testid="share-url"]')!.textContent).toBe("https://scanwise.example/open?m=radiation");
  });
});

describe("kiosk", () => {
  test("no settings, a big language picker that does not save, and no first-run screen", async () => {
    await mount({ onboarded: false }, { kiosk: { languages: ["en", "ar"], pin: "2468" } });
    await until(() => !!q(".kiosk-languages"), "picker");
    expect(root.querySelector('a[href="#/settings"]')).toBeNull();
    const langs = [...root.querySelectorAll("[data-kiosk-lang]")].map((e) => e.getAttribute("data-kiosk-lang"));
    expect(langs).toEqual(["en", "ar"]);
    (q('[data-kiosk-lang="ar"]') as HTMLButtonElement).click();
    await until(() => document.documentElement.dir === "rtl", "rtl");
    expect(backend.calls).toContain("set_visit_language");
    expect(backend.calls).not.toContain("save_settings");
  });

  test("leaving needs the PIN", async () => {
    await mount({}, { kiosk: { pin: "2468" } });
    q('[data-testid="kiosk-exit"]')!.click();
    await until(() => !!q('[data-testid="kiosk-pin"]'), "pin form");
    (q('[data-testid="kiosk-pin-submit"]') as HTMLButtonElement).click();
    await until(() => !!q('[data-testid="kiosk-pin-error"]'), "error");
    expect(q('[data-testid="kiosk-pin-error"]')!.textContent).toBe("That PIN is not right.");
  });

  test("the idle timer starts with input, fires after the quiet time and is re-armed by input", () => {
    vi.useFakeTimers();
    try {
      let fired = 0;
      const stop = startIdleTimer(3, () => fired++);
      vi.advanceTimersByTime(10_000);
      expect(fired).toBe(0);
      window.dispatchEvent(new Event("pointerdown"));
      vi.advanceTimersByTime(2500);
      window.dispatchEvent(new Event("keydown"));
      vi.advanceTimersByTime(2500);
      expect(fired).toBe(0);
      vi.advanceTimersByTime(600);
      expect(fired).toBe(1);
      vi.advanceTimersByTime(10_000);
      expect(fired).toBe(1);
      window.dispatchEvent(new Event("keydown"));
      stop();
      vi.advanceTimersByTime(10_000);
      expect(fired).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("state of a visit", () => {
  const home = () => until(() => !!q("[data-module]"), "home cards");
  const go = async (hash: string) => {
    location.hash = hash;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await tick();
  };

  test("content installed while another screen shows is shown when home opens next, once", async () => {
    await mount({}, {}, "#/search");
    shellEvents.emit("ContentReady", null);
    await go("#/");
    await home();
    expect(backend.calls.filter((c) => c === "show_new_content")).toEqual(["show_new_content"]);
    await go("#/search");
    await go("#/");
    await home();
    expect(backend.calls.filter((c) => c === "show_new_content")).toEqual(["show_new_content"]);
  });

  test("each App starts a fresh visit, and an unmounted one stops listening", async () => {
    await mount({}, {}, "#/search");
    shellEvents.emit("ContentReady", null);
    render(null, root);
    shellEvents.emit("ContentReady", null);
    await mount({}, {}, "#/");
    await home();
    expect(backend.calls).not.toContain("show_new_content");
  });

  test("the first screen's home list is used once, by the Visit that took it", () => {
    const a = new Visit();
    const cards = [] as ModuleCard[];
    a.setFirstHome(cards);
    expect(new Visit().takeFirstHome()).toBeNull();
    expect(a.takeFirstHome()).toBe(cards);
    expect(a.takeFirstHome()).toBeNull();
  });

  test("link notices read in the plural of their count", async () => {
    await mount({}, { link: { prescription: { modules: [], lang: null, open: null }, notices: [{ code: "unknown_modules", ids: ["nope"] }, { code: "invalid_module_ids", count: 3 }] } });
    await until(() => !!q('[data-testid="link-notices"]'), "notices");
    const items = [...root.querySelectorAll("[data-notice]")].map((e) => e.textContent!.replace(/[\u2068\u2069]/g, ""));
    expect(items).toEqual(["One page in the link is not on this device (yet).", "3 entries in the link are not page names."]);
  });
});

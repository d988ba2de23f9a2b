import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Bootstrap, Settings } from "./bindings";
import type { Visit } from "./visit";

export interface AppState {
  boot: Bootstrap;
  /** Saves settings through the core and re-resolves language, strings and region. */
  save: (patch: Partial<Settings>) => Promise<void>;
  /** Shows a bootstrap the shell already resolved (a link's or the kiosk picker's language). */
  replace: (boot: Bootstrap) => void;
  /** The link, kiosk and waiting-content state of this visit. */
  visit: Visit;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error("useApp outside <App>");
  return s;
}

/** Puts language, direction, theme, text size and motion on <html>, where CSS and axe read them. */
export function applyToDocument(boot: Bootstrap): void {
  const html = document.documentElement;
  html.lang = boot.locale.lang;
  html.dir = boot.locale.dir;
  html.dataset.theme = boot.settings.theme;
  html.dataset.motion = boot.settings.reduced_motion ? "reduce" : "normal";
  // CSSOM, not a style attribute: allowed by the strict CSP.
  html.style.setProperty("--text-scale", String(boot.settings.text_size / 100));
}

export function langDir(boot: Bootstrap, lang: string): "ltr" | "rtl" {
  return boot.languages.find((l) => l.code === lang)?.dir === "rtl" ? "rtl" : "ltr";
}

// UI strings with Project Fluent. The shell sends the FTL sources of the negotiated language
// chain (best first, ending in `en`); they are formatted here, per call, so arguments, plurals
// and selectors (`{ $count -> [one] … *[other] … }`) work as they do in the core.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { FluentBundle, FluentNumber, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { FtlSource } from "./bindings";

export type Args = Record<string, string | number>;
/** The string for `id` (or `id.attribute`) with `args` filled in. */
export type Translate = (id: string, args?: Args) => string;

// Numbers read as the core writes them: Latin digits and no grouping, whatever the platform's
// ICU data would pick for the language (plural rules still follow the language).
const NUMBER_FORMAT = { numberingSystem: "latn", useGrouping: false } as Intl.NumberFormatOptions;

/** Bundles for one language chain. A string missing in the first language comes from the next
 *  (nb → en); an id missing everywhere shows as itself, logged once. Placeables keep Fluent's
 *  Unicode isolation marks (U+2068 … U+2069), which keep mixed-direction text readable. */
export function createTranslate(sources: FtlSource[], warn: (message: string) => void = console.warn): Translate {
  const bundles: FluentBundle[] = [];
  for (const { lang, source } of sources) {
    let bundle = bundles.find((b) => b.locales[0] === lang);
    if (!bundle) {
      bundle = new FluentBundle(lang, { useIsolating: true });
      bundles.push(bundle);
    }
    // Broken entries are skipped, not fatal: `cargo xtask check-locales` is the gate.
    for (const e of bundle.addResource(new FluentResource(source))) warn(`UI strings (${lang}): ${e.message}`);
  }
  const missing = new Set<string>();

  return (id, args) => {
    const dot = id.indexOf(".");
    const [messageId, attribute] = dot < 0 ? [id, null] : [id.slice(0, dot), id.slice(dot + 1)];
    const fluentArgs = args && toFluentArgs(args);
    for (const bundle of bundles) {
      const message = bundle.getMessage(messageId);
      const pattern = attribute === null ? message?.value : message?.attributes[attribute];
      if (!pattern) continue;
      // A missing argument shows as `{$name}`, as in the core; it is a bug of the caller.
      const errors: Error[] = [];
      const text = bundle.formatPattern(pattern, fluentArgs, errors);
      for (const e of errors) warn(`UI string ${id} (${bundle.locales[0]}): ${e.message}`);
      return text;
    }
    if (!missing.has(id)) {
      missing.add(id);
      warn(`missing UI string: ${id}`);
    }
    return id;
  };
}

function toFluentArgs(args: Args): Record<string, FluentVariable> {
  const out: Record<string, FluentVariable> = {};
  for (const [name, value] of Object.entries(args)) {
    out[name] = typeof value === "number" ? new FluentNumber(value, NUMBER_FORMAT) : value;
  }
  return out;
}

/** The UI strings of the shown language, provided by <App> (see app.tsx). */
export const TranslateContext = createContext<Translate | null>(null);

export function useT(): Translate {
  const t = useContext(TranslateContext);
  if (!t) throw new Error("useT outside <App>");
  return t;
}

/** A region's name in the UI language, from the platform's ICU data (no strings to ship). */
export function regionName(t: Translate, code: string, lang: string): string {
  if (code === "default") return t("region-default");
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

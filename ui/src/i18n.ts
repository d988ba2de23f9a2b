// UI strings come resolved from the core's Fluent localiser (one map per language chain).
// Variables are left as `{ $name }` placeables by the core and filled in here.

let messages: Record<string, string> = {};
const missing = new Set<string>();

export function setMessages(m: Record<string, string>): void {
  messages = m;
  missing.clear();
}

// Fluent wraps placeables in Unicode isolation marks (U+2068 … U+2069) so mixed-direction
// text stays readable; keep them around substituted values too.
const PLACEABLE = /\u2068?\{\s*\$([A-Za-z0-9_-]+)\s*\}\u2069?/g;

/** The string for `id`, or `id` itself when it is missing (logged once, never thrown). */
export function t(id: string, args?: Record<string, string | number>): string {
  const pattern = messages[id];
  if (pattern === undefined) {
    if (!missing.has(id)) {
      missing.add(id);
      console.warn(`missing UI string: ${id}`);
    }
    return id;
  }
  if (!args) return pattern;
  return pattern.replace(PLACEABLE, (whole, name: string) =>
    name in args ? `\u2068${String(args[name])}\u2069` : whole,
  );
}

/** A region's name in the UI language, from the platform's ICU data (no strings to ship). */
export function regionName(code: string, lang: string): string {
  if (code === "default") return t("region-default");
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

import { useEffect, useState } from "preact/hooks";

// Hash routes, so the content's internal links (`#/module/ID`, `#/glossary/ID`) just work.
export type Route =
  | { name: "home"; area: string | null }
  | { name: "module"; id: string; anchor: string | null }
  | { name: "glossary"; id: string }
  | { name: "checker" }
  | { name: "decoder" }
  | { name: "questions" }
  | { name: "search"; query: string }
  | { name: "settings" }
  | { name: "help" }
  | { name: "open"; serial: string };

export function parseRoute(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case "area":
      return { name: "home", area: parts[1] ?? null };
    case "module":
      if (parts[1]) return { name: "module", id: parts[1], anchor: parts[2] ?? null };
      break;
    case "glossary":
      if (parts[1]) return { name: "glossary", id: parts[1] };
      break;
    case "checker":
    case "decoder":
    case "questions":
    case "settings":
    case "help":
      return { name: parts[0] };
    case "open":
      return { name: "open", serial: parts[1] ?? "" };
    case "search":
      return { name: "search", query: new URLSearchParams(query).get("q") ?? "" };
  }
  return { name: "home", area: null };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function go(hash: string): void {
  location.hash = hash;
}

import { useState } from "preact/hooks";
import { commands, type SearchHit } from "../bindings";
import { useT } from "../i18n";
import { useApp } from "../state";
import { Title } from "./common";

function hitHref(h: SearchHit): string {
  if (h.kind === "concept") return `#/glossary/${h.id}`;
  return h.anchor ? `#/module/${h.id}/${h.anchor}` : `#/module/${h.id}`;
}

export function Search({ initial }: { initial: string }) {
  const t = useT();
  const { boot } = useApp();
  const [query, setQuery] = useState(initial);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const run = async (q: string) => {
    setQuery(q);
    setHits(q.trim() ? await commands.search(q) : null);
  };
  return (
    <>
      <Title>{t("search-title")}</Title>
      <form role="search" onSubmit={(e) => { e.preventDefault(); run(query); }}>
        <label class="field" for="search-input">{t("search-label")}</label>
        <div class="search-row">
          <input id="search-input" type="search" value={query} onInput={(e) => run((e.target as HTMLInputElement).value)} data-testid="search-input" />
          <button type="submit">{t("search-button")}</button>
        </div>
      </form>
      <div aria-live="polite">
        {hits && hits.length === 0 && <p data-testid="no-hits">{t("search-none", { query })}</p>}
        {hits && hits.length > 0 && (
          <ul class="hits" data-testid="hits">
            {hits.map((h, i) => (
              <li key={i} data-kind={h.kind} data-id={h.id}>
                <a href={hitHref(h)}>{h.title}</a>
                <span class="badge">{t(`hit-${h.kind}`)}</span>
                <p class="snippet" lang={boot.locale.lang}>
                  {h.snippet.map((s, j) => (s.hit ? <mark key={j}>{s.text}</mark> : s.text))}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

import { commands } from "../bindings";
import { useT } from "../i18n";
import { useApp } from "../state";
import { Loading, Title, useLoad } from "./common";

export function GlossaryEntry({ id }: { id: string }) {
  const t = useT();
  const { boot } = useApp();
  const load = useLoad(() => commands.concept(id), [id, boot.locale.lang]);
  return (
    <Loading load={load}>
      {() => {
        const c = load.data!;
        return (
          <article class="concept" data-concept={c.id}>
            <Title>{c.term}</Title>
            <p>{c.explanation}</p>
            {c.aliases.length > 0 && <p class="aliases">{t("glossary-also-written", { words: c.aliases.slice(0, 6).join(", ") })}</p>}
            {c.see_module && <p><a href={`#/module/${c.see_module}`}>{t("decoder-read-more")}</a></p>}
            <p><a href="#/decoder">{t("home-decoder-cta")}</a></p>
          </article>
        );
      }}
    </Loading>
  );
}

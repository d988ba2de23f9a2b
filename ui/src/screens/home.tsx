import { useEffect, useState } from "preact/hooks";
import { commands, type BodyArea, type ModuleCard } from "../bindings";
import { useT } from "../i18n";
import { useApp } from "../state";
import { Loading, Title, languageName, useLoad } from "./common";

const AREAS: BodyArea[] = ["back", "knee", "shoulder"];
/** Cards in the first frame at startup: more than a phone or desktop window shows at once. */
const FIRST_FRAME_CARDS = 4;

/** The shell sets this before any script runs when `sync-state.db` was unreadable at start:
 * the content shown is the last good content (or the seed). No IPC call for it. */
const contentDamaged = (window as { __scanwiseContentDamaged?: boolean }).__scanwiseContentDamaged === true;

export function Home({ area }: { area: string | null }) {
  const t = useT();
  const { boot, visit } = useApp();
  const chosen = AREAS.includes(area as BodyArea) ? (area as BodyArea) : null;
  // The home screen is the safe moment to show content an update installed (asked only when
  // the updater said so, so the usual home costs no extra call).
  const [first] = useState(() => (chosen === null ? visit.takeFirstHome() : null));
  const load = useLoad(
    () =>
      visit.contentWaiting
        ? commands.showNewContent().then(() => ((visit.contentWaiting = false), commands.home(chosen)))
        : commands.home(chosen),
    [chosen, boot.locale.lang],
    first,
  );
  // At startup the first frame holds only the cards a screen shows; the rest follow as soon as
  // it is painted (effects run after paint). Laying out and painting the whole list first made
  // the first frame about 50 ms later on a machine without a GPU (`cargo xtask bench app`).
  const [staged, setStaged] = useState(first !== null);
  useEffect(() => setStaged(false), []);
  return (
    <>
      <Title>{chosen ? t(`area-${chosen}`) : t("home-title")}</Title>
      <p class="lede">{t("home-lede")}</p>
      {contentDamaged && <p class="notice" role="status" data-testid="updates-damaged">{t("updates-damaged")}</p>}
      <nav aria-label={t("home-by-area")} class="areas">
        <ul>
          {AREAS.map((a) => (
            <li key={a}>
              <a href={`#/area/${a}`} class={`area area-${a}`} aria-current={chosen === a ? "page" : undefined}>
                {t(`area-${a}`)}
              </a>
            </li>
          ))}
          <li>
            <a href="#/" class="area" aria-current={chosen === null ? "page" : undefined}>{t("area-all")}</a>
          </li>
        </ul>
      </nav>
      <div class="quick">
        <a class="card-link" href="#/checker">{t("home-checker-cta")}</a>
        <a class="card-link" href="#/decoder">{t("home-decoder-cta")}</a>
      </div>
      <Loading load={load}>
        {() => {
          const cards = load.data!;
          const saved = cards.filter((c) => c.bookmarked);
          const areaCards = cards.filter((c) => c.areas.some((a) => a !== "general"));
          const topics = cards.filter((c) => c.areas.every((a) => a === "general"));
          let budget = staged ? FIRST_FRAME_CARDS : Infinity;
          const take = (list: ModuleCard[]) => {
            const shown = list.slice(0, budget);
            budget -= shown.length;
            return shown;
          };
          return (
            <>
              {saved.length > 0 && <CardList title={t("home-saved")} cards={take(saved)} id="saved" />}
              {chosen ? (
                <CardList title={t("home-modules")} cards={take(cards)} id="modules" />
              ) : (
                <>
                  <CardList title={t("home-by-area")} cards={take(areaCards)} id="by-area" />
                  <CardList title={t("home-by-topic")} cards={take(topics)} id="topics" />
                </>
              )}
            </>
          );
        }}
      </Loading>
    </>
  );
}

export function CardList({ title, cards, id }: { title: string; cards: ModuleCard[]; id: string }) {
  const t = useT();
  const { boot } = useApp();
  if (cards.length === 0) return null;
  return (
    <section aria-labelledby={`h-${id}`}>
      <h2 id={`h-${id}`}>{title}</h2>
      <ul class="cards">
        {cards.map((c) => (
          <li key={c.id} class="card" data-module={c.id}>
            <h3 lang={c.lang}>
              <a href={`#/module/${c.id}`}>{c.title}</a>
            </h3>
            <p lang={c.lang}>{c.summary}</p>
            <p class="meta">
              <span>{t("minutes", { minutes: c.minutes })}</span>
              {c.sections_read > 0 && (
                <span class="progress-text">{t("progress-read", { read: c.sections_read, total: c.sections_total })}</span>
              )}
              {c.bookmarked && <span class="badge">{t("bookmarked")}</span>}
              {c.review === "draft" && <span class="badge draft">{t("review-draft-short")}</span>}
              {c.is_fallback && <span class="badge">{t("fallback-badge", { language: languageName(c.lang, boot.languages) })}</span>}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

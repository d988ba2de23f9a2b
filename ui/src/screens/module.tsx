import { useEffect, useState } from "preact/hooks";
import { commands, type ModuleDoc, type MythOrFact } from "../bindings";
import { useT } from "../i18n";
import { langDir, useApp } from "../state";
import { Loading, Title, languageName, useLoad } from "./common";
import { ShareButton } from "./share";

export function ModuleReader({ id, anchor }: { id: string; anchor: string | null }) {
  const { boot } = useApp();
  const load = useLoad(() => commands.openModule(id), [id, boot.locale.lang]);
  useEffect(() => {
    if (load.data && anchor) document.getElementById(`s-${anchor}`)?.scrollIntoView();
  }, [load.data, anchor]);
  return <Loading load={load}>{() => <Doc doc={load.data!} />}</Loading>;
}

function Doc({ doc: initial }: { doc: ModuleDoc }) {
  const t = useT();
  const { boot, visit } = useApp();
  const [doc, setDoc] = useState(initial);
  const [added, setAdded] = useState<Set<string>>(new Set());
  const dir = langDir(boot, doc.lang);

  const toggleBookmark = async () => {
    await commands.setBookmark(doc.id, !doc.bookmarked);
    setDoc({ ...doc, bookmarked: !doc.bookmarked });
  };
  const markRead = async (anchor: string) => {
    await commands.markRead(doc.id, anchor);
    setDoc({ ...doc, read: [...doc.read, anchor] });
  };
  const addQuestion = async (qid: string) => {
    await commands.addQuestion(qid, "module");
    setAdded(new Set([...added, qid]));
  };

  return (
    <article class="module" lang={doc.lang} dir={dir} data-module={doc.id} onClick={onContentClick}>
      <Title>{doc.title}</Title>
      {doc.is_fallback && (
        <p class="notice fallback" role="note" lang={boot.locale.lang} dir={boot.locale.dir} data-testid="fallback-notice">
          {t("fallback-notice", {
            requested: languageName(doc.requested_lang, boot.languages),
            shown: languageName(doc.lang, boot.languages),
          })}
        </p>
      )}
      {doc.review.state === "draft" && (
        <p class="notice draft" role="note" lang={boot.locale.lang} dir={boot.locale.dir} data-testid="draft-notice">
          {t("review-draft")}
        </p>
      )}
      <div class="module-tools" lang={boot.locale.lang} dir={boot.locale.dir}>
        <span>{t("minutes", { minutes: doc.minutes })}</span>
        <progress max={doc.sections.length} value={doc.read.length} aria-label={t("progress-label")} />
        <span data-testid="progress">{t("progress-read", { read: doc.read.length, total: doc.sections.length })}</span>
        <button type="button" aria-pressed={doc.bookmarked} onClick={toggleBookmark} data-testid="bookmark">
          {doc.bookmarked ? t("bookmark-remove") : t("bookmark-add")}
        </button>
      </div>
      {/* A kiosk has its own "take this home" in the kiosk bar. */}
      {!visit.isKiosk() && (
        <div lang={boot.locale.lang} dir={boot.locale.dir}>
          <ShareButton prescription={{ modules: [doc.id], lang: boot.locale.lang, open: null }} label={t("share-these")} />
        </div>
      )}
      <p class="lede">{doc.summary}</p>

      {doc.key_points.length > 0 && (
        <section class="key-points" aria-labelledby="h-key-points">
          <h2 id="h-key-points" lang={boot.locale.lang} dir={boot.locale.dir}>{t("key-points")}</h2>
          <ul>{doc.key_points.map((k, i) => <li key={i}>{k}</li>)}</ul>
        </section>
      )}

      {doc.sections.map((s) => {
        const read = doc.read.includes(s.anchor);
        return (
          <section key={s.anchor} id={`s-${s.anchor}`} aria-labelledby={`h-${s.anchor}`} class="section">
            <h2 id={`h-${s.anchor}`}>{s.heading}</h2>
            {/* Sanitised by the authoring pipeline (no scripts, handlers or remote resources). */}
            <div class="prose" dangerouslySetInnerHTML={{ __html: s.html }} />
            <button type="button" class="read-toggle" disabled={read} data-anchor={s.anchor} onClick={() => markRead(s.anchor)} lang={boot.locale.lang} dir={boot.locale.dir}>
              {read ? t("section-read") : t("section-mark-read")}
            </button>
          </section>
        );
      })}

      {doc.myth_or_fact.length > 0 && (
        <section class="myths" aria-labelledby="h-myths">
          <h2 id="h-myths" lang={boot.locale.lang} dir={boot.locale.dir}>{t("myth-title")}</h2>
          {doc.myth_or_fact.map((m, i) => <Myth key={i} item={m} index={i} />)}
        </section>
      )}

      {doc.questions.length > 0 && (
        <section class="module-questions" aria-labelledby="h-mq" lang={boot.locale.lang} dir={boot.locale.dir}>
          <h2 id="h-mq">{t("module-questions")}</h2>
          <ul>
            {doc.questions.map((q) => (
              <li key={q.id}>
                <span lang={doc.lang} dir={dir}>{q.text}</span>{" "}
                <button type="button" disabled={added.has(q.id)} onClick={() => addQuestion(q.id)} data-question={q.id}>
                  {added.has(q.id) ? t("question-added") : t("question-add")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <EvidenceCard doc={doc} />
    </article>
  );
}

/** Citation links (`#ref-ID`) jump to the evidence card instead of changing the route, and
 *  web links never navigate the app's window away (the address is shown beside the link). */
function onContentClick(e: MouseEvent) {
  const a = (e.target as Element).closest?.("a");
  const href = a?.getAttribute("href") ?? "";
  if (href.startsWith("#ref-")) {
    e.preventDefault();
    const target = document.getElementById(href.slice(1));
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  } else if (/^https?:/i.test(href)) {
    e.preventDefault();
  }
}

function Myth({ item, index }: { item: MythOrFact; index: number }) {
  const t = useT();
  const { boot } = useApp();
  const [guess, setGuess] = useState<"myth" | "fact" | null>(null);
  const ui = { lang: boot.locale.lang, dir: boot.locale.dir };
  return (
    <div class="myth" role="group" aria-labelledby={`myth-${index}`}>
      <p id={`myth-${index}`} class="statement">{item.statement}</p>
      <div class="buttons" {...ui}>
        {(["myth", "fact"] as const).map((g) => (
          <button key={g} type="button" aria-pressed={guess === g} onClick={() => setGuess(g)} data-guess={g}>
            {t(`myth-answer-${g}`)}
          </button>
        ))}
      </div>
      {guess && (
        <div class="reveal" aria-live="polite">
          <p {...ui}>
            <strong>{guess === item.answer ? t("myth-right") : t("myth-wrong")}</strong>{" "}
            {t(item.answer === "myth" ? "myth-is-myth" : "myth-is-fact")}
          </p>
          <p>{item.explanation}</p>
        </div>
      )}
    </div>
  );
}

function EvidenceCard({ doc }: { doc: ModuleDoc }) {
  const t = useT();
  const { boot } = useApp();
  const r = doc.review;
  return (
    <aside class="evidence" aria-labelledby="h-evidence" lang={boot.locale.lang} dir={boot.locale.dir} data-testid="evidence">
      <h2 id="h-evidence">{t("evidence-title")}</h2>
      <dl>
        <dt>{t("evidence-review")}</dt>
        <dd data-testid="review-state">
          {r.state === "draft"
            ? t("review-draft")
            : t("review-by", { reviewer: r.reviewer ?? "?", date: r.reviewed_on ?? "?" })}
        </dd>
        {r.next_review && (
          <>
            <dt>{t("evidence-next-review")}</dt>
            <dd>{r.next_review}</dd>
          </>
        )}
        {doc.translation && (
          <>
            <dt>{t("evidence-translated")}</dt>
            <dd>
              {doc.translation.translated_on}
              {doc.translation.stale && <strong class="stale"> {t("translation-stale")}</strong>}
            </dd>
          </>
        )}
        <dt>{t("evidence-languages")}</dt>
        <dd>{doc.languages.map((l) => languageName(l, boot.languages)).join(", ")}</dd>
      </dl>
      {doc.references.length > 0 && (
        <>
          <h3>{t("evidence-references")}</h3>
          <ol class="references">
            {doc.references.map((ref) => (
              <li key={ref.id} id={`ref-${ref.id}`} tabIndex={-1} lang="en" dir="ltr">
                {ref.citation}
                {ref.doi && <> doi:{ref.doi}</>}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}

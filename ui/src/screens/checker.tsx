import { useEffect, useState } from "preact/hooks";
import { commands, type Answer, type BodyArea, type CheckerResult, type CheckerView } from "../bindings";
import { t } from "../i18n";
import { langDir, useApp } from "../state";
import { Loading, Title, useLoad } from "./common";
import { Numbers } from "./help";

const AREAS: BodyArea[] = ["back", "knee", "shoulder"];

export function Checker() {
  const [area, setArea] = useState<BodyArea | null>(null);
  return (
    <>
      <Title>{t("checker-title")}</Title>
      <p class="lede">{t("checker-lede")}</p>
      <fieldset class="area-choice">
        <legend>{t("checker-which-area")}</legend>
        {AREAS.map((a) => (
          <button key={a} type="button" aria-pressed={area === a} data-area={a} onClick={() => setArea(a)}>
            {t(`area-${a}`)}
          </button>
        ))}
      </fieldset>
      {area && <Run key={area} area={area} />}
    </>
  );
}

function Run({ area }: { area: BodyArea }) {
  const { boot } = useApp();
  const load = useLoad(() => commands.checker(area), [area, boot.locale.lang]);
  return <Loading load={load}>{() => <Walk view={load.data!} area={area} />}</Loading>;
}

function Walk({ view, area }: { view: CheckerView; area: BodyArea }) {
  const { boot } = useApp();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [result, setResult] = useState<CheckerResult | null>(null);
  const [saved, setSaved] = useState(false);
  const dir = langDir(boot, view.lang);

  // The engine decides what comes next and what the outcome is; the UI only walks.
  useEffect(() => {
    commands.evaluateChecker(area, answers).then(setResult);
  }, [answers]);
  if (!result) return null;

  const urgent = result.outcome === "emergency" || result.outcome === "urgent";
  const current = urgent ? null : view.questions.find((q) => q.id === result.next_question);
  const outcome = view.outcomes.find((o) => o.kind === result.outcome);
  const answered = view.questions.filter((q) => answers[q.id]);

  const saveQuestions = async () => {
    for (const q of outcome?.questions ?? []) await commands.addQuestion(q, "checker");
    setSaved(true);
  };

  return (
    <div class="checker" lang={view.lang} dir={dir}>
      {answered.length > 0 && (
        <ol class="answered" aria-label={t("checker-your-answers")}>
          {answered.map((q) => (
            <li key={q.id}>
              {q.text} <strong lang={boot.locale.lang} dir={boot.locale.dir}>{t(`answer-${answers[q.id]}`)}</strong>
            </li>
          ))}
        </ol>
      )}
      {current && (
        <fieldset class="question" data-question={current.id} data-kind={current.kind}>
          <legend>
            {current.kind !== "criterion" && (
              <span class="flag-label" lang={boot.locale.lang} dir={boot.locale.dir}>{t("checker-red-flag")} </span>
            )}
            {current.text}
          </legend>
          {current.help && <p class="help-text">{current.help}</p>}
          <div class="buttons" lang={boot.locale.lang} dir={boot.locale.dir}>
            {(["yes", "no", "not_sure"] as Answer[]).map((a) => (
              <button key={a} type="button" data-answer={a} onClick={() => setAnswers({ ...answers, [current.id]: a })}>
                {t(`answer-${a}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {(urgent || !current) && outcome && (
        <section class={urgent ? "urgent-card outcome" : "outcome"} data-outcome={result.outcome} role={urgent ? "alert" : undefined} aria-labelledby="h-outcome">
          <h2 id="h-outcome">{outcome.title}</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: outcome.body }} />
          {urgent && (
            <div lang={boot.locale.lang} dir={boot.locale.dir}>
              <Numbers region={boot.region} />
            </div>
          )}
          {outcome.questions.length > 0 && (
            <p lang={boot.locale.lang} dir={boot.locale.dir}>
              <button type="button" disabled={saved} onClick={saveQuestions} data-testid="save-outcome-questions">
                {saved ? t("question-added") : t("checker-save-questions")}
              </button>{" "}
              <a href="#/questions">{t("nav-questions")}</a>
            </p>
          )}
          <p lang={boot.locale.lang} dir={boot.locale.dir}>
            <button type="button" onClick={() => { setAnswers({}); setSaved(false); }}>{t("checker-restart")}</button>
          </p>
        </section>
      )}
    </div>
  );
}

import { useEffect, useState } from "preact/hooks";
import { commands, type Answer, type BodyArea, type CheckerView, type Step } from "../bindings";
import { useT } from "../i18n";
import { langDir, useApp } from "../state";
import { Loading, Title, useLoad } from "./common";
import { Numbers } from "./help";

const AREAS: BodyArea[] = ["back", "knee", "shoulder"];
/** Cards that send the patient to care, so they carry the region's numbers. */
const CARE_TIERS = ["emergency", "urgent", "soon"];

export function Checker() {
  const t = useT();
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

/** The walk. The engine (`evaluate_checker`) decides every step: which question comes next,
 * which card applies and whether to show it now. This component only renders that step. */
export function Walk({ view, area }: { view: CheckerView; area: BodyArea }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [step, setStep] = useState<Step | null>(null);

  useEffect(() => {
    let live = true;
    commands.evaluateChecker(area, answers).then((s) => live && setStep(s));
    return () => {
      live = false;
    };
  }, [answers]);
  if (!step) return null;
  return <StepView view={view} area={area} step={step} answers={answers} answer={(id, a) => setAnswers({ ...answers, [id]: a })} restart={() => setAnswers({})} />;
}

export function StepView({ view, area, step, answers, answer, restart }: {
  view: CheckerView;
  area: BodyArea;
  step: Step;
  answers: Record<string, Answer>;
  answer: (id: string, a: Answer) => void;
  restart: () => void;
}) {
  const t = useT();
  const { boot } = useApp();
  const dir = langDir(boot, view.lang);
  const current = view.questions.find((q) => q.id === step.next_question) ?? null;
  const answered = view.questions.filter((q) => answers[q.id]);
  const card = step.show_card ? view.outcomes.find((o) => o.kind === step.outcome) ?? null : null;
  const complete = step.next_question === null;

  return (
    <div class="checker" lang={view.lang} dir={dir}>
      {card && (
        <Card view={view} area={area} step={step} complete={complete} restart={restart} />
      )}
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
            {current.kind !== "criterion" && current.kind !== "gate" && (
              <span class="flag-label" lang={boot.locale.lang} dir={boot.locale.dir}>{t("checker-red-flag")} </span>
            )}
            {current.text}
          </legend>
          {current.help && <p class="help-text">{current.help}</p>}
          <div class="buttons" lang={boot.locale.lang} dir={boot.locale.dir}>
            {(["yes", "no", "not_sure"] as Answer[]).map((a) => (
              <button key={a} type="button" data-answer={a} onClick={() => answer(current.id, a)}>
                {t(`answer-${a}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}

function Card({ view, area, step, complete, restart }: {
  view: CheckerView;
  area: BodyArea;
  step: Step;
  complete: boolean;
  restart: () => void;
}) {
  const t = useT();
  const { boot } = useApp();
  const [saved, setSaved] = useState(false);
  const outcome = view.outcomes.find((o) => o.kind === step.outcome)!;
  const care = CARE_TIERS.includes(outcome.kind);
  const alarm = outcome.kind === "emergency" || outcome.kind === "urgent";
  const signOf = (id: string) => view.questions.find((q) => q.id === id)?.sign ?? id;
  const net = outcome.safety_net.find((n) => n.area === area);
  const ui = { lang: boot.locale.lang, dir: boot.locale.dir };

  const saveQuestions = async () => {
    for (const q of outcome.questions) await commands.addQuestion(q, "checker");
    setSaved(true);
  };

  return (
    <section
      class={alarm ? "urgent-card outcome" : "outcome"}
      data-outcome={outcome.kind}
      data-final={String(complete)}
      role={alarm ? "alert" : undefined}
      aria-labelledby="h-outcome"
    >
      <h2 id="h-outcome">{outcome.title}</h2>
      <div class="prose" dangerouslySetInnerHTML={{ __html: outcome.body }} />
      {care && step.triggered.length > 0 && (
        <div data-testid="triggered">
          <p {...ui}>{t("checker-what-you-told-us")}</p>
          <ul>
            {step.triggered.map((id) => <li key={id}>{signOf(id)}</li>)}
          </ul>
        </div>
      )}
      {care && (
        <div {...ui}>
          <Numbers region={boot.region} />
        </div>
      )}
      {!complete && <p class="keep-going" {...ui} data-testid="keep-going">{t("checker-keep-going")}</p>}
      {net && <div class="prose safety-net" data-testid="safety-net" dangerouslySetInnerHTML={{ __html: net.html }} />}
      {complete && !care && (
        <details data-testid="signs-asked">
          <summary {...ui}>{t("checker-signs-asked", { count: step.asked_signs.length })}</summary>
          <ul>
            {step.asked_signs.map((id) => <li key={id}>{signOf(id)}</li>)}
          </ul>
        </details>
      )}
      {complete && (
        <>
          <p {...ui}>
            <a href="#/help">{t("checker-help-screen")}</a>
          </p>
          {outcome.questions.length > 0 && (
            <p {...ui}>
              <button type="button" disabled={saved} onClick={saveQuestions} data-testid="save-outcome-questions">
                {saved ? t("question-added") : t("checker-save-questions")}
              </button>{" "}
              <a href="#/questions">{t("nav-questions")}</a>
            </p>
          )}
          <p {...ui}>
            <button type="button" onClick={restart}>{t("checker-restart")}</button>
          </p>
        </>
      )}
    </section>
  );
}

import { useState } from "preact/hooks";
import { commands, type ConceptArea, type DecodedFinding, type DecodedReport } from "../bindings";
import { useT } from "../i18n";
import { useApp } from "../state";
import { Title } from "./common";
import { Numbers } from "./help";

const AREAS: ConceptArea[] = ["spine", "knee", "shoulder"];

/** Splits the report into plain runs and highlighted findings (offsets are UTF-16). */
export function highlight(text: string, findings: DecodedFinding[]) {
  const out: (string | DecodedFinding)[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    if (f.start > at) out.push(text.slice(at, f.start));
    out.push(f);
    at = f.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function bandFor(f: DecodedFinding, age: number | null) {
  if (age === null) return null;
  return f.prevalence.find((b) => age >= b.from && age <= b.to) ?? null;
}

export function Decoder() {
  const t = useT();
  const { boot, save } = useApp();
  const [text, setText] = useState("");
  const [report, setReport] = useState<{ text: string; result: DecodedReport } | null>(null);
  // Age lives in this screen only, unless the patient chooses to keep it.
  const [age, setAge] = useState<number | null>(boot.settings.age);
  const [remember, setRemember] = useState(boot.settings.age !== null);
  // Used only when the report's heading does not name the body part.
  const [area, setArea] = useState<ConceptArea | null>(null);

  const decode = async () => setReport({ text, result: await commands.decodeReport(text, area) });
  const onAge = (v: string) => {
    const n = Number.parseInt(v, 10);
    const a = Number.isFinite(n) && n > 0 && n < 120 ? n : null;
    setAge(a);
    if (remember) save({ age: a });
  };
  const onRemember = (on: boolean) => {
    setRemember(on);
    save({ age: on ? age : null });
  };

  const isSerious = (f: DecodedFinding) => f.class !== "common";
  const serious = report?.result.findings.filter((f) => f.status === "present" && isSerious(f)) ?? [];
  const present = report?.result.findings.filter((f) => f.status === "present" && !isSerious(f)) ?? [];
  const absent = report?.result.findings.filter((f) => f.status === "absent") ?? [];
  const charted = present.filter((f) => f.prevalence.length > 0);

  return (
    <>
      <Title>{t("decoder-title")}</Title>
      <p class="lede">{t("decoder-lede")}</p>
      <p class="notice" role="note">{t("decoder-private")}</p>
      <label class="field" for="report-text">{t("decoder-paste")}</label>
      <textarea id="report-text" dir="auto" rows={8} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} data-testid="report-text" />
      <label class="field" for="report-area">{t("decoder-area")}</label>
      <select id="report-area" value={area ?? ""} onChange={(e) => setArea(((e.target as HTMLSelectElement).value || null) as ConceptArea | null)} data-testid="area">
        <option value="">{t("decoder-area-auto")}</option>
        {AREAS.map((a) => <option key={a} value={a}>{t(`decoder-area-${a}`)}</option>)}
      </select>
      <p>
        <button type="button" class="primary" onClick={decode} disabled={!text.trim()} data-testid="decode">{t("decoder-explain")}</button>
      </p>
      {report && (
        <>
          {serious.length > 0 && (
            <section aria-labelledby="h-serious" class="serious" data-testid="serious">
              <h2 id="h-serious">{t("decoder-serious-title")}</h2>
              <p>{t("decoder-serious-lede")}</p>
              <ul class="findings">
                {serious.map((f) => (
                  <li key={f.concept + f.start} id={`f-${f.concept}`} class="finding-item" data-concept={f.concept} data-status={f.status} data-class={f.class}>
                    <h3>{f.term}</h3>
                    <p class="quote" dir="auto">“{f.matched}”</p>
                    <p>{f.explanation}</p>
                    <p><strong>{t("decoder-serious-discuss")}</strong></p>
                  </li>
                ))}
              </ul>
              {report.result.urgent && (
                <div data-testid="serious-numbers">
                  <p>{t("decoder-serious-urgent")}</p>
                  <Numbers region={boot.region} />
                </div>
              )}
            </section>
          )}
          {report.result.area && (
            <p class="notice" data-testid="report-area">{t(`decoder-read-as-${report.result.area}`)}</p>
          )}
          <section aria-labelledby="h-marked">
            <h2 id="h-marked">{t("decoder-your-report")}</h2>
            <p class="marked" data-testid="marked" dir="auto">
              {highlight(report.text, report.result.findings).map((part, i) =>
                typeof part === "string" ? (
                  part
                ) : (
                  <a key={i} href={`#finding-${i}`} class={`finding ${part.status}`} data-concept={part.concept} data-status={part.status}
                    onClick={(e) => { e.preventDefault(); document.getElementById(`f-${part.concept}`)?.scrollIntoView(); }}>
                    {part.matched}
                  </a>
                ),
              )}
            </p>
            {report.result.findings.length === 0 && <p>{t("decoder-nothing")}</p>}
          </section>
          {present.length > 0 && (
            <section aria-labelledby="h-present">
              <h2 id="h-present">{t("decoder-found")}</h2>
              <ul class="findings">
                {present.map((f) => <FindingItem key={f.concept + f.start} f={f} />)}
              </ul>
            </section>
          )}
          {absent.length > 0 && (
            <section aria-labelledby="h-absent">
              <h2 id="h-absent">{t("decoder-not-found")}</h2>
              <p>{t("decoder-not-found-lede")}</p>
              <ul class="findings absent">
                {absent.map((f) => <FindingItem key={f.concept + f.start} f={f} />)}
              </ul>
            </section>
          )}
          {charted.length > 0 && (
            <section aria-labelledby="h-chart" class="chart-section">
              <h2 id="h-chart">{t("decoder-chart-title")}</h2>
              <label class="field">
                <span>{t("decoder-age")}</span>
                <input type="number" min={18} max={110} inputMode="numeric" value={age ?? ""} onInput={(e) => onAge((e.target as HTMLInputElement).value)} data-testid="age" />
              </label>
              <label class="check">
                <input type="checkbox" checked={remember} onChange={(e) => onRemember((e.target as HTMLInputElement).checked)} />
                <span>{t("decoder-remember-age")}</span>
              </label>
              {age === null ? (
                <p>{t("decoder-age-prompt")}</p>
              ) : (
                <ul class="chart" data-testid="chart">
                  {charted.map((f) => {
                    const band = bandFor(f, age);
                    return (
                      <li key={f.concept} data-concept={f.concept}>
                        <span class="bar-label">{f.term}</span>
                        {band ? (
                          <>
                            <span class="bar" aria-hidden="true"><span class="fill" ref={(el) => el?.style.setProperty("inline-size", `${band.percent}%`)} /></span>
                            <span class="bar-value">{t("decoder-percent-without-pain", { percent: Math.round(band.percent), from: band.from, to: band.to })}</span>
                          </>
                        ) : (
                          <span class="bar-value">{t("decoder-no-figure-for-age")}</span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              <p class="source">{t("decoder-chart-source")}</p>
            </section>
          )}
        </>
      )}
    </>
  );
}

function FindingItem({ f }: { f: DecodedFinding }) {
  const t = useT();
  return (
    <li id={`f-${f.concept}`} class="finding-item" data-concept={f.concept} data-status={f.status}>
      <h3>
        {f.term}
        {f.status === "absent" && <span class="badge absent-badge"> {t("decoder-absent-badge")}</span>}
      </h3>
      <p class="quote" dir="auto">“{f.matched}”</p>
      <p>{f.explanation}</p>
      {f.see_module && <p><a href={`#/module/${f.see_module}`}>{t("decoder-read-more")}</a></p>}
    </li>
  );
}

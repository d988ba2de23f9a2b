import { useState } from "preact/hooks";
import { commands, type QuestionList } from "../bindings";
import { useT } from "../i18n";
import { langDir, useApp } from "../state";
import { Loading, Title, languageName, useLoad } from "./common";

export function Questions() {
  const t = useT();
  const { boot, save } = useApp();
  const load = useLoad(() => commands.myQuestions(), [boot.locale.lang, boot.settings.second_lang]);
  const [list, setList] = useState<QuestionList | null>(null);
  const [own, setOwn] = useState("");
  const current = list ?? load.data;

  const addOwn = async (e: Event) => {
    e.preventDefault();
    if (!own.trim()) return;
    setList(await commands.addOwnQuestion(own.trim()));
    setOwn("");
  };

  return (
    <>
      <Title>{t("questions-title")}</Title>
      <p class="lede no-print">{t("questions-lede")}</p>
      <label class="field no-print">
        <span>{t("questions-second-language")}</span>
        <select value={boot.settings.second_lang ?? ""} data-testid="second-lang"
          onChange={(e) => { setList(null); save({ second_lang: (e.target as HTMLSelectElement).value || null }); }}>
          <option value="">{t("questions-no-second")}</option>
          {boot.languages.filter((l) => l.code !== boot.locale.lang).map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>{l.native_name}</option>
          ))}
        </select>
      </label>
      <Loading load={load}>
        {() => {
          const q = current!;
          return (
            <>
              {q.items.length === 0 ? (
                <p data-testid="questions-empty">{t("questions-empty")}</p>
              ) : (
                <table class="question-table" data-testid="question-table">
                  <caption class="visually-hidden">{t("questions-title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{languageName(q.primary_lang, boot.languages)}</th>
                      {q.second_lang && <th scope="col" lang={q.second_lang}>{languageName(q.second_lang, boot.languages)}</th>}
                      <th scope="col" class="no-print"><span class="visually-hidden">{t("questions-actions")}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.items.map((item) => (
                      <tr key={item.key} data-key={item.key}>
                        {/* The patient's own words may be in any script: let the text set its direction. */}
                        <td dir={item.source === "own" ? "auto" : undefined}>{item.primary}</td>
                        {q.second_lang && (
                          <td lang={item.source === "own" ? undefined : q.second_lang} dir={item.source === "own" ? "auto" : langDir(boot, q.second_lang)}>
                            {item.second ?? item.primary}
                          </td>
                        )}
                        <td class="no-print">
                          <button type="button" onClick={async () => setList(await commands.removeQuestion(item.key))}>
                            {t("questions-remove")}
                            <span class="visually-hidden">: {item.primary}</span>
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <form class="own no-print" onSubmit={addOwn}>
                <label class="field" for="own-question">{t("questions-own")}</label>
                <input id="own-question" type="text" dir="auto" value={own} onInput={(e) => setOwn((e.target as HTMLInputElement).value)} data-testid="own-question" />
                <button type="submit">{t("question-add")}</button>
              </form>
              <p class="no-print">
                <button type="button" class="primary" onClick={() => window.print()} data-testid="print">{t("questions-print")}</button>
              </p>
              {q.suggestions.length > 0 && (
                <section class="no-print" aria-labelledby="h-suggest">
                  <h2 id="h-suggest">{t("questions-suggestions")}</h2>
                  <ul class="suggestions">
                    {q.suggestions.map((s) => (
                      <li key={s.id}>
                        <span>{s.text}</span>{" "}
                        <button type="button" data-question={s.id} onClick={async () => setList(await commands.addQuestion(s.id, "module"))}>
                          {t("question-add")}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          );
        }}
      </Loading>
    </>
  );
}

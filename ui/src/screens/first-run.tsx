import { useState } from "preact/hooks";
import { commands } from "../bindings";
import { t, regionName } from "../i18n";
import { applyToDocument, useApp } from "../state";

/** Language first (in each language's own name), then region; nothing is saved until Continue. */
export function FirstRun() {
  const { boot, save } = useApp();
  const [lang, setLang] = useState(boot.locale.lang);
  const [region, setRegion] = useState(boot.settings.region);
  // Re-render this screen in the chosen language without storing anything yet.
  const [, setTick] = useState(0);
  const choose = async (code: string) => {
    const preview = await commands.previewLanguage(code);
    applyToDocument(preview);
    setLang(preview.locale.lang);
    setTick((n) => n + 1);
  };
  return (
    <main id="main" class="first-run">
      <p class="first-run-help">
        <a class="help-now" href="#/help" data-testid="help-now">{t("help-now")}</a>
      </p>
      <h1 tabIndex={-1}>{t("first-run-title")}</h1>
      <p class="notice" role="note" data-testid="not-diagnosis">{t("first-run-not-diagnosis")}</p>
      <fieldset class="languages">
        <legend>{t("first-run-choose-language")}</legend>
        <ul class="choice-list">
          {boot.languages.map((l) => (
            <li key={l.code}>
              <button type="button" lang={l.code} dir={l.dir} data-lang={l.code} aria-pressed={lang === l.code} onClick={() => choose(l.code)}>
                {l.native_name}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <label class="field">
        <span>{t("settings-region")}</span>
        <select value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)} data-testid="first-run-region">
          {boot.region_codes.map((c) => (
            <option key={c} value={c}>{regionName(c, lang)}</option>
          ))}
        </select>
      </label>
      <p>{t("first-run-privacy")}</p>
      <button type="button" class="primary" data-testid="first-run-continue" onClick={() => save({ lang, region, onboarded: true })}>
        {t("first-run-continue")}
      </button>
    </main>
  );
}

import { useState } from "preact/hooks";
import { t, regionName } from "../i18n";
import { useApp } from "../state";

export function FirstRun() {
  const { boot, save } = useApp();
  const [region, setRegion] = useState(boot.settings.region);
  return (
    <main id="main" class="first-run">
      <h1 tabIndex={-1}>{t("first-run-title")}</h1>
      <p class="notice" role="note" data-testid="not-diagnosis">{t("first-run-not-diagnosis")}</p>
      <fieldset class="languages">
        <legend>{t("first-run-choose-language")}</legend>
        <ul class="choice-list">
          {boot.languages.map((l) => (
            <li key={l.code}>
              <button
                type="button"
                lang={l.code}
                dir={l.dir}
                data-lang={l.code}
                aria-pressed={boot.locale.lang === l.code}
                onClick={() => save({ lang: l.code })}
              >
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
            <option key={c} value={c}>{regionName(c, boot.locale.lang)}</option>
          ))}
        </select>
      </label>
      <p>{t("first-run-privacy")}</p>
      <button type="button" class="primary" data-testid="first-run-continue" onClick={() => save({ region, onboarded: true })}>
        {t("first-run-continue")}
      </button>
    </main>
  );
}

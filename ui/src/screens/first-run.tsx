import { useEffect, useState } from "preact/hooks";
import { commands, type UpdatesView } from "../bindings";
import { createTranslate, regionName, useT, type Translate } from "../i18n";
import { applyToDocument, useApp } from "../state";

/** Language first (in each language's own name), then region, then content updates (only in a
 * build with a channel); nothing is saved, and no request leaves the device, until Continue. */
export function FirstRun() {
  const { boot, save } = useApp();
  const [lang, setLang] = useState(boot.locale.lang);
  const [region, setRegion] = useState(boot.settings.region);
  const [updates, setUpdates] = useState(boot.settings.updates);
  // Local only: whether this build has a channel at all (no switch without one).
  const [view, setView] = useState<UpdatesView | null>(null);
  useEffect(() => {
    commands.updatesStatus().then(setView, () => setView(null));
  }, []);
  // Re-render this screen in the chosen language without storing anything yet.
  const [previewT, setPreviewT] = useState<Translate | null>(null);
  const appT = useT();
  const t = previewT ?? appT;
  const choose = async (code: string) => {
    const preview = await commands.previewLanguage(code);
    applyToDocument(preview);
    setLang(preview.locale.lang);
    setPreviewT(() => createTranslate(preview.locale.ftl));
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
            <option key={c} value={c}>{regionName(t, c, lang)}</option>
          ))}
        </select>
      </label>
      <p>{t("first-run-privacy")}</p>
      {view?.available && (
        <div class="field" data-testid="first-run-updates-box">
          <label class="check">
            <input
              type="checkbox"
              checked={updates}
              onChange={(e) => setUpdates((e.target as HTMLInputElement).checked)}
              aria-describedby="first-run-updates-what"
              data-testid="first-run-updates"
            />
            <span>{t("settings-updates-on")}</span>
          </label>
          <p class="hint" id="first-run-updates-what">{t("first-run-updates-what")}</p>
        </div>
      )}
      <button type="button" class="primary" data-testid="first-run-continue" onClick={() => save({ lang, region, onboarded: true, updates })}>
        {t("first-run-continue")}
      </button>
    </main>
  );
}

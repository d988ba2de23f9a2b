import type { Theme } from "../bindings";
import { t, regionName } from "../i18n";
import { useApp } from "../state";
import { Title } from "./common";

const SIZES = [100, 125, 150, 175, 200];
const THEMES: Theme[] = ["system", "light", "dark", "high_contrast"];

export function SettingsScreen() {
  const { boot, save } = useApp();
  const s = boot.settings;
  return (
    <>
      <Title>{t("settings-title")}</Title>
      <label class="field">
        <span>{t("settings-language")}</span>
        <select value={s.lang} onChange={(e) => save({ lang: (e.target as HTMLSelectElement).value })} data-testid="language">
          {boot.languages.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>{l.native_name}</option>
          ))}
        </select>
      </label>
      <p class="hint">{t("settings-fallback", { chain: boot.locale.chain.join(" → ") })}</p>
      <label class="field">
        <span>{t("settings-region")}</span>
        <select value={s.region} onChange={(e) => save({ region: (e.target as HTMLSelectElement).value })} data-testid="region">
          {boot.region_codes.map((c) => (
            <option key={c} value={c}>{regionName(c, boot.locale.lang)}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("settings-text-size")}</legend>
        <div class="buttons">
          {SIZES.map((n) => (
            <button key={n} type="button" aria-pressed={s.text_size === n} data-size={n} onClick={() => save({ text_size: n })}>
              {n} %
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("settings-theme")}</legend>
        {THEMES.map((th) => (
          <label key={th} class="check">
            <input type="radio" name="theme" value={th} checked={s.theme === th} data-theme-choice={th} onChange={() => save({ theme: th })} />
            <span>{t(`theme-${th}`)}</span>
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={s.reduced_motion} onChange={(e) => save({ reduced_motion: (e.target as HTMLInputElement).checked })} data-testid="reduced-motion" />
        <span>{t("settings-reduced-motion")}</span>
      </label>
      <section aria-labelledby="h-updates" id="content-updates">
        <h2 id="h-updates">{t("settings-updates")}</h2>
        <label class="check">
          <input type="checkbox" checked={s.updates} onChange={(e) => save({ updates: (e.target as HTMLInputElement).checked })} data-testid="updates" />
          <span>{t("settings-updates-on")}</span>
        </label>
        <p class="hint">{t("settings-updates-none")}</p>
      </section>
      <section aria-labelledby="h-about">
        <h2 id="h-about">{t("settings-about")}</h2>
        <p>{t("settings-privacy")}</p>
        <p>{t("footer-licence")}</p>
        <p>{t("settings-version", { version: boot.app_version })}</p>
      </section>
    </>
  );
}

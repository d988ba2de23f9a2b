import { useEffect, useState } from "preact/hooks";
import { commands, type Settings, type Theme, type UpdatesView } from "../bindings";
import { useT, regionName } from "../i18n";
import { useApp } from "../state";
import { Title } from "./common";
import { onContentReady } from "../events";

const SIZES = [100, 125, 150, 175, 200];
const THEMES: Theme[] = ["system", "light", "dark", "high_contrast"];

export function SettingsScreen() {
  const t = useT();
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
            <option key={c} value={c}>{regionName(t, c, boot.locale.lang)}</option>
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
      <ContentUpdates on={s.updates} save={save} lang={boot.locale.lang} />
      <section aria-labelledby="h-about">
        <h2 id="h-about">{t("settings-about")}</h2>
        <p>{t("settings-privacy")}</p>
        <p>{t("footer-licence")}</p>
        <p>{t("settings-version", { version: boot.app_version })}</p>
      </section>
    </>
  );
}

/** Settings → "Content updates": the switch, when content was last verified, what changed. */
function ContentUpdates({ on, save, lang }: { on: boolean; save: (p: Partial<Settings>) => Promise<void>; lang: string }) {
  const t = useT();
  const { visit } = useApp();
  const [view, setView] = useState<UpdatesView | null>(null);
  useEffect(() => {
    const load = () =>
      commands.updatesStatus().then(
        (v) => {
          if (v.ready.length > 0) visit.contentWaiting = true;
          setView(v);
        },
        () => setView(null),
      );
    load();
    // The background check tells the window when new content waits.
    return onContentReady(load);
  }, []);
  const toggle = async (value: boolean) => {
    await save({ updates: value });
    setView(await commands.setUpdates(value));
  };
  const verified = view?.last_verified;
  // A build without a channel URL has updates off and no switch (only the damaged notice).
  if (!view) return null;
  if (!view.available) {
    return view.damaged ? (
      <p class="notice" role="status" data-testid="updates-damaged">{t("updates-damaged")}</p>
    ) : null;
  }
  return (
    <section aria-labelledby="h-updates" id="content-updates">
      <h2 id="h-updates">{t("settings-updates")}</h2>
      {view.damaged && <p class="notice" role="status" data-testid="updates-damaged">{t("updates-damaged")}</p>}
      <label class="check">
        <input type="checkbox" checked={on} onChange={(e) => toggle((e.target as HTMLInputElement).checked)} data-testid="updates" />
        <span>{t("settings-updates-on")}</span>
      </label>
      <p class="hint" data-testid="updates-verified">
        {verified
          ? t("settings-updates-verified", { date: new Date(verified * 1000).toLocaleDateString(lang) })
          : t("settings-updates-none")}
      </p>
      {view.failed && <p class="hint" role="status">{t("settings-updates-failed")}</p>}
      {view.ready.length > 0 && (
        <div role="status" data-testid="updates-ready">
          <p>{t("settings-updates-ready")}</p>
          <ul>
            {view.ready.map((c) => (
              <li key={c.module} data-module={c.module}>
                {t(`settings-updates-${c.kind}`, { title: c.title })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

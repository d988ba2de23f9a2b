import { useEffect, useState } from "preact/hooks";
import { commands, IpcError, type Prescription } from "../bindings";
import { useT } from "../i18n";
import { useApp } from "../state";
import { startIdleTimer } from "../visit";
import { ShareButton } from "./share";

/** Wipes the visit in the shell, then reloads, which clears every answer and pasted text. */
export async function endVisit(): Promise<void> {
  try {
    await commands.kioskReset();
  } finally {
    location.hash = "#/";
    location.reload();
  }
}

/** Arms the idle timer while the kiosk is on. */
export function useKioskIdle(active: boolean, seconds: number) {
  useEffect(() => (active ? startIdleTimer(seconds, () => void endVisit()) : undefined), [active, seconds]);
}

/** The start screen's large language picker (kiosk only; nothing is saved). */
export function KioskLanguages() {
  const t = useT();
  const { boot, replace, visit } = useApp();
  const allowed = visit.kioskStatus()?.languages ?? [];
  // In the kiosk.toml order; unknown codes are skipped.
  const langs = allowed.length === 0 ? boot.languages : allowed.flatMap((c) => boot.languages.filter((l) => l.code === c));
  const choose = async (code: string) => replace(await commands.setVisitLanguage(code));
  return (
    <section class="kiosk-languages" aria-labelledby="h-kiosk-lang">
      <h2 id="h-kiosk-lang">{t("first-run-choose-language")}</h2>
      <ul>
        {langs.map((l) => (
          <li key={l.code}>
            <button type="button" lang={l.code} dir={l.dir} data-kiosk-lang={l.code} aria-pressed={boot.locale.lang === l.code} onClick={() => choose(l.code)}>
              {l.native_name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Take this home" for the module being read, and the staff-only way out. */
export function KioskBar({ take }: { take: Prescription | null }) {
  const t = useT();
  const { visit } = useApp();
  const [asking, setAsking] = useState(false);
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const leave = async (e: Event) => {
    e.preventDefault();
    try {
      visit.setKiosk(await commands.kioskExit(pin));
      location.hash = "#/";
      location.reload();
    } catch (err) {
      const code = err instanceof IpcError ? err.error.code : "unknown";
      setError(code === "refused" ? t("kiosk-cooldown") : t("kiosk-wrong-pin"));
      setPin("");
    }
  };
  return (
    <div class="kiosk-bar no-print" data-testid="kiosk-bar">
      {take && <ShareButton key={take.modules.join(",")} prescription={take} label={t("kiosk-take-home")} />}
      <button type="button" onClick={() => void endVisit()} data-testid="kiosk-done">{t("kiosk-done")}</button>
      {visit.kioskStatus()?.can_exit && !asking && (
        <button type="button" class="quiet" onClick={() => setAsking(true)} data-testid="kiosk-exit">{t("kiosk-exit")}</button>
      )}
      {asking && (
        <form class="kiosk-pin" onSubmit={leave}>
          <label for="kiosk-pin">{t("kiosk-pin")}</label>
          <input id="kiosk-pin" type="password" inputMode="numeric" autocomplete="off" value={pin} onInput={(e) => setPin((e.target as HTMLInputElement).value)} data-testid="kiosk-pin" />
          <button type="submit" data-testid="kiosk-pin-submit">{t("kiosk-exit")}</button>
          {error && <p class="error" role="alert" data-testid="kiosk-pin-error">{error}</p>}
        </form>
      )}
    </div>
  );
}

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { IpcError } from "../bindings";
import { useT } from "../i18n";

export type Load<T> = { data: T | null; error: IpcError | Error | null; reload: () => void };

/** Runs a command when `deps` change; the latest call wins. With `initial` (data the first
 *  screen already brought), the first render shows it and the first run is skipped. */
export function useLoad<T>(run: () => Promise<T>, deps: unknown[], initial: T | null = null): Load<T> {
  const [data, setData] = useState<T | null>(initial);
  const [error, setError] = useState<IpcError | Error | null>(null);
  const [tick, setTick] = useState(0);
  const skipFirst = useRef(initial !== null);
  useEffect(() => {
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    let live = true;
    run().then(
      (d) => live && (setData(d), setError(null)),
      (e) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}

export function Loading({ load, children }: { load: Load<unknown>; children: () => ComponentChildren }) {
  const t = useT();
  if (load.error) {
    const code = load.error instanceof IpcError ? load.error.error.code : "unknown";
    return (
      <p class="error" role="alert" data-code={code}>
        {t(code === "not_found" ? "error-not-found" : "error-generic")}
      </p>
    );
  }
  if (load.data === null) return <p class="loading" aria-busy="true">{t("loading")}</p>;
  return <>{children()}</>;
}

/** The screen title; focusable so route changes can move focus to it. */
export function Title({ children }: { children: ComponentChildren }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}

export function languageName(code: string, langs: { code: string; native_name: string }[]): string {
  return langs.find((l) => l.code === code)?.native_name ?? code;
}

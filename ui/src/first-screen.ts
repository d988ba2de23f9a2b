import { FIRST_SCREEN_GLOBAL, type FirstScreen } from "./bindings";

// The shell's initialization script puts what the first screen shows on `window` before any UI
// script runs (crates/app/src/first_screen.rs), so the first content frame waits on no IPC call.

/** The first screen's data, once. Only on the window's first page load: a reload (a kiosk's
 *  wipe) runs the same script again with what was true at start, so the UI asks the shell. */
export function takeFirstScreen(): FirstScreen | null {
  const w = window as unknown as Record<string, FirstScreen | undefined>;
  const first = w[FIRST_SCREEN_GLOBAL];
  delete w[FIRST_SCREEN_GLOBAL];
  const nav = performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (!first || nav?.type === "reload") return null;
  return first;
}

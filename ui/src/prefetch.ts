import { commands, type ModuleCard } from "./bindings";

// The home list is requested together with bootstrap, so the first content frame costs one
// IPC round trip, not two. Used only if the app opens straight onto the home screen.
let firstHome: Promise<ModuleCard[]> | null = null;

export function prefetchHome(): void {
  firstHome = commands.home(null);
  firstHome.catch(() => {}); // a failure shows when Home asks again
}

/** Drop the prefetched list (opening on first run, or not on the home screen). */
export function discardFirstHome(): void {
  firstHome = null;
}

/** The prefetched home list, once; later visits ask again. */
export function takeFirstHome(): Promise<ModuleCard[]> | null {
  const p = firstHome;
  firstHome = null;
  return p;
}

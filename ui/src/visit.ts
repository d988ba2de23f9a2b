// What lives for one visit (one page load of the window): the prescription link last opened,
// whether this window is a kiosk, and whether the updater installed content the home screen
// has not shown yet. One `Visit` is made by <App> and handed down through `AppState`, so the
// router can switch screens freely and every test starts from a fresh one.
import { commands, type KioskStatus, type LinkView, type ModuleCard, type Notice } from "./bindings";

export class Visit {
  private link: LinkView | null = null;
  private kiosk: KioskStatus | null = null;
  /** Counts links, so a second link while already on #/open is a new route. */
  private linkSerial = 0;
  /** Set when the background check installed new content (its event, or the settings screen). */
  contentWaiting = false;
  /** The home list that came with the first screen, when the window opened on home. */
  private firstHome: ModuleCard[] | null = null;

  /** Keeps the first screen's home list for the home screen's first render. */
  setFirstHome(home: ModuleCard[] | null): void {
    this.firstHome = home;
  }

  /** The first screen's home list, once; later visits to home ask the shell again. */
  takeFirstHome(): ModuleCard[] | null {
    const home = this.firstHome;
    this.firstHome = null;
    return home;
  }

  currentLink(): LinkView | null {
    return this.link;
  }

  /** The notices of a link that opened the home screen, shown once (then forgotten). */
  takeHomeNotices(): LinkView | null {
    if (this.link && opensHome(this.link)) {
      const l = this.link;
      this.link = null;
      return l;
    }
    return null;
  }

  /** Asks the shell for a link it received; on one, remembers it and shows the prescription view. */
  async takeLink(): Promise<LinkView | null> {
    const link = await commands.takeLink();
    if (link) this.adoptLink(link);
    return link;
  }

  /** Remembers `link` and routes to it (a link the app started with comes in the first screen). */
  adoptLink(link: LinkView): void {
    this.link = link;
    this.linkSerial += 1;
    // Nothing usable: the home screen, with the notices.
    location.hash = opensHome(link) ? "#/" : `#/open/${this.linkSerial}`;
  }

  setKiosk(status: KioskStatus | null): void {
    this.kiosk = status;
  }

  isKiosk(): boolean {
    return this.kiosk?.active === true;
  }

  kioskStatus(): KioskStatus | null {
    return this.kiosk;
  }
}

export function opensHome(link: LinkView): boolean {
  return link.parsed.prescription.modules.length === 0 && link.parsed.prescription.open === null;
}

/** The Fluent message id and arguments for a notice; never any text taken from the link. */
export function noticeMessage(n: Notice): [string, Record<string, string | number>] {
  switch (n.code) {
    case "too_long":
    case "not_a_prescription":
    case "empty":
    case "unknown_language":
    case "unknown_tool":
      return [`link-${n.code.replace(/_/g, "-")}`, {}];
    case "invalid_module_ids":
      return ["link-invalid-module-ids", { count: n.count }];
    case "unknown_modules":
      return ["link-unknown-modules", { count: n.ids.length }];
    case "too_many_modules":
      return ["link-too-many-modules", { given: n.given, kept: n.kept }];
  }
}

/** Calls `reset` once `seconds` pass without pointer, key, touch or scroll input. The clock only
 * starts with the first input, so an untouched start screen is not reset over and over. */
export function startIdleTimer(seconds: number, reset: () => void): () => void {
  let timer = 0;
  const arm = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, seconds * 1000);
  };
  const events = ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "scroll", "input", "hashchange"];
  for (const e of events) window.addEventListener(e, arm, { passive: true, capture: true });
  return () => {
    window.clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, arm, { capture: true });
  };
}

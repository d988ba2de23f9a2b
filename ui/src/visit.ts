// Links and kiosk state that live for one visit: the prescription last opened, and whether
// this window is a kiosk. Kept outside components so the router can switch screens freely.
import { commands, events, type KioskStatus, type LinkView, type Notice } from "./bindings";

let current: LinkView | null = null;
let kiosk: KioskStatus | null = null;
let linkSerial = 0;

export function currentLink(): LinkView | null {
  return current;
}

export function opensHome(link: LinkView): boolean {
  return link.parsed.prescription.modules.length === 0 && link.parsed.prescription.open === null;
}

/** The notices of a link that opened the home screen, shown once (then forgotten). */
export function takeHomeNotices(): LinkView | null {
  if (current && opensHome(current)) {
    const l = current;
    current = null;
    return l;
  }
  return null;
}

/** Asks the shell for a link it received; on one, remembers it and shows the prescription view. */
export async function takeLink(): Promise<LinkView | null> {
  const link = await commands.takeLink();
  if (link) adoptLink(link);
  return link;
}

/** Remembers `link` and routes to it (a link the app started with comes in the first screen). */
export function adoptLink(link: LinkView): void {
  current = link;
  linkSerial += 1;
  // Nothing usable: the home screen, with the notices. The serial makes a second link while
  // already on #/open a new route.
  location.hash = opensHome(link) ? "#/" : `#/open/${linkSerial}`;
}

/** The shell sends `LinkArrived` (never with the link text) when a link arrives. */
export function listenForLinks(onLink: (l: LinkView) => void): () => void {
  return events.linkArrived(() => {
    takeLink().then((l) => l && onLink(l), () => {});
  });
}

export function setKiosk(status: KioskStatus | null): void {
  kiosk = status;
}

export function isKiosk(): boolean {
  return kiosk?.active === true;
}

export function kioskStatus(): KioskStatus | null {
  return kiosk;
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

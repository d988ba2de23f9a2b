// The shell's events, one subscription function each: how an event reaches the window is
// decided here only. Each returns the function that unsubscribes; nothing listens before a
// component (or <App>) subscribes. The events themselves (names, payloads) are Tauri events of
// the IPC contract, generated into `bindings.ts`.
import { events } from "./bindings";

/** The background check installed new content (the shell sends `ContentReady`). */
export function onContentReady(callback: () => void): () => void {
  return events.contentReady(() => callback());
}

/** A prescription link arrived; ask the shell for it with `takeLink` (the shell sends
 *  `LinkArrived`, which never carries the link text). */
export function onLinkArrived(callback: () => void): () => void {
  return events.linkArrived(() => callback());
}

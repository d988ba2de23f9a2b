// The shell's events, one subscription function each: how an event reaches the window is
// decided here only. Each returns the function that unsubscribes; nothing listens before a
// component (or <App>) subscribes.

/** The background check installed new content (the shell fires `scanwise-content-ready`). */
export function onContentReady(callback: () => void): () => void {
  return onWindowEvent("scanwise-content-ready", callback);
}

/** A prescription link arrived; ask the shell for it with `takeLink` (the shell fires
 *  `scanwise-link`, a fixed event, never the link text). */
export function onLinkArrived(callback: () => void): () => void {
  return onWindowEvent("scanwise-link", callback);
}

function onWindowEvent(name: string, callback: () => void): () => void {
  const handler = () => callback();
  window.addEventListener(name, handler);
  return () => window.removeEventListener(name, handler);
}

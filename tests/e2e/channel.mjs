// A real signed channel on loopback for the update tests (7-updates, 9-a-ask-first): the dev
// keys and seed time the app's own seed is built with, and a static server that records every
// request it gets.

import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";

export const KEYS = ["--key", "keys/dev/editor.json", "--release-key", "keys/dev/release.json"];
export const SEED_EPOCH = "1767225600"; // src-tauri/build.rs's default

/** A static channel server that records every request. */
export function serve(dir, port) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    const path = join(dir, decodeURIComponent(req.url.split("?")[0]));
    if (req.method !== "GET" || !path.startsWith(dir) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(readFileSync(path));
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok({ server, requests })));
}

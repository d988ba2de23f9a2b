// ScanWise web edition: the service worker. It keeps every page the reader opened (and, when
// asked, a whole language) in this browser, so those pages open again without a network.
// Online, the network always comes first, so a new build is seen at once; the copy is only for
// when the network fails. It handles this site's own GET requests only and sends nothing.
"use strict";
const VERSION = "__VERSION__";
const SHELL = "scanwise-shell-" + VERSION;
const PAGES = "scanwise-pages";
const ROOT = new URL("./", self.location).href;
const SHELL_FILES = ["site.css", "site.js", "manifest.webmanifest", "icon.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_FILES.map((f) => ROOT + f))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith("scanwise-shell-") && k !== SHELL).map((k) => caches.delete(k)),
  )).then(() => self.clients.claim()));
});

/** Pages whose query only their script reads (`open/?m=…`, `search/?q=…`) are kept once. */
function key(url) {
  const u = new URL(url);
  u.hash = "";
  if (/\/(open|search)\/(index\.html)?$/.test(u.pathname)) u.search = "";
  return u.href;
}

function ours(url) {
  return url.startsWith(ROOT);
}

async function keep(request, response) {
  if (!response || !response.ok || response.type !== "basic") return;
  const cache = await caches.open(PAGES);
  await cache.put(key(request.url), response);
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !ours(req.url)) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(req);
      event.waitUntil(keep(req, response.clone()));
      return response;
    } catch (err) {
      const hit = (await caches.match(key(req.url))) || (await caches.match(req.url, { ignoreSearch: true }));
      if (hit) return hit;
      throw err;
    }
  })());
});

async function store(urls) {
  const cache = await caches.open(PAGES);
  let ok = true;
  // A few at a time: a language is a few hundred small pages.
  for (let i = 0; i < urls.length; i += 6) {
    const batch = urls.slice(i, i + 6).filter(ours);
    const results = await Promise.all(batch.map(async (u) => {
      try {
        const r = await fetch(u);
        if (!r.ok) return false;
        await cache.put(key(u), r);
        return true;
      } catch (e) {
        return false;
      }
    }));
    ok = ok && results.every((x) => x);
  }
  return ok;
}

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "cache" && Array.isArray(msg.urls)) {
    event.waitUntil(store(msg.urls.map(String)));
  } else if (msg.type === "save-lang" && /^[a-z]{2,3}$/.test(msg.lang || "")) {
    const reply = event.ports && event.ports[0];
    event.waitUntil(fetch(ROOT + "offline/" + msg.lang + ".json")
      .then((r) => r.json())
      .then((files) => store(files.map((f) => ROOT + f)))
      .catch(() => false)
      .then((ok) => { if (reply) reply.postMessage({ ok }); }));
  }
});

import { remote } from "webdriverio";
const [app, selector] = process.argv.slice(2);
const port = Number(process.env.WEBDRIVER_PORT);
const t0 = Date.now();
const b = await remote({ hostname: "127.0.0.1", port, logLevel: "error",
  capabilities: { "wdio:enforceWebDriverClassic": true, "tauri:options": { application: app } } });
const tSession = Date.now();
await b.waitUntil(() => b.executeAsync((sel, done) => {
    performance.mark("poll"); if (!document.querySelector(sel)) return done(false);
    requestAnimationFrame(() => done(true)); }, selector), { timeout: 60_000, interval: 5 });
const tSeen = Date.now();
const perf = await b.execute(() => {
  const o = performance.timeOrigin;
  const nav = performance.getEntriesByType("navigation")[0]?.toJSON() ?? {};
  const res = performance.getEntriesByType("resource").map((r) => [r.name, Math.round(o + r.startTime), Math.round(o + r.responseEnd)]);
  const marks = performance.getEntriesByType("mark").map((m) => [m.name, Math.round(o + m.startTime)]);
  return { o, nav: { rs: nav.responseStart, re: nav.responseEnd, di: nav.domInteractive, dcl: nav.domContentLoadedEventEnd, le: nav.loadEventEnd }, res, marks };
});
await b.deleteSession().catch(() => {});
console.log(JSON.stringify({ t0, tSession: tSession - t0, tSeen: tSeen - t0, origin: Math.round(perf.o) - t0, nav: perf.nav, res: perf.res.map(([n,s,e]) => [n, s - t0, e - t0]), marks: perf.marks.map(([n, t]) => [n, t - t0]) }, null, 0));

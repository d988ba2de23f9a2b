// ScanWise web edition: the one page script. Every page works without it; it only adds
// offline storage (a service worker), the remembered region on "Get help now", search, and the
// prescription landing page (`open/`), which cannot read its link without a script.
//
// Rules: nothing from the address, a search or storage is ever put into the page as markup
// (only `textContent` and attributes set to values from this site's own data); nothing is sent
// anywhere; the only storage is the region code the reader chose and the pages the reader
// opened (in this browser's cache).
"use strict";
(function () {
  // Outside a page (the conformance test in Node) only the pure functions below are wanted.
  const inPage = typeof document !== "undefined";
  const script = inPage ? document.currentScript : null;
  const ROOT = inPage ? new URL("./", script ? script.src : location.href) : null;
  const LANG = inPage ? document.documentElement.lang : "";

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---------------------------------------------------------------- offline
  function offline() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    // A page the worker served is kept already; one loaded before a worker ran is not.
    const kept = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.register(new URL("sw.js", ROOT).href).then(() => {
      return navigator.serviceWorker.ready;
    }).then((reg) => {
      const here = location.href.split("#")[0];
      if (reg.active && !kept) reg.active.postMessage({ type: "cache", urls: [here] });
      const button = document.getElementById("save-offline");
      if (button && reg.active) saveLanguage(button, reg.active);
    }).catch(() => {});
  }

  function saveLanguage(button, worker) {
    const status = document.getElementById("save-offline-status");
    button.hidden = false;
    button.addEventListener("click", () => {
      button.disabled = true;
      status.textContent = button.dataset.saving;
      const channel = new MessageChannel();
      channel.port1.onmessage = (ev) => {
        button.disabled = false;
        status.textContent = ev.data && ev.data.ok ? button.dataset.saved : button.dataset.failed;
      };
      worker.postMessage({ type: "save-lang", lang: button.dataset.lang }, [channel.port2]);
    });
  }

  // ---------------------------------------------------------------- region memory
  const REGION_KEY = "scanwise-region";
  function regions() {
    const table = document.querySelector("[data-testid=numbers]");
    if (!table) return;
    const box = document.getElementById("my-region");
    let saved = null;
    try { saved = localStorage.getItem(REGION_KEY); } catch (e) { /* storage off */ }
    const show = (code) => {
      const row = code && /^[A-Z]{2}$/.test(code) ? document.getElementById("region-" + code) : null;
      if (!row || !box) return;
      for (const r of table.querySelectorAll("tr.mine")) r.classList.remove("mine");
      row.classList.add("mine");
      const copy = box.querySelector("tbody");
      copy.replaceChildren(row.cloneNode(true));
      copy.firstElementChild.removeAttribute("id");
      box.hidden = false;
    };
    show(saved);
    for (const a of document.querySelectorAll("a[data-region-pick]")) {
      a.addEventListener("click", () => {
        const code = a.getAttribute("data-region-pick");
        try { localStorage.setItem(REGION_KEY, code); } catch (e) { /* storage off */ }
        show(code);
      });
    }
  }

  // ---------------------------------------------------------------- search
  // Must fold exactly as scanwise_core::search::match_key does.
  const LETTERS = { "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "ẞ": "ss",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i" };
  function matchKey(word) {
    let s = "";
    for (const c of word) s += LETTERS[c] || c;
    return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function queryWords(input) {
    const text = input.normalize("NFC");
    const words = text.split(/[^\p{L}\p{N}\p{M}]+/u).filter((w) => w).slice(0, 12).map(matchKey);
    const prefix = /[\p{L}\p{N}\p{M}]$/u.test(text) && words.length > 0 && [...words[words.length - 1]].length >= 2;
    return { words, prefix };
  }

  function search() {
    const form = document.getElementById("search-form");
    if (!form) return;
    const input = form.querySelector("input[name=q]");
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    const all = document.getElementById("search-all");
    const plural = new Intl.PluralRules(LANG);
    let index = null;
    const load = () => index || (index = fetch("index.json").then((r) => r.json()).then((entries) =>
      entries.map((e) => Object.assign(e, { words: e.w.split(" "), titleWords: queryWords(e.t).words }))));
    const run = () => {
      const q = input.value;
      const { words, prefix } = queryWords(q);
      if (words.length === 0) {
        list.replaceChildren();
        status.textContent = "";
        all.hidden = false;
        return;
      }
      load().then((entries) => {
        if (input.value !== q) return;
        const has = (ws, w, i) => ws.some((x) => x === w || (prefix && i === words.length - 1 && x.startsWith(w)));
        const hits = [];
        entries.forEach((e, order) => {
          if (!words.every((w, i) => has(e.words, w, i))) return;
          const inTitle = words.filter((w, i) => has(e.titleWords, w, i)).length;
          hits.push({ e, score: inTitle * 2 + (e.k === "m" ? 1 : 0), order });
        });
        hits.sort((a, b) => b.score - a.score || a.order - b.order);
        list.replaceChildren(...hits.slice(0, 40).map(({ e }) => {
          const li = el("li", { "data-kind": e.k });
          const a = el("a", { href: e.u }, e.t);
          if (e.l !== LANG) { a.setAttribute("lang", e.l); }
          li.append(a);
          if (e.mt) li.append(el("span", { class: "hint" }, " · " + e.mt));
          li.append(el("p", e.l !== LANG ? { lang: e.l } : {}, e.x));
          return li;
        }));
        const none = form.dataset.none.replace("{query}", q);
        const templates = JSON.parse(form.dataset.count);
        const count = (templates[plural.select(hits.length)] || templates.other).replace("{n}", String(hits.length));
        status.textContent = hits.length === 0 ? none : count;
        all.hidden = true;
      }).catch(() => {});
    };
    const params = new URLSearchParams(location.search);
    if (params.has("q")) input.value = params.get("q").slice(0, 200);
    input.addEventListener("input", run);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      run();
    });
    run();
  }

  // ---------------------------------------------------------------- prescription links
  // The rules of scanwise_core::prescription::parse, for the https form of the link.
  const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
  function percentDecode(s) {
    const bytes = [];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (s[i] === "%" && i + 2 < s.length && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (s[i] === "+") {
        bytes.push(32);
      } else if (c < 128) {
        bytes.push(c);
      } else {
        bytes.push(...new TextEncoder().encode(s[i]));
      }
    }
    // Keep a leading BOM as Rust does (a decoder would drop it).
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(bytes));
  }
  // Rust's `trim` (Unicode White_Space) and `to_ascii_lowercase`, not JavaScript's own.
  const trim = (s) => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "");
  const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  function normaliseLang(raw, languages) {
    let primary = asciiLower(trim(raw).split(/[-_]/)[0]);
    if (!/^[a-z]{2,3}$/.test(primary)) return null;
    if (primary === "no" || primary === "nn" || primary === "nob") primary = "nb";
    return languages.includes(primary) ? primary : null;
  }
  function parsePrescription(href, known, languages, limits) {
    if (new TextEncoder().encode(href).length > limits.max_url_bytes) return { modules: [], notices: [{ code: "too_long" }] };
    const target = href.split("#")[0];
    const at = target.indexOf("?");
    const query = at < 0 ? "" : target.slice(at + 1);
    const modules = [];
    const unknown = [];
    let invalid = 0;
    let langRaw = null;
    let toolRaw = null;
    for (const pair of query.split("&").filter((p) => p)) {
      const eq = pair.indexOf("=");
      const key = percentDecode(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? "" : pair.slice(eq + 1);
      if (key === "m") {
        for (const raw of value.split(",").filter((r) => r)) {
          const id = percentDecode(raw);
          if (!ID.test(id)) { invalid++; continue; }
          if (!known.includes(id)) { if (!unknown.includes(id)) unknown.push(id); } else if (!modules.includes(id)) modules.push(id);
        }
      } else if (key === "lang" && langRaw === null) {
        langRaw = percentDecode(value);
      } else if (key === "open" && toolRaw === null) {
        toolRaw = percentDecode(value);
      }
    }
    const notices = [];
    if (invalid > 0) notices.push({ code: "invalid", count: invalid });
    if (unknown.length > 0) notices.push({ code: "unknown", count: Math.min(unknown.length, limits.max_modules) });
    if (modules.length > limits.max_modules) {
      notices.push({ code: "too_many", given: modules.length, kept: limits.max_modules });
      modules.length = limits.max_modules;
    }
    let lang = null;
    if (langRaw !== null) {
      lang = normaliseLang(langRaw, languages);
      if (lang === null) notices.push({ code: "unknown_language" });
    }
    let open = null;
    if (toolRaw !== null) {
      const t = trim(toolRaw);
      open = t === "checker" || t === "questions" ? t : null;
      if (open === null) notices.push({ code: "unknown_tool" });
    }
    if (modules.length === 0 && open === null && notices.length === 0) notices.push({ code: "empty" });
    return { modules, lang, open, notices };
  }

  // The link's language, else the browser's first the site has, else the site's default.
  function rootLanguage(search, browserLanguages, data) {
    const params = new URLSearchParams(search);
    const asked = params.has("lang") ? normaliseLang(params.get("lang"), data.languages) : null;
    if (asked) return asked;
    for (const l of browserLanguages) {
      const code = normaliseLang(l, data.languages);
      if (code) return code;
    }
    return data.default;
  }

  function prescription() {
    // `open/`: choose the language, then the same link on that language's landing page.
    const rootEl = document.getElementById("open-root");
    if (rootEl) {
      const code = rootLanguage(location.search, navigator.languages || [], JSON.parse(rootEl.textContent));
      location.replace(new URL(code + "/open/" + location.search, ROOT).href);
      return;
    }
    const dataEl = document.getElementById("open-data");
    const view = document.getElementById("open-view");
    if (!dataEl || !view) return;
    const D = JSON.parse(dataEl.textContent);
    const p = parsePrescription(location.href, Object.keys(D.m), D.languages, D);
    // The link asks for another language the site has: that language's page, same link.
    if (p.lang && p.lang !== D.lang) {
      location.replace(new URL(p.lang + "/open/" + location.search, ROOT).href);
      return;
    }
    const S = D.s;
    const url = (rel) => new URL(rel, ROOT).href;
    const plural = new Intl.PluralRules(D.lang);
    const pick = (t, n) => (t[plural.select(n)] || t.other).replace("{n}", String(n));
    // Rebuilt from what survived the checks, never copied from the address.
    const query = (lang) => {
      const parts = [];
      if (p.modules.length > 0) parts.push("m=" + p.modules.join(","));
      if (lang) parts.push("lang=" + lang);
      if (p.open) parts.push("open=" + p.open);
      return parts.length ? "?" + parts.join("&") : "";
    };

    view.replaceChildren();
    view.append(el("h1", {}, S.title));
    if (p.notices.length > 0) {
      const box = el("div", { class: "notice", role: "note", "data-testid": "link-notices" });
      box.append(el("p", {}, S.notice_title));
      const ul = el("ul");
      for (const n of p.notices) {
        let text;
        if (n.code === "invalid") text = pick(D.p.invalid, n.count);
        else if (n.code === "unknown") text = pick(D.p.unknown, n.count);
        else if (n.code === "too_many") text = S.too_many.replace("{given}", String(n.given)).replace("{kept}", String(n.kept));
        else text = S[n.code];
        ul.append(el("li", { "data-notice": n.code }, text));
      }
      box.append(ul);
      view.append(box);
    }
    if (p.modules.length > 0) {
      view.append(el("p", { class: "lede" }, S.lede));
      view.append(el("h2", {}, S.modules));
      const ul = el("ul", { class: "cards", id: "open-modules" });
      for (const id of p.modules) {
        const m = D.m[id];
        const other = m.lang !== D.lang ? { lang: m.lang, dir: m.lang === "ar" ? "rtl" : "ltr" } : {};
        const li = el("li", { class: "card", "data-module": id });
        const h3 = el("h3", other);
        h3.append(el("a", { href: url(m.url) }, m.title));
        li.append(h3, el("p", other, m.summary));
        const meta = el("p", { class: "meta" });
        if (m.draft) meta.append(el("span", { class: "badge draft" }, S.draft));
        if (m.fallback) meta.append(el("span", { class: "badge" }, m.fallback));
        li.append(meta);
        ul.append(li);
      }
      view.append(ul);
    }
    const tools = el("div", { class: "quick" });
    if (p.open === "checker") tools.append(el("a", { class: "card-link", href: url(D.checker), "data-tool": "checker" }, S.checker));
    if (p.open === "questions") tools.append(el("a", { class: "card-link", href: url(D.questions), "data-tool": "questions" }, S.questions));
    tools.append(el("a", { class: "card-link", href: url(D.home) }, S.home));
    view.append(tools);
    const app = el("p", { class: "open-app" });
    app.append(el("a", { href: "scanwise://open" + query(p.lang), id: "open-in-app" }, S.open_in_app));
    app.append(el("span", { class: "hint" }, " " + S.open_in_app_hint));
    view.append(app);
    // The language switch keeps the chosen pages.
    for (const a of document.querySelectorAll(".langs a[hreflang]")) {
      const target = a.getAttribute("hreflang");
      if (D.languages.includes(target)) a.href = url(target + "/open/") + query(target);
    }
    document.getElementById("open-static").hidden = true;
    view.hidden = false;
  }

  if (!inPage) {
    globalThis.ScanWiseSite = { parsePrescription, normaliseLang, rootLanguage, matchKey, queryWords };
    return;
  }
  // `scanwise preview`: reload when the editor saves and the site is rebuilt.
  function preview() {
    let seen = null;
    const poll = () => fetch(new URL("__preview/build", ROOT).href, { cache: "no-store" })
      .then((r) => r.text())
      .then((build) => {
        if (seen !== null && build !== seen) location.reload();
        seen = build;
      })
      .catch(() => {});
    poll();
    setInterval(poll, 1000);
  }

  if (document.documentElement.dataset.preview) {
    preview();
  } else {
    offline();
  }
  regions();
  search();
  prescription();
})();

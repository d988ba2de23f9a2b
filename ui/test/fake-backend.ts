// A typed, in-memory stand-in for the Rust commands: each handler has the exact parameter and
// return types of `Commands` from the generated bindings, so a contract change breaks the build.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Bootstrap, Commands, ConceptArea, DecodedReport, Events, FirstScreen, FtlSource, HelpSigns, KioskStatus, ModuleCard, ModuleDoc, Parsed, Prescription, QuestionList, Settings, Step } from "../src/bindings";

/** One language's FTL files, joined in name order, as the shell sends them (core `Localizer::sources`).
 *  `dir` defaults to the app's locales/. */
export function loadFtl(lang: string, dir = join(__dirname, "../../locales")): FtlSource {
  const files = readdirSync(join(dir, lang)).filter((f) => f.endsWith(".ftl")).sort();
  return { lang, source: files.map((f) => readFileSync(join(dir, lang, f), "utf8")).join("\n") };
}

/** The language chain the shell would negotiate for one of the four UI languages. */
export function chainOf(lang: string): string[] {
  return lang === "en" ? ["en"] : [lang, "en"];
}

type Impl = { [K in keyof Commands]: (...a: Parameters<Commands[K]>) => Awaited<ReturnType<Commands[K]>> };
/** The checker's answers as `evaluateChecker` takes them (generated from the Rust map). */
type Answers = Parameters<Commands["evaluateChecker"]>[1];

/** What the shell would have: a link it was started with, kiosk mode. */
export interface FakeVisit {
  link?: Parsed;
  kiosk?: Partial<KioskStatus> & { pin?: string };
}

/** `modules`: how many module cards home lists (the first is always `radiation`); `engine`
 * replaces the checker's answers with a script (to test what the UI does with a given step). */
export function fakeBackend(initial?: Partial<Settings>, visit: FakeVisit = {}, modules = 1, engine?: (answers: Answers) => Step) {
  let pendingLink = visit.link ?? null;
  let visitLang: string | null = null;
  let kioskActive = visit.kiosk !== undefined;
  let settings: Settings = { lang: "en", region: "GB", text_size: 100, theme: "system", reduced_motion: false, second_lang: null, updates: true, age: null, onboarded: true, ...initial };
  const calls: string[] = [];
  const bookmarks = new Set<string>();
  const read = new Set<string>();
  let mine: { key: string; text: string }[] = [];

  const kioskStatus = (): KioskStatus => ({ active: kioskActive, idle_seconds: visit.kiosk?.idle_seconds ?? 90, languages: visit.kiosk?.languages ?? [], can_exit: !!visit.kiosk?.pin });
  const boot = (lang = visitLang ?? settings.lang): Bootstrap => ({
    settings: { ...settings, lang },
    locale: { lang, dir: lang === "ar" ? "rtl" : "ltr", chain: chainOf(lang), ftl: chainOf(lang).map((l) => loadFtl(l)) },
    languages: [
      { code: "en", native_name: "English", dir: "ltr" },
      { code: "nb", native_name: "Norsk bokmål", dir: "ltr" },
      { code: "ar", native_name: "العربية", dir: "rtl" },
      { code: "pl", native_name: "Polski", dir: "ltr" },
    ],
    region: settings.region === "GB" ? { code: "GB", emergency: "999", urgent: "111", urgent_name: "NHS 111" } : { code: "default", emergency: null, urgent: null, urgent_name: null },
    region_codes: ["GB", "NO", "default"],
    app_version: "0.1.0",
  });

  const doc = (): ModuleDoc => ({
    id: "radiation", title: "Radiation", summary: "Doses in everyday terms.", lang: "en", requested_lang: settings.lang,
    is_fallback: settings.lang !== "en", minutes: 4, areas: ["general"],
    sections: [
      { anchor: "dose", heading: "Dose", html: "<p>Some text.</p>", text: "Some text." },
      { anchor: "mri", heading: "MRI", html: "<p>No radiation.</p>", text: "No radiation." },
    ],
    key_points: ["MRI uses no radiation."], myth_or_fact: [{ statement: "MRI uses radiation.", answer: "myth", explanation: "It uses magnets." }],
    references: [{ id: "ref1", citation: "A study.", url: null, doi: null }],
    questions: [{ id: "radiation-dose", text: "What dose will I get?" }],
    review: { state: "draft", reviewer: null, reviewed_on: null, next_review: null }, translation: null,
    languages: ["en"], bookmarked: bookmarks.has("radiation"), read: [...read],
  });

  const questions = (): QuestionList => ({
    primary_lang: settings.lang, second_lang: settings.second_lang,
    items: mine.map((m) => ({ key: m.key, source: "own", primary: m.text, second: null })),
    suggestions: [{ id: "what-if-we-wait", text: "What if we wait?" }],
  });

  const impl: Impl = {
    bootstrap: () => boot(),
    previewLanguage: (lang) => boot(lang),
    saveSettings: (s) => ((settings = s), boot()),
    home: (): ModuleCard[] => [
      { id: "radiation", title: "Radiation", summary: "Doses.", areas: ["general"], minutes: 4, lang: "en", is_fallback: false, review: "draft", stale: false, bookmarked: bookmarks.has("radiation"), sections_read: read.size, sections_total: 2 },
      ...Array.from({ length: modules - 1 }, (_, i): ModuleCard => ({ id: `module-${i + 2}`, title: `Module ${i + 2}`, summary: "More.", areas: [i % 2 ? "back" : "general"], minutes: 3, lang: "en", is_fallback: false, review: "draft", stale: false, bookmarked: false, sections_read: 0, sections_total: 3 })),
    ],
    openModule: () => doc(),
    setBookmark: (m, on) => (on ? bookmarks.add(m) : bookmarks.delete(m), null),
    markRead: (_m, a) => (read.add(a), null),
    concept: (id) => ({ id, area: "spine", term: "Disc bulge", aliases: [], explanation: "Common.", prevalence: [], prevalence_source: null, see_module: null, class: "common", prevalence_area: null }),
    search: () => [],
    checker: () => ({
      lang: "en", is_fallback: false,
      questions: [
        { id: "saddle-numbness", kind: "red_flag_emergency", areas: ["back"], when: null, sign: "Numbness around your bottom", text: "Numbness around your bottom?", help: null, sources: [] },
        { id: "fever", kind: "red_flag_urgent", areas: ["general"], when: null, sign: "A fever", text: "Do you have a fever?", help: null, sources: [] },
        { id: "no-progress", kind: "criterion", areas: ["back"], when: null, sign: null, text: "No better after 6 weeks of care?", help: null, sources: [] },
      ],
      outcomes: [
        { kind: "emergency", title: "Call the emergency number now", body: "<p>Now.</p>", questions: [], safety_net: [] },
        { kind: "urgent", title: "Get care today", body: "<p>Today.</p>", questions: [], safety_net: [] },
        { kind: "soon", title: "See a doctor soon", body: "<p>Soon.</p>", questions: [], safety_net: [] },
        { kind: "discuss_imaging", title: "Talk about a scan", body: "<p>Ask.</p>", questions: ["will-it-change-plan"], safety_net: [] },
        { kind: "scan_unlikely_to_help", title: "A scan is unlikely to help", body: "<p>Ok.</p>", questions: [], safety_net: [{ area: "back", html: "<p>Come back in a few weeks.</p>" }] },
      ],
    }),
    // A tiny engine with the real one's shape: every red flag is asked, a red flag decides the
    // card, emergency and same-day cards show at once, criteria only when no flag is raised.
    evaluateChecker: (_area, answers: Answers): Step => {
      if (engine) return engine(answers);
      const flags: [string, Step["outcome"]][] = [["saddle-numbness", "emergency"], ["fever", "urgent"]];
      const asked_signs = flags.map(([id]) => id).filter((id) => answers[id]);
      const next = flags.find(([id]) => !answers[id])?.[0] ?? null;
      const raised = flags.filter(([id]) => answers[id] === "yes" || answers[id] === "not_sure");
      if (raised.length) {
        const outcome = raised[0][1];
        return { next_question: next, outcome, show_card: true, triggered: raised.filter(([, o]) => o === outcome).map(([id]) => id), asked_signs };
      }
      if (next) return { next_question: next, outcome: "scan_unlikely_to_help", show_card: false, triggered: [], asked_signs };
      if (!answers["no-progress"]) return { next_question: "no-progress", outcome: "scan_unlikely_to_help", show_card: false, triggered: [], asked_signs };
      const discuss = answers["no-progress"] !== "no";
      return { next_question: null, outcome: discuss ? "discuss_imaging" : "scan_unlikely_to_help", show_card: true, triggered: discuss ? ["no-progress"] : [], asked_signs };
    },
    helpSigns: (): HelpSigns => ({
      lang: "en",
      tiers: [
        { tier: "emergency", signs: [{ id: "saddle-numbness", sign: "Numbness around your bottom", areas: ["back"] }] },
        { tier: "urgent", signs: [{ id: "fever", sign: "A fever", areas: ["general"] }] },
        { tier: "soon", signs: [] },
      ],
    }),
    decodeReport: (text, area): DecodedReport => {
      const findings: DecodedReport["findings"] = [];
      const bulge = text.indexOf("disc bulge");
      if (bulge >= 0) findings.push({ concept: "disc-bulge", term: "Disc bulge", explanation: "Common with age.", matched: "disc bulge", start: bulge, end: bulge + 10, status: "present", class: "common", prevalence: [{ from: 40, to: 49, percent: 50 }], prevalence_source: "brinjikji2015", see_module: null });
      const sten = text.indexOf("stenosis");
      if (sten >= 0) findings.push({ concept: "spinal-stenosis", term: "Spinal stenosis", explanation: "Narrowing.", matched: "stenosis", start: sten, end: sten + 8, status: "absent", class: "common", prevalence: [], prevalence_source: null, see_module: null });
      const meta = text.indexOf("metastasis");
      if (meta >= 0) findings.push({ concept: "metastasis", term: "Metastasis", explanation: "Cancer cells that have spread.", matched: "metastasis", start: meta, end: meta + 10, status: "present", class: "serious", prevalence: [], prevalence_source: null, see_module: null });
      const urgent = text.indexOf("urgent");
      if (urgent >= 0) findings.push({ concept: "urgent-flag", term: "Urgent", explanation: "Asks for something quickly.", matched: "urgent", start: urgent, end: urgent + 6, status: "present", class: "urgent", prevalence: [], prevalence_source: null, see_module: null });
      findings.sort((a, b) => a.start - b.start);
      return { lang: "en", area: area ?? "spine", area_source: area ? "picked" : "heading", urgent: urgent >= 0, findings };
    },
    myQuestions: () => questions(),
    addQuestion: () => questions(),
    addOwnQuestion: (text) => ((mine = [...mine, { key: `own:${mine.length + 1}`, text }]), questions()),
    removeQuestion: (key) => ((mine = mine.filter((m) => m.key !== key)), questions()),
    takeLink: () => {
      const parsed = pendingLink;
      pendingLink = null;
      if (!parsed) return null;
      if (parsed.prescription.lang) visitLang = parsed.prescription.lang;
      return { parsed, boot: boot() };
    },
    setVisitLanguage: (lang) => ((visitLang = lang), boot()),
    shareLink: (p: Prescription) => ({ web_url: `https://scanwise.example/open?m=${p.modules.join(",")}`, app_url: `scanwise://open?m=${p.modules.join(",")}`, qr: "data:image/svg+xml;base64,PHN2Zy8+" }),
    kioskStatus: () => kioskStatus(),
    kioskReset: () => {
      if (!kioskActive) throw { code: "refused", message: "not a kiosk" };
      bookmarks.clear();
      read.clear();
      mine = [];
      visitLang = null;
      return null;
    },
    kioskExit: (pin) => {
      if (pin !== visit.kiosk?.pin) throw { code: "invalid", message: "wrong PIN" };
      kioskActive = false;
      return kioskStatus();
    },
    // Updates: the fake has no channel; it reports the switch and nothing waiting.
    updatesStatus: () => ({ enabled: settings.updates, available: true, damaged: false, channel_url: "http://127.0.0.1/", last_verified: null, ready: [], failed: false }),
    setUpdates: (on) => {
      settings = { ...settings, updates: on };
      return impl.updatesStatus();
    },
    showNewContent: () => false,
  };

  // What `invoke` receives: snake_case command names with an args object.
  const byCommand: Record<string, (args: Record<string, unknown>) => unknown> = {
    bootstrap: () => impl.bootstrap(),
    preview_language: (a) => impl.previewLanguage(a.lang as string),
    save_settings: (a) => impl.saveSettings(a.settings as Settings),
    home: (a) => impl.home(a.area as null),
    open_module: (a) => impl.openModule(a.id as string),
    set_bookmark: (a) => impl.setBookmark(a.module as string, a.on as boolean),
    mark_read: (a) => impl.markRead(a.module as string, a.anchor as string),
    concept: (a) => impl.concept(a.id as string),
    search: (a) => impl.search(a.query as string),
    checker: (a) => impl.checker(a.area as "back"),
    evaluate_checker: (a) => impl.evaluateChecker(a.area as "back", a.answers as Answers),
    help_signs: () => impl.helpSigns(),
    decode_report: (a) => impl.decodeReport(a.text as string, (a.area ?? null) as ConceptArea | null),
    my_questions: () => impl.myQuestions(),
    add_question: (a) => impl.addQuestion(a.id as string, a.from as "module"),
    add_own_question: (a) => impl.addOwnQuestion(a.text as string),
    remove_question: (a) => impl.removeQuestion(a.key as string),
    take_link: () => impl.takeLink(),
    set_visit_language: (a) => impl.setVisitLanguage(a.lang as string),
    share_link: (a) => impl.shareLink(a.prescription as Prescription),
    kiosk_status: () => impl.kioskStatus(),
    kiosk_reset: () => impl.kioskReset(),
    kiosk_exit: (a) => impl.kioskExit(a.pin as string),
    updates_status: () => impl.updatesStatus(),
    set_updates: (a) => impl.setUpdates(a.on as boolean),
    show_new_content: () => impl.showNewContent(),
  };

  /** Tauri's `invoke` as the shell answers it: its two commands (`call_main`, `call_worker`) carry
   *  `{ command, args }` for the command of the contract (`App::dispatch`). */
  async function invoke(tauriCommand: string, payload: Record<string, unknown> = {}) {
    if (tauriCommand !== "call_main" && tauriCommand !== "call_worker") {
      throw `Command ${tauriCommand} not allowed by ACL`;
    }
    const cmd = payload.command as string;
    calls.push(cmd);
    const h = byCommand[cmd];
    if (!h) throw { code: "invalid", message: `no command ${cmd}` };
    return h((payload.args ?? {}) as Record<string, unknown>);
  }
  /** What the shell's initialization script would inject (crates/app/src/first_screen.rs). */
  const firstScreen = (): FirstScreen => {
    const link = impl.takeLink();
    const b = link ? link.boot : boot();
    const kiosk = kioskStatus();
    return { boot: b, kiosk, home: !link && (b.settings.onboarded || kiosk.active) ? impl.home(null) : null, link };
  };
  return { invoke, calls, firstScreen, get settings() { return settings; }, get questionCount() { return mine.length; } };
}

/** The shell's Tauri events, faked: `listen` as `@tauri-apps/api/event` has it, `emit` as the
 *  shell sends an event of the contract (names and payloads from the generated `Events`). */
export function fakeShellEvents() {
  type Handler = (e: { payload: unknown }) => void;
  const handlers = new Map<string, Set<Handler>>();
  return {
    listen: async (event: string, handler: Handler) => {
      const set = handlers.get(event) ?? new Set<Handler>();
      handlers.set(event, set);
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
    emit: <E extends keyof Events>(event: E, payload: Events[E]) => {
      for (const h of handlers.get(event) ?? []) h({ payload });
    },
  };
}

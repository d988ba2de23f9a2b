import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { commands, type Bootstrap, type Prescription, type Settings } from "./bindings";
import { takeFirstScreen } from "./first-screen";
import { createTranslate, TranslateContext, useT } from "./i18n";
import { onContentReady, onLinkArrived } from "./events";
import { useRoute, type Route } from "./router";
import { AppContext, applyToDocument, useApp } from "./state";
import { FirstRun } from "./screens/first-run";
import { Home } from "./screens/home";
import { ModuleReader } from "./screens/module";
import { GlossaryEntry } from "./screens/glossary";
import { Checker } from "./screens/checker";
import { Decoder } from "./screens/decoder";
import { Questions } from "./screens/questions";
import { Search } from "./screens/search";
import { SettingsScreen } from "./screens/settings";
import { Help } from "./screens/help";
import { LinkNotices, PrescriptionView } from "./screens/prescription";
import { KioskBar, KioskLanguages, useKioskIdle } from "./screens/kiosk";
import { Visit } from "./visit";

export function App() {
  // The state of this visit: made here, so each <App> (and each test) starts fresh.
  const [visit] = useState(() => new Visit());
  const [boot, setBoot] = useState<Bootstrap | null>(() => startFromFirstScreen(visit));
  const [error, setError] = useState<string | null>(null);
  const route = useRoute();
  const openedOnShell = useRef<boolean | null>(null);
  /** Shows a bootstrap: language, direction and theme on <html>, then the screens. */
  const show = (b: Bootstrap) => {
    applyToDocument(b);
    setBoot(b);
  };

  // The strings of the shown language chain, parsed once per chain.
  const chainKey = boot ? boot.locale.chain.join(",") : "";
  const t = useMemo(() => (boot ? createTranslate(boot.locale.ftl) : null), [chainKey]);

  // The home screen shows content an update installed when it is next opened.
  useEffect(() => onContentReady(() => (visit.contentWaiting = true)), []);

  useEffect(() => {
    // No first screen (a reload, or the shell could not prepare it): ask the shell.
    if (!boot) {
      Promise.all([commands.bootstrap(), commands.kioskStatus()]).then(
        async ([b, kiosk]) => {
          visit.setKiosk(kiosk);
          // A link the app was started with decides the first screen and maybe the language.
          const link = await visit.takeLink().catch(() => null);
          show(link ? link.boot : b);
        },
        (e) => setError(String(e)),
      );
    }
    return onLinkArrived(() => {
      visit.takeLink().then((link) => link && show(link.boot), () => {});
    });
  }, []);

  if (error) return <main class="fatal" role="alert">{error}</main>;
  if (!boot || !t) return <main class="loading" aria-busy="true" />;

  const save = async (patch: Partial<Settings>) => show(await commands.saveSettings({ ...boot.settings, ...patch }));
  // A kiosk and a prescription skip the first-run screen (a kiosk's start screen picks the language).
  const direct = boot.settings.onboarded || route.name === "help" || route.name === "open" || visit.isKiosk();

  // Whether the shell was the first thing shown (else it takes focus when it appears, after the
  // first-run screen).
  if (openedOnShell.current === null) openedOnShell.current = direct;

  return (
    <AppContext.Provider value={{ boot, save, replace: show, visit }}>
      <TranslateContext.Provider value={t}>
        {/* "Get help now" works before the first run is finished, too. */}
        {direct ? <Shell route={route} focusOnMount={!openedOnShell.current} /> : <FirstRun />}
      </TranslateContext.Provider>
    </AppContext.Provider>
  );
}

/** The start from the data the shell injected (see first-screen.ts), drawn in the first render. */
function startFromFirstScreen(visit: Visit): Bootstrap | null {
  const first = takeFirstScreen();
  if (!first) return null;
  visit.setKiosk(first.kiosk);
  visit.setFirstHome(location.hash.replace(/^#\/?/, "") === "" ? first.home : null);
  if (first.link) visit.adoptLink(first.link);
  applyToDocument(first.boot);
  return first.boot;
}

const NAV: [Route["name"], string, string][] = [
  ["home", "#/", "nav-home"],
  ["checker", "#/checker", "nav-checker"],
  ["decoder", "#/decoder", "nav-decoder"],
  ["questions", "#/questions", "nav-questions"],
  ["search", "#/search", "nav-search"],
  ["settings", "#/settings", "nav-settings"],
];

function Shell({ route, focusOnMount }: { route: Route; focusOnMount: boolean }) {
  const { visit } = useApp();
  const t = useT();
  const kiosk = visit.isKiosk();
  useKioskIdle(kiosk, visit.kioskStatus()?.idle_seconds ?? 90);
  // Move focus to the new screen's heading so keyboard and screen-reader users follow along.
  // Not when the app opens on it: there the reader starts at the top, as on any page, and the
  // focus change would cost a layout before the first frame is painted.
  const skipFocus = useRef(!focusOnMount);
  useEffect(() => {
    if (skipFocus.current) {
      skipFocus.current = false;
      return;
    }
    const h = document.querySelector<HTMLElement>("main h1");
    h?.focus({ preventScroll: false });
  }, [route.name, "id" in route ? route.id : ""]);

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.querySelector<HTMLElement>("main h1")?.focus(); }}>
        {t("skip-to-content")}
      </a>
      <header class="top">
        <a class="brand" href="#/">{t("app-name")}</a>
        <a class="help-now" href="#/help" data-testid="help-now">{t("help-now")}</a>
        <nav aria-label={t("nav-label")}>
          <ul>
            {NAV.filter(([name]) => !(kiosk && name === "settings")).map(([name, href, label]) => (
              <li key={name}>
                <a href={href} aria-current={route.name === name ? "page" : undefined}>{t(label)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {kiosk && <KioskBar take={takeHome(route, visit)} />}
      <main id="main">
        <Screen route={route} />
      </main>
      <footer class="foot">
        <p>{t("footer-not-diagnosis")}</p>
        <p>{t("footer-licence")}</p>
      </footer>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  const { visit } = useApp();
  switch (route.name) {
    case "home":
      return (
        <>
          {visit.isKiosk() && route.area === null && <KioskLanguages />}
          <HomeNotices />
          <Home area={route.area} />
        </>
      );
    case "open":
      return <PrescriptionView key={route.serial} />;
    case "module":
      return <ModuleReader key={route.id} id={route.id} anchor={route.anchor} />;
    case "glossary":
      return <GlossaryEntry key={route.id} id={route.id} />;
    case "checker":
      return <Checker />;
    case "decoder":
      return <Decoder />;
    case "questions":
      return <Questions />;
    case "search":
      return <Search initial={route.query} />;
    case "settings":
      // Hidden in a kiosk, and the shell refuses saving there too.
      return visit.isKiosk() ? <Home area={null} /> : <SettingsScreen />;
    case "help":
      return <Help />;
  }
}

/** The notices of a link that opened the home screen, kept while this home screen shows. */
function HomeNotices() {
  const { visit } = useApp();
  const [link] = useState(() => visit.takeHomeNotices());
  return link ? <LinkNotices link={link} /> : null;
}

/** What "take this home" hands over in a kiosk: the module being read or the opened set. */
function takeHome(route: Route, visit: Visit): Prescription | null {
  const lang = document.documentElement.lang || null;
  if (route.name === "module") return { modules: [route.id], lang, open: null };
  const link = visit.currentLink();
  if (route.name === "open" && link) return { ...link.parsed.prescription, lang: link.parsed.prescription.lang ?? lang };
  return null;
}

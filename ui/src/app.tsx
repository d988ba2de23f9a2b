import { useEffect, useState } from "preact/hooks";
import { commands, type Bootstrap, type Settings } from "./bindings";
import { discardFirstHome, prefetchHome } from "./prefetch";
import { t } from "./i18n";
import { useRoute, type Route } from "./router";
import { AppContext, applyToDocument } from "./state";
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

export function App() {
  const [boot, setBoot] = useState<Bootstrap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    prefetchHome();
    commands.bootstrap().then(
      (b) => {
        // Opening on first run: the list was fetched in a language not yet chosen.
        if (!b.settings.onboarded || location.hash.replace(/^#\/?/, "") !== "") discardFirstHome();
        applyToDocument(b);
        setBoot(b);
      },
      (e) => setError(String(e)),
    );
  }, []);

  if (error) return <main class="fatal" role="alert">{error}</main>;
  if (!boot) return <main class="loading" aria-busy="true" />;

  const save = async (patch: Partial<Settings>) => {
    const next = await commands.saveSettings({ ...boot.settings, ...patch });
    applyToDocument(next);
    setBoot(next);
  };

  return (
    <AppContext.Provider value={{ boot, save }}>
      {/* "Get help now" works before the first run is finished, too. */}
      {boot.settings.onboarded || route.name === "help" ? <Shell route={route} /> : <FirstRun />}
    </AppContext.Provider>
  );
}

const NAV: [Route["name"], string, string][] = [
  ["home", "#/", "nav-home"],
  ["checker", "#/checker", "nav-checker"],
  ["decoder", "#/decoder", "nav-decoder"],
  ["questions", "#/questions", "nav-questions"],
  ["search", "#/search", "nav-search"],
  ["settings", "#/settings", "nav-settings"],
];

function Shell({ route }: { route: Route }) {
  // Move focus to the new screen's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
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
            {NAV.map(([name, href, label]) => (
              <li key={name}>
                <a href={href} aria-current={route.name === name ? "page" : undefined}>{t(label)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
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
  switch (route.name) {
    case "home":
      return <Home area={route.area} />;
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
      return <SettingsScreen />;
    case "help":
      return <Help />;
  }
}

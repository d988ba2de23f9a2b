// The page types every browser test visits, one line each: `path(lang)` is the page's address
// below SITE_URL for a language; `langs` limits a page that exists once (the language index);
// `expect` is a selector (or a function of the language giving one) the page must have, so a sample page that stops being what its name
// says fails instead of testing something else. Add new page types here (e.g. `open/`,
// `LANG/search/`) and every test file picks them up.

export const LANGS = ["en", "nb", "ar", "pl"];
/** The language each language's questions are shown beside on the side-by-side page. */
const beside = (lang) => (lang === "en" ? "nb" : "en");

const PAGE_TYPES = [
  { name: "language index", path: () => "", langs: ["en"], expect: "main ul.languages a[hreflang]" },
  { name: "home", path: (l) => `${l}/`, expect: "main a[href^='m/']" },
  { name: "module", path: (l) => `${l}/m/when-a-scan-is-needed/`, expect: "main h2" },
  { name: "module (language fallback)", path: (l) => `${l}/m/radiation/`, expect: "main h2" },
  { name: "glossary", path: (l) => `${l}/glossary/`, expect: "main h2" },
  { name: "questions", path: (l) => `${l}/questions/`, expect: "main li" },
  { name: "questions side by side", path: (l) => `${l}/questions/${beside(l)}/`, expect: (l) => `main tr[data-question] td[lang='${beside(l)}']` },
  { name: "help", path: (l) => `${l}/help/`, expect: "main a[href^='tel:']" },
  { name: "about", path: (l) => `${l}/about/`, expect: "main p" },
  { name: "checker: choose area", path: (l) => `${l}/check/`, expect: "main a.area[data-area='back']" },
  { name: "checker: a question", path: (l) => `${l}/check/knee/n/`, expect: ".checker[data-show-card='false'] section.question a.answer[data-answer='yes']" },
  { name: "checker: emergency card", path: (l) => `${l}/check/back/y/`, expect: ".checker[data-show-card='true'] section.outcome[data-outcome='emergency']" },
  { name: "search", path: (l) => `${l}/search/`, expect: "main form[role='search'] input[name='q']" },
  { name: "search results", path: (l) => `${l}/search/?q=mri`, expect: "main #search-all" },
  { name: "prescription landing", path: (l) => `${l}/open/?m=do-i-need-a-scan,radiation,no-such-module&open=checker`, expect: "main #open-static ul.languages a[hreflang]" },
];

/** Every (page type, language) pair, in a stable order. */
export function everyPage() {
  return PAGE_TYPES.flatMap((type) =>
    (type.langs ?? LANGS).map((lang) => ({
      type,
      lang,
      path: type.path(lang),
      expect: typeof type.expect === "function" ? type.expect(lang) : type.expect,
      label: `${type.name} [${lang}] /${type.path(lang)}`,
    })),
  );
}

import { commands, type LinkView, type ModuleCard } from "../bindings";
import { useT } from "../i18n";
import { noticeMessage } from "../visit";
import { useApp } from "../state";
import { Loading, Title, useLoad } from "./common";
import { CardList } from "./home";
import { ShareButton } from "./share";

/** The notices of the last link, above whatever screen it led to. */
export function LinkNotices({ link: given }: { link?: LinkView | null }) {
  const t = useT();
  const { visit } = useApp();
  const link = given === undefined ? visit.currentLink() : given;
  if (!link || link.parsed.notices.length === 0) return null;
  return (
    <div class="notice link-notices" role="status" data-testid="link-notices">
      <p>{t("link-notice-title")}</p>
      <ul>
        {link.parsed.notices.map((n, i) => {
          const [id, args] = noticeMessage(n);
          return <li key={i} data-notice={n.code}>{t(id, args)}</li>;
        })}
      </ul>
    </div>
  );
}

/** Exactly the modules a link named, in its order and language, plus the tool it asked for. */
export function PrescriptionView() {
  const t = useT();
  const { visit } = useApp();
  const link = visit.currentLink();
  const p = link?.parsed.prescription;
  const lang = link?.boot.locale.lang ?? "";
  const load = useLoad(async () => (p ? commands.home(null) : []), [lang, p]);
  if (!link || !p || link.parsed.prescription.modules.length + (p.open ? 1 : 0) === 0) {
    return (
      <>
        <Title>{t("link-title")}</Title>
        <LinkNotices />
        <p><a href="#/">{t("nav-home")}</a></p>
      </>
    );
  }
  return (
    <>
      <Title>{t("link-title")}</Title>
      <p class="lede">{t("link-lede")}</p>
      <LinkNotices />
      {p.open && (
        <p class="quick">
          <a class="card-link" href={p.open === "checker" ? "#/checker" : "#/questions"} data-testid="link-tool">
            {t(p.open === "checker" ? "nav-checker" : "nav-questions")}
          </a>
        </p>
      )}
      <Loading load={load}>
        {() => {
          const byId = new Map((load.data as ModuleCard[]).map((c) => [c.id, c]));
          const cards = p.modules.map((id) => byId.get(id)).filter((c): c is ModuleCard => !!c);
          return (
            <div data-testid="prescription">
              <CardList title={t("link-modules")} cards={cards} id="prescribed" />
            </div>
          );
        }}
      </Loading>
      <ShareButton prescription={p} label={t("share-these")} />
    </>
  );
}

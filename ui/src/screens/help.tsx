import { commands, type HelpSigns, type Region } from "../bindings";
import { useT, regionName } from "../i18n";
import { langDir, useApp } from "../state";
import { Loading, Title, useLoad } from "./common";

/** The region's numbers; `tel:` links so a phone dials in one tap. */
export function Numbers({ region }: { region: Region }) {
  const t = useT();
  if (!region.emergency) {
    return <p class="numbers" data-testid="numbers">{t("help-local-number")}</p>;
  }
  return (
    <ul class="numbers" data-testid="numbers">
      <li>
        <span>{t("help-emergency")}</span>{" "}
        <a class="number" href={`tel:${region.emergency}`} dir="ltr">{region.emergency}</a>
      </li>
      {region.urgent && (
        <li>
          <span>{t("help-urgent")}{region.urgent_name ? ` (${region.urgent_name})` : ""}</span>{" "}
          <a class="number" href={`tel:${region.urgent}`} dir="ltr">{region.urgent}</a>
        </li>
      )}
    </ul>
  );
}

export function Help() {
  const t = useT();
  const { boot } = useApp();
  return (
    <>
      <Title>{t("help-title")}</Title>
      <section class="urgent-card" aria-labelledby="h-call">
        <h2 id="h-call">{t("help-call-now")}</h2>
        <Numbers region={boot.region} />
        <p class="region-line">
          {t("help-region", { region: regionName(t, boot.settings.region, boot.locale.lang) })}{" "}
          <a href="#/settings">{t("help-change-region")}</a>
        </p>
      </section>
      <Signs />
      <p>
        <a href="#/module/when-a-scan-is-needed">{t("help-read-safety")}</a>
      </p>
      <p>
        <a href="#/checker">{t("help-checker")}</a>
      </p>
    </>
  );
}

/** The warning signs by tier, from the checker content itself: this screen, the checker and
 * the safety module can never send the same sign to different places. */
function Signs() {
  const { boot } = useApp();
  const load = useLoad(() => commands.helpSigns(), [boot.locale.lang]);
  return <Loading load={load}>{() => <SignList signs={load.data!} />}</Loading>;
}

function SignList({ signs }: { signs: HelpSigns }) {
  const t = useT();
  const { boot } = useApp();
  return (
    <div class="help-signs" data-testid="help-signs">
      <p>{t("help-signs-lede")}</p>
      {signs.tiers.map(({ tier, signs: items }) => (
        <section key={tier} data-tier={tier} aria-labelledby={`h-signs-${tier}`} class={tier === "emergency" ? "urgent-card" : undefined}>
          <h2 id={`h-signs-${tier}`}>{t(`help-signs-${tier}`)}</h2>
          <ul lang={signs.lang} dir={langDir(boot, signs.lang)}>
            {items.map((s) => (
              <li key={s.id} data-sign={s.id}>{s.sign}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

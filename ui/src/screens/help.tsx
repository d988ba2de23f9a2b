import type { Region } from "../bindings";
import { t, regionName } from "../i18n";
import { useApp } from "../state";
import { Title } from "./common";

/** The region's numbers; `tel:` links so a phone dials in one tap. */
export function Numbers({ region }: { region: Region }) {
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
  const { boot } = useApp();
  return (
    <>
      <Title>{t("help-title")}</Title>
      <section class="urgent-card" aria-labelledby="h-call">
        <h2 id="h-call">{t("help-call-now")}</h2>
        <Numbers region={boot.region} />
        <p class="region-line">
          {t("help-region", { region: regionName(boot.settings.region, boot.locale.lang) })}{" "}
          <a href="#/settings">{t("help-change-region")}</a>
        </p>
      </section>
      <p>{t("help-emergency-signs")}</p>
      <p>
        <a href="#/module/when-a-scan-is-needed">{t("help-read-safety")}</a>
      </p>
      <p>
        <a href="#/checker">{t("help-checker")}</a>
      </p>
    </>
  );
}

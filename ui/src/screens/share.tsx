import { useState } from "preact/hooks";
import { commands, type Prescription, type ShareLink } from "../bindings";
import { useT } from "../i18n";

/** "Share these modules" / "Take this home": a QR code of the web link, made on this device. */
export function ShareButton({ prescription, label }: { prescription: Prescription; label: string }) {
  const t = useT();
  const [link, setLink] = useState<ShareLink | null>(null);
  const [failed, setFailed] = useState(false);
  const toggle = async () => {
    if (link) return setLink(null);
    try {
      setLink(await commands.shareLink(prescription));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  return (
    <div class="share no-print">
      <button type="button" aria-expanded={link !== null} onClick={toggle} data-testid="share">
        {label}
      </button>
      {failed && <p class="error" role="alert">{t("error-generic")}</p>}
      {link && (
        <figure class="share-qr" data-testid="share-qr">
          <img src={link.qr} alt={t("share-qr-alt")} width={240} height={240} />
          <figcaption>
            {t("share-scan")}
            <br />
            {/* Plain text, not a link: the address is for another device, never opened here. */}
            <code dir="ltr" data-testid="share-url">{link.web_url}</code>
          </figcaption>
        </figure>
      )}
    </div>
  );
}

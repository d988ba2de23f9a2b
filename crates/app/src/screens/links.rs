//! Prescriptions (open a set of modules from a link), the session language they may bring, and
//! the "share these modules" QR code.

use crate::App;
use crate::ipc::{AppError, AppResult, Bootstrap};
use crate::screens::settings::bootstrap_for;
use crate::screens::{current_lang, visit_lang};
use crate::state::AppState;
use qrcode::QrCode;
use qrcode::render::svg;
use scanwise_core::prescription::{self, Parsed, Prescription};
use serde::Serialize;

/// Where share links point. Only ever encoded into QR codes and link text, never fetched.
/// A clinic build sets its own with `SCANWISE_SHARE_BASE=clinic.example/scanwise`.
pub const SHARE_BASE: &str = match option_env!("SCANWISE_SHARE_BASE") {
    Some(b) => b,
    None => "scanwise.example",
};

/// A link opened: what survived parsing (modules are known ids, in the link's order), what was
/// dropped, and the start-up data in the language now in use.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub parsed: Parsed,
    pub boot: Bootstrap,
}

/// A set of modules as something to hand over: the https link and its QR code.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ShareLink {
    pub web_url: String,
    pub app_url: String,
    /// `data:image/svg+xml;base64,…`, for an `<img>` (allowed by the CSP; no inline markup).
    pub qr: String,
}

/// Parses `url` against this device's modules and, when it names a language, makes that the
/// language of this visit (the saved setting is left alone).
pub fn open(state: &AppState, url: &str) -> AppResult<LinkView> {
    let slot = state.slot()?;
    let known: Vec<String> = slot
        .modules(prescription::LANGUAGES, None)?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let shipped: Vec<String> = state
        .locales
        .languages()
        .into_iter()
        .map(|l| l.code)
        .collect();
    let shipped: Vec<&str> = shipped.iter().map(String::as_str).collect();
    let parsed = prescription::parse_with_languages(url, &known, &shipped);
    if let Some(lang) = &parsed.prescription.lang {
        visit_lang(state, Some(lang.clone()));
    }
    Ok(LinkView {
        boot: bootstrap_for(state, &current_lang(state)?)?,
        parsed,
    })
}

impl App {
    /// The link the app was started with or sent while running, once; `None` when there is none.
    pub fn take_link(&self) -> AppResult<Option<LinkView>> {
        let state = &self.state;
        let pending = &self.pending;
        pending.take().map(|url| open(state, &url)).transpose()
    }

    /// Shows the app in `lang` for this visit only (a prescription's language, a kiosk's picker).
    pub fn set_visit_language(&self, lang: String) -> AppResult<Bootstrap> {
        let state = &self.state;
        let lang = state.locales.negotiate(&lang);
        visit_lang(state, Some(lang.clone()));
        bootstrap_for(state, &lang)
    }

    pub fn share_link(&self, prescription: Prescription) -> AppResult<ShareLink> {
        share(&prescription)
    }
}

pub fn share(prescription: &Prescription) -> AppResult<ShareLink> {
    if prescription.modules.len() > prescription::MAX_MODULES
        || !prescription
            .modules
            .iter()
            .all(|m| prescription::is_valid_id(m))
    {
        return Err(AppError::Invalid("not a set of module ids".into()));
    }
    let web_url = prescription.to_web_url(SHARE_BASE);
    let code = QrCode::new(web_url.as_bytes())
        .map_err(|e| AppError::Invalid(format!("link too long for a QR code: {e}")))?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    Ok(ShareLink {
        app_url: prescription.to_app_url(),
        qr: format!("data:image/svg+xml;base64,{}", base64(svg.as_bytes())),
        web_url,
    })
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scanwise_core::prescription::Tool;

    #[test]
    fn a_link_opens_known_modules_in_its_language_and_hostile_ones_open_home() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), Some("en_GB".into())).unwrap();
        let v = open(
            &state,
            "scanwise://open?m=radiation,no-such-module,do-i-need-a-scan&lang=nb&open=checker",
        )
        .unwrap();
        assert_eq!(
            v.parsed.prescription.modules,
            ["radiation", "do-i-need-a-scan"]
        );
        assert_eq!(v.parsed.prescription.open, Some(Tool::Checker));
        assert_eq!(v.boot.locale.lang, "nb");
        // This visit only: the saved language is untouched.
        assert_eq!(state.user().settings().unwrap().language, None);
        assert_eq!(current_lang(&state).unwrap(), "nb");

        visit_lang(&state, None);
        let ids: Vec<String> = (0..500).map(|i| format!("m{i}")).collect();
        for url in [
            "scanwise://open?m=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=%3Cscript%3E".to_string(),
            format!("scanwise://open?m={}", ids.join(",")),
            "javascript:alert(1)".to_string(),
            String::new(),
        ] {
            let v = open(&state, &url).unwrap();
            assert!(v.parsed.opens_home(), "{url}");
            assert!(!v.parsed.notices.is_empty(), "{url}");
            assert_eq!(v.boot.locale.lang, "en");
        }
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_share_link_is_the_web_url_and_its_qr_code() {
        let p = Prescription {
            modules: vec!["do-i-need-a-scan".into(), "radiation".into()],
            lang: Some("nb".into()),
            open: Some(Tool::Questions),
        };
        let s = share(&p).unwrap();
        assert_eq!(
            s.web_url,
            "https://scanwise.example/open?m=do-i-need-a-scan,radiation&lang=nb&open=questions"
        );
        assert_eq!(
            s.app_url,
            "scanwise://open?m=do-i-need-a-scan,radiation&lang=nb&open=questions"
        );
        assert!(
            s.qr.starts_with("data:image/svg+xml;base64,PD94bWwg")
                || s.qr.starts_with("data:image/svg+xml;base64,PHN2Zy"),
            "{}",
            &s.qr[..60]
        );
        let bad = Prescription {
            modules: vec!["<script>".into()],
            ..Default::default()
        };
        assert!(matches!(share(&bad), Err(AppError::Invalid(_))));
    }
}

//! The first frame without a round trip. What the start screen needs is computed in `setup()`
//! and handed to the page in an initialization script, which runs before the UI's own scripts.
//! Asking over IPC instead cost a message each way plus a frame of Preact effects per step,
//! which was most of the startup gap to a bare window (`cargo xtask bench app`).

use crate::App;
use crate::ipc::{AppResult, Bootstrap, ModuleCard};
use crate::kiosk::{Kiosk, KioskStatus};
use crate::links::PendingLink;
use crate::screens::content::home_cards;
use crate::screens::current_lang;
use crate::screens::links::{LinkView, open};
use crate::screens::settings::bootstrap_for;
use crate::state::AppState;
use serde::Serialize;

/// The `window` property the script sets; the UI reads it through `ui/src/first-screen.ts`.
pub const GLOBAL: &str = "__SCANWISE_FIRST__";

/// Everything the first screen shows, as the commands would return it at this moment.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct FirstScreen {
    pub boot: Bootstrap,
    pub kiosk: KioskStatus,
    /// The home list, when the app opens on the home screen (not on first run or a link).
    pub home: Option<Vec<ModuleCard>>,
    /// The link the app was started with. Taken here, so `take_link` does not return it again.
    pub link: Option<LinkView>,
}

impl App {
    /// The first screen, for the shell to hand the page before its scripts run ([`script`]).
    pub fn first_screen(&self) -> AppResult<FirstScreen> {
        compute(&self.state, &self.kiosk, &self.pending)
    }
}

pub fn compute(state: &AppState, kiosk: &Kiosk, pending: &PendingLink) -> AppResult<FirstScreen> {
    let link = pending.take().map(|url| open(state, &url)).transpose()?;
    let boot = match &link {
        Some(l) => l.boot.clone(),
        None => bootstrap_for(state, &current_lang(state)?)?,
    };
    let kiosk = kiosk.status();
    let opens_home = link.is_none() && (boot.settings.onboarded || kiosk.active);
    Ok(FirstScreen {
        home: opens_home.then(|| home_cards(state, None)).transpose()?,
        boot,
        kiosk,
        link,
    })
}

/// Set before the page's own scripts when `sync-state.db` was unreadable at start: the home
/// screen shows its notice without an IPC call. Start-up data like the first screen, not an
/// event (an event sent before the page listens would be lost).
pub const DAMAGED_SCRIPT: &str = "window.__scanwiseContentDamaged = true;";

/// The initialization script: one assignment of JSON, which is also valid JavaScript (nothing in
/// it is run; content strings stay strings).
pub fn script(first: &FirstScreen) -> String {
    let json = serde_json::to_string(first).expect("FirstScreen serialises");
    format!("window.{GLOBAL} = {json};")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppState;

    fn state(dir: &std::path::Path) -> AppState {
        AppState::open(dir, Some("nb-NO".into())).unwrap()
    }

    #[test]
    fn first_run_has_no_home_list() {
        let dir = tempfile::tempdir().unwrap();
        let s = state(dir.path());
        let first = compute(&s, &Kiosk::new(None), &PendingLink::default()).unwrap();
        assert!(!first.boot.settings.onboarded);
        assert!(first.home.is_none());
        assert_eq!(first.boot.locale.lang, "nb");
    }

    #[test]
    fn an_onboarded_start_carries_the_home_list_the_command_returns() {
        let dir = tempfile::tempdir().unwrap();
        let s = state(dir.path());
        s.user()
            .set_setting(scanwise_core::user::SettingKey::Language, "en")
            .unwrap();
        // Progress counts sections read in any language, and only this module's.
        s.user()
            .mark_read("do-i-need-a-scan", "nb", "three-reasons")
            .unwrap();
        s.user()
            .mark_read("do-i-need-a-scan", "en", "no-such-anchor")
            .unwrap();
        let first = compute(&s, &Kiosk::new(None), &PendingLink::default()).unwrap();
        let home = first.home.expect("home list");
        let card = home.iter().find(|c| c.id == "do-i-need-a-scan").unwrap();
        assert_eq!(card.sections_read, 1);
        assert!(card.sections_total > 1);
        assert!(
            home.iter()
                .filter(|c| c.id != card.id)
                .all(|c| c.sections_read == 0)
        );
        let again = home_cards(&s, None).unwrap();
        assert_eq!(
            serde_json::to_value(&home).unwrap(),
            serde_json::to_value(&again).unwrap()
        );
        assert!(home.iter().all(|c| c.lang == "en"));
    }

    #[test]
    fn a_start_link_is_taken_once_and_sets_the_language() {
        let dir = tempfile::tempdir().unwrap();
        let s = state(dir.path());
        let pending = PendingLink::default();
        pending.set("scanwise://open?m=do-i-need-a-scan&lang=ar");
        let first = compute(&s, &Kiosk::new(None), &pending).unwrap();
        let link = first.link.expect("the link");
        assert_eq!(link.parsed.prescription.modules, ["do-i-need-a-scan"]);
        assert_eq!(first.boot.locale.lang, "ar");
        assert!(first.home.is_none());
        assert!(pending.take().is_none(), "take_link would return it again");
    }

    #[test]
    fn the_script_is_one_assignment_that_keeps_hostile_text_a_string() {
        let dir = tempfile::tempdir().unwrap();
        let s = state(dir.path());
        let mut first = compute(&s, &Kiosk::new(None), &PendingLink::default()).unwrap();
        first.boot.locale.ftl.push(crate::ipc::FtlSource {
            lang: "x".into(),
            source: "</script><script>alert(1)</script>\u{2028}\"".into(),
        });
        let script = script(&first);
        let json = script
            .strip_prefix(&format!("window.{GLOBAL} = "))
            .and_then(|s| s.strip_suffix(';'))
            .expect("one assignment");
        let back: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            back["boot"]["locale"]["ftl"]
                .as_array()
                .unwrap()
                .last()
                .unwrap()["source"],
            "</script><script>alert(1)</script>\u{2028}\""
        );
    }
}

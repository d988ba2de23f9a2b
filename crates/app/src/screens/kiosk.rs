//! Kiosk commands: status, wiping a visit, leaving with the clinic PIN.

use crate::App;
use crate::ipc::{AppError, AppResult};
use crate::kiosk::{ExitError, Kiosk, KioskStatus};
use crate::screens::visit_lang;
use crate::state::AppState;
use std::time::Instant;

/// For commands a kiosk must not run (settings, updates): refused here, not only hidden.
pub fn refuse_in_kiosk(kiosk: &Kiosk, what: &str) -> AppResult<()> {
    if kiosk.active() {
        return Err(AppError::Refused(format!(
            "{what} is not available in kiosk mode"
        )));
    }
    Ok(())
}

impl App {
    pub fn kiosk_status(&self) -> AppResult<KioskStatus> {
        Ok(self.kiosk.status())
    }

    /// Ends a visit. This is the kiosk's one safe moment for new content (if `kiosk.toml` allows
    /// updates), so it is applied here and nowhere else. Async: a running check holds the updates
    /// lock, and the main thread must not wait for it.
    pub fn kiosk_reset(&self) -> AppResult<()> {
        let state = &self.state;
        let kiosk = &self.kiosk;
        let updates = &self.updates;
        if !kiosk.active() {
            return Err(AppError::Refused("only a kiosk wipes its data".into()));
        }
        reset(state)?;
        crate::screens::updates::apply_waiting(state, updates);
        Ok(())
    }

    pub fn kiosk_exit(&self, pin: String) -> AppResult<KioskStatus> {
        let kiosk = &self.kiosk;
        match kiosk.exit(&pin, Instant::now()) {
            Ok(()) => {
                self.window.leave_fullscreen();
                Ok(kiosk.status())
            }
            Err(e @ ExitError::CoolingDown(_)) => Err(AppError::Refused(e.to_string())),
            Err(e) => Err(AppError::Invalid(e.to_string())),
        }
    }
}

/// Forgets this visit: user.db (bookmarks, progress, questions, settings with the remembered
/// age) and the visit language. The UI reloads itself, which clears answers and pasted text.
pub fn reset(state: &AppState) -> AppResult<()> {
    state.user().wipe().map_err(AppError::user)?;
    visit_lang(state, None);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use scanwise_core::user::QuestionOrigin;

    #[test]
    fn reset_empties_user_db() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), Some("en_GB".into())).unwrap();
        {
            let mut u = state.user();
            u.add_bookmark("do-i-need-a-scan", "en", None).unwrap();
            u.mark_read("do-i-need-a-scan", "en", "why").unwrap();
            u.add_own_question("Can I keep working?").unwrap();
            u.add_content_question("q-1", QuestionOrigin::Module, None)
                .unwrap();
            u.set_setting(scanwise_core::user::SettingKey::Language, "ar")
                .unwrap();
            u.set_setting(scanwise_core::user::SettingKey::Age, "45")
                .unwrap();
        }
        visit_lang(&state, Some("nb".into()));
        reset(&state).unwrap();
        let u = state.user();
        assert!(u.bookmarks().unwrap().is_empty());
        assert!(u.progress(None).unwrap().is_empty());
        assert!(u.questions().unwrap().is_empty());
        assert_eq!(u.settings().unwrap().language, None);
        assert_eq!(u.settings().unwrap().age, None);
        drop(u);
        assert_eq!(*state.visit_lang.lock().unwrap(), None);
        // And on disk: a fresh handle on the same file sees nothing.
        let again = scanwise_core::user::UserDb::open(&dir.path().join("user.db")).unwrap();
        assert!(again.questions().unwrap().is_empty());
        assert!(again.bookmarks().unwrap().is_empty());
    }
}

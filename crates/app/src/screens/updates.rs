//! Settings → "Content updates", and showing new content at a safe moment.

use crate::App;
use crate::ipc::{AppError, AppResult};
use crate::screens::kiosk::refuse_in_kiosk;
use crate::state::AppState;
use crate::updates::{UpdateService, UpdatesView};
use scanwise_core::user::SettingKey;

impl App {
    // `async`: off the main thread, since a running check holds the updates lock until its
    // (bounded) downloads end.
    pub fn updates_status(&self) -> AppResult<UpdatesView> {
        let svc = &self.updates;
        svc.view()
    }

    /// Turns updates on or off (saved in user.db); turning them on checks at once.
    pub fn set_updates(&self, on: bool) -> AppResult<UpdatesView> {
        let state = &self.state;
        let svc = &self.updates;
        let kiosk = &self.kiosk;
        refuse_in_kiosk(kiosk, "content updates")?;
        state
            .user()
            .set_setting(SettingKey::UpdatesEnabled, &on.to_string())
            .map_err(AppError::user)?;
        svc.set_enabled(on);
        svc.view()
    }

    /// The UI calls this on the home screen: new content waiting is shown from now on. True when
    /// the content changed (the UI reloads its lists).
    pub fn show_new_content(&self) -> AppResult<bool> {
        let state = &self.state;
        let svc = &self.updates;
        let kiosk = &self.kiosk;
        // A kiosk never changes content in the middle of a visit: see `kiosk_reset`.
        if kiosk.active() {
            return Ok(false);
        }
        Ok(apply_waiting(state, svc))
    }
}

/// Switches to content a sync installed, if any. True when the content changed.
pub fn apply_waiting(state: &AppState, svc: &UpdateService) -> bool {
    match svc.lock().take_ready() {
        Some(path) => {
            state.switch_slot(path);
            true
        }
        None => false,
    }
}

//! Prescription links reaching the app: as a command-line argument at start (how Linux and
//! Windows deliver `scanwise://` and how the real-window tests start the app) or from the
//! deep-link plugin while running. The shell only keeps the raw text; the UI asks for it with
//! `take_link`, which parses it against this device's modules (`scanwise_core::prescription`).

use std::sync::Mutex;

/// Longer arguments are not kept at all (`prescription::parse` would reject them anyway).
const MAX_KEPT: usize = 64 * 1024;

/// The link waiting for the UI; a newer one replaces an unread older one.
#[derive(Debug, Default)]
pub struct PendingLink(Mutex<Option<String>>);

impl PendingLink {
    pub fn set(&self, url: &str) {
        if url.len() <= MAX_KEPT {
            *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(url.to_string());
        } else {
            // Still open the home screen with a "too long" notice, without keeping the text.
            *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(format!(
                "{}://open?m={}",
                scanwise_core::prescription::APP_SCHEME,
                "x".repeat(MAX_KEPT)
            ));
        }
    }

    pub fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// The first argument that looks like a link (`scanwise:` or `https:`); flags are skipped.
pub fn from_args(args: impl IntoIterator<Item = String>) -> Option<String> {
    args.into_iter().skip(1).find(|a| {
        let lower = a.get(..a.len().min(10)).unwrap_or("").to_ascii_lowercase();
        lower.starts_with("scanwise:") || lower.starts_with("https:")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_link_argument_is_found_among_flags() {
        assert_eq!(from_args(args(&["app"])), None);
        assert_eq!(
            from_args(args(&["app", "--kiosk", "scanwise://open?m=a"])),
            Some("scanwise://open?m=a".into())
        );
        assert_eq!(
            from_args(args(&["app", "HTTPS://x.example/open?m=a"])),
            Some("HTTPS://x.example/open?m=a".into())
        );
        // The program name is never taken for a link.
        assert_eq!(from_args(args(&["scanwise://open?m=a"])), None);
        // Multi-byte text at the cut does not panic.
        assert_eq!(from_args(args(&["app", "ææææææææ"])), None);
    }

    #[test]
    fn a_pending_link_is_taken_once_and_huge_ones_are_not_kept() {
        let p = PendingLink::default();
        p.set("scanwise://open?m=a");
        p.set("scanwise://open?m=b");
        assert_eq!(p.take().as_deref(), Some("scanwise://open?m=b"));
        assert_eq!(p.take(), None);
        p.set(&"y".repeat(MAX_KEPT + 1));
        let kept = p.take().unwrap();
        assert!(!kept.contains('y'));
        let parsed = scanwise_core::prescription::parse(&kept, &["a"]);
        assert!(parsed.opens_home());
        assert!(!parsed.notices.is_empty());
    }
}

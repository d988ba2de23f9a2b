//! Kiosk mode for clinic waiting rooms: started with `--kiosk` or by a `kiosk.toml` in the data
//! directory. A kiosk keeps its visits in its own data directory (`<data>/kiosk`), wipes them
//! when idle, hides settings and updates (and refuses their commands here, not only in the UI),
//! and only a clinic PIN leaves it.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The command-line flag that starts kiosk mode without a config file.
pub const FLAG: &str = "--kiosk";
/// Read from the (non-kiosk) data directory.
pub const CONFIG_FILE: &str = "kiosk.toml";
/// Wrong PINs allowed before a cooldown.
pub const MAX_TRIES: u32 = 3;
/// How long leaving is refused after [`MAX_TRIES`] wrong PINs.
pub const COOLDOWN: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum KioskError {
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid kiosk config: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("idle_seconds must be between 1 and 86400, not {0}")]
    IdleRange(u64),
}

/// `kiosk.toml`; every key is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskConfig {
    /// Seconds without input before the visit is wiped and the start screen shown.
    pub idle_seconds: u64,
    /// The clinic PIN that leaves kiosk mode; without one, kiosk mode cannot be left from the UI.
    pub pin: Option<String>,
    /// Languages offered on the start screen; empty means every shipped language.
    pub languages: Vec<String>,
    /// Content updates for this kiosk (off unless the clinic turns them on). New content is
    /// downloaded in the background but shown only when a visit ends (idle or "I am done").
    pub updates: bool,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            idle_seconds: 90,
            pin: None,
            languages: Vec::new(),
            updates: false,
        }
    }
}

impl KioskConfig {
    /// The config when kiosk mode is on (`--kiosk` in `args` or `kiosk.toml` in `data_dir`).
    pub fn detect(
        data_dir: &Path,
        args: impl IntoIterator<Item = String>,
    ) -> Result<Option<KioskConfig>, KioskError> {
        let path = data_dir.join(CONFIG_FILE);
        let flag = args.into_iter().any(|a| a == FLAG);
        let config = match std::fs::read_to_string(&path) {
            Ok(text) => {
                toml::from_str::<KioskConfig>(&text).map_err(|source| KioskError::Parse {
                    path: path.clone(),
                    source,
                })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !flag {
                    return Ok(None);
                }
                KioskConfig::default()
            }
            Err(source) => return Err(KioskError::Read { path, source }),
        };
        if !(1..=86_400).contains(&config.idle_seconds) {
            return Err(KioskError::IdleRange(config.idle_seconds));
        }
        Ok(Some(config))
    }
}

/// Where a kiosk keeps its visits: apart from any personal use of the same install.
pub fn data_dir(base: &Path) -> PathBuf {
    base.join("kiosk")
}

/// What the UI needs to run the kiosk.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KioskStatus {
    pub active: bool,
    pub idle_seconds: u32,
    /// Empty: every language.
    pub languages: Vec<String>,
    /// False when no PIN is configured (kiosk mode then cannot be left from the UI).
    pub can_exit: bool,
}

#[derive(Debug)]
struct Run {
    active: bool,
    wrong: u32,
    locked_until: Option<Instant>,
}

/// Managed state: the config (if started as a kiosk) and whether kiosk mode is still on.
#[derive(Debug)]
pub struct Kiosk {
    config: Option<KioskConfig>,
    run: Mutex<Run>,
}

/// Why leaving kiosk mode was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExitError {
    #[error("wrong PIN")]
    WrongPin,
    #[error("too many wrong PINs; try again in {0} s")]
    CoolingDown(u64),
    #[error("no PIN is configured for this kiosk")]
    NoPin,
}

impl Kiosk {
    pub fn new(config: Option<KioskConfig>) -> Kiosk {
        Kiosk {
            run: Mutex::new(Run {
                active: config.is_some(),
                wrong: 0,
                locked_until: None,
            }),
            config,
        }
    }

    fn run(&self) -> MutexGuard<'_, Run> {
        self.run.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn active(&self) -> bool {
        self.run().active
    }

    /// Whether this app checks for content updates: always outside a kiosk (the patient's own
    /// setting decides), inside one only when `kiosk.toml` says `updates = true`.
    pub fn allows_updates(&self) -> bool {
        !self.active() || self.config.as_ref().is_some_and(|c| c.updates)
    }

    pub fn status(&self) -> KioskStatus {
        let c = self.config.clone().unwrap_or_default();
        KioskStatus {
            active: self.active(),
            idle_seconds: c.idle_seconds.min(u32::MAX as u64) as u32,
            languages: c.languages,
            can_exit: c.pin.is_some_and(|p| !p.is_empty()),
        }
    }

    /// Leaves kiosk mode if `pin` is the clinic PIN. After [`MAX_TRIES`] wrong PINs every try
    /// is refused for [`COOLDOWN`], right or wrong, so the PIN cannot be guessed quickly.
    pub fn exit(&self, pin: &str, now: Instant) -> Result<(), ExitError> {
        let mut run = self.run();
        if !run.active {
            return Ok(());
        }
        let Some(expected) = self.config.as_ref().and_then(|c| c.pin.as_deref()) else {
            return Err(ExitError::NoPin);
        };
        if expected.is_empty() {
            return Err(ExitError::NoPin);
        }
        if let Some(until) = run.locked_until {
            if now < until {
                return Err(ExitError::CoolingDown((until - now).as_secs().max(1)));
            }
            run.locked_until = None;
            run.wrong = 0;
        }
        if constant_time_eq(pin.as_bytes(), expected.as_bytes()) {
            run.active = false;
            run.wrong = 0;
            Ok(())
        } else {
            run.wrong += 1;
            if run.wrong >= MAX_TRIES {
                run.locked_until = Some(now + COOLDOWN);
            }
            Err(ExitError::WrongPin)
        }
    }
}

/// Compares without an early exit, so the time taken does not tell how much of a guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len().max(b.len());
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..len {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= u64::from(x ^ y);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kiosk(pin: Option<&str>) -> Kiosk {
        Kiosk::new(Some(KioskConfig {
            pin: pin.map(str::to_string),
            ..Default::default()
        }))
    }

    #[test]
    fn config_comes_from_the_flag_or_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            KioskConfig::detect(dir.path(), args(&["app"])).unwrap(),
            None
        );
        assert_eq!(
            KioskConfig::detect(dir.path(), args(&["app", "--kiosk"])).unwrap(),
            Some(KioskConfig::default())
        );
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "idle_seconds = 3\npin = \"2468\"\nlanguages = [\"en\", \"ar\"]\n",
        )
        .unwrap();
        let c = KioskConfig::detect(dir.path(), args(&["app"]))
            .unwrap()
            .unwrap();
        assert_eq!(c.idle_seconds, 3);
        assert_eq!(c.pin.as_deref(), Some("2468"));
        assert_eq!(c.languages, ["en", "ar"]);
        std::fs::write(dir.path().join(CONFIG_FILE), "idle_seconds = 0\n").unwrap();
        assert!(matches!(
            KioskConfig::detect(dir.path(), args(&["app"])),
            Err(KioskError::IdleRange(0))
        ));
        std::fs::write(dir.path().join(CONFIG_FILE), "idel_seconds = 3\n").unwrap();
        assert!(matches!(
            KioskConfig::detect(dir.path(), args(&["app"])),
            Err(KioskError::Parse { .. })
        ));
    }

    #[test]
    fn a_kiosk_checks_for_updates_only_when_its_config_says_so() {
        assert!(
            Kiosk::new(None).allows_updates(),
            "not a kiosk: the patient's setting decides"
        );
        assert!(
            !kiosk(Some("1")).allows_updates(),
            "kiosks default to no updates"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "updates = true\n").unwrap();
        let config = KioskConfig::detect(dir.path(), Vec::<String>::new()).unwrap();
        let k = Kiosk::new(config);
        assert!(k.allows_updates());
        k.exit("", Instant::now()).unwrap_err();
        assert!(k.active());
    }

    #[test]
    fn leaving_needs_the_pin_and_wrong_tries_cool_down() {
        let k = kiosk(Some("2468"));
        let t0 = Instant::now();
        assert_eq!(k.exit("", t0), Err(ExitError::WrongPin));
        assert_eq!(k.exit("1234", t0), Err(ExitError::WrongPin));
        assert_eq!(k.exit("24680", t0), Err(ExitError::WrongPin));
        // Locked: even the right PIN is refused during the cooldown.
        assert!(matches!(
            k.exit("2468", t0 + Duration::from_secs(5)),
            Err(ExitError::CoolingDown(55))
        ));
        assert!(k.active());
        assert_eq!(k.exit("2468", t0 + COOLDOWN), Ok(()));
        assert!(!k.active());
    }

    #[test]
    fn without_a_pin_the_kiosk_cannot_be_left() {
        let k = kiosk(None);
        assert_eq!(k.exit("", Instant::now()), Err(ExitError::NoPin));
        assert!(k.active());
        assert!(!k.status().can_exit);
        assert!(!Kiosk::new(None).active());
    }

    #[test]
    fn constant_time_eq_is_equality() {
        assert!(constant_time_eq(b"2468", b"2468"));
        assert!(!constant_time_eq(b"2468", b"2469"));
        assert!(!constant_time_eq(b"246", b"2468"));
        assert!(!constant_time_eq(b"", b"0"));
        assert!(constant_time_eq(b"", b""));
    }
}

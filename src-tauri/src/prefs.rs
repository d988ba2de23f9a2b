//! App-only preferences that user.db's settings table has no key for yet: the patient's age
//! (kept only when they tick "remember my age"). A small JSON file beside user.db.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Stored {
    age: Option<u8>,
}

#[derive(Debug)]
pub struct Prefs {
    path: PathBuf,
    stored: Stored,
}

impl Prefs {
    /// A missing or unreadable file means "nothing kept": preferences must never stop the app.
    pub fn load(path: &Path) -> Prefs {
        let stored = std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Prefs {
            path: path.to_path_buf(),
            stored,
        }
    }

    pub fn age(&self) -> Option<u8> {
        self.stored.age
    }

    /// `None` forgets the age and removes the file.
    pub fn set_age(&mut self, age: Option<u8>) -> std::io::Result<()> {
        self.stored.age = age.filter(|a| (1..=120).contains(a));
        if self.stored.age.is_none() {
            return match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_vec(&self.stored).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(&tmp, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::Prefs;

    #[test]
    fn age_is_kept_only_while_set() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("prefs.json");
        let mut p = Prefs::load(&path);
        assert_eq!(p.age(), None);
        p.set_age(Some(54)).unwrap();
        assert_eq!(Prefs::load(&path).age(), Some(54));
        p.set_age(None).unwrap();
        assert!(!path.exists());
        assert_eq!(Prefs::load(&path).age(), None);
    }
}

//! Where pages live and how they link to each other.
//!
//! Every page is `SEGMENTS/index.html` and every link is relative, so the site works from any
//! folder of any host (`https://clinic.example/scanwise/`), and, with
//! [`LinkStyle::IndexFile`], straight from disk.

use crate::error::SiteError;

/// How a link names a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkStyle {
    /// `../radiation/`: for a web server, which serves `index.html` for a directory.
    #[default]
    Directory,
    /// `../radiation/index.html`: for opening the files from disk (`file://`).
    IndexFile,
}

/// A page's place in the site: `["en", "m", "radiation"]` is `en/m/radiation/index.html`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitePath(Vec<String>);

impl SitePath {
    pub fn root() -> SitePath {
        SitePath(Vec::new())
    }

    /// A path of segments that are known to be safe (fixed names, checked ids).
    pub fn of(segments: &[&str]) -> SitePath {
        SitePath(segments.iter().map(|s| s.to_string()).collect())
    }

    pub fn segments(&self) -> &[String] {
        &self.0
    }

    /// This path with one more segment.
    pub fn join(&self, segment: &str) -> SitePath {
        let mut v = self.0.clone();
        v.push(segment.to_string());
        SitePath(v)
    }

    /// The same page in another language (the first segment is the language).
    pub fn in_lang(&self, lang: &str) -> SitePath {
        let mut v = self.0.clone();
        if let Some(first) = v.first_mut() {
            *first = lang.to_string();
        }
        SitePath(v)
    }

    /// The file this page is written to, relative to the site root.
    pub fn file(&self) -> String {
        let mut s = self.0.join("/");
        if !s.is_empty() {
            s.push('/');
        }
        s.push_str("index.html");
        s
    }

    /// `../` once per segment: from this page back to the site root.
    pub fn to_root(&self) -> String {
        "../".repeat(self.0.len())
    }

    /// A relative link from this page to `target`.
    pub fn link(&self, target: &SitePath, style: LinkStyle) -> String {
        // Share the common prefix so links stay short (`../radiation/`, not `../../../en/...`).
        let common = self
            .0
            .iter()
            .zip(&target.0)
            .take_while(|(a, b)| a == b)
            .count();
        let mut s = "../".repeat(self.0.len() - common);
        for seg in &target.0[common..] {
            s.push_str(seg);
            s.push('/');
        }
        match style {
            LinkStyle::IndexFile => s.push_str("index.html"),
            LinkStyle::Directory if s.is_empty() => s.push_str("./"),
            LinkStyle::Directory => {}
        }
        s
    }

    /// A relative link from this page to a file at the site root (`site.css`).
    pub fn asset(&self, name: &str) -> String {
        format!("{}{name}", self.to_root())
    }
}

/// A module, concept or question id as one segment of a web address: lower-case ASCII letters,
/// digits and inner `-` only, so no id from a pack can climb out of its folder or break a link.
pub fn safe_id(id: &str) -> Result<&str, SiteError> {
    let ok = !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(id)
    } else {
        Err(SiteError::UnsafeId(id.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_and_short() {
        let module = SitePath::of(&["en", "m", "radiation"]);
        let other = SitePath::of(&["en", "m", "do-i-need-a-scan"]);
        let home = SitePath::of(&["en"]);
        let nb = module.in_lang("nb");
        let d = LinkStyle::Directory;
        assert_eq!(module.link(&other, d), "../do-i-need-a-scan/");
        assert_eq!(module.link(&home, d), "../../");
        assert_eq!(module.link(&nb, d), "../../../nb/m/radiation/");
        assert_eq!(module.link(&module, d), "./");
        assert_eq!(home.link(&module, d), "m/radiation/");
        assert_eq!(
            module.link(&other, LinkStyle::IndexFile),
            "../do-i-need-a-scan/index.html"
        );
        assert_eq!(module.link(&module, LinkStyle::IndexFile), "index.html");
        assert_eq!(module.asset("site.css"), "../../../site.css");
        assert_eq!(SitePath::root().asset("site.css"), "site.css");
        assert_eq!(module.file(), "en/m/radiation/index.html");
        assert_eq!(SitePath::root().file(), "index.html");
    }

    #[test]
    fn ids_that_could_escape_a_folder_or_a_link_are_refused() {
        assert!(safe_id("when-a-scan-is-needed").is_ok());
        for bad in [
            "", "..", "a/b", "a\"b", "A", "-x", "x-", "a b", "ø", "a?b", "a#b",
        ] {
            assert!(safe_id(bad).is_err(), "{bad:?} accepted");
        }
    }
}

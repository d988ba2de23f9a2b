//! The one release planner. Every writer of a release (`scanwise build --channel`,
//! `scanwise publish`, the app's seed build, the server's publish endpoint and its re-sign)
//! goes through the same three steps, so a new release rule is written once:
//!
//! 1. [`plan`]: from the channel's current state and a [`Request`], which units change and at
//!    which version (unchanged packs are left alone; a removal must be of a live unit).
//! 2. [`Plan::sign`]: module statements signed with the editor keys in each unit's scope
//!    (a pack short of its threshold is skipped, a removal short of it is refused), then the
//!    release-wide rules ([`SAFETY_UNIT`]).
//! 3. [`Signed::release`]: the snapshot and timestamp ([`super::next_release`]: versions,
//!    clock, caps), ready to write in order.

use super::{ChannelState, ReleaseFiles, SignedUnit, next_release, sign_encoded, sign_removal};
use crate::keys::Keypair;
use crate::metadata::{FileRef, Root};
use crate::{Error, UnitJson, blob, layout};
use std::collections::BTreeSet;

/// The safety module: a language that ships other units may never lose it (`scanwise check`
/// demands it of content and devices refuse such a release). The same id as
/// `scanwise_core::model::SAFETY_MODULE_ID`; a device test checks they agree (the channel
/// knows nothing of the pack model).
pub const SAFETY_UNIT: &str = "when-a-scan-is-needed";

/// What a publisher asks of the next release.
#[derive(Debug, Default)]
pub struct Request {
    /// Packs on offer; those the channel already holds byte for byte stay as they are.
    pub packs: Vec<UnitJson>,
    /// Units to remove (`scanwise publish --remove`); each must be live.
    pub remove: Vec<(String, String)>,
    /// Statements editors signed elsewhere (a publish reaching the server), taken at the
    /// version they carry; [`super::next_release`] checks it against the channel.
    pub signed: Vec<SignedUnit>,
    /// A full release (the app's seed): every live unit not in `packs` is removed.
    pub remove_absent: bool,
}

/// What one unit's new statement will say.
#[derive(Debug, Clone)]
pub enum Change {
    /// A new or changed pack: its compressed blob, the blob's reference and the pack length.
    Publish {
        blob: Vec<u8>,
        blob_ref: FileRef,
        uncompressed_length: u64,
    },
    /// A removal statement.
    Remove,
    /// Already signed by its editors.
    Signed(SignedUnit),
}

/// One unit of the next release.
#[derive(Debug, Clone)]
pub struct Planned {
    pub unit: String,
    pub locale: String,
    pub version: u64,
    pub change: Change,
}

/// The units the next release changes, in the order they were asked for.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub units: Vec<Planned>,
    /// Packs on offer that the channel already holds.
    pub unchanged: usize,
}

/// A pack left out of the release because the given keys cannot sign it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub unit: String,
    pub locale: String,
    /// Editor keys given that are in the unit's scope.
    pub have: usize,
    /// The unit's threshold.
    pub need: u32,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{}: {} of {} signature(s) in scope",
            self.unit, self.locale, self.have, self.need
        )
    }
}

/// The signed statements of a release, and the packs skipped for want of keys.
#[derive(Debug, Clone, Default)]
pub struct Signed {
    pub units: Vec<SignedUnit>,
    pub skipped: Vec<Skipped>,
}

/// Decide which units the next release changes and at which version.
pub fn plan(current: &ChannelState, request: Request) -> Result<Plan, Error> {
    let mut out = Plan::default();
    let offered: BTreeSet<(String, String)> = request
        .packs
        .iter()
        .map(|p| (p.unit.clone(), p.locale.clone()))
        .collect();
    for pack in request.packs {
        let (blob, blob_ref, uncompressed_length) = blob::encode(&pack.json);
        if current.holds(&pack.unit, &pack.locale, &blob_ref) {
            out.unchanged += 1;
            continue;
        }
        out.units.push(Planned {
            version: current.next_version(&pack.unit, &pack.locale)?,
            unit: pack.unit,
            locale: pack.locale,
            change: Change::Publish {
                blob,
                blob_ref,
                uncompressed_length,
            },
        });
    }
    for (unit, locale) in request.remove {
        layout::check_unit(&unit)?;
        layout::check_locale(&locale)?;
        if !current.is_live(&unit, &locale) {
            return Err(Error::Removal {
                unit,
                locale,
                message: "is not published, so it cannot be removed".into(),
            });
        }
        out.units.push(removal(current, unit, locale)?);
    }
    if request.remove_absent {
        for (unit, locale) in current.statements.keys() {
            if offered.contains(&(unit.clone(), locale.clone())) || !current.is_live(unit, locale) {
                continue;
            }
            out.units
                .push(removal(current, unit.clone(), locale.clone())?);
        }
    }
    for s in request.signed {
        out.units.push(Planned {
            unit: s.statement.unit.clone(),
            locale: s.statement.locale.clone(),
            version: s.statement.version,
            change: Change::Signed(s),
        });
    }
    Ok(out)
}

fn removal(current: &ChannelState, unit: String, locale: String) -> Result<Planned, Error> {
    Ok(Planned {
        version: current.next_version(&unit, &locale)?,
        unit,
        locale,
        change: Change::Remove,
    })
}

/// The given keys the root allows to sign `unit/locale`.
pub fn keys_in_scope<'k>(
    root: &Root,
    unit: &str,
    locale: &str,
    keys: &[&'k Keypair],
) -> Vec<&'k Keypair> {
    let allowed = root.editor_keys_for(unit, locale);
    keys.iter()
        .copied()
        .filter(|k| allowed.contains_key(&k.key_id()))
        .collect()
}

impl Plan {
    /// Nothing would change.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Sign every planned statement with the `editors` keys in its unit's scope. A pack whose
    /// keys in scope fall short of the unit's threshold is skipped; a removal is refused
    /// ([`Error::RemovalKeys`]). Then the release-wide rules: [`check_safety_removal`].
    pub fn sign(
        self,
        root: &Root,
        current: &ChannelState,
        editors: &[&Keypair],
    ) -> Result<Signed, Error> {
        let mut out = Signed::default();
        for p in self.units {
            let scoped = || keys_in_scope(root, &p.unit, &p.locale, editors);
            let need = root.unit_threshold(&p.unit);
            match p.change {
                Change::Signed(s) => out.units.push(s),
                Change::Publish {
                    blob,
                    blob_ref,
                    uncompressed_length,
                } => {
                    let keys = scoped();
                    if (keys.len() as u32) < need {
                        out.skipped.push(Skipped {
                            unit: p.unit,
                            locale: p.locale,
                            have: keys.len(),
                            need,
                        });
                        continue;
                    }
                    out.units.push(sign_encoded(
                        root,
                        &p.unit,
                        &p.locale,
                        (blob, blob_ref, uncompressed_length),
                        p.version,
                        &keys,
                    )?);
                }
                Change::Remove => {
                    let keys = scoped();
                    if (keys.len() as u32) < need {
                        return Err(Error::RemovalKeys {
                            unit: p.unit,
                            locale: p.locale,
                            have: keys.len(),
                            need,
                        });
                    }
                    out.units
                        .push(sign_removal(root, &p.unit, &p.locale, p.version, &keys)?);
                }
            }
        }
        let removals: Vec<(String, String)> = out
            .units
            .iter()
            .filter(|u| u.statement.is_removal())
            .map(|u| (u.statement.unit.clone(), u.statement.locale.clone()))
            .collect();
        check_safety_removal(current, &removals)?;
        Ok(out)
    }
}

impl Signed {
    /// Every offered pack was signed; the first skipped one is an error otherwise (a full
    /// release, such as the app's seed, ships everything or nothing).
    pub fn require_all(self) -> Result<Self, Error> {
        match self.skipped.first() {
            Some(s) => Err(Error::Threshold {
                role: "module",
                have: s.have,
                need: s.need,
            }),
            None => Ok(self),
        }
    }

    /// The files of the release: the statements and blobs, the next snapshot and timestamp
    /// signed with `release_keys` at the publisher's clock `now`.
    pub fn release(
        &self,
        root: &Root,
        current: &ChannelState,
        release_keys: &[&Keypair],
        now: i64,
    ) -> Result<ReleaseFiles, Error> {
        next_release(root, current, &self.units, release_keys, now)
    }
}

/// Refuses a release that would leave a language with live units but without the safety
/// module ([`SAFETY_UNIT`]), as `scanwise check` refuses such content and devices refuse such
/// a release. `removals` are the `(unit, locale)` pairs this release removes.
pub fn check_safety_removal(
    current: &ChannelState,
    removals: &[(String, String)],
) -> Result<(), Error> {
    for (unit, locale) in removals {
        if unit != SAFETY_UNIT {
            continue;
        }
        let others = current.statements.iter().any(|((u, l), s)| {
            l == locale
                && u != SAFETY_UNIT
                && !s.is_removal()
                && !removals.iter().any(|(ru, rl)| ru == u && rl == l)
        });
        if others {
            return Err(Error::Removal {
                unit: unit.clone(),
                locale: locale.clone(),
                message: "is the safety module; it cannot be removed while the language ships other units".into(),
            });
        }
    }
    Ok(())
}

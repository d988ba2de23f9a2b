//! The pack ⇄ unit codec: how a `scanwise_core::model::Pack` travels in the channel (its
//! unit key and its JSON, [`UnitJson`]) and how the device reads one back. The publisher
//! (`scanwise build --channel`, `scanwise publish`, the app's seed build) encodes with
//! [`unit_json`]; the device decodes with [`pack`]. Encode and decode live side by side so they
//! cannot drift; the channel itself never looks inside the JSON.

use crate::Error;
use scanwise_channel::UnitJson;
use scanwise_core::model::{PACK_FORMAT, Pack};

/// A pack as the channel carries it: its unit key and its JSON.
pub fn unit_json(pack: &Pack) -> UnitJson {
    let (unit, locale) = pack.unit();
    UnitJson {
        unit: unit.to_owned(),
        locale: locale.to_owned(),
        json: serde_json::to_vec(pack).expect("a pack serialises"),
    }
}

/// Parse verified pack JSON, check it is the unit its signed statement names and a format
/// this core reads, and re-sanitise its HTML with the allow-list `scanwise build` uses (a
/// signed pack that was not built by `scanwise build` is made inert before it is stored).
pub fn pack(u: &UnitJson, clean: &ammonia::Builder<'_>) -> Result<Pack, Error> {
    let mut pack = pack_unsanitised(u)?;
    let changed = scanwise_core::sanitize::sanitize_pack(&mut pack, clean);
    if changed > 0 {
        eprintln!(
            "{}/{}: {changed} HTML field(s) held markup outside the allow-list; removed",
            u.unit, u.locale
        );
    }
    Ok(pack)
}

fn pack_unsanitised(u: &UnitJson) -> Result<Pack, Error> {
    let mismatch = |message: String| {
        Error::Channel(scanwise_channel::Error::Mismatch {
            path: format!("{}/{}", u.unit, u.locale),
            message,
        })
    };
    let pack: Pack = serde_json::from_slice(&u.json).map_err(|e| mismatch(e.to_string()))?;
    let format = match &pack {
        Pack::Module(p) => p.format,
        Pack::Glossary(p) => p.format,
        Pack::Checker(p) => p.format,
        Pack::Questions(p) => p.format,
        Pack::Common(p) => p.format,
    };
    if pack.unit() != (u.unit.as_str(), u.locale.as_str()) || format > PACK_FORMAT {
        let (unit, locale) = pack.unit();
        return Err(mismatch(format!(
            "pack is {unit}/{locale}, format {format}"
        )));
    }
    Ok(pack)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_channel_and_core_name_the_same_safety_module() {
        assert_eq!(
            scanwise_channel::release::SAFETY_UNIT,
            scanwise_core::model::SAFETY_MODULE_ID
        );
    }
}

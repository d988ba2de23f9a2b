//! Signs a hand-made pack (JSON as given, *not* built or sanitised by `scanwise build`) into a
//! static channel directory, as a careless or hostile holder of a valid editor key could. The
//! real-window test `tests/e2e/9-a-ask-first.test.mjs` uses it to prove the device makes such
//! a pack inert.
//!
//! `cargo run -p scanwise-device --example sign_raw_pack -- DIR CHANNEL PACK.json RELEASE.json EDITOR.json...`

use scanwise_channel::keys::Keypair;
use scanwise_channel::release::{self, ChannelDir};
use scanwise_core::model::Pack;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, channel, pack, release_key, editors @ ..] = args.as_slice() else {
        return Err("usage: DIR CHANNEL PACK.json RELEASE.json EDITOR.json...".into());
    };
    let key = |p: &String| -> Result<Keypair, Box<dyn std::error::Error>> {
        Ok(Keypair::from_json(&std::fs::read_to_string(p)?)?)
    };
    let json = std::fs::read(pack)?;
    let parsed: Pack = serde_json::from_slice(&json)?;
    let (unit, locale) = parsed.unit();
    let d = ChannelDir::new(dir);
    let root = d.latest_root(channel)?.value;
    let current = d.state(&root)?;
    let editors: Vec<Keypair> = editors.iter().map(key).collect::<Result<_, _>>()?;
    let refs: Vec<&Keypair> = editors.iter().collect();
    let signed = release::sign_unit(
        &root,
        &scanwise_channel::UnitJson {
            unit: unit.to_owned(),
            locale: locale.to_owned(),
            json,
        },
        current.next_version(unit, locale)?,
        &refs,
    )?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let files = release::next_release(&root, &current, &[signed], &[&key(release_key)?], now)?;
    d.write_release(&files)?;
    println!(
        "signed {unit}/{locale} into snapshot {}",
        files.snapshot_version
    );
    Ok(())
}

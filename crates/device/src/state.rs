//! `sync-state.db`: which slot is active and the metadata the device trusts, changed together
//! in one transaction. Migrations are append-only and run in one transaction.

use crate::Error;
use rusqlite::{Connection, OptionalExtension, params};
use scanwise_channel::client::TrustedState;
use std::path::Path;

const MIGRATIONS: &[&str] = &["CREATE TABLE state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        active_slot TEXT CHECK (active_slot IN ('a', 'b')),
        root BLOB NOT NULL,
        timestamp BLOB,
        snapshot BLOB,
        verified_at INTEGER NOT NULL
    );
    CREATE TABLE statements (
        unit TEXT NOT NULL,
        locale TEXT NOT NULL,
        envelope BLOB NOT NULL,
        PRIMARY KEY (unit, locale)
    );"];

/// Application id so nothing mistakes this file for a slot or `user.db`.
const APPLICATION_ID: i32 = 0x5357_5353; // "SWSS"

pub struct Stored {
    pub active_slot: Option<char>,
    pub trusted: TrustedState,
    pub verified_at: i64,
}

pub fn open(path: &Path) -> Result<Connection, Error> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if (version as usize) < MIGRATIONS.len() {
        let tx = conn.transaction()?;
        for m in &MIGRATIONS[version as usize..] {
            tx.execute_batch(m)?;
        }
        tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(Error::NotSyncState(path.to_owned()));
    }
    Ok(conn)
}

/// The stored state row: active slot, root, timestamp and snapshot envelopes, verified time.
type StateRow = (
    Option<String>,
    Vec<u8>,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    i64,
);

fn state_row(conn: &Connection) -> Result<Option<StateRow>, Error> {
    Ok(conn
        .query_row(
            "SELECT active_slot, root, timestamp, snapshot, verified_at FROM state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?)
}

pub fn load(conn: &Connection) -> Result<Option<Stored>, Error> {
    let row = state_row(conn)?;
    let Some((slot, root, ts, snap, verified_at)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare("SELECT envelope FROM statements ORDER BY unit, locale")?;
    let statements: Vec<Vec<u8>> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let trusted = TrustedState::load(&root, ts.as_deref(), snap.as_deref(), &statements)?;
    Ok(Some(Stored {
        active_slot: slot.and_then(|s| s.chars().next()),
        trusted,
        verified_at,
    }))
}

/// Active slot, [root, timestamp, snapshot] versions, last verified time.
pub type Peek = (Option<char>, [u64; 3], i64);

/// What the device shows without re-verifying (installed content is read, not trusted anew):
/// active slot, root/timestamp/snapshot versions, last verified time.
pub fn peek(conn: &Connection) -> Result<Option<Peek>, Error> {
    let row = state_row(conn)?;
    let Some((slot, root, ts, snap, at)) = row else {
        return Ok(None);
    };
    let version = |b: Option<&[u8]>| -> Result<u64, Error> {
        let Some(b) = b else { return Ok(0) };
        let (_, payload) = scanwise_channel::envelope::parse(b)?;
        #[derive(serde::Deserialize)]
        struct V {
            version: u64,
        }
        let v: V =
            serde_json::from_slice(&payload).map_err(|e| scanwise_channel::Error::BadPayload {
                what: "stored metadata",
                message: e.to_string(),
            })?;
        Ok(v.version)
    };
    let versions = [
        version(Some(&root))?,
        version(ts.as_deref())?,
        version(snap.as_deref())?,
    ];
    Ok(Some((slot.and_then(|s| s.chars().next()), versions, at)))
}

/// The one transaction that switches the slot and the trusted metadata together.
pub fn commit(
    conn: &mut Connection,
    slot: Option<char>,
    trusted: &TrustedState,
    verified_at: i64,
) -> Result<(), Error> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO state (id, active_slot, root, timestamp, snapshot, verified_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET active_slot = ?1, root = ?2, timestamp = ?3,
             snapshot = ?4, verified_at = ?5",
        params![
            slot.map(|c| c.to_string()),
            trusted.root.raw,
            trusted.timestamp.as_ref().map(|t| &t.raw),
            trusted.snapshot.as_ref().map(|s| &s.raw),
            verified_at
        ],
    )?;
    tx.execute("DELETE FROM statements", [])?;
    for ((unit, locale), s) in &trusted.statements {
        tx.execute(
            "INSERT INTO statements (unit, locale, envelope) VALUES (?1, ?2, ?3)",
            params![unit, locale, s.raw],
        )?;
    }
    tx.commit()?;
    Ok(())
}

//! The editor's side of a publish (used by `scanwise publish` and the tests): blocking HTTP.

use crate::{PublishRequest, PublishResponse, PublishUnit, RemoveUnit};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use scanwise_channel::release::SignedUnit;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("server answered {status}: {message}")]
    Rejected { status: u16, message: String },
    #[error("transport: {0}")]
    Transport(String),
    #[error("bad response: {0}")]
    BadResponse(String),
}

impl ClientError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Rejected { status, .. } => Some(*status),
            _ => None,
        }
    }
}

pub fn publish(
    server: &str,
    channel: &str,
    token: &str,
    units: &[SignedUnit],
    remove: &[(String, String)],
) -> Result<PublishResponse, ClientError> {
    let req = PublishRequest {
        units: units
            .iter()
            .map(|u| PublishUnit {
                statement: B64.encode(&u.envelope),
                blob: B64.encode(&u.blob),
            })
            .collect(),
        remove: remove
            .iter()
            .map(|(u, l)| RemoveUnit {
                unit: u.clone(),
                locale: l.clone(),
            })
            .collect(),
    };
    publish_raw(
        server,
        channel,
        token,
        &serde_json::to_vec(&req).expect("serialises"),
    )
}

/// Send a request body as is (tests send malformed and oversize bodies through this).
pub fn publish_raw(
    server: &str,
    channel: &str,
    token: &str,
    body: &[u8],
) -> Result<PublishResponse, ClientError> {
    let url = format!(
        "{}/api/v1/channels/{channel}/publish",
        server.trim_end_matches('/')
    );
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build();
    match agent
        .post(&url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_bytes(body)
    {
        Ok(r) => {
            let text = r
                .into_string()
                .map_err(|e| ClientError::BadResponse(e.to_string()))?;
            serde_json::from_str(&text).map_err(|e| ClientError::BadResponse(e.to_string()))
        }
        Err(ureq::Error::Status(status, r)) => Err(ClientError::Rejected {
            status,
            message: r.into_string().unwrap_or_default(),
        }),
        Err(e) => Err(ClientError::Transport(e.to_string())),
    }
}

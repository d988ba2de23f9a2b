//! The editor's side of a publish (used by `scanwise publish` and the server's tests):
//! blocking HTTP, the wire types of [`scanwise_channel::publish`]. Linking this links no
//! server (no axum, tokio or object_store).

use scanwise_channel::publish::{PublishRequest, PublishResponse, publish_path};
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

/// Publish signed statements (and their blobs); `remove` are unsigned removals, which the
/// server refuses (tests send them to see it do so).
pub fn publish(
    server: &str,
    channel: &str,
    token: &str,
    units: &[SignedUnit],
    remove: &[(String, String)],
) -> Result<PublishResponse, ClientError> {
    let body = serde_json::to_vec(&PublishRequest::new(units, remove))
        .map_err(|e| ClientError::Transport(e.to_string()))?;
    publish_raw(server, channel, token, &body)
}

/// Send a request body as is (tests send malformed and oversize bodies through this).
pub fn publish_raw(
    server: &str,
    channel: &str,
    token: &str,
    body: &[u8],
) -> Result<PublishResponse, ClientError> {
    let url = format!("{}/{}", server.trim_end_matches('/'), publish_path(channel));
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

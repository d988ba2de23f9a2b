//! Channel storage through `object_store`: a local directory (made durable with fsync after
//! every write) or any S3-compatible bucket. Paths are validated before they reach here.

use bytes::Bytes;
use object_store::{ObjectStore, PutMode, PutOptions, PutPayload, path::Path as ObjPath};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("object store: {0}")]
    Store(#[from] object_store::Error),
    #[error("fsync {path}: {source}")]
    Sync {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What tells one version of a local file from the next: size, modification and change times
/// and inode (a rename into place, as every write here does, gives a new inode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    ino: u64,
    #[cfg(unix)]
    ctime: (i64, i64),
}

impl FileStamp {
    /// Modified so recently (or in the future) that a write in place of the same size within
    /// the file system's clock tick could still go unseen: not to be trusted yet.
    pub fn is_racy(&self) -> bool {
        self.modified.is_none_or(|m| {
            std::time::SystemTime::now()
                .duration_since(m)
                .is_ok_and(|age| age < Duration::from_secs(2))
                || m > std::time::SystemTime::now()
        })
    }

    /// `None` when the file cannot be read (absent, say).
    pub fn of(path: &std::path::Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt as _;
        Some(FileStamp {
            len: m.len(),
            modified: m.modified().ok(),
            #[cfg(unix)]
            ino: m.ino(),
            #[cfg(unix)]
            ctime: (m.ctime(), m.ctime_nsec()),
        })
    }
}

#[derive(Clone, Debug)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Set for the local backend: the directory, for fsync (and for nginx to serve).
    local: Option<PathBuf>,
}

impl Storage {
    pub fn local(dir: impl Into<PathBuf>) -> Result<Self, StorageError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|source| StorageError::Create {
            path: dir.clone(),
            source,
        })?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(&dir)?;
        Ok(Storage {
            store: Arc::new(store),
            local: Some(dir),
        })
    }

    /// An S3-compatible bucket. `endpoint` may be plain HTTP (a loopback test server).
    pub fn s3(
        endpoint: &str,
        bucket: &str,
        access_key: &str,
        secret_key: &str,
        region: &str,
    ) -> Result<Self, StorageError> {
        let store = object_store::aws::AmazonS3Builder::new()
            .with_endpoint(endpoint)
            .with_allow_http(true)
            .with_bucket_name(bucket)
            .with_access_key_id(access_key)
            .with_secret_access_key(secret_key)
            .with_region(region)
            .with_virtual_hosted_style_request(false)
            .build()?;
        Ok(Storage {
            store: Arc::new(store),
            local: None,
        })
    }

    pub fn local_dir(&self) -> Option<&std::path::Path> {
        self.local.as_deref()
    }

    /// Where `path` lives on disk, for the local backend.
    pub fn local_file(&self, path: &str) -> Option<PathBuf> {
        self.local.as_ref().map(|d| d.join(path))
    }

    pub async fn get(&self, path: &str) -> Result<Option<Bytes>, StorageError> {
        match self.store.get(&ObjPath::from(path)).await {
            Ok(r) => Ok(Some(r.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), StorageError> {
        self.store
            .put(&ObjPath::from(path), PutPayload::from(bytes))
            .await?;
        self.sync(path).await
    }

    /// Write only if nothing is at `path` yet (the compare-and-swap publishes rely on):
    /// `false` when another writer got there first.
    pub async fn create(&self, path: &str, bytes: Vec<u8>) -> Result<bool, StorageError> {
        let opts = PutOptions {
            mode: PutMode::Create,
            ..Default::default()
        };
        match self
            .store
            .put_opts(&ObjPath::from(path), PutPayload::from(bytes), opts)
            .await
        {
            Ok(_) => {}
            Err(
                object_store::Error::AlreadyExists { .. }
                | object_store::Error::Precondition { .. },
            ) => {
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        }
        self.sync(path).await?;
        Ok(true)
    }

    async fn sync(&self, path: &str) -> Result<(), StorageError> {
        let Some(dir) = &self.local else {
            return Ok(());
        };
        // object_store renames a temp file into place but does not fsync; a publish must
        // survive power loss before the timestamp points at it. Off the async workers.
        let file = dir.join(path);
        tokio::task::spawn_blocking(move || {
            let sync = |p: &std::path::Path| {
                std::fs::File::open(p)
                    .and_then(|f| f.sync_all())
                    .map_err(|source| StorageError::Sync {
                        path: p.to_owned(),
                        source,
                    })
            };
            sync(&file)?;
            file.parent().map_or(Ok(()), sync)
        })
        .await
        .map_err(|e| StorageError::Sync {
            path: dir.join(path),
            source: std::io::Error::other(e),
        })?
    }
}

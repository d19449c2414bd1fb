//! Push: asking the 4D server to reload the session files into memory. A standalone app cannot
//! call `MOBILE APP REFRESH SESSIONS` itself, so it sends an HTTP request to a URL the
//! administrator configured (a 4DACTION method or REST function on the server that calls it),
//! with an optional secret in an `Authorization: Bearer` header.
//!
//! The settings (URL and secret per `MobileApps` folder) live in a small JSON file shared by the
//! window and the command line, readable by its owner only. The secret never appears in a
//! message or a `Debug` print.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Where a push goes.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushTarget {
    /// The URL the server answers on, e.g. `http://server/4DACTION/mobileSessionsRefresh`.
    pub url: String,
    /// The secret the server's method checks, sent as `Authorization: Bearer SECRET`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl fmt::Debug for PushTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushTarget")
            .field("url", &self.url)
            .field("secret", &self.secret.as_ref().map(|_| "(hidden)"))
            .finish()
    }
}

/// A server's answer to a push that it accepted (2xx).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushReply {
    /// The HTTP status.
    pub status: u16,
    /// The start of the body, for showing.
    pub body: String,
}

/// Why a push did not go through.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// No URL is configured for this folder.
    #[error(
        "no server URL is set for this folder; pass --url, or set it in the window's Server settings"
    )]
    NoUrl,
    /// The URL is not http or https.
    #[error("{0:?} is not an http:// or https:// URL")]
    BadUrl(String),
    /// The server answered, but not with 2xx.
    #[error("the server answered {status}{}; {hint}", if .body.is_empty() { String::new() } else { format!(" ({})", .body) })]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        body: String,
        /// What to check.
        hint: &'static str,
    },
    /// The server could not be reached.
    #[error(
        "could not reach {url}: {reason}; check that 4D's web server is running and the URL is right"
    )]
    Unreachable {
        /// The URL tried.
        url: String,
        /// What failed.
        reason: String,
    },
}

fn hint_for(status: u16) -> &'static str {
    match status {
        401 | 403 => "check the secret: it must be the one the 4D method compares",
        404 => {
            "check the URL: the 4D method must exist and be available through 4DACTION (or REST)"
        }
        500..=599 => "the 4D method failed; look at the server's log",
        _ => "check the URL and the 4D method",
    }
}

/// How long a push may take at most: the window never waits on it, but a script does.
pub const PUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends the reload request. Blocks up to [`PUSH_TIMEOUT`]: call it off the UI thread.
pub fn push(target: &PushTarget) -> Result<PushReply, PushError> {
    let url = target.url.trim();
    if url.is_empty() {
        return Err(PushError::NoUrl);
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(PushError::BadUrl(url.to_owned()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(PUSH_TIMEOUT))
        .timeout_connect(Some(Duration::from_secs(5)))
        .http_status_as_error(false)
        .user_agent(concat!("mobile-sessions/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.post(url);
    if let Some(secret) = target.secret.as_deref().filter(|secret| !secret.is_empty()) {
        request = request.header("Authorization", &format!("Bearer {secret}"));
    }
    let unreachable = |reason: String| PushError::Unreachable {
        url: url.to_owned(),
        reason,
    };
    let response = request
        .send_empty()
        .map_err(|error| unreachable(error.to_string()))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let body = crate::safe_text::visible(body.trim(), 200);
    if (200..300).contains(&status) {
        Ok(PushReply { status, body })
    } else {
        Err(PushError::Refused {
            status,
            body,
            hint: hint_for(status),
        })
    }
}

/// The saved push settings: one target per `MobileApps` folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PushSettings {
    /// Targets by the folder's absolute path.
    #[serde(default)]
    pub folders: BTreeMap<PathBuf, PushTarget>,
}

/// The folder holding the app's own settings: `MOBILE_SESSIONS_CONFIG_DIR` when set (tests and
/// portable installs use it), else the system's place for app data.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("MOBILE_SESSIONS_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir(crate::APP_ID))
}

impl PushSettings {
    /// Loads the settings saved in the default [`config_dir`].
    pub fn load() -> Self {
        config_dir().map_or_else(Self::default, |dir| Self::load_from(&dir))
    }

    /// Loads the settings saved in `dir`; missing or unreadable settings are empty ones.
    pub fn load_from(dir: &Path) -> Self {
        fs::read(dir.join("push.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Saves the settings in `dir`, readable by the current user only (they may hold a secret).
    pub fn save_to(&self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        let file = dir.join("push.json");
        let text = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        write_private(&file, text.as_bytes())
    }

    /// The target saved for a folder.
    pub fn target(&self, root: &Path) -> Option<&PushTarget> {
        self.folders
            .get(root)
            .filter(|target| !target.url.trim().is_empty())
    }
}

fn write_private(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    io::Write::write_all(&mut temp, bytes)?;
    // NamedTempFile is created readable by its owner only; the rename keeps that.
    temp.persist(file).map_err(|error| error.error)?;
    Ok(())
}

/// The 4D method to paste into the server (as a project method with the "4D tags and URLs
/// (4DACTION)" property), with the secret filled in.
pub fn server_snippet(secret: &str) -> String {
    let secret = if secret.is_empty() {
        "CHANGE-ME"
    } else {
        secret
    };
    let secret = secret.replace('"', "\\\"");
    format!(
        r#"// Project method "mobileSessionsRefresh"
// Method Properties: check "4D tags and URLs (4DACTION)".
// URL for Mobile Sessions: http://YOUR-SERVER/4DACTION/mobileSessionsRefresh
#DECLARE($url : Text)

var $expected : Text:="Bearer {secret}"
ARRAY TEXT($names; 0)
ARRAY TEXT($values; 0)
WEB GET HTTP HEADER($names; $values)
var $at : Integer:=Find in array($names; "Authorization")
var $given : Text:=($at>0) ? $values{{$at}} : ""

If ((Length($given)=Length($expected)) && (Position($expected; $given; *)=1))
	MOBILE APP REFRESH SESSIONS
	WEB SEND TEXT("Sessions reloaded")
Else
	WEB SET HTTP HEADER("X-STATUS: 401 Unauthorized")
	WEB SEND TEXT("Wrong or missing secret")
End if
"#
    )
}

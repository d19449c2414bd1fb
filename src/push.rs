//! Push: asking the 4D server to reload the session files into memory. A standalone app cannot
//! call `MOBILE APP REFRESH SESSIONS` itself, so it sends an HTTP request to a URL the
//! administrator configured (a 4DACTION method or REST function on the server that calls it),
//! with an optional secret in an `Authorization: Bearer` header.
//!
//! The settings (URL per `MobileApps` folder) live in a small JSON file shared by the window and
//! the command line, readable by its owner only; the secret lives in the system's keychain, or
//! in that file where there is no keychain ([`keychain`]). The secret never appears in a
//! message or a `Debug` print, and neither does a password or query string of the URL
//! ([`redact_url`]).

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

mod error;
pub mod keychain;
mod redact;

pub use error::{CertificateProblem, PushError, RefusalHint};
pub use keychain::{SecretPlace, SecretWhere, secret_place};
pub use redact::redact_url;

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
            .field("url", &redact_url(&self.url))
            .field("secret", &self.secret.as_ref().map(|_| "(hidden)"))
            .finish()
    }
}

/// A server's answer to a push that it accepted (2xx).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushReply {
    /// The HTTP status.
    pub status: u16,
    /// The start of the body, made safe to show.
    pub body: String,
}

/// What a push asks of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushKind {
    /// Reload the session files (`MOBILE APP REFRESH SESSIONS`).
    Reload,
    /// Only check the URL and the secret: the same request, marked with [`TEST_HEADER`], which
    /// the 4D method answers with [`TEST_ANSWER`] without reloading anything.
    Test,
}

/// The header that marks a test request (`X-Mobile-Sessions-Test: 1`). A header, not a query
/// parameter, so that it works whatever the configured URL already holds, and the 4D method
/// reads it with `WEB GET HTTP HEADER` as it reads the secret.
pub const TEST_HEADER: &str = "X-Mobile-Sessions-Test";

/// How the 4D method's answer to a test starts. An answer without it comes from an older
/// method that knows no tests (and so has reloaded the sessions).
pub const TEST_ANSWER: &str = "Test OK";

/// How long a push may take at most: the window never waits on it, but a script does.
pub const PUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// How long connecting may take, within [`PUSH_TIMEOUT`].
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Sends the request: a reload, or a test that reloads nothing. Blocks up to [`PUSH_TIMEOUT`]:
/// call it off the UI thread. Redirects are never followed: a 3xx is a failure that says
/// where it pointed, since the request that would reach the new place is not ours (a client
/// following a 302 sends a GET without the secret, and a login page answers 200).
pub fn push(target: &PushTarget, kind: PushKind) -> Result<PushReply, PushError> {
    let url = target.url.trim();
    if url.is_empty() {
        return Err(PushError::NoUrl);
    }
    let scheme_ok = redact::parts(url).is_some_and(|parts| {
        parts.scheme.eq_ignore_ascii_case("http") || parts.scheme.eq_ignore_ascii_case("https")
    });
    if !scheme_ok {
        return Err(PushError::BadUrl(redact_url(url)));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(PUSH_TIMEOUT))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("mobile-sessions/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.post(url);
    if let Some(secret) = target.secret.as_deref().filter(|secret| !secret.is_empty()) {
        request = request.header("Authorization", &format!("Bearer {secret}"));
    }
    if kind == PushKind::Test {
        request = request.header(TEST_HEADER, "1");
    }
    let response = request.send_empty().map_err(|error| {
        error::classify(
            error,
            url,
            CONNECT_TIMEOUT.as_secs(),
            PUSH_TIMEOUT.as_secs(),
        )
    })?;
    let status = response.status().as_u16();
    if (300..400).contains(&status) {
        let location = response
            .headers()
            .get("location")
            .map(|value| redact_url(&String::from_utf8_lossy(value.as_bytes())));
        return Err(PushError::Redirected { status, location });
    }
    let body = response
        .into_body()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let body = crate::safe_text::visible(&redact::scrub(body.trim(), url), 200);
    if !(200..300).contains(&status) {
        return Err(PushError::Refused {
            status,
            body,
            hint: RefusalHint::for_status(status),
        });
    }
    if kind == PushKind::Test && !body.starts_with(TEST_ANSWER) {
        return Err(PushError::TestNotRecognised { status });
    }
    Ok(PushReply { status, body })
}

/// The saved push settings: one target per `MobileApps` folder, with its secret (read from the
/// keychain or the file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushSettings {
    /// Targets by the folder's absolute path.
    pub folders: BTreeMap<PathBuf, PushTarget>,
    /// Where each folder's secret is kept, for the folders that have one.
    pub places: BTreeMap<PathBuf, SecretPlace>,
    /// Folders whose secret is in the keychain but could not be read this time, and why. Their
    /// keychain entry is kept as it is until a new secret is saved for them.
    pub unread: BTreeMap<PathBuf, String>,
}

/// `push.json` as written: the URL, and the secret only where no keychain holds it.
#[derive(Default, Serialize, Deserialize)]
struct StoredSettings {
    #[serde(default)]
    folders: BTreeMap<PathBuf, StoredTarget>,
}

#[derive(Serialize, Deserialize)]
struct StoredTarget {
    url: String,
    /// The secret, where no keychain holds it (and in files written before the keychain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
    /// Whether the keychain holds this folder's secret.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    secret_in_keychain: bool,
}

/// The folder holding the app's own settings: `MOBILE_SESSIONS_CONFIG_DIR` when set (tests and
/// portable installs use it), else the system's place for app data.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("MOBILE_SESSIONS_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(system_config_dir)
}

/// The system's place for the app's data, as the window keeps it (eframe's storage folder).
#[cfg(feature = "window")]
fn system_config_dir() -> Option<PathBuf> {
    eframe::storage_dir(crate::APP_ID)
}

/// Without the window (the fuzz build) there is no system place: only the variable counts.
#[cfg(not(feature = "window"))]
fn system_config_dir() -> Option<PathBuf> {
    None
}

impl PushSettings {
    /// Loads the settings saved in the default [`config_dir`].
    pub fn load() -> Self {
        config_dir().map_or_else(Self::default, |dir| Self::load_from(&dir))
    }

    /// Loads the settings saved in `dir`, with the secrets from the keychain; missing or
    /// unreadable settings are empty ones. A secret still in the file (written before the
    /// keychain was used, or where there was none) moves into the keychain when there is one
    /// now, and leaves the file once the keychain gave it back unchanged.
    pub fn load_from(dir: &Path) -> Self {
        let stored: StoredSettings = fs::read(dir.join("push.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let mut settings = PushSettings::default();
        let mut moved = false;
        for (folder, target) in stored.folders {
            let secret = match target.secret.filter(|secret| !secret.is_empty()) {
                Some(secret) => {
                    let place = if secret_place() == SecretPlace::Keychain
                        && keychain::store(&folder, &secret).is_ok()
                    {
                        moved = true;
                        SecretPlace::Keychain
                    } else {
                        SecretPlace::File
                    };
                    settings.places.insert(folder.clone(), place);
                    Some(secret)
                }
                None if target.secret_in_keychain => {
                    settings
                        .places
                        .insert(folder.clone(), SecretPlace::Keychain);
                    let read = match secret_place() {
                        SecretPlace::Keychain => keychain::read(&folder),
                        SecretPlace::File => Err("no keychain answers".to_owned()),
                    };
                    read.unwrap_or_else(|error| {
                        settings.unread.insert(folder.clone(), error);
                        None
                    })
                }
                None => None,
            };
            settings.folders.insert(
                folder,
                PushTarget {
                    url: target.url,
                    secret,
                },
            );
        }
        if moved {
            // The keychain holds them now: write the file again without them.
            let _ = settings.save_to(dir);
        }
        settings
    }

    /// Saves the settings in `dir`: each secret in the keychain when there is one (and it gave
    /// the secret back), else in the file, which is readable by the current user only.
    pub fn save_to(&mut self, dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)?;
        let mut stored = StoredSettings::default();
        self.places.clear();
        for (folder, target) in &self.folders {
            let secret = target.secret.as_deref().filter(|secret| !secret.is_empty());
            let keychain = secret_place() == SecretPlace::Keychain;
            let in_keychain = match secret {
                Some(secret) => keychain && keychain::store(folder, secret).is_ok(),
                // A secret the keychain holds but did not give this time stays there.
                None if self.unread.contains_key(folder) => true,
                None => {
                    if keychain {
                        let _ = keychain::remove(folder);
                    }
                    false
                }
            };
            if secret.is_some() {
                self.unread.remove(folder);
                let place = if in_keychain {
                    SecretPlace::Keychain
                } else {
                    SecretPlace::File
                };
                self.places.insert(folder.clone(), place);
            }
            stored.folders.insert(
                folder.clone(),
                StoredTarget {
                    url: target.url.clone(),
                    secret: secret.filter(|_| !in_keychain).map(str::to_owned),
                    secret_in_keychain: in_keychain,
                },
            );
        }
        for folder in self.unread.keys() {
            self.places.insert(folder.clone(), SecretPlace::Keychain);
        }
        let file = dir.join("push.json");
        let text = serde_json::to_string_pretty(&stored).map_err(io::Error::other)?;
        write_private(&file, text.as_bytes())
    }

    /// Where a folder's secret is kept: where it was found or saved, else where a new one
    /// would go.
    pub fn secret_place(&self, root: &Path) -> SecretPlace {
        self.places.get(root).copied().unwrap_or_else(secret_place)
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

/// The secret as the inside of a 4D text literal: 4D reads `\\`, `\"`, `\n`, `\t` and `\r` as
/// escapes, so each of those characters is escaped; a backslash left alone would start an
/// escape and the secret would never match.
pub fn escape_4d_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '"' => escaped.push_str("\\\""),
            '\n' => escaped.push_str("\\n"),
            '\t' => escaped.push_str("\\t"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The 4D method to paste into the server (as a project method with the "4D tags and URLs
/// (4DACTION)" property), with the secret filled in. It answers a request marked with
/// [`TEST_HEADER`] with [`TEST_ANSWER`] and reloads nothing.
pub fn server_snippet(secret: &str) -> String {
    let secret = if secret.is_empty() {
        "CHANGE-ME"
    } else {
        secret
    };
    let secret = escape_4d_text(secret);
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
// "Test connection" marks its request with this header: check the secret, reload nothing.
var $test : Boolean:=(Find in array($names; "{TEST_HEADER}")>0)

If ((Length($given)=Length($expected)) && (Position($expected; $given; *)=1))
	If ($test)
		WEB SEND TEXT("{TEST_ANSWER}: the secret matches; nothing was reloaded")
	Else
		MOBILE APP REFRESH SESSIONS
		WEB SEND TEXT("Sessions reloaded")
	End if
Else
	WEB SET HTTP HEADER("X-STATUS: 401 Unauthorized")
	WEB SEND TEXT("Wrong or missing secret")
End if
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backslash_in_secret_is_escaped_for_4d() {
        assert_eq!(escape_4d_text(r#"a\b"c"#), r#"a\\b\"c"#);
        let snippet = server_snippet(r#"x\"y"#);
        assert!(
            snippet.contains(r#"var $expected : Text:="Bearer x\\\"y""#),
            "{snippet}"
        );
    }

    #[test]
    fn the_method_answers_tests_without_reloading() {
        let snippet = server_snippet("s");
        let test_branch = snippet.find("If ($test)").unwrap();
        let refresh = snippet.find("MOBILE APP REFRESH SESSIONS").unwrap();
        let else_branch = snippet[test_branch..].find("Else").unwrap() + test_branch;
        assert!(test_branch < else_branch && else_branch < refresh);
        assert!(snippet.contains(TEST_HEADER) && snippet.contains(TEST_ANSWER));
    }

    #[test]
    fn a_keychain_secret_that_cannot_be_read_keeps_its_place() {
        if secret_place() == SecretPlace::Keychain {
            return; // A desktop with a keychain: tests/keychain_tests.rs covers it.
        }
        let dir = tempfile::tempdir().unwrap();
        let folder = PathBuf::from("/srv/4d/Data/MobileApps");
        let stored = r#"{"folders":{"/srv/4d/Data/MobileApps":{"url":"http://s/x","secret_in_keychain":true}}}"#;
        fs::write(dir.path().join("push.json"), stored).unwrap();
        let mut settings = PushSettings::load_from(dir.path());
        assert!(settings.unread.contains_key(&folder));
        assert_eq!(settings.secret_place(&folder), SecretPlace::Keychain);
        settings.save_to(dir.path()).unwrap();
        let text = fs::read_to_string(dir.path().join("push.json")).unwrap();
        assert!(text.contains("\"secret_in_keychain\": true"), "{text}");
    }
}

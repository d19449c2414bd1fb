//! Why a push failed, in words a user understands. The HTTP library's own errors read like
//! `io: Connection refused (os error 111)` or `timeout: global`; here each failure becomes a
//! kind the window can word in its language, and an English sentence (what `push` prints):
//! what failed, why, and what to check. No text here ever holds a password or a query string
//! of the URL: every URL and every quoted library message is redacted first.

use std::io;

use super::redact::{parts, redact_url, scrub};

/// What a refused answer hints at, by HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalHint {
    /// 401 or 403: the secret is wrong or missing.
    Secret,
    /// 404: no such method at that URL.
    NotFound,
    /// 5xx: the method failed on the server.
    ServerError,
    /// Anything else.
    Other,
}

impl RefusalHint {
    /// The hint for an HTTP status.
    pub fn for_status(status: u16) -> Self {
        match status {
            401 | 403 => RefusalHint::Secret,
            404 => RefusalHint::NotFound,
            500..=599 => RefusalHint::ServerError,
            _ => RefusalHint::Other,
        }
    }

    /// The hint in English.
    pub fn text(self) -> &'static str {
        match self {
            RefusalHint::Secret => "check the secret: it must be the one the 4D method compares",
            RefusalHint::NotFound => {
                "check the URL: the 4D method must exist and be available through 4DACTION (or REST)"
            }
            RefusalHint::ServerError => "the 4D method failed; look at the server's log",
            RefusalHint::Other => "check the URL and the 4D method",
        }
    }
}

/// Why a server's https certificate was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateProblem {
    /// Not signed by an authority this computer trusts (self-signed, or a private authority).
    UnknownIssuer,
    /// Made out for another name than the URL's.
    OtherName,
    /// Expired.
    Expired,
    /// Not valid yet.
    NotValidYet,
    /// Revoked.
    Revoked,
    /// Another reason, as the TLS library gave it (made safe to show).
    Other(String),
}

impl std::fmt::Display for CertificateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CertificateProblem::UnknownIssuer => {
                "it is not signed by an authority this computer trusts (self-signed?)"
            }
            CertificateProblem::OtherName => "it is made out for another name",
            CertificateProblem::Expired => "it has expired",
            CertificateProblem::NotValidYet => "it is not valid yet",
            CertificateProblem::Revoked => "it was revoked",
            CertificateProblem::Other(reason) => reason,
        })
    }
}

/// Why a push did not go through. Every URL and reason held here is already redacted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// No URL is configured for this folder.
    #[error(
        "no server URL is set for this folder; pass --url, or set it in the window's Server settings"
    )]
    NoUrl,
    /// The URL is not http or https, or cannot be used.
    #[error("{0} is not a usable http:// or https:// URL")]
    BadUrl(String),
    /// The server answered, but not with 2xx.
    #[error("the server answered HTTP {status}{}; {}", if .body.is_empty() { String::new() } else { format!(" ({})", .body) }, .hint.text())]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The start of the body, made safe to show.
        body: String,
        /// What to check.
        hint: RefusalHint,
    },
    /// The server answered with a redirect, which Push never follows.
    #[error(
        "the server answered HTTP {status} and points to {}; Push follows no redirect, so nothing was reloaded: put the final URL in the settings (a login page means the 4D method must not require one)",
        .location.as_deref().unwrap_or("no address")
    )]
    Redirected {
        /// The HTTP status (301, 302, 303, 307, 308…).
        status: u16,
        /// Where it pointed (redacted), if it said.
        location: Option<String>,
    },
    /// Nothing listens on the server's port.
    #[error(
        "{server} refused the connection: nothing listens on that port; check that 4D's web server is started and that the URL's port is right"
    )]
    ConnectionRefused {
        /// `host:port` as in the URL.
        server: String,
    },
    /// No answer in time.
    #[error(
        "{server} did not answer within {seconds} s; check the server's name and port, and that no firewall blocks the connection"
    )]
    TimedOut {
        /// `host:port` as in the URL.
        server: String,
        /// How long Push waited.
        seconds: u64,
    },
    /// The host name does not resolve.
    #[error(
        "the server name {host} was not found; check its spelling in the URL and this computer's network connection"
    )]
    HostNotFound {
        /// The host name.
        host: String,
    },
    /// No network path to the server.
    #[error(
        "{server} cannot be reached from this computer's network (no route); check the address and the network connection"
    )]
    NoRoute {
        /// `host:port` as in the URL.
        server: String,
    },
    /// The https certificate was not accepted.
    #[error(
        "the certificate of {server} was rejected: {reason}; give 4D's web server a certificate this computer trusts, made out for the name in the URL"
    )]
    CertificateRejected {
        /// `host:port` as in the URL.
        server: String,
        /// Why.
        reason: CertificateProblem,
    },
    /// A secure connection could not be set up for another reason.
    #[error(
        "no secure (https) connection could be made with {server} ({reason}); check that the port serves https, or use http:// for a server that has no certificate"
    )]
    SecureConnectionFailed {
        /// `host:port` as in the URL.
        server: String,
        /// The library's reason (redacted).
        reason: String,
    },
    /// The connection closed before an answer, or the answer was not HTTP.
    #[error(
        "{server} closed the connection or did not answer in HTTP ({reason}); check that the URL's scheme (http or https) and port are those of 4D's web server"
    )]
    NotAnswered {
        /// `host:port` as in the URL.
        server: String,
        /// The library's reason (redacted).
        reason: String,
    },
    /// A test request was answered as a reload: the server's method does not know tests.
    #[error(
        "the server answered HTTP {status} but did not recognise the test, so its 4D method is an older one that reloads the sessions on every request; paste the current method from Server settings (or the README)"
    )]
    TestNotRecognised {
        /// The HTTP status.
        status: u16,
    },
    /// Any other failure to reach the server.
    #[error(
        "could not reach {url}: {reason}; check that 4D's web server is running and the URL is right"
    )]
    Unreachable {
        /// The URL tried (redacted).
        url: String,
        /// What failed (redacted).
        reason: String,
    },
}

/// The server part of a URL for messages (`host:port`), made safe to show.
pub(crate) fn server_of(url: &str) -> String {
    let server = parts(url).map_or_else(|| redact_url(url), |parts| parts.server.to_owned());
    crate::safe_text::visible(&server, 200)
}

fn host_of(url: &str) -> String {
    let host = parts(url).map_or_else(|| redact_url(url), |parts| parts.host.to_owned());
    crate::safe_text::visible(&host, 200)
}

/// A certificate failure's kind, from rustls' reason (`invalid peer certificate: Expired`).
fn certificate_reason(text: &str) -> CertificateProblem {
    let kinds = [
        ("UnknownIssuer", CertificateProblem::UnknownIssuer),
        ("NotValidForName", CertificateProblem::OtherName),
        ("Expired", CertificateProblem::Expired),
        ("NotValidYet", CertificateProblem::NotValidYet),
        ("Revoked", CertificateProblem::Revoked),
    ];
    kinds
        .into_iter()
        .find(|(code, _)| text.contains(code))
        .map_or_else(
            || CertificateProblem::Other(crate::safe_text::visible(text, 200)),
            |(_, kind)| kind,
        )
}

/// Turns an error of the HTTP library into the kind of failure it stands for. `timeout` is the
/// time Push waited for the timeout that fired.
pub(crate) fn classify(
    error: ureq::Error,
    url: &str,
    connect_seconds: u64,
    total_seconds: u64,
) -> PushError {
    let server = || server_of(url);
    let reason = |text: String| crate::safe_text::visible(&scrub(&text, url), 300);
    match error {
        ureq::Error::Timeout(which) => PushError::TimedOut {
            server: server(),
            seconds: if matches!(which, ureq::Timeout::Connect | ureq::Timeout::Resolve) {
                connect_seconds
            } else {
                total_seconds
            },
        },
        ureq::Error::HostNotFound => PushError::HostNotFound { host: host_of(url) },
        ureq::Error::BadUri(_) => PushError::BadUrl(redact_url(url)),
        ureq::Error::Io(io_error) => classify_io(&io_error, url),
        ureq::Error::Tls(text) => tls_failure(text.to_owned(), url),
        ureq::Error::Protocol(protocol) => PushError::NotAnswered {
            server: server(),
            reason: reason(protocol.to_string()),
        },
        ureq::Error::ConnectionFailed => PushError::NotAnswered {
            server: server(),
            reason: "the connection failed".into(),
        },
        other => {
            let text = other.to_string();
            if text.contains("rustls") || text.contains("certificate") {
                tls_failure(text, url)
            } else {
                PushError::Unreachable {
                    url: redact_url(url),
                    reason: reason(text),
                }
            }
        }
    }
}

fn tls_failure(text: String, url: &str) -> PushError {
    if text.to_lowercase().contains("certificate") {
        PushError::CertificateRejected {
            server: server_of(url),
            reason: certificate_reason(&text),
        }
    } else {
        PushError::SecureConnectionFailed {
            server: server_of(url),
            reason: crate::safe_text::visible(&scrub(&text, url), 200),
        }
    }
}

fn classify_io(error: &io::Error, url: &str) -> PushError {
    let server = server_of(url);
    let text = error.to_string();
    match error.kind() {
        io::ErrorKind::ConnectionRefused => PushError::ConnectionRefused { server },
        io::ErrorKind::TimedOut => PushError::TimedOut {
            server,
            seconds: super::CONNECT_TIMEOUT.as_secs(),
        },
        io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
            PushError::NoRoute { server }
        }
        _ if text.to_lowercase().contains("certificate") => tls_failure(text, url),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::UnexpectedEof
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::InvalidData => PushError::NotAnswered {
            server,
            reason: crate::safe_text::visible(&scrub(&text, url), 200),
        },
        _ => PushError::Unreachable {
            url: redact_url(url),
            reason: crate::safe_text::visible(&scrub(&text, url), 200),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_become_plain_words() {
        let url = "http://admin:pw@server:8080/4DACTION/x?secret=1";
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        let error = classify(ureq::Error::Io(refused), url, 5, 10);
        assert_eq!(
            error,
            PushError::ConnectionRefused {
                server: "server:8080".into()
            }
        );
        let error = classify(ureq::Error::Timeout(ureq::Timeout::Global), url, 5, 10);
        assert!(error.to_string().contains("within 10 s"), "{error}");
        let error = classify(ureq::Error::HostNotFound, url, 5, 10);
        assert!(
            error.to_string().contains("name server was not found"),
            "{error}"
        );
        let error = classify(ureq::Error::BadUri(url.into()), url, 5, 10);
        assert!(!error.to_string().contains("pw"), "{error}");
    }

    #[test]
    fn certificate_failures_say_why() {
        let io_error = io::Error::new(
            io::ErrorKind::InvalidData,
            "invalid peer certificate: UnknownIssuer",
        );
        let error = classify(ureq::Error::Io(io_error), "https://h/x", 5, 10);
        assert!(
            matches!(
                &error,
                PushError::CertificateRejected {
                    reason: CertificateProblem::UnknownIssuer,
                    ..
                }
            ),
            "{error:?}"
        );
    }
}

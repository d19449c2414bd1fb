//! Showing a Push URL without what it may hide. A URL can carry a password
//! (`http://admin:password@host/…`) and its query string a secret (`?secret=…`); neither may
//! reach a message, a log or the terminal. Here the user part, the query and the fragment are
//! replaced by `***`, and control characters are made visible.

/// The parts of an http(s) URL that matter for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    /// `http` or `https` (as written).
    pub scheme: &'a str,
    /// Whether a `user@` or `user:password@` part was present.
    pub has_user: bool,
    /// `host` or `host:port`, IPv6 brackets included.
    pub server: &'a str,
    /// The host alone, without port or brackets.
    pub host: &'a str,
    /// The path, from its `/` (may be empty).
    pub path: &'a str,
    /// Whether a query or fragment followed the path.
    pub has_query: bool,
}

/// Splits a URL of the form `scheme://[user[:password]@]server[/path][?query][#fragment]`.
/// `None` when it has no `://`.
pub(crate) fn parts(url: &str) -> Option<UrlParts<'_>> {
    let (scheme, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    // The last `@` ends the user part: a password may itself hold an `@`.
    let (has_user, server) = match authority.rfind('@') {
        Some(at) => (true, &authority[at + 1..]),
        None => (false, authority),
    };
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let host = if let Some(bracketed) = server.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or(bracketed)
    } else {
        server.rsplit_once(':').map_or(server, |(host, _)| host)
    };
    Some(UrlParts {
        scheme,
        has_user,
        server,
        host,
        path: &after[..path_end],
        has_query: path_end < after.len(),
    })
}

/// The URL as it may be shown: `http://***@server/path?***`. Text that is not a URL is shown
/// up to its first `@`, `?` or `#` only, since it might be a URL that failed to parse.
pub fn redact_url(url: &str) -> String {
    let url = url.trim();
    let shown = match parts(url) {
        Some(parts) => format!(
            "{}://{}{}{}{}",
            parts.scheme,
            if parts.has_user { "***@" } else { "" },
            parts.server,
            parts.path,
            if parts.has_query { "?***" } else { "" }
        ),
        None => match url.find(['@', '?', '#']) {
            Some(at) => format!("{}***", &url[..at]),
            None => url.to_owned(),
        },
    };
    crate::safe_text::visible(&shown, 300)
}

/// `text` with every secret part of `url` (the whole URL, its user part, its query and
/// fragment) replaced: for messages from libraries that may quote the URL.
pub(crate) fn scrub(text: &str, url: &str) -> String {
    let mut text = text.replace(url, &redact_url(url));
    if let Some((_, rest)) = url.split_once("://") {
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        if let Some(at) = authority.rfind('@') {
            let user = &authority[..at];
            if !user.is_empty() {
                text = text.replace(user, "***");
            }
            // The password alone too; even a short one, since a mangled word is better than a
            // leaked password.
            if let Some((_, password)) = user.split_once(':')
                && !password.is_empty()
            {
                text = text.replace(password, "***");
            }
        }
        if let Some(query_at) = rest.find(['?', '#']) {
            let query = &rest[query_at + 1..];
            if !query.is_empty() {
                text = text.replace(query, "***");
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_queries_are_hidden() {
        assert_eq!(
            redact_url("http://admin:password@host:8080/4DACTION/x?secret=abc#top"),
            "http://***@host:8080/4DACTION/x?***"
        );
        assert_eq!(
            redact_url("https://a:p@ss@[::1]:80?k=v"),
            "https://***@[::1]:80?***"
        );
        assert_eq!(
            redact_url("http://host/4DACTION/x"),
            "http://host/4DACTION/x"
        );
        assert_eq!(redact_url("ftp:/admin:pw@host"), "ftp:/admin:pw***");
        assert_eq!(redact_url("http://host/\x1b[2J"), "http://host/\\u{1b}[2J");
    }

    #[test]
    fn hosts_are_found_for_messages() {
        let url = parts("http://u:p@[fe80::1]:8080/a?b").unwrap();
        assert_eq!((url.server, url.host), ("[fe80::1]:8080", "fe80::1"));
        let url = parts("https://server.local").unwrap();
        assert_eq!(
            (url.server, url.host, url.path),
            ("server.local", "server.local", "")
        );
    }

    #[test]
    fn quoted_urls_are_scrubbed() {
        let url = "http://admin:hunter2@h/p?secret=s3";
        let text = scrub(&format!("bad uri: {url}; also hunter2 and secret=s3"), url);
        assert!(!text.contains("hunter2") && !text.contains("s3"), "{text}");
    }
}

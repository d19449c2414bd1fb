//! The store's and Push's errors as one sentence in the window's language. The store's own
//! messages are English (the command line prints them); here each kind is worded in the
//! current language, with the file and the system's reason filled in.

use crate::push::PushError;
use crate::store::{IoAction, StoreError};
use crate::tr;

/// The list of app folders an error mentions, or "none".
fn list(items: &[String]) -> String {
    if items.is_empty() {
        tr!(None).to_owned()
    } else {
        items.join(", ")
    }
}

/// What the store was doing when the system refused, as a verb ("write").
fn action(action: IoAction) -> &'static str {
    match action {
        IoAction::Listing => tr!(ActionListing),
        IoAction::Reading => tr!(ActionReading),
        IoAction::Writing => tr!(ActionWriting),
        IoAction::Deleting => tr!(ActionDeleting),
        IoAction::Restoring => tr!(ActionRestoring),
    }
}

/// A store error as one sentence: what happened and what to do.
pub fn store_error(error: &StoreError) -> String {
    match error {
        StoreError::NoMobileApps(path) => tr!(ErrNoMobileApps, path = path.display()),
        StoreError::NotFound(path) => tr!(ErrNotFound, path = path.display()),
        StoreError::UnknownApp { app, candidates } => tr!(
            ErrUnknownApp,
            app = format!("{app:?}"),
            candidates = list(candidates)
        ),
        StoreError::AmbiguousApp { app, candidates } => tr!(
            ErrAmbiguousApp,
            app = format!("{app:?}"),
            candidates = candidates.join(", ")
        ),
        StoreError::UnknownSession { app, id } => {
            tr!(ErrUnknownSession, app = app, id = format!("{id:?}"))
        }
        StoreError::Unsafe { path, reason } => {
            tr!(ErrUnsafe, path = path.display(), reason = reason)
        }
        StoreError::Malformed { path, reason } => {
            tr!(ErrMalformed, path = path.display(), reason = reason)
        }
        StoreError::Unreadable { path, reason } => {
            tr!(ErrUnreadable, path = path.display(), reason = reason)
        }
        StoreError::ReadOnly(path) => tr!(ErrReadOnly, path = path.display()),
        StoreError::InvalidStatus(status) => {
            tr!(ErrInvalidStatus, status = format!("{status:?}"))
        }
        StoreError::Busy(path) => tr!(ErrBusy, path = path.display()),
        StoreError::Io {
            action: doing,
            path,
            source,
        } => tr!(
            ErrIo,
            action = action(*doing),
            path = path.display(),
            reason = source
        ),
        // The store's newer refusals (owner, folder, Windows sharing, trash) read in English
        // until the window words them in its catalog.
        other => other.to_string(),
    }
}

/// A Push failure as one sentence.
pub fn push_error(error: &PushError) -> String {
    match error {
        PushError::NoUrl => tr!(PushNoUrl).to_owned(),
        PushError::BadUrl(url) => tr!(PushBadUrl, url = format!("{url:?}")),
        PushError::Refused { status, body, .. } => {
            let body = if body.is_empty() {
                String::new()
            } else {
                format!(" ({})", crate::safe_text::visible(body, 200))
            };
            let hint = match status {
                401 | 403 => tr!(HintSecret),
                404 => tr!(HintNotFound),
                500..=599 => tr!(HintServerError),
                _ => tr!(HintOther),
            };
            tr!(PushRefused, status = status, body = body, hint = hint)
        }
        PushError::Unreachable { url, reason } => {
            tr!(PushUnreachable, url = url, reason = reason)
        }
    }
}

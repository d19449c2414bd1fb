//! The store's and Push's errors as one sentence in the window's language. The store's own
//! messages are English (the command line prints them); here each kind is worded in the
//! current language, with the file and the system's reason filled in.

use crate::push::{CertificateProblem, PushError, RefusalHint};
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
        StoreError::AppGone { app } => tr!(ErrAppGone, app = format!("{app:?}")),
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
        StoreError::ChangedSince(path) => tr!(ErrChangedSince, path = path.display()),
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
        StoreError::NotWritable(path) => tr!(ErrNotWritable, path = path.display()),
        StoreError::CannotKeepOwner { path, owner, group } => tr!(
            ErrCannotKeepOwner,
            path = path.display(),
            owner = owner,
            group = group
        ),
        StoreError::FolderNotWritable(path) => tr!(ErrFolderNotWritable, path = path.display()),
        StoreError::Held(path) => tr!(ErrHeld, path = path.display()),
        StoreError::NoTrash(path) => tr!(ErrNoTrash, path = path.display()),
        StoreError::TrashFailed { path, reason } => tr!(
            ErrTrashFailed,
            path = path.display(),
            reason = crate::safe_text::visible(reason, 300)
        ),
        StoreError::NothingToRestore(path) => tr!(ErrNothingToRestore, path = path.display()),
    }
}

/// A Push failure as one sentence: what failed, why in plain words, what to check.
pub fn push_error(error: &PushError) -> String {
    match error {
        PushError::NoUrl => tr!(PushNoUrl).to_owned(),
        PushError::BadUrl(url) => tr!(PushBadUrl, url = url),
        PushError::Refused { status, body, hint } => {
            let body = if body.is_empty() {
                String::new()
            } else {
                format!(" ({})", crate::safe_text::visible(body, 200))
            };
            let hint = match hint {
                RefusalHint::Secret => tr!(HintSecret),
                RefusalHint::NotFound => tr!(HintNotFound),
                RefusalHint::ServerError => tr!(HintServerError),
                RefusalHint::Other => tr!(HintOther),
            };
            tr!(PushRefused, status = status, body = body, hint = hint)
        }
        PushError::Redirected { status, location } => tr!(
            PushRedirected,
            status = status,
            location = location.as_deref().unwrap_or(tr!(PushNoLocation))
        ),
        PushError::ConnectionRefused { server } => tr!(PushConnectionRefused, server = server),
        PushError::TimedOut { server, seconds } => {
            tr!(PushTimedOut, server = server, seconds = seconds)
        }
        PushError::HostNotFound { host } => tr!(PushHostNotFound, host = host),
        PushError::NoRoute { server } => tr!(PushNoRoute, server = server),
        PushError::CertificateRejected { server, reason } => {
            let reason = match reason {
                CertificateProblem::UnknownIssuer => tr!(CertUnknownIssuer).to_owned(),
                CertificateProblem::OtherName => tr!(CertOtherName).to_owned(),
                CertificateProblem::Expired => tr!(CertExpired).to_owned(),
                CertificateProblem::NotValidYet => tr!(CertNotValidYet).to_owned(),
                CertificateProblem::Revoked => tr!(CertRevoked).to_owned(),
                CertificateProblem::Other(text) => text.clone(),
            };
            tr!(PushCertificate, server = server, reason = reason)
        }
        PushError::SecureConnectionFailed { server, reason } => {
            tr!(PushSecureFailed, server = server, reason = reason)
        }
        PushError::NotAnswered { server, reason } => {
            tr!(PushNotAnswered, server = server, reason = reason)
        }
        PushError::TestNotRecognised { status } => tr!(PushTestNotRecognised, status = status),
        PushError::Unreachable { url, reason } => {
            tr!(PushUnreachable, url = url, reason = reason)
        }
    }
}

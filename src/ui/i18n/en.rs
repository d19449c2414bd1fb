//! The window's words in English.

use super::Msg;

/// The English text of a message.
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::PendingSuffix => " — {count} pending",
        Msg::NewSuffix => ", {count} new",
        Msg::AllApps => "All apps ({count})",
        Msg::AppsLabel => "Apps:",
        Msg::NoAppSession => "No application session",
        Msg::NoFolderOpen => "No folder open",
        Msg::Refresh => "Refresh",
        Msg::RefreshHint => "Read the whole folder again ({shortcut})",
        Msg::Pushing => "Pushing…",
        Msg::Push => "Push",
        Msg::PushHint => {
            "Ask the 4D server to reload the session files (MOBILE APP REFRESH SESSIONS)"
        }
        Msg::PushDisabledHint => "Nothing to push: change a status or delete a session first",
        Msg::Undo => "Undo",
        Msg::ServerSettingsButton => "Server settings…",
        Msg::OpenFolderButton => "Open folder…",
        Msg::SearchLabel => "Search:",
        Msg::SearchHint => "e-mail, device, device id, session id or IP",
        Msg::SearchTooltip => "{shortcut} to search, Esc to clear",
        Msg::ShowLabel => "Show:",
        Msg::ShownCount => "{count} shown",
        Msg::ExportButton => "Export…",
        Msg::ExportHint => "Save the shown sessions, in this order, as a CSV file",
        Msg::SelectedCount => "{count} selected:",
        Msg::Accept => "Accept",
        Msg::SetPending => "Set pending",
        Msg::DeleteAsk => "Delete…",
        Msg::ClearSelection => "Clear selection",
        Msg::LanguageMenu => "Language",
        Msg::LanguageSystem => "System ({language})",
        Msg::LanguageMenuHint => "The language of the window",
        Msg::FilterAll => "All",
        Msg::FilterPending => "Pending",
        Msg::FilterAccepted => "Accepted",
        Msg::FilterProblems => "Problems",
        Msg::Dismiss => "Dismiss",
        Msg::FolderHint => "The MobileApps folder",
        Msg::SessionsOne => "{count} session",
        Msg::SessionsMany => "{count} sessions",
        Msg::PendingCount => "{count} pending",
        Msg::ProblemsOne => "{count} problem",
        Msg::ProblemsMany => "{count} problems",
        Msg::ProblemsHint => "Show the files 4D would refuse",
        Msg::ReadingProgress => "reading {read} of {total} files…",
        Msg::ReadAt => "read {time}",
        Msg::WatchLive => "live",
        Msg::WatchEvery => "every {seconds} s",
        Msg::WatchOff => "off",
        Msg::WatchLabel => "Watch:",
        Msg::WatchLiveChoice => "live (system notifications)",
        Msg::WatchPollChoice => "every 2 s (network shares)",
        Msg::WatchPollHint => {
            "SMB and NFS shares send no change notifications: look at the files every 2 seconds instead"
        }
        Msg::FolderGone => "The folder is gone; waiting for it to come back.",
        Msg::PollingNote => "checking the folder every {seconds} s",
        Msg::AppName => "Mobile Sessions",
        Msg::WelcomeTagline => "See, accept and delete the sessions of your 4D mobile apps.",
        Msg::OpenMobileAppsFolder => "Open MobileApps folder…",
        Msg::OpenDemo => "Open the demo",
        Msg::WelcomeWhere => {
            "4D keeps the MobileApps folder next to the server's data file, e.g. MyProject/Data/MobileApps. You can also choose the data folder, the project folder, or drop any of them on this window."
        }
        Msg::RecentFolders => "Recent folders",
        Msg::Opening => "Opening {folder} …",
        Msg::DeleteOneTitle => "Delete this session?",
        Msg::FileNamed => "file {id}",
        Msg::Guest => "guest",
        Msg::WhoWithEmail => "{device} ({email})",
        Msg::DeleteOneBody => {
            "The session of {who} will be deleted. The device will have to log in again, and the 4D server forgets it once you Push."
        }
        Msg::DeleteGone => {
            "This session was removed on disk meanwhile; there is nothing left to delete."
        }
        Msg::DeleteChanged => {
            "This session changed on disk since you asked; close this and look at it again."
        }
        Msg::Delete => "Delete",
        Msg::Close => "Close",
        Msg::Cancel => "Cancel",
        Msg::DeleteManyTitle => "Delete {count} sessions?",
        Msg::DeleteManyBody => "These devices will have to log in again:",
        Msg::AndMore => "and {count} more.",
        Msg::DeleteCount => "Delete {count}",
        Msg::ProblemsTitle => "Problems",
        Msg::ProblemsIntro => {
            "4D drops these sessions when it reloads the files: their devices are logged out."
        }
        Msg::CodeWithMobi => "{code} (4D error mobi {mobi})",
        Msg::AppFolderItself => "(app folder)",
        Msg::DeleteFileHint => "Delete this file (asks first)",
        Msg::ShowOnDisk => "Show on disk…",
        Msg::ExplainLocation => {
            "The file is not where its content says it belongs: 4D expects it in the folder of its app (team id and bundle id), named by its session id."
        }
        Msg::ExplainSyntax => "The file is not well-formed JSON, so 4D cannot read it at all.",
        Msg::ExplainSchema => {
            "A field 4D requires is missing or has the wrong type, or the status is neither accepted nor pending."
        }
        Msg::ExplainToken => {
            "The connection token does not name this file's app, session and team, so 4D refuses the session."
        }
        Msg::ExplainUnsafe => {
            "The file is a symbolic link or would lead outside the folder; this app leaves it alone."
        }
        Msg::ExplainUnreadable => {
            "The file cannot be read: no permission, not UTF-8 text, or larger than 1 MiB."
        }
        Msg::ServerSettingsTitle => "Server settings",
        Msg::SettingsIntro => {
            "Push needs to know where your 4D server listens. Set it up once; it is saved for this folder."
        }
        Msg::ServerUrl => "Server URL",
        Msg::Secret => "Secret",
        Msg::TestConnection => "Test connection",
        Msg::OnTheServer => "On the 4D server",
        Msg::ServerHowTo => {
            "Create this project method, check \"4D tags and URLs (4DACTION)\" in its properties, and make sure the web server is running. The secret above must match the one in the code."
        }
        Msg::FourDCode => "4D code",
        Msg::CopyCode => "Copy code",
        Msg::SaveAndPush => "Save and push",
        Msg::Save => "Save",
        Msg::ConnectionToken => "Connection token",
        Msg::NoToken => "The file has no token.",
        Msg::AppId => "App id",
        Msg::SessionId => "Session id",
        Msg::TeamId => "Team id",
        Msg::TokenMismatch => "Does not match the file (see Problems).",
        Msg::TokenMatches => "Matches the file.",
        Msg::Details => "Details",
        Msg::NoLongerOnDisk => "This session is no longer on disk.",
        Msg::Yes => "yes",
        Msg::No => "no",
        Msg::GroupApp => "App",
        Msg::Name => "Name",
        Msg::BundleId => "Bundle id",
        Msg::Version => "Version",
        Msg::Team => "Team",
        Msg::Folder => "Folder",
        Msg::GroupDevice => "Device",
        Msg::Device => "Device",
        Msg::Os => "OS",
        Msg::OsVersion => "OS version",
        Msg::DeviceId => "Device id",
        Msg::Simulator => "Simulator",
        Msg::GroupUser => "User",
        Msg::Email => "E-mail",
        Msg::Language => "Language",
        Msg::GroupSession => "Session",
        Msg::Status => "Status",
        Msg::Ip => "IP",
        Msg::CustomParameters => "Custom parameters",
        Msg::NoProblems => "None: 4D will keep this session when it reloads the files.",
        Msg::File => "File",
        Msg::CopyJson => "Copy JSON",
        Msg::RawJson => "Raw JSON",
        Msg::SortedAscending => "Sorted by {column}, A to Z; click to reverse",
        Msg::SortedDescending => "Sorted by {column}, Z to A; click to reverse",
        Msg::SortBy => "Sort by {column}",
        Msg::Columns => "Columns",
        Msg::NoAppSessionInFolder => "No application session in this folder.",
        Msg::App => "App",
        Msg::UnreadableFile => "Unreadable file {id}",
        Msg::Problem => "problem",
        Msg::CannotEditHint => "This file cannot be edited; see Problems in the status line.",
        Msg::New => "NEW",
        Msg::NewHint => "This device logged in while the window was open",
        Msg::StatusNone => "none",
        Msg::GuestInTable => "(guest)",
        Msg::Unknown => "unknown",
        Msg::Session => "Session",
        Msg::JustNow => "just now",
        Msg::MinutesAgo => "{count} min ago",
        Msg::HoursAgo => "{count} h ago",
        Msg::DaysAgo => "{count} days ago",
        Msg::SimulatorValue => "simulator",
        Msg::DeviceValue => "device",
        Msg::AppVersion => "App version",
        Msg::LastChange => "Last change",
        Msg::ErrNoMobileApps => {
            "{path} holds no MobileApps folder. Choose the MobileApps folder itself, the data folder that contains it, the data file (*.4DD) next to it, or the 4D project folder (4D keeps it in Data/MobileApps, next to the data file)."
        }
        Msg::ErrNotFound => "{path} does not exist; check the path and try again.",
        Msg::ErrUnknownApp => "No app folder matches {app}; the apps are: {candidates}.",
        Msg::ErrAmbiguousApp => {
            "{app} matches several app folders ({candidates}); choose the full folder name."
        }
        Msg::ErrUnknownSession => {
            "App {app} has no session {id} any more; refresh to see the current sessions."
        }
        Msg::ErrUnsafe => "{path} is unsafe to touch ({reason}); it was left as it is.",
        Msg::ErrMalformed => {
            "{path} is not a well-formed session file ({reason}); fix or delete it by hand, it was left as it is."
        }
        Msg::ErrUnreadable => "Cannot read {path}: {reason}.",
        Msg::ErrReadOnly => "{path} is read-only; make it writable first if you mean to change it.",
        Msg::ErrInvalidStatus => "{status} is not a session status; use accepted or pending.",
        Msg::ErrBusy => "{path} kept changing while it was being edited; try again in a moment.",
        Msg::ErrIo => "Could not {action} {path}: {reason}.",
        Msg::ActionListing => "list",
        Msg::ActionReading => "read",
        Msg::ActionWriting => "write",
        Msg::ActionDeleting => "delete",
        Msg::ActionRestoring => "restore",
        Msg::None => "none",
        Msg::PushNoUrl => "No server URL is set for this folder; set it in Server settings.",
        Msg::PushBadUrl => "{url} is not an http:// or https:// URL.",
        Msg::PushRefused => "The server answered {status}{body}; {hint}.",
        Msg::PushUnreachable => {
            "Could not reach {url}: {reason}; check that 4D's web server is running and the URL is right."
        }
        Msg::HintSecret => "check the secret: it must be the one the 4D method compares",
        Msg::HintNotFound => {
            "check the URL: the 4D method must exist and be available through 4DACTION (or REST)"
        }
        Msg::HintServerError => "the 4D method failed; look at the server's log",
        Msg::HintOther => "check the URL and the 4D method",
        Msg::UndoStatus => "Set the status back to {status}",
        Msg::UndoDelete => "Put the deleted session file back",
        Msg::UndoBatch => "Take back the last {count} changes",
        Msg::FolderRead => "The whole folder was read.",
        Msg::ServerReloaded => "The server reloaded the sessions (HTTP {status}).",
        Msg::PushFailed => "Push failed: {error}",
        Msg::DemoCopyFailed => "Could not make a copy of the demo folder: {error}.",
        Msg::PickFolderTitle => "Open a MobileApps folder",
        Msg::StatusSet => "Status set to {status}.",
        Msg::MovedToTrash => {
            "The session was moved to the trash; the device will have to log in again."
        }
        Msg::FileRemoved => "The session file was removed; the device will have to log in again.",
        Msg::Copied => "Copied.",
        Msg::Revealing => "Showing {path} in the file manager.",
        Msg::RevealFailed => "Could not show {path} in the file manager: {error}.",
        Msg::ReadingAgain => "Reading the whole folder again…",
        Msg::NoSettingsFolder => "this system has no folder for app settings",
        Msg::SettingsNotSaved => "The server settings could not be saved: {error}.",
        Msg::SettingsSaved => "Server settings saved.",
        Msg::ExportTitle => "Export the shown sessions",
        Msg::Exported => "Exported {count} sessions to {path}.",
        Msg::CouldNotWrite => "Could not write {path}: {error}.",
        Msg::Undone => "Undone: {what}.",
        Msg::CouldNotUndo => "Could not undo: {error}",
        Msg::DeviceAndFile => "{device} (file {id})",
        Msg::BulkSet => "Set {sessions} to {status}",
        Msg::BulkDeleted => "Deleted {sessions}",
        Msg::BulkDeletedTail => "; those devices will have to log in again.",
        Msg::BulkFailures => "{done}; {count} could not be changed: {failures}{more}.",
        Msg::AndMoreInline => " and {count} more",
        Msg::WindowTitleWaiting => "Mobile Sessions — {folder} — {count} new waiting",
        Msg::WindowTitleFolder => "Mobile Sessions — {folder}",
        Msg::PendingSuffixOne => " — {count} pending",
        Msg::NewSuffixOne => ", {count} new",
        Msg::PendingCountOne => "{count} pending",
        Msg::ShownCountOne => "{count} shown",
        Msg::WindowTitleWaitingOne => "Mobile Sessions — {folder} — {count} new waiting",
        Msg::ExportedOne => "Exported {count} session to {path}.",
        Msg::DaysAgoOne => "{count} day ago",
        Msg::StatusSetFor => "{device}: status set to {status}.",
        Msg::StatusAlreadyFor => "{device} already has the status {status}; nothing was written.",
        Msg::WriteFailedFor => "{device}: {error}",
        Msg::NotApplicableNoStatus => {
            "{device} is not a session 4D can read, so it has no status to change; its problems are listed in the details panel."
        }
        Msg::NotApplicableUnsafe => {
            "{device} is a symbolic link or otherwise unsafe to touch; it is never changed or deleted from here."
        }
        Msg::ShortNoStatus => "not a session 4D can read",
        Msg::ShortUnsafe => "a symbolic link, never changed",
        Msg::DeletedToTrashFor => {
            "{device}: the session file was moved to the trash; the device will have to log in again."
        }
        Msg::DeletedRemovedFor => {
            "{device}: the session file was removed (this folder has no trash); the device will have to log in again."
        }
        Msg::StepStatusBack => "set {device} back to {status}",
        Msg::StepStatusOut => "put back the file of {device} as it was, without a status",
        Msg::StepDelete => "put back the deleted session of {device}",
        Msg::StepBatchSet => "take back the status change of {count} sessions",
        Msg::StepBatchDelete => "put back {count} deleted sessions",
        Msg::UndoTooltip => "Undo: {what}",
        Msg::UndoFailedStep => "Could not undo ({what}): {error}",
        Msg::NothingToUndo => "Nothing to undo.",
        Msg::RevealAsking => "Asking the file manager to show {path}…",
        Msg::Revealed => "Shown in the file manager: {path}.",
        Msg::RevealNoAnswer => {
            "No file manager answered, so {path} could not be shown ({error}). Use Copy path to open it yourself."
        }
        Msg::CopyPath => "Copy path",
        Msg::NoDialogOpen => {
            "No folder dialog can be shown on this system; type or paste the folder's path instead."
        }
        Msg::NoDialogExport => {
            "No save dialog can be shown on this system; type or paste the path of the CSV file to write instead."
        }
        Msg::PathOpenTitle => "Open a folder",
        Msg::PathExportTitle => "Export to a CSV file",
        Msg::PathLabel => "Path:",
        Msg::PathOpenHint => {
            "the MobileApps folder, the data folder, a .4DD data file or the project folder"
        }
        Msg::PathExportHint => "the CSV file to write, e.g. /home/me/sessions.csv",
        Msg::OpenButton => "Open",
        Msg::SaveButton => "Save",
        Msg::ReadAtHint => "When the folder was last read in full or a change in it was last seen",
        Msg::DeleteNotOffered => "A symbolic link or unsafe file is never deleted from here",
        Msg::MoreMenu => "More",
        Msg::MoreMenuHint => "Commands that do not fit in the window",
        Msg::ErrChangedSince => {
            "{path} changed on disk since this app wrote it (the server or another program wrote it again), so it was left as it is."
        }
        Msg::PushRedirected => {
            "The server answered HTTP {status} and points to {location}; Push follows no redirect, so nothing was reloaded: put the final URL in Server settings."
        }
        Msg::PushNoLocation => "no address",
        Msg::PushConnectionRefused => {
            "{server} refused the connection: nothing listens on that port. Check that 4D's web server is started and that the URL's port is right."
        }
        Msg::PushTimedOut => {
            "{server} did not answer within {seconds} s. Check the server's name and port, and that no firewall blocks the connection."
        }
        Msg::PushHostNotFound => {
            "The server name {host} was not found. Check its spelling in the URL and this computer's network connection."
        }
        Msg::PushNoRoute => {
            "{server} cannot be reached from this computer's network (no route). Check the address and the network connection."
        }
        Msg::PushCertificate => {
            "The certificate of {server} was rejected: {reason}. Give 4D's web server a certificate this computer trusts, made out for the name in the URL."
        }
        Msg::PushSecureFailed => {
            "No secure (https) connection could be made with {server} ({reason}). Check that the port serves https, or use http:// for a server without a certificate."
        }
        Msg::PushNotAnswered => {
            "{server} closed the connection or did not answer in HTTP ({reason}). Check that the URL's scheme (http or https) and port are those of 4D's web server."
        }
        Msg::PushTestNotRecognised => {
            "The server answered HTTP {status} but did not recognise the test: its 4D method is an older one, which reloads the sessions on every request. Paste the current method shown below."
        }
        Msg::ServerTestOk => {
            "The server answered the test (HTTP {status}): the URL and the secret work. Nothing was reloaded."
        }
        Msg::CertUnknownIssuer => {
            "it is not signed by an authority this computer trusts (self-signed?)"
        }
        Msg::CertOtherName => "it is made out for another name",
        Msg::CertExpired => "it has expired",
        Msg::CertNotValidYet => "it is not valid yet",
        Msg::CertRevoked => "it was revoked",
        Msg::ErrNotWritable => {
            "You cannot write {path} yourself (it belongs to another user or its permissions forbid it), so it was left as it is."
        }
        Msg::ErrCannotKeepOwner => {
            "{path} belongs to user {owner} and group {group}, which this user cannot give to a new file, so it was left as it is; run the app as that user or as root."
        }
        Msg::ErrFolderNotWritable => {
            "Nothing can be written into {path} (it is read-only or not yours); nothing was changed."
        }
        Msg::ErrHeld => "4D or another program is holding {path}; try again in a moment.",
        Msg::ErrNoTrash => "There is no trash for {path}; it was left as it is.",
        Msg::ErrTrashFailed => "Moving {path} to the trash failed ({reason}); nothing was deleted.",
        Msg::DeleteForGoodTitle => "No trash here",
        Msg::DeleteForGoodBody => {
            "This folder's disk has no trash: deleting {count} session file(s) removes them for good. Only Undo in this window can bring them back, until it is closed."
        }
        Msg::DeleteForGoodButton => "Delete for good",
        Msg::ErrNothingToRestore => {
            "{path} cannot be put back: its content could not be read when it was deleted; look for it in the system trash."
        }
        Msg::UnsafeFile => "Unsafe file {id}",
        Msg::ExportInsideFolder => {
            "{path} is inside the sessions folder, where it could replace a session file; choose a place outside it."
        }
        Msg::ExportExists => "{path} already exists and was left as it is; type another file name.",
        Msg::UndoPartly => "Took back {count} changes, but could not undo ({what}): {error}",
        Msg::HistoryButton => "History",
        Msg::HistoryHint => "What changed in this folder, when, and who changed it",
        Msg::HistoryTitle => "History",
        Msg::HistorySearchLabel => "Find:",
        Msg::HistorySearchHint => "device, e-mail, user…",
        Msg::HistoryAppLabel => "App:",
        Msg::HistoryAllApps => "All apps",
        Msg::HistoryKindLabel => "What:",
        Msg::HistoryAllKinds => "Everything",
        Msg::KindStatus => "Status set",
        Msg::KindDelete => "Deleted",
        Msg::KindRestore => "Put back",
        Msg::KindPush => "Pushed to the server",
        Msg::KindLoggedIn => "Logged in",
        Msg::KindChanged => "Changed",
        Msg::KindDisappeared => "Disappeared",
        Msg::HistoryTimeColumn => "Time (UTC)",
        Msg::HistoryWhatColumn => "What",
        Msg::HistoryAppColumn => "App",
        Msg::HistoryDeviceColumn => "Device",
        Msg::HistoryStatusColumn => "Status",
        Msg::HistoryWhoColumn => "Who",
        Msg::HistoryOtherProgram => "server or another program",
        Msg::HistoryEmpty => "Nothing was recorded for this folder yet.",
        Msg::HistoryNoneMatch => "No entry matches.",
        Msg::HistorySkipped => {
            "{count} line(s) of the history could not be read (cut short by a crash, or damaged) and are not shown."
        }
        Msg::HistoryError => "The history could not be read or written: {error}",
        Msg::HistoryNotKept => {
            "No application-data folder was found, so no history is kept for this folder."
        }
        Msg::HistoryExportButton => "Export CSV…",
        Msg::HistoryExportHint => {
            "Save the entries shown as a CSV file (outside the sessions folder)"
        }
        Msg::HistoryShown => "{shown} of {count} entries",
        Msg::HistoryKeptIn => "Kept in {path}",
        Msg::HistoryClose => "Close",
        Msg::SessionsTable => "Sessions",
        Msg::ColumnsRow => "Columns",
        Msg::ResizeColumn => "Resize the {column} column",
        Msg::StatusOf => "Status of {device}",
        Msg::NotifyTitle => "A device waits for approval",
        Msg::NotifyOne => "{who} waits for approval in {app}",
        Msg::NotifyMany => "{count} devices wait for approval in {app}: {who} and {others} more",
        Msg::NotifyManyApps => {
            "{count} devices wait for approval: {who} in {app} and {others} more"
        }
        Msg::NotificationsUnavailable => {
            "Desktop notifications cannot be shown here ({error}); devices that wait show in this window only."
        }
        Msg::NotifyToggle => "Notify",
        Msg::NotifyToggleHint => {
            "Show a desktop notification when a device waits for approval while this window is in the background"
        }
        Msg::SecretInKeychain => "The secret is kept in the system keychain ({store}).",
        Msg::SecretInFile => {
            "No keychain is available here: the secret is kept in a file only you can read ({path})."
        }
        Msg::SecretUnread => {
            "The secret kept in the system keychain ({store}) could not be read ({error}); it stays there until you type a new one."
        }
        Msg::ErrAppGone => {
            "The app folder {app} is gone (another program moved or deleted it); nothing in it was changed."
        }
        Msg::BadgeWaitingOne => "{count} device waits for approval",
        Msg::BadgeWaiting => "{count} devices wait for approval",
    }
}

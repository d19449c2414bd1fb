//! The session store: finds a `MobileApps` folder, reads and checks every session file in it,
//! and makes the only changes the app ever makes to them. Nothing here knows about the window;
//! the window and the command line are both thin layers over this module.

mod demo;
mod edit;
mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
mod index;
mod json_text;
mod listing;
mod manifest;
mod names;
mod object;
mod read;
mod read_changes;
mod recycle;
mod replace;
mod root;
mod search_text;
mod session;
mod sweep;
mod text;
mod validate;
mod watch;

pub use demo::{DEMO_ENTRIES, DemoFolder, write_demo};
pub use edit::{
    DeletePolicy, Deleted, DeletedTo, IfNoTrash, StatusEdit, checked_session_path, delete,
    put_back, restore, set_status, with_status,
};
pub use error::{IoAction, Result, StoreError};
pub use index::{
    App, AppRuns, Change, ChangeKind, Finding, FolderProblem, Index, OwnedFinding, Scan,
    split_folder_name,
};
pub use listing::name_text;
pub use manifest::MANIFEST_FILE;
pub use names::{NameListing, list_names};
pub use read::{MAX_SESSION_BYTES, check_session_file, load_session, session_text};
pub use read_changes::ChangesWhileReading;
pub use replace::FileAttributes;
pub use root::{MOBILE_APPS, Root, is_plain_name, is_session_file_name};
pub use search_text::{fold_case, fold_case_into};
pub use session::{
    MAX_FIELD_CHARS, Problem, ProblemCode, Session, SessionInfo, Status, is_hexadecimal,
};
pub use text::Text;
pub use validate::{TokenIds, check_object, decode_token, expected_folders};
pub use watch::{Applied, FolderWatcher, WatchMessage, WatchMode, apply, rescan};

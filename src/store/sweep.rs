//! A light look at the folder every few seconds, for the systems whose change notifications
//! can be lost without a word. It lists the app folders and compares each session file's size
//! and modification time with the previous look; it reads no file. What differs is handed to
//! the watcher's owner as paths, exactly like the system's own events, so a missed
//! notification costs a few seconds, never a change.
//!
//! Why Windows needs it (read in notify 8.2's `windows.rs`): when `ReadDirectoryChangesW`'s
//! buffer (16 KiB there) overflows, the system completes the request with no entries, and
//! notify turns that into no event at all, not the "rescan" flag it sends for inotify's and
//! FSEvents' overflows; an error code other than "aborted" or "access denied" (such as
//! `ERROR_NOTIFY_ENUM_DIR`) makes notify stop watching the folder, only writing to its log. A
//! burst of files from 4D, or a network share, can therefore be missed. Under Wine, new files
//! in an existing app folder are not reported at all.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::root::is_session_file_name;

/// The shortest time between two looks.
const EVERY: Duration = Duration::from_secs(2);
/// A look may take at most one part in this of the time between looks, so a folder of a
/// hundred thousand files on a slow share is looked at less often instead of keeping a core
/// busy.
const SHARE: u32 = 20;

/// What is compared of a session file: its size and modification time.
type Stamp = (u64, Option<SystemTime>);

/// The session files of each app folder, sorted by name, with their stamps.
type Listing = BTreeMap<String, Vec<(Box<str>, Stamp)>>;

/// The folder as last looked at, and when to look again.
pub struct Sweep {
    root: PathBuf,
    seen: Listing,
    every: Duration,
    next: Instant,
}

impl Sweep {
    /// Looks at the folder once, to compare later looks with.
    pub fn new(root: &Path) -> Self {
        let started = Instant::now();
        let seen = list(root).unwrap_or_default();
        let every = pace(started.elapsed());
        Sweep {
            root: root.to_owned(),
            seen,
            every,
            next: Instant::now() + every,
        }
    }

    /// When it is time, looks again and returns the paths that changed since the last look
    /// (app folders that came or went, session files added, removed or written); `None` when
    /// it is not yet time, or when the folder cannot be listed now (the watcher's own check
    /// of the root deals with that).
    pub fn changes_if_due(&mut self) -> Option<Vec<PathBuf>> {
        if Instant::now() < self.next {
            return None;
        }
        let started = Instant::now();
        let now = list(&self.root);
        self.every = pace(started.elapsed());
        self.next = Instant::now() + self.every;
        let now = now?;
        let changed = differences(&self.root, &self.seen, &now);
        self.seen = now;
        Some(changed).filter(|changed| !changed.is_empty())
    }
}

fn pace(took: Duration) -> Duration {
    EVERY.max(took * SHARE)
}

/// The app folders and their session files, with stamps. An app folder that cannot be listed
/// counts as empty: the index reports why when it reads it.
fn list(root: &Path) -> Option<Listing> {
    let mut listing = Listing::new();
    for entry in fs::read_dir(root).ok()?.flatten() {
        let Ok(folder) = entry.file_name().into_string() else {
            continue;
        };
        if folder.starts_with('.') || !entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            continue;
        }
        let mut files: Vec<(Box<str>, Stamp)> = fs::read_dir(entry.path())
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|file| {
                        let name = file.file_name().into_string().ok()?;
                        if !is_session_file_name(&name) {
                            return None;
                        }
                        // The entry's own metadata: on Windows it comes with the listing,
                        // and a link is stamped as the link, not followed.
                        let meta = file.metadata().ok()?;
                        Some((name.into(), (meta.len(), meta.modified().ok())))
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        listing.insert(folder, files);
    }
    Some(listing)
}

/// The paths that differ between two looks: an app folder that came or went is named as the
/// folder (its owner re-reads it whole), otherwise each session file added, removed or with
/// another stamp.
fn differences(root: &Path, before: &Listing, now: &Listing) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    for (folder, files) in now {
        let Some(old) = before.get(folder) else {
            changed.push(root.join(folder));
            continue;
        };
        // Both lists are sorted by name: walk them side by side.
        let (mut i, mut j) = (0, 0);
        loop {
            let name = match (old.get(i), files.get(j)) {
                (None, None) => break,
                (Some(a), Some(b)) if a.0 == b.0 => {
                    i += 1;
                    j += 1;
                    if a.1 == b.1 {
                        continue;
                    }
                    &b.0
                }
                (Some(a), Some(b)) if a.0 < b.0 => {
                    i += 1;
                    &a.0
                }
                (Some(a), None) => {
                    i += 1;
                    &a.0
                }
                (_, Some(b)) => {
                    j += 1;
                    &b.0
                }
            };
            changed.push(root.join(folder).join(&**name));
        }
    }
    changed.extend(
        before
            .keys()
            .filter(|folder| !now.contains_key(*folder))
            .map(|folder| root.join(folder)),
    );
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sweep_now(sweep: &mut Sweep) -> Option<Vec<PathBuf>> {
        sweep.next = Instant::now();
        sweep.changes_if_due()
    }

    #[test]
    fn a_new_file_in_an_existing_app_folder_is_found_without_any_event() {
        let root = tempfile::tempdir().unwrap();
        let app = root.path().join("com.example.App");
        fs::create_dir(&app).unwrap();
        fs::write(app.join("aa01"), "{}").unwrap();
        fs::write(app.join("cc03"), "{}").unwrap();
        let mut sweep = Sweep::new(root.path());
        assert_eq!(sweep_now(&mut sweep), None, "nothing changed yet");
        fs::write(app.join("bb02"), "{}").unwrap();
        fs::write(app.join("notes.txt"), "not a session").unwrap();
        assert_eq!(sweep_now(&mut sweep), Some(vec![app.join("bb02")]));
        assert_eq!(sweep_now(&mut sweep), None, "reported once");
    }

    #[test]
    fn written_removed_files_and_folders_that_come_and_go_are_found() {
        let root = tempfile::tempdir().unwrap();
        let app = root.path().join("com.example.App");
        fs::create_dir(&app).unwrap();
        fs::write(app.join("aa01"), "{}").unwrap();
        fs::write(app.join("bb02"), "{}").unwrap();
        let gone = root.path().join("com.example.Gone");
        fs::create_dir(&gone).unwrap();
        let mut sweep = Sweep::new(root.path());
        // A larger file: the stamp differs even where times are coarse.
        fs::write(app.join("aa01"), "{\"status\": \"accepted\"}").unwrap();
        fs::remove_file(app.join("bb02")).unwrap();
        fs::remove_dir(&gone).unwrap();
        let new = root.path().join("com.example.New");
        fs::create_dir(&new).unwrap();
        fs::write(new.join("dd04"), "{}").unwrap();
        let mut found = sweep_now(&mut sweep).unwrap();
        found.sort();
        assert_eq!(found, vec![app.join("aa01"), app.join("bb02"), gone, new]);
    }

    #[test]
    fn a_root_that_cannot_be_listed_reports_nothing_and_paces_itself() {
        let root = tempfile::tempdir().unwrap();
        let mut sweep = Sweep::new(&root.path().join("missing"));
        assert_eq!(sweep_now(&mut sweep), None);
        assert!(sweep.every >= EVERY);
        assert!(sweep.changes_if_due().is_none(), "not due again at once");
    }
}

//! Comparing the index with the folder's file names and their sizes and modification times, to
//! catch files created, removed or changed while a watcher was still being set up, or while
//! the system dropped its events (its queue overflows when a big folder is read, since each
//! file opened is an event). The listing is the slow part (one directory listing per app
//! folder, 10,000 of them in a big folder, and one look at each file), so it is a value of its
//! own that can be made on any thread; taking it in reads only the files whose name appeared or
//! went away, or whose size or time differ from what was read.

use std::collections::BTreeMap;
use std::fs;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::iter::{IntoParallelIterator, ParallelIterator};

use super::index::{Change, Index};
use super::listing::is_session_entry;
use super::root::{Root, is_plain_name};
use super::session::Session;

/// What a file's entry in its folder says of it, without opening it: its modification time and
/// size (`None`: it could not be looked at).
type Stamp = Option<(Option<SystemTime>, u64)>;

/// The session files of one app folder, sorted by name, each with its [`Stamp`].
type StampedNames = Vec<(String, Stamp)>;

/// The names in a `MobileApps` folder at one moment: its app folders and, for each that could
/// be listed, its session file names, sorted, each with its [`Stamp`].
#[derive(Debug, Default)]
pub struct NameListing {
    /// Each app folder, with its session files (`None`: it could not be listed).
    apps: Vec<(String, Option<StampedNames>)>,
}

/// Lists the app folders of `root` and the session files in each with their size and time,
/// opening no file. An unreadable `MobileApps` folder gives an empty listing: there is nothing
/// to compare with.
pub fn list_names(root: &Root) -> NameListing {
    let Ok(entries) = fs::read_dir(root.path()) else {
        return NameListing::default();
    };
    let mut folders: Vec<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| is_plain_name(name) && root.app_dir(name).is_dir())
        .collect();
    folders.sort();
    let apps = folders
        .into_iter()
        .map(|folder| {
            let ids = stamped_names(root, &folder);
            (folder, ids)
        })
        .collect();
    NameListing { apps }
}

/// The session files of one app folder with their [`Stamp`]s, sorted by name; `None` when the
/// folder cannot be listed, or is a symbolic link (never followed, as the scan refuses it).
fn stamped_names(root: &Root, folder: &str) -> Option<StampedNames> {
    let dir = root.app_dir(folder);
    if !fs::symlink_metadata(&dir).is_ok_and(|meta| meta.is_dir()) {
        return None;
    }
    let mut entries: Vec<(String, fs::DirEntry)> = fs::read_dir(&dir)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let kind = entry.file_type().ok()?;
            is_session_entry(&name, kind).then_some((name, entry))
        })
        .collect();
    entries.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    // A look at each file, on all cores, through its directory entry (a link is not followed).
    // On Linux the entry looks at itself relative to its open folder rather than by its whole
    // path from the root: 75 ms for 100,000 files, against 150-195 ms by path.
    Some(
        entries
            .into_par_iter()
            .map(|(name, entry)| {
                let stamp = entry
                    .metadata()
                    .ok()
                    .map(|meta| (meta.modified().ok(), meta.len()));
                (name, stamp)
            })
            .collect(),
    )
}

impl Index {
    /// Compares the index with a [`NameListing`] made a moment ago, maybe on another thread
    /// (no file is read unless its name appeared or went away, or its size or time changed):
    /// catches files created, removed or changed while no watcher saw them. Each such file is
    /// read again, so a listing that is already out of date costs a few needless reads and
    /// never a wrong row (the file itself is the truth).
    pub fn reconcile_with(&mut self, listing: NameListing) -> Vec<Change> {
        use std::cmp::Ordering;
        // The listing and the index's apps are both sorted by folder: one walk over the two
        // finds what to read again, with no copy of the names they share.
        let mut new_folders = Vec::new();
        let mut differing: Vec<(String, Vec<String>)> = Vec::new();
        let mut on_disk = listing.apps.into_iter().peekable();
        let mut known = self.apps.iter().peekable();
        loop {
            let order = match (on_disk.peek(), known.peek()) {
                (Some((disk, _)), Some((folder, _))) => disk.as_str().cmp(folder.as_str()),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => break,
            };
            let (folder, names, app) = match order {
                Ordering::Less => {
                    let (folder, _) = on_disk.next().expect("peeked");
                    new_folders.push(folder);
                    continue;
                }
                Ordering::Greater => {
                    let (folder, app) = known.next().expect("peeked");
                    (folder.clone(), Vec::new(), app)
                }
                Ordering::Equal => {
                    let (folder, names) = on_disk.next().expect("peeked");
                    let (_, app) = known.next().expect("peeked");
                    (folder, names.unwrap_or_default(), app)
                }
            };
            let ids = names_that_differ(&names, &app.sessions);
            if !ids.is_empty() {
                differing.push((folder, ids));
            }
        }
        let mut changes = Vec::new();
        for folder in new_folders {
            changes.extend(self.reload_app(&folder));
        }
        for (folder, ids) in differing {
            for id in ids {
                changes.extend(self.reload_session(&folder, &id));
            }
        }
        changes
    }
}

/// The names of the files listed (sorted) that the sessions known lack or hold with another
/// size or time, and the names of the sessions known that were not listed, in order.
fn names_that_differ(
    listed: &[(String, Stamp)],
    known: &BTreeMap<Arc<str>, Session>,
) -> Vec<String> {
    let mut differing = Vec::new();
    let mut disk = listed.iter().peekable();
    let mut known = known.iter().peekable();
    loop {
        match (disk.peek(), known.peek()) {
            (Some((name, stamp)), Some((id, session))) => match name.as_str().cmp(id) {
                std::cmp::Ordering::Less => {
                    differing.push(name.clone());
                    disk.next();
                }
                std::cmp::Ordering::Greater => {
                    differing.push(id.to_string());
                    known.next();
                }
                std::cmp::Ordering::Equal => {
                    if *stamp != Some((session.modified, session.size)) {
                        differing.push(name.clone());
                    }
                    disk.next();
                    known.next();
                }
            },
            (Some((name, _)), None) => {
                differing.push(name.clone());
                disk.next();
            }
            (None, Some((id, _))) => {
                differing.push(id.to_string());
                known.next();
            }
            (None, None) => return differing,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::store::{Root, generate};

    /// A file rewritten with the same size is found by its time; an untouched folder reads
    /// nothing again.
    #[test]
    fn a_file_changed_behind_the_index_is_found_by_its_size_or_its_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = Root::locate(&generate::generate_tree(dir.path(), 6, 2).unwrap()).unwrap();
        let mut index = Index::scan(&root).unwrap();
        assert!(index.reconcile_with(list_names(&root)).is_empty());
        let (folder, app) = index.apps.iter().next().unwrap();
        let (folder, id) = (
            folder.clone(),
            app.sessions.keys().next().unwrap().to_string(),
        );
        let path = root.session_path(&folder, &id);
        // Same length, other content, a later time: only the time tells.
        let text = std::fs::read_to_string(&path).unwrap();
        let swapped = text.replacen("\"accepted\"", "\"Accepted\"", 1);
        assert_ne!(swapped, text);
        std::fs::write(&path, &swapped).unwrap();
        let later = SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let changes = index.reconcile_with(list_names(&root));
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(
            (changes[0].app.as_str(), changes[0].id.as_str()),
            (folder.as_str(), id.as_str())
        );
        assert!(index.reconcile_with(list_names(&root)).is_empty());
    }
}

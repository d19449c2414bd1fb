//! Comparing the index with the folder's file names only, to catch files created or removed
//! while a watcher was still being set up. The listing is the slow part (one directory listing
//! per app folder, 10,000 of them in a big folder), so it is a value of its own that can be
//! made on any thread; taking it in reads only the files whose name appeared or went away.

use std::fs;
use std::sync::Arc;

use super::index::{Change, Index};
use super::listing::list_app;
use super::root::{Root, is_plain_name};

/// The names in a `MobileApps` folder at one moment: its app folders and, for each that could
/// be listed, its session file names, sorted.
#[derive(Debug, Default)]
pub struct NameListing {
    /// Each app folder, with its session file names (`None`: it could not be listed).
    apps: Vec<(String, Option<Vec<String>>)>,
}

/// Lists the app folders of `root` and the session file names in each, reading no file. An
/// unreadable `MobileApps` folder gives an empty listing: there is nothing to compare with.
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
            let ids = match list_app(root, &folder) {
                Ok(Some(listing)) => Some(listing.ids),
                _ => None,
            };
            (folder, ids)
        })
        .collect();
    NameListing { apps }
}

impl Index {
    /// Compares the index with a [`NameListing`] made a moment ago, maybe on another thread
    /// (no file is read unless its name appeared or went away): catches files created or
    /// removed while a watcher was still being set up. Each file whose name is on one side
    /// only is read again, so a listing that is already out of date costs a
    /// few needless reads and never a wrong row (the file itself is the truth).
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
            let ids = names_on_one_side(&names, app.sessions.keys());
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

/// The names in only one of two sorted lists, in order.
fn names_on_one_side<'a>(
    sorted: &[String],
    known: impl Iterator<Item = &'a Arc<str>>,
) -> Vec<String> {
    let mut differing = Vec::new();
    let mut disk = sorted.iter().peekable();
    let mut known = known.peekable();
    loop {
        match (disk.peek(), known.peek()) {
            (Some(a), Some(b)) => match a.as_str().cmp(&***b) {
                std::cmp::Ordering::Less => differing.push(disk.next().expect("peeked").clone()),
                std::cmp::Ordering::Greater => {
                    differing.push(known.next().expect("peeked").to_string());
                }
                std::cmp::Ordering::Equal => {
                    disk.next();
                    known.next();
                }
            },
            (Some(_), None) => differing.push(disk.next().expect("peeked").clone()),
            (None, Some(_)) => differing.push(known.next().expect("peeked").to_string()),
            (None, None) => return differing,
        }
    }
}

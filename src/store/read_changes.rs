//! Noting what changes in a `MobileApps` folder while it is read, so that only those files are
//! read again afterwards, instead of listing every file with its size and time ([`list_names`]).
//!
//! The folder's watcher cannot start before the reading: notify's inotify watch always asks
//! for the opening of each file, so reading 100,000 files would be 100,000 events, far more
//! than the system's queue holds. This watch, on Linux, asks only for what changes a file
//! (made, written, renamed, removed, its mode changed), so the reading itself is silent. It
//! needs no thread: the kernel queues the events until [`ChangesWhileReading::finish`] takes
//! them. On other systems it notes nothing and says so, and the caller compares the listing.
//! Like any inotify watch it sees only the changes made through this machine's kernel: a
//! folder on a network share, watched by polling, is compared by its listing all the same.
//!
//! [`list_names`]: super::list_names

use std::path::PathBuf;

use super::root::Root;

/// What changed in a folder since [`ChangesWhileReading::start`]. Start it before the folder is
/// listed, finish it once the folder's own watcher watches: each path it gives back, read
/// again, brings what was read up to date.
pub struct ChangesWhileReading {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    watch: Option<linux::Watch>,
}

impl ChangesWhileReading {
    /// Starts noting changes under `root` (on Linux; elsewhere nothing is noted).
    pub fn start(root: &Root) -> Self {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            ChangesWhileReading {
                watch: linux::Watch::start(root.path()),
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let _ = root;
            ChangesWhileReading {}
        }
    }

    /// The paths that changed since the start: files, and app folders made, moved or removed
    /// (whose whole listing is to be read again). `None` when it cannot say for sure: this
    /// system has no such watch, a folder could not be watched, the system's queue overflowed,
    /// or the `MobileApps` folder itself was moved or removed. Then the folder's names, sizes
    /// and times are to be compared with what was read.
    pub fn finish(self) -> Option<Vec<PathBuf>> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            self.watch?.finish()
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            None
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
mod linux {
    use std::collections::{BTreeSet, HashMap};
    use std::io::ErrorKind;
    use std::path::{Path, PathBuf};

    use inotify::{EventMask, Inotify, WatchDescriptor, WatchMask};

    /// One inotify instance watching the root and each app folder in it.
    pub(super) struct Watch {
        inotify: Inotify,
        /// The folder each watch is on, to make whole paths of the names in events.
        folders: HashMap<WatchDescriptor, PathBuf>,
        root: PathBuf,
    }

    /// What changes a session file or the list of them. Not `OPEN`, `ACCESS` nor
    /// `CLOSE_NOWRITE`: those are what reading the folder does.
    fn changes() -> WatchMask {
        WatchMask::CREATE
            | WatchMask::DELETE
            | WatchMask::MODIFY
            | WatchMask::CLOSE_WRITE
            | WatchMask::MOVED_FROM
            | WatchMask::MOVED_TO
            | WatchMask::ATTRIB
    }

    impl Watch {
        /// Watches `root` and then each app folder in it; `None` when any watch that should
        /// exist cannot be made (no inotify, too many watches, no permission).
        pub(super) fn start(root: &Path) -> Option<Watch> {
            let inotify = Inotify::init().ok()?;
            let mut folders = HashMap::new();
            // The root first: an app folder made from now on is an event, and one made before
            // is in the listing below.
            let root_changes = changes() | WatchMask::DELETE_SELF | WatchMask::MOVE_SELF;
            let root_watch = inotify
                .watches()
                .add(root, root_changes | WatchMask::ONLYDIR)
                .ok()?;
            folders.insert(root_watch, root.to_owned());
            for entry in std::fs::read_dir(root).ok()?.flatten() {
                let name = entry.file_name();
                // As the folder's watcher and the scan: no hidden folder holds sessions.
                if name.to_str().is_none_or(|name| name.starts_with('.')) {
                    continue;
                }
                if !entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                    continue;
                }
                let path = entry.path();
                // A link is never followed (the scan refuses it); ONLYDIR refuses a link or a
                // file put in the folder's place since it was listed.
                let mask = changes() | WatchMask::DONT_FOLLOW | WatchMask::ONLYDIR;
                match inotify.watches().add(&path, mask) {
                    Ok(watch) => {
                        folders.insert(watch, path);
                    }
                    // Gone or replaced since the listing: the root's watch saw that happen.
                    Err(error)
                        if matches!(
                            error.kind(),
                            ErrorKind::NotFound | ErrorKind::NotADirectory
                        ) => {}
                    Err(_) => return None,
                }
            }
            Some(Watch {
                inotify,
                folders,
                root: root.to_owned(),
            })
        }

        /// Takes every event waiting and names what changed (see
        /// [`super::ChangesWhileReading::finish`]).
        pub(super) fn finish(mut self) -> Option<Vec<PathBuf>> {
            let mut changed = BTreeSet::new();
            let mut buffer = vec![0; 64 * 1024];
            loop {
                let events = match self.inotify.read_events(&mut buffer) {
                    Ok(events) => events,
                    Err(error) if error.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => return None,
                };
                for event in events {
                    if event.mask.contains(EventMask::Q_OVERFLOW) {
                        return None;
                    }
                    let Some(folder) = self.folders.get(&event.wd) else {
                        continue;
                    };
                    let root = *folder == self.root;
                    match event.name {
                        Some(name) => {
                            changed.insert(folder.join(name));
                        }
                        None if root
                            && event
                                .mask
                                .intersects(EventMask::DELETE_SELF | EventMask::MOVE_SELF) =>
                        {
                            return None;
                        }
                        // An app folder's own change (its mode, say): its listing is read
                        // again. Its removal is the root's event; the watch's end is no news.
                        None if !root && !event.mask.contains(EventMask::IGNORED) => {
                            changed.insert(folder.clone());
                        }
                        None => {}
                    }
                }
            }
            Some(changed.into_iter().collect())
        }
    }
}

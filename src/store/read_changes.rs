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
//! folder on a network share (told by its file system, or watched by polling) is compared by
//! its listing all the same.
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
    /// system has no such watch, the folder is on a network share, a folder could not be
    /// watched, the system's queue overflowed, a file system was unmounted, or the
    /// `MobileApps` folder itself was moved, removed or replaced. Then the folder's names, sizes
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

    use crate::store::watch::app_folders;

    /// One inotify instance watching the root and each app folder in it.
    pub(super) struct Watch {
        inotify: Inotify,
        /// The folder each watch is on, to make whole paths of the names in events.
        folders: HashMap<WatchDescriptor, PathBuf>,
        root: PathBuf,
        /// The root's device and inode when the watch started: a folder swapped in by its
        /// parent's rename, or mounted over it, sends this watch no event.
        identity: (u64, u64),
    }

    /// File systems whose files other machines change (network and cluster shares, and FUSE,
    /// which may be one): those changes send no inotify event, so only a listing sees them.
    /// The magic numbers of `linux/magic.h`: NFS, SMB, CIFS, SMB2, FUSE, 9p, Ceph, AFS, Coda,
    /// GFS2, OCFS2 and Lustre.
    const SHARED_FILE_SYSTEMS: [u64; 12] = [
        0x6969,
        0x517B,
        0xFF53_4D42,
        0xFE53_4D42,
        0x6573_5546,
        0x0102_1997,
        0x00C3_6400,
        0x5346_414F,
        0x7375_7245,
        0x0116_1970,
        0x7461_636F,
        0x0BD0_0BD0,
    ];

    /// Whether `path` is on a shared file system ([`SHARED_FILE_SYSTEMS`]); also when that
    /// cannot be told, so that a listing is compared rather than trusting silence.
    fn is_shared(path: &Path) -> bool {
        use std::os::unix::ffi::OsStrExt;
        let Ok(path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return true;
        };
        let mut info = std::mem::MaybeUninit::<libc::statfs>::uninit();
        // SAFETY: `path` is a valid NUL-terminated string and `info` is memory for one
        // `statfs`, which the call fills in whole when it returns 0.
        if unsafe { libc::statfs(path.as_ptr(), info.as_mut_ptr()) } != 0 {
            return true;
        }
        // SAFETY: the call returned 0, so it filled `info` in.
        let kind = unsafe { info.assume_init() }.f_type;
        // The field's type differs between systems; the magic numbers are 32 bits.
        SHARED_FILE_SYSTEMS.contains(&(kind as u64 & 0xFFFF_FFFF))
    }

    /// The device and inode of a folder, as it is now.
    fn identity_of(path: &Path) -> Option<(u64, u64)> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|meta| (meta.dev(), meta.ino()))
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
            if is_shared(root) {
                return None;
            }
            let identity = identity_of(root)?;
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
            for path in app_folders(root).ok()? {
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
                identity,
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
                    // Lost events, or a file system unmounted under a watch: what happened
                    // there is not known.
                    if event
                        .mask
                        .intersects(EventMask::Q_OVERFLOW | EventMask::UNMOUNT)
                    {
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
                        // The root itself moved, went, or stopped being watched.
                        None if root
                            && event.mask.intersects(
                                EventMask::DELETE_SELF | EventMask::MOVE_SELF | EventMask::IGNORED,
                            ) =>
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
            // Another folder in the root's place (its parent renamed and a new one made, or a
            // file system mounted over it) sends the old folder's watch no event.
            if identity_of(&self.root) != Some(self.identity) {
                return None;
            }
            Some(changed.into_iter().collect())
        }
    }
}

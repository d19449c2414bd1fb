//! Reading a folder on another thread, in chunks, so the first rows show while the rest is
//! still being read.

use std::collections::HashSet;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::store::{Index, Root, Scan, Session, StoreError};

use super::filter::SessionKey;

/// How many files the background reader hands over at a time.
const CHUNK: usize = 4096;
/// While a folder is being read, rows are re-sorted at most this often (a sort of 100,000 rows
/// takes a few tens of milliseconds of the window's time).
pub(super) const RESORT_WHILE_LOADING: Duration = Duration::from_millis(1000);

/// What the background reader sends.
pub enum LoadEvent {
    /// The folder is listed: its apps (no sessions yet) and how many files there are.
    Listed(Box<Index>, usize),
    /// More sessions, read.
    Sessions(Vec<(String, Session)>),
    /// Everything was read.
    Done,
    /// The folder could not be read at all.
    Failed(StoreError),
}

/// Starts reading a folder on another thread; `wake` is called after each event.
pub fn start_loading(root: Root, wake: impl Fn() + Send + 'static) -> Receiver<LoadEvent> {
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        let mut scan = match Scan::start(&root) {
            Ok(scan) => scan,
            Err(error) => {
                let _ = sender.send(LoadEvent::Failed(error));
                wake();
                return;
            }
        };
        let total = scan.total();
        if sender
            .send(LoadEvent::Listed(Box::new(scan.empty_index()), total))
            .is_err()
        {
            return;
        }
        wake();
        while let Some(chunk) = scan.next_chunk(CHUNK) {
            // The window went away or opened something else: stop reading.
            if sender.send(LoadEvent::Sessions(chunk)).is_err() {
                return;
            }
            wake();
        }
        let _ = sender.send(LoadEvent::Done);
        wake();
    });
    events
}

/// A folder still being read.
pub(super) struct Loading {
    pub(super) events: Receiver<LoadEvent>,
    pub(super) read: usize,
    pub(super) total: usize,
    /// Sessions the watcher reported while the folder was read: what the reader sends later
    /// for them is older, and is dropped.
    pub(super) touched: HashSet<SessionKey>,
    pub(super) last_sort: Instant,
    /// For a refresh: the new index being filled, swapped in once complete, while the table
    /// keeps showing what was known.
    pub(super) replacement: Option<Index>,
    /// Whether this read replaces an index already shown (a refresh).
    pub(super) replacing: bool,
}

impl Loading {
    pub(super) fn new(events: Receiver<LoadEvent>, total: usize, replacing: bool) -> Self {
        Loading {
            events,
            read: 0,
            total,
            touched: HashSet::new(),
            last_sort: Instant::now(),
            replacement: None,
            replacing,
        }
    }
}

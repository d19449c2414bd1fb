//! Keeping an open folder live: taking in the sessions read in the background and what the
//! watcher reports, marking new arrivals, and reading everything again on Refresh.

use std::sync::mpsc::{self, TryRecvError};
use std::time::{Instant, SystemTime};

use crate::store::{
    self, Change, ChangeKind, FolderWatcher, Session, Status, WatchMessage, WatchMode,
};

use super::filter::{SessionKey, Shown};
use super::loading::{
    COMPACT_PER_POLL, LoadEvent, Loading, MERGE_PER_POLL, MERGE_TIME, RESORT_BUDGET,
    RESORT_WHILE_LOADING, TAKE_SLICE, start_loading, start_preparing,
};
use super::workspace::{WatchNote, Workspace};

impl Workspace {
    /// Takes in what the reader and the watcher sent since the last frame; returns whether
    /// anything changed on screen.
    ///
    /// Each part does a bounded amount of work, so that a frame stays short whatever the
    /// folder's size: a bounded number of sessions read, the app maps rebuilt a few at a time,
    /// and the names compared with the folder listed on another thread.
    pub fn poll(&mut self) -> bool {
        let loaded = self.poll_loading();
        let watched = self.poll_watcher();
        let reconciled = self.reconcile_once();
        self.compact_some();
        // While a folder with thousands of app folders is read, nearly every frame names some
        // app for the first time: the drop-down's order then follows once a second, with the
        // sorts, and is exact once everything is read.
        if self.loading.is_none() {
            self.refresh_catalog();
        }
        loaded || watched || reconciled
    }

    /// Once the folder is read and the watcher watches, lists the file names of the folder on
    /// another thread (one directory listing per app folder, which for 10,000 app folders takes
    /// far longer than a frame), then takes in what appeared or went away in between. Returns
    /// whether anything changed.
    pub(super) fn reconcile_once(&mut self) -> bool {
        if (self.reconciled && !self.relist_wanted) || !self.watch_ready || self.loading.is_some() {
            return false;
        }
        let Some(names) = &self.names else {
            // This listing comes after every loss of events reported so far.
            self.relist_wanted = false;
            let (sender, names) = mpsc::channel();
            let (root, wake) = (self.root().clone(), self.wake.clone());
            std::thread::spawn(move || {
                if sender.send(store::list_names(&root)).is_ok() {
                    wake();
                }
            });
            self.names = Some(names);
            return false;
        };
        let listing = match names.try_recv() {
            Ok(listing) => listing,
            Err(TryRecvError::Empty) => return false,
            // The lister stopped without a listing: there is nothing to compare with.
            Err(TryRecvError::Disconnected) => Default::default(),
        };
        self.names = None;
        self.reconciled = true;
        let folder_problems = self.index.folder_problems.len();
        let changes = self.index.reconcile_with(listing);
        for change in &changes {
            self.place_row(&change.app, &change.id);
            self.note_change(change);
        }
        self.record_seen(&changes);
        self.count_changes(&changes, folder_problems);
        !changes.is_empty()
    }

    /// Rebuilds the session maps of a few app folders with full nodes, after reading: a
    /// bounded number of sessions per frame rather than the whole folder at once.
    fn compact_some(&mut self) {
        let mut done = 0;
        while done < COMPACT_PER_POLL
            && let Some(folder) = self.uncompacted.pop()
        {
            done += self.index.compact_app(&folder);
        }
    }

    pub(super) fn poll_loading(&mut self) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        let mut done = false;
        let mut prepared = None;
        let mut arrived = false;
        let mut taken = 0;
        let started = Instant::now();
        loading.backlog = false;
        while let Some(loading) = &mut self.loading {
            // A frame takes in a bounded number of sessions, and stops early once it has spent
            // its time: when the window fell behind (a slow frame, a busy machine) the rest
            // waits for the next frames, which are asked for at once, instead of one frame
            // taking in the whole folder.
            if taken >= MERGE_PER_POLL || (taken > 0 && started.elapsed() >= MERGE_TIME) {
                loading.backlog = true;
                break;
            }
            // A chunk is taken in a slice at a time, so that the time limit holds even where
            // one chunk takes longer than a frame (a slow machine, a debug build).
            let slice: Vec<(String, Session)> = loading.held.by_ref().take(TAKE_SLICE).collect();
            if !slice.is_empty() {
                taken += slice.len();
                arrived = true;
                self.take_in(slice);
                continue;
            }
            match loading.events.try_recv() {
                Ok(LoadEvent::Listed(index, total)) if loading.replacing => {
                    loading.replacement = Some(*index);
                    loading.total = total;
                }
                Ok(LoadEvent::Sessions(mut chunk)) => {
                    loading.read += chunk.len();
                    // Only when the watcher reported something meanwhile: a key for every
                    // session read would cost the window two allocations each.
                    if !loading.touched.is_empty() {
                        chunk.retain(|(app, session)| {
                            !loading.touched.contains(&SessionKey::new(app, &session.id))
                        });
                    }
                    match &mut loading.replacement {
                        Some(replacement) => {
                            taken += chunk.len();
                            loading.differences.note(&self.index, &chunk);
                            replacement.insert_loaded(chunk);
                        }
                        None => loading.held = chunk.into_iter(),
                    }
                }
                Ok(LoadEvent::Slot(slot)) => loading.view_slot = Some(slot),
                Ok(LoadEvent::Progress(read, tally)) => {
                    loading.read = read;
                    loading.tally = Some(tally);
                    arrived = true;
                }
                Ok(LoadEvent::Prepared(ready)) => {
                    prepared = Some(ready);
                    done = true;
                    break;
                }
                Ok(LoadEvent::Done) | Err(TryRecvError::Disconnected) => {
                    done = true;
                    break;
                }
                Ok(LoadEvent::Failed(error)) => {
                    self.read_error = Some(error);
                    self.loading = None;
                    // The watcher notices the folder coming back.
                    self.start_watching();
                    return true;
                }
                Ok(LoadEvent::Listed(..)) => {}
                Err(TryRecvError::Empty) => break,
            }
        }
        let Some(loading) = &mut self.loading else {
            return arrived;
        };
        if let Some(prepared) = prepared {
            let touched: Vec<SessionKey> = loading.touched.drain().collect();
            self.loading = None;
            self.install(*prepared, touched);
            self.finish_reading();
            return true;
        }
        if let Some(slot) = &loading.view_slot {
            let slot = slot.clone();
            self.share_view(&slot);
        }
        let Some(loading) = &mut self.loading else {
            return arrived;
        };
        let mut replaced = None;
        if done && let Some(replacement) = loading.replacement.take() {
            // What the watcher reported meanwhile is newer than what the reader saw.
            let touched: Vec<SessionKey> = loading.touched.drain().collect();
            let old = std::mem::replace(&mut self.index, replacement);
            let differences = std::mem::take(&mut loading.differences);
            replaced = Some(differences.finish(old, &self.index, &touched));
            for key in touched {
                self.index.reload_session(&key.app, &key.id);
            }
            self.catalog.mark_stale();
            self.root_gone = false;
        }
        // The first rows are shown as soon as they arrive; later ones join at most once a second.
        let sort_due = self.rows.is_empty()
            || (loading.last_sort.elapsed() >= RESORT_WHILE_LOADING
                && loading.last_sort_took < RESORT_BUDGET);
        if done {
            self.loading = None;
            self.uncompacted = self.index.apps.keys().cloned().collect();
            self.finish_reading();
            // Until everything is read the apps' names are not all known, so the first app by
            // name may change: keep a chosen app, pick the first one again otherwise.
            let wanted = if self.app_chosen {
                self.shown.clone()
            } else {
                None
            };
            let picked = self.pick_app(wanted);
            if picked == self.shown && replaced.is_none() {
                // The counts were kept while reading: one sort of everything is all that is left.
                self.resort();
            } else {
                self.select_app(picked);
            }
            // What a whole re-read found changed is told as the watcher's news is: "new"
            // marks, notifications and the history.
            for change in replaced.iter().flatten() {
                self.note_change(change);
            }
            if let Some(changes) = &replaced {
                self.record_seen(changes);
            }
        } else if arrived && sort_due {
            let started = Instant::now();
            if self.shown.is_some() {
                self.resort();
            } else {
                // The first sessions of a folder that had no app folder when it was listed.
                self.select_app(None);
            }
            if let Some(loading) = &mut self.loading {
                loading.last_sort = Instant::now();
                loading.last_sort_took = started.elapsed();
            }
        }
        arrived || done
    }

    /// Once a reading of the whole folder is done: the catalog is up to date, and the folder
    /// counts as read now.
    fn finish_reading(&mut self) {
        self.start_watching();
        self.refresh_catalog();
        self.index.scanned_at = SystemTime::now();
        self.last_read = self.index.scanned_at;
    }

    /// Puts sessions read in the background into the index, and adds them to the counts
    /// (a pass over every session for each chunk would make reading a big folder slow).
    fn take_in(&mut self, chunk: Vec<(String, Session)>) {
        let mut renamed = false;
        for (folder, session) in &chunk {
            let app = self.index.apps.get(folder);
            // An app's first session names it in the drop-down.
            renamed |= app.is_none_or(|app| app.sessions.is_empty());
            let old = app.and_then(|app| app.sessions.get(&session.id)).cloned();
            if let Some(old) = &old {
                self.count_session(folder, old, false);
            }
            self.count_session(folder, session, true);
        }
        self.index.insert_loaded(chunk);
        if renamed {
            self.apps_changed();
        }
    }

    /// Applies what the watcher reported; returns whether anything changed on screen.
    pub(super) fn poll_watcher(&mut self) -> bool {
        let messages = self
            .watcher
            .as_ref()
            .map(FolderWatcher::try_messages)
            .unwrap_or_default();
        let mut touched = false;
        for message in messages {
            match &message {
                WatchMessage::RootGone => self.root_gone = true,
                WatchMessage::RootBack => self.root_gone = false,
                WatchMessage::Error(text) => self.watch_note = Some(WatchNote::Error(text.clone())),
                WatchMessage::Mode(mode) => {
                    self.watch_ready = true;
                    if let WatchMode::Poll(every) = mode {
                        self.watch_note = Some(WatchNote::Polling(*every));
                    }
                }
                _ => {}
            }
            if let WatchMessage::Rescan(_) = message {
                // Events were lost (on Linux, the system's queue overflows when a big folder
                // is read, since each file opened is one): the folder is listed again with each
                // file's size and time, on another thread, and only the files that differ are
                // read (`reconcile_once`). Reading every file again would cost as much as the
                // first reading, and overflow the queue again. A listing already under way may
                // predate what was lost: another follows it. It is not dropped for a new one:
                // when such messages come faster than a listing takes (a poll watcher that
                // cannot read a file reports an error on each look), no listing would ever end.
                self.relist_wanted = true;
                touched = true;
                continue;
            }
            if let WatchMessage::RootBack = message {
                // The folder was gone and is back, maybe another folder in its place: the
                // whole folder is read again on another thread, the table showing what is
                // known meanwhile (read on this thread, a million sessions stalled the window
                // for 48 s). A read of ours already under way for the same reason re-reads
                // every file anyway.
                if !self
                    .loading
                    .as_ref()
                    .is_some_and(|loading| loading.for_rescan)
                {
                    self.rescan_wanted = true;
                }
                touched = true;
                continue;
            }
            let folder_problems = self.index.folder_problems.len();
            let applied = store::apply(&mut self.index, &message);
            if matches!(message, WatchMessage::Paths(_)) {
                for change in &applied.changes {
                    self.place_row(&change.app, &change.id);
                }
                // Only what changed is counted again: a recount of every session for each
                // file the server writes would make a big folder's window stutter.
                self.count_changes(&applied.changes, folder_problems);
            }
            for change in &applied.changes {
                self.note_change(change);
            }
            self.record_seen(&applied.changes);
            touched |= !applied.changes.is_empty() || !matches!(message, WatchMessage::Paths(_));
        }
        if self.rescan_wanted && self.loading.is_none() {
            self.rescan_wanted = false;
            let wake = self.wake.clone();
            self.refresh(move || wake());
            if let Some(loading) = &mut self.loading {
                loading.for_rescan = true;
            }
        }
        if touched {
            // The status line's "read at" follows what the watcher saw.
            self.last_read = SystemTime::now();
            let lost = match &self.shown {
                None => true,
                Some(Shown::AllApps) => self.index.apps.is_empty(),
                Some(Shown::App(app)) => !self.index.apps.contains_key(app),
            };
            if lost {
                let shown = self.shown.take();
                self.select_app(shown);
            }
        }
        touched
    }

    /// Remembers what a change by someone else means for the "new" marks. A session that
    /// arrives half-written (not yet readable) and is completed later is still new.
    pub(super) fn note_change(&mut self, change: &Change) {
        let key = SessionKey::new(&change.app, &change.id);
        if let Some(loading) = &mut self.loading {
            loading.touched.insert(key.clone());
        }
        match (change.kind, change.status) {
            (ChangeKind::Added, Some(Status::Pending)) => {
                self.note_arrival(&key);
                self.unseen.insert(key);
            }
            (ChangeKind::Added, None) => {
                self.arrived_unreadable.insert(key);
            }
            (ChangeKind::Changed, Some(Status::Pending))
                if self.arrived_unreadable.remove(&key) =>
            {
                self.note_arrival(&key);
                self.unseen.insert(key);
            }
            (ChangeKind::Removed, _) | (_, Some(Status::Accepted)) => {
                self.arrived_unreadable.remove(&key);
                self.unseen.remove(&key);
            }
            _ => {}
        }
    }

    /// A new pending session, for the desktop notification (issue 16): kept until the model
    /// takes it in, once a frame.
    fn note_arrival(&mut self, key: &SessionKey) {
        if !self.unseen.contains(key) {
            self.arrivals.push(key.clone());
        }
    }

    /// Reads the whole folder again on another thread; the table keeps showing what is known
    /// until the new reading is complete, then shows it at once. `wake` repaints the window.
    pub fn refresh(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        // A folder still read for the first time holds only the files read so far: compared
        // with that, everything a re-read finds beyond them would count as news (thousands of
        // "new" devices, each recorded in the history). It is read again from the start, the
        // same way, instead.
        if let Some(first) = self.loading.as_ref().filter(|loading| !loading.replacing) {
            let total = first.total;
            let events = start_preparing(self.root().clone(), wake);
            self.loading = Some(Loading::new(events, total, false));
            return;
        }
        let events = start_loading(self.root().clone(), wake);
        self.loading = Some(Loading::new(events, 0, true));
    }

    /// Watches in another mode from now on, and reads everything once, since the old watcher may
    /// have missed something while it stopped.
    pub fn restart_watcher(
        &mut self,
        mode: WatchMode,
        wake: impl Fn() + Send + Sync + Clone + 'static,
    ) {
        self.watcher = None;
        self.watch_note = None;
        self.watch_wanted = mode;
        self.watcher = Some(FolderWatcher::start(self.index.root(), mode, wake.clone()));
        self.refresh(wake);
    }

    /// The watcher's mode, for the status line.
    pub fn watch_mode(&self) -> Option<WatchMode> {
        match &self.watcher {
            Some(watcher) => Some(watcher.mode()),
            // A folder being prepared: its watcher starts once it is read.
            None if self.loading.is_some() => Some(self.watch_wanted),
            None => None,
        }
    }
}

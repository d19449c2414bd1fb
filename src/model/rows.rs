//! The table's order: sorting every shown row on all cores, and moving one row when one file
//! changes. Built for 100,000 sessions: rows are sorted as compact records whose first key
//! bytes sit inline.

use std::cmp::Ordering;
use std::sync::Arc;

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use rayon::slice::ParallelSliceMut;
use serde::{Deserialize, Serialize};

use crate::store::{self, Session, SessionInfo};

use super::filter::SessionKey;
use super::workspace::Workspace;

/// The columns the session table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SortKey {
    /// `device.description`.
    #[default]
    Device,
    /// accepted / pending.
    Status,
    /// OS name and version.
    Os,
    /// E-mail address.
    Email,
    /// The app's name (the App column, shown with all apps).
    App,
}

/// A sort column and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SortOrder {
    /// The column.
    pub key: SortKey,
    /// Whether it sorts Z to A.
    pub descending: bool,
}

impl SortOrder {
    /// The order after a click on `key`'s header: that column, or the other way round when it
    /// already was that column.
    pub fn clicked(self, key: SortKey) -> Self {
        if self.key == key {
            SortOrder {
                key,
                descending: !self.descending,
            }
        } else {
            SortOrder {
                key,
                descending: false,
            }
        }
    }
}

impl Workspace {
    /// Recomputes the row order of the shown app: filtered, then sorted on all cores. Sorts
    /// compact records (the first bytes of each key inline) rather than the sessions
    /// themselves: 100,000 rows compare about two million times, and following pointers to
    /// every session's strings each time would spend it all waiting on memory.
    pub fn resort(&mut self) {
        self.refresh_catalog();
        let apps: Vec<&store::App> = self
            .shown_apps()
            .into_iter()
            .filter_map(|folder| self.index.apps.get(folder))
            .collect();
        self.rows = sorted_rows(&apps, self.sort, self.status_filter, &self.search);
    }

    /// Moves one session's row to where it belongs now (or out, when it is gone), without
    /// sorting the others again.
    pub(super) fn place_row(&mut self, app: &str, id: &str) {
        if !self.shown.as_ref().is_some_and(|shown| shown.includes(app)) {
            return;
        }
        // A folder new to the catalog is the one case worth building it again for here: in
        // a bulk action over many rows it would otherwise be built once per row, and a stale
        // catalog only breaks ties between equal rows of renamed apps until the next sort.
        if self.app_rank(app).is_none() {
            self.refresh_catalog();
        }
        if let Some(at) = self
            .rows
            .iter()
            .position(|row| &*row.id == id && &*row.app == app)
        {
            self.rows.remove(at);
        }
        let Some(session) = self.session(app, id) else {
            return;
        };
        if !self.admits(session) {
            return;
        }
        let Some(rank) = self.app_rank(app) else {
            return;
        };
        let placed = Placed {
            session,
            rank,
            app_name: self.app_name(app),
        };
        let order = self.sort;
        let at = self.rows.partition_point(|row| {
            self.session_at(row).is_some_and(|other| {
                let other = Placed {
                    session: other,
                    rank: self.app_rank(&row.app).unwrap_or(usize::MAX),
                    app_name: self.app_name(&row.app),
                };
                compare(&other, &placed, order) == Ordering::Less
            })
        });
        self.rows.insert(at, SessionKey::new(app, id));
    }
}

/// The rows of `apps` (in the drop-down's order) that the status filter and the search admit,
/// in `order`. A free function so that the reader of a folder can sort its first rows on its
/// own thread (`prepared.rs`) exactly as the window sorts them.
pub(super) fn sorted_rows(
    apps: &[&store::App],
    order: SortOrder,
    filter: super::filter::StatusFilter,
    search: &super::filter::Search,
) -> Vec<SessionKey> {
    let total = apps.iter().map(|app| app.sessions.len()).sum();
    let mut keys = Vec::with_capacity(total);
    let mut texts = Vec::new();
    let mut not_sessions = Vec::new();
    // The apps come in the drop-down's order and their sessions in id order, so a
    // session's position breaks ties exactly as (app, id) does in `compare`.
    // One shared folder name per app, which every row of that app then points to.
    let folders: Vec<Arc<str>> = apps.iter().map(|app| Arc::from(&*app.folder)).collect();
    let sessions: Vec<(&Arc<str>, &str, &Session)> = apps
        .iter()
        .zip(&folders)
        .flat_map(|(app, folder)| {
            let name = app.name();
            app.sessions
                .values()
                .map(move |session| (folder, name, session))
        })
        .collect();
    // Searching reads one text of every session, scattered in memory: on all cores.
    let admitted: Vec<bool> = if search.is_empty() {
        sessions
            .iter()
            .map(|(_, _, session)| filter.admits(session))
            .collect()
    } else {
        sessions
            .par_iter()
            .map_init(String::new, |buffer, (_, _, session)| {
                filter.admits(session) && search.matches(session, buffer)
            })
            .collect()
    };
    for (position, ((folder, name, session), admitted)) in
        sessions.into_iter().zip(admitted).enumerate()
    {
        if !admitted {
            continue;
        }
        let Some(info) = &session.info else {
            not_sessions.push(SessionKey {
                app: folder.clone(),
                id: session.id.clone(),
            });
            continue;
        };
        let names = RowNames {
            app: folder,
            app_name: name,
            id: &session.id,
        };
        keys.push(SortRecord::new(
            info, order.key, &mut texts, position, names,
        ));
    }
    // The order is total (the position breaks ties), so both sorts give the same rows.
    // Small tables are sorted on this thread: the shared thread pool is busy reading
    // files while a folder is read, and a parallel sort of a few thousand rows waited
    // there for hundreds of milliseconds of a frame.
    if keys.len() < PARALLEL_SORT_FROM {
        keys.sort_unstable_by(|a, b| a.compare(b, &texts));
    } else {
        keys.par_sort_unstable_by(|a, b| a.compare(b, &texts));
    }
    if order.descending {
        keys.reverse();
    }
    // Files that are not sessions come last either way.
    let mut rows: Vec<SessionKey> = keys
        .into_iter()
        .map(|key| SessionKey {
            app: key.app.clone(),
            id: key.id.clone(),
        })
        .collect();
    rows.extend(not_sessions);
    rows
}

/// The names of a row being sorted: its app folder, the app's name, and the session id.
#[derive(Clone, Copy)]
struct RowNames<'a> {
    app: &'a Arc<str>,
    app_name: &'a str,
    id: &'a Arc<str>,
}

/// A session placed among the shown rows: its app's place in the drop-down's order breaks ties
/// between equal keys, before the session id.
struct Placed<'a> {
    session: &'a Session,
    rank: usize,
    app_name: &'a str,
}

/// What a column sorts by: its text in lower case, so case does not split the order. The OS
/// column sorts by name, then by version with shorter numbers first (`9.3` before `11.3`).
fn sort_key(info: &SessionInfo, key: SortKey, app_name: &str) -> String {
    match key {
        SortKey::Device => info.device.to_lowercase(),
        SortKey::Status => info
            .status_text
            .as_deref()
            .unwrap_or_default()
            .to_lowercase(),
        SortKey::Os => format!(
            "{}\u{1}{:04}{}",
            info.os.to_lowercase(),
            info.os_version.len().min(9999),
            info.os_version
        ),
        SortKey::Email => info.email.to_lowercase(),
        SortKey::App => app_name.to_lowercase(),
    }
}

/// From this many rows on, the table is sorted on all cores.
const PARALLEL_SORT_FROM: usize = 50_000;

/// How many bytes of a sort key are kept inline.
const KEY_PREFIX: usize = 32;

/// One row being sorted: the first bytes of its key, where the whole key is, and its place in
/// (app, id) order.
struct SortRecord<'a> {
    prefix: [u8; KEY_PREFIX],
    /// Whether the prefix is the whole key (short, and without NUL bytes that padding could mimic).
    exact: bool,
    /// How many bytes of the prefix are the key.
    length: u8,
    text: u32,
    position: u32,
    app: &'a Arc<str>,
    id: &'a Arc<str>,
}

impl<'a> SortRecord<'a> {
    /// The record of one session; its whole key is added to `texts` only when the prefix
    /// cannot hold it, so short keys (nearly all) cost no allocation.
    fn new(
        info: &SessionInfo,
        key: SortKey,
        texts: &mut Vec<String>,
        position: usize,
        names: RowNames<'a>,
    ) -> Self {
        let plain = match key {
            SortKey::Device => Some(info.device.as_str()),
            SortKey::Status => Some(info.status_text.as_deref().unwrap_or_default()),
            SortKey::Email => Some(info.email.as_str()),
            SortKey::App => Some(names.app_name),
            SortKey::Os => None,
        };
        let mut prefix = [0u8; KEY_PREFIX];
        let short_ascii = plain
            .filter(|text| text.len() <= KEY_PREFIX && text.is_ascii() && !text.contains('\0'));
        if let Some(text) = short_ascii {
            for (slot, byte) in prefix.iter_mut().zip(text.bytes()) {
                *slot = byte.to_ascii_lowercase();
            }
            return SortRecord {
                prefix,
                exact: true,
                length: text.len() as u8,
                text: 0,
                position: position as u32,
                app: names.app,
                id: names.id,
            };
        }
        let text = sort_key(info, key, names.app_name);
        let length = text.len().min(KEY_PREFIX);
        prefix[..length].copy_from_slice(&text.as_bytes()[..length]);
        let exact = text.len() <= KEY_PREFIX && !text.contains('\0');
        texts.push(text);
        SortRecord {
            prefix,
            exact,
            length: length as u8,
            text: (texts.len() - 1) as u32,
            position: position as u32,
            app: names.app,
            id: names.id,
        }
    }

    /// The whole key: the prefix itself when it is exact, else the text kept aside.
    fn full<'t>(&'t self, texts: &'t [String]) -> &'t [u8] {
        if self.exact {
            &self.prefix[..usize::from(self.length)]
        } else {
            texts[self.text as usize].as_bytes()
        }
    }

    fn compare(&self, other: &Self, texts: &[String]) -> Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| {
                if self.exact && other.exact {
                    Ordering::Equal
                } else {
                    self.full(texts).cmp(other.full(texts))
                }
            })
            .then(self.position.cmp(&other.position))
    }
}

/// The table's order of two sessions, as [`Workspace::resort`] sorts them: by the sort key,
/// then by app (in the drop-down's order) and session id. Files that are not sessions come
/// last either way.
fn compare(a: &Placed<'_>, b: &Placed<'_>, order: SortOrder) -> Ordering {
    let ties = || {
        a.rank
            .cmp(&b.rank)
            .then_with(|| a.session.id.cmp(&b.session.id))
    };
    let (left, right) = match (&a.session.info, &b.session.info) {
        (Some(left), Some(right)) => (left, right),
        (left, right) => {
            return left.is_none().cmp(&right.is_none()).then_with(ties);
        }
    };
    let ordered = sort_key(left, order.key, a.app_name)
        .cmp(&sort_key(right, order.key, b.app_name))
        .then_with(ties);
    if order.descending {
        ordered.reverse()
    } else {
        ordered
    }
}

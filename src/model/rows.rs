//! The table's order: sorting every shown row on all cores, and moving one row when one file
//! changes. Built for 100,000 sessions: rows are sorted as compact records whose first key
//! bytes sit inline.

use std::cmp::Ordering;
use std::sync::Arc;

use rayon::iter::{Either, IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};
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
        let rows = sorted_rows(&apps, self.sort, self.status_filter, &self.search);
        let old = std::mem::replace(&mut self.rows, rows);
        // Freeing 100,000 rows counts down as many reference counts scattered in memory, a
        // good part of a sort's time: on another thread, as the window does with a whole index.
        if old.len() >= PARALLEL_SORT_FROM {
            super::loading::free_elsewhere("free rows", move || drop(old));
        }
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
    // Small tables are sorted on this thread: the shared thread pool is busy reading files
    // while a folder is read, and parallel work on a few thousand rows waited there for
    // hundreds of milliseconds of a frame. Large ones on all cores, each step of it: making a
    // record reads every session's fields, scattered in memory, and making a row touches
    // every session id's reference count, so each is as long as the sort itself.
    let total: usize = apps.iter().map(|app| app.sessions.len()).sum();
    rows_in_order(apps, order, filter, search, total >= PARALLEL_SORT_FROM)
}

/// [`sorted_rows`] on this thread alone or on all cores (`parallel`), which give the same rows.
fn rows_in_order(
    apps: &[&store::App],
    order: SortOrder,
    filter: super::filter::StatusFilter,
    search: &super::filter::Search,
    parallel: bool,
) -> Vec<SessionKey> {
    // The apps come in the drop-down's order and their sessions in id order, so a
    // session's position breaks ties exactly as (app, id) does in `compare`.
    // One shared folder name per app, which every row of that app then points to.
    let folders: Vec<Arc<str>> = apps.iter().map(|app| Arc::from(&*app.folder)).collect();
    let sessions: Vec<(u32, &str, &Session)> = apps
        .iter()
        .enumerate()
        .flat_map(|(at, app)| {
            let name = app.name();
            app.sessions
                .values()
                .map(move |session| (at as u32, name, session))
        })
        .collect();
    // A row is admitted and made into a record, or, for a file that is not a session, kept
    // aside to come last either way.
    let entry = |buffer: &mut String, (position, (app, name, session))| {
        let (app, name, session): (u32, &str, &Session) = (app, name, session);
        if !(filter.admits(session) && search.matches(session, buffer)) {
            return None;
        }
        Some(match &session.info {
            Some(info) => Entry::Record(SortRecord::new(
                info,
                order.key,
                position,
                RowNames {
                    app,
                    app_name: name,
                    id: &session.id,
                },
            )),
            None => Entry::NotSession(SessionKey {
                app: folders[app as usize].clone(),
                id: session.id.clone(),
            }),
        })
    };
    let (mut keys, not_sessions): (Vec<SortRecord>, Vec<SessionKey>) = if parallel {
        sessions
            .par_iter()
            .copied()
            .enumerate()
            .map_init(String::new, entry)
            .flatten_iter()
            .partition_map(Entry::split)
    } else {
        // A search reads one text of every session, scattered in memory: on all cores even
        // for a smaller table, as it always was (a keystroke in an app of 25,000 sessions
        // took 1.3–1.5 ms so, and 5 ms on one core). Only the few it admits are looked at
        // again here.
        let searched: Option<Vec<bool>> = (!search.is_empty()).then(|| {
            sessions
                .par_iter()
                .map_init(String::new, |buffer, (_, _, session)| {
                    filter.admits(session) && search.matches(session, buffer)
                })
                .collect()
        });
        let mut buffer = String::new();
        let (mut keys, mut not_sessions) = (Vec::with_capacity(sessions.len()), Vec::new());
        for found in sessions.iter().copied().enumerate() {
            if searched.as_ref().is_some_and(|admitted| !admitted[found.0]) {
                continue;
            }
            match entry(&mut buffer, found).map(Entry::split) {
                Some(Either::Left(record)) => keys.push(record),
                Some(Either::Right(key)) => not_sessions.push(key),
                None => {}
            }
        }
        (keys, not_sessions)
    };
    // The order is total (the position breaks ties), so both sorts give the same rows.
    if parallel {
        keys.par_sort_unstable_by(SortRecord::compare);
    } else {
        keys.sort_unstable_by(SortRecord::compare);
    }
    if order.descending {
        keys.reverse();
    }
    let row = |key: &SortRecord| SessionKey {
        app: folders[key.app as usize].clone(),
        id: key.id.clone(),
    };
    let mut rows: Vec<SessionKey> = Vec::with_capacity(keys.len() + not_sessions.len());
    if parallel {
        // Every row of an app pointing to one folder name, every core would count up that
        // name's reference count at once, each taking its cache line from the others: that
        // made this step as long as the sort itself. Each stretch of rows a core takes
        // points to copies of its own instead (equal names; rows compare by name).
        keys.par_iter()
            .map_init(
                || vec![None; folders.len()],
                |copies: &mut Vec<Option<Arc<str>>>, key| {
                    let app = copies[key.app as usize]
                        .get_or_insert_with(|| Arc::from(&*folders[key.app as usize]));
                    SessionKey {
                        app: app.clone(),
                        id: key.id.clone(),
                    }
                },
            )
            .collect_into_vec(&mut rows);
    } else {
        rows.extend(keys.iter().map(row));
    }
    // Files that are not sessions come last either way.
    rows.extend(not_sessions);
    rows
}

/// A shown row while the rows are made: a session's sort record, or the key of a file that
/// is not a session.
enum Entry<'a> {
    Record(SortRecord<'a>),
    NotSession(SessionKey),
}

impl<'a> Entry<'a> {
    /// The record to the left, the key of a file that is not a session to the right.
    fn split(self) -> Either<SortRecord<'a>, SessionKey> {
        match self {
            Entry::Record(record) => Either::Left(record),
            Entry::NotSession(key) => Either::Right(key),
        }
    }
}

/// The names of a row being sorted: its app folder (its place among the apps sorted), the
/// app's name, and the session id.
#[derive(Clone, Copy)]
struct RowNames<'a> {
    app: u32,
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
    /// How many bytes of the prefix are the key.
    length: u8,
    /// The whole key, when the prefix is not all of it (long, or with NUL bytes that padding
    /// could mimic); `None` for nearly every row.
    whole: Option<Box<str>>,
    position: u32,
    /// The app folder's place among the apps sorted.
    app: u32,
    id: &'a Arc<str>,
}

impl<'a> SortRecord<'a> {
    /// The record of one session; its whole key is kept apart only when the prefix cannot
    /// hold it, so short keys (nearly all) cost no allocation.
    fn new(info: &SessionInfo, key: SortKey, position: usize, names: RowNames<'a>) -> Self {
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
        let (length, whole) = match short_ascii {
            Some(text) => {
                for (slot, byte) in prefix.iter_mut().zip(text.bytes()) {
                    *slot = byte.to_ascii_lowercase();
                }
                (text.len(), None)
            }
            None => {
                let text = sort_key(info, key, names.app_name);
                let length = text.len().min(KEY_PREFIX);
                prefix[..length].copy_from_slice(&text.as_bytes()[..length]);
                let exact = text.len() <= KEY_PREFIX && !text.contains('\0');
                (length, (!exact).then(|| text.into_boxed_str()))
            }
        };
        SortRecord {
            prefix,
            length: length as u8,
            whole,
            position: position as u32,
            app: names.app,
            id: names.id,
        }
    }

    /// The whole key: the prefix itself when it is all of it, else the text kept apart.
    fn full(&self) -> &[u8] {
        match &self.whole {
            Some(whole) => whole.as_bytes(),
            None => &self.prefix[..usize::from(self.length)],
        }
    }

    fn compare(&self, other: &Self) -> Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| {
                if self.whole.is_none() && other.whole.is_none() {
                    Ordering::Equal
                } else {
                    self.full().cmp(other.full())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::filter::{Search, StatusFilter};
    use crate::store::App;

    /// An app folder of `count` sessions in memory: devices with long, non-ASCII, NUL and
    /// repeated names, both statuses, and every 97th file not a session.
    fn app(folder: &str, count: usize) -> App {
        let mut app = App::new(folder);
        for n in 0..count {
            let id: Arc<str> = Arc::from(format!("{n:032X}"));
            let device = match n % 5 {
                0 => format!("iPhone {}", n % 7),
                1 => format!("Élodie's iPad {n}"),
                2 => format!("a very long device name that goes past the inline prefix {n}"),
                3 => "a\u{0}b".to_owned(),
                _ => "Pixel".to_owned(),
            };
            let object = serde_json::json!({
                "application": {"id": folder, "name": format!("App {}", folder.len() % 3)},
                "device": {"description": device, "os": "iOS", "version": format!("{}.1", n % 12)},
                "email": format!("user{}@example.com", n % 1000),
                "status": if n % 3 == 0 { "pending" } else { "accepted" },
            });
            let info = (n % 97 != 0).then(|| SessionInfo::from_object(object.as_object().unwrap()));
            let session = Session {
                id: id.clone(),
                modified: None,
                size: 0,
                info,
                problems: Vec::new(),
            };
            app.sessions.insert(id, session);
        }
        app
    }

    #[test]
    fn rows_sorted_on_all_cores_are_the_rows_sorted_on_one() {
        let apps = [app("TEAM.com.b.B", 3000), app("com.a.A", 2000)];
        let apps: Vec<&App> = apps.iter().collect();
        let keys = [
            SortKey::Device,
            SortKey::Status,
            SortKey::Os,
            SortKey::Email,
            SortKey::App,
        ];
        for key in keys {
            for descending in [false, true] {
                for (filter, query) in [
                    (StatusFilter::All, ""),
                    (StatusFilter::Pending, ""),
                    (StatusFilter::All, "ipad"),
                ] {
                    let order = SortOrder { key, descending };
                    let search = Search::new(query);
                    let one = rows_in_order(&apps, order, filter, &search, false);
                    let all = rows_in_order(&apps, order, filter, &search, true);
                    assert!(!one.is_empty());
                    assert_eq!(one, all, "{order:?} {filter:?} {query:?}");
                }
            }
        }
    }

    #[test]
    fn files_that_are_not_sessions_come_last_in_either_direction() {
        let apps = [app("com.a.A", 500)];
        let apps: Vec<&App> = apps.iter().collect();
        for parallel in [false, true] {
            for descending in [false, true] {
                let order = SortOrder {
                    key: SortKey::Device,
                    descending,
                };
                let rows =
                    rows_in_order(&apps, order, StatusFilter::All, &Search::new(""), parallel);
                let not_sessions: Vec<String> = (0..500)
                    .filter(|n| n % 97 == 0)
                    .map(|n| format!("{n:032X}"))
                    .collect();
                let tail: Vec<String> = rows[rows.len() - not_sessions.len()..]
                    .iter()
                    .map(|row| row.id.to_string())
                    .collect();
                assert_eq!(
                    tail, not_sessions,
                    "parallel {parallel}, descending {descending}"
                );
                assert_eq!(rows.len(), 500);
            }
        }
    }
}

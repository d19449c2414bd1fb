//! The history file of one sessions folder: JSON lines, append-only, durable, bounded.
//!
//! - One file per folder in `<config dir>/history/`, named from the SHA-256 of the folder's
//!   canonical path (so any path, however long or strange, gives a plain short name), with the
//!   path itself in the file's first line, so a person can tell which folder a file is for.
//! - Each entry is one line, written with one write call, then the file is synced to disk
//!   (`sync_data`) before the call returns: after a crash or a power cut a line is whole or
//!   absent, except at worst a torn last line, which readers skip and count, and which the next
//!   append ends with a newline so it never swallows a good entry.
//! - When the file reaches [`MAX_FILE_BYTES`] (8 MiB, some 30,000 entries) it becomes the
//!   previous file (`.1.jsonl`, replacing the one before) and a new file starts, so the history
//!   never takes more than about 16 MiB per folder; readers read both.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Entry;

/// The size at which a history file is set aside and a new one started.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The most read from one history file: four times what we write into one, in case the limit
/// changes or a file is copied in by hand.
const MAX_READ_BYTES: u64 = 4 * MAX_FILE_BYTES;

/// The first line of every history file: which folder it is about.
#[derive(Serialize, Deserialize)]
struct Header {
    history_of: PathBuf,
    format: u32,
}

/// What was read from a history.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Reading {
    /// The entries, oldest first.
    pub entries: Vec<Entry>,
    /// How many lines could not be read (a line torn by a crash, or damaged by hand).
    pub skipped: usize,
}

/// The history of one sessions folder.
#[derive(Debug, Clone)]
pub struct HistoryLog {
    folder: PathBuf,
    current: PathBuf,
    previous: PathBuf,
    limit: u64,
}

impl HistoryLog {
    /// The history of `folder` (a `MobileApps` folder), kept in `config_dir/history`.
    pub fn for_folder(config_dir: &Path, folder: &Path) -> Self {
        let folder = dunce::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
        let digest = crate::desktop::sha256::hex_digest(folder.as_os_str().as_encoded_bytes());
        let dir = config_dir.join("history");
        let stem = format!("folder-{}", &digest[..24]);
        HistoryLog {
            current: dir.join(format!("{stem}.jsonl")),
            previous: dir.join(format!("{stem}.1.jsonl")),
            folder,
            limit: MAX_FILE_BYTES,
        }
    }

    /// The same history, set aside at another size (tests use a small one).
    pub fn with_limit(mut self, limit: u64) -> Self {
        self.limit = limit.max(1);
        self
    }

    /// The file new entries go to.
    pub fn path(&self) -> &Path {
        &self.current
    }

    /// The file set aside when the current one grew too large.
    pub fn previous_path(&self) -> &Path {
        &self.previous
    }

    /// The folder this history is about.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Appends entries, each as one line written in one call, then syncs the file to disk.
    pub fn append(&self, entries: &[Entry]) -> io::Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        self.append_unsynced(entries)?;
        self.sync()
    }

    /// Syncs the file (and its folder, for a file just created or set aside) to disk: after
    /// [`HistoryLog::append_unsynced`], what was appended survives a power cut too.
    pub fn sync(&self) -> io::Result<()> {
        let file = OpenOptions::new().append(true).open(&self.current)?;
        file.sync_data()?;
        sync_folder(&self.current);
        Ok(())
    }

    /// Appends entries, each as one line written in one call, without waiting for the disk:
    /// they survive the app being killed (the system holds them), and [`HistoryLog::sync`]
    /// makes them survive a power cut. The window syncs once per action rather than once per
    /// entry: a bulk action over 400 sessions would otherwise wait for the disk 400 times.
    pub fn append_unsynced(&self, entries: &[Entry]) -> io::Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        if let Some(dir) = self.current.parent() {
            fs::create_dir_all(dir)?;
        }
        if fs::metadata(&self.current).is_ok_and(|meta| meta.len() >= self.limit) {
            fs::rename(&self.current, &self.previous)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.current)?;
        let mut start = Vec::new();
        if file.metadata()?.len() == 0 {
            let header = Header {
                history_of: self.folder.clone(),
                format: 1,
            };
            serde_json::to_writer(&mut start, &header)?;
            start.push(b'\n');
        } else if !ends_with_newline(&mut file)? {
            // A line torn by a crash: end it, so the next entry starts on a line of its own.
            start.push(b'\n');
        }
        for (at, entry) in entries.iter().enumerate() {
            let mut line = if at == 0 {
                std::mem::take(&mut start)
            } else {
                Vec::new()
            };
            serde_json::to_writer(&mut line, entry)?;
            line.push(b'\n');
            file.write_all(&line)?;
        }
        Ok(())
    }

    /// Reads the history, oldest first: the previous file, then the current one. A missing
    /// file is an empty history.
    pub fn read(&self) -> io::Result<Reading> {
        let mut reading = Reading::default();
        for path in [&self.previous, &self.current] {
            match read_file(path) {
                Ok(part) => {
                    reading.entries.extend(part.entries);
                    reading.skipped += part.skipped;
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
        Ok(reading)
    }
}

/// Whether the file's last byte is a newline (an empty file counts as one).
fn ends_with_newline(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// Makes a newly created file's name durable too (Unix; Windows has no such call and NTFS
/// journals the name itself). A failure here loses nothing already written.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent()
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Reads one history file; lines that are not entries (the header, a torn or damaged line)
/// are not entries, and damaged ones are counted. Never panics, whatever the file holds.
pub fn read_file(path: &Path) -> io::Result<Reading> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut reading = Reading::default();
    // Only the newest part of a file grown past any size we write (copied in by hand, say),
    // so reading never takes unbounded memory; the line cut in two there is counted.
    if size > MAX_READ_BYTES {
        file.seek(SeekFrom::Start(size - MAX_READ_BYTES))?;
        reading.skipped += 1;
    }
    let mut bytes = Vec::new();
    file.take(MAX_READ_BYTES).read_to_end(&mut bytes)?;
    let bytes = if size > MAX_READ_BYTES {
        let start = bytes
            .iter()
            .position(|byte| *byte == b'\n')
            .map_or(bytes.len(), |at| at + 1);
        &bytes[start..]
    } else {
        &bytes[..]
    };
    for line in bytes.split(|byte| *byte == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Entry>(line) {
            Ok(entry) => reading.entries.push(entry),
            Err(_) if serde_json::from_slice::<Header>(line).is_ok() => {}
            Err(_) => reading.skipped += 1,
        }
    }
    Ok(reading)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{Entry, OTHER_PROGRAM};

    #[test]
    fn a_torn_line_is_ended_before_the_next_entry() {
        let dir = tempfile::tempdir().unwrap();
        let log = HistoryLog::for_folder(dir.path(), dir.path());
        log.append(&[Entry::push("ana", 200)]).unwrap();
        let mut file = OpenOptions::new().append(true).open(log.path()).unwrap();
        file.write_all(b"{\"time\":\"2026-").unwrap();
        log.append(&[Entry::push(OTHER_PROGRAM, 204)]).unwrap();
        let reading = log.read().unwrap();
        assert_eq!(reading.entries.len(), 2);
        assert_eq!(reading.skipped, 1);
    }
}

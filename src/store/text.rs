//! [`Text`]: a field of a session as the index keeps it, shared rather than copied. Most fields
//! repeat across thousands of sessions (app ids and names, versions, OS names, languages, the
//! status, device models): those are interned, so 100,000 sessions hold one copy of each (per
//! thread that read them), and
//! a field costs the index 16 bytes instead of a 24-byte `String` and an allocation of its own.
//! A `Text` reads like a `&str` (it derefs to `str`), so code that showed a `String` field
//! shows it unchanged.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A piece of text from a session file: immutable, cheap to clone, and read as a `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    /// The text, shared with every session that has the same one.
    pub fn interned(text: &str) -> Self {
        if text.is_empty() {
            return Text::default();
        }
        intern(text)
    }

    /// The text, kept for this session alone (for values nearly every session has its own of,
    /// such as e-mail addresses, where a table of them would cost more than it saves).
    pub fn unique(text: &str) -> Self {
        if text.is_empty() {
            return Text::default();
        }
        Text(Arc::from(text))
    }

    /// A text that shares the memory of an existing shared string (the session file's name).
    pub fn shared(text: &Arc<str>) -> Self {
        Text(text.clone())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Text {
    /// The empty text; every empty field made on one thread shares one allocation.
    fn default() -> Self {
        EMPTY
            .try_with(|empty| Text(empty.clone()))
            .unwrap_or_else(|_| Text(Arc::from("")))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::interned(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::interned(&text)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

/// The interned texts of one thread. Each thread that reads files keeps its own table, so the
/// threads reading a big folder on every core never wait for one another's lock, nor bounce
/// the reference counts of the texts they all use ("iOS", "pending", an app's name) between
/// their cores: with one table shared by all, that was a tenth of the reading's time. A text
/// is then held once per thread that met it, a few copies of a few hundred bytes.
///
/// A text no session holds any more is dropped when the table has doubled since it was last
/// swept, so the table never holds much more than what is in use (a folder read again, or a
/// hostile folder with a new version in every file).
#[derive(Default)]
struct Table {
    texts: HashSet<Arc<str>>,
    /// How many texts the table held after its last sweep.
    kept: usize,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
    static EMPTY: Arc<str> = Arc::from("");
}

/// The smallest table that is swept.
const SWEPT_FROM: usize = 256;

impl Table {
    fn intern(&mut self, text: &str) -> Text {
        if let Some(found) = self.texts.get(text) {
            return Text(found.clone());
        }
        if self.texts.len() >= (2 * self.kept).max(SWEPT_FROM) {
            self.texts.retain(|kept| Arc::strong_count(kept) > 1);
            self.kept = self.texts.len();
        }
        let fresh: Arc<str> = Arc::from(text);
        self.texts.insert(fresh.clone());
        Text(fresh)
    }
}

/// Interns `text` in this thread's table; while the thread is ending (its table gone), keeps
/// it alone.
fn intern(text: &str) -> Text {
    TABLE
        .try_with(|table| table.borrow_mut().intern(text))
        .unwrap_or_else(|_| Text(Arc::from(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_copy() {
        let a = Text::interned("com.example.Shared");
        let b = Text::interned(&String::from("com.example.Shared"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "com.example.Shared");
        assert_eq!(a.len(), 18);
        assert_eq!(
            format!("{a} {a:?}"),
            "com.example.Shared \"com.example.Shared\""
        );
    }

    #[test]
    fn texts_no_session_holds_are_swept_from_the_table() {
        let kept = Text::interned("com.example.Kept");
        for n in 0..10_000 {
            drop(Text::interned(&format!("swept-{n}")));
        }
        let held = TABLE.with(|table| table.borrow().texts.len());
        assert!(held < SWEPT_FROM, "{held} texts still interned");
        // A text still held survives the sweeps, and is shared again.
        assert!(Arc::ptr_eq(&kept.0, &Text::interned("com.example.Kept").0));
    }

    #[test]
    fn a_text_interned_on_two_threads_is_the_same_text() {
        let here = Text::interned("Android 14");
        let there = std::thread::spawn(|| Text::interned("Android 14"))
            .join()
            .unwrap();
        assert_eq!(here, there);
        assert_eq!(here.cmp(&there), std::cmp::Ordering::Equal);
        let hasher = std::hash::RandomState::new();
        assert_eq!(
            std::hash::BuildHasher::hash_one(&hasher, &here),
            std::hash::BuildHasher::hash_one(&hasher, &there)
        );
        // Empty fields too, though each thread has its own empty text.
        let empty = std::thread::spawn(Text::default).join().unwrap();
        assert_eq!(empty, Text::default());
        assert_eq!(&*empty, "");
    }
}

//! [`Text`]: a field of a session as the index keeps it, shared rather than copied. Most fields
//! repeat across thousands of sessions (app ids and names, versions, OS names, languages, the
//! status, device models): those are interned, so 100,000 sessions hold one copy of each, and
//! a field costs the index 16 bytes instead of a 24-byte `String` and an allocation of its own.
//! A `Text` reads like a `&str` (it derefs to `str`), so code that showed a `String` field
//! shows it unchanged.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};

/// A piece of text from a session file: immutable, cheap to clone, and read as a `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    /// The text, shared with every session that has the same one.
    pub fn interned(text: &str) -> Self {
        if text.is_empty() {
            return Text::default();
        }
        interner().intern(text)
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
    /// The empty text; every empty field shares one allocation.
    fn default() -> Self {
        static EMPTY: OnceLock<Arc<str>> = OnceLock::new();
        Text(EMPTY.get_or_init(|| Arc::from("")).clone())
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

/// How many parts the table of interned texts is split into, each with its own lock, so the
/// threads reading files rarely wait for one another.
const SHARDS: usize = 16;

/// The interned texts. A text no session holds any more is dropped when its part of the table
/// has doubled since it was last swept, so the table never holds much more than what is in use
/// (a folder read again, or a hostile folder with a new version in every file).
struct Interner {
    hasher: RandomState,
    shards: [Mutex<Shard>; SHARDS],
}

#[derive(Default)]
struct Shard {
    texts: HashSet<Arc<str>>,
    /// How many texts the part held after its last sweep.
    kept: usize,
}

fn interner() -> &'static Interner {
    static INTERNER: OnceLock<Interner> = OnceLock::new();
    INTERNER.get_or_init(|| Interner {
        hasher: RandomState::new(),
        shards: std::array::from_fn(|_| Mutex::new(Shard::default())),
    })
}

impl Interner {
    fn intern(&self, text: &str) -> Text {
        let shard = &self.shards[self.hasher.hash_one(text) as usize % SHARDS];
        // A panic while the lock was held cannot leave the set half-changed in a way that
        // matters here (it holds whole strings): go on with it.
        let mut shard = shard
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = shard.texts.get(text) {
            return Text(found.clone());
        }
        if shard.texts.len() >= (2 * shard.kept).max(256) {
            shard.texts.retain(|kept| Arc::strong_count(kept) > 1);
            shard.kept = shard.texts.len();
        }
        let fresh: Arc<str> = Arc::from(text);
        shard.texts.insert(fresh.clone());
        Text(fresh)
    }
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
        for n in 0..10_000 {
            drop(Text::interned(&format!("swept-{n}")));
        }
        let held: usize = interner()
            .shards
            .iter()
            .map(|shard| shard.lock().unwrap().texts.len())
            .sum();
        assert!(held < 10_000, "{held} texts still interned");
    }
}

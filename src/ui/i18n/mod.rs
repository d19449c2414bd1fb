//! The window's words in English, Spanish and French (the languages of 4D's own
//! documentation). Every text the window shows is a [`Msg`]; each language is one file that
//! matches on every message, so a language that lacks one does not compile, and the tests check
//! that each translation is filled in and keeps its `{placeholders}`.
//!
//! The language follows the system unless the user chose one from the header's language menu.
//! It is kept per thread, set by the window at the start of each frame: egui_kittest runs
//! several windows at once in one test process, each on its own thread.

use std::cell::Cell;
use std::fmt::Display;

use serde::{Deserialize, Serialize};

mod en;
mod es;
mod fr;
mod messages;

pub use messages::Msg;

/// A language the window speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Spanish.
    Spanish,
    /// French.
    French,
}

impl Language {
    /// Every language, in the order the menu lists them.
    pub const ALL: [Language; 3] = [Language::English, Language::Spanish, Language::French];

    /// The language's name in itself, as language menus show it.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Spanish => "Español",
            Language::French => "Français",
        }
    }

    /// The language of a locale name such as `fr-FR`, `es_MX.UTF-8` or `en`; English for any
    /// other.
    pub fn from_locale(locale: &str) -> Self {
        let code: String = locale
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        match code.as_str() {
            "es" => Language::Spanish,
            "fr" => Language::French,
            _ => Language::English,
        }
    }

    /// The system's language (its preferred locale's), else English.
    pub fn system() -> Self {
        sys_locale::get_locale()
            .map(|locale| Language::from_locale(&locale))
            .unwrap_or_default()
    }

    /// The text of one message in this language.
    pub fn text(self, msg: Msg) -> &'static str {
        match self {
            Language::English => en::text(msg),
            Language::Spanish => es::text(msg),
            Language::French => fr::text(msg),
        }
    }
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::English) };
}

/// Makes `language` the one this thread's window speaks.
pub fn set_language(language: Language) {
    CURRENT.with(|current| current.set(language));
}

/// The language this thread's window speaks.
pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

/// A message in the current language.
pub fn text(msg: Msg) -> &'static str {
    language().text(msg)
}

/// A message in the current language with its `{name}` placeholders filled in.
pub fn fill(msg: Msg, values: &[(&str, &dyn Display)]) -> String {
    fill_text(text(msg), values)
}

/// Fills `{name}` placeholders of a text.
pub fn fill_text(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// The placeholders a text uses, in order: `{count}` in "{count} sessions".
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    found.sort_unstable();
    found
}

/// The singular or plural form of a message for a count, by the current language's rule
/// (French counts 0 and 1 as singular; English and Spanish only 1).
pub fn plural(one: Msg, many: Msg, count: usize) -> Msg {
    let singular = match language() {
        Language::French => count <= 1,
        Language::English | Language::Spanish => count == 1,
    };
    if singular { one } else { many }
}

/// A message with a count, in its singular or plural form: `trn!(ShownCountOne, ShownCount,
/// rows)`, with more placeholders after the count as in [`tr!`].
#[macro_export]
macro_rules! trn {
    ($one:ident, $many:ident, $count:expr $(, $name:ident = $value:expr)* $(,)?) => {{
        let count: usize = $count;
        $crate::ui::i18n::fill(
            $crate::ui::i18n::plural(
                $crate::ui::i18n::Msg::$one,
                $crate::ui::i18n::Msg::$many,
                count,
            ),
            &[
                ("count", &count as &dyn ::std::fmt::Display)
                $(, (stringify!($name), &$value as &dyn ::std::fmt::Display))*
            ],
        )
    }};
}

/// A message in the current language: `tr!(Refresh)` gives the text, and
/// `tr!(Shown, count = rows)` fills in its placeholders.
#[macro_export]
macro_rules! tr {
    ($msg:ident) => {
        $crate::ui::i18n::text($crate::ui::i18n::Msg::$msg)
    };
    ($msg:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::ui::i18n::fill(
            $crate::ui::i18n::Msg::$msg,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Language::from_locale("fr-FR"), Language::French);
        assert_eq!(Language::from_locale("es_MX.UTF-8"), Language::Spanish);
        assert_eq!(Language::from_locale("ES"), Language::Spanish);
        assert_eq!(Language::from_locale("en-US"), Language::English);
        assert_eq!(Language::from_locale("de-DE"), Language::English);
        assert_eq!(Language::from_locale("C"), Language::English);
    }

    /// Texts that are the same word in every language: names, abbreviations and formats.
    const SAME_IN_EVERY_LANGUAGE: &[Msg] = &[
        Msg::AppName,
        Msg::AppsLabel,
        Msg::App,
        Msg::GroupApp,
        Msg::Email,
        Msg::Ip,
        Msg::Os,
        Msg::No,
        Msg::Version,
        Msg::Secret,
        Msg::Session,
        Msg::GroupSession,
        Msg::SessionsOne,
        Msg::SessionsMany,
        Msg::WhoWithEmail,
        Msg::WindowTitleFolder,
        Msg::WriteFailedFor,
        Msg::HistoryAppLabel,
        Msg::HistoryAppColumn,
    ];

    #[test]
    fn every_language_has_every_message_with_the_same_placeholders() {
        for language in Language::ALL {
            for &msg in Msg::ALL {
                let english = Language::English.text(msg);
                let text = language.text(msg);
                assert!(
                    !text.trim().is_empty(),
                    "{language:?} lacks {msg:?} (English: {english:?})"
                );
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{language:?} {msg:?} must fill in the same values as English"
                );
                if language != Language::English && !SAME_IN_EVERY_LANGUAGE.contains(&msg) {
                    assert_ne!(
                        text, english,
                        "{language:?} {msg:?} is still in English; translate it or list it as \
                         the same in every language"
                    );
                }
            }
        }
    }

    #[test]
    fn french_counts_zero_as_singular() {
        set_language(Language::French);
        assert_eq!(crate::trn!(ProblemsOne, ProblemsMany, 0), "0 problème");
        set_language(Language::English);
        assert_eq!(crate::trn!(ProblemsOne, ProblemsMany, 0), "0 problems");
        assert_eq!(crate::trn!(ProblemsOne, ProblemsMany, 1), "1 problem");
    }

    #[test]
    fn placeholders_are_found_and_filled() {
        assert_eq!(placeholders("{b} of {a}"), vec!["a", "b"]);
        assert_eq!(fill_text("{n} of {m}", &[("n", &1), ("m", &2)]), "1 of 2");
    }
}

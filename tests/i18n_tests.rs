//! Every text of the window comes from the message catalog, in every language: no widget is
//! given an English literal that a Spanish or French user would then see.

use std::fs;
use std::path::Path;

/// The calls that put text on screen.
const TEXT_CALLS: &[&str] = &[
    "label(",
    "button(",
    "Button::new(",
    "RichText::new(",
    "heading(",
    "hover_text(",
    "hint_text(",
    "Window::new(",
    "link(",
    "checkbox(&mut on,",
    "selected_text(",
    "say(",
    "fail(",
    "set_title(",
    "selectable_label(",
];

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The string literals given straight to a text call, even when rustfmt put them on the
/// next line; a `selectable_label(selected, "text")` literal is its second argument.
fn literals_in(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in TEXT_CALLS {
        for (at, _) in code.match_indices(call) {
            let mut rest = code[at + call.len()..].trim_start();
            if *call == "selectable_label(" {
                let Some(comma) = rest.find(',') else {
                    continue;
                };
                rest = rest[comma + 1..].trim_start();
            }
            if let Some(literal) = rest.strip_prefix('"') {
                found.push(literal.split('"').next().unwrap_or_default().to_owned());
            }
        }
    }
    found
}

#[test]
fn the_window_shows_no_text_that_is_not_in_the_catalog() {
    let mut files = Vec::new();
    rust_files(Path::new("src/ui"), &mut files);
    let mut untranslated = Vec::new();
    for file in &files {
        if file.components().any(|part| part.as_os_str() == "i18n") {
            continue;
        }
        let code: String = fs::read_to_string(file)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for literal in literals_in(&code) {
            // A URL given as an example reads the same in every language.
            let words = literal.chars().any(char::is_alphabetic) && !literal.contains("://");
            if words {
                untranslated.push(format!("{}: {literal:?}", file.display()));
            }
        }
    }
    assert!(
        untranslated.is_empty(),
        "texts not in the message catalog (src/ui/i18n):\n{}",
        untranslated.join("\n")
    );
}

#[test]
fn the_check_finds_literals_that_rustfmt_moved_to_the_next_line() {
    let code =
        "ui.label(\n    \"Hello\",\n);\nui.selectable_label(on, \"Live\");\nui.label(tr!(Hi));";
    assert_eq!(literals_in(code), vec!["Hello", "Live"]);
}

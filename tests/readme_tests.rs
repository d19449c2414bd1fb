//! The README tells administrators what to paste into their 4D server; it must be exactly what
//! the window offers to copy.

#[test]
fn the_readme_shows_the_same_4d_method_as_the_window() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let snippet = mobile_sessions::push::server_snippet("");
    assert!(
        readme.contains(&snippet),
        "README.md's 4D method differs from push::server_snippet"
    );
}

#[test]
fn the_readme_gives_the_two_commands_near_the_top() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let top: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(top.contains("cargo run --release -- --demo"));
    assert!(top.contains("cargo test"));
}

//! Embeds the demo folder (`assets/demo/MobileApps`) into the binary, so `--demo` works from an
//! installed copy with no repository beside it. Symbolic links are kept as links (the demo
//! has one, to show the `unsafe` problem), not followed.
//!
//! For Windows it also puts our icon and the product name into the `.exe`, so Explorer, the
//! taskbar and shortcuts show them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf, Option<String>)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("assets/demo is readable")
        .flatten()
        .collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let relative = path
            .strip_prefix(base)
            .expect("inside the demo")
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry.file_type().expect("file type");
        if kind.is_symlink() {
            let target = fs::read_link(&path).expect("link target");
            out.push((relative, path, Some(target.to_string_lossy().into_owned())));
        } else if kind.is_dir() {
            walk(&path, base, out);
        } else {
            out.push((relative, path, None));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let demo = manifest.join("assets/demo");
    println!("cargo:rerun-if-changed=assets/demo");
    let mut files = Vec::new();
    walk(&demo, &demo, &mut files);
    let mut code =
        String::from("/// Every entry of the demo folder: relative path, content, link target.\n");
    code.push_str("pub const DEMO_ENTRIES: &[(&str, &[u8], Option<&str>)] = &[\n");
    for (relative, path, link) in files {
        match link {
            Some(target) => {
                writeln!(code, "    ({relative:?}, &[], Some({target:?})),").unwrap();
            }
            None => {
                writeln!(
                    code,
                    "    ({relative:?}, include_bytes!({:?}), None),",
                    path.display().to_string()
                )
                .unwrap();
            }
        }
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("demo_entries.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
    windows_resources();
}

/// The `.exe`'s icon and version information. Decided by the target, not the machine building
/// it, so a cross-build from Linux (with MinGW's `windres`) gets them too. Without a resource
/// compiler the build still succeeds, with a warning: the window sets its own icon anyway.
fn windows_resources() {
    println!("cargo:rerun-if-changed=assets/icon/mobile-sessions.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/mobile-sessions.ico")
        .set("ProductName", "Mobile Sessions")
        .set("FileDescription", "Mobile Sessions")
        .set("InternalName", "mobile-sessions.exe");
    if let Err(error) = resource.compile() {
        println!(
            "cargo:warning=the Windows icon was not embedded ({error}); install the Windows SDK \
             (rc.exe) or MinGW's windres to embed it"
        );
    }
}

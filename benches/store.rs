//! Store benchmarks on a generated tree of 100,000 sessions (4 apps): the listing alone, a full
//! scan with validation, one changed file re-read, a sort of one app's rows, and a search; and
//! one hostile file: 1 MiB of members, one key repeated (its fault is worded from every member).
//! `cargo bench --bench store`; set SESSIONS to use another size.

use std::hint::black_box;
use std::sync::OnceLock;

use criterion::{Criterion, criterion_group, criterion_main};
use mobile_sessions::model::{Shown, StatusFilter};
use mobile_sessions::model::{SortKey, SortOrder, Workspace};
use mobile_sessions::store::{AppRuns, Index, Root, Scan, generate};

fn tree() -> &'static (tempfile::TempDir, Root) {
    static TREE: OnceLock<(tempfile::TempDir, Root)> = OnceLock::new();
    TREE.get_or_init(|| {
        let sessions = std::env::var("SESSIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(100_000);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = generate::generate_tree(dir.path(), sessions, 4).expect("the tree is written");
        let root = Root::locate(&root).expect("the tree is found");
        (dir, root)
    })
}

/// The folder read as the window's reader reads it: each session's search text is made as its
/// file is read, so it lies in memory among what parsing left, as in the window (made later in
/// one go, by the first search, the texts would lie side by side and search faster than they
/// ever do in the window).
fn read_as_the_window_does(root: &Root) -> Index {
    let mut scan = Scan::start(root).unwrap().with_search_texts();
    let mut index = scan.empty_index();
    let mut read = AppRuns::default();
    while let Some(chunk) = scan.next_chunk(4096) {
        read.add(chunk);
    }
    index.insert_runs(read);
    index
}

fn benches(c: &mut Criterion) {
    let (_, root) = tree();
    let mut group = c.benchmark_group("100k");
    group.sample_size(10);
    group.bench_function("list folder", |b| {
        b.iter(|| black_box(Scan::start(root).unwrap().total()))
    });
    group.bench_function("scan + validate", |b| {
        b.iter(|| black_box(Index::scan(root).unwrap().session_count()))
    });

    let mut index = Index::scan(root).unwrap();
    let folder = index.apps.keys().next().unwrap().clone();
    let id = index.apps[&folder]
        .sessions
        .keys()
        .nth(1000)
        .unwrap()
        .clone();
    let path = root.session_path(&folder, &id);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut flip = false;
    group.bench_function("one changed file", |b| {
        b.iter(|| {
            flip = !flip;
            let text = if flip {
                original.replace("\"link\"", "\"link2\"")
            } else {
                original.clone()
            };
            std::fs::write(&path, text).unwrap();
            black_box(index.reload_session(&folder, &id))
        })
    });
    std::fs::write(&path, &original).unwrap();

    let mut workspace = Workspace::new(
        read_as_the_window_does(root),
        mobile_sessions::store::WatchMode::Poll(std::time::Duration::from_secs(3600)),
        SortOrder::default(),
        None,
        || {},
    );
    let keys = [
        SortKey::Email,
        SortKey::Status,
        SortKey::Os,
        SortKey::Device,
    ];
    let mut turn = 0;
    // One app (the first, a quarter of the sessions), then every app as one table.
    let first_app = workspace.shown.clone().expect("the tree has apps");
    for (shown, name) in [
        (first_app, "one app (25k rows)"),
        (Shown::AllApps, "all apps (every row)"),
    ] {
        workspace.choose_app(shown);
        workspace.set_filter("", StatusFilter::All);
        group.bench_function(format!("sort {name}"), |b| {
            b.iter(|| {
                turn = (turn + 1) % keys.len();
                workspace.set_sort(SortOrder {
                    key: keys[turn],
                    descending: false,
                });
                black_box(workspace.rows.len())
            })
        });
        group.bench_function(format!("search {name}"), |b| {
            b.iter(|| {
                workspace.set_filter("anna.1234", StatusFilter::All);
                black_box(workspace.rows.len())
            })
        });
    }
    group.finish();

    // Grouping the members by key was quadratic: 19 s for 60,000 members.
    let mut members: Vec<String> = (0..70_000).map(|at| format!(r#""k{at}":{at}"#)).collect();
    members.push(r#""k7":0"#.to_owned());
    let hostile = format!("{{{}}}", members.join(","));
    c.bench_function("a 1 MiB file of 70,000 members, one repeated", |b| {
        b.iter(|| {
            black_box(mobile_sessions::store::fuzzing::session_from_bytes(
                hostile.as_bytes(),
                "com.example.app",
                "0123abcd",
            ))
        })
    });
}

criterion_group!(store, benches);
criterion_main!(store);

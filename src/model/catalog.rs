//! The app folders in the drop-down's order, with each one's place in it and the app names
//! two folders share, kept between frames: with 10,000 app folders, sorting them (or comparing
//! every name with every other) on each frame, each row placed and each label drawn would
//! stall the window. Rebuilt once after the index changed, not each time it is asked.

use std::collections::{HashMap, HashSet};

use crate::store::Index;

use super::workspace::Workspace;

/// What the window knows about the app folders as a list.
#[derive(Debug, Default)]
pub(super) struct AppCatalog {
    /// The app folders by app name (case ignored), then folder.
    order: Vec<String>,
    /// Each folder's place in `order`.
    rank: HashMap<String, usize>,
    /// The folders whose app name (case ignored) another folder has too.
    shared: HashSet<String>,
    /// Whether the index changed since the catalog was built.
    stale: bool,
}

impl AppCatalog {
    /// The app folders by app name (case ignored), then folder.
    pub(super) fn order(&self) -> &[String] {
        &self.order
    }

    /// Notes that the index changed: the catalog is built again before its next use.
    pub(super) fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// The catalog of an index's app folders: one lower-case name per folder, one sort, and
    /// folders whose name equals their neighbour's in that order share it.
    pub(super) fn build(index: &Index) -> Self {
        let mut named: Vec<(String, &str)> = index
            .apps
            .values()
            .map(|app| (app.name().to_lowercase(), app.folder.as_str()))
            .collect();
        named.sort_unstable();
        let mut shared = HashSet::new();
        for pair in named.windows(2) {
            if pair[0].0 == pair[1].0 {
                shared.insert(pair[0].1.to_owned());
                shared.insert(pair[1].1.to_owned());
            }
        }
        let mut rank = HashMap::with_capacity(named.len());
        let order: Vec<String> = named
            .into_iter()
            .enumerate()
            .map(|(at, (_, folder))| {
                rank.insert(folder.to_owned(), at);
                folder.to_owned()
            })
            .collect();
        AppCatalog {
            order,
            rank,
            shared,
            stale: false,
        }
    }
}

impl Workspace {
    /// Notes that the index's apps may have changed (added, gone, renamed): the catalog is
    /// built again before it is next used by the model, and at the latest on the next frame.
    pub(super) fn apps_changed(&mut self) {
        self.catalog.mark_stale();
    }

    /// Builds the catalog again if the index changed since.
    pub(super) fn refresh_catalog(&mut self) {
        if self.catalog.stale {
            self.catalog = AppCatalog::build(&self.index);
        }
    }

    /// The app folders in the order the drop-down lists them: by app name, then folder.
    pub fn app_order(&self) -> &[String] {
        &self.catalog.order
    }

    /// An app folder's place in [`Workspace::app_order`].
    pub(super) fn app_rank(&self, folder: &str) -> Option<usize> {
        self.catalog.rank.get(folder).copied()
    }

    /// The name of an app folder's app as the App column shows it, with its folder added (after a
    /// middle dot) when another app folder has an app of the same name (two "Field Service" folders).
    pub fn app_display_name(&self, app: &str) -> String {
        let name = self.app_name(app);
        if self.catalog.shared.contains(app) {
            format!("{name} · {app}")
        } else {
            name.to_owned()
        }
    }
}

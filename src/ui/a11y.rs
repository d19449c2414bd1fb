//! What a screen reader gets beyond egui's defaults (issue 19): drop-downs that say what they
//! are and what they hold, the session table as a real table (rows, cells, column headers,
//! counts, indexes, selection), a live status line and a named window.
//!
//! egui builds one AccessKit node per widget and per `Ui`; the helpers here only add to those
//! nodes (`Context::accesskit_node_builder`) or create the table's rows, which egui_extras
//! does not have, as nodes of their own, and move the keyboard focus where a dialog opens or
//! the selection moves. Nothing here changes what is drawn, except focus rings.

use eframe::egui::{self, Id, Ui, UiBuilder, accesskit};

/// The temporary-memory key under which the table says which row takes the keyboard focus.
fn focus_row_key() -> Id {
    Id::unique("sessions table focus row")
}

/// Names a drop-down, and exposes its value and whether its list is open. `name` replaces
/// the name (else the visible label that names it stays). The value is also given as the
/// node's description: the Linux adapter (AccessKit's AT-SPI bridge) does not pass a combo
/// box's value on, and a screen reader there reads the description after the name and role.
pub fn describe_combo(response: &egui::Response, name: Option<&str>, value: &str, open: bool) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        if let Some(name) = name {
            node.clear_labelled_by();
            node.set_label(name);
        }
        node.set_value(value);
        node.set_description(value);
        node.set_expanded(open);
    });
    // The open list is named after its drop-down (egui gives the list's node the id
    // `<button id>.with("popup")`).
    let list = response.id.with("popup");
    if open && response.ctx.has_accesskit_node(list) {
        let name = name.map(str::to_owned).or_else(|| {
            response
                .ctx
                .accesskit_node_builder(response.id, |node| node.label().map(str::to_owned))
                .flatten()
        });
        if let Some(name) = name {
            response
                .ctx
                .accesskit_node_builder(list, |node| node.set_label(name));
        }
    }
}

/// Makes an entry of a drop-down's list an option of that list, selected or not (egui makes it
/// a toggle button, which a screen reader announces as "pressed"). Returns whether it was
/// chosen.
pub fn option(response: &egui::Response, selected: bool) -> bool {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(accesskit::Role::ListBoxOption);
        node.clear_toggled();
        node.set_selected(selected);
    });
    response.clicked()
}

/// Gives the window its accessible name: the title, so a screen reader names the window the
/// way the title bar does.
pub fn name_window(ctx: &egui::Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
}

/// Makes a node a polite live region: a screen reader reads its new text when it changes,
/// without interrupting.
pub fn live_polite(ctx: &egui::Context, id: Id) {
    ctx.accesskit_node_builder(id, |node| node.set_live(accesskit::Live::Polite));
}

/// Names a focusable widget that egui or egui_extras leaves without a name (a column's resize
/// handle), with the role a screen reader announces for it.
pub fn name_widget(ctx: &egui::Context, id: Id, role: accesskit::Role, name: &str) {
    ctx.accesskit_node_builder(id, |node| {
        node.set_role(role);
        node.set_label(name);
    });
}

/// Names the title bar of an egui window (`window` is the id given to `Window::id`): egui
/// makes it a focusable node, for dragging and double-click collapsing, without a name.
pub fn name_title_bar(ctx: &egui::Context, window: Id, title: &str) {
    let id = window.with("__title_click");
    if ctx.has_accesskit_node(id) {
        name_widget(ctx, id, accesskit::Role::TitleBar, title);
    }
}

/// Whether a window (by its id) is drawn this pass but was not in the pass before: it has just
/// opened, and takes the keyboard focus (else Tab would go on behind it, in the main window).
pub fn just_opened(ctx: &egui::Context, window: Id) -> bool {
    let key = window.with("last drawn pass");
    let now = ctx.cumulative_pass_nr();
    let last = ctx.data(|data| data.get_temp::<u64>(key));
    ctx.data_mut(|data| {
        data.insert_temp(key, now);
    });
    last.is_none_or(|last| last + 1 < now)
}

/// Whether the table's keys (arrows, Space, Enter, Delete) belong to the table this frame:
/// when no widget has the keyboard focus, or the table's row has it. With a button or a
/// drop-down focused they are that widget's (Space presses the button, arrows move the focus).
pub fn table_has_keys(ctx: &egui::Context) -> bool {
    let focused = ctx.memory(|memory| memory.focused());
    let row = ctx.data(|data| data.get_temp::<Id>(focus_row_key()));
    focused.is_none() || (focused.is_some() && focused == row)
}

/// Draws a focus ring around `rect`, as egui draws it around a focused framed button.
pub fn focus_ring(ui: &Ui, rect: egui::Rect) {
    let stroke = ui.visuals().widgets.active.fg_stroke;
    ui.painter()
        .rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Inside);
}

/// The table's node: its name and size.
pub struct Table {
    /// The node's id (the `Ui` that holds the table).
    pub id: Id,
    /// The row that takes the keyboard focus (the selected one, else the first).
    focus_row: Option<Id>,
    /// Whether that row should take the focus this frame, because the focus was on the table
    /// and the selection moved.
    follow: bool,
    /// The table's visible area, where a row's focus ring may be drawn.
    clip: egui::Rect,
}

impl Table {
    /// Describes the table held by `ui`: its name, its rows (the header included) and
    /// columns. `focus_row` is the row Tab lands on.
    pub fn new(ui: &Ui, name: &str, rows: usize, columns: usize, focus_row: Option<Id>) -> Self {
        let id = ui.unique_id();
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_role(accesskit::Role::Table);
            node.set_label(name);
            node.set_row_count(rows + 1);
            node.set_column_count(columns);
            // AT-SPI has no table interface in AccessKit's bridge: the set size there tells a
            // screen reader "row 3 of 21".
            node.set_size_of_set(rows);
        });
        let ctx = ui.ctx();
        let before = ctx.data(|data| data.get_temp::<Id>(focus_row_key()));
        let focused = ctx.memory(|memory| memory.focused());
        let follow = before.is_some() && focused == before && before != focus_row;
        ctx.data_mut(|data| match focus_row {
            Some(row) => {
                data.insert_temp(focus_row_key(), row);
            }
            None => data.remove::<Id>(focus_row_key()),
        });
        Table {
            id,
            focus_row,
            follow,
            clip: ui.clip_rect(),
        }
    }

    /// Starts a row: `index` 0 is the header, the sessions count from 1.
    pub fn row(&self, id: Id, index: usize) -> Row {
        Row {
            id,
            table: self.id,
            index,
            focusable: self.focus_row == Some(id),
            follow: self.follow && self.focus_row == Some(id),
            ui: None,
            column: 0,
            clip: self.clip,
        }
    }
}

/// One row of the table: a node of its own (egui_extras lays rows out as loose cells), whose
/// cells are the `Ui`s of its columns' contents.
pub struct Row {
    id: Id,
    table: Id,
    index: usize,
    focusable: bool,
    follow: bool,
    ui: Option<Ui>,
    column: usize,
    clip: egui::Rect,
}

impl Row {
    /// Adds one cell with its contents.
    pub fn cell(&mut self, row: &mut egui_extras::TableRow<'_, '_>, add: impl FnOnce(&mut Ui)) {
        self.add_cell(row, accesskit::Role::Cell, None, add);
    }

    /// Adds one column header, named `name`, with its contents (the sort button).
    pub fn header(
        &mut self,
        row: &mut egui_extras::TableRow<'_, '_>,
        name: &str,
        add: impl FnOnce(&mut Ui),
    ) {
        self.add_cell(row, accesskit::Role::ColumnHeader, Some(name), add);
    }

    fn add_cell(
        &mut self,
        row: &mut egui_extras::TableRow<'_, '_>,
        role: accesskit::Role,
        name: Option<&str>,
        add_contents: impl FnOnce(&mut Ui),
    ) {
        let column = self.column;
        self.column += 1;
        row.col(|ui| self.cell_in(ui, role, name, column, add_contents));
    }

    fn cell_in(
        &mut self,
        ui: &mut Ui,
        role: accesskit::Role,
        name: Option<&str>,
        column: usize,
        add_contents: impl FnOnce(&mut Ui),
    ) {
        if self.ui.is_none() {
            // The row's own `Ui`: a node under the table, at first the size of the first
            // cell, stretched over the whole row by `finish`.
            let sense = if self.focusable {
                egui::Sense::FOCUSABLE
            } else {
                egui::Sense::hover()
            };
            self.ui = Some(Ui::new(
                ui.ctx().clone(),
                self.id,
                UiBuilder::new()
                    .layer_id(ui.layer_id())
                    .max_rect(ui.max_rect())
                    .sense(sense)
                    .accessibility_parent(self.table)
                    .accessibility_role(accesskit::Role::Row),
            ));
        }
        let builder = UiBuilder::new()
            .accessibility_parent(self.id)
            .accessibility_role(role);
        ui.scope_builder(builder, |ui| {
            ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
                node.set_column_index(column);
                node.set_row_index(self.index);
                if let Some(name) = name {
                    node.set_label(name);
                }
            });
            add_contents(ui);
        });
    }

    /// Ends the row: spreads its node over `rect`, names it (what a screen reader says when
    /// the row takes the focus), says whether it is selected, and draws the focus ring.
    /// Returns whether a screen reader asked to click (select) the row.
    pub fn finish(self, rect: egui::Rect, name: &str, selected: Option<bool>) -> bool {
        let Some(mut ui) = self.ui else {
            return false;
        };
        ui.expand_to_include_rect(rect);
        let (id, index) = (self.id, self.index);
        let ctx = ui.ctx().clone();
        ctx.accesskit_node_builder(id, |node| {
            node.set_label(name);
            node.set_row_index(index);
            if index > 0 {
                node.set_position_in_set(index - 1);
            }
            if let Some(selected) = selected {
                node.set_selected(selected);
                // Selecting from a screen reader (AT-SPI's Selection, a click on the row) comes
                // as a click on the row's node.
                node.add_action(accesskit::Action::Click);
            }
            node.set_bounds(accesskit::Rect {
                x0: rect.min.x.into(),
                y0: rect.min.y.into(),
                x1: rect.max.x.into(),
                y1: rect.max.y.into(),
            });
        });
        if self.follow {
            ctx.memory_mut(|memory| memory.request_focus(id));
            ctx.request_repaint();
        }
        if self.focusable && ctx.memory(|memory| memory.has_focus(id)) {
            // The arrows move the selection, not the focus, while the row has it.
            ctx.memory_mut(|memory| {
                memory.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    },
                )
            });
            // Over the whole row, but inside the table's visible area.
            let painter = ctx.layer_painter(ui.layer_id()).with_clip_rect(self.clip);
            let stroke = egui::Stroke::new(2.0, ui.visuals().widgets.active.fg_stroke.color);
            painter.rect_stroke(rect.shrink(1.0), 2.0, stroke, egui::StrokeKind::Inside);
        }
        drop(ui);
        let clicked = selected.is_some()
            && ctx.input(|input| input.has_accesskit_action_request(id, accesskit::Action::Click));
        if clicked {
            // The selection changes after this frame was drawn: draw the next one.
            ctx.request_repaint();
        }
        clicked
    }
}

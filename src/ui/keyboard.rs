//! Keyboard shortcuts, turned into the model's commands. What each command does (what Space
//! does to several rows, what Esc closes first) is the model's rule, not this file's.

use eframe::egui;

use crate::model::{Command, Model};

/// What the keys pressed this frame ask for.
#[derive(Default)]
pub struct Keys {
    /// Commands for the model.
    pub commands: Vec<Command>,
    /// Ctrl/Cmd+F: the search field takes the focus.
    pub focus_search: bool,
    /// Esc while the Server settings dialog is open: close it.
    pub close_settings: bool,
}

/// Reads this frame's shortcuts. `settings_open`: the Server settings dialog is open, and has
/// the keyboard.
pub fn shortcuts(ui: &mut egui::Ui, model: &Model, settings_open: bool) -> Keys {
    let mut keys = Keys::default();
    let Some(workspace) = &model.workspace else {
        return keys;
    };
    let shortcut = |key| egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key);
    let consume =
        |ui: &mut egui::Ui, key| ui.input_mut(|input| input.consume_shortcut(&shortcut(key)));
    if consume(ui, egui::Key::R) {
        keys.commands.push(Command::Refresh);
    }
    if consume(ui, egui::Key::F) {
        keys.focus_search = true;
    }
    // A text field keeps its keys; any other focused widget leaves Ctrl/Cmd shortcuts to the window.
    let editing_text = ui.ctx().text_edit_focused();
    let pressed = |ui: &egui::Ui, key| ui.input(|input| input.key_pressed(key));
    if settings_open {
        keys.close_settings = pressed(ui, egui::Key::Escape);
        return keys;
    }
    // Esc works even while typing in the search field: it clears the search first.
    if pressed(ui, egui::Key::Escape) {
        keys.commands.push(Command::Escape);
    }
    // The other keys belong to a text field while one is being edited, and to a confirmation
    // while one is open.
    if editing_text || model.confirm.is_some() || model.path_entry.is_some() {
        return keys;
    }
    // Ctrl/Cmd+Z and Ctrl/Cmd+A act wherever the focus is; the arrows, Space, Enter and Delete
    // belong to a focused button or drop-down (Space presses it, arrows move the focus), and to
    // the table only when it has the focus or nothing has.
    let table_keys = super::a11y::table_has_keys(ui.ctx());
    // Not while a text field is edited (it keeps Ctrl/Cmd+Z for its own text), nor behind a
    // dialog that is waiting for an answer.
    if consume(ui, egui::Key::Z) {
        keys.commands.push(Command::Undo);
    }
    if consume(ui, egui::Key::A) {
        keys.commands.push(Command::MarkAll);
    }
    if !table_keys {
        return keys;
    }
    let step = match (
        pressed(ui, egui::Key::ArrowDown),
        pressed(ui, egui::Key::ArrowUp),
    ) {
        (true, false) => Some(1isize),
        (false, true) => Some(-1),
        _ => None,
    };
    if let Some(step) = step {
        let rows = &workspace.rows;
        let at = model
            .selection
            .selected
            .as_ref()
            .and_then(|key| rows.iter().position(|row| row == key));
        let next = match at {
            Some(at) => at
                .saturating_add_signed(step)
                .min(rows.len().saturating_sub(1)),
            None => 0,
        };
        if let Some(key) = rows.get(next) {
            keys.commands.push(Command::MoveSelection(key.clone()));
        }
    }
    if pressed(ui, egui::Key::Enter)
        && !model.selection.is_many()
        && let Some(key) = &model.selection.selected
    {
        keys.commands.push(Command::Select(key.clone()));
    }
    if pressed(ui, egui::Key::Space) {
        keys.commands.push(Command::ToggleStatus);
    }
    if pressed(ui, egui::Key::Delete) || pressed(ui, egui::Key::Backspace) {
        keys.commands.push(Command::AskDeleteSelection);
    }
    keys
}

//! Server settings: where Push sends its request, the optional secret, a connection test, and
//! the 4D method to paste into the server.

use eframe::egui::{self, RichText};

use crate::push::{PushTarget, SecretPlace, SecretWhere, server_snippet};
use crate::tr;

use crate::model::Command;

/// What the dialog asks for.
pub enum SettingsReply {
    /// A command for the model (save, close).
    Command(Command),
    /// Send a test request with these settings (the answer comes back to the dialog).
    Test(PushTarget),
}
use super::code_view::code_view;

/// The id of the Server settings window (its salt).
const SETTINGS_WINDOW: &str = "server settings window";

/// The open Server settings dialog, with the values being edited. Its `Debug` print hides the
/// secret, like [`PushTarget`]'s, and the password or query of the URL.
#[derive(Clone, PartialEq)]
pub struct SettingsDialog {
    /// The URL being edited.
    pub url: String,
    /// The secret being edited.
    pub secret: String,
    /// Whether saving should push at once (the dialog was opened by Push).
    pub push_after_save: bool,
    /// The outcome of the last "Test connection".
    pub test_result: Option<Result<String, String>>,
    /// Where the secret is kept (the keychain, or the settings file named here).
    pub secret_place: SecretWhere,
}

impl std::fmt::Debug for SettingsDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsDialog")
            .field("url", &crate::push::redact_url(&self.url))
            .field("secret", &"(hidden)")
            .field("push_after_save", &self.push_after_save)
            .field("test_result", &self.test_result)
            .field("secret_place", &self.secret_place)
            .finish()
    }
}

impl SettingsDialog {
    /// A dialog showing the saved target.
    pub fn new(target: PushTarget, push_after_save: bool) -> Self {
        SettingsDialog {
            url: target.url,
            secret: target.secret.unwrap_or_default(),
            push_after_save,
            test_result: None,
            secret_place: SecretWhere {
                place: crate::push::secret_place(),
                file: None,
                unread: None,
            },
        }
    }

    fn target(&self) -> PushTarget {
        let secret = self.secret.trim();
        PushTarget {
            url: self.url.trim().to_owned(),
            secret: (!secret.is_empty()).then(|| secret.to_owned()),
        }
    }

    /// Where the secret is kept, in words.
    pub fn secret_place_text(&self) -> String {
        let place = &self.secret_place;
        match (&place.place, &place.unread) {
            (_, Some(error)) => tr!(
                SecretUnread,
                store = crate::push::keychain::keychain_name(),
                error = crate::safe_text::visible(error, 200)
            ),
            (SecretPlace::Keychain, None) => {
                tr!(
                    SecretInKeychain,
                    store = crate::push::keychain::keychain_name()
                )
            }
            (SecretPlace::File, None) => tr!(
                SecretInFile,
                path = place
                    .file
                    .as_deref()
                    .map_or_else(|| "push.json".into(), |file| file.display().to_string())
            ),
        }
    }

    /// Draws the dialog; returns what was clicked.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<SettingsReply> {
        let mut actions = Vec::new();
        let mut open = true;
        egui::Window::new(tr!(ServerSettingsTitle))
            .id(egui::Id::unique(SETTINGS_WINDOW))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .show(ctx, |ui| {
                if self.push_after_save {
                    ui.label(tr!(SettingsIntro));
                    ui.add_space(4.0);
                }
                egui::Grid::new("server settings")
                    .num_columns(2)
                    .show(ui, |ui| {
                        let url_label = ui.label(tr!(ServerUrl));
                        let url = ui
                            .add(
                                egui::TextEdit::singleline(&mut self.url)
                                    .hint_text("http://server/4DACTION/mobileSessionsRefresh")
                                    .desired_width(380.0),
                            )
                            .labelled_by(url_label.id);
                        // Opened (by keyboard or not), the dialog takes the keyboard focus.
                        if super::a11y::just_opened(ui.ctx(), egui::Id::unique(SETTINGS_WINDOW)) {
                            url.request_focus();
                        }
                        ui.end_row();
                        let secret_label = ui.label(tr!(Secret));
                        ui.add(
                            egui::TextEdit::singleline(&mut self.secret)
                                .password(true)
                                .desired_width(380.0),
                        )
                        .labelled_by(secret_label.id);
                        ui.end_row();
                        ui.label("");
                        ui.label(RichText::new(self.secret_place_text()).weak());
                        ui.end_row();
                    });
                ui.horizontal(|ui| {
                    let has_url = !self.url.trim().is_empty();
                    if ui
                        .add_enabled(has_url, egui::Button::new(tr!(TestConnection)))
                        .clicked()
                    {
                        actions.push(SettingsReply::Test(self.target()));
                    }
                    match &self.test_result {
                        Some(Ok(text)) => {
                            ui.label(
                                RichText::new(text).color(egui::Color32::from_rgb(40, 150, 60)),
                            );
                        }
                        Some(Err(text)) => {
                            ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
                        }
                        None => {}
                    }
                });
                ui.add_space(8.0);
                ui.label(RichText::new(tr!(OnTheServer)).strong());
                ui.label(tr!(ServerHowTo));
                let snippet = server_snippet(self.secret.trim());
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| code_view(ui, tr!(FourDCode), &snippet));
                if ui.button(tr!(CopyCode)).clicked() {
                    ui.ctx().copy_text(snippet);
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let save_text = if self.push_after_save {
                        tr!(SaveAndPush)
                    } else {
                        tr!(Save)
                    };
                    if ui
                        .add_enabled(!self.url.trim().is_empty(), egui::Button::new(save_text))
                        .clicked()
                    {
                        actions.push(SettingsReply::Command(Command::SaveSettings {
                            target: self.target(),
                            push_after: self.push_after_save,
                        }));
                    }
                    if ui.button(tr!(Cancel)).clicked() {
                        actions.push(SettingsReply::Command(Command::CloseSettings));
                    }
                });
            });
        let window = egui::Id::unique(SETTINGS_WINDOW);
        super::a11y::name_title_bar(ctx, window, tr!(ServerSettingsTitle));
        if !open {
            actions.push(SettingsReply::Command(Command::CloseSettings));
        }
        actions.into_iter().next()
    }
}

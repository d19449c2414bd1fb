//! The first screen: open a folder, a recent one, or the demo; and the progress of a folder
//! being read.

use eframe::egui::{self, RichText};

use crate::model::{Command, Model};
use crate::tr;

/// Draws the welcome screen; returns what was clicked.
pub fn ui(ui: &mut egui::Ui, model: &Model) -> Vec<Command> {
    let recent = &model.memory.recent;
    let mut actions = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading(tr!(AppName));
        ui.label(tr!(WelcomeTagline));
        ui.add_space(16.0);
        if ui
            .add(egui::Button::new(
                RichText::new(tr!(OpenMobileAppsFolder)).heading(),
            ))
            .clicked()
        {
            actions.push(Command::PickFolder);
        }
        ui.add_space(6.0);
        if ui.button(tr!(OpenDemo)).clicked() {
            actions.push(Command::OpenDemo);
        }
        ui.add_space(12.0);
        ui.label(RichText::new(tr!(WelcomeWhere)).weak());
        if let Some(notice) = model.notice.as_ref().filter(|notice| notice.is_error()) {
            ui.add_space(8.0);
            ui.label(RichText::new(super::notice_text(notice)).color(ui.visuals().error_fg_color));
        }
        if !recent.is_empty() {
            ui.add_space(20.0);
            ui.label(RichText::new(tr!(RecentFolders)).strong());
            for folder in recent {
                if ui.link(folder.display().to_string()).clicked() {
                    actions.push(Command::OpenFolder(folder.clone()));
                }
            }
        }
    });
    actions
}

/// Shown for the moment between choosing a folder and its listing.
pub fn loading_ui(ui: &mut egui::Ui, folder: &std::path::Path) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        slow_spinner(ui);
        ui.label(tr!(Opening, folder = folder.display()));
    });
}

/// How often [`slow_spinner`] turns.
const SPINNER_FRAME: std::time::Duration = std::time::Duration::from_millis(100);

/// egui's spinner, turning at ten frames a second. egui's own asks for the next frame as soon
/// as one is painted: while a million names were listed, that painted 70 frames a second on a
/// software renderer, each taking CPU from the reading the spinner waits for.
pub(super) fn slow_spinner(ui: &mut egui::Ui) {
    let size = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::Role::ProgressIndicator));
    if !ui.is_rect_visible(rect) {
        return;
    }
    // The arc egui's spinner draws, at the time of this frame.
    let radius = rect.height().min(rect.width()) * 0.5 - 2.0;
    let points = (radius.round() as u32).clamp(8, 128);
    let time = ui.input(|input| input.time);
    let start = time * std::f64::consts::TAU;
    let end = start + 240_f64.to_radians() * time.sin();
    let arc: Vec<egui::Pos2> = (0..points)
        .map(|at| {
            let angle = egui::lerp(start..=end, f64::from(at) / f64::from(points));
            let (sin, cos) = angle.sin_cos();
            rect.center() + radius * egui::vec2(cos as f32, sin as f32)
        })
        .collect();
    let color = ui.visuals().strong_text_color();
    ui.painter()
        .add(egui::Shape::line(arc, egui::Stroke::new(3.0, color)));
    ui.ctx().request_repaint_after(SPINNER_FRAME);
}

//! The table's cells that are not the session's own columns: the device tooltip and the
//! optional columns (App version, IP, Language, Simulator, Last change).

use eframe::egui::{self, RichText};

use crate::model::ExtraColumn;
use crate::store::Session;
use crate::{safe_text, tr, trn};

use super::table::cell_label;

/// The device object, as the original showed it on hover.
pub(super) fn device_tooltip(ui: &mut egui::Ui, session: &Session) {
    let Some(info) = &session.info else { return };
    egui::Grid::new("device tooltip")
        .num_columns(2)
        .show(ui, |ui| {
            let simulator = match info.simulator {
                Some(true) => tr!(Yes),
                Some(false) => tr!(No),
                None => tr!(Unknown),
            };
            for (name, value) in [
                (tr!(Device), info.device.as_str()),
                (tr!(Os), info.os.as_str()),
                (tr!(Version), info.os_version.as_str()),
                (tr!(DeviceId), info.device_id.as_str()),
                (tr!(Simulator), simulator),
                (tr!(AppVersion), info.app_version.as_str()),
                (tr!(Ip), info.ip.as_str()),
                (tr!(Session), &*session.id),
            ] {
                ui.label(RichText::new(name).weak());
                ui.label(safe_text::visible(value, 100));
                ui.end_row();
            }
        });
}

/// How long ago a time was, in words ("3 min ago").
fn ago(time: std::time::SystemTime) -> String {
    let Ok(elapsed) = std::time::SystemTime::now().duration_since(time) else {
        return tr!(JustNow).to_owned();
    };
    match elapsed.as_secs() {
        0..60 => tr!(JustNow).to_owned(),
        seconds @ 60..3600 => tr!(MinutesAgo, count = seconds / 60),
        seconds @ 3600..86_400 => tr!(HoursAgo, count = seconds / 3600),
        seconds => trn!(DaysAgoOne, DaysAgo, (seconds / 86_400) as usize),
    }
}

/// One cell of an optional column.
pub(super) fn extra_cell(ui: &mut egui::Ui, column: ExtraColumn, session: &Session) {
    let Some(info) = &session.info else { return };
    match column {
        ExtraColumn::AppVersion => {
            cell_label(ui, safe_text::cell(&info.app_version));
        }
        ExtraColumn::Ip => {
            cell_label(ui, safe_text::cell(&info.ip));
        }
        ExtraColumn::Language => {
            cell_label(ui, safe_text::cell(&info.language));
        }
        ExtraColumn::Simulator => {
            cell_label(
                ui,
                match info.simulator {
                    Some(true) => tr!(SimulatorValue),
                    Some(false) => tr!(DeviceValue),
                    None => "",
                },
            );
        }
        ExtraColumn::LastChange => {
            if let Some(modified) = session.modified {
                cell_label(ui, ago(modified)).on_hover_text(crate::time_text::rfc3339(modified));
            }
        }
    }
}

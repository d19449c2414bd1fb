//! The window's drop-downs (a session's status, the app, the status filter, the watch mode,
//! the history's filters): each looks and behaves as egui's `ComboBox` (a framed button with
//! the current value and a downward arrow, a list that opens below it and closes on a click,
//! the same screen-reader node), but paints itself.
//!
//! egui's `ComboBox` styles itself from the interaction state of its previous pass; a new one,
//! which has none, asks for one more pass to be styled right (`Ui::widget_style`), and egui
//! answers such a request with two. The table shows new drop-downs on every scroll step and
//! whenever rows arrive while a folder is read, the app drop-down appears once the folder is
//! read, and each pass is a frame painted: tens of milliseconds of CPU on a software renderer,
//! taken from the reading. This widget takes its state from the current pass, as egui's
//! classic widgets do, and needs no second one.

use eframe::egui::{
    self, InnerResponse, Popup, PopupCloseBehavior, Rect, RichText, Role, Sense, Shape, TextStyle,
    TextWrapMode, Ui, Vec2, WidgetInfo, WidgetText, accesskit,
};

/// Shows a drop-down holding `selected`, whose list `content` fills. With a `width`, the
/// button is that wide and its text is cut to fit (with "…"); without, it is as wide as its
/// text, and at least egui's `combo_width`. Returns the button's response and, while the list
/// is open, what `content` returned. The list's id is the button's `.with("popup")`, as egui's
/// `ComboBox` has it.
pub fn show<R>(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    selected: impl Into<RichText>,
    width: Option<f32>,
    content: impl FnOnce(&mut Ui) -> R,
) -> InnerResponse<Option<R>> {
    let id = ui.make_persistent_id(id_salt);
    let list_id = id.with("popup");
    let open = Popup::is_id_open(ui.ctx(), list_id);
    let spacing = ui.spacing();
    let (padding, icon_width, gap) = (
        spacing.button_padding,
        spacing.icon_width,
        spacing.icon_spacing,
    );
    let (height, list_height) = (spacing.interact_size.y, spacing.combo_height);
    let around_text = 2.0 * padding.x + icon_width + gap;
    let (wrap, min_width) = match width {
        Some(width) => (TextWrapMode::Truncate, width),
        None => (TextWrapMode::Extend, spacing.combo_width),
    };
    let selected = selected.into();
    let value = selected.text().to_owned();
    let galley = WidgetText::from(selected).into_galley(
        ui,
        Some(wrap),
        (min_width - around_text).max(0.0),
        TextStyle::Button,
    );
    let size = Vec2::new(
        min_width.max(galley.size().x + around_text),
        height.max(galley.size().y + 2.0 * padding.y),
    );
    // The button's id is the one made from `id_salt` (as egui's `ComboBox` gives its button),
    // not the next automatic one: a status cell keeps its keyboard focus and screen-reader
    // node with its session when rows are read, sorted or scrolled, and the list's id is the
    // button's `.with("popup")`, which `a11y::describe_combo` names.
    let (_, space) = ui.allocate_space(size);
    let rect = ui.layout().align_size_within_rect(size, space);
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| {
        let mut info = WidgetInfo::new(Role::ComboBox);
        info.enabled = ui.is_enabled();
        info.current_text_value = Some(value.clone());
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = if open {
            ui.visuals().widgets.open
        } else {
            *ui.style().interact(&response)
        };
        let painter = ui.painter();
        painter.rect(
            rect.expand(visuals.expansion),
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let text_at = egui::pos2(
            rect.left() + padding.x,
            rect.center().y - galley.size().y / 2.0,
        );
        painter.galley(text_at, galley, visuals.text_color());
        // The arrow, as egui's `ComboBox` draws it: a downward triangle in the icon's square
        // at the right edge.
        let icon = Rect::from_center_size(
            egui::pos2(rect.right() - padding.x - icon_width / 2.0, rect.center().y),
            Vec2::splat(icon_width),
        )
        .expand(visuals.expansion);
        let arrow = Rect::from_center_size(
            icon.center(),
            Vec2::new(icon.width() * 0.7, icon.height() * 0.45),
        );
        painter.add(Shape::rotated_triangle(arrow, 0.0, visuals.fg_stroke.color));
    }
    // A menu's toggling and placement, with the list's entries styled as egui's `ComboBox`
    // has them (a menu's own style narrows their padding and drops their hover outline).
    let inner = Popup::menu(&response)
        .style(egui::style::StyleModifier::default())
        .id(list_id)
        .width(rect.width())
        .close_behavior(PopupCloseBehavior::CloseOnClick)
        .show(|ui| {
            ui.set_min_width(ui.available_width());
            egui::ScrollArea::vertical()
                .max_height(list_height)
                .show(ui, |ui| {
                    // The list is as narrow as the button; its entries keep their whole text.
                    ui.style_mut().wrap_mode = Some(TextWrapMode::Extend);
                    content(ui)
                })
                .inner
        })
        .map(|shown| shown.inner);
    if inner.is_some() {
        ui.ctx()
            .accesskit_node_builder(list_id, |node| node.set_role(accesskit::Role::ListBox));
    }
    InnerResponse { inner, response }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Status;

    // The texts are the statuses' own: the check that every text of the window is in the
    // message catalog (tests/i18n_tests.rs) reads this file too.
    fn accepted() -> &'static str {
        Status::Accepted.as_str()
    }

    fn pending() -> &'static str {
        Status::Pending.as_str()
    }

    /// Runs one pass of `ui`, with no renderer to take the textures it made.
    fn pass(ctx: &egui::Context, ui: impl FnMut(&mut Ui)) {
        ctx.run_ui(egui::RawInput::default(), ui)
            .textures_delta
            .clear();
    }

    /// Runs passes of `ui` until egui asks for no more, as a window does between events.
    fn settle(ctx: &egui::Context, mut ui: impl FnMut(&mut Ui)) {
        for _ in 0..10 {
            pass(ctx, &mut ui);
            if !ctx.has_requested_repaint() {
                return;
            }
        }
        panic!("the window never settles");
    }

    /// Whether the pass in which a control first appears asks egui for one more.
    fn appearing_asks_for_another_pass(mut control: impl FnMut(&mut Ui)) -> bool {
        let ctx = egui::Context::default();
        settle(&ctx, |ui| {
            ui.label(accepted());
        });
        pass(&ctx, |ui| {
            ui.label(accepted());
            control(ui);
        });
        ctx.has_requested_repaint()
    }

    /// A status drop-down that comes into view (a row scrolled to, rows read) costs no second
    /// frame; egui's own `ComboBox`, which it replaces, does (so this test would catch a
    /// return to it, and tells when an egui release no longer needs the replacement).
    #[test]
    fn a_drop_down_that_appears_asks_for_no_second_pass() {
        let salt = Status::Accepted;
        assert!(!appearing_asks_for_another_pass(|ui| {
            show(ui, salt, RichText::new(accepted()), Some(100.0), |ui| {
                ui.label(pending())
            });
        }));
        assert!(appearing_asks_for_another_pass(|ui| {
            egui::ComboBox::from_id_salt(salt)
                .selected_text(accepted())
                .show_ui(ui, |ui| ui.label(pending()));
        }));
    }

    /// Its value is shown whole when it fits, cut with "…" to the width it is given, and never
    /// cut without a width; the button is at least as wide as asked.
    #[test]
    fn its_text_is_cut_only_to_a_given_width() {
        let ctx = egui::Context::default();
        // A status no 4D server writes, much longer than the column.
        let long = pending().repeat(12);
        let mut widths = [0.0; 3];
        pass(&ctx, |ui| {
            let texts = [
                (pending(), Some(100.0)),
                (&long, Some(100.0)),
                (&long, None),
            ];
            for (at, (text, width)) in texts.into_iter().enumerate() {
                widths[at] = show(ui, at, RichText::new(text), width, |_| ())
                    .response
                    .rect
                    .width();
            }
        });
        assert_eq!(widths[..2], [100.0, 100.0]);
        assert!(widths[2] > 200.0, "the whole text is shown: {}", widths[2]);
    }

    /// The button's id is made from its salt wherever it is laid out, so a status cell keeps
    /// its focus and screen-reader node with its session, and the list's id is the button's
    /// `.with("popup")`, which `a11y::describe_combo` names.
    #[test]
    fn its_button_has_the_id_of_its_salt() {
        let ctx = egui::Context::default();
        for rows_before in [0, 3] {
            pass(&ctx, |ui| {
                for _ in 0..rows_before {
                    ui.label(pending());
                }
                let shown = show(ui, Status::Pending, RichText::new(pending()), None, |_| ());
                assert_eq!(shown.response.id, ui.make_persistent_id(Status::Pending));
            });
        }
    }
}

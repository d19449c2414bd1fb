//! One painted frame fewer each time the window changes what it shows.
//!
//! egui answers a request for an immediate repaint with two more frames: the one asked for,
//! and one more "to let things settle". Widgets ask for one whenever they appear, since they
//! are styled from how they were in the previous pass (a button that was not there is styled
//! as if not hovered, and asks to be drawn again); so does every input event. A change such as
//! the first rows of a folder, the whole folder handed over, or a dialog opening was three
//! frames painted, each a tenth of a second of CPU on a software renderer (a virtual machine, a
//! remote desktop), taken from reading a big folder.
//!
//! Instead, a pass in which something asked for an immediate repaint is run again at once,
//! before anything is painted ([`egui::Context::request_discard`]): the run again finds the new
//! widgets in place, and takes up egui's "settle" request itself. One more frame still follows
//! (egui paints again when any run of a frame asked for it), but not the third.
//!
//! Only the app's own drawing counts: egui asks for an immediate repaint for every input event
//! too, before the app draws, and a pass driven by the user's input (a scroll, a pointer
//! moving, a key) is not run again, since the next event follows at once anyway and running
//! each of those passes twice would double the cost of scrolling.
//!
//! A run again sees no input: the events were the first run's, whose commands were applied.
//! It reads the model's news again, so none that arrived during the first run waits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use eframe::egui;

/// The most frames in a row whose pass is run again.
const MAX_IN_A_ROW: u32 = 2;

/// Notices immediate repaint requests, to run their pass again.
pub(super) struct Settle {
    /// One more than the number of the pass in which an immediate repaint was last asked for
    /// (0: never), as egui counts passes.
    asked_in: Arc<AtomicU64>,
    /// Whether the app is drawing: requests made by egui before (for input) are not noted.
    drawing: Arc<AtomicBool>,
    /// Whether the user did anything in this pass, as seen before the app took the events.
    input: bool,
    /// The frame whose pass was last run again, and how many frames in a row up to it were.
    ran_again_in: Option<(u64, u32)>,
}

impl Settle {
    /// Watches `ctx`'s repaint requests, egui's own included.
    pub(super) fn watch(ctx: &egui::Context) -> Self {
        let asked_in = Arc::new(AtomicU64::new(0));
        let drawing = Arc::new(AtomicBool::new(false));
        let (seen, while_drawing) = (Arc::clone(&asked_in), Arc::clone(&drawing));
        // Called with the context locked: it only notes the pass.
        ctx.set_repaint_observer(move |info| {
            if info.delay.is_zero() && while_drawing.load(Ordering::Acquire) {
                seen.store(info.current_cumulative_pass_nr + 1, Ordering::Release);
            }
        });
        Settle {
            asked_in,
            drawing,
            input: false,
            ran_again_in: None,
        }
    }

    /// At the start of the app's drawing in a pass.
    pub(super) fn begin_drawing(&mut self, ctx: &egui::Context) {
        self.input = driven_by_input(ctx);
        self.drawing.store(true, Ordering::Release);
    }

    /// At the end of a pass: when the drawing asked for an immediate repaint and the pass was
    /// not driven by input, asks egui to run the pass again before painting (egui runs at
    /// most one more). Not in more than [`MAX_IN_A_ROW`] frames in a row: where widgets
    /// appear in every frame (rows arriving in view while a folder is read again), running
    /// each pass twice would only double its cost, and egui takes three such frames in a row
    /// for a bug (a debug build writes a warning over the window). Two in a row are the
    /// window's first frame and the one with the first rows.
    pub(super) fn end_pass(&mut self, ctx: &egui::Context) {
        self.drawing.store(false, Ordering::Release);
        let asked = self.asked_in.load(Ordering::Acquire) == ctx.cumulative_pass_nr() + 1;
        if !asked || self.input {
            return;
        }
        let frame = ctx.cumulative_frame_nr();
        let in_a_row = match self.ran_again_in {
            // Asked again by the run again, of which egui runs no third: nothing to do.
            Some((before, _)) if before == frame => return,
            Some((before, count)) if before + 1 == frame => count + 1,
            _ => 1,
        };
        if in_a_row <= MAX_IN_A_ROW {
            self.ran_again_in = Some((frame, in_a_row));
            ctx.request_discard("a widget appeared");
        }
    }
}

/// Takes out of `input` the window's focus events that change nothing but ask for frames.
/// egui acts on the window losing focus by letting go of the keys it holds down, and on
/// nothing else: gaining focus is told by `RawInput::focused` anyway, and eframe paints a
/// frame for either. As events, they made egui paint two more, just as the window opens (where
/// X11 tells of focus once or twice): a fifth of a second of CPU on a software renderer, taken
/// from reading the folder. Losing focus is kept while any key is held down, or pressed in
/// the same input.
pub(super) fn drop_idle_focus_events(ctx: &egui::Context, input: &mut egui::RawInput) {
    let keys_held = ctx.input(|state| !state.keys_down.is_empty() || !state.modifiers.is_none())
        || input
            .events
            .iter()
            .any(|event| matches!(event, egui::Event::Key { .. }));
    input.events.retain(|event| match event {
        egui::Event::WindowFocused(focused) => !focused && keys_held,
        _ => true,
    });
}

/// Whether the user did anything this pass: an event (a key, a click, text), the pointer
/// moving, or a scroll still under way.
fn driven_by_input(ctx: &egui::Context) -> bool {
    ctx.input(|input| {
        !input.events.is_empty()
            || input.pointer.delta() != egui::Vec2::ZERO
            || input.smooth_scroll_delta() != egui::Vec2::ZERO
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs frames of `ui` as eframe would between events: until egui asks for no more, and
    /// counts them.
    fn frames_until_idle(ctx: &egui::Context, ui: impl FnMut(&mut egui::Ui)) -> usize {
        frames_after(ctx, egui::RawInput::default(), ui)
    }

    /// Like [`frames_until_idle`], with `first` as the first frame's input.
    fn frames_after(
        ctx: &egui::Context,
        first: egui::RawInput,
        mut ui: impl FnMut(&mut egui::Ui),
    ) -> usize {
        let mut frames = 0;
        let mut input = Some(first);
        loop {
            let mut output = ctx.run_ui(input.take().unwrap_or_default(), &mut ui);
            // No painter here to hand the font textures to.
            output.textures_delta.clear();
            frames += 1;
            let delay = output
                .viewport_output
                .get(&egui::ViewportId::ROOT)
                .map_or(std::time::Duration::MAX, |viewport| viewport.repaint_delay);
            if !delay.is_zero() || frames >= 10 {
                return frames;
            }
        }
    }

    /// A window with `buttons` buttons.
    fn buttons(ui: &mut egui::Ui, count: usize) {
        for n in 0..count {
            let _ = ui.button(n.to_string());
        }
    }

    #[test]
    fn a_widget_appearing_is_painted_in_two_frames_not_three() {
        let plain = egui::Context::default();
        frames_until_idle(&plain, |ui| buttons(ui, 1));
        let without = frames_until_idle(&plain, |ui| buttons(ui, 2));

        let settled = egui::Context::default();
        let mut settle = Settle::watch(&settled);
        frames_until_idle(&settled, |ui| {
            settle.begin_drawing(ui.ctx());
            buttons(ui, 1);
            settle.end_pass(ui.ctx());
        });
        let mut runs = 0;
        let with = frames_until_idle(&settled, |ui| {
            runs += 1;
            settle.begin_drawing(ui.ctx());
            buttons(ui, 2);
            settle.end_pass(ui.ctx());
        });
        assert_eq!(without, 3, "egui's own answer to a new button");
        // The first frame ran twice; the second, asked for by the first, once.
        assert_eq!((with, runs), (2, 3));
    }

    #[test]
    fn a_pass_that_asked_for_nothing_immediate_runs_once() {
        let ctx = egui::Context::default();
        let mut settle = Settle::watch(&ctx);
        frames_until_idle(&ctx, |ui| {
            settle.begin_drawing(ui.ctx());
            buttons(ui, 3);
            settle.end_pass(ui.ctx());
        });
        let mut runs = 0;
        let frames = frames_until_idle(&ctx, |ui| {
            runs += 1;
            settle.begin_drawing(ui.ctx());
            buttons(ui, 3);
            // A later repaint (a spinner's, a tooltip's) is not run again.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
            settle.end_pass(ui.ctx());
        });
        assert_eq!((frames, runs), (1, 1));
    }

    #[test]
    fn a_pass_driven_by_the_pointer_is_not_run_again() {
        let ctx = egui::Context::default();
        let mut settle = Settle::watch(&ctx);
        frames_until_idle(&ctx, |ui| {
            settle.begin_drawing(ui.ctx());
            buttons(ui, 1);
            settle.end_pass(ui.ctx());
        });
        let moved = egui::RawInput {
            events: vec![egui::Event::PointerMoved(egui::pos2(400.0, 300.0))],
            ..Default::default()
        };
        let mut runs = 0;
        let frames = frames_after(&ctx, moved, |ui| {
            runs += 1;
            settle.begin_drawing(ui.ctx());
            buttons(ui, 2);
            settle.end_pass(ui.ctx());
        });
        // Scrolling shows new rows, each a new widget: each of those frames runs once.
        assert_eq!(runs, frames, "no frame ran twice");
    }

    #[test]
    fn focus_coming_and_going_is_one_frame_and_losing_it_still_lets_go_of_keys() {
        let focus = |focused: bool| egui::RawInput {
            focused,
            events: vec![egui::Event::WindowFocused(focused)],
            ..Default::default()
        };
        let plain = egui::Context::default();
        frames_until_idle(&plain, |ui| buttons(ui, 2));
        assert_eq!(frames_after(&plain, focus(true), |ui| buttons(ui, 2)), 3);

        let ctx = egui::Context::default();
        frames_until_idle(&ctx, |ui| buttons(ui, 2));
        for focused in [true, false, true] {
            let mut input = focus(focused);
            drop_idle_focus_events(&ctx, &mut input);
            let mut seen = None;
            let frames = frames_after(&ctx, input, |ui| {
                seen.get_or_insert(ui.input(|input| input.focused));
                buttons(ui, 2);
            });
            assert_eq!(frames, 1, "focus {focused}");
            assert_eq!(seen, Some(focused), "egui still knows whether it has focus");
        }

        // A key held when the window loses focus is let go of.
        let held = egui::RawInput {
            events: vec![egui::Event::Key {
                key: egui::Key::S,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            }],
            ..Default::default()
        };
        frames_after(&ctx, held, |ui| buttons(ui, 2));
        assert!(ctx.input(|input| input.key_down(egui::Key::S)));
        let mut lost = focus(false);
        drop_idle_focus_events(&ctx, &mut lost);
        frames_after(&ctx, lost, |ui| buttons(ui, 2));
        assert!(!ctx.input(|input| input.key_down(egui::Key::S)));
    }

    #[test]
    fn widgets_appearing_in_every_frame_are_never_run_again_three_frames_in_a_row() {
        let ctx = egui::Context::default();
        let mut settle = Settle::watch(&ctx);
        let mut runs_per_frame = Vec::new();
        for frame in 0..6 {
            let mut runs = 0;
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                runs += 1;
                settle.begin_drawing(ui.ctx());
                // A button never seen before, in every frame.
                ui.push_id(frame, |ui| {
                    let _ = ui.button(frame.to_string());
                });
                settle.end_pass(ui.ctx());
            });
            output.textures_delta.clear();
            runs_per_frame.push(runs);
        }
        assert_eq!(runs_per_frame, [2, 2, 1, 2, 2, 1]);
    }
}

//! Which of eframe's two renderers draws the window, and which one to try when it cannot.
//!
//! eframe draws through OpenGL (glow) or through wgpu. On Linux and the BSDs the window goes
//! through the system's OpenGL in both cases when no Vulkan driver is installed (wgpu then
//! runs on OpenGL itself), and very often that OpenGL is Mesa's software renderer: in virtual
//! machines, remote desktops and servers without a GPU. There, wgpu's path costs about five
//! times glow's for each frame (measured under Xvfb with llvmpipe, 960×620 with 100,000
//! sessions: 27 ms against 4.8 ms of renderer CPU a frame on each of its two threads), which a
//! folder being read pays for every frame it paints. On Windows, wgpu draws through Direct3D 12,
//! which falls back to Microsoft's software rasteriser where no driver offers OpenGL 2 (basic
//! display adapters, some remote sessions); on macOS through Metal, where OpenGL is
//! deprecated. So each system starts with the renderer that works best there and falls back
//! to the other one if it cannot open the window.

use eframe::Renderer;

/// The environment variable that chooses the renderer: `glow` (OpenGL) or `wgpu`.
pub const RENDERER_VAR: &str = "MOBILE_SESSIONS_RENDERER";

/// The renderers to try, in order, and a sentence to print when the variable named a renderer
/// that does not exist (the default order is used then).
pub fn renderers_to_try(requested: Option<&str>) -> ([Renderer; 2], Option<String>) {
    let default = default_order();
    match requested.map(str::trim) {
        None | Some("") => (default, None),
        Some(name) => match renderer_named(name) {
            Some(first) => ([first, other_than(first)], None),
            None => (
                default,
                Some(format!(
                    "{RENDERER_VAR}={name:?} is not a renderer this app has: set it to \"glow\" \
                     or \"wgpu\"; the window opens with {} now.",
                    renderer_name(default[0])
                )),
            ),
        },
    }
}

/// The renderer's name as [`RENDERER_VAR`] takes it.
pub fn renderer_name(renderer: Renderer) -> &'static str {
    match renderer {
        Renderer::Glow => "glow",
        Renderer::Wgpu => "wgpu",
    }
}

fn renderer_named(name: &str) -> Option<Renderer> {
    [Renderer::Glow, Renderer::Wgpu]
        .into_iter()
        .find(|renderer| renderer_name(*renderer).eq_ignore_ascii_case(name))
}

fn other_than(renderer: Renderer) -> Renderer {
    match renderer {
        Renderer::Glow => Renderer::Wgpu,
        Renderer::Wgpu => Renderer::Glow,
    }
}

/// Direct3D 12 on Windows and Metal on macOS through wgpu; OpenGL through glow elsewhere.
fn default_order() -> [Renderer; 2] {
    if cfg!(any(windows, target_os = "macos")) {
        [Renderer::Wgpu, Renderer::Glow]
    } else {
        [Renderer::Glow, Renderer::Wgpu]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_system_starts_with_its_renderer_and_keeps_the_other_to_fall_back_on() {
        let (order, warning) = renderers_to_try(None);
        assert_eq!(warning, None);
        if cfg!(any(windows, target_os = "macos")) {
            assert_eq!(order, [Renderer::Wgpu, Renderer::Glow]);
        } else {
            assert_eq!(order, [Renderer::Glow, Renderer::Wgpu]);
        }
        assert_eq!(renderers_to_try(Some("  ")).0, order);
    }

    #[test]
    fn the_variable_chooses_the_first_renderer_in_any_case() {
        assert_eq!(
            renderers_to_try(Some("wgpu")),
            ([Renderer::Wgpu, Renderer::Glow], None)
        );
        assert_eq!(
            renderers_to_try(Some("GLOW")),
            ([Renderer::Glow, Renderer::Wgpu], None)
        );
    }

    #[test]
    fn an_unknown_renderer_is_named_back_with_the_two_that_exist() {
        let (order, warning) = renderers_to_try(Some("vulkan"));
        assert_eq!(order, renderers_to_try(None).0);
        let warning = warning.expect("a sentence for the user");
        assert!(warning.contains("\"vulkan\""), "{warning}");
        assert!(warning.contains("\"glow\" or \"wgpu\""), "{warning}");
        assert!(warning.contains(renderer_name(order[0])), "{warning}");
    }
}

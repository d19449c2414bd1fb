//! The badge on Windows: an overlay icon on the taskbar button
//! (`ITaskbarList3::SetOverlayIcon`), a 16×16 red disc with the number in white, drawn by
//! [`super::overlay_pixels`], and a description that screen readers say ("3 devices wait for
//! approval"). At 0 the overlay is removed.
//!
//! COM must be running on the calling thread: winit has already started it there (OLE, an
//! apartment-threaded one), so `CoInitializeEx` answers `S_FALSE` and only counts one more
//! user, balanced after the call. A thread where COM runs multithreaded (`RPC_E_CHANGED_MODE`)
//! can still use the taskbar object, through COM's marshalling.

use raw_window_handle::{HasWindowHandle, RawWindowHandle};
use windows::Win32::Foundation::{HWND, RPC_E_CHANGED_MODE};
use windows::Win32::Graphics::Gdi::{CreateBitmap, DeleteObject, HBITMAP};
use windows::Win32::System::Com::{
    CLSCTX_INPROC_SERVER, COINIT_APARTMENTTHREADED, CoCreateInstance, CoInitializeEx,
    CoUninitialize,
};
use windows::Win32::UI::Shell::{ITaskbarList3, TaskbarList};
use windows::Win32::UI::WindowsAndMessaging::{CreateIconIndirect, DestroyIcon, HICON, ICONINFO};
use windows::core::{HSTRING, PCWSTR};

use super::{BadgeStatus, OVERLAY_SIZE, Shared, overlay_pixels};
use crate::trn;

/// Nothing to keep: the taskbar object is asked for at each change, which is rare.
pub struct Platform;

impl Platform {
    pub fn new() -> Self {
        Platform
    }

    /// Sets the overlay of the window's taskbar button to `count`, or removes it at 0.
    pub fn show(&mut self, count: usize, frame: &eframe::Frame, status: &Shared) {
        let hwnd = match frame.window_handle().map(|handle| handle.as_raw()) {
            Ok(RawWindowHandle::Win32(handle)) => handle.hwnd.get(),
            Ok(_) => {
                status.set(BadgeStatus::Unavailable(
                    "the window is not a Win32 window".to_owned(),
                ));
                return;
            }
            Err(error) => {
                status.set(BadgeStatus::Unavailable(format!(
                    "the window has no handle ({error})"
                )));
                return;
            }
        };
        let description = trn!(BadgeWaitingOne, BadgeWaiting, count);
        match set_taskbar_overlay(hwnd, count, &description) {
            Ok(()) => status.set(BadgeStatus::Sent(count)),
            Err(error) => status.set(BadgeStatus::Unavailable(format!(
                "the taskbar refused the overlay: {error}"
            ))),
        }
    }
}

/// COM started (or counted once more) on this thread, until dropped.
struct ComUser {
    balance: bool,
}

impl ComUser {
    fn start() -> windows::core::Result<Self> {
        // SAFETY: no reserved pointer; the matching CoUninitialize is in Drop.
        let result = unsafe { CoInitializeEx(None, COINIT_APARTMENTTHREADED) };
        if result == RPC_E_CHANGED_MODE {
            // COM already runs here, multithreaded: usable, and not ours to balance.
            return Ok(ComUser { balance: false });
        }
        result.ok()?;
        Ok(ComUser { balance: true })
    }
}

impl Drop for ComUser {
    fn drop(&mut self) {
        if self.balance {
            // SAFETY: balances the successful CoInitializeEx of `start` on this thread.
            unsafe { CoUninitialize() };
        }
    }
}

/// Sets the overlay of the taskbar button of window `hwnd` (a Win32 `HWND`) to `count`, with
/// `description` for screen readers; 0 removes it. Call it on the thread that owns the window.
pub fn set_taskbar_overlay(
    hwnd: isize,
    count: usize,
    description: &str,
) -> windows::core::Result<()> {
    let hwnd = HWND(hwnd as *mut core::ffi::c_void);
    let _com = ComUser::start()?;
    // SAFETY: COM runs on this thread (above); the taskbar object is used and released here.
    unsafe {
        let taskbar: ITaskbarList3 = CoCreateInstance(&TaskbarList, None, CLSCTX_INPROC_SERVER)?;
        taskbar.HrInit()?;
        if count == 0 {
            return taskbar.SetOverlayIcon(hwnd, HICON::default(), PCWSTR::null());
        }
        let icon = taskbar_overlay_icon(count)?;
        let result = taskbar.SetOverlayIcon(hwnd, icon, &HSTRING::from(description));
        // The taskbar keeps its own copy of the icon.
        let _ = DestroyIcon(icon);
        result
    }
}

/// The overlay for `count` as a 16×16 icon: 32-bit colour with its alpha, and an empty mask
/// (the alpha decides what shows). The caller destroys it (`DestroyIcon`).
pub fn taskbar_overlay_icon(count: usize) -> windows::core::Result<HICON> {
    let size = OVERLAY_SIZE as i32;
    // 0xAARRGGBB in memory on a little-endian machine is B, G, R, A: the order Windows wants.
    let colour = overlay_pixels(count);
    // A monochrome bitmap's rows are padded to 16 bits: 2 bytes a row here, all zero.
    let mask = [0u8; OVERLAY_SIZE * OVERLAY_SIZE / 8];
    // SAFETY: both buffers hold exactly the bitmap sizes given and outlive the calls; every
    // handle made here is deleted here, the icon is the caller's.
    unsafe {
        let colour = Bitmap(CreateBitmap(
            size,
            size,
            1,
            32,
            Some(colour.as_ptr().cast()),
        ));
        let mask = Bitmap(CreateBitmap(size, size, 1, 1, Some(mask.as_ptr().cast())));
        if colour.0.is_invalid() || mask.0.is_invalid() {
            return Err(windows::core::Error::from_thread());
        }
        CreateIconIndirect(&ICONINFO {
            fIcon: true.into(),
            xHotspot: 0,
            yHotspot: 0,
            hbmMask: mask.0,
            hbmColor: colour.0,
        })
    }
}

/// A bitmap deleted when dropped (the icon made from it keeps its own copy).
struct Bitmap(HBITMAP);

impl Drop for Bitmap {
    fn drop(&mut self) {
        if !self.0.is_invalid() {
            // SAFETY: a bitmap this module created and selected into no device context.
            let _ = unsafe { DeleteObject(self.0.into()) };
        }
    }
}

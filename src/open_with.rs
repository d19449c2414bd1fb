//! Folders and data files the system asks the running app to open. On Linux and Windows they
//! arrive as command-line arguments (the desktop entry's `%F`, Explorer's *Open with*, a drop
//! on the program's icon), which `main` already handles. macOS sends them as an Apple Event
//! instead (Finder's *Open With*, a drop on the Dock icon, double-clicking a document), to a
//! running app as well as at launch: this module receives them and hands them to the window.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Paths asked for and not yet taken by the window.
static REQUESTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Wakes the window when a path arrives while it is idle.
static WAKE: OnceLock<Box<dyn Fn() + Send + Sync>> = OnceLock::new();

/// Records a path the system asked to open, and wakes the window.
pub fn request(path: PathBuf) {
    if let Ok(mut requested) = REQUESTED.lock() {
        requested.push(path);
    }
    if let Some(wake) = WAKE.get() {
        wake();
    }
}

/// The paths asked for since the last call, oldest first.
pub fn take_requested() -> Vec<PathBuf> {
    REQUESTED
        .lock()
        .map(|mut requested| std::mem::take(&mut *requested))
        .unwrap_or_default()
}

/// Sets how to wake the window when a path arrives (its `request_repaint`).
pub fn set_wake(wake: impl Fn() + Send + Sync + 'static) {
    let _ = WAKE.set(Box::new(wake));
}

/// Starts listening for the system's requests. Call it before the event loop runs, so a path
/// given at launch is not missed. Nothing to do outside macOS.
pub fn listen() {
    #[cfg(target_os = "macos")]
    macos::listen();
}

#[cfg(target_os = "macos")]
mod macos {
    //! AppKit hands documents to the application delegate's `application:openURLs:`, and at
    //! launch does so between "will finish launching" and "did finish launching". winit
    //! registers no delegate of its own and creates the application object only when the event
    //! loop is built, so this waits for the "will finish launching" notification (which needs
    //! no application object to subscribe to) and sets the delegate then.

    use std::ptr::NonNull;

    use objc2::rc::Retained;
    use objc2::runtime::ProtocolObject;
    use objc2::{MainThreadMarker, MainThreadOnly, define_class, msg_send};
    use objc2_app_kit::{
        NSApplication, NSApplicationDelegate, NSApplicationWillFinishLaunchingNotification,
    };
    use objc2_foundation::{
        NSArray, NSNotification, NSNotificationCenter, NSObject, NSObjectProtocol, NSURL,
    };

    define_class!(
        // SAFETY: NSObject has no subclassing requirements, and this class has no Drop.
        #[unsafe(super(NSObject))]
        #[thread_kind = MainThreadOnly]
        #[name = "MobileSessionsOpenWith"]
        struct OpenWith;

        unsafe impl NSObjectProtocol for OpenWith {}

        unsafe impl NSApplicationDelegate for OpenWith {
            #[unsafe(method(application:openURLs:))]
            fn application_open_urls(&self, _application: &NSApplication, urls: &NSArray<NSURL>) {
                for url in urls.iter() {
                    if let Some(path) = url.path() {
                        super::request(std::path::PathBuf::from(path.to_string()));
                    }
                }
            }
        }
    );

    impl OpenWith {
        fn new(mtm: MainThreadMarker) -> Retained<Self> {
            let this = Self::alloc(mtm).set_ivars(());
            // SAFETY: NSObject's init, on a freshly allocated object.
            unsafe { msg_send![super(this), init] }
        }
    }

    pub fn listen() {
        let block = block2::RcBlock::new(|_: NonNull<NSNotification>| {
            let Some(mtm) = MainThreadMarker::new() else {
                return;
            };
            let delegate = OpenWith::new(mtm);
            NSApplication::sharedApplication(mtm)
                .setDelegate(Some(ProtocolObject::from_ref(&*delegate)));
            // The application keeps its delegate weakly: keep this one for the app's life.
            std::mem::forget(delegate);
        });
        // SAFETY: the notification is posted on the main thread, where the block runs; the
        // block captures nothing.
        let observer = unsafe {
            NSNotificationCenter::defaultCenter().addObserverForName_object_queue_usingBlock(
                Some(NSApplicationWillFinishLaunchingNotification),
                None,
                None,
                &block,
            )
        };
        // Observing lasts as long as the observer token lives: the whole run.
        std::mem::forget(observer);
    }
}

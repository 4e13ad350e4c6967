//! Offline use: registers the service worker that the release build's post-build hook
//! (scripts/offline/post-build.mjs) wrote beside the page, so the app opens without a network.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerContainer;

#[wasm_bindgen]
extern "C" {
    /// The navigator, read for `serviceWorker` alone. That is missing outside secure
    /// contexts and in some private modes, and Firefox makes reading it throw when cookies
    /// are blocked; web-sys's getter would let the exception through the app.
    type WorkerNavigator;
    #[wasm_bindgen(catch, method, getter, js_name = serviceWorker)]
    fn service_worker(this: &WorkerNavigator) -> Result<JsValue, JsValue>;
}

/// The `<meta>` the hook writes only into release builds that ship a service worker; debug
/// builds, `trunk serve` and the single-file build have none, so nothing is registered there.
const MARK: &str = "meta[name=threshold-service-worker]";

/// Registers the service worker named by the page, in the background. Never fails the app:
/// without a worker it simply needs its server, as before, and says so in the console.
pub fn register_service_worker() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(reason) = register().await {
            gloo::console::warn!(format!("Threshold will not open offline: {reason}"));
        }
    });
}

/// Registers the worker the page names, where one is named and the browser can have one.
/// `Ok(false)`: nothing to register here; `Err`: the browser refused it, in words.
pub async fn register() -> Result<bool, String> {
    let Some(window) = web_sys::window() else {
        return Ok(false);
    };
    let Some(script) = window
        .document()
        .and_then(|document| document.query_selector(MARK).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
    else {
        return Ok(false);
    };
    // A page opened from a file has no origin to cache for.
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return Ok(false);
    }
    let Ok(container) = window
        .navigator()
        .unchecked_into::<WorkerNavigator>()
        .service_worker()
        .and_then(|value| value.dyn_into::<ServiceWorkerContainer>())
    else {
        return Ok(false);
    };
    JsFuture::from(container.register(&script))
        .await
        .map(|_| true)
        .map_err(|_| format!("the browser refused its service worker ({script})."))
}

//! Offline use: registers the service worker that the release build's post-build hook
//! (scripts/offline/post-build.mjs) wrote beside the page, so the app opens without a network.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The `<meta>` the hook writes only into release builds that ship a service worker; debug
/// builds, `trunk serve` and the single-file build have none, so nothing is registered there.
const MARK: &str = "meta[name=threshold-service-worker]";

/// Registers the service worker named by the page, where one is named and the browser can
/// have one. Never fails the app: without a worker it simply needs its server, as before.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(script) = window
        .document()
        .and_then(|document| document.query_selector(MARK).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
    else {
        return;
    };
    // A page opened from a file has no origin to cache for.
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    // Absent outside secure contexts and in some private modes; calling it would throw.
    let container = window.navigator().service_worker();
    if JsValue::from(&container).is_undefined() {
        return;
    }
    let registration = container.register(&script);
    wasm_bindgen_futures::spawn_local(async move {
        if JsFuture::from(registration).await.is_err() {
            gloo::console::warn!(
                "Threshold will not open offline: the browser refused its service worker."
            );
        }
    });
}

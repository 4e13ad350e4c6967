//! Hands text to the browser as a file download (a Blob behind a temporary object URL): how
//! workspace, proposal and CSV files leave the page without any server.

use gloo::file::{Blob, ObjectUrl};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlAnchorElement;

use crate::i18n::Message;

/// How long the object URL outlives the click: the browser reads it after the click returns.
const KEEP_URL_MS: u32 = 60_000;

/// Starts a download of `contents` named `file_name`; `Err` says why the browser refused.
pub fn offer(file_name: &str, mime: &str, contents: &str) -> Result<(), Message> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| Message::new("keep.download.no_document"))?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into().ok())
        .ok_or_else(|| Message::new("keep.download.no_link"))?;
    let url = ObjectUrl::from(Blob::new_with_options(contents, Some(mime)));
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    Timeout::new(KEEP_URL_MS, move || drop(url)).forget();
    Ok(())
}

/// A file name part from free text: letters, digits and dashes only.
pub fn file_name_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out.chars().take(60).collect()
    }
}

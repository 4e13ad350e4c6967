//! The saved-scenario list in the browser's localStorage (through gloo-storage): read once
//! when the page opens, written after each change; unreadable data is copied to a backup key
//! before anything can overwrite it, and every failure comes back as a problem to show.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

use crate::i18n::{Lang, Message};
use crate::saved_scenarios::{
    from_storage_text, to_storage_text, SavedScenario, SavedShelf, StorageProblem,
    BACKUP_KEY_PREFIX, STORAGE_KEY,
};

/// localStorage, or why it cannot be used. Checked here because gloo's `raw()` throws when
/// the browser has storage switched off, and a throw must not reach the page.
fn storage() -> Result<web_sys::Storage, StorageProblem> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StorageProblem::Unavailable(Message::new(
            "keep.storage.unavailable",
        ))),
    }
}

/// The name of the browser's error for a failed write (`QuotaExceededError` when full):
/// the panel words it in the page's language.
fn write_failure(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

/// The list as stored, or an empty list and the problem that kept it from being read.
pub fn load() -> SavedShelf {
    let mut shelf = SavedShelf::default();
    let storage = match storage() {
        Ok(storage) => storage,
        Err(problem) => {
            shelf.problem = Some(problem);
            return shelf;
        }
    };
    let raw = match storage.get_item(STORAGE_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return shelf,
        Err(_) => {
            shelf.problem = Some(StorageProblem::Unavailable(Message::new(
                "keep.storage.read_refused",
            )));
            return shelf;
        }
    };
    match from_storage_text(&raw) {
        Ok(entries) => shelf.entries = entries,
        Err(reason) => {
            // A new key each time: an earlier backup is never overwritten either.
            let backup_key = format!("{BACKUP_KEY_PREFIX}{}", js_sys::Date::now() as u64);
            let backed_up = storage.set_item(&backup_key, &raw).is_ok();
            shelf.problem = Some(StorageProblem::Unreadable {
                reason,
                raw,
                backup_key: backed_up.then_some(backup_key),
            });
        }
    }
    shelf
}

/// The stored entries if they can be read; for following another tab's changes, where
/// trouble is left to the next load to report.
pub fn read_entries() -> Option<Vec<SavedScenario>> {
    let raw = storage().ok()?.get_item(STORAGE_KEY).ok()??;
    from_storage_text(&raw).ok()
}

/// Writes the list; `Err` is the problem to show (nothing is written while unreadable data
/// has no backup).
pub fn store(shelf: &SavedShelf) -> Result<(), StorageProblem> {
    if !shelf.may_write() {
        return Ok(());
    }
    let storage = storage()?;
    storage
        .set_item(STORAGE_KEY, &to_storage_text(&shelf.entries))
        .map_err(|error| StorageProblem::WriteFailed(write_failure(&error)))
}

/// The time now, as saved scenarios and exported files record it.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Where this browser remembers the language last chosen with the switch.
pub const LANG_KEY: &str = "threshold.lang";

/// The language code last chosen here, if storage can be read.
pub fn remembered_lang() -> Option<String> {
    storage().ok()?.get_item(LANG_KEY).ok()?
}

/// Remembers a chosen language. A refusal is not reported: the choice still holds for this
/// page, and the next visit falls back to the browser's own preference.
pub fn remember_lang(lang: Lang) {
    if let Ok(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string())
                .collect()
        })
        .unwrap_or_default()
}

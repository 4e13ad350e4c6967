//! Threshold's browser app: Yew components that render what the engine computes.

pub mod app;
pub mod browser_storage;
pub mod case_deck;
pub mod case_fields;
pub mod caseload_import;
pub mod caseload_run;
pub mod caseload_worker;
pub mod charts;
pub mod components;
pub mod download;
pub mod i18n;
pub mod offline;
pub mod parameters;
pub mod saved_scenarios;
pub mod share_link;
pub mod state;
pub mod story;
pub mod units;
pub mod workspace_file;

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_support;

pub use app::App;

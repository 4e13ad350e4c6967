//! Threshold's browser app: Yew components that render what the engine computes.

pub mod app;
pub mod case_fields;
pub mod charts;
pub mod components;
pub mod parameters;
pub mod share_link;
pub mod state;
pub mod units;

pub use app::App;

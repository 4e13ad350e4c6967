//! Threshold's browser app: Yew components that render what the engine computes.

pub mod app;
pub mod components;

pub use app::App;

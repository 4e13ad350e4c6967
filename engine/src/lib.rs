//! Threshold's engine: the law, the Guidelines and the models, as pure Rust with no web
//! dependencies, so the browser app, the `threshold` command and the tests share one truth.

pub mod edition;
pub mod sentencing_table;

pub use edition::ManualEdition;
pub use sentencing_table::{guideline_range, zone, CriminalHistory, GuidelineRange, Zone};

/// The engine's version, shown by the app and the command line so a figure can be traced to
/// the code that produced it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

//! Threshold's engine: the law, the Guidelines and the models, as pure Rust with no web
//! dependencies, so the browser app, the `threshold` command and the tests share one truth.
//!
//! Entry points: [`evaluate`]`(&Case, &Law, &SentencingParams) -> Result<Evaluation, _>`,
//! with [`Law::embedded`] and [`SentencingParams::embedded`] as the defaults; the
//! prosecution model in [`prosecution`]: [`assess`], [`compare_charges`],
//! [`firearms_threshold`] with [`ProsecutionParams::embedded`].

pub mod answer;
pub mod backtest;
pub mod batch;
pub mod calibration;
pub mod case;
pub mod caseload;
pub mod checks;
pub mod edition;
pub mod evaluate;
pub mod examples;
pub mod export;
pub mod files;
#[cfg(test)]
mod golden;
pub mod guidelines;
pub mod i18n;
pub mod imposed;
pub mod law;
pub mod likely;
pub mod prosecution;
pub mod scenario;
#[cfg(feature = "schema")]
pub mod schema;
pub mod sensitivity;
pub mod sentencing_table;
pub mod serde_words;
pub mod stamp;
pub mod timeline;
pub mod worksheet;

pub use case::{Case, CaseError};
pub use edition::{ManualChoice, ManualEdition};
pub use evaluate::{
    evaluate, evaluate_each_charge, evaluate_quick, Evaluation, EvaluationError, MonthRange,
};
pub use i18n::{Lang, Message, Text};
pub use imposed::{
    expected_sentence, sentence_histogram, ExpectedSentence, HistogramBin, Param,
    SentencingOverrides, SentencingParams,
};
pub use law::{Charge, ChargeId, Date, GuidelineSection, Law, LawEra, Recipient, Role};
pub use prosecution::{
    acceptance_probability, assess, assess_charge_set, compare_charges, conviction_probability,
    decline_reasons, firearms_threshold, ChargeComparison, ChargeOption, DeclineReasons,
    ProsecutionAssessment, ProsecutionFacts, ProsecutionOverrides, ProsecutionParams,
    ThresholdFinding,
};
pub use sentencing_table::{guideline_range, zone, CriminalHistory, GuidelineRange, Zone};
pub use stamp::Stamp;
pub use worksheet::{Assumption, Step, Worksheet};

/// The engine's version, shown by the app and the command line so a figure can be traced to
/// the code that produced it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

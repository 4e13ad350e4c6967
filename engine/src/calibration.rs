//! Calibration against the seed paper: typical-case profiles (data/calibration.json)
//! evaluated under the 2010 Manual and April 2011 law, beside the figures the paper reports.

use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::evaluate::{evaluate, Evaluation, EvaluationError};
use crate::imposed::SentencingParams;
use crate::law::Law;

const PROFILES_JSON: &str = include_str!("../data/calibration.json");

/// Which figure of the expected sentence a profile is compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    /// Share of sentences under 12 months.
    #[serde(rename = "share_under_12_months")]
    ShareUnder12Months,
    /// Mean imposed sentence in months.
    MeanMonths,
}

/// The test a profile must pass: a share at least some value, or a mean within a relative
/// tolerance of the paper's figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Check {
    AtLeast { at_least: f64 },
    Within { target: f64, tolerance: f64 },
}

impl Check {
    pub fn passes(&self, value: f64) -> bool {
        match *self {
            Check::AtLeast { at_least } => value >= at_least,
            Check::Within { target, tolerance } => (value - target).abs() <= target * tolerance,
        }
    }

    /// The check in words, for the table.
    pub fn describe(&self) -> String {
        match *self {
            Check::AtLeast { at_least } => format!("≥ {:.0}%", at_least * 100.0),
            Check::Within { target, tolerance } => {
                format!("{target:.0} ± {:.0}%", tolerance * 100.0)
            }
        }
    }
}

/// A documented typical case and the paper's figure for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub profile: String,
    pub description: String,
    pub case: Case,
    pub statistic: Statistic,
    pub paper_figure: String,
    pub check: Check,
    pub source: String,
}

/// A profile with the model's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationRow {
    pub profile: Profile,
    pub evaluation: Evaluation,
    /// The compared figure: a share (0–1) or months.
    pub model_value: f64,
    pub passes: bool,
}

/// The embedded profiles, parsed once.
pub fn profiles() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    // Fixed at build time and parsed by the tests.
    PROFILES.get_or_init(|| {
        serde_json::from_str(PROFILES_JSON).expect("embedded calibration profiles are valid")
    })
}

/// Evaluates every profile.
pub fn calibrate(
    law: &Law,
    params: &SentencingParams,
) -> Result<Vec<CalibrationRow>, EvaluationError> {
    profiles()
        .iter()
        .map(|profile| {
            let evaluation = evaluate(&profile.case, law, params)?;
            let e = &evaluation.expected_sentence_months;
            let model_value = match profile.statistic {
                Statistic::ShareUnder12Months => 1.0 - e.p_at_least_12_months,
                Statistic::MeanMonths => e.mean,
            };
            Ok(CalibrationRow {
                passes: profile.check.passes(model_value),
                profile: profile.clone(),
                evaluation,
                model_value,
            })
        })
        .collect()
}

/// The calibration table in Markdown, as printed by `threshold calibrate`.
pub fn markdown_table(rows: &[CalibrationRow]) -> String {
    let mut out = String::from(
        "| profile | level → range (2010 Manual) | model figure | paper figure | tolerance | passes |\n\
         |---|---|---|---|---|---|\n",
    );
    for row in rows {
        let e = &row.evaluation;
        let range = match e.guideline_range_months.max {
            Some(max) if max == e.guideline_range_months.min => format!("{max} mo"),
            Some(max) => format!("{}–{max} mo", e.guideline_range_months.min),
            None => format!("{} mo–life", e.guideline_range_months.min),
        };
        let model = match row.profile.statistic {
            Statistic::ShareUnder12Months => format!(
                "{:.0}% under 12 months (median {:.0} mo)",
                row.model_value * 100.0,
                e.expected_sentence_months.median
            ),
            Statistic::MeanMonths => format!(
                "mean {:.1} mo (median {:.0})",
                row.model_value, e.expected_sentence_months.median
            ),
        };
        let _ = writeln!(
            out,
            "| {} | {} → {} | {} | {} | {} | {} |",
            row.profile.profile,
            e.offense_level,
            range,
            model,
            row.profile.paper_figure,
            row.profile.check.describe(),
            if row.passes { "yes" } else { "no" }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model reproduces the seed paper's figures within the stated tolerances.
    #[test]
    fn profiles_reproduce_the_paper() {
        let rows = calibrate(Law::embedded(), SentencingParams::embedded()).unwrap();
        assert_eq!(rows.len(), 5);
        for row in &rows {
            assert!(
                row.passes,
                "{}: model {} vs {}",
                row.profile.id,
                row.model_value,
                row.profile.check.describe()
            );
            assert_eq!(row.evaluation.manual.code(), "2010");
        }
    }

    /// The README shows the table this command prints, not a stale copy.
    #[test]
    fn readme_table_matches_the_command() {
        let rows = calibrate(Law::embedded(), SentencingParams::embedded()).unwrap();
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&markdown_table(&rows)),
            "engine/README.md: paste the output of `threshold calibrate`"
        );
    }
}

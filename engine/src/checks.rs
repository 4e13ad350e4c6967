//! How far the figures hold, in a few sentences: the calibration against published figures
//! and the back-test against real sentences summed up for the printed brief and the slides.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::backtest::Backtest;
use crate::evaluate::EvaluationError;
use crate::i18n::Message;
use crate::imposed::SentencingParams;
use crate::law::Law;
use crate::prosecution::calibration::{calibrate_prosecution, calibration_checks, CalibrationData};
use crate::prosecution::ProsecutionParams;

/// The calibration's standing in words; the full table is `threshold calibrate` (and the
/// app's "How far the figures hold").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationSummary {
    /// How many published figures are met within their tolerance, of how many.
    #[serde(with = "crate::i18n::english")]
    pub line: Message,
    /// Each figure not met: what it is, the model's figure and the published one.
    #[serde(with = "crate::i18n::english_list")]
    pub misses: Vec<Message>,
    pub met: usize,
    pub figures: usize,
}

/// The calibration under the given parameters against the embedded targets. It costs one
/// pass over the referral population (a few tens of milliseconds in WebAssembly).
pub fn calibration_summary(
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<CalibrationSummary, EvaluationError> {
    let data = CalibrationData::embedded();
    let rows = calibration_checks(
        &calibrate_prosecution(law, sentencing, prosecution, data)?,
        data,
    );
    let met = rows.iter().filter(|r| r.passes).count();
    let misses = rows
        .iter()
        .filter(|r| !r.passes)
        .map(|r| {
            Message::new(if r.upper_bound {
                "checks.summary.miss_at_most"
            } else {
                "checks.summary.miss"
            })
            .with("figure", r.label.clone())
            .verbatim("model", r.model.clone())
            .verbatim("published", r.published.clone())
        })
        .collect();
    Ok(summary_of(met, rows.len(), misses))
}

/// What `data/default_calibration.json` keeps of the default model's calibration: the
/// printed brief shows it on every page, and computing it there would put a pass over the
/// referral population on the page's main thread. A test keeps it equal to the computed one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredCalibration {
    met: usize,
    figures: usize,
    misses: Vec<Message>,
}

const DEFAULT_CALIBRATION_JSON: &str = include_str!("../data/default_calibration.json");

fn summary_of(met: usize, figures: usize, misses: Vec<Message>) -> CalibrationSummary {
    CalibrationSummary {
        line: Message::new("checks.summary.calibration")
            .with("met", met)
            .with("figures", figures),
        misses,
        met,
        figures,
    }
}

/// The default model's calibration summary, as committed (see [`StoredCalibration`]).
pub fn default_calibration() -> &'static CalibrationSummary {
    static SUMMARY: OnceLock<CalibrationSummary> = OnceLock::new();
    SUMMARY.get_or_init(|| {
        // Fixed at build time and checked by the tests.
        let s: StoredCalibration =
            serde_json::from_str(DEFAULT_CALIBRATION_JSON).expect("embedded calibration is valid");
        summary_of(s.met, s.figures, s.misses)
    })
}

/// The back-test in one sentence: how many real sentences fall inside the model's band.
pub fn backtest_summary(b: &Backtest) -> Message {
    Message::new("checks.summary.backtest")
        .with("inside", b.total.inside)
        .with("cases", b.total.cases)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::default_backtest;
    use crate::i18n::Lang;

    /// The summary counts what the two commands print, and reads in both languages.
    #[test]
    fn the_summary_counts_what_the_tables_show() {
        let (law, sp, pp) = (
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
        );
        let s = calibration_summary(law, sp, pp).unwrap();
        let data = CalibrationData::embedded();
        let rows = calibration_checks(&calibrate_prosecution(law, sp, pp, data).unwrap(), data);
        assert_eq!(s.figures, rows.len());
        assert_eq!(s.met + s.misses.len(), s.figures);
        assert!(s.met > s.figures / 2, "{} of {}", s.met, s.figures);
        let b = default_backtest();
        let line = backtest_summary(&b);
        for lang in [Lang::En, Lang::Es] {
            let text = s.line.render(lang);
            assert!(text.contains(&s.figures.to_string()), "{text}");
            let text = line.render(lang);
            assert!(text.contains(&b.total.cases.to_string()), "{text}");
            for m in s.misses.iter().chain([&line]) {
                let text = m.render(lang);
                assert!(!text.contains('{') && !text.contains('_'), "{text}");
            }
        }
    }

    /// The committed default calibration is what the default model computes;
    /// `UPDATE_GOLDEN=1` rewrites it.
    #[test]
    fn committed_default_calibration_is_the_computed_one() {
        let s = calibration_summary(
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
        )
        .unwrap();
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            let stored = StoredCalibration {
                met: s.met,
                figures: s.figures,
                misses: s.misses.clone(),
            };
            let text = serde_json::to_string_pretty(&stored).unwrap() + "\n";
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/data/default_calibration.json"),
                text,
            )
            .unwrap();
            return;
        }
        assert_eq!(
            default_calibration(),
            &s,
            "data/default_calibration.json: run UPDATE_GOLDEN=1 cargo test -p threshold-engine --lib default_calibration"
        );
    }
}

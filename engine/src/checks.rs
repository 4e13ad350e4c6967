//! How far the figures hold, in a few sentences: the calibration against published figures
//! and the back-test against real sentences summed up for the printed brief and the slides.

use serde::Serialize;

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
    Ok(CalibrationSummary {
        line: Message::new("checks.summary.calibration")
            .with("met", met)
            .with("figures", rows.len()),
        misses,
        met,
        figures: rows.len(),
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
}

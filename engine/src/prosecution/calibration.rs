//! Calibration of the prosecution model against published aggregates
//! (data/prosecution_calibration.json) over the referral population: TRAC's decline rate,
//! decline reasons and convictions, the unwritten 10–20-gun threshold, GAO's lie-and-try
//! cases, and the districts with published rates; and the paper's typical cases, whose
//! charge ranking the README shows.

use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::compare::{compare_charges, firearms_threshold, ChargeComparison};
use super::{
    acceptance_probability, conviction_probability, decline_reasons, DeclineReason, DeclineReasons,
    ProsecutionFacts, ProsecutionParams,
};
use crate::case::Case;
use crate::caseload::{Caseload, ReferralPopulation};
use crate::evaluate::EvaluationError;
use crate::i18n::{Lang, Message, Text};
use crate::imposed::SentencingParams;
use crate::law::Law;
use crate::scenario::{Applied, Baseline};

const CALIBRATION_JSON: &str = include_str!("../../data/prosecution_calibration.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TracShares {
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    /// Percent of all FY2004 declinations, for the four reasons the model represents.
    pub shares_percent: DeclineReasons,
    /// How far (percentage points) a model share may sit from TRAC's renormalised share.
    pub tolerance_points: f64,
}

impl TracShares {
    /// TRAC's shares renormalised to the four reasons (summing to 1).
    pub fn renormalised(&self) -> DeclineReasons {
        let s = &self.shares_percent;
        let total = s.total();
        DeclineReasons {
            low_penalty: s.low_penalty / total,
            weak_evidence: s.weak_evidence / total,
            no_intent_evidence: s.no_intent_evidence / total,
            other: s.other / total,
        }
    }
}

/// A published figure the model aims at, and how far from it the model may sit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub value: f64,
    pub tolerance: f64,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

impl Target {
    pub fn holds(&self, model: f64) -> bool {
        (model - self.value).abs() <= self.tolerance + 1e-12
    }
}

/// Referrals of people denied at the dealer who obtained no firearm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LieAndTry {
    pub max_acceptance: f64,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    pub case: Case,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub decline_rate: Target,
    pub conviction_given_prosecution: Target,
    pub convictions_per_referral: Target,
    /// Reported beside the model, not fitted.
    pub months_per_conviction: Target,
    pub lie_and_try: LieAndTry,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdTarget {
    pub min_firearms: u32,
    pub max_firearms: u32,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    pub case: Case,
}

/// A district with a published decline rate of ATF referrals (all referrals, not only
/// trafficking ones).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub id: String,
    pub name: Text,
    pub fiscal_year: u16,
    pub decline_rate: f64,
    /// The rate is only known to be at most this (not verified as a figure).
    pub upper_bound: bool,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

impl District {
    /// The change in acceptance log-odds that moves the national odds of acceptance to this
    /// district's: the same relative leniency applied to every trafficking referral.
    pub fn intercept_shift(&self, national: &District) -> f64 {
        logit(1.0 - self.decline_rate) - logit(1.0 - national.decline_rate)
    }
}

/// One of the paper's typical cases, for the charge ranking in the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypicalCase {
    pub id: String,
    pub title: String,
    pub case: Case,
}

/// Where the fit starts and what it is pulled toward where the targets leave a weight
/// loose: an assumption, stated in the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitPrior {
    pub center: f64,
    pub width: f64,
}

/// The calibration data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationData {
    pub trac_fy2004: TracShares,
    /// Priors of the fitted parameters, by name.
    pub fit_priors: std::collections::BTreeMap<String, FitPrior>,
    #[serde(with = "crate::i18n::cited")]
    pub fit_priors_source: Text,
    pub targets: Targets,
    pub threshold: ThresholdTarget,
    /// The first is the national rate the others are measured against.
    pub districts: Vec<District>,
    pub typical_cases: Vec<TypicalCase>,
}

impl CalibrationData {
    /// The embedded calibration data, parsed once.
    pub fn embedded() -> &'static CalibrationData {
        static DATA: OnceLock<CalibrationData> = OnceLock::new();
        // Fixed at build time and parsed by the tests.
        DATA.get_or_init(|| {
            serde_json::from_str(CALIBRATION_JSON).expect("embedded calibration data is valid")
        })
    }

    pub fn national(&self) -> &District {
        &self.districts[0]
    }

    pub fn district(&self, id: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.id == id)
    }
}

/// A charge option of a referral reduced to what the prosecution parameters act on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PreparedOption {
    pub months_if_convicted: f64,
    /// Every count is an export charge (its conviction chance carries the export term).
    pub export_only: bool,
}

/// A referral's facts and charge options, evaluated once so that the prosecution model can
/// be re-run over the population for any parameters without the sentencing engine.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PreparedReferral {
    pub facts: ProsecutionFacts,
    pub options: Vec<PreparedOption>,
}

/// Every referral of the population in the baseline world, with all its charge options.
pub(crate) fn prepare_population(
    population: &ReferralPopulation,
    base: &Baseline,
) -> Vec<PreparedReferral> {
    let world = Applied::baseline(base);
    let caseload = Caseload::from_population(population);
    caseload
        .cases_in(&world)
        .iter()
        .map(|case| {
            let facts = ProsecutionFacts::of(case, &world.prosecution);
            let options = crate::scenario::compare::best(case, &world)
                .map(|c| {
                    c.options
                        .iter()
                        .map(|o| PreparedOption {
                            months_if_convicted: o.expected_months_if_convicted,
                            export_only: o.charges.iter().all(|c| c.is_export()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            PreparedReferral { facts, options }
        })
        .collect()
}

/// What the model gives over the referral population (best charge, baseline law).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PopulationFigures {
    pub referrals: usize,
    pub decline_rate: f64,
    pub conviction_given_prosecution: f64,
    pub convictions_per_referral: f64,
    pub months_per_conviction: f64,
    /// Average share of each reason among the declined (sums to 1).
    pub reason_shares: DeclineReasons,
}

/// The population's figures under `params`: each referral brought on the option with the
/// most expected prison per referral, as the best-charge projection does.
pub(crate) fn population_figures(
    prepared: &[PreparedReferral],
    params: &ProsecutionParams,
) -> PopulationFigures {
    let (mut accepted, mut convicted, mut months) = (0.0, 0.0, 0.0);
    let mut reasons = DeclineReasons::default();
    for r in prepared {
        let best = r
            .options
            .iter()
            .map(|o| {
                let a = acceptance_probability(&r.facts, o.months_if_convicted, params);
                let c = conviction_probability(&r.facts, o.export_only, params);
                (a, c, o.months_if_convicted)
            })
            .fold(None::<(f64, f64, f64)>, |best, x| match best {
                Some(b) if b.0 * b.1 * b.2 >= x.0 * x.1 * x.2 => Some(b),
                _ => Some(x),
            });
        let Some((a, c, m)) = best else { continue };
        accepted += a;
        convicted += a * c;
        months += a * c * m;
        let d = decline_reasons(&r.facts, m, params);
        reasons.low_penalty += d.low_penalty;
        reasons.weak_evidence += d.weak_evidence;
        reasons.no_intent_evidence += d.no_intent_evidence;
        reasons.other += d.other;
    }
    let n = prepared.len().max(1) as f64;
    let declined = n - accepted;
    let share = |x: f64| if declined > 0.0 { x / declined } else { 0.0 };
    PopulationFigures {
        referrals: prepared.len(),
        decline_rate: declined / n,
        conviction_given_prosecution: if accepted > 0.0 {
            convicted / accepted
        } else {
            0.0
        },
        convictions_per_referral: convicted / n,
        months_per_conviction: if convicted > 0.0 {
            months / convicted
        } else {
            0.0
        },
        reason_shares: DeclineReasons {
            low_penalty: share(reasons.low_penalty),
            weak_evidence: share(reasons.weak_evidence),
            no_intent_evidence: share(reasons.no_intent_evidence),
            other: share(reasons.other),
        },
    }
}

/// A district's published decline rate beside the model's over the population.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistrictFigure {
    pub id: String,
    pub published: f64,
    pub upper_bound: bool,
    pub model: f64,
}

/// The model over the referral population beside the published figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProsecutionCalibration {
    pub figures: PopulationFigures,
    pub trac_shares: DeclineReasons,
    /// Threshold of the reference straw purchaser with a crime gun.
    pub threshold_with_crime_gun: Option<u32>,
    /// The same purchaser without a crime gun.
    pub threshold_without_crime_gun: Option<u32>,
    pub lie_and_try_acceptance: f64,
    pub districts: Vec<DistrictFigure>,
}

/// The model's figures over the embedded population, the reference purchaser's threshold,
/// the lie-and-try case and each district, under these parameters.
pub fn calibrate_prosecution(
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
    data: &CalibrationData,
) -> Result<ProsecutionCalibration, EvaluationError> {
    let base = Baseline {
        law: law.clone(),
        sentencing: sentencing.clone(),
        prosecution: prosecution.clone(),
    };
    let prepared = prepare_population(ReferralPopulation::embedded(), &base);
    let figures = population_figures(&prepared, prosecution);
    let reference = &data.threshold.case;
    let threshold = |crime_gun: bool| {
        let mut case = reference.clone();
        case.crime_gun_recovered = Some(crime_gun);
        firearms_threshold(&case, &[case.charge], law, sentencing, prosecution).map(|t| t.firearms)
    };
    let lie = &data.targets.lie_and_try.case;
    let lie_and_try_acceptance = super::assess(lie, law, sentencing, prosecution)?
        .option
        .acceptance_probability;
    let national = data.national();
    let districts = data
        .districts
        .iter()
        .map(|d| {
            let mut p = prosecution.clone();
            p.district_shift.value = d.intercept_shift(national);
            DistrictFigure {
                id: d.id.clone(),
                published: d.decline_rate,
                upper_bound: d.upper_bound,
                model: population_figures(&prepared, &p).decline_rate,
            }
        })
        .collect();
    Ok(ProsecutionCalibration {
        figures,
        trac_shares: data.trac_fy2004.renormalised(),
        threshold_with_crime_gun: threshold(true)?,
        threshold_without_crime_gun: threshold(false)?,
        lie_and_try_acceptance,
        districts,
    })
}

/// A row of the calibration table: the published figure, its source, the model's figure,
/// the tolerance and whether the model is within it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationCheck {
    pub check: String,
    /// The same in words, in either language, for the app.
    #[serde(with = "crate::i18n::english")]
    pub label: Message,
    /// The source's short name in both languages.
    pub source_text: Text,
    pub model: String,
    pub published: String,
    pub source: String,
    pub tolerance: String,
    /// The tolerance in words, for the app.
    #[serde(with = "crate::i18n::english")]
    pub tolerance_words: Message,
    /// False for a figure shown for comparison only.
    pub fitted: bool,
    /// The published figure is only an upper bound, not verified as a figure.
    pub upper_bound: bool,
    pub passes: bool,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A short name for a source: its text up to the first colon, semicolon or bracket.
fn short(s: &str) -> String {
    let end = s.find([':', ';', '(']).unwrap_or(s.len());
    s[..end].trim().to_string()
}

fn short_source(text: &Text) -> String {
    short(&text.en)
}

fn short_text(text: &Text) -> Text {
    Text {
        en: short(&text.en),
        es: short(&text.es),
    }
}

/// The calibration as checks against the data file's targets.
pub fn calibration_checks(
    c: &ProsecutionCalibration,
    data: &CalibrationData,
) -> Vec<CalibrationCheck> {
    let t = &data.threshold;
    let targets = &data.targets;
    // Numbers only: the app shows these cells in either language.
    let guns = |n: Option<u32>| n.map_or("> 10,000".to_string(), |n| n.to_string());
    let f = &c.figures;
    let share_row = |name: &str, key: &'static str, target: &Target, model: f64, fitted: bool| {
        CalibrationCheck {
            check: name.into(),
            label: Message::new(key),
            source_text: short_text(&target.source),
            model: pct(model),
            published: pct(target.value),
            source: short_source(&target.source),
            tolerance: format!("± {:.0} points", target.tolerance * 100.0),
            tolerance_words: Message::new("calibration.tolerance.points")
                .verbatim("points", format!("{:.0}", target.tolerance * 100.0)),
            fitted,
            upper_bound: false,
            passes: target.holds(model),
        }
    };
    let mut rows = vec![
        share_row(
            "share of referrals declined",
            "calibration.decline_rate",
            &targets.decline_rate,
            f.decline_rate,
            true,
        ),
        share_row(
            "convictions among the prosecuted",
            "calibration.conviction_given_prosecution",
            &targets.conviction_given_prosecution,
            f.conviction_given_prosecution,
            true,
        ),
        share_row(
            "convictions per referral",
            "calibration.convictions_per_referral",
            &targets.convictions_per_referral,
            f.convictions_per_referral,
            true,
        ),
        CalibrationCheck {
            check: "prison months per conviction (not fitted)".into(),
            label: Message::new("calibration.months_per_conviction"),
            source_text: short_text(&targets.months_per_conviction.source),
            model: format!("{:.1}", f.months_per_conviction),
            published: format!("{:.1}", targets.months_per_conviction.value),
            source: short_source(&targets.months_per_conviction.source),
            tolerance: format!("± {:.0} months", targets.months_per_conviction.tolerance),
            tolerance_words: Message::new("calibration.tolerance.months").verbatim(
                "months",
                format!("{:.0}", targets.months_per_conviction.tolerance),
            ),
            fitted: false,
            upper_bound: false,
            passes: targets.months_per_conviction.holds(f.months_per_conviction),
        },
        CalibrationCheck {
            check: "50% acceptance threshold, lone straw purchaser with a crime gun".into(),
            label: Message::new("calibration.threshold"),
            source_text: short_text(&t.source),
            model: guns(c.threshold_with_crime_gun),
            published: format!("{}–{}", t.min_firearms, t.max_firearms),
            source: short_source(&t.source),
            tolerance: format!("{}–{}", t.min_firearms, t.max_firearms),
            tolerance_words: Message::verbatim_text(format!(
                "{}–{}",
                t.min_firearms, t.max_firearms
            )),
            fitted: true,
            upper_bound: false,
            passes: c
                .threshold_with_crime_gun
                .is_some_and(|n| (t.min_firearms..=t.max_firearms).contains(&n)),
        },
        CalibrationCheck {
            check: "the same purchaser without a crime gun".into(),
            label: Message::new("calibration.threshold_without_crime_gun"),
            source_text: short_text(&t.source),
            model: guns(c.threshold_without_crime_gun),
            published: format!("> {}", t.max_firearms),
            source: short_source(&t.source),
            tolerance: format!("> {}", t.max_firearms),
            tolerance_words: Message::verbatim_text(format!("> {}", t.max_firearms)),
            fitted: true,
            upper_bound: false,
            passes: c
                .threshold_without_crime_gun
                .is_none_or(|n| n > t.max_firearms),
        },
        CalibrationCheck {
            check: "acceptance of a lie-and-try referral (denied, no firearm obtained)".into(),
            label: Message::new("calibration.lie_and_try"),
            source_text: short_text(&targets.lie_and_try.source),
            model: pct(c.lie_and_try_acceptance),
            published: "0.1%".into(),
            source: short_source(&targets.lie_and_try.source),
            tolerance: format!("≤ {:.0}%", targets.lie_and_try.max_acceptance * 100.0),
            tolerance_words: Message::verbatim_text(format!(
                "≤ {:.0}%",
                targets.lie_and_try.max_acceptance * 100.0
            )),
            fitted: true,
            upper_bound: false,
            passes: c.lie_and_try_acceptance <= targets.lie_and_try.max_acceptance,
        },
    ];
    let tolerance = data.trac_fy2004.tolerance_points;
    for reason in DeclineReason::ALL {
        let name = reason.label(Lang::En);
        let (model, trac) = (f.reason_shares.get(reason), c.trac_shares.get(reason));
        rows.push(CalibrationCheck {
            check: format!("share of declines: {name}"),
            label: Message::new("calibration.reason_share").with("reason", reason.message()),
            source_text: Text::same("TRAC FY2004"),
            model: pct(model),
            published: pct(trac),
            source: "TRAC FY2004, renormalised".into(),
            tolerance: format!("± {tolerance:.0} points"),
            tolerance_words: Message::new("calibration.tolerance.points")
                .verbatim("points", format!("{tolerance:.0}")),
            fitted: true,
            upper_bound: false,
            passes: ((model - trac) * 100.0).abs() <= tolerance,
        });
    }
    for d in &c.districts {
        let Some(district) = data.district(&d.id) else {
            continue;
        };
        if d.id == data.national().id {
            continue;
        }
        rows.push(CalibrationCheck {
            check: format!("share declined, {} (all ATF referrals)", district.name.en),
            label: Message::new("calibration.district").with("district", district.name.clone()),
            source_text: Text::same(format!("TRAC FY{}", district.fiscal_year)),
            upper_bound: d.upper_bound,
            model: pct(d.model),
            published: if d.upper_bound {
                format!("at most {} (not verified)", pct(d.published))
            } else {
                pct(d.published)
            },
            source: format!("TRAC FY{}", district.fiscal_year),
            tolerance: "± 5 points".into(),
            tolerance_words: Message::new("calibration.tolerance.points").verbatim("points", "5"),
            fitted: false,
            passes: (d.model - d.published).abs() <= 0.05,
        });
    }
    rows
}

/// The calibration checks as a Markdown table, as `threshold calibrate` prints.
pub fn calibration_markdown(rows: &[CalibrationCheck]) -> String {
    let mut out = String::from(
        "| figure | model | published | source | tolerance | within |\n|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            r.check,
            r.model,
            r.published,
            r.source,
            r.tolerance,
            if r.passes { "yes" } else { "no" }
        );
    }
    out
}

/// The typical cases' charge comparisons.
pub fn typical_comparisons(
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
    data: &CalibrationData,
) -> Result<Vec<(String, ChargeComparison)>, EvaluationError> {
    data.typical_cases
        .iter()
        .map(|t| {
            compare_charges(&t.case, law, sentencing, prosecution).map(|c| (t.title.clone(), c))
        })
        .collect()
}

/// Every parameter of the model as one Markdown table: name, value, source or assumption,
/// plausible range, meaning.
pub fn parameter_markdown(params: &ProsecutionParams) -> String {
    let mut out =
        String::from("| parameter | value | low–high | basis | meaning |\n|---|---|---|---|---|\n");
    for (name, p) in params.fields() {
        let range = match (p.low, p.high) {
            (Some(l), Some(h)) => format!("{l} to {h}"),
            _ => "—".into(),
        };
        let basis = match (p.assumption, p.source.en.strip_prefix("Assumption")) {
            (true, Some(rest)) => format!("**assumption**{rest}"),
            (true, None) => format!("**assumption**: {}", p.source.en),
            (false, _) => p.source.en.clone(),
        };
        let _ = writeln!(
            out,
            "| `{name}` | {} | {range} | {basis} | {} |",
            p.value,
            p.meaning.as_ref().map_or("", |m| m.en.as_str())
        );
    }
    out
}

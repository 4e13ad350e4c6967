//! Calibration of the prosecution model against REFERENCE §3 (data/prosecution_calibration.json):
//! the unwritten 10–20-gun threshold, TRAC's decline-reason shares and the district range of
//! decline rates, over an assumed mix of trafficking referrals; and the paper's typical
//! cases, whose charge ranking the README shows.

use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::compare::{compare_charges, firearms_threshold, ChargeComparison};
use super::{decline_reasons, DeclineReason, DeclineReasons, ProsecutionFacts, ProsecutionParams};
use crate::case::Case;
use crate::evaluate::{evaluate_quick, EvaluationError};
use crate::i18n::{Lang, Text};
use crate::imposed::SentencingParams;
use crate::law::{ChargeId, Law, Recipient, Role};

const CALIBRATION_JSON: &str = include_str!("../../data/prosecution_calibration.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclineRateRange {
    pub low: f64,
    pub high: f64,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThresholdTarget {
    pub min_firearms: u32,
    pub max_firearms: u32,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    pub case: Case,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weighted<T> {
    pub value: T,
    pub weight: f64,
}

/// An assumed mix of referrals: independent facts with their weights or shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferralMix {
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    pub base: Case,
    pub charges: Vec<Weighted<ChargeId>>,
    pub firearms: Vec<Weighted<u32>>,
    pub evidence_strength: Vec<Weighted<f64>>,
    pub crime_gun_recovered: f64,
    pub intent_evidence: f64,
    pub mexico_nexus: f64,
    pub organiser: f64,
    pub ice_joint_investigation: f64,
}

impl ReferralMix {
    /// Every combination of the mix's facts as a case with its weight (the weights sum to 1
    /// when each list's weights do).
    pub fn cases(&self) -> Vec<(Case, f64)> {
        let flag = |share: f64| [(true, share), (false, 1.0 - share)];
        let mut out = Vec::new();
        for charge in &self.charges {
            for firearms in &self.firearms {
                for evidence in &self.evidence_strength {
                    for (crime, w1) in flag(self.crime_gun_recovered) {
                        for (intent, w2) in flag(self.intent_evidence) {
                            for (mexico, w3) in flag(self.mexico_nexus) {
                                for (organiser, w4) in flag(self.organiser) {
                                    for (ice, w5) in flag(self.ice_joint_investigation) {
                                        let mut case = self.base.clone();
                                        case.charge = charge.value;
                                        case.firearms = Some(firearms.value);
                                        case.evidence_strength = Some(evidence.value);
                                        case.crime_gun_recovered = Some(crime);
                                        case.trafficking_recipient = Some(if intent {
                                            Recipient::ProhibitedPerson
                                        } else {
                                            Recipient::None
                                        });
                                        case.knew_buyer_prohibited = Some(intent);
                                        case.mexico_nexus = Some(mexico);
                                        case.role = Some(if organiser {
                                            Role::OrganizerSmall
                                        } else {
                                            Role::None
                                        });
                                        case.ice_joint_investigation = Some(ice);
                                        let weight = charge.weight
                                            * firearms.weight
                                            * evidence.weight
                                            * w1
                                            * w2
                                            * w3
                                            * w4
                                            * w5;
                                        out.push((case, weight));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// One of the paper's typical cases, for the charge ranking in the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypicalCase {
    pub id: String,
    pub title: String,
    pub case: Case,
}

/// The calibration data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationData {
    pub trac_fy2004: TracShares,
    pub district_decline_rate: DeclineRateRange,
    pub threshold: ThresholdTarget,
    pub referral_mix: ReferralMix,
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
}

/// The model over the referral mix beside the reference figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProsecutionCalibration {
    /// Share of the mix's referrals declined.
    pub decline_rate: f64,
    /// Average share of each reason among the declined (sums to 1).
    pub reason_shares: DeclineReasons,
    pub trac_shares: DeclineReasons,
    /// Threshold of the reference straw purchaser with a crime gun.
    pub threshold_with_crime_gun: Option<u32>,
    /// The same purchaser without a crime gun.
    pub threshold_without_crime_gun: Option<u32>,
}

/// The decline rate and average decline reasons of the referral mix, and the threshold of
/// the reference straw purchaser.
pub fn calibrate_prosecution(
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
    data: &CalibrationData,
) -> Result<ProsecutionCalibration, EvaluationError> {
    let (mut weight, mut declined) = (0.0, 0.0);
    let mut reasons = DeclineReasons::default();
    for (case, w) in data.referral_mix.cases() {
        let months = evaluate_quick(&case, law, sentencing)?
            .expected_sentence_months
            .mean;
        let facts = ProsecutionFacts::of(&case, prosecution);
        let r = decline_reasons(&facts, months, prosecution);
        weight += w;
        declined += w * r.total();
        reasons.low_penalty += w * r.low_penalty;
        reasons.weak_evidence += w * r.weak_evidence;
        reasons.no_intent_evidence += w * r.no_intent_evidence;
        reasons.other += w * r.other;
    }
    let shares = if declined > 0.0 {
        DeclineReasons {
            low_penalty: reasons.low_penalty / declined,
            weak_evidence: reasons.weak_evidence / declined,
            no_intent_evidence: reasons.no_intent_evidence / declined,
            other: reasons.other / declined,
        }
    } else {
        DeclineReasons::default()
    };
    let reference = &data.threshold.case;
    let threshold = |crime_gun: bool| {
        let mut case = reference.clone();
        case.crime_gun_recovered = Some(crime_gun);
        firearms_threshold(&case, &[case.charge], law, sentencing, prosecution).map(|t| t.firearms)
    };
    Ok(ProsecutionCalibration {
        decline_rate: if weight > 0.0 { declined / weight } else { 0.0 },
        reason_shares: shares,
        trac_shares: data.trac_fy2004.renormalised(),
        threshold_with_crime_gun: threshold(true)?,
        threshold_without_crime_gun: threshold(false)?,
    })
}

/// A row of the calibration table: what is checked, the model's figure, the reference
/// figure and whether the model is within the tolerance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationCheck {
    pub check: String,
    pub model: String,
    pub reference: String,
    pub tolerance: String,
    pub passes: bool,
}

/// The calibration as checks against the data file's targets.
pub fn calibration_checks(
    c: &ProsecutionCalibration,
    data: &CalibrationData,
) -> Vec<CalibrationCheck> {
    let t = &data.threshold;
    let range = &data.district_decline_rate;
    let guns = |n: Option<u32>| {
        n.map_or("never (≤ 10,000)".to_string(), |n| {
            format!("{n} firearms")
        })
    };
    let mut rows = vec![
        CalibrationCheck {
            check: "50% acceptance threshold, lone straw purchaser with a crime gun".into(),
            model: guns(c.threshold_with_crime_gun),
            reference: format!(
                "unwritten threshold of {}–{} firearms and one crime gun",
                t.min_firearms, t.max_firearms
            ),
            tolerance: format!("{}–{}", t.min_firearms, t.max_firearms),
            passes: c
                .threshold_with_crime_gun
                .is_some_and(|n| (t.min_firearms..=t.max_firearms).contains(&n)),
        },
        CalibrationCheck {
            check: "the same purchaser without a crime gun".into(),
            model: guns(c.threshold_without_crime_gun),
            reference: "the crime gun is part of the threshold".into(),
            tolerance: format!("> {}", t.max_firearms),
            passes: c
                .threshold_without_crime_gun
                .is_none_or(|n| n > t.max_firearms),
        },
        CalibrationCheck {
            check: "decline rate over the referral mix".into(),
            model: format!("{:.1}%", c.decline_rate * 100.0),
            reference: format!(
                "district rates {:.0}%–{:.0}% (TRAC FY1998–2008)",
                range.low * 100.0,
                range.high * 100.0
            ),
            tolerance: format!("{:.0}–{:.0}%", range.low * 100.0, range.high * 100.0),
            passes: (range.low..=range.high).contains(&c.decline_rate),
        },
    ];
    let tolerance = data.trac_fy2004.tolerance_points;
    for reason in DeclineReason::ALL {
        let name = reason.label(Lang::En);
        let (model, trac) = (c.reason_shares.get(reason), c.trac_shares.get(reason));
        rows.push(CalibrationCheck {
            check: format!("share of declines: {name}"),
            model: format!("{:.1}%", model * 100.0),
            reference: format!("{:.1}% (TRAC FY2004, renormalised)", trac * 100.0),
            tolerance: format!("± {tolerance:.0} points"),
            passes: ((model - trac) * 100.0).abs() <= tolerance,
        });
    }
    rows
}

/// The calibration checks as a Markdown table, as `threshold calibrate-prosecution` prints.
pub fn calibration_markdown(rows: &[CalibrationCheck]) -> String {
    let mut out =
        String::from("| check | model | reference | tolerance | passes |\n|---|---|---|---|---|\n");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.check,
            r.model,
            r.reference,
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

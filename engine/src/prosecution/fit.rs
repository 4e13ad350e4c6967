//! The deterministic fit of the prosecution model's intercept and weights to the published
//! aggregates in data/prosecution_calibration.json, over the referral population
//! (`threshold fit-prosecution`). The data file holds its result; a test refits and checks.
//!
//! Implementation note: every referral's charge options are evaluated once (the sentencing
//! side does not move), so an evaluation of the objective is a few thousand logistics and
//! four restarts of 1,500 Nelder–Mead steps take two to four seconds natively (the engine's
//! tests are built optimised for it). A weak pull toward each parameter's prior (stated in
//! the data file) keeps the fit well posed where the targets do not pin a weight down; its
//! size is `PRIOR_WEIGHT`.

use serde::Serialize;

use super::calibration::{
    population_figures, prepare_population, CalibrationData, PreparedReferral,
};
use super::{acceptance_probability, ProsecutionFacts, ProsecutionParams};
use crate::caseload::ReferralPopulation;
use crate::evaluate::EvaluationError;
use crate::prosecution::compare::assess;
use crate::scenario::Baseline;

/// The parameters the fit sets; every other one keeps its stated value.
pub const FITTED: [&str; 9] = [
    "acceptance_intercept",
    "sentence_weight",
    "firearms_weight",
    "crime_gun_weight",
    "evidence_weight",
    "intent_evidence_weight",
    "other_reasons_weight",
    "no_firearm_weight",
    "conviction_intercept",
];

/// Squared distance from a prior centre, in units of its stated width, counts this much
/// against one squared half-tolerance of a target.
const PRIOR_WEIGHT: f64 = 0.5;
/// Nelder–Mead steps per start, and starts: enough for the simplex to settle at three
/// decimals.
const STEPS: usize = 1500;
const RESTARTS: usize = 4;

/// One target's contribution to the objective, for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Residual {
    pub target: &'static str,
    pub model: f64,
    pub published: f64,
    /// (model − published) / scale.
    pub standardised: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitResult {
    /// Fitted values, rounded to three decimals, in the order of [`FITTED`].
    pub values: Vec<(&'static str, f64)>,
    pub objective: f64,
    pub residuals: Vec<Residual>,
}

/// A threshold case's acceptance at several gun counts, its sentence fixed per count.
struct ThresholdCurve {
    /// (facts, months if convicted) at the lower and upper end of the threshold.
    below: (ProsecutionFacts, f64),
    above: (ProsecutionFacts, f64),
    /// Without a crime gun, at the upper end.
    without_crime_gun: (ProsecutionFacts, f64),
}

struct Problem {
    prepared: Vec<PreparedReferral>,
    base: ProsecutionParams,
    threshold: ThresholdCurve,
    lie_and_try: (ProsecutionFacts, f64),
    data: CalibrationData,
}

fn case_point(
    case: &crate::Case,
    base: &Baseline,
) -> Result<(ProsecutionFacts, f64), EvaluationError> {
    let a = assess(case, &base.law, &base.sentencing, &base.prosecution)?;
    Ok((
        ProsecutionFacts::of(case, &base.prosecution),
        a.option.expected_months_if_convicted,
    ))
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

impl Problem {
    fn new(base: &Baseline, data: &CalibrationData) -> Result<Problem, EvaluationError> {
        let prepared = prepare_population(ReferralPopulation::embedded(), base);
        let t = &data.threshold;
        let at = |firearms: u32, crime_gun: bool| {
            let mut case = t.case.clone();
            case.firearms = Some(firearms);
            case.crime_gun_recovered = Some(crime_gun);
            case_point(&case, base)
        };
        Ok(Problem {
            prepared,
            base: base.prosecution.clone(),
            threshold: ThresholdCurve {
                below: at(t.min_firearms, true)?,
                above: at(t.max_firearms, true)?,
                without_crime_gun: at(t.max_firearms, false)?,
            },
            lie_and_try: case_point(&data.targets.lie_and_try.case, base)?,
            data: data.clone(),
        })
    }

    fn params(&self, x: &[f64]) -> ProsecutionParams {
        let mut p = self.base.clone();
        for (name, v) in FITTED.iter().zip(x) {
            set(&mut p, name, *v);
        }
        p
    }

    fn residuals(&self, x: &[f64]) -> Vec<Residual> {
        let p = self.params(x);
        let f = population_figures(&self.prepared, &p);
        let t = &self.data.targets;
        let trac = self.data.trac_fy2004.renormalised();
        let mut out = vec![
            residual(
                "decline rate",
                f.decline_rate,
                t.decline_rate.value,
                t.decline_rate.tolerance / 2.0,
            ),
            residual(
                "convictions among the prosecuted",
                f.conviction_given_prosecution,
                t.conviction_given_prosecution.value,
                t.conviction_given_prosecution.tolerance / 2.0,
            ),
            residual(
                "convictions per referral",
                f.convictions_per_referral,
                t.convictions_per_referral.value,
                t.convictions_per_referral.tolerance / 2.0,
            ),
        ];
        let points = self.data.trac_fy2004.tolerance_points / 100.0 / 2.0;
        for (name, model, published) in [
            ("low penalty", f.reason_shares.low_penalty, trac.low_penalty),
            (
                "weak evidence",
                f.reason_shares.weak_evidence,
                trac.weak_evidence,
            ),
            (
                "no intent evidence",
                f.reason_shares.no_intent_evidence,
                trac.no_intent_evidence,
            ),
            ("other reasons", f.reason_shares.other, trac.other),
        ] {
            out.push(residual(name, model, published, points));
        }
        // The threshold: below 50% at its low end, above at its high end, and the crime gun
        // needed; each a one-sided hinge on the log-odds with a margin of 0.25.
        let acceptance =
            |(facts, months): &(ProsecutionFacts, f64)| acceptance_probability(facts, *months, &p);
        let hinge = |name: &'static str, value: f64, published: f64, above: bool| {
            let gap = if above {
                (published - value).max(0.0)
            } else {
                (value - published).max(0.0)
            };
            Residual {
                target: name,
                model: value,
                published,
                standardised: gap / 0.25,
            }
        };
        out.push(hinge(
            "threshold: below half at its low end",
            logit(acceptance(&self.threshold.below)),
            -0.25,
            false,
        ));
        out.push(hinge(
            "threshold: above half at its high end",
            logit(acceptance(&self.threshold.above)),
            0.25,
            true,
        ));
        out.push(hinge(
            "threshold: below half without a crime gun",
            logit(acceptance(&self.threshold.without_crime_gun)),
            -0.25,
            false,
        ));
        out.push(hinge(
            "lie-and-try acceptance",
            logit(acceptance(&self.lie_and_try)),
            logit(t.lie_and_try.max_acceptance) - 0.25,
            false,
        ));
        out
    }

    fn objective(&self, x: &[f64]) -> f64 {
        let fit: f64 = self
            .residuals(x)
            .iter()
            .map(|r| r.standardised * r.standardised)
            .sum();
        let prior: f64 = FITTED
            .iter()
            .zip(x)
            .map(|(name, v)| {
                let prior = self.data.fit_priors.get(*name);
                prior.map_or(0.0, |p| ((v - p.center) / p.width).powi(2))
            })
            .sum();
        // Weights must stay non-negative (the model's validation) and the conviction
        // intercept finite; outside, the objective is a wall.
        let outside = FITTED.iter().zip(x).any(|(name, v)| {
            *name != "acceptance_intercept" && *name != "conviction_intercept" && *v < 0.0
        });
        if outside {
            return f64::MAX;
        }
        fit + PRIOR_WEIGHT * prior
    }
}

fn residual(target: &'static str, model: f64, published: f64, scale: f64) -> Residual {
    Residual {
        target,
        model,
        published,
        standardised: (model - published) / scale,
    }
}

fn param<'a>(p: &'a ProsecutionParams, name: &str) -> &'a crate::imposed::Param {
    p.fields()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| p)
        .expect("a fitted parameter exists")
}

fn set(p: &mut ProsecutionParams, name: &str, value: f64) {
    // The range check happens in the objective.
    let target = match name {
        "acceptance_intercept" => &mut p.acceptance_intercept,
        "sentence_weight" => &mut p.sentence_weight,
        "firearms_weight" => &mut p.firearms_weight,
        "crime_gun_weight" => &mut p.crime_gun_weight,
        "evidence_weight" => &mut p.evidence_weight,
        "intent_evidence_weight" => &mut p.intent_evidence_weight,
        "other_reasons_weight" => &mut p.other_reasons_weight,
        "no_firearm_weight" => &mut p.no_firearm_weight,
        "conviction_intercept" => &mut p.conviction_intercept,
        _ => return,
    };
    target.value = value;
}

/// Nelder–Mead from `start`, a fixed number of steps: deterministic to the last bit on one
/// platform.
fn nelder_mead(f: impl Fn(&[f64]) -> f64, start: &[f64], steps: usize) -> Vec<f64> {
    let n = start.len();
    let mut simplex: Vec<Vec<f64>> = vec![start.to_vec()];
    for i in 0..n {
        let mut v = start.to_vec();
        v[i] += if v[i].abs() > 0.5 {
            0.2 * v[i].abs()
        } else {
            0.2
        };
        simplex.push(v);
    }
    let mut values: Vec<f64> = simplex.iter().map(|v| f(v)).collect();
    for _ in 0..steps {
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        simplex = order.iter().map(|&i| simplex[i].clone()).collect();
        values = order.iter().map(|&i| values[i]).collect();
        let centroid: Vec<f64> = (0..n)
            .map(|j| simplex[..n].iter().map(|v| v[j]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            centroid
                .iter()
                .zip(&simplex[n])
                .map(|(c, w)| c + t * (w - c))
                .collect()
        };
        let reflected = along(-1.0);
        let fr = f(&reflected);
        if fr < values[0] {
            let expanded = along(-2.0);
            let fe = f(&expanded);
            if fe < fr {
                simplex[n] = expanded;
                values[n] = fe;
            } else {
                simplex[n] = reflected;
                values[n] = fr;
            }
        } else if fr < values[n - 1] {
            simplex[n] = reflected;
            values[n] = fr;
        } else {
            let contracted = if fr < values[n] {
                along(-0.5)
            } else {
                along(0.5)
            };
            let fc = f(&contracted);
            if fc < values[n].min(fr) {
                simplex[n] = contracted;
                values[n] = fc;
            } else {
                let best = simplex[0].clone();
                for i in 1..=n {
                    simplex[i] = best
                        .iter()
                        .zip(&simplex[i])
                        .map(|(b, v)| b + 0.5 * (v - b))
                        .collect();
                    values[i] = f(&simplex[i]);
                }
            }
        }
    }
    let best = (0..=n)
        .min_by(|&a, &b| values[a].total_cmp(&values[b]))
        .unwrap_or(0);
    simplex[best].clone()
}

/// Fits [`FITTED`] to the targets over the embedded population, starting from the priors'
/// centres, so the result depends on the data alone and not on the values last written.
pub fn fit_prosecution(
    base: &Baseline,
    data: &CalibrationData,
) -> Result<FitResult, EvaluationError> {
    let problem = Problem::new(base, data)?;
    let start: Vec<f64> = FITTED
        .iter()
        .map(|name| {
            data.fit_priors
                .get(*name)
                .map_or(param(&base.prosecution, name).value, |p| p.center)
        })
        .collect();
    // Restarting from the best point rebuilds a collapsed simplex.
    let mut x = start;
    for _ in 0..RESTARTS {
        x = nelder_mead(|x| problem.objective(x), &x, STEPS);
    }
    let rounded: Vec<f64> = x.iter().map(|v| (v * 1000.0).round() / 1000.0).collect();
    Ok(FitResult {
        values: FITTED
            .iter()
            .copied()
            .zip(rounded.iter().copied())
            .collect(),
        objective: problem.objective(&rounded),
        residuals: problem.residuals(&rounded),
    })
}

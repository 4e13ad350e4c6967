//! Which assumption drives the answer: each uncertain parameter set to the low and the high
//! end of its stated range, the caseload's expected outputs recomputed (exactly, no Monte
//! Carlo noise), rows sorted by how far the chosen output swings — a tornado chart's data.

use serde::{Deserialize, Serialize};

use crate::caseload::{ArmTableBuilder, Caseload, ChargePolicy, Expected, ReferralPopulation};
use crate::i18n::Text;
use crate::imposed::{Param, SentencingOverrides};
use crate::prosecution::ProsecutionOverrides;
use crate::scenario::{Applied, Baseline, Scenario, ScenarioError};

/// The output the rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Scenario − baseline expected prison-years per 100 referrals: what the proposal buys.
    #[default]
    // As `threshold --help` spells it; serde alone would write "per100".
    #[serde(
        rename = "delta_prison_years_per_100",
        alias = "delta_prison_years_per100"
    )]
    DeltaPrisonYearsPer100,
    /// Scenario − baseline expected accepted referrals per 100.
    #[serde(rename = "delta_accepted_per_100", alias = "delta_accepted_per100")]
    DeltaAcceptedPer100,
    /// Expected prison-years per 100 referrals under the scenario.
    #[serde(
        rename = "scenario_prison_years_per_100",
        alias = "scenario_prison_years_per100"
    )]
    ScenarioPrisonYearsPer100,
    /// Expected accepted referrals per 100 under the scenario.
    #[serde(
        rename = "scenario_accepted_per_100",
        alias = "scenario_accepted_per100"
    )]
    ScenarioAcceptedPer100,
}

/// Where a parameter lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Prosecution,
    Sentencing,
    ReferralPopulation,
}

/// Expected outputs per 100 referrals in both worlds.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    pub baseline_accepted_per_100: f64,
    pub baseline_prison_years_per_100: f64,
    pub scenario_accepted_per_100: f64,
    pub scenario_prison_years_per_100: f64,
}

impl Point {
    fn of(b: &Expected, s: &Expected) -> Point {
        Point {
            baseline_accepted_per_100: b.per_100(b.accepted),
            baseline_prison_years_per_100: b.per_100(b.prison_years),
            scenario_accepted_per_100: s.per_100(s.accepted),
            scenario_prison_years_per_100: s.per_100(s.prison_years),
        }
    }

    pub fn metric(&self, m: Metric) -> f64 {
        match m {
            Metric::DeltaPrisonYearsPer100 => {
                self.scenario_prison_years_per_100 - self.baseline_prison_years_per_100
            }
            Metric::DeltaAcceptedPer100 => {
                self.scenario_accepted_per_100 - self.baseline_accepted_per_100
            }
            Metric::ScenarioPrisonYearsPer100 => self.scenario_prison_years_per_100,
            Metric::ScenarioAcceptedPer100 => self.scenario_accepted_per_100,
        }
    }
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub group: Group,
    pub parameter: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Text>,
    /// The parameter's source, as [`crate::Param::source`].
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    pub assumption: bool,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// True when the range is the engine's default, not one stated with the parameter.
    pub range_assumed: bool,
    pub at_low: Point,
    pub at_high: Point,
    /// metric(high) − metric(low).
    pub swing: f64,
}

/// The tornado's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub metric: Metric,
    pub central: Point,
    /// Largest |swing| first.
    pub rows: Vec<Row>,
    /// Parameters left out because their low or high made the parameters invalid.
    pub skipped: Vec<String>,
}

/// Ranges for the sentencing parameters, whose data file states none: labelled assumptions.
const SENTENCING_RANGES: [(&str, f64, f64); 9] = [
    ("within_range_share", 0.40, 0.60),
    ("above_range_share", 0.02, 0.08),
    ("within_at_minimum_share", 0.30, 0.70),
    ("below_reduction_min", 0.05, 0.20),
    ("below_reduction_max", 0.45, 0.75),
    ("above_increase_min", 0.05, 0.20),
    ("above_increase_max", 0.45, 0.75),
    ("probation_share_zone_a", 0.50, 0.90),
    ("probation_share_zone_b", 0.20, 0.60),
];

fn sentencing_override(name: &str, value: f64) -> SentencingOverrides {
    let v = Some(value);
    let mut o = SentencingOverrides::default();
    match name {
        "within_range_share" => o.within_range_share = v,
        "above_range_share" => o.above_range_share = v,
        "within_at_minimum_share" => o.within_at_minimum_share = v,
        "below_reduction_min" => o.below_reduction_min = v,
        "below_reduction_max" => o.below_reduction_max = v,
        "above_increase_min" => o.above_increase_min = v,
        "above_increase_max" => o.above_increase_max = v,
        "probation_share_zone_a" => o.probation_share_zone_a = v,
        _ => o.probation_share_zone_b = v,
    }
    o
}

fn sentencing_param<'a>(base: &'a Baseline, name: &str) -> &'a Param {
    let s = &base.sentencing;
    match name {
        "within_range_share" => &s.within_range_share,
        "above_range_share" => &s.above_range_share,
        "within_at_minimum_share" => &s.within_at_minimum_share,
        "below_reduction_min" => &s.below_reduction_min,
        "below_reduction_max" => &s.below_reduction_max,
        "above_increase_min" => &s.above_increase_min,
        "above_increase_max" => &s.above_increase_max,
        "probation_share_zone_a" => &s.probation_share_zone_a,
        _ => &s.probation_share_zone_b,
    }
}

fn prosecution_override(name: &str, value: f64) -> Result<ProsecutionOverrides, String> {
    let mut object = serde_json::Map::new();
    object.insert(name.to_string(), serde_json::Value::from(value));
    serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| e.to_string())
}

/// One point's two caseload evaluations (the status quo and the scenario's world), done a
/// few referrals at a time: a whole evaluation of a large caseload would hold a browser's
/// thread for far longer than a frame.
#[derive(Debug, Clone)]
struct PendingPoint {
    baseline: ArmTableBuilder,
    scenario: ArmTableBuilder,
}

impl PendingPoint {
    fn new(
        caseload: &Caseload,
        base: &Baseline,
        scenario: &Scenario,
        policy: ChargePolicy,
    ) -> Result<PendingPoint, ScenarioError> {
        let world = scenario.apply(base)?;
        Ok(PendingPoint {
            baseline: ArmTableBuilder::new(caseload, Applied::baseline(base), policy),
            scenario: ArmTableBuilder::new(caseload, world, policy),
        })
    }

    /// Evaluates up to `referrals` more referrals; returns how many it did.
    fn advance(&mut self, referrals: usize) -> usize {
        let done = self.baseline.advance(referrals);
        done + self.scenario.advance(referrals - done)
    }

    fn is_done(&self) -> bool {
        self.baseline.is_done() && self.scenario.is_done()
    }

    /// Share of the referrals evaluated, 0 to 1.
    fn progress(&self) -> f64 {
        let total = self.baseline.len() + self.scenario.len();
        if total == 0 {
            1.0
        } else {
            (self.baseline.done() + self.scenario.done()) as f64 / total as f64
        }
    }

    fn point(&self) -> Point {
        Point::of(
            &self.baseline.table().expected(),
            &self.scenario.table().expected(),
        )
    }
}

/// Which point is being evaluated.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Central,
    Low,
    High,
}

/// Which model a tornado parameter belongs to, with what is needed to set it.
#[derive(Debug, Clone)]
struct Knob {
    group: Group,
    name: &'static str,
    param: Param,
    low: f64,
    high: f64,
    range_assumed: bool,
}

/// A tornado being computed a few referrals at a time, so a UI can spread the work over
/// frames (each parameter re-evaluates the caseload four times: two ends × two worlds).
#[derive(Debug, Clone)]
pub struct SensitivityRun {
    caseload: Caseload,
    mix: Option<ReferralPopulation>,
    base: Baseline,
    scenario: Scenario,
    metric: Metric,
    policy: ChargePolicy,
    knobs: Vec<Knob>,
    /// The parameter whose row is being computed.
    next: usize,
    central: Option<Point>,
    /// The current parameter's low end, once done (`None` inside: not a valid value).
    low: Option<Option<Point>>,
    pending: Option<(Target, PendingPoint)>,
    rows: Vec<Row>,
    skipped: Vec<String>,
}

/// Referrals per call of [`SensitivityRun::advance`] inside [`SensitivityRun::step`].
const STEP_REFERRALS: usize = 256;

impl SensitivityRun {
    /// Lists the parameters and checks that the scenario applies; evaluates nothing yet.
    pub fn new(
        caseload: &Caseload,
        mix: Option<&ReferralPopulation>,
        base: &Baseline,
        scenario: &Scenario,
        metric: Metric,
        policy: ChargePolicy,
    ) -> Result<SensitivityRun, ScenarioError> {
        let central = PendingPoint::new(caseload, base, scenario, policy)?;
        let mut knobs = Vec::new();
        for (name, param) in base.prosecution.fields() {
            if let (Some(low), Some(high)) = (param.low, param.high) {
                knobs.push(Knob {
                    group: Group::Prosecution,
                    name,
                    param: param.clone(),
                    low,
                    high,
                    range_assumed: false,
                });
            }
        }
        for (name, default_low, default_high) in SENTENCING_RANGES {
            let param = sentencing_param(base, name).clone();
            let stated = param.low.zip(param.high);
            let (low, high) = stated.unwrap_or((default_low, default_high));
            knobs.push(Knob {
                group: Group::Sentencing,
                name,
                param,
                low,
                high,
                range_assumed: stated.is_none(),
            });
        }
        if let Some(mix) = mix {
            // The number of referrals scales totals only; per 100 it changes nothing.
            for (name, param) in mix.params().into_iter().skip(1) {
                if let (Some(low), Some(high)) = (param.low, param.high) {
                    knobs.push(Knob {
                        group: Group::ReferralPopulation,
                        name,
                        param: param.clone(),
                        low,
                        high,
                        range_assumed: false,
                    });
                }
            }
        }
        Ok(SensitivityRun {
            caseload: caseload.clone(),
            mix: mix.cloned(),
            base: base.clone(),
            scenario: scenario.clone(),
            metric,
            policy,
            knobs,
            next: 0,
            central: None,
            low: None,
            pending: Some((Target::Central, central)),
            rows: Vec::new(),
            skipped: Vec::new(),
        })
    }

    /// The evaluations with one parameter at `value`; `None` when that value makes the
    /// parameters invalid.
    fn pending_at(&self, knob: &Knob, value: f64) -> Result<Option<PendingPoint>, ScenarioError> {
        let (base, scenario, policy) = (&self.base, &self.scenario, self.policy);
        match knob.group {
            Group::Prosecution => {
                let Ok(o) = prosecution_override(knob.name, value) else {
                    return Ok(None);
                };
                let Ok(p) = base.prosecution.with_overrides(&o) else {
                    return Ok(None);
                };
                let b = Baseline {
                    prosecution: p,
                    ..base.clone()
                };
                PendingPoint::new(&self.caseload, &b, scenario, policy).map(Some)
            }
            Group::Sentencing => {
                let o = sentencing_override(knob.name, value);
                let Ok(s) = base.sentencing.with_overrides(&o) else {
                    return Ok(None);
                };
                let b = Baseline {
                    sentencing: s,
                    ..base.clone()
                };
                PendingPoint::new(&self.caseload, &b, scenario, policy).map(Some)
            }
            Group::ReferralPopulation => {
                let Some(Ok(m)) = self.mix.as_ref().map(|m| m.with_param(knob.name, value)) else {
                    return Ok(None);
                };
                PendingPoint::new(&Caseload::from_population(&m), base, scenario, policy).map(Some)
            }
        }
    }

    /// Records a finished point: the central one, or one end of the current parameter.
    fn finish(&mut self, target: Target, point: Option<Point>) {
        match target {
            Target::Central => self.central = point,
            Target::Low => self.low = Some(point),
            Target::High => {
                let knob = &self.knobs[self.next];
                match (self.low.take().flatten(), point) {
                    (Some(at_low), Some(at_high)) => self.rows.push(Row {
                        group: knob.group,
                        parameter: knob.name.to_string(),
                        meaning: knob.param.meaning.clone(),
                        source: knob.param.source.clone(),
                        assumption: knob.param.assumption,
                        value: knob.param.value,
                        low: knob.low,
                        high: knob.high,
                        range_assumed: knob.range_assumed,
                        swing: at_high.metric(self.metric) - at_low.metric(self.metric),
                        at_low,
                        at_high,
                    }),
                    _ => self.skipped.push(knob.name.to_string()),
                }
                self.next += 1;
            }
        }
    }

    /// Evaluates up to about `referrals` more referrals (at least one point's setting-up);
    /// returns how many it evaluated.
    pub fn advance(&mut self, referrals: usize) -> Result<usize, ScenarioError> {
        let mut done = 0;
        while !self.is_done() {
            match self.pending.take() {
                None => {
                    let knob = &self.knobs[self.next];
                    let (target, value) = match self.low {
                        None => (Target::Low, knob.low),
                        Some(_) => (Target::High, knob.high),
                    };
                    match self.pending_at(knob, value)? {
                        Some(point) => self.pending = Some((target, point)),
                        None => self.finish(target, None),
                    }
                }
                Some((target, mut point)) => {
                    done += point.advance(referrals - done);
                    if point.is_done() {
                        self.finish(target, Some(point.point()));
                    } else {
                        self.pending = Some((target, point));
                    }
                }
            }
            if done >= referrals {
                break;
            }
        }
        Ok(done)
    }

    /// Computes up to `parameters` more rows (and the central point first); returns how
    /// many it did.
    pub fn step(&mut self, parameters: usize) -> Result<usize, ScenarioError> {
        let start = self.next;
        let end = start.saturating_add(parameters).min(self.knobs.len());
        while self.central.is_none() || self.next < end {
            self.advance(STEP_REFERRALS)?;
        }
        Ok(self.next - start)
    }

    /// Share of the work done, 0 to 1: the central point and both ends of every parameter.
    pub fn progress(&self) -> f64 {
        if self.is_done() {
            return 1.0;
        }
        let points = 1 + 2 * self.knobs.len();
        let finished =
            usize::from(self.central.is_some()) + 2 * self.next + usize::from(self.low.is_some());
        let partial = self.pending.as_ref().map_or(0.0, |(_, p)| p.progress());
        (finished as f64 + partial) / points as f64
    }

    pub fn is_done(&self) -> bool {
        self.pending.is_none() && self.next >= self.knobs.len()
    }

    /// The rows so far, largest |swing| first.
    pub fn result(&self) -> Sensitivity {
        let mut rows = self.rows.clone();
        rows.sort_by(|a, b| b.swing.abs().total_cmp(&a.swing.abs()));
        Sensitivity {
            metric: self.metric,
            central: self.central.unwrap_or_default(),
            rows,
            skipped: self.skipped.clone(),
        }
    }
}

/// The tornado for `caseload` (regenerated from `mix` for the mix's own parameters when a
/// mix is given) under `scenario` against `base`, in one call (see [`SensitivityRun`] to
/// spread it over frames). Prosecution and sentencing parameters change in the baseline, so
/// both worlds share the assumption; a scenario that sets the same parameter keeps its own
/// value.
pub fn sensitivity(
    caseload: &Caseload,
    mix: Option<&ReferralPopulation>,
    base: &Baseline,
    scenario: &Scenario,
    metric: Metric,
    policy: ChargePolicy,
) -> Result<Sensitivity, ScenarioError> {
    let mut run = SensitivityRun::new(caseload, mix, base, scenario, metric, policy)?;
    run.step(usize::MAX)?;
    Ok(run.result())
}

/// The tornado as a Markdown table (`threshold sensitivity`).
pub fn sensitivity_markdown(t: &Sensitivity) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "Sorted by the swing of {} (central value {:.2}).\n\n| parameter | group | low → high | at low | at high | swing |\n|---|---|---|---|---|---|\n",
        serde_json::to_string(&t.metric).unwrap_or_default().trim_matches('"'),
        t.central.metric(t.metric)
    );
    for r in &t.rows {
        let _ = writeln!(
            out,
            "| {} | {:?} | {} → {} | {:.2} | {:.2} | {:+.2} |",
            r.parameter,
            r.group,
            r.low,
            r.high,
            r.at_low.metric(t.metric),
            r.at_high.metric(t.metric),
            r.swing
        );
    }
    out
}

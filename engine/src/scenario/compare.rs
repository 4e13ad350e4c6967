//! One case, baseline beside scenario: every output, the difference, and which change
//! caused it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{Applied, Baseline, Scenario, ScenarioError};
use crate::case::Case;
use crate::evaluate::{EvaluationError, MonthRange};
use crate::i18n::{Lang, Message};
use crate::law::MissingLaw;
use crate::prosecution::{assess, compare_charges, ChargeComparison, ChargeOption};

/// How differences are attributed, stated where the UI can show it (in English; the page
/// shows the catalog's `side_by_side.method` in the reader's language).
pub const ATTRIBUTION_METHOD: &str = "Each change is applied alone to the status quo and the \
case re-evaluated; a change is listed as a cause of an output when it moves that output by \
itself, with its own difference. The combined difference is the whole proposal's; “acting \
together” is what the changes do together beyond the sum of their separate effects (e.g. a \
higher maximum that only matters once a new enhancement lifts the range). Chances move in \
percentage points: from 26.1% to 33.7% is +7.6 points.";

/// An output of the single-case model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    /// The guideline range after the statutes (number: its minimum, months).
    GuidelineRange,
    /// Mean imposed sentence if convicted of the case's charge, months.
    ExpectedSentence,
    /// P(the U.S. Attorney accepts the referral) on the case's charge.
    Acceptance,
    /// P(conviction | accepted).
    Conviction,
    /// acceptance × conviction × months if convicted, on the case's charge.
    PrisonMonthsPerReferral,
    /// The charge (set) with the most prison months per referral (number: those months).
    BestCharge,
}

impl Output {
    pub const ALL: [Output; 6] = [
        Self::GuidelineRange,
        Self::ExpectedSentence,
        Self::Acceptance,
        Self::Conviction,
        Self::PrisonMonthsPerReferral,
        Self::BestCharge,
    ];

    pub fn label(self, lang: Lang) -> String {
        self.message().render(lang)
    }

    pub fn message(self) -> Message {
        Message::new(match self {
            Self::GuidelineRange => "output.guideline_range",
            Self::ExpectedSentence => "output.expected_sentence",
            Self::Acceptance => "output.acceptance",
            Self::Conviction => "output.conviction",
            Self::PrisonMonthsPerReferral => "output.prison_months_per_referral",
            Self::BestCharge => "output.best_charge",
        })
    }
}

/// The smallest move in percentage points worth its own figure: below it a probability is
/// said to have moved "by less than 0.1 points", never "+0".
const SMALLEST_POINTS: f64 = 0.05;

impl Output {
    /// Whether the output is a probability (its difference is in percentage points).
    pub fn is_probability(self) -> bool {
        matches!(self, Self::Acceptance | Self::Conviction)
    }

    /// The move from `from` to `to` in words: percentage points and how many times likelier
    /// for a probability ("+7.6 points (26.1% → 33.7%), 1.3× likelier"), months otherwise
    /// ("+12 months at the bottom of the range"). A fraction such as "+0.1" is never shown,
    /// because a reader takes it for points.
    pub fn difference(self, from: f64, to: f64) -> Message {
        if self.is_probability() {
            return probability_difference(from, to);
        }
        match self {
            Self::GuidelineRange => Message::new(singular_if_one(
                "difference.range_months",
                to - from,
            ))
            .signed("months", to - from, 1),
            _ => self.amount(to - from),
        }
    }

    /// A bare amount of this output's unit: "+2.5 points" for a probability (given as a
    /// fraction), "+2.5 months" otherwise.
    pub fn amount(self, d: f64) -> Message {
        if self.is_probability() {
            Message::new(singular_if_one("difference.amount.points", d * 100.0)).signed(
                "points",
                d * 100.0,
                1,
            )
        } else if d.abs() < 0.05 {
            // A move too small for a figure is still a move: never "0" on a changed row.
            Message::new(if d >= 0.0 {
                "difference.months.tiny_up"
            } else {
                "difference.months.tiny_down"
            })
        } else {
            Message::new(singular_if_one("difference.months", d)).signed("months", d, 1)
        }
    }
}

/// `key`, or its `.one` form when `amount` shows as exactly one ("+1 month").
fn singular_if_one(key: &'static str, amount: f64) -> Cow<'static, str> {
    if crate::i18n::number(Lang::En, amount.abs(), 1) == "1" {
        Cow::Owned(format!("{key}.one"))
    } else {
        Cow::Borrowed(key)
    }
}

fn probability_difference(from: f64, to: f64) -> Message {
    let points = (to - from) * 100.0;
    // One fixed decimal, as the percentages beside them are printed ("26.1%"): a chance is
    // at most 100, so no grouping, and es-MX writes the decimal point too.
    let percents = |m: Message| {
        m.verbatim("from", one_decimal(from * 100.0))
            .verbatim("to", one_decimal(to * 100.0))
    };
    if points.abs() < SMALLEST_POINTS {
        let key = if points >= 0.0 {
            "difference.points.tiny_up"
        } else {
            "difference.points.tiny_down"
        };
        return percents(Message::new(key));
    }
    let sign = if points > 0.0 { "+" } else { "\u{2212}" };
    let shown = one_decimal(points.abs());
    let key = if shown == "1.0" {
        "difference.points.one"
    } else {
        "difference.points"
    };
    let base = percents(Message::new(key).verbatim("points", format!("{sign}{shown}")));
    let ratio = (from > 0.0).then(|| to / from);
    match ratio {
        // A ratio that rounds to 1 says nothing the points do not.
        Some(r) if r >= 1.05 => Message::new("difference.points.likelier")
            .with("points", base)
            .number("ratio", r, 1),
        Some(r) if r <= 0.95 => Message::new("difference.points.as_likely")
            .with("points", base)
            .number("ratio", r, 2),
        _ => base,
    }
}

/// One output's value: a number to subtract, and text to show. `number: None` when the
/// output does not exist in that world (e.g. 933 in April 2011).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputValue {
    pub number: Option<f64>,
    #[serde(with = "crate::i18n::english")]
    pub text: Message,
}

impl OutputValue {
    fn missing(why: Message) -> OutputValue {
        OutputValue {
            number: None,
            text: why,
        }
    }

    fn differs(&self, other: &OutputValue) -> bool {
        match (self.number, other.number) {
            (Some(a), Some(b)) => (a - b).abs() > 1e-9 || self.text != other.text,
            _ => self.text != other.text,
        }
    }
}

/// Every output for one case in one world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseOutputs {
    /// Why the case's own charge could not be evaluated, if it could not.
    pub error: Option<String>,
    pub values: Vec<(Output, OutputValue)>,
}

impl CaseOutputs {
    pub fn get(&self, output: Output) -> Option<&OutputValue> {
        self.values
            .iter()
            .find(|(o, _)| *o == output)
            .map(|(_, v)| v)
    }
}

fn range_text(r: &MonthRange) -> Message {
    match r.max {
        Some(max) if max == r.min => Message::new("output.range.point").with("months", max),
        Some(max) => Message::new("output.range")
            .with("min", r.min)
            .with("max", max),
        None => Message::new("output.range.to_life").with("min", r.min),
    }
}

/// A number to one decimal, as the comparison has always printed it.
fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

/// The best option of a comparison; when the case's own charge does not exist in this world
/// the comparison is run from the first charge that does, so "best charge" still answers.
pub(crate) fn best(case: &Case, w: &Applied) -> Result<ChargeComparison, EvaluationError> {
    match compare_charges(case, &w.law, &w.sentencing, &w.prosecution) {
        Err(EvaluationError::ChargeUnavailable { .. }) => {
            let Some(first) = w.law.charges_on(case.statute_date()).next() else {
                return Err(EvaluationError::MissingLaw(MissingLaw(
                    Message::new("error.no_charge_in_era").with(
                        "era",
                        crate::evaluate::law_on(case.law_era, case.offense_date),
                    ),
                )));
            };
            let mut variant = case.clone();
            variant.charge = first.id;
            compare_charges(&variant, &w.law, &w.sentencing, &w.prosecution)
        }
        other => other,
    }
}

/// Every single-case output of `case` in the world `w` (the case is first seen through the
/// scenario: its era, Manual and evidence may change).
pub fn case_outputs(case: &Case, w: &Applied) -> CaseOutputs {
    let case = w.case(case);
    let mut values = Vec::with_capacity(Output::ALL.len());
    let own = assess(&case, &w.law, &w.sentencing, &w.prosecution);
    let error = own.as_ref().err().map(ToString::to_string);
    match &own {
        Ok(a) => {
            let o = &a.option;
            values.push((
                Output::GuidelineRange,
                OutputValue {
                    number: Some(f64::from(o.guideline_range_months.min)),
                    text: Message::new("output.level_range")
                        .with("level", o.offense_level)
                        .with("range", range_text(&o.guideline_range_months)),
                },
            ));
            let mean = o.expected_sentence_months.mean;
            values.push((
                Output::ExpectedSentence,
                OutputValue {
                    number: Some(mean),
                    text: Message::new("output.months").verbatim("months", one_decimal(mean)),
                },
            ));
            for (output, p) in [
                (Output::Acceptance, o.acceptance_probability),
                (Output::Conviction, o.conviction_probability),
            ] {
                values.push((
                    output,
                    OutputValue {
                        number: Some(p),
                        text: Message::new("output.percent")
                            .verbatim("percent", one_decimal(p * 100.0)),
                    },
                ));
            }
            let m = o.expected_prison_months_per_referral;
            values.push((
                Output::PrisonMonthsPerReferral,
                OutputValue {
                    number: Some(m),
                    text: Message::new("output.months").verbatim("months", one_decimal(m)),
                },
            ));
        }
        Err(e) => {
            let why = Message::new("output.not_available").with("why", e.message());
            for output in &Output::ALL[..5] {
                values.push((*output, OutputValue::missing(why.clone())));
            }
        }
    }
    let best_value = match best(&case, w) {
        Ok(c) => match c.options.first() {
            Some(o) => OutputValue {
                number: Some(o.expected_prison_months_per_referral),
                text: Message::new("output.best_charge_value")
                    .verbatim("statutes", &o.statutes)
                    .verbatim("months", one_decimal(o.expected_prison_months_per_referral)),
            },
            None => OutputValue::missing(Message::new("output.no_charge_fits")),
        },
        Err(e) => {
            OutputValue::missing(Message::new("output.not_available").with("why", e.message()))
        }
    };
    values.push((Output::BestCharge, best_value));
    CaseOutputs { error, values }
}

/// A change that moves an output by itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    /// Position in the scenario's `changes`.
    pub change: usize,
    /// The change's label: a preset's in the reader's language, a user's verbatim.
    #[serde(with = "crate::i18n::english")]
    pub label: Message,
    pub source: String,
    pub assumption: bool,
    /// The output with this change alone, and its difference from the baseline.
    pub value: OutputValue,
    pub delta: Option<f64>,
}

/// One output, baseline beside scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideBySideRow {
    pub output: Output,
    #[serde(with = "crate::i18n::english")]
    pub label: Message,
    pub baseline: OutputValue,
    pub scenario: OutputValue,
    pub changed: bool,
    /// scenario − baseline, when both are numbers.
    pub delta: Option<f64>,
    /// The changes that move this output alone, largest |delta| first.
    pub causes: Vec<Cause>,
    /// delta − Σ causes' deltas: the part due to changes acting together.
    pub interaction: Option<f64>,
}

impl SideBySideRow {
    /// The combined difference in words, when the output changed and both sides are numbers.
    pub fn difference(&self) -> Option<Message> {
        let (true, Some(from), Some(to)) =
            (self.changed, self.baseline.number, self.scenario.number)
        else {
            return None;
        };
        Some(self.output.difference(from, to))
    }

    /// What `cause` alone does to this output, in words.
    pub fn cause_difference(&self, cause: &Cause) -> Option<Message> {
        Some(
            self.output
                .difference(self.baseline.number?, cause.value.number?),
        )
    }

    /// The part due to changes acting together, in words, when it is large enough to show
    /// (a tenth of a month, or a tenth of a point).
    pub fn interaction_difference(&self) -> Option<Message> {
        let i = self.interaction.filter(|_| self.changed)?;
        let shown = if self.output.is_probability() {
            i * 100.0
        } else {
            i
        };
        if shown.abs() < SMALLEST_POINTS {
            return None;
        }
        Some(self.output.amount(i))
    }
}

/// The whole comparison for one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideBySide {
    pub scenario_id: String,
    #[serde(with = "crate::i18n::english")]
    pub scenario_name: Message,
    pub rows: Vec<SideBySideRow>,
    /// Changes that act on a caseload only (ICE share, extra referrals): they move nothing
    /// here, by design.
    #[serde(with = "crate::i18n::english_list")]
    pub caseload_only: Vec<Message>,
    /// [`ATTRIBUTION_METHOD`], in the reader's language.
    #[serde(with = "crate::i18n::english")]
    pub method: Message,
}

fn delta(a: &OutputValue, b: &OutputValue) -> Option<f64> {
    Some(b.number? - a.number?)
}

/// The case under the baseline and under the scenario, with each difference explained by
/// the changes that cause it (see [`ATTRIBUTION_METHOD`]).
pub fn side_by_side(
    case: &Case,
    base: &Baseline,
    scenario: &Scenario,
) -> Result<SideBySide, ScenarioError> {
    let baseline_world = Applied::baseline(base);
    let scenario_world = scenario.apply(base)?;
    let before = case_outputs(case, &baseline_world);
    let after = case_outputs(case, &scenario_world);
    let mut singles = Vec::with_capacity(scenario.changes.len());
    for i in 0..scenario.changes.len() {
        let alone = scenario.only(i).apply(base)?;
        singles.push(case_outputs(case, &alone));
    }
    let mut rows = Vec::with_capacity(Output::ALL.len());
    for output in Output::ALL {
        let (Some(b), Some(s)) = (before.get(output), after.get(output)) else {
            continue;
        };
        let mut causes: Vec<Cause> = singles
            .iter()
            .enumerate()
            .filter_map(|(i, outs)| {
                let v = outs.get(output)?;
                if !v.differs(b) {
                    return None;
                }
                let change = &scenario.changes[i];
                Some(Cause {
                    change: i,
                    label: change.label_message(),
                    source: change.source.clone(),
                    assumption: change.assumption,
                    delta: delta(b, v),
                    value: v.clone(),
                })
            })
            .collect();
        causes.sort_by(|x, y| {
            let size = |c: &Cause| c.delta.map_or(f64::INFINITY, f64::abs);
            size(y).total_cmp(&size(x))
        });
        let d = delta(b, s);
        let interaction = d.and_then(|d| {
            let separate: Option<f64> = causes.iter().map(|c| c.delta).sum();
            separate.map(|sum| d - sum)
        });
        rows.push(SideBySideRow {
            output,
            label: output.message(),
            changed: s.differs(b),
            baseline: b.clone(),
            scenario: s.clone(),
            delta: d,
            causes,
            interaction,
        });
    }
    let caseload_only = scenario
        .changes
        .iter()
        .filter_map(|c| match c.rule {
            super::Rule::IceJointShare { .. } => Some(c.label_message()),
            super::Rule::MultipleSalesReporting { .. } => {
                Some(Message::new("side_by_side.multiple_sales").with("label", c.label_message()))
            }
            _ => None,
        })
        .collect();
    Ok(SideBySide {
        scenario_id: scenario.id.clone(),
        scenario_name: scenario.name_message(),
        rows,
        caseload_only,
        method: Message::new("side_by_side.method"),
    })
}

/// The best charge option for a case already seen through the world `w` (the caseload's
/// charge policy `best`).
pub(crate) fn best_option(
    case: &Case,
    w: &Applied,
) -> Result<crate::prosecution::ChargeOption, String> {
    let comparison = best(case, w).map_err(|e| e.to_string())?;
    comparison
        .options
        .into_iter()
        .next()
        .ok_or_else(|| "no charge fits the facts".to_string())
}

/// The side-by-side as a Markdown table, each change that moves an output named beside it
/// (`threshold scenario compare`).
pub fn side_by_side_markdown(s: &SideBySide) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "Scenario `{}` ({}) against the baseline\n\n| output | baseline | scenario | difference | caused by |\n|---|---|---|---|---|\n",
        s.scenario_id,
        s.scenario_name.render(Lang::En)
    );
    for r in &s.rows {
        let delta = match (r.changed, r.difference()) {
            (false, _) => "—".to_string(),
            (true, Some(d)) => d.render(Lang::En),
            (true, None) => "changed".to_string(),
        };
        let mut causes: Vec<String> = r
            .causes
            .iter()
            .map(|c| match r.cause_difference(c) {
                Some(d) => format!("{}: {}", c.label.render(Lang::En), d.render(Lang::En)),
                None => c.label.render(Lang::En),
            })
            .collect();
        if let Some(i) = r.interaction_difference() {
            causes.push(format!("acting together: {}", i.render(Lang::En)));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.label.render(Lang::En),
            r.baseline.text.render(Lang::En),
            r.scenario.text.render(Lang::En),
            delta,
            causes.join("; ")
        );
    }
    for label in &s.caseload_only {
        let _ = writeln!(out, "\nCaseload only: {}.", label.render(Lang::En));
    }
    out
}

/// A referral like `case` under the baseline and under the scenario: its own charge's chance
/// of acceptance and reasons for a decline in each world, so a chart can set the two side by
/// side. `None` when either world cannot assess it (the side-by-side then says why per row).
pub fn referral_outcomes(
    case: &Case,
    base: &Baseline,
    scenario: &Scenario,
) -> Option<[ChargeOption; 2]> {
    let own = |w: &Applied| {
        assess(&w.case(case), &w.law, &w.sentencing, &w.prosecution)
            .ok()
            .map(|a| a.option)
    };
    let scenario_world = scenario.apply(base).ok()?;
    Some([own(&Applied::baseline(base))?, own(&scenario_world)?])
}

/// Why a proposal moves nothing for one case, in words, and a case where it does.
#[derive(Debug, Clone, PartialEq)]
pub struct NothingMoves {
    pub why: Message,
    /// A case the proposal does change: its own probe, else the standard one.
    pub probe: Option<(Case, Message)>,
}

/// When `comparison` (of a case under `scenario`) changes no output, says why and finds a
/// case where the proposal bites; `None` when something moved.
pub fn nothing_moves(
    base: &Baseline,
    scenario: &Scenario,
    comparison: &SideBySide,
) -> Option<NothingMoves> {
    use super::Rule;
    if comparison.rows.iter().any(|r| r.changed) {
        return None;
    }
    let caseload_only = |r: &Rule| {
        matches!(
            r,
            Rule::IceJointShare { .. } | Rule::MultipleSalesReporting { .. }
        )
    };
    let limits = |r: &Rule| matches!(r, Rule::StatutoryMax { .. } | Rule::MandatoryMin { .. });
    let range = comparison
        .rows
        .iter()
        .find(|r| r.output == Output::GuidelineRange)
        .map(|r| r.baseline.text.clone());
    let reason = if scenario.changes.is_empty() {
        Message::new("nothing_moves.no_changes")
    } else if scenario.changes.iter().all(|c| caseload_only(&c.rule)) {
        Message::new("nothing_moves.caseload_only")
    } else if let (true, Some(range)) = (scenario.changes.iter().any(|c| limits(&c.rule)), range) {
        Message::new("nothing_moves.within_limits").with("range", range)
    } else {
        Message::new("nothing_moves.facts_untouched")
    };
    let why = Message::new("nothing_moves.why").with("reason", reason);
    let probe = (!scenario.changes.is_empty())
        .then(|| {
            let (probe, label) = match &scenario.probe {
                Some(p) => (
                    p.clone(),
                    p.label
                        .as_deref()
                        .map(|l| {
                            super::preset_texts()
                                .iter()
                                .filter_map(|t| t.probe_label.as_ref())
                                .find(|t| t.en == l)
                                .map_or_else(|| Message::verbatim_text(l), Message::text)
                        })
                        .unwrap_or_else(|| Message::new("nothing_moves.probe_case")),
                ),
                None => (
                    super::standard_probe(),
                    Message::new("nothing_moves.standard_probe"),
                ),
            };
            let bites = side_by_side(&probe, base, scenario)
                .is_ok_and(|s| s.rows.iter().any(|r| r.changed));
            bites.then_some((probe, label))
        })
        .flatten();
    Some(NothingMoves { why, probe })
}

//! The caseload Monte Carlo: baseline and scenario drawn side by side from one seed, in
//! chunks the UI can interleave with input, summarised as means and 90% intervals.
//!
//! Implementation note: draw `d` uses its own PCG32 stream (`seed`, stream `d`), and both
//! worlds replay that stream, so (1) results do not depend on how the work was chunked,
//! (2) the same referral gets the same random numbers in both worlds (common random
//! numbers: the difference between worlds has far less noise than either), and (3) native
//! and wasm32 give bit-identical totals, all integers.

use serde::{Deserialize, Serialize};

use super::rng::Pcg32;
use super::{ArmTable, ArmTableBuilder, Caseload, ChargePolicy, Expected, WorldDraw, MAX_DRAWS};
use crate::i18n::{Lang, Message};
use crate::imposed::{expected_sentence, Param, SentencingParams};
use crate::prosecution::ProsecutionParams;
use crate::scenario::{Applied, Baseline, Scenario, ScenarioError};
use crate::{GuidelineRange, Zone};

/// What the intervals of a projection cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uncertainty {
    /// Chance and assumptions: each draw also draws the models' parameters from their
    /// stated ranges and resamples the referrals.
    #[default]
    Full,
    /// Chance alone: the same referrals and parameters in every draw.
    Chance,
}

impl Uncertainty {
    pub fn code(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Chance => "chance",
        }
    }

    pub fn from_code(code: &str) -> Option<Uncertainty> {
        [Self::Full, Self::Chance]
            .into_iter()
            .find(|u| u.code() == code)
    }
}

/// One world's intervals under the full uncertainty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmIntervals {
    pub accepted: Interval,
    pub convictions: Interval,
    pub prison_years: Interval,
    pub accepted_per_100: Interval,
    pub convictions_per_100: Interval,
    pub prison_years_per_100: Interval,
}

/// The 90% intervals over chance and assumptions (the chance-alone ones are the summary's
/// own fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullUncertainty {
    pub baseline: ArmIntervals,
    pub scenario: ArmIntervals,
    pub difference_accepted: Interval,
    pub difference_convictions: Interval,
    pub difference_prison_years: Interval,
}

/// How "flipped" is defined, stated for the reader (the catalog holds it in both
/// languages; summaries carry the English, as the command line prints it).
pub fn flip_definition(lang: Lang) -> String {
    Message::new("caseload.flip_definition").render(lang)
}

/// One draw's totals in one world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub accepted: u32,
    pub convictions: u32,
    /// Prison imposed, in tenths of a month (an integer, so sums are exact everywhere).
    pub prison_tenths_of_months: u64,
}

impl Totals {
    pub fn prison_years(&self) -> f64 {
        self.prison_tenths_of_months as f64 / 120.0
    }
}

/// A mean with its 90% interval across draws (5th and 95th percentiles, nearest rank).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Interval {
    pub mean: f64,
    pub p5: f64,
    pub p95: f64,
}

impl Interval {
    /// From per-draw values (the order does not matter; the sum is in draw order).
    pub fn of(values: &[f64]) -> Interval {
        if values.is_empty() {
            return Interval::default();
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = |q: f64| {
            let k = (q * sorted.len() as f64).ceil() as usize;
            sorted[k.clamp(1, sorted.len()) - 1]
        };
        Interval {
            mean,
            p5: rank(0.05),
            p95: rank(0.95),
        }
    }

    fn scaled(&self, factor: f64) -> Interval {
        Interval {
            mean: self.mean * factor,
            p5: self.p5 * factor,
            p95: self.p95 * factor,
        }
    }
}

/// One world's projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmSummary {
    pub referrals: usize,
    pub accepted: Interval,
    pub convictions: Interval,
    pub prison_years: Interval,
    pub accepted_per_100: Interval,
    pub convictions_per_100: Interval,
    pub prison_years_per_100: Interval,
    /// The exact expectations the means converge to.
    pub expected: Expected,
    /// Referrals that could not be evaluated in this world (never accepted).
    pub unevaluable: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_error: Option<String>,
}

/// Referrals the scenario moves across the 50% line (see [`flip_definition`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flips {
    pub declined_to_accepted: usize,
    pub accepted_to_declined: usize,
    /// Referrals more likely declined than accepted under the baseline.
    pub declined_in_baseline: usize,
    pub expected_extra_acceptances: f64,
    pub definition: String,
}

/// Counts of draws per bin, baseline beside scenario, over shared edges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// `bins + 1` edges; bin i is [edges[i], edges[i+1]) (the last includes its top).
    pub edges: Vec<f64>,
    pub baseline: Vec<u32>,
    pub scenario: Vec<u32>,
}

/// Everything the caseload panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectionSummary {
    pub scenario_id: String,
    pub scenario_name: String,
    pub caseload: String,
    pub charge_policy: ChargePolicy,
    pub seed: u64,
    pub draws: usize,
    pub draws_requested: usize,
    pub baseline: ArmSummary,
    pub scenario: ArmSummary,
    /// Scenario − baseline, draw by draw (same random numbers), totals.
    pub difference_accepted: Interval,
    pub difference_convictions: Interval,
    pub difference_prison_years: Interval,
    pub flips: Flips,
    pub histogram_prison_years: Histogram,
    pub histogram_accepted: Histogram,
    /// What `full` covers; `full` is absent for a chance-alone projection.
    #[serde(default)]
    pub uncertainty: Uncertainty,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<FullUncertainty>,
}

impl ProjectionSummary {
    /// Whether the proposal changed no referral in any draw: every difference, over chance
    /// and over the assumptions, is exactly zero (the page then says why in words rather
    /// than show a column of zeros).
    pub fn moves_nothing(&self) -> bool {
        let zero = |i: &Interval| i.mean == 0.0 && i.p5 == 0.0 && i.p95 == 0.0;
        let full = self.full.as_ref().is_none_or(|f| {
            zero(&f.difference_accepted)
                && zero(&f.difference_convictions)
                && zero(&f.difference_prison_years)
        });
        zero(&self.difference_accepted)
            && zero(&self.difference_convictions)
            && zero(&self.difference_prison_years)
            && self.flips.declined_to_accepted == 0
            && self.flips.accepted_to_declined == 0
            && full
    }
}

/// A projection in progress. [`Projection::new`] is cheap; [`Projection::prepare`]
/// precomputes referrals in slices (the costly part: every referral's charge, sentence and
/// chances, in both worlds) and [`Projection::step`] runs draws (preparing whatever is left
/// first). Drive both until [`Projection::is_done`], showing [`Projection::progress`];
/// read [`Projection::summary`] at the end (before, it covers the draws done so far).
#[derive(Debug, Clone)]
pub struct Projection {
    seed: u64,
    draws_requested: usize,
    policy: ChargePolicy,
    caseload_origin: String,
    scenario_id: String,
    scenario_name: String,
    baseline: ArmTableBuilder,
    scenario: ArmTableBuilder,
    /// Per draw: (baseline, scenario).
    results: Vec<(Totals, Totals)>,
    uncertainty: Uncertainty,
    /// Per draw under the full uncertainty (empty for chance alone).
    results_full: Vec<(Totals, Totals)>,
}

impl Projection {
    /// Checks the request and applies the scenario; no referral is evaluated yet.
    pub fn new(
        caseload: &Caseload,
        base: &Baseline,
        scenario: &Scenario,
        seed: u64,
        draws: usize,
        policy: ChargePolicy,
    ) -> Result<Projection, ScenarioError> {
        if draws == 0 || draws > MAX_DRAWS {
            return Err(ScenarioError {
                field: "draws".into(),
                message: Message::new("error.draws").with("max", MAX_DRAWS),
            });
        }
        let scenario_world = scenario.apply(base)?;
        let baseline_world = crate::scenario::Applied::baseline(base);
        Ok(Projection {
            seed,
            draws_requested: draws,
            policy,
            caseload_origin: caseload.origin.clone(),
            scenario_id: scenario.id.clone(),
            scenario_name: scenario.name.clone(),
            baseline: ArmTableBuilder::new(caseload, baseline_world, policy),
            scenario: ArmTableBuilder::new(caseload, scenario_world, policy),
            results: Vec::with_capacity(draws),
            uncertainty: Uncertainty::Full,
            results_full: Vec::new(),
        })
    }

    /// The same projection with intervals over chance alone, or over chance and the
    /// assumptions (the default). Call before any draw.
    pub fn with_uncertainty(mut self, uncertainty: Uncertainty) -> Projection {
        self.uncertainty = uncertainty;
        self
    }

    /// Precomputes up to `referrals` more referrals (baseline world first, then the
    /// scenario's); returns how many it did. About 10 µs a referral natively.
    pub fn prepare(&mut self, referrals: usize) -> usize {
        let done = self.baseline.advance(referrals);
        done + self.scenario.advance(referrals - done)
    }

    /// True once every referral of both worlds is precomputed.
    pub fn is_prepared(&self) -> bool {
        self.baseline.is_done() && self.scenario.is_done()
    }

    /// Runs up to `draws` more draws (preparing any referrals left first); returns how many
    /// draws it ran.
    pub fn step(&mut self, draws: usize) -> usize {
        self.prepare(usize::MAX);
        let (baseline, scenario) = (self.baseline.table(), self.scenario.table());
        let start = self.results.len();
        let end = start.saturating_add(draws).min(self.draws_requested);
        let worlds = (self.baseline.world(), self.scenario.world());
        for d in start..end {
            self.results
                .push(draw_pair(baseline, scenario, self.seed, d as u64));
            if self.uncertainty == Uncertainty::Full {
                self.results_full.push(draw_pair_full(
                    (baseline, scenario),
                    worlds,
                    self.seed,
                    d as u64,
                ));
            }
        }
        end - start
    }

    /// Share of the work done, 0 to 1: preparation counts for half, the draws for half
    /// (they cost about the same for a 1,000-draw projection).
    pub fn progress(&self) -> f64 {
        let referrals = self.baseline.len() + self.scenario.len();
        let prepared = if referrals == 0 {
            1.0
        } else {
            (self.baseline.done() + self.scenario.done()) as f64 / referrals as f64
        };
        0.5 * prepared + 0.5 * self.results.len() as f64 / self.draws_requested as f64
    }

    pub fn is_done(&self) -> bool {
        self.is_prepared() && self.results.len() >= self.draws_requested
    }

    pub fn draws_done(&self) -> usize {
        self.results.len()
    }

    /// Referrals in the baseline and the scenario world (a scenario may add referrals).
    pub fn referrals(&self) -> (usize, usize) {
        (self.baseline.len(), self.scenario.len())
    }

    /// The precomputed worlds, for inspection (e.g. which charge each referral gets);
    /// partial until [`Projection::is_prepared`].
    pub fn tables(&self) -> (&ArmTable, &ArmTable) {
        (self.baseline.table(), self.scenario.table())
    }

    /// The per-draw totals so far: (baseline, scenario).
    pub fn results(&self) -> &[(Totals, Totals)] {
        &self.results
    }

    /// The per-draw totals under the full uncertainty (empty for chance alone).
    pub fn results_full(&self) -> &[(Totals, Totals)] {
        &self.results_full
    }

    /// The summary of the draws done so far.
    pub fn summary(&self) -> ProjectionSummary {
        let b: Vec<Totals> = self.results.iter().map(|r| r.0).collect();
        let s: Vec<Totals> = self.results.iter().map(|r| r.1).collect();
        let diff = |f: fn(&Totals) -> f64| {
            let values: Vec<f64> = self.results.iter().map(|(b, s)| f(s) - f(b)).collect();
            Interval::of(&values)
        };
        ProjectionSummary {
            scenario_id: self.scenario_id.clone(),
            scenario_name: self.scenario_name.clone(),
            caseload: self.caseload_origin.clone(),
            charge_policy: self.policy,
            seed: self.seed,
            draws: self.results.len(),
            draws_requested: self.draws_requested,
            baseline: arm_summary(self.baseline.table(), &b),
            scenario: arm_summary(self.scenario.table(), &s),
            difference_accepted: diff(|t| f64::from(t.accepted)),
            difference_convictions: diff(|t| f64::from(t.convictions)),
            difference_prison_years: diff(Totals::prison_years),
            flips: flips(self.baseline.table(), self.scenario.table()),
            histogram_prison_years: histogram(&b, &s, Totals::prison_years, 20),
            histogram_accepted: histogram(&b, &s, |t| f64::from(t.accepted), 20),
            uncertainty: self.uncertainty,
            full: (self.uncertainty == Uncertainty::Full).then(|| {
                let b: Vec<Totals> = self.results_full.iter().map(|r| r.0).collect();
                let s: Vec<Totals> = self.results_full.iter().map(|r| r.1).collect();
                let diff = |f: fn(&Totals) -> f64| {
                    let values: Vec<f64> =
                        self.results_full.iter().map(|(b, s)| f(s) - f(b)).collect();
                    Interval::of(&values)
                };
                FullUncertainty {
                    baseline: arm_intervals(self.baseline.table(), &b),
                    scenario: arm_intervals(self.scenario.table(), &s),
                    difference_accepted: diff(|t| f64::from(t.accepted)),
                    difference_convictions: diff(|t| f64::from(t.convictions)),
                    difference_prison_years: diff(Totals::prison_years),
                }
            }),
        }
    }
}

/// A value drawn evenly from a parameter's stated range, as a change from its default;
/// zero for a parameter without a range.
fn drawn_change(p: &Param, rng: &mut Pcg32) -> f64 {
    let u = rng.next_unit();
    match (p.low, p.high) {
        (Some(lo), Some(hi)) if hi > lo => lo + u * (hi - lo) - p.value,
        _ => 0.0,
    }
}

/// Mean months of two reference ranges (10–16 in zone C, 46–57 in zone D): how much a set
/// of sentencing parameters lengthens or shortens sentences overall.
fn sentence_level(p: &SentencingParams) -> f64 {
    let mean = |min, max, zone| {
        let range = GuidelineRange {
            min_months: min,
            max_months: Some(max),
        };
        expected_sentence(range, zone, 0, Some(120), true, p).mean
    };
    mean(10, 16, Zone::C) + mean(46, 57, Zone::D)
}

/// The acceptance and conviction models' parameters in the order of their inputs, as
/// [`WorldDraw`] holds them.
fn model_params(p: &ProsecutionParams) -> impl Iterator<Item = &Param> {
    p.acceptance_params()
        .into_iter()
        .chain(p.conviction_params())
}

/// Every world's parameters for one draw: each uncertain parameter's change from its
/// default drawn once from the baseline's stated range and applied to both worlds (so a
/// scenario's own change stays what it is), and the sentencing parameters' effect as one
/// factor on every sentence.
fn world_draws(
    (baseline, scenario): (&Applied, &Applied),
    rng: &mut Pcg32,
) -> (WorldDraw, WorldDraw) {
    let base = &baseline.prosecution;
    // Each change is drawn from the baseline's range.
    let changes: Vec<f64> = model_params(base).map(|p| drawn_change(p, rng)).collect();
    let mut sentencing = baseline.sentencing.clone();
    for (_, p) in sentencing.fields_mut() {
        let change = drawn_change(p, rng);
        p.value += change;
    }
    let valid = sentencing.validate().is_ok();
    let level = |p: &SentencingParams| sentence_level(p).max(1e-9);
    let factor = if valid {
        level(&sentencing) / level(&baseline.sentencing)
    } else {
        1.0
    };
    let world = |p: &ProsecutionParams| {
        let values: Vec<f64> = model_params(p)
            .zip(&changes)
            .map(|(q, c)| q.value + c)
            .collect();
        // The no-firearm factor's input is −1 when no firearm was obtained, so its weight
        // enters as it is.
        let district = p.district_shift.value;
        WorldDraw {
            acceptance: std::array::from_fn(|i| values[i] + if i == 0 { district } else { 0.0 }),
            conviction: std::array::from_fn(|i| values[10 + i]),
            sentence_per_mille: (factor * 1000.0).round().max(0.0) as u64,
        }
    };
    (world(base), world(&scenario.prosecution))
}

fn draw_pair_full(
    (baseline, scenario): (&ArmTable, &ArmTable),
    worlds: (&Applied, &Applied),
    seed: u64,
    draw: u64,
) -> (Totals, Totals) {
    // Its own stream, so the chance draws are exactly the chance-alone projection's.
    let mut extra = Pcg32::new(seed, draw | (1 << 63));
    let (tb, ts) = world_draws(worlds, &mut extra);
    let n = baseline.rows.len().max(scenario.rows.len());
    let picks: Vec<u32> = (0..n).map(|_| extra.next_u32()).collect();
    let mut rng = Pcg32::new(seed, draw);
    ArmTable::draw_full_pair((baseline, scenario), &mut rng, &picks, (&tb, &ts))
}

fn arm_intervals(table: &ArmTable, totals: &[Totals]) -> ArmIntervals {
    let n = table.rows.len();
    let per_100 = if n == 0 { 0.0 } else { 100.0 / n as f64 };
    let of = |f: fn(&Totals) -> f64| {
        let values: Vec<f64> = totals.iter().map(f).collect();
        Interval::of(&values)
    };
    let accepted = of(|t| f64::from(t.accepted));
    let convictions = of(|t| f64::from(t.convictions));
    let prison_years = of(Totals::prison_years);
    ArmIntervals {
        accepted_per_100: accepted.scaled(per_100),
        convictions_per_100: convictions.scaled(per_100),
        prison_years_per_100: prison_years.scaled(per_100),
        accepted,
        convictions,
        prison_years,
    }
}

fn draw_pair(baseline: &ArmTable, scenario: &ArmTable, seed: u64, draw: u64) -> (Totals, Totals) {
    let mut rng = Pcg32::new(seed, draw);
    let b = baseline.draw(&mut rng);
    let mut rng = Pcg32::new(seed, draw);
    let s = scenario.draw(&mut rng);
    (b, s)
}

fn arm_summary(table: &ArmTable, totals: &[Totals]) -> ArmSummary {
    let i = arm_intervals(table, totals);
    ArmSummary {
        referrals: table.rows.len(),
        accepted: i.accepted,
        convictions: i.convictions,
        prison_years: i.prison_years,
        accepted_per_100: i.accepted_per_100,
        convictions_per_100: i.convictions_per_100,
        prison_years_per_100: i.prison_years_per_100,
        expected: table.expected(),
        unevaluable: table.unevaluable,
        first_error: table.first_error.clone(),
    }
}

fn flips(baseline: &ArmTable, scenario: &ArmTable) -> Flips {
    let mut f = Flips {
        declined_to_accepted: 0,
        accepted_to_declined: 0,
        declined_in_baseline: 0,
        expected_extra_acceptances: scenario.expected().accepted - baseline.expected().accepted,
        definition: flip_definition(Lang::En),
    };
    for (b, s) in baseline.rows.iter().zip(&scenario.rows) {
        let (was, is) = (b.p_accept >= 0.5, s.p_accept >= 0.5);
        if !was {
            f.declined_in_baseline += 1;
        }
        match (was, is) {
            (false, true) => f.declined_to_accepted += 1,
            (true, false) => f.accepted_to_declined += 1,
            _ => {}
        }
    }
    f
}

fn histogram(b: &[Totals], s: &[Totals], f: fn(&Totals) -> f64, bins: usize) -> Histogram {
    let values = || b.iter().chain(s).map(f);
    let lo = values().fold(f64::INFINITY, f64::min);
    let hi = values().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return Histogram {
            edges: Vec::new(),
            baseline: Vec::new(),
            scenario: Vec::new(),
        };
    }
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges = (0..=bins).map(|i| lo + width * i as f64).collect();
    let count = |totals: &[Totals]| {
        let mut counts = vec![0u32; bins];
        for t in totals {
            let i = (((f(t) - lo) / width) as usize).min(bins - 1);
            counts[i] += 1;
        }
        counts
    };
    Histogram {
        edges,
        baseline: count(b),
        scenario: count(s),
    }
}

/// A fingerprint of a fixed projection (the default caseload, the 2011 status quo beside
/// the amendment 753 preset, best-charge policy) for `seed` and `draws`: the UI
/// computes it in WASM and compares it with the native value to show both give the same
/// draws. FNV-1a over every draw's integer totals, chance alone and full uncertainty.
pub fn projection_fingerprint(seed: u64, draws: usize) -> u64 {
    let caseload = super::Caseload::default_population();
    let base = Baseline::embedded();
    let Some(scenario) = crate::scenario::preset("amendment_753") else {
        return 0;
    };
    let Ok(mut p) = Projection::new(
        &caseload,
        &base,
        scenario,
        seed,
        draws.clamp(1, MAX_DRAWS),
        ChargePolicy::Best,
    ) else {
        return 0;
    };
    p.step(usize::MAX);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |x: u64| {
        for byte in x.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for (b, s) in p.results().iter().chain(p.results_full()) {
        for t in [b, s] {
            eat(u64::from(t.accepted));
            eat(u64::from(t.convictions));
            eat(t.prison_tenths_of_months);
        }
    }
    hash
}

fn interval_text(i: &Interval, digits: usize) -> String {
    format!("{:.d$} ({:.d$}–{:.d$})", i.mean, i.p5, i.p95, d = digits)
}

fn signed_interval_text(i: &Interval, digits: usize) -> String {
    format!(
        "{:+.d$} ({:+.d$} to {:+.d$})",
        i.mean,
        i.p5,
        i.p95,
        d = digits
    )
}

/// The summary as a Markdown table for people (`threshold project --format table`).
pub fn summary_markdown(s: &ProjectionSummary) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "Scenario `{}` ({}) against the baseline\nCaseload: {}; charge policy: {}; seed {}, {} draws\n\n",
        s.scenario_id,
        s.scenario_name,
        s.caseload,
        match s.charge_policy {
            ChargePolicy::Best => "best charge",
            ChargePolicy::Own => "own charge",
        },
        s.seed,
        s.draws
    );
    out.push_str(
        "90% interval, chance alone (the same referrals and parameters in every draw):\n\n",
    );
    out.push_str("| output | baseline | scenario | difference |\n|---|---|---|---|\n");
    let (b, sc) = (&s.baseline, &s.scenario);
    let _ = writeln!(
        out,
        "| referrals | {} | {} | {:+} |",
        b.referrals,
        sc.referrals,
        sc.referrals as i64 - b.referrals as i64
    );
    let rows: [(&str, &Interval, &Interval, &Interval, usize); 3] = [
        (
            "accepted referrals",
            &b.accepted,
            &sc.accepted,
            &s.difference_accepted,
            1,
        ),
        (
            "convictions",
            &b.convictions,
            &sc.convictions,
            &s.difference_convictions,
            1,
        ),
        (
            "prison-years",
            &b.prison_years,
            &sc.prison_years,
            &s.difference_prison_years,
            1,
        ),
    ];
    for (name, bi, si, di, d) in rows {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} |",
            interval_text(bi, d),
            interval_text(si, d),
            signed_interval_text(di, d)
        );
    }
    for (name, bi, si) in [
        (
            "accepted per 100 referrals",
            &b.accepted_per_100,
            &sc.accepted_per_100,
        ),
        (
            "convictions per 100 referrals",
            &b.convictions_per_100,
            &sc.convictions_per_100,
        ),
        (
            "prison-years per 100 referrals",
            &b.prison_years_per_100,
            &sc.prison_years_per_100,
        ),
    ] {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {:+.1} |",
            interval_text(bi, 1),
            interval_text(si, 1),
            si.mean - bi.mean
        );
    }
    let _ = writeln!(
        out,
        "| expected prison-years (exact) | {:.1} | {:.1} | {:+.1} |",
        b.expected.prison_years,
        sc.expected.prison_years,
        sc.expected.prison_years - b.expected.prison_years
    );
    if let Some(full) = &s.full {
        let _ = write!(
            out,
            "\n90% interval, chance and assumptions (each draw also draws every stated range \
             of the models' parameters and resamples the referrals):\n\n\
             | output | baseline | scenario | difference |\n|---|---|---|---|\n"
        );
        let (fb, fs) = (&full.baseline, &full.scenario);
        for (name, bi, si, di) in [
            (
                "accepted referrals",
                &fb.accepted,
                &fs.accepted,
                &full.difference_accepted,
            ),
            (
                "convictions",
                &fb.convictions,
                &fs.convictions,
                &full.difference_convictions,
            ),
            (
                "prison-years",
                &fb.prison_years,
                &fs.prison_years,
                &full.difference_prison_years,
            ),
        ] {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} |",
                interval_text(bi, 1),
                interval_text(si, 1),
                signed_interval_text(di, 1)
            );
        }
        for (name, bi, si) in [
            (
                "accepted per 100 referrals",
                &fb.accepted_per_100,
                &fs.accepted_per_100,
            ),
            (
                "convictions per 100 referrals",
                &fb.convictions_per_100,
                &fs.convictions_per_100,
            ),
            (
                "prison-years per 100 referrals",
                &fb.prison_years_per_100,
                &fs.prison_years_per_100,
            ),
        ] {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {:+.1} |",
                interval_text(bi, 1),
                interval_text(si, 1),
                si.mean - bi.mean
            );
        }
    }
    let f = &s.flips;
    let _ = write!(
        out,
        "\nMean (5th–95th percentile across draws). Flips: {} of the {} referrals more likely \
         declined than accepted under the baseline become more likely accepted ({} the other \
         way); expected extra acceptances {:+.1}.\n",
        f.declined_to_accepted,
        f.declined_in_baseline,
        f.accepted_to_declined,
        f.expected_extra_acceptances
    );
    for (name, arm) in [("baseline", b), ("scenario", sc)] {
        if arm.unevaluable > 0 {
            let _ = writeln!(
                out,
                "{} referrals could not be evaluated under the {name} (counted as declined): {}",
                arm.unevaluable,
                arm.first_error.as_deref().unwrap_or("")
            );
        }
    }
    out
}

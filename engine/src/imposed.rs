//! From the final guideline range to the sentence a court is likely to impose: a mixture of
//! probation, within-, below- and above-range sentences, computed exactly (no sampling).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::i18n::{raw, InputError, Message, Text};
use crate::sentencing_table::LIFE_MONTHS;
use crate::{GuidelineRange, Zone};

const PARAMS_JSON: &str = include_str!("../data/sentencing_params.json");

/// A number with where it comes from; `assumption: true` marks a labelled guess. The
/// optional `meaning` says in plain words what the number does, and `low`/`high` bound the
/// values a reasonable analyst might defend, for sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub value: f64,
    pub assumption: bool,
    /// A pure citation, or our own prose around citations in both languages.
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
    /// What the number does, in plain words in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
}

impl Param {
    /// The parameter with a value the user chose; the meaning and range stay, the source
    /// says who set it.
    pub(crate) fn overridden(&self, value: f64) -> Param {
        Param {
            value,
            assumption: true,
            source: Text::new("set by the user", "fijado por el usuario"),
            ..self.clone()
        }
    }
}

/// How courts depart from the range. Defaults in `data/sentencing_params.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentencingParams {
    /// Share of sentences within the range.
    pub within_range_share: Param,
    /// Share above the range; the rest (1 − within − above) is below.
    pub above_range_share: Param,
    /// Of within-range sentences, the share at the range minimum exactly.
    pub within_at_minimum_share: Param,
    /// A below-range sentence is the minimum reduced by a fraction spread evenly between these.
    pub below_reduction_min: Param,
    pub below_reduction_max: Param,
    /// An above-range sentence is the maximum increased by a fraction between these.
    pub above_increase_min: Param,
    pub above_increase_max: Param,
    /// Chance of probation without imprisonment in Zone A and Zone B.
    pub probation_share_zone_a: Param,
    pub probation_share_zone_b: Param,
}

/// Changes to the likely-sentence model's parameters, by name; a parameter not named keeps
/// its default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SentencingOverrides {
    /// Share of sentences within the range (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_range_share: Option<f64>,
    /// Share of sentences above the range (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_range_share: Option<f64>,
    /// Of sentences within the range, the share at its minimum (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_at_minimum_share: Option<f64>,
    /// Smallest fraction a below-range sentence takes off the minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below_reduction_min: Option<f64>,
    /// Largest fraction a below-range sentence takes off the minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below_reduction_max: Option<f64>,
    /// Smallest fraction an above-range sentence adds to the maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_increase_min: Option<f64>,
    /// Largest fraction an above-range sentence adds to the maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_increase_max: Option<f64>,
    /// Chance of probation without prison in Zone A (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probation_share_zone_a: Option<f64>,
    /// Chance of probation without prison in Zone B (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probation_share_zone_b: Option<f64>,
}

impl SentencingParams {
    /// The defaults embedded at build time, parsed once.
    pub fn embedded() -> &'static SentencingParams {
        static PARAMS: OnceLock<SentencingParams> = OnceLock::new();
        // Fixed at build time and checked by the tests.
        PARAMS.get_or_init(|| {
            serde_json::from_str(PARAMS_JSON).expect("embedded sentencing parameters are valid")
        })
    }

    /// A copy with the user's overrides applied and checked.
    pub fn with_overrides(&self, o: &SentencingOverrides) -> Result<SentencingParams, InputError> {
        let mut p = self.clone();
        let fields: [(&mut Param, Option<f64>); 9] = [
            (&mut p.within_range_share, o.within_range_share),
            (&mut p.above_range_share, o.above_range_share),
            (&mut p.within_at_minimum_share, o.within_at_minimum_share),
            (&mut p.below_reduction_min, o.below_reduction_min),
            (&mut p.below_reduction_max, o.below_reduction_max),
            (&mut p.above_increase_min, o.above_increase_min),
            (&mut p.above_increase_max, o.above_increase_max),
            (&mut p.probation_share_zone_a, o.probation_share_zone_a),
            (&mut p.probation_share_zone_b, o.probation_share_zone_b),
        ];
        for (param, value) in fields {
            if let Some(v) = value {
                *param = param.overridden(v);
            }
        }
        p.validate()?;
        Ok(p)
    }

    /// Checks that every share is a probability and every interval is ordered.
    /// Every parameter by name, to change in place (the full-uncertainty draws).
    pub fn fields_mut(&mut self) -> [(&'static str, &mut Param); 9] {
        [
            ("within_range_share", &mut self.within_range_share),
            ("above_range_share", &mut self.above_range_share),
            ("within_at_minimum_share", &mut self.within_at_minimum_share),
            ("below_reduction_min", &mut self.below_reduction_min),
            ("below_reduction_max", &mut self.below_reduction_max),
            ("above_increase_min", &mut self.above_increase_min),
            ("above_increase_max", &mut self.above_increase_max),
            ("probation_share_zone_a", &mut self.probation_share_zone_a),
            ("probation_share_zone_b", &mut self.probation_share_zone_b),
        ]
    }

    pub fn validate(&self) -> Result<(), InputError> {
        let unit = [
            ("within_range_share", &self.within_range_share),
            ("above_range_share", &self.above_range_share),
            ("within_at_minimum_share", &self.within_at_minimum_share),
            ("below_reduction_min", &self.below_reduction_min),
            ("below_reduction_max", &self.below_reduction_max),
            ("probation_share_zone_a", &self.probation_share_zone_a),
            ("probation_share_zone_b", &self.probation_share_zone_b),
        ];
        for (name, p) in unit {
            if !(p.value.is_finite() && (0.0..=1.0).contains(&p.value)) {
                return Err(InputError(
                    Message::new("error.param.between_0_1")
                        .verbatim("name", name)
                        .with("value", raw(p.value)),
                ));
            }
        }
        for (name, p) in [
            ("above_increase_min", &self.above_increase_min),
            ("above_increase_max", &self.above_increase_max),
        ] {
            if !(p.value.is_finite() && (0.0..=10.0).contains(&p.value)) {
                return Err(InputError(
                    Message::new("error.param.between_0_10")
                        .verbatim("name", name)
                        .with("value", raw(p.value)),
                ));
            }
        }
        if self.within_range_share.value + self.above_range_share.value > 1.0 + 1e-12 {
            return Err(InputError::new("error.param.shares_exceed_1"));
        }
        if self.below_reduction_min.value > self.below_reduction_max.value {
            return Err(InputError::new("error.param.below_order"));
        }
        if self.above_increase_min.value > self.above_increase_max.value {
            return Err(InputError::new("error.param.above_order"));
        }
        Ok(())
    }
}

/// The distribution of the imposed prison term, in months (0 = no imprisonment). Serialized
/// to three decimals: exports are read by people, bulk runs use the values directly.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExpectedSentence {
    #[serde(serialize_with = "three_decimals")]
    pub mean: f64,
    #[serde(serialize_with = "three_decimals")]
    pub median: f64,
    #[serde(serialize_with = "three_decimals")]
    pub p10: f64,
    #[serde(serialize_with = "three_decimals")]
    pub p90: f64,
    /// Probability of any imprisonment.
    #[serde(serialize_with = "three_decimals")]
    pub p_any_prison: f64,
    /// Probability of 12 months or more.
    #[serde(serialize_with = "three_decimals")]
    pub p_at_least_12_months: f64,
    /// Probability of probation without imprisonment (Zones A and B only, before minima).
    #[serde(serialize_with = "three_decimals")]
    pub p_probation: f64,
    #[serde(serialize_with = "three_decimals")]
    pub share_within: f64,
    #[serde(serialize_with = "three_decimals")]
    pub share_below: f64,
    #[serde(serialize_with = "three_decimals")]
    pub share_above: f64,
}

pub(crate) fn three_decimals<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((value * 1000.0).round() / 1000.0)
}

/// One piece of the mixture: a point mass (`lo == hi`) or an even spread over `[lo, hi]`.
#[derive(Debug, Clone, Copy, Default)]
struct Piece {
    lo: f64,
    hi: f64,
    weight: f64,
}

impl Piece {
    fn is_point(&self) -> bool {
        self.hi - self.lo <= 1e-9
    }

    /// Probability of a value ≤ x (right-continuous) or < x (left limit).
    fn cdf(&self, x: f64, inclusive: bool) -> f64 {
        if self.is_point() {
            let hit = if inclusive { self.lo <= x } else { self.lo < x };
            return if hit { self.weight } else { 0.0 };
        }
        self.weight * ((x - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0)
    }
}

/// At most: probation, within point, within spread, below, above — each split into up to
/// three by the statutory limits.
const MAX_PIECES: usize = 15;

struct Mixture {
    pieces: [Piece; MAX_PIECES],
    len: usize,
}

impl Mixture {
    fn new() -> Mixture {
        Mixture {
            pieces: [Piece::default(); MAX_PIECES],
            len: 0,
        }
    }

    fn push(&mut self, lo: f64, hi: f64, weight: f64) {
        if weight > 0.0 && self.len < MAX_PIECES {
            self.pieces[self.len] = Piece { lo, hi, weight };
            self.len += 1;
        }
    }

    fn pieces(&self) -> &[Piece] {
        &self.pieces[..self.len]
    }

    /// The same mixture with every value held within `[floor, ceiling]` (the statutes).
    fn clamped(&self, floor: f64, ceiling: f64) -> Mixture {
        let mut out = Mixture::new();
        for p in self.pieces() {
            if p.is_point() {
                out.push(
                    p.lo.clamp(floor, ceiling),
                    p.lo.clamp(floor, ceiling),
                    p.weight,
                );
                continue;
            }
            let width = p.hi - p.lo;
            let below = ((floor - p.lo) / width).clamp(0.0, 1.0);
            let above = ((p.hi - ceiling) / width).clamp(0.0, 1.0);
            let inside = (1.0 - below - above).max(0.0);
            out.push(floor, floor, p.weight * below);
            out.push(ceiling, ceiling, p.weight * above);
            if inside > 0.0 {
                out.push(p.lo.max(floor), p.hi.min(ceiling), p.weight * inside);
            }
        }
        out
    }

    fn cdf(&self, x: f64, inclusive: bool) -> f64 {
        self.pieces().iter().map(|p| p.cdf(x, inclusive)).sum()
    }

    fn mean(&self) -> f64 {
        self.pieces()
            .iter()
            .map(|p| p.weight * (p.lo + p.hi) / 2.0)
            .sum()
    }

    /// The smallest x with P(X ≤ x) ≥ q.
    fn quantile(&self, q: f64) -> f64 {
        let mut points = [0.0f64; 2 * MAX_PIECES];
        let mut n = 0;
        for p in self.pieces() {
            points[n] = p.lo;
            points[n + 1] = p.hi;
            n += 2;
        }
        let points = &mut points[..n];
        points.sort_by(f64::total_cmp);
        let Some(&first) = points.first() else {
            return 0.0;
        };
        let (mut prev_x, mut prev_c) = (first, 0.0);
        for &x in points.iter() {
            let left = self.cdf(x, false);
            if left >= q && left > prev_c {
                return prev_x + (q - prev_c) / (left - prev_c) * (x - prev_x);
            }
            let at = self.cdf(x, true);
            if at >= q {
                return x;
            }
            prev_x = x;
            prev_c = at;
        }
        prev_x
    }
}

/// The imposed-sentence mixture for a final range, zone and statutory limits: the one model
/// behind both the summary figures and the histogram.
fn imposed_mixture(
    range: GuidelineRange,
    zone: Zone,
    floor_months: u32,
    ceiling_months: Option<u32>,
    probation_allowed: bool,
    params: &SentencingParams,
) -> (Mixture, MixtureShares) {
    let lo = f64::from(range.min_months);
    let hi = f64::from(
        range
            .max_months
            .unwrap_or(LIFE_MONTHS)
            .max(range.min_months),
    );
    let within = params.within_range_share.value.clamp(0.0, 1.0);
    let above = params.above_range_share.value.clamp(0.0, 1.0 - within);
    let below = (1.0 - within - above).max(0.0);
    // A statute that bars probation (18 U.S.C. 3561(a)) leaves Zones A and B a term of
    // imprisonment: the probation share joins the within-range sentences.
    let p_probation = match (zone, probation_allowed) {
        (_, false) => 0.0,
        (Zone::A, true) => params.probation_share_zone_a.value,
        (Zone::B, true) => params.probation_share_zone_b.value,
        (Zone::C | Zone::D, true) => 0.0,
    }
    .clamp(0.0, 1.0);
    let rest = 1.0 - p_probation;
    let at_min = params.within_at_minimum_share.value.clamp(0.0, 1.0);

    let mut m = Mixture::new();
    m.push(0.0, 0.0, p_probation);
    m.push(lo, lo, rest * within * at_min);
    m.push(lo, hi, rest * within * (1.0 - at_min));
    let (r_min, r_max) = (
        params.below_reduction_min.value,
        params.below_reduction_max.value,
    );
    m.push(lo * (1.0 - r_max), lo * (1.0 - r_min), rest * below);
    let (u_min, u_max) = (
        params.above_increase_min.value,
        params.above_increase_max.value,
    );
    // A life range has nothing above it.
    if range.max_months.is_some() {
        m.push(hi * (1.0 + u_min), hi * (1.0 + u_max), rest * above);
    } else {
        m.push(hi, hi, rest * above);
    }

    let floor = f64::from(floor_months);
    let ceiling = f64::from(ceiling_months.unwrap_or(LIFE_MONTHS)).max(floor);
    let shares = MixtureShares {
        within,
        below,
        above,
        probation: if floor > 0.0 { 0.0 } else { p_probation },
    };
    (m.clamped(floor, ceiling), shares)
}

/// The mixture's weights before the statutes move any mass.
struct MixtureShares {
    within: f64,
    below: f64,
    above: f64,
    probation: f64,
}

/// The imposed-sentence distribution for a final range, zone and statutory limits
/// (`ceiling_months: None` for life).
pub fn expected_sentence(
    range: GuidelineRange,
    zone: Zone,
    floor_months: u32,
    ceiling_months: Option<u32>,
    probation_allowed: bool,
    params: &SentencingParams,
) -> ExpectedSentence {
    let (m, shares) = imposed_mixture(
        range,
        zone,
        floor_months,
        ceiling_months,
        probation_allowed,
        params,
    );
    let p_zero = m.cdf(0.0, true).clamp(0.0, 1.0);
    ExpectedSentence {
        mean: m.mean(),
        median: m.quantile(0.5),
        p10: m.quantile(0.1),
        p90: m.quantile(0.9),
        p_any_prison: 1.0 - p_zero,
        p_at_least_12_months: (1.0 - m.cdf(12.0, false)).clamp(0.0, 1.0),
        p_probation: shares.probation,
        share_within: shares.within,
        share_below: shares.below,
        share_above: shares.above,
    }
}

/// One bar of the imposed-sentence histogram: the probability of a term in
/// `(from_months, to_months]`, or of exactly no imprisonment for the first bar (0 to 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistogramBin {
    pub from_months: f64,
    pub to_months: f64,
    pub probability: f64,
}

/// The imposed-sentence distribution as `bins` equal-width bars from 0 to the longest
/// possible term, after a first bar (0 to 0) holding the chance of no imprisonment, so a
/// chart can show probation apart from short terms. Built from the mixture
/// [`expected_sentence`] summarises; the probabilities sum to 1. `bins` of 0 is taken as 1.
pub fn sentence_histogram(
    range: GuidelineRange,
    zone: Zone,
    floor_months: u32,
    ceiling_months: Option<u32>,
    probation_allowed: bool,
    params: &SentencingParams,
    bins: usize,
) -> Vec<HistogramBin> {
    let (m, _) = imposed_mixture(
        range,
        zone,
        floor_months,
        ceiling_months,
        probation_allowed,
        params,
    );
    let p_zero = m.cdf(0.0, true).clamp(0.0, 1.0);
    let top = m.pieces().iter().map(|p| p.hi).fold(0.0f64, f64::max);
    let bins = bins.max(1);
    let mut out = Vec::with_capacity(bins + 1);
    out.push(HistogramBin {
        from_months: 0.0,
        to_months: 0.0,
        probability: p_zero,
    });
    let width = top / bins as f64;
    let mut below = p_zero;
    for i in 0..bins {
        let from = width * i as f64;
        // The last edge is `top` itself, so rounding cannot leave mass outside every bar.
        let to = if i + 1 == bins {
            top
        } else {
            width * (i + 1) as f64
        };
        let upto = if i + 1 == bins {
            1.0
        } else {
            m.cdf(to, true).clamp(below, 1.0)
        };
        out.push(HistogramBin {
            from_months: from,
            to_months: to,
            probability: upto - below,
        });
        below = upto;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: u32, max: u32) -> GuidelineRange {
        GuidelineRange {
            min_months: min,
            max_months: Some(max),
        }
    }

    #[test]
    fn embedded_params_are_valid_and_sourced() {
        let p: SentencingParams = serde_json::from_str(PARAMS_JSON).unwrap();
        p.validate().unwrap();
        assert!(!p.within_range_share.assumption);
        assert!(p.within_range_share.source.en.contains("49.6%"));
    }

    /// Level 12 / CHC I, 10–16 months, zone C, default parameters:
    /// within 0.496 (half at 10, half spread 10–16), above 0.04 (17.6–25.6),
    /// below 0.464 (4–9). P(< 12) = 0.464 + 0.248 + 0.248 × 2/6 = 0.7947.
    /// Mean = 0.248×10 + 0.248×13 + 0.04×21.6 + 0.464×6.5 = 9.584.
    #[test]
    fn worked_level_12() {
        let p = SentencingParams::embedded();
        let e = expected_sentence(range(10, 16), Zone::C, 0, Some(120), true, p);
        assert!(
            (1.0 - e.p_at_least_12_months - 0.7947).abs() < 1e-3,
            "{e:?}"
        );
        assert!((e.mean - 9.584).abs() < 1e-3, "{e:?}");
        assert_eq!(e.median, 10.0);
        assert_eq!(e.p_any_prison, 1.0);
    }

    /// A mandatory minimum above the range gathers the lower mass at the minimum:
    /// range 120–120, floor 120 → everything but the above-range share sits at 120.
    #[test]
    fn mandatory_minimum_holds_the_floor() {
        let p = SentencingParams::embedded();
        let e = expected_sentence(range(120, 120), Zone::D, 120, None, true, p);
        assert_eq!(e.median, 120.0);
        assert_eq!(e.p10, 120.0);
        // 0.96 × 120 + 0.04 × 120 × 1.35 = 121.68
        assert!((e.mean - 121.68).abs() < 1e-9);
    }

    /// Zone A, 0–6: probation share 0.7 plus the below-range mass at 0.
    #[test]
    fn zone_a_probation() {
        let p = SentencingParams::embedded();
        let e = expected_sentence(range(0, 6), Zone::A, 0, Some(60), true, p);
        // P(0) = 0.7 + 0.3 × (0.496 × 0.5 + 0.464) = 0.9136
        assert!((1.0 - e.p_any_prison - 0.9136).abs() < 1e-9, "{e:?}");
        assert_eq!(e.median, 0.0);
    }

    /// Level 12, 10–16 months, zone C: nothing at 0; the longest term is 16 × 1.6 = 25.6, so
    /// 8 bars are 3.2 months wide. The bar (9.6, 12.8] holds the point at 10 (0.248), the
    /// within spread from 10 to 12.8 (0.248 × 2.8/6 = 0.11573) and the below spread
    /// (4–9) above 9.6: none — 0.36373 in all.
    #[test]
    fn histogram_of_level_12() {
        let p = SentencingParams::embedded();
        let bins = sentence_histogram(range(10, 16), Zone::C, 0, Some(120), true, p, 8);
        assert_eq!(bins.len(), 9);
        assert_eq!((bins[0].from_months, bins[0].to_months), (0.0, 0.0));
        assert_eq!(bins[0].probability, 0.0);
        assert!((bins[8].to_months - 25.6).abs() < 1e-9);
        assert!((bins[4].from_months - 9.6).abs() < 1e-9);
        assert!((bins[4].probability - 0.36373).abs() < 1e-4, "{bins:?}");
        let total: f64 = bins.iter().map(|b| b.probability).sum();
        assert!((total - 1.0).abs() < 1e-12);
        for pair in bins[1..].windows(2) {
            assert_eq!(pair[0].to_months, pair[1].from_months);
        }
    }

    /// The first bar is the chance of no imprisonment, the same figure `expected_sentence`
    /// reports: zone A, 0–6 → 0.9136 (see `zone_a_probation`).
    #[test]
    fn histogram_first_bar_is_no_prison() {
        let p = SentencingParams::embedded();
        let e = expected_sentence(range(0, 6), Zone::A, 0, Some(60), true, p);
        for bins in [0, 1, 5, 40] {
            let h = sentence_histogram(range(0, 6), Zone::A, 0, Some(60), true, p, bins);
            assert_eq!(h.len(), bins.max(1) + 1);
            assert!((h[0].probability - (1.0 - e.p_any_prison)).abs() < 1e-12);
            assert!((h[0].probability - 0.9136).abs() < 1e-9);
            let total: f64 = h.iter().map(|b| b.probability).sum();
            assert!((total - 1.0).abs() < 1e-12);
            assert!(h.iter().all(|b| b.probability >= 0.0));
        }
    }

    /// A point mass at the statutory cap lands in the last bar; a life range stays finite.
    #[test]
    fn histogram_respects_the_statutes() {
        let p = SentencingParams::embedded();
        // 151–188 against a 60-month maximum: everything at or under 60.
        let h = sentence_histogram(range(60, 60), Zone::D, 0, Some(60), true, p, 6);
        assert!((h[6].to_months - 60.0).abs() < 1e-9);
        assert!(h[6].probability > 0.5);
        let life = GuidelineRange {
            min_months: 360,
            max_months: None,
        };
        let h = sentence_histogram(life, Zone::D, 120, None, true, p, 10);
        let total: f64 = h.iter().map(|b| b.probability).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert!(h.iter().all(|b| b.to_months.is_finite()));
    }

    /// Every parameter states its meaning and a plausible range that holds its value, and
    /// each end of each range is a valid setting on its own (the sensitivity analysis moves
    /// one parameter at a time).
    #[test]
    fn every_parameter_has_a_meaning_and_a_valid_range() {
        let p = SentencingParams::embedded();
        let fields = [
            &p.within_range_share,
            &p.above_range_share,
            &p.within_at_minimum_share,
            &p.below_reduction_min,
            &p.below_reduction_max,
            &p.above_increase_min,
            &p.above_increase_max,
            &p.probation_share_zone_a,
            &p.probation_share_zone_b,
        ];
        for (i, param) in fields.into_iter().enumerate() {
            assert!(param.meaning.as_ref().is_some_and(|m| m.is_complete()));
            let (low, high) = (param.low.unwrap(), param.high.unwrap());
            assert!(low <= param.value && param.value <= high, "{param:?}");
            for end in [low, high] {
                let mut q = p.clone();
                let target = [
                    &mut q.within_range_share,
                    &mut q.above_range_share,
                    &mut q.within_at_minimum_share,
                    &mut q.below_reduction_min,
                    &mut q.below_reduction_max,
                    &mut q.above_increase_min,
                    &mut q.above_increase_max,
                    &mut q.probation_share_zone_a,
                    &mut q.probation_share_zone_b,
                ];
                target.into_iter().nth(i).unwrap().value = end;
                q.validate().unwrap();
            }
        }
    }

    #[test]
    fn overrides_apply_and_are_checked() {
        let base = SentencingParams::embedded();
        let o = SentencingOverrides {
            within_range_share: Some(1.0),
            above_range_share: Some(0.0),
            within_at_minimum_share: Some(1.0),
            ..Default::default()
        };
        let p = base.with_overrides(&o).unwrap();
        let e = expected_sentence(range(46, 57), Zone::D, 0, Some(120), true, &p);
        assert_eq!((e.mean, e.median, e.p90), (46.0, 46.0, 46.0));
        let bad = SentencingOverrides {
            within_range_share: Some(1.5),
            ..Default::default()
        };
        assert!(base.with_overrides(&bad).is_err());
    }

    /// No dead parameters: changing any one of them moves some figure.
    #[test]
    fn every_parameter_matters() {
        let base = SentencingParams::embedded();
        let figures = |p: &SentencingParams| {
            let d = expected_sentence(range(46, 57), Zone::D, 0, Some(120), true, p);
            let a = expected_sentence(range(0, 6), Zone::A, 0, Some(120), true, p);
            let b = expected_sentence(range(4, 10), Zone::B, 0, Some(120), true, p);
            [d.mean, d.p10, d.p90, a.mean, b.mean]
        };
        let reference = figures(base);
        let overrides = [
            SentencingOverrides {
                within_range_share: Some(0.7),
                ..Default::default()
            },
            SentencingOverrides {
                above_range_share: Some(0.1),
                ..Default::default()
            },
            SentencingOverrides {
                within_at_minimum_share: Some(0.2),
                ..Default::default()
            },
            SentencingOverrides {
                below_reduction_min: Some(0.3),
                ..Default::default()
            },
            SentencingOverrides {
                below_reduction_max: Some(0.9),
                ..Default::default()
            },
            SentencingOverrides {
                above_increase_min: Some(0.3),
                ..Default::default()
            },
            SentencingOverrides {
                above_increase_max: Some(1.0),
                ..Default::default()
            },
            SentencingOverrides {
                probation_share_zone_a: Some(0.2),
                ..Default::default()
            },
            SentencingOverrides {
                probation_share_zone_b: Some(0.9),
                ..Default::default()
            },
        ];
        for o in overrides {
            let p = base.with_overrides(&o).unwrap();
            assert_ne!(figures(&p), reference, "{o:?} changes nothing");
        }
    }
}

//! A caseload of referrals: synthetic referrals drawn from the referral population of ATF
//! trafficking referrals (every distribution sourced or labelled an assumption, in
//! `data/population.json`), or cases read from CSV; and, per scenario, what each referral
//! is worth to the Monte Carlo in [`projection`].
//!
//! Implementation note: everything expensive (choosing the charge, the sentence, the
//! acceptance and conviction chances) is done once per referral and world in [`ArmTable`];
//! a case draw is then two integer RNG calls and a table lookup, which is what makes a
//! 10,000-case × 1,000-draw projection cheap enough for a browser.

pub mod projection;
pub mod rng;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::i18n::{raw, InputError, Message, Text};
use crate::imposed::{sentence_histogram, Param};
use crate::law::{ChargeId, LawEra, Recipient, Role};
use crate::prosecution::{
    acceptance_inputs, assess, conviction_inputs, logistic, ChargeOption, ProsecutionFacts,
};
use crate::scenario::{Applied, MultipleSales};
use crate::{CriminalHistory, GuidelineRange};

pub use projection::{
    flip_definition, projection_fingerprint, summary_markdown, ArmIntervals, ArmSummary, Flips,
    FullUncertainty, Histogram, Interval, Projection, ProjectionSummary, Totals, Uncertainty,
};
use rng::Pcg32;

const POPULATION_JSON: &str = include_str!("../../data/population.json");

/// The most referrals and draws a projection takes: beyond them a browser tab would stall.
pub const MAX_REFERRALS: usize = 100_000;
pub const MAX_DRAWS: usize = 1_000_000;

/// The Monte Carlo seed a view starts with (the year of the seed paper's law), and the one
/// the stamp of figures without randomness names: the seed of the default view.
pub const DEFAULT_SEED: u64 = 2011;

/// Levels of the imposed-sentence quantile table: a draw picks one of 128 equally likely
/// sentences, the quantiles at (k + ½)/128.
pub const SENTENCE_LEVELS: usize = 128;
// The draw loop picks a level with the low 7 bits of a random number.
const _: () = assert!(SENTENCE_LEVELS == 128);

/// A bin of the firearms-per-referral distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirearmsBin {
    pub min: u32,
    pub max: u32,
    pub share: f64,
}

/// The firearms-per-referral distribution: a share per bin, uniform within a bin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirearmsDistribution {
    pub bins: Vec<FirearmsBin>,
    pub assumption: bool,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

/// A share of referrals in one criminal history category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryShare {
    pub category: CriminalHistory,
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryDistribution {
    pub shares: Vec<HistoryShare>,
    pub assumption: bool,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

/// A trafficking channel and the charge its referrals arrive with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelShare {
    pub charge: ChargeId,
    pub share: f64,
    /// Sellers (dealers without a licence) may be prohibited persons with a record; buyers
    /// passed a background check.
    pub seller: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelDistribution {
    pub shares: Vec<ChannelShare>,
    pub assumption: bool,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

/// A share of referrals convicted on this many counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountsShare {
    pub counts: u32,
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountsDistribution {
    pub shares: Vec<CountsShare>,
    pub assumption: bool,
    #[serde(with = "crate::i18n::cited")]
    pub source: Text,
}

/// The referral population: ATF firearms-trafficking referrals to U.S. Attorneys, every
/// distribution sourced or labelled an assumption. The caseload is drawn from it, the
/// prosecution model is fitted over it, and a case's facts left unknown are spread over it.
/// `Param` fields carry a `low`/`high` range used by the sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralPopulation {
    /// Fixes which synthetic referrals are drawn from the population (not the Monte Carlo
    /// seed).
    pub portfolio_seed: u64,
    pub law_era: LawEra,
    #[serde(with = "crate::i18n::cited")]
    pub description: Text,
    pub referrals: Param,
    /// Trafficking channels, each arriving with its charge.
    pub channels: ChannelDistribution,
    pub firearms: FirearmsDistribution,
    /// Multiplies every referral's firearms (sensitivity on the size of cases).
    pub firearms_scale: Param,
    /// Buyers' criminal history (and sellers' who are not prohibited).
    pub criminal_history: HistoryDistribution,
    /// Criminal history of sellers who are prohibited persons.
    pub seller_criminal_history: HistoryDistribution,
    pub prohibited_seller_share: Param,
    /// Of the prohibited sellers, the share with a prior felony crime of violence or
    /// drug-trafficking conviction (§2K2.1(a)(4)(A)).
    pub prior_felony_share: Param,
    pub counts: CountsDistribution,
    pub organiser_share: Param,
    pub intent_evidence_share: Param,
    pub dangerous_recipient_share: Param,
    pub evidence_mean: Param,
    pub evidence_spread: Param,
    pub crime_gun_share: Param,
    pub mexico_nexus_share: Param,
    /// Of the Mexico-bound referrals, the share with evidence the defendant knew the guns
    /// would leave the United States (§2K2.1(b)(6)(A)).
    pub knew_leaving_share: Param,
    pub ice_joint_share: Param,
    pub large_capacity_share: Param,
}

impl ReferralPopulation {
    /// The default mix embedded at build time, parsed once.
    pub fn embedded() -> &'static ReferralPopulation {
        static MIX: OnceLock<ReferralPopulation> = OnceLock::new();
        // Fixed at build time and checked by the tests.
        MIX.get_or_init(|| {
            serde_json::from_str(POPULATION_JSON).expect("embedded caseload mix is valid")
        })
    }

    /// Reads a mix from JSON (an edited copy), checked.
    pub fn from_json(text: &str) -> Result<ReferralPopulation, InputError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let mix: ReferralPopulation = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            InputError(Message::new("error.field").verbatim("field", path).with(
                "message",
                crate::serde_words::serde_detail(&e.into_inner().to_string()),
            ))
        })?;
        mix.validate()?;
        Ok(mix)
    }

    /// The single-number parameters with their names, for editing and sensitivity.
    pub fn params(&self) -> Vec<(&'static str, &Param)> {
        vec![
            ("referrals", &self.referrals),
            ("firearms_scale", &self.firearms_scale),
            ("prohibited_seller_share", &self.prohibited_seller_share),
            ("prior_felony_share", &self.prior_felony_share),
            ("organiser_share", &self.organiser_share),
            ("intent_evidence_share", &self.intent_evidence_share),
            ("dangerous_recipient_share", &self.dangerous_recipient_share),
            ("evidence_mean", &self.evidence_mean),
            ("evidence_spread", &self.evidence_spread),
            ("crime_gun_share", &self.crime_gun_share),
            ("mexico_nexus_share", &self.mexico_nexus_share),
            ("knew_leaving_share", &self.knew_leaving_share),
            ("ice_joint_share", &self.ice_joint_share),
            ("large_capacity_share", &self.large_capacity_share),
        ]
    }

    /// The same mix with one parameter set (by the name [`ReferralPopulation::params`] gives).
    pub fn with_param(&self, name: &str, value: f64) -> Result<ReferralPopulation, InputError> {
        let mut m = self.clone();
        let p = match name {
            "referrals" => &mut m.referrals,
            "firearms_scale" => &mut m.firearms_scale,
            "prohibited_seller_share" => &mut m.prohibited_seller_share,
            "prior_felony_share" => &mut m.prior_felony_share,
            "organiser_share" => &mut m.organiser_share,
            "intent_evidence_share" => &mut m.intent_evidence_share,
            "dangerous_recipient_share" => &mut m.dangerous_recipient_share,
            "evidence_mean" => &mut m.evidence_mean,
            "evidence_spread" => &mut m.evidence_spread,
            "crime_gun_share" => &mut m.crime_gun_share,
            "mexico_nexus_share" => &mut m.mexico_nexus_share,
            "knew_leaving_share" => &mut m.knew_leaving_share,
            "ice_joint_share" => &mut m.ice_joint_share,
            "large_capacity_share" => &mut m.large_capacity_share,
            _ => {
                return Err(InputError(
                    Message::new("error.mix.unknown").verbatim("name", format!("{name:?}")),
                ))
            }
        };
        *p = p.overridden(value);
        m.validate()?;
        Ok(m)
    }

    pub fn validate(&self) -> Result<(), InputError> {
        let n = self.referrals.value;
        if !(n.is_finite() && n >= 1.0 && n <= MAX_REFERRALS as f64) {
            return Err(InputError(
                Message::new("error.mix.referrals")
                    .with("max", MAX_REFERRALS)
                    .with("value", raw(n)),
            ));
        }
        let scale = self.firearms_scale.value;
        if !(scale.is_finite() && (0.0..=100.0).contains(&scale)) {
            return Err(InputError(
                Message::new("error.mix.firearms_scale").with("value", raw(scale)),
            ));
        }
        for (name, p) in self.params().into_iter().skip(2) {
            if !(p.value.is_finite() && (0.0..=1.0).contains(&p.value)) {
                return Err(InputError(
                    Message::new("error.mix.share")
                        .verbatim("name", name)
                        .with("value", raw(p.value)),
                ));
            }
        }
        let check_shares = |name: &str, shares: &mut dyn Iterator<Item = f64>| {
            let mut total = 0.0;
            for s in shares {
                if !(s.is_finite() && s >= 0.0) {
                    return Err(InputError(
                        Message::new("error.mix.share_negative").verbatim("name", name),
                    ));
                }
                total += s;
            }
            if (total - 1.0).abs() > 1e-6 {
                return Err(InputError(
                    Message::new("error.mix.shares_sum")
                        .verbatim("name", name)
                        .with("total", raw(total)),
                ));
            }
            Ok(())
        };
        check_shares(
            "firearms.bins",
            &mut self.firearms.bins.iter().map(|b| b.share),
        )?;
        for b in &self.firearms.bins {
            if b.min > b.max || b.max > 1_000_000 {
                return Err(InputError::new("error.mix.bins"));
            }
        }
        check_shares(
            "criminal_history.shares",
            &mut self.criminal_history.shares.iter().map(|s| s.share),
        )?;
        check_shares(
            "seller_criminal_history.shares",
            &mut self.seller_criminal_history.shares.iter().map(|s| s.share),
        )?;
        check_shares(
            "channels.shares",
            &mut self.channels.shares.iter().map(|s| s.share),
        )?;
        check_shares(
            "counts.shares",
            &mut self.counts.shares.iter().map(|s| s.share),
        )?;
        if self
            .counts
            .shares
            .iter()
            .any(|s| s.counts == 0 || s.counts > 100)
        {
            return Err(InputError::new("error.mix.counts"));
        }
        Ok(())
    }
}

/// One referral, with the uniform numbers that decide its policy-dependent facts, so a
/// scenario changing a share re-decides them consistently (a higher share only adds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    pub case: Case,
    /// Joint ICE investigation when this is below the ICE share.
    pub u_ice: f64,
    /// Organiser reached under the multiple-sales rule when below its organiser share.
    pub u_organiser: f64,
}

/// The referrals a projection runs over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caseload {
    pub referrals: Vec<Referral>,
    /// Where the referrals came from, for the summary.
    pub origin: String,
}

/// Which charge a referral is assessed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargePolicy {
    /// The charge (set) with the most expected prison months per referral: a prosecutor who
    /// can bring a new offence does.
    #[default]
    Best,
    /// The case's own charge.
    Own,
}

impl Caseload {
    /// The default synthetic caseload.
    pub fn default_population() -> Caseload {
        Caseload::from_population(ReferralPopulation::embedded())
    }

    /// Draws `referrals` synthetic referrals from the mix with its portfolio seed. Each fact
    /// has its own uniform number, so changing one share leaves the other facts in place.
    pub fn from_population(mix: &ReferralPopulation) -> Caseload {
        let n = mix.referrals.value.round().clamp(1.0, MAX_REFERRALS as f64) as usize;
        let mut rng = Pcg32::new(mix.portfolio_seed, 0x00ca_5e10ad);
        let mut referrals = Vec::with_capacity(n);
        for i in 0..n {
            let u: [f64; 17] = std::array::from_fn(|_| rng.next_unit());
            let channel = pick(&mix.channels.shares, |c| c.share, u[13]);
            let mut case = Case::new(
                mix.law_era,
                channel.map_or(ChargeId::StrawPurchase922a6, |c| c.charge),
            );
            let prohibited =
                channel.is_some_and(|c| c.seller) && u[15] < mix.prohibited_seller_share.value;
            case.prohibited_person = Some(prohibited);
            case.prior_violent_or_drug_felonies =
                Some(u8::from(prohibited && u[16] < mix.prior_felony_share.value));
            case.counts = pick(&mix.counts.shares, |c| c.share, u[14]).map(|c| c.counts);
            case.label = Some(format!("synthetic referral {}", i + 1));
            let bin = pick(&mix.firearms.bins, |b| b.share, u[0]);
            let firearms = bin.map_or(1, |b| {
                let width = f64::from(b.max - b.min + 1);
                b.min + ((u[1] * width) as u32).min(b.max - b.min)
            });
            case.firearms = Some(
                ((f64::from(firearms) * mix.firearms_scale.value).round() as u32)
                    .clamp(1, 1_000_000),
            );
            let history = if prohibited {
                &mix.seller_criminal_history
            } else {
                &mix.criminal_history
            };
            case.criminal_history = Some(
                pick(&history.shares, |s| s.share, u[2]).map_or(CriminalHistory::I, |s| s.category),
            );
            if u[3] < mix.organiser_share.value {
                case.role = Some(Role::OrganizerSmall);
            }
            if u[4] < mix.intent_evidence_share.value {
                case.trafficking_recipient = Some(if u[5] < mix.dangerous_recipient_share.value {
                    Recipient::Dangerous
                } else {
                    Recipient::ProhibitedPerson
                });
            }
            // Rounded to 0.05 so that alike referrals share one precomputation.
            let evidence = mix.evidence_mean.value + mix.evidence_spread.value * (2.0 * u[6] - 1.0);
            case.evidence_strength = Some((evidence.clamp(0.0, 1.0) * 20.0).round() / 20.0);
            case.crime_gun_recovered = Some(u[7] < mix.crime_gun_share.value);
            let mexico = u[8] < mix.mexico_nexus_share.value;
            case.mexico_nexus = Some(mexico);
            case.knew_leaving_us = Some(mexico && u[12] < mix.knew_leaving_share.value);
            case.ice_joint_investigation = Some(u[9] < mix.ice_joint_share.value);
            case.large_capacity_semiautomatic = Some(u[10] < mix.large_capacity_share.value);
            referrals.push(Referral {
                case,
                u_ice: u[9],
                u_organiser: u[11],
            });
        }
        Caseload {
            referrals,
            origin: format!(
                "the referral population ({n} synthetic referrals, portfolio seed {})",
                mix.portfolio_seed
            ),
        }
    }

    /// Referrals from cases (e.g. `batch::cases_from_csv`). Their policy numbers come from a
    /// fixed generator, so the same file always gives the same projection.
    pub fn from_cases(cases: Vec<Case>, origin: &str) -> Result<Caseload, InputError> {
        if cases.is_empty() || cases.len() > MAX_REFERRALS {
            return Err(InputError(
                Message::new("error.caseload.size")
                    .with("max", MAX_REFERRALS)
                    .verbatim("count", cases.len().to_string()),
            ));
        }
        let mut rng = Pcg32::new(0x5eed, 0x00c5_7000);
        let referrals = cases
            .into_iter()
            .map(|case| Referral {
                case,
                u_ice: rng.next_unit(),
                u_organiser: rng.next_unit(),
            })
            .collect();
        Ok(Caseload {
            referrals,
            origin: origin.to_string(),
        })
    }

    /// The referrals as a world sees them: the scenario's ICE share re-decides joint
    /// investigations; the multiple-sales rule reaches organisers and adds covered referrals
    /// (copies of covered referrals, in order, appended after the shared ones so the two
    /// worlds draw the same random numbers for the same referral).
    pub fn cases_in(&self, world: &Applied) -> Vec<Case> {
        let mut out: Vec<Case> = self
            .referrals
            .iter()
            .map(|r| {
                let mut case = world.case(&r.case);
                if let Some(share) = world.policy.ice_joint_share {
                    case.ice_joint_investigation = Some(r.u_ice < share);
                }
                if let Some(rule) = world.policy.multiple_sales {
                    if MultipleSales::covers(&case) && r.u_organiser < rule.organiser_share {
                        case.role = Some(Role::OrganizerSmall);
                    }
                }
                case
            })
            .collect();
        if let Some(rule) = world.policy.multiple_sales {
            let covered: Vec<Case> = out
                .iter()
                .filter(|c| MultipleSales::covers(c))
                .cloned()
                .collect();
            let extra = (covered.len() as f64 * rule.extra_referral_share).round() as usize;
            let extra = extra.min(MAX_REFERRALS.saturating_sub(out.len()));
            for k in 0..extra {
                if let Some(c) = covered.get(k % covered.len().max(1)) {
                    let mut copy = c.clone();
                    copy.label = Some(format!("extra covered referral {}", k + 1));
                    out.push(copy);
                }
            }
        }
        out
    }
}

fn pick<T>(items: &[T], share: impl Fn(&T) -> f64, u: f64) -> Option<&T> {
    let mut cumulative = 0.0;
    for item in items {
        cumulative += share(item);
        if u < cumulative {
            return Some(item);
        }
    }
    items.last()
}

/// A probability as a 20-bit integer threshold: `(x >> 12) < threshold` with a uniform u32
/// `x` happens with probability threshold / 2^20. The coarse grid makes a last-bit
/// difference between platforms' `exp` (inside the acceptance model) change a threshold
/// only with negligible probability, so draws stay identical on native and wasm32.
pub fn probability_threshold(p: f64) -> u32 {
    (p.clamp(0.0, 1.0) * 1_048_576.0).round() as u32
}

/// Log-odds steps of the table behind [`logit_threshold`]: 1/256, from −20 to +20.
const LOGIT_STEPS_PER_UNIT: f64 = 256.0;
const LOGIT_LIMIT: f64 = 20.0;

/// [`probability_threshold`] of the logistic of `logit`, read from a table at steps of
/// 1/256 in the log-odds (the chance moves by at most 0.1 percentage points within a
/// step): the full-uncertainty draws need tens of millions of these, and a table is both
/// faster than `exp` and the same on every platform once built.
pub fn logit_threshold(logit: f64) -> u32 {
    table_threshold(logit_table(), logit)
}

fn logit_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let n = (2.0 * LOGIT_LIMIT * LOGIT_STEPS_PER_UNIT) as usize + 1;
        (0..n)
            .map(|k| {
                let x = k as f64 / LOGIT_STEPS_PER_UNIT - LOGIT_LIMIT;
                probability_threshold(logistic(x))
            })
            .collect()
    })
}

/// The nearest step of the table; adding a half and truncating, not `f64::round`, which
/// WebAssembly has no instruction for and calls out to.
#[inline(always)]
fn table_threshold(table: &[u32], logit: f64) -> u32 {
    let k = ((logit.clamp(-LOGIT_LIMIT, LOGIT_LIMIT) + LOGIT_LIMIT) * LOGIT_STEPS_PER_UNIT + 0.5)
        as usize;
    table[k.min(table.len() - 1)]
}

/// What one referral is worth in one world, precomputed for the draw loop.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub accept_threshold: u32,
    pub convict_threshold: u32,
    /// Imposed sentence if convicted, in tenths of a month, at the 128 quantile levels.
    pub sentence_tenths: [u16; SENTENCE_LEVELS],
    pub p_accept: f64,
    pub p_convict: f64,
    pub months_if_convicted: f64,
    /// The charge (set) brought, joined by " + ".
    pub charges: String,
    /// The acceptance and conviction models' inputs (see `prosecution::acceptance_inputs`),
    /// so that a draw of the full uncertainty can redraw the weights; `None` for a referral
    /// that could not be evaluated or a synthetic test row (its chances then stay fixed).
    pub model_inputs: Option<ModelInputs>,
}

/// A referral's inputs to the acceptance and conviction models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelInputs {
    pub acceptance: [f64; 9],
    pub conviction: [f64; 3],
}

impl CaseRow {
    fn declined(why: &str) -> CaseRow {
        CaseRow {
            accept_threshold: 0,
            convict_threshold: 0,
            sentence_tenths: [0; SENTENCE_LEVELS],
            p_accept: 0.0,
            p_convict: 0.0,
            months_if_convicted: 0.0,
            charges: format!("(not evaluable: {why})"),
            model_inputs: None,
        }
    }

    fn from_option(o: &ChargeOption, world: &Applied, facts: &ProsecutionFacts) -> CaseRow {
        let range = GuidelineRange {
            min_months: o.guideline_range_months.min,
            max_months: o.guideline_range_months.max,
        };
        let bins = sentence_histogram(
            range,
            o.zone,
            o.statutory_min_months,
            o.total_statutory_max_months,
            o.probation_allowed,
            &world.sentencing,
            SENTENCE_LEVELS,
        );
        let mut quantiles = [0.0f64; SENTENCE_LEVELS];
        let (mut bin, mut below) = (0usize, 0.0f64);
        for (k, q) in quantiles.iter_mut().enumerate() {
            let level = (k as f64 + 0.5) / SENTENCE_LEVELS as f64;
            while bin + 1 < bins.len() && below + bins[bin].probability < level {
                below += bins[bin].probability;
                bin += 1;
            }
            let b = &bins[bin];
            let within = if b.probability > 0.0 {
                ((level - below) / b.probability).clamp(0.0, 1.0)
            } else {
                0.0
            };
            *q = b.from_months + within * (b.to_months - b.from_months);
        }
        // The bars smear point masses over a bar's width; rescaling to the model's exact
        // mean (and, for a charge set, to the months if convicted of the counts proven)
        // keeps expected prison-years exact. Skipped when already equal, so a last-bit
        // difference cannot move the table.
        let table_mean = quantiles.iter().sum::<f64>() / SENTENCE_LEVELS as f64;
        let target = o.expected_months_if_convicted;
        let scale = if table_mean > 0.0 && ((target - table_mean) / table_mean).abs() > 1e-6 {
            target / table_mean
        } else {
            1.0
        };
        let sentence_tenths =
            quantiles.map(|m| (m * scale * 10.0).round().clamp(0.0, f64::from(u16::MAX)) as u16);
        CaseRow {
            accept_threshold: probability_threshold(o.acceptance_probability),
            convict_threshold: probability_threshold(o.conviction_probability),
            sentence_tenths,
            p_accept: o.acceptance_probability,
            p_convict: o.conviction_probability,
            months_if_convicted: o.expected_months_if_convicted,
            charges: o.statutes.clone(),
            model_inputs: Some(ModelInputs {
                acceptance: acceptance_inputs(facts, o.expected_months_if_convicted),
                conviction: conviction_inputs(facts, o.charges.iter().all(|c| c.is_export())),
            }),
        }
    }

    /// True for a referral that could not be evaluated (never accepted).
    pub fn is_unevaluable(&self) -> bool {
        self.charges.starts_with("(not evaluable")
    }

    /// Mean of the sentence table, months: what the draws average to.
    pub fn table_mean_months(&self) -> f64 {
        self.sentence_tenths
            .iter()
            .map(|&t| f64::from(t))
            .sum::<f64>()
            / (10.0 * SENTENCE_LEVELS as f64)
    }
}

/// Every referral of a caseload precomputed in one world.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmTable {
    /// Per referral, for inspection (which charge, what chances).
    pub rows: Vec<CaseRow>,
    /// Referrals that could not be evaluated (counted, never accepted), with the first reason.
    pub unevaluable: usize,
    pub first_error: Option<String>,
    /// What the draw loop reads, packed: 12 bytes a referral, and each distinct sentence
    /// table stored once, so a large caseload stays in cache (and fast in WASM).
    kernel: Vec<KernelRow>,
    /// Per referral, for draws of the full uncertainty: the kernel row and the models'
    /// inputs side by side, so a resampled referral costs one memory access.
    full: Vec<FullRow>,
    tables: Vec<[u16; SENTENCE_LEVELS]>,
    table_index: HashMap<[u16; SENTENCE_LEVELS], u32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct KernelRow {
    accept: u32,
    convict: u32,
    table: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct FullRow {
    kernel: KernelRow,
    /// False when the chances stay fixed (see [`CaseRow::model_inputs`]).
    redrawn: bool,
    acceptance: [f64; 9],
    conviction: [f64; 3],
}

/// Exact expectations over one world's caseload (no sampling).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Expected {
    pub referrals: usize,
    pub accepted: f64,
    pub convictions: f64,
    pub prison_years: f64,
}

impl Expected {
    pub fn per_100(&self, value: f64) -> f64 {
        if self.referrals == 0 {
            0.0
        } else {
            value * 100.0 / self.referrals as f64
        }
    }
}

/// An [`ArmTable`] being built a few referrals at a time, so a UI can precompute a large
/// caseload in slices between frames.
#[derive(Debug, Clone)]
pub struct ArmTableBuilder {
    world: Applied,
    policy: ChargePolicy,
    cases: Vec<Case>,
    cache: HashMap<String, CaseRow>,
    table: ArmTable,
}

impl ArmTableBuilder {
    pub fn new(caseload: &Caseload, world: Applied, policy: ChargePolicy) -> ArmTableBuilder {
        let cases = caseload.cases_in(&world);
        ArmTableBuilder {
            table: ArmTable::from_rows(Vec::with_capacity(cases.len())),
            world,
            policy,
            cases,
            cache: HashMap::new(),
        }
    }

    /// The world the referrals are evaluated in.
    pub fn world(&self) -> &Applied {
        &self.world
    }

    /// Referrals in this world.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    pub fn done(&self) -> usize {
        self.table.rows.len()
    }

    pub fn is_done(&self) -> bool {
        self.done() >= self.cases.len()
    }

    /// Precomputes up to `referrals` more referrals; returns how many it did.
    pub fn advance(&mut self, referrals: usize) -> usize {
        let start = self.table.rows.len();
        let end = start.saturating_add(referrals).min(self.cases.len());
        for i in start..end {
            let mut case = self.cases[i].clone();
            case.label = None;
            let key = serde_json::to_string(&case).unwrap_or_default();
            let row = match self.cache.get(&key) {
                Some(row) => row.clone(),
                None => {
                    let w = &self.world;
                    let option = match self.policy {
                        ChargePolicy::Own => assess(&case, &w.law, &w.sentencing, &w.prosecution)
                            .map(|a| a.option)
                            .map_err(|e| e.to_string()),
                        ChargePolicy::Best => crate::scenario::best_option(&case, w),
                    };
                    let row = match option {
                        Ok(o) => CaseRow::from_option(
                            &o,
                            w,
                            &ProsecutionFacts::of(&case, &w.prosecution),
                        ),
                        Err(why) => {
                            if self.table.first_error.is_none() {
                                self.table.first_error = Some(why.clone());
                            }
                            CaseRow::declined(&why)
                        }
                    };
                    self.cache.insert(key, row.clone());
                    row
                }
            };
            self.table.push(row);
        }
        end - start
    }

    /// The table so far (complete once [`ArmTableBuilder::is_done`]).
    pub fn table(&self) -> &ArmTable {
        &self.table
    }

    pub fn finish(mut self) -> ArmTable {
        self.advance(usize::MAX);
        self.table
    }
}

impl ArmTable {
    /// A table from precomputed rows (e.g. a synthetic test caseload).
    pub fn from_rows(rows: Vec<CaseRow>) -> ArmTable {
        let mut table = ArmTable {
            rows: Vec::with_capacity(rows.len()),
            unevaluable: 0,
            first_error: None,
            kernel: Vec::with_capacity(rows.len()),
            full: Vec::with_capacity(rows.len()),
            tables: Vec::new(),
            table_index: HashMap::new(),
        };
        for row in rows {
            table.push(row);
        }
        table
    }

    /// Appends one referral.
    pub fn push(&mut self, row: CaseRow) {
        if row.is_unevaluable() {
            self.unevaluable += 1;
        }
        let next = self.tables.len() as u32;
        let table = *self.table_index.entry(row.sentence_tenths).or_insert(next);
        if table == next {
            self.tables.push(row.sentence_tenths);
        }
        let kernel = KernelRow {
            accept: row.accept_threshold,
            convict: row.convict_threshold,
            table,
        };
        self.kernel.push(kernel);
        let inputs = row.model_inputs.unwrap_or(ModelInputs {
            acceptance: [0.0; 9],
            conviction: [0.0; 3],
        });
        self.full.push(FullRow {
            kernel,
            redrawn: row.model_inputs.is_some(),
            acceptance: inputs.acceptance,
            conviction: inputs.conviction,
        });
        self.rows.push(row);
    }

    /// Precomputes every referral of `caseload` in `world`. Alike referrals are computed once.
    pub fn build(caseload: &Caseload, world: &Applied, policy: ChargePolicy) -> ArmTable {
        ArmTableBuilder::new(caseload, world.clone(), policy).finish()
    }

    /// Exact expected accepted referrals, convictions and prison-years (from the tables the
    /// draws use, so the Monte Carlo mean converges to exactly this).
    pub fn expected(&self) -> Expected {
        let mut e = Expected {
            referrals: self.rows.len(),
            ..Expected::default()
        };
        for r in &self.rows {
            let a = f64::from(r.accept_threshold) / 1_048_576.0;
            let c = a * f64::from(r.convict_threshold) / 1_048_576.0;
            e.accepted += a;
            e.convictions += c;
            e.prison_years += c * r.table_mean_months() / 12.0;
        }
        e
    }

    /// One draw of the whole caseload: for each referral, accepted? convicted? sentence?
    /// Two RNG calls per referral whatever happens — the first's top 20 bits decide
    /// acceptance and its low 7 bits pick the sentence, the second's top 20 bits decide
    /// conviction — so the random numbers line up referral by referral between two worlds
    /// drawn with the same stream.
    #[inline]
    pub fn draw(&self, rng: &mut Pcg32) -> Totals {
        let (mut accepted, mut convicted, mut tenths) = (0u32, 0u32, 0u64);
        for row in &self.kernel {
            let x = rng.next_u32();
            let y = rng.next_u32();
            let is_accepted = u32::from((x >> 12) < row.accept);
            let is_convicted = is_accepted & u32::from((y >> 12) < row.convict);
            accepted += is_accepted;
            convicted += is_convicted;
            let sentence = self
                .tables
                .get(row.table as usize)
                .map_or(0, |t| t[(x & 127) as usize]);
            tenths += u64::from(sentence) * u64::from(is_convicted);
        }
        Totals {
            accepted,
            convictions: convicted,
            prison_tenths_of_months: tenths,
        }
    }

    /// One draw of the full uncertainty in two worlds at once: the referrals resampled
    /// (`picks`, one uniform u32 per position, so that the same position is the same
    /// referral in both), each world's parameters as drawn in its `theta`, and the chance
    /// draws exactly as in [`ArmTable::draw`] (the same two random numbers per position,
    /// shared by the worlds).
    pub fn draw_full_pair(
        worlds: (&ArmTable, &ArmTable),
        rng: &mut Pcg32,
        picks: &[u32],
        thetas: (&WorldDraw, &WorldDraw),
    ) -> (Totals, Totals) {
        let logits = logit_table();
        let (mut a, mut b) = (FullTally::default(), FullTally::default());
        let (na, nb) = (worlds.0.full.len() as u64, worlds.1.full.len() as u64);
        for k in 0..na.max(nb) as usize {
            let pick = u64::from(picks.get(k).copied().unwrap_or(k as u32));
            let x = rng.next_u32();
            let y = rng.next_u32();
            for (tally, table, n, theta) in [
                (&mut a, worlds.0, na, thetas.0),
                (&mut b, worlds.1, nb, thetas.1),
            ] {
                // A world with fewer referrals (extra ones come with some policies) draws
                // only as many positions as it has.
                if (k as u64) < n {
                    tally.add(table, ((pick * n) >> 32) as usize, x, y, theta, logits);
                }
            }
        }
        (a.totals(), b.totals())
    }
}

/// One world's running totals in a draw of the full uncertainty.
#[derive(Default)]
struct FullTally {
    accepted: u32,
    convicted: u32,
    tenths: u64,
}

impl FullTally {
    #[inline(always)]
    fn add(&mut self, t: &ArmTable, i: usize, x: u32, y: u32, theta: &WorldDraw, logits: &[u32]) {
        let row = &t.full[i];
        let accept = if row.redrawn {
            // Written out: the app is built for size, which keeps loops rolled.
            let (w, v) = (&theta.acceptance, &row.acceptance);
            let l = w[0]
                + w[1] * v[0]
                + w[2] * v[1]
                + w[3] * v[2]
                + w[4] * v[3]
                + w[5] * v[4]
                + w[6] * v[5]
                + w[7] * v[6]
                + w[8] * v[7]
                + w[9] * v[8];
            table_threshold(logits, l)
        } else {
            row.kernel.accept
        };
        let is_accepted = u32::from((x >> 12) < accept);
        // Conviction matters only for an accepted referral; the random numbers are drawn
        // either way, so the streams stay aligned.
        let convict = if row.redrawn && is_accepted == 1 {
            let (w, v) = (&theta.conviction, &row.conviction);
            table_threshold(logits, w[0] + w[1] * v[0] + w[2] * v[1] + w[3] * v[2])
        } else {
            row.kernel.convict
        };
        let is_convicted = is_accepted & u32::from((y >> 12) < convict);
        self.accepted += is_accepted;
        self.convicted += is_convicted;
        let sentence = t
            .tables
            .get(row.kernel.table as usize)
            .map_or(0, |s| s[(x & 127) as usize]);
        self.tenths +=
            u64::from(sentence) * u64::from(is_convicted) * theta.sentence_per_mille / 1000;
    }

    fn totals(&self) -> Totals {
        Totals {
            accepted: self.accepted,
            convictions: self.convicted,
            prison_tenths_of_months: self.tenths,
        }
    }
}

/// One world's parameters in one draw of the full uncertainty: the acceptance intercept
/// and weights (in the order of `prosecution::Factor::ALL`), the conviction intercept and
/// weights (evidence, trial, export), and a factor on every sentence, in thousandths so
/// that totals stay integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorldDraw {
    pub acceptance: [f64; 10],
    pub conviction: [f64; 4],
    pub sentence_per_mille: u64,
}

#[cfg(test)]
mod tests;

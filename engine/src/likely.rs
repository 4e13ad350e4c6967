//! The likely sentence of a case whose facts are not all given: each unknown fact is spread
//! over its distribution in the referral population, not set to one assumed value.
//!
//! The guideline range stays the one for the most likely value (the engine's stated default,
//! which is each distribution's most common value); the likely sentence covers every value.

use serde::Serialize;

use crate::case::Case;
use crate::caseload::ReferralPopulation;
use crate::evaluate::{evaluate_quick, EvaluationError};
use crate::i18n::Message;
use crate::imposed::{sentence_histogram, HistogramBin, SentencingParams};
use crate::law::{ChargeId, Law, Recipient, Role};
use crate::prosecution::{
    acceptance_probability, conviction_probability, ProsecutionFacts, ProsecutionParams,
};
use crate::{CriminalHistory, GuidelineRange, Zone};

/// One value of an unknown fact and its share of the population.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpreadShare {
    #[serde(with = "crate::i18n::english")]
    pub value: Message,
    pub share: f64,
}

/// An unknown fact and the distribution the likely sentence uses for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpreadFact {
    /// The case field, as in case files.
    pub field: &'static str,
    /// The fact in words.
    #[serde(with = "crate::i18n::english")]
    pub label: Message,
    pub shares: Vec<SpreadShare>,
    /// Where the distribution comes from.
    #[serde(with = "crate::i18n::english")]
    pub source: Message,
}

/// The imposed sentence over every value of the unknown facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LikelySentence {
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
    pub mean: f64,
    pub spread: Vec<SpreadFact>,
}

/// One combination of values of the unknown facts: the case with them set, its share of
/// the population, and which value of each spread fact it took (by index into the fact's
/// shares).
#[derive(Debug, Clone)]
pub struct Variant {
    pub case: Case,
    pub weight: f64,
    picks: Vec<u8>,
}

/// Splits every variant by one fact's values; the shares may depend on the facts already
/// set (a seller's criminal history depends on whether the seller was prohibited).
fn spread<T: Copy>(
    out: Vec<Variant>,
    values: &[T],
    shares: impl Fn(&Case) -> Vec<f64>,
    set: impl Fn(&mut Case, T),
) -> Vec<Variant> {
    let mut next = Vec::with_capacity(out.len() * values.len());
    for v in out {
        for (i, (&value, share)) in values.iter().zip(shares(&v.case)).enumerate() {
            if share > 0.0 {
                let mut case = v.case.clone();
                set(&mut case, value);
                let mut picks = v.picks.clone();
                picks.push(i as u8);
                next.push(Variant {
                    case,
                    weight: v.weight * share,
                    picks,
                });
            }
        }
    }
    next
}

/// Each spread fact's share of every value over weighted variants (the weights need not
/// sum to 1).
fn marginals(variants: &[Variant], facts: &mut [SpreadFact], weight: impl Fn(usize) -> f64) {
    let total: f64 = (0..variants.len()).map(&weight).sum::<f64>().max(1e-300);
    for (j, fact) in facts.iter_mut().enumerate() {
        for s in fact.shares.iter_mut() {
            s.share = 0.0;
        }
        for (i, v) in variants.iter().enumerate() {
            if let Some(&k) = v.picks.get(j) {
                fact.shares[usize::from(k)].share += weight(i) / total;
            }
        }
    }
}

fn labels<T: Copy>(values: &[T], word: impl Fn(T) -> Message) -> Vec<SpreadShare> {
    values
        .iter()
        .map(|&v| SpreadShare {
            value: word(v),
            share: 0.0,
        })
        .collect()
}

/// The labels of a fact spread over no, then yes.
fn yes_no() -> Vec<SpreadShare> {
    labels(&["likely.no", "likely.yes"], Message::new)
}

/// Whether the case's defendant is a prohibited person (a 922(g) charge always is).
fn prohibited(case: &Case) -> bool {
    case.charge == ChargeId::ProhibitedPossession922g || case.prohibited_person == Some(true)
}

/// The variants of a case over its unknown facts with their population weights (summing
/// to 1), and the distributions used (each fact's shares in the population).
pub fn variants(case: &Case, population: &ReferralPopulation) -> (Vec<Variant>, Vec<SpreadFact>) {
    let mut out = vec![Variant {
        case: case.clone(),
        weight: 1.0,
        picks: Vec::new(),
    }];
    let mut facts = Vec::new();
    let mut note = |field, label: &'static str, shares, source: &'static str| {
        facts.push(SpreadFact {
            field,
            label: Message::new(label),
            shares,
            source: Message::new(source),
        });
    };
    if case.trafficking_recipient.is_none() && case.knew_buyer_prohibited.is_none() {
        let intent = population.intent_evidence_share.value;
        let dangerous = population.dangerous_recipient_share.value;
        let values = [
            Recipient::None,
            Recipient::ProhibitedPerson,
            Recipient::Dangerous,
        ];
        let shares = vec![1.0 - intent, intent * (1.0 - dangerous), intent * dangerous];
        out = spread(
            out,
            &values,
            |_| shares.clone(),
            |v, r| v.trafficking_recipient = Some(r),
        );
        note(
            "trafficking_recipient",
            "likely.field.recipient",
            labels(&values, |r| {
                Message::new(match r {
                    Recipient::None => "likely.recipient.none",
                    Recipient::ProhibitedPerson => "likely.recipient.prohibited",
                    Recipient::Dangerous => "likely.recipient.dangerous",
                })
            }),
            "likely.source.recipient",
        );
    }
    if case.role.is_none() {
        let organiser = population.organiser_share.value;
        let values = [Role::None, Role::OrganizerSmall];
        out = spread(
            out,
            &values,
            |_| vec![1.0 - organiser, organiser],
            |v, r| v.role = Some(r),
        );
        note(
            "role",
            "likely.field.role",
            labels(&values, |r| {
                Message::new(if r == Role::None {
                    "likely.role.none"
                } else {
                    "likely.role.organiser"
                })
            }),
            "likely.source.role",
        );
    }
    if case.counts.is_none() {
        let values: Vec<u32> = population.counts.shares.iter().map(|s| s.counts).collect();
        let shares: Vec<f64> = population.counts.shares.iter().map(|s| s.share).collect();
        out = spread(out, &values, |_| shares.clone(), |v, n| v.counts = Some(n));
        note(
            "counts",
            "likely.field.counts",
            labels(&values, |n| Message::verbatim_text(n.to_string())),
            "likely.source.counts",
        );
    }
    if case.firearms.is_none() {
        let bins = &population.firearms.bins;
        let values: Vec<u32> = bins.iter().map(|b| (b.min + b.max).div_ceil(2)).collect();
        let shares: Vec<f64> = bins.iter().map(|b| b.share).collect();
        out = spread(
            out,
            &values,
            |_| shares.clone(),
            |v, n| v.firearms = Some(n),
        );
        note(
            "firearms",
            "likely.field.firearms",
            labels(&values, |n| Message::verbatim_text(n.to_string())),
            "likely.source.firearms",
        );
    }
    // Sellers may be prohibited persons with a record; buyers passed a background check.
    let seller_unknown =
        case.charge == ChargeId::UnlicensedDealing922a1a && case.prohibited_person.is_none();
    if seller_unknown {
        let share = population.prohibited_seller_share.value;
        out = spread(
            out,
            &[false, true],
            |_| vec![1.0 - share, share],
            |v, p| v.prohibited_person = Some(p),
        );
        note(
            "prohibited_person",
            "likely.field.prohibited",
            yes_no(),
            "likely.source.prohibited",
        );
    }
    if case.criminal_history.is_none() && case.criminal_history_points.is_none() {
        let of = |d: &crate::caseload::HistoryDistribution| -> Vec<f64> {
            CriminalHistory::ALL
                .iter()
                .map(|&c| {
                    d.shares
                        .iter()
                        .filter(|s| s.category == c)
                        .map(|s| s.share)
                        .sum::<f64>()
                })
                .collect()
        };
        let (buyers, sellers) = (
            of(&population.criminal_history),
            of(&population.seller_criminal_history),
        );
        out = spread(
            out,
            &CriminalHistory::ALL,
            |v| {
                if prohibited(v) {
                    sellers.clone()
                } else {
                    buyers.clone()
                }
            },
            |v, c| v.criminal_history = Some(c),
        );
        note(
            "criminal_history",
            "likely.field.criminal_history",
            labels(&CriminalHistory::ALL, |c| {
                Message::verbatim_text(c.to_string())
            }),
            if prohibited(case) {
                "likely.source.criminal_history_prohibited"
            } else if seller_unknown {
                "likely.source.criminal_history_sellers"
            } else {
                "likely.source.criminal_history"
            },
        );
    }
    // Only a prohibited person can have a prior felony; for the rest it stays none.
    if case.prior_violent_or_drug_felonies.is_none() && (seller_unknown || prohibited(case)) {
        let share = population.prior_felony_share.value;
        out = spread(
            out,
            &[0u8, 1],
            |v| {
                if prohibited(v) {
                    vec![1.0 - share, share]
                } else {
                    vec![1.0, 0.0]
                }
            },
            |v, n| v.prior_violent_or_drug_felonies = Some(n),
        );
        note(
            "prior_violent_or_drug_felonies",
            "likely.field.prior_felonies",
            yes_no(),
            "likely.source.prior_felonies",
        );
    }
    if case.mexico_nexus == Some(true) && case.knew_leaving_us.is_none() {
        let knew = population.knew_leaving_share.value;
        out = spread(
            out,
            &[false, true],
            |_| vec![1.0 - knew, knew],
            |v, k| v.knew_leaving_us = Some(k),
        );
        note(
            "knew_leaving_us",
            "likely.field.knew_leaving",
            yes_no(),
            "likely.source.knew_leaving",
        );
    }
    marginals(&out, &mut facts, |i| out[i].weight);
    (out, facts)
}

/// P(sentence ≤ x) of one histogram, linear within a bar.
fn cdf(bins: &[HistogramBin], x: f64) -> f64 {
    bins.iter()
        .map(|b| {
            if b.to_months <= b.from_months {
                if b.from_months <= x {
                    b.probability
                } else {
                    0.0
                }
            } else {
                b.probability
                    * ((x - b.from_months) / (b.to_months - b.from_months)).clamp(0.0, 1.0)
            }
        })
        .sum()
}

const BARS: usize = 200;

/// What fixes a variant's sentence distribution: its range, zone and statutory limits.
type Key = (u32, Option<u32>, Zone, u32, Option<u32>, bool);

/// Each variant's sentence distribution key, its weight among the referrals that end in a
/// conviction, and its mean sentence. A sentence is only imposed on a referral the U.S.
/// Attorney accepted and won, and those are not a random draw (more guns, intent evidence
/// and longer sentences make acceptance likelier), so each population share is multiplied
/// by the chance of acceptance and of conviction on the charge itself. The variants'
/// weights become these, for the shares shown.
fn among_convicted(
    variants: &mut [Variant],
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<Vec<(Key, f64, f64)>, EvaluationError> {
    let mut out = Vec::with_capacity(variants.len());
    for v in variants.iter_mut() {
        let e = evaluate_quick(&v.case, law, sentencing)?;
        let mean = e.expected_sentence_months.mean;
        let facts = ProsecutionFacts::of(&v.case, prosecution);
        v.weight *= acceptance_probability(&facts, mean, prosecution)
            * conviction_probability(&facts, v.case.charge.is_export(), prosecution);
        let key = (
            e.guideline_range_months.min,
            e.guideline_range_months.max,
            e.zone,
            e.statutory_min_months,
            e.total_statutory_max_months,
            e.probation_allowed,
        );
        out.push((key, v.weight, mean));
    }
    Ok(out)
}

/// The 10th, 50th and 90th percentiles and the mean of the imposed sentence over weighted
/// variants.
fn mixture_figures(
    evaluated: &[(Key, f64, f64)],
    sentencing: &SentencingParams,
) -> (f64, f64, f64, f64) {
    // Variants with the same range, zone and limits have the same sentence distribution:
    // their weights are pooled and each distribution is built once.
    let mut pooled: Vec<(Key, f64, f64)> = Vec::new();
    for &(key, w, mean) in evaluated {
        match pooled.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, total, _)) => *total += w,
            None => pooled.push((key, w, mean)),
        }
    }
    let total: f64 = pooled.iter().map(|(_, w, _)| w).sum();
    let mean = pooled.iter().map(|(_, w, m)| w * m).sum::<f64>() / total.max(1e-12);
    let mixture: Vec<(Vec<HistogramBin>, f64)> = pooled
        .into_iter()
        .map(|((min, max, zone, floor, ceiling, probation), w, _)| {
            let range = GuidelineRange {
                min_months: min,
                max_months: max,
            };
            let bins = sentence_histogram(range, zone, floor, ceiling, probation, sentencing, BARS);
            (bins, w / total.max(1e-12))
        })
        .collect();
    let top = mixture
        .iter()
        .flat_map(|(b, _)| b.iter().map(|x| x.to_months))
        .fold(0.0f64, f64::max);
    let at = |x: f64| mixture.iter().map(|(b, w)| w * cdf(b, x)).sum::<f64>();
    let quantile = |q: f64| {
        if at(0.0) >= q {
            return 0.0;
        }
        // 32 halvings leave the quantile within a 2^-32 share of the span (under a
        // ten-thousandth of a day for a life-long span): far below the tenth of a month
        // shown, at half the cost of 60 on every keystroke.
        let (mut lo, mut hi) = (0.0, top.max(1.0));
        for _ in 0..32 {
            let mid = 0.5 * (lo + hi);
            if at(mid) >= q {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    };
    (quantile(0.1), quantile(0.5), quantile(0.9), mean)
}

/// The sentence of a convicted case over its unknown facts, each spread over the referral
/// population and weighted to the referrals that end in a conviction. With every fact
/// given the spread is empty and the figures are the case's own.
pub(crate) fn convicted_sentence(
    case: &Case,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
    population: &ReferralPopulation,
) -> Result<LikelySentence, EvaluationError> {
    let (mut variants, mut spread) = variants(case, population);
    let evaluated = among_convicted(&mut variants, law, sentencing, prosecution)?;
    marginals(&variants, &mut spread, |i| variants[i].weight);
    let (p10, median, p90, mean) = mixture_figures(&evaluated, sentencing);
    Ok(LikelySentence {
        p10,
        median,
        p90,
        mean,
        spread,
    })
}

/// The likely sentence over the case's unknown facts; `None` when every fact it spreads is
/// given.
pub fn likely_sentence(
    case: &Case,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
    population: &ReferralPopulation,
) -> Result<Option<LikelySentence>, EvaluationError> {
    let likely = convicted_sentence(case, law, sentencing, prosecution, population)?;
    Ok((!likely.spread.is_empty()).then_some(likely))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LawEra;

    fn straw() -> Case {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.manual = crate::ManualChoice::from_code("2010");
        case.firearms = Some(5);
        case
    }

    /// The engine's default for each unknown fact is that fact's most common value in the
    /// population, so the range shown is the most likely one.
    #[test]
    fn defaults_are_the_most_likely_values() {
        let (_, facts) = variants(&straw(), ReferralPopulation::embedded());
        for f in &facts {
            let top = f
                .shares
                .iter()
                .max_by(|a, b| a.share.total_cmp(&b.share))
                .unwrap();
            let first = &f.shares[0];
            assert_eq!(
                top, first,
                "{}: the default is listed first and most likely",
                f.field
            );
        }
        let names: Vec<&str> = facts.iter().map(|f| f.field).collect();
        assert_eq!(
            names,
            [
                "trafficking_recipient",
                "role",
                "counts",
                "criminal_history"
            ]
        );
    }

    /// Spreading an unknown fact widens the likely sentence; pinning every fact removes it.
    #[test]
    fn unknown_facts_widen_and_pinned_facts_remove_the_spread() {
        let (law, sp, pp, pop) = (
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
            ReferralPopulation::embedded(),
        );
        let open = likely_sentence(&straw(), law, sp, pp, pop)
            .unwrap()
            .unwrap();
        let mut pinned = straw();
        pinned.trafficking_recipient = Some(Recipient::None);
        pinned.role = Some(Role::None);
        pinned.counts = Some(1);
        pinned.criminal_history = Some(CriminalHistory::I);
        assert!(likely_sentence(&pinned, law, sp, pp, pop)
            .unwrap()
            .is_none());
        let fixed = evaluate_quick(&pinned, law, sp)
            .unwrap()
            .expected_sentence_months;
        assert!(open.p90 > fixed.p90, "{} against {}", open.p90, fixed.p90);
        assert!(open.mean > fixed.mean);
        assert!(open.p10 <= open.median && open.median <= open.p90);
        let (variants, facts) = variants(&straw(), pop);
        let total: f64 = variants.iter().map(|v| v.weight).sum();
        assert!((total - 1.0).abs() < 1e-9);
        for f in &facts {
            let total: f64 = f.shares.iter().map(|s| s.share).sum();
            assert!((total - 1.0).abs() < 1e-9, "{}", f.field);
        }
        // With every fact given, the figures are the case's own mean.
        let own = convicted_sentence(&pinned, law, sp, pp, pop).unwrap();
        assert!((own.mean - fixed.mean).abs() < 1e-9);
    }

    /// An unlicensed dealer of unknown status is spread over prohibited and not; only the
    /// prohibited can have a prior felony, and their criminal history is the 922(g) one.
    #[test]
    fn a_seller_is_spread_over_status_and_record_together() {
        let mut dealer = straw();
        dealer.charge = ChargeId::UnlicensedDealing922a1a;
        let pop = ReferralPopulation::embedded();
        let (variants, facts) = variants(&dealer, pop);
        let names: Vec<&str> = facts.iter().map(|f| f.field).collect();
        assert!(names.contains(&"prohibited_person"), "{names:?}");
        assert!(names.contains(&"prior_violent_or_drug_felonies"));
        assert!(variants
            .iter()
            .all(|v| v.case.prohibited_person == Some(true)
                || v.case.prior_violent_or_drug_felonies == Some(0)));
        let prohibited = |v: &&Variant| v.case.prohibited_person == Some(true);
        let mass: f64 = variants.iter().filter(prohibited).map(|v| v.weight).sum();
        let with_prior: f64 = variants
            .iter()
            .filter(prohibited)
            .filter(|v| v.case.prior_violent_or_drug_felonies == Some(1))
            .map(|v| v.weight)
            .sum();
        assert!((mass - pop.prohibited_seller_share.value).abs() < 1e-9);
        assert!((with_prior / mass - pop.prior_felony_share.value).abs() < 1e-9);
        let category_one: f64 = variants
            .iter()
            .filter(prohibited)
            .filter(|v| v.case.criminal_history == Some(CriminalHistory::I))
            .map(|v| v.weight)
            .sum();
        assert!((category_one / mass - 0.074).abs() < 1e-9);
    }

    /// Weighting to the convicted favours the facts that make acceptance likelier: intent
    /// evidence is commoner among convicted referrals than among all of them, and so the
    /// likely sentence is longer than the population's plain mixture.
    #[test]
    fn the_convicted_carry_more_intent_evidence() {
        let (law, sp, pp, pop) = (
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
            ReferralPopulation::embedded(),
        );
        let (_, prior) = variants(&straw(), pop);
        let convicted = convicted_sentence(&straw(), law, sp, pp, pop).unwrap();
        let none = |facts: &[SpreadFact]| facts[0].shares[0].share;
        assert_eq!(prior[0].field, "trafficking_recipient");
        assert!(
            none(&convicted.spread) < none(&prior) - 0.02,
            "no intent evidence: {} among the convicted, {} in the population",
            none(&convicted.spread),
            none(&prior)
        );
    }
}

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

/// Splits every variant by one fact's values and shares.
fn spread<T: Copy>(
    out: Vec<(Case, f64)>,
    values: &[(T, f64)],
    set: impl Fn(&mut Case, T),
) -> Vec<(Case, f64)> {
    let mut next = Vec::with_capacity(out.len() * values.len());
    for (case, w) in out {
        for &(value, share) in values {
            if share > 0.0 {
                let mut v = case.clone();
                set(&mut v, value);
                next.push((v, w * share));
            }
        }
    }
    next
}

fn shares<T: Copy>(values: &[(T, f64)], word: impl Fn(T) -> Message) -> Vec<SpreadShare> {
    values
        .iter()
        .map(|&(v, share)| SpreadShare {
            value: word(v),
            share,
        })
        .collect()
}

/// The variants of a case over its unknown facts with their weights (summing to 1), and
/// the distributions used.
pub fn variants(
    case: &Case,
    population: &ReferralPopulation,
) -> (Vec<(Case, f64)>, Vec<SpreadFact>) {
    let mut out = vec![(case.clone(), 1.0)];
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
            (Recipient::None, 1.0 - intent),
            (Recipient::ProhibitedPerson, intent * (1.0 - dangerous)),
            (Recipient::Dangerous, intent * dangerous),
        ];
        out = spread(out, &values, |v, r| v.trafficking_recipient = Some(r));
        note(
            "trafficking_recipient",
            "likely.field.recipient",
            shares(&values, |r| {
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
        let values = [
            (Role::None, 1.0 - organiser),
            (Role::OrganizerSmall, organiser),
        ];
        out = spread(out, &values, |v, r| v.role = Some(r));
        note(
            "role",
            "likely.field.role",
            shares(&values, |r| {
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
        let values: Vec<(u32, f64)> = population
            .counts
            .shares
            .iter()
            .map(|s| (s.counts, s.share))
            .collect();
        out = spread(out, &values, |v, n| v.counts = Some(n));
        note(
            "counts",
            "likely.field.counts",
            shares(&values, |n| Message::verbatim_text(n.to_string())),
            "likely.source.counts",
        );
    }
    if case.firearms.is_none() {
        let values: Vec<(u32, f64)> = population
            .firearms
            .bins
            .iter()
            .map(|b| ((b.min + b.max).div_ceil(2), b.share))
            .collect();
        out = spread(out, &values, |v, n| v.firearms = Some(n));
        note(
            "firearms",
            "likely.field.firearms",
            shares(&values, |n| Message::verbatim_text(n.to_string())),
            "likely.source.firearms",
        );
    }
    if case.criminal_history.is_none() && case.criminal_history_points.is_none() {
        // Sellers may be prohibited persons with a record; buyers passed a background check.
        let prohibited = match (case.charge, case.prohibited_person) {
            (_, Some(true)) => 1.0,
            (_, Some(false)) => 0.0,
            (ChargeId::UnlicensedDealing922a1a, None) => population.prohibited_seller_share.value,
            _ => 0.0,
        };
        let values: Vec<(CriminalHistory, f64)> = CriminalHistory::ALL
            .iter()
            .map(|&c| {
                let of = |d: &crate::caseload::HistoryDistribution| {
                    d.shares
                        .iter()
                        .filter(|s| s.category == c)
                        .map(|s| s.share)
                        .sum::<f64>()
                };
                (
                    c,
                    (1.0 - prohibited) * of(&population.criminal_history)
                        + prohibited * of(&population.seller_criminal_history),
                )
            })
            .collect();
        out = spread(out, &values, |v, c| v.criminal_history = Some(c));
        note(
            "criminal_history",
            "likely.field.criminal_history",
            shares(&values, |c| Message::verbatim_text(c.to_string())),
            if prohibited > 0.0 {
                "likely.source.criminal_history_sellers"
            } else {
                "likely.source.criminal_history"
            },
        );
    }
    if case.mexico_nexus == Some(true) && case.knew_leaving_us.is_none() {
        let knew = population.knew_leaving_share.value;
        let values = [(false, 1.0 - knew), (true, knew)];
        out = spread(out, &values, |v, k| v.knew_leaving_us = Some(k));
        note(
            "knew_leaving_us",
            "likely.field.knew_leaving",
            shares(&values, |k| {
                Message::new(if k { "likely.yes" } else { "likely.no" })
            }),
            "likely.source.knew_leaving",
        );
    }
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

/// The 10th, 50th and 90th percentiles and the mean of the imposed sentence over weighted
/// variants of a case.
pub(crate) fn mixture_figures(
    variants: &[(Case, f64)],
    law: &Law,
    sentencing: &SentencingParams,
) -> Result<(f64, f64, f64, f64), EvaluationError> {
    // Variants with the same range, zone and limits have the same sentence distribution:
    // their weights are pooled and each distribution is built once.
    type Key = (u32, Option<u32>, Zone, u32, Option<u32>, bool);
    let mut pooled: Vec<(Key, f64, f64)> = Vec::new();
    for (case, w) in variants {
        let e = evaluate_quick(case, law, sentencing)?;
        let key = (
            e.guideline_range_months.min,
            e.guideline_range_months.max,
            e.zone,
            e.statutory_min_months,
            e.total_statutory_max_months,
            e.probation_allowed,
        );
        match pooled.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, total, _)) => *total += w,
            None => pooled.push((key, *w, e.expected_sentence_months.mean)),
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
        let (mut lo, mut hi) = (0.0, top.max(1.0));
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if at(mid) >= q {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    };
    Ok((quantile(0.1), quantile(0.5), quantile(0.9), mean))
}

/// The likely sentence over the case's unknown facts; `None` when every fact it spreads is
/// given.
pub fn likely_sentence(
    case: &Case,
    law: &Law,
    sentencing: &SentencingParams,
    population: &ReferralPopulation,
) -> Result<Option<LikelySentence>, EvaluationError> {
    let (variants, spread) = variants(case, population);
    if spread.is_empty() {
        return Ok(None);
    }
    let (p10, median, p90, mean) = mixture_figures(&variants, law, sentencing)?;
    Ok(Some(LikelySentence {
        p10,
        median,
        p90,
        mean,
        spread,
    }))
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
        let (law, sp, pop) = (
            Law::embedded(),
            SentencingParams::embedded(),
            ReferralPopulation::embedded(),
        );
        let open = likely_sentence(&straw(), law, sp, pop).unwrap().unwrap();
        let mut pinned = straw();
        pinned.trafficking_recipient = Some(Recipient::None);
        pinned.role = Some(Role::None);
        pinned.counts = Some(1);
        pinned.criminal_history = Some(CriminalHistory::I);
        assert!(likely_sentence(&pinned, law, sp, pop).unwrap().is_none());
        let fixed = evaluate_quick(&pinned, law, sp)
            .unwrap()
            .expected_sentence_months;
        assert!(open.p90 > fixed.p90, "{} against {}", open.p90, fixed.p90);
        assert!(open.mean > fixed.mean);
        assert!(open.p10 <= open.median && open.median <= open.p90);
        let (variants, _) = variants(&straw(), pop);
        let total: f64 = variants.iter().map(|(_, w)| w).sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
}

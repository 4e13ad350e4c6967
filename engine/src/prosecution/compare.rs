//! Charges side by side: each charge (or charge set) a case supports, with P(accept),
//! P(convict), the expected sentence if convicted, and their product — expected prison
//! months per referral — and the number of firearms at which a referral becomes more likely
//! accepted than declined.
//!
//! Implementation note: a charge set (e.g. straw purchase + 18 U.S.C. 554 in a joint ATF–ICE
//! case) reuses the single-charge evaluation. The counts are grouped (§3D1.2): the guideline
//! computation is the count with the highest offense level; the mandatory minimum is the
//! highest of the counts' and the maximum the sum of their maxima (§5G1.2(d)). Conviction is
//! count by count, with the counts' chances taken as perfectly correlated (the same evidence
//! proves them): the defendant is convicted of every count at least as easy to prove as the
//! hardest one proven. So a set's chance of conviction is its easiest count's, and the
//! sentence if convicted mixes the full set's with the easier counts' alone.

use serde::{Deserialize, Serialize};

use super::{
    acceptance_probability, acceptance_terms, conviction_probability, decline_reasons,
    DeclineReasons, LogitTerm, ProsecutionFacts, ProsecutionParams,
};
use crate::case::{Case, CaseError};
use crate::evaluate::{apply_statutes, evaluate_quick, Evaluation, EvaluationError, MonthRange};
use crate::i18n::Message;
use crate::imposed::{expected_sentence, three_decimals, ExpectedSentence, SentencingParams};
use crate::law::{
    ChargeElement, ChargeId, Date, Element, GuidelineSection, Law, LawEra, Recipient,
};
use crate::worksheet::{Assumption, Silent};
use crate::{zone, GuidelineRange, ManualEdition, Zone};

/// Beyond this many firearms the threshold finder reports "never": a referral that needs
/// more guns than a large trafficking ring moves is, in practice, declined.
pub const MAX_THRESHOLD_FIREARMS: u32 = 10_000;

/// The penalty changes the threshold finder tries: every expected sentence multiplied by
/// these factors.
pub const PENALTY_SCALES: [f64; 5] = [0.5, 1.0, 1.5, 2.0, 4.0];

/// One charge or charge set for a case, with every factor of its expected prison months per
/// referral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChargeOption {
    /// One charge, or several counts of different charges brought together.
    pub charges: Vec<ChargeId>,
    /// The statutes joined by " + ".
    pub statutes: String,
    /// The offense level of the count that sets the guideline range.
    pub offense_level: i32,
    pub guideline_range_months: MonthRange,
    pub zone: Zone,
    /// False when a count's statute bars probation.
    pub probation_allowed: bool,
    /// Highest mandatory minimum of the counts.
    pub statutory_min_months: u32,
    /// Sum of the counts' maxima (§5G1.2(d)); `None` is life.
    pub total_statutory_max_months: Option<u32>,
    /// The imposed sentence if convicted on every count.
    pub expected_sentence_months: ExpectedSentence,
    /// Mean prison months if convicted of at least one count (the easier counts alone when
    /// the harder ones fail).
    #[serde(serialize_with = "three_decimals")]
    pub expected_months_if_convicted: f64,
    #[serde(serialize_with = "three_decimals")]
    pub acceptance_probability: f64,
    pub decline_reasons: DeclineReasons,
    #[serde(serialize_with = "three_decimals")]
    pub conviction_probability: f64,
    /// acceptance × conviction × months if convicted.
    #[serde(serialize_with = "three_decimals")]
    pub expected_prison_months_per_referral: f64,
}

/// A charge the comparison left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotConsidered {
    pub charges: Vec<ChargeId>,
    #[serde(with = "crate::i18n::english")]
    pub reason: Message,
}

/// Every option for one case, best first by expected prison months per referral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChargeComparison {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub law_era: LawEra,
    pub manual: ManualEdition,
    pub options: Vec<ChargeOption>,
    pub not_considered: Vec<NotConsidered>,
}

/// The prosecution model for one case and charge (set), with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProsecutionAssessment {
    #[serde(flatten)]
    pub option: ChargeOption,
    pub acceptance_intercept: f64,
    /// The acceptance log-odds factor by factor.
    pub acceptance_terms: Vec<LogitTerm>,
    /// Facts the model needed but the case did not give.
    pub assumptions: Vec<Assumption>,
}

/// The prosecution model for the case's own charge.
pub fn assess(
    case: &Case,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<ProsecutionAssessment, EvaluationError> {
    assess_charge_set(case, &[case.charge], law, sentencing, prosecution)
}

/// The prosecution model for the case with these charges brought together (the case's own
/// `charge` field is ignored).
pub fn assess_charge_set(
    case: &Case,
    charges: &[ChargeId],
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<ProsecutionAssessment, EvaluationError> {
    check_params(prosecution)?;
    let facts = ProsecutionFacts::of(case, prosecution);
    let option = charge_option(case, charges, &facts, law, sentencing, prosecution)?;
    Ok(ProsecutionAssessment {
        acceptance_intercept: prosecution.acceptance_intercept.value
            + prosecution.district_shift.value,
        acceptance_terms: acceptance_terms(
            &facts,
            option.expected_months_if_convicted,
            prosecution,
        )
        .to_vec(),
        assumptions: ProsecutionFacts::assumptions(case, prosecution),
        option,
    })
}

fn check_params(prosecution: &ProsecutionParams) -> Result<(), EvaluationError> {
    prosecution
        .validate()
        .map_err(EvaluationError::InvalidProsecutionParams)
}

/// The case under every charge and charge set it supports in its legal era, ranked by
/// expected prison months per referral (ties keep catalog order). The case's own charge is
/// always included; the others must fit the facts (see [`NotConsidered`] for why not).
pub fn compare_charges(
    case: &Case,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<ChargeComparison, EvaluationError> {
    check_params(prosecution)?;
    // The case's own charge first: an error there (bad facts, charge unavailable) is the
    // user's to see, not a row to drop.
    let facts = ProsecutionFacts::of(case, prosecution);
    let own = charge_option(case, &[case.charge], &facts, law, sentencing, prosecution)?;
    let mut options = vec![own];
    let mut not_considered = Vec::new();
    for charges in candidate_sets(case, law) {
        if charges == [case.charge] {
            continue;
        }
        if let Some(reason) = unsupported(case, &charges, law) {
            not_considered.push(NotConsidered { charges, reason });
            continue;
        }
        match charge_option(case, &charges, &facts, law, sentencing, prosecution) {
            Ok(option) => options.push(option),
            Err(e) => not_considered.push(NotConsidered {
                charges,
                reason: e.message(),
            }),
        }
    }
    options.sort_by(|a, b| {
        b.expected_prison_months_per_referral
            .total_cmp(&a.expected_prison_months_per_referral)
    });
    Ok(ChargeComparison {
        label: case.label.clone(),
        law_era: case.law_era,
        manual: crate::evaluate::manual_used(case, law),
        options,
        not_considered,
    })
}

/// Straw-purchase and trafficking charges a joint ATF–ICE case can pair with an export
/// charge.
const PAIRABLE: [ChargeId; 3] = [
    ChargeId::StrawPurchase922a6,
    ChargeId::StrawPurchase932,
    ChargeId::Trafficking933,
];
const EXPORT: [ChargeId; 3] = [
    ChargeId::Smuggling554,
    ChargeId::ArmsExport2778,
    ChargeId::ExportControl4819,
];

/// Every single charge of the catalog, then every pairing of a straw-purchase or trafficking
/// charge with an export charge.
fn candidate_sets(case: &Case, law: &Law) -> Vec<Vec<ChargeId>> {
    let mut sets: Vec<Vec<ChargeId>> = law.charges.iter().map(|c| vec![c.id]).collect();
    for domestic in PAIRABLE {
        if law
            .charge(domestic)
            .is_ok_and(|c| c.exists_on(case.statute_date()))
        {
            for export in EXPORT {
                sets.push(vec![domestic, export]);
            }
        }
    }
    sets
}

/// Whether the case's facts show an element, for an offense on `day`.
fn element_shown(case: &Case, e: &ChargeElement, day: Date) -> bool {
    let changed = e.from.is_some_and(|from| day >= from);
    let automatic = case.fully_automatic == Some(true);
    match e.element {
        Element::RecipientKnowledge => {
            case.trafficking_recipient
                .is_some_and(|r| r != Recipient::None)
                || case.knew_buyer_prohibited == Some(true)
        }
        Element::FelonyPurpose => {
            case.trafficking_recipient == Some(Recipient::Dangerous)
                || case.other_felony == Some(true)
        }
        Element::ProhibitedDefendant => case.prohibited_person == Some(true),
        Element::ExportNexus => {
            case.ice_joint_investigation == Some(true) && case.mexico_nexus == Some(true)
        }
        Element::DrugFacts => case.drug_grams.is_some(),
        Element::MunitionsListFirearm => !changed || automatic,
        Element::CommerceControlListFirearm => changed && !automatic,
    }
}

/// Why the facts do not support a charge set, if they do not.
fn unsupported(case: &Case, charges: &[ChargeId], law: &Law) -> Option<Message> {
    for &id in charges {
        let Ok(charge) = law.charge(id) else {
            return Some(Message::new("not_considered.no_charge").verbatim("charge", id.code()));
        };
        if !charge.exists_on(case.statute_date()) {
            return Some(
                Message::new("not_considered.did_not_exist")
                    .verbatim("charge", &charge.statute)
                    .with(
                        "era",
                        crate::evaluate::law_on(case.law_era, case.offense_date),
                    ),
            );
        }
        let day = case.statute_date();
        let Some(missing) = charge
            .elements
            .iter()
            .find(|e| !element_shown(case, e, day))
        else {
            continue;
        };
        let why = match missing.element {
            Element::RecipientKnowledge => "not_considered.recipient_knowledge",
            Element::FelonyPurpose => "not_considered.felony_purpose",
            Element::ProhibitedDefendant => "not_considered.prohibited_defendant",
            Element::ExportNexus => "not_considered.export_nexus",
            Element::DrugFacts => "not_considered.drug_facts",
            Element::MunitionsListFirearm => "not_considered.munitions_list",
            Element::CommerceControlListFirearm => "not_considered.commerce_control_list",
        };
        return Some(
            Message::new("not_considered.charge")
                .verbatim("charge", &charge.statute)
                .with("why", Message::new(why))
                .verbatim("cite", &missing.cite.section),
        );
    }
    None
}

/// The sentence of counts brought together: the guideline computation of the count with
/// the highest offense level, the highest minimum, the sum of the maxima.
struct SetSentence {
    probation_allowed: bool,
    offense_level: i32,
    final_range: GuidelineRange,
    zone: Zone,
    min_months: u32,
    total_max_months: Option<u32>,
    expected: ExpectedSentence,
}

fn set_sentence(
    evals: &[&Evaluation],
    law: &Law,
    sentencing: &SentencingParams,
) -> Option<SetSentence> {
    let top = evals.iter().copied().reduce(|a, b| {
        if b.offense_level > a.offense_level {
            b
        } else {
            a
        }
    })?;
    let min_months = evals
        .iter()
        .map(|e| e.statutory_min_months)
        .max()
        .unwrap_or(0);
    let total_max_months = evals.iter().try_fold(0u32, |sum, e| {
        Some(sum.saturating_add(e.total_statutory_max_months?))
    });
    let table = GuidelineRange {
        min_months: top.table_range_months.min,
        max_months: top.table_range_months.max,
    };
    let manual = law.manual(top.manual).ok()?;
    let final_range = apply_statutes(
        table,
        min_months,
        total_max_months,
        (&manual.text.chapter_five, top.manual),
        &mut Silent,
    );
    let zone = zone(final_range, &manual.text.zones);
    // A count whose class bars probation bars it for the set: the defendant is sentenced to
    // imprisonment on that count at the same time (18 U.S.C. 3561(a)(3)).
    let probation_allowed = evals.iter().all(|e| e.probation_allowed);
    let expected = expected_sentence(
        final_range,
        zone,
        min_months,
        total_max_months,
        probation_allowed,
        sentencing,
    );
    Some(SetSentence {
        probation_allowed,
        offense_level: top.offense_level,
        final_range,
        zone,
        min_months,
        total_max_months,
        expected,
    })
}

/// The sentence of the full set, P(conviction) and the mean months if convicted.
struct SetOutcome {
    full: SetSentence,
    conviction: f64,
    months_if_convicted: f64,
}

fn set_outcome(
    case: &Case,
    charges: &[ChargeId],
    facts: &ProsecutionFacts,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<SetOutcome, EvaluationError> {
    let mut counts: Vec<(Evaluation, f64)> = Vec::with_capacity(charges.len());
    for &id in charges {
        if counts.iter().any(|(e, _)| e.charge == id) {
            continue;
        }
        let mut variant = case.clone();
        variant.charge = id;
        let evaluation = evaluate_quick(&variant, law, sentencing)?;
        let export = matches!(
            evaluation.guideline,
            GuidelineSection::Export2M5_2 | GuidelineSection::Export2M5_1
        );
        let p = conviction_probability(facts, export, prosecution);
        counts.push((evaluation, p));
    }
    // Easiest to prove first: the counts convicted are always a leading run of this order.
    counts.sort_by(|a, b| b.1.total_cmp(&a.1));
    let no_charge = || {
        EvaluationError::InvalidCase(CaseError {
            field: "charges".into(),
            message: Message::new("error.charges.none"),
        })
    };
    let mut months = 0.0;
    let mut full = None;
    for k in 1..=counts.len() {
        let leading: Vec<&Evaluation> = counts[..k].iter().map(|(e, _)| e).collect();
        let sentence = set_sentence(&leading, law, sentencing).ok_or_else(no_charge)?;
        let next = counts.get(k).map_or(0.0, |c| c.1);
        months += (counts[k - 1].1 - next) * sentence.expected.mean;
        full = Some(sentence);
    }
    let full = full.ok_or_else(no_charge)?;
    let conviction = counts[0].1;
    Ok(SetOutcome {
        full,
        conviction,
        months_if_convicted: if conviction > 0.0 {
            months / conviction
        } else {
            0.0
        },
    })
}

fn charge_option(
    case: &Case,
    charges: &[ChargeId],
    facts: &ProsecutionFacts,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<ChargeOption, EvaluationError> {
    let outcome = set_outcome(case, charges, facts, law, sentencing, prosecution)?;
    let months = outcome.months_if_convicted;
    let acceptance = acceptance_probability(facts, months, prosecution);
    let statutes = charges
        .iter()
        .map(|&id| law.charge(id).map(|c| c.statute.clone()))
        .collect::<Result<Vec<_>, _>>()?
        .join(" + ");
    let s = outcome.full;
    Ok(ChargeOption {
        charges: charges.to_vec(),
        statutes,
        offense_level: s.offense_level,
        guideline_range_months: s.final_range.into(),
        zone: s.zone,
        probation_allowed: s.probation_allowed,
        statutory_min_months: s.min_months,
        total_statutory_max_months: s.total_max_months,
        expected_sentence_months: s.expected,
        expected_months_if_convicted: months,
        acceptance_probability: acceptance,
        decline_reasons: decline_reasons(facts, months, prosecution),
        conviction_probability: outcome.conviction,
        expected_prison_months_per_referral: acceptance * outcome.conviction * months,
    })
}

/// The threshold under one penalty change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ThresholdAtScale {
    /// Every expected sentence multiplied by this.
    pub penalty_scale: f64,
    /// Smallest number of firearms with P(accept) ≥ 50%; `None`: not within 10,000.
    pub firearms: Option<u32>,
}

/// Where a case crosses from "more likely declined" to "more likely accepted" as the number
/// of firearms grows, everything else held fixed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThresholdFinding {
    pub charges: Vec<ChargeId>,
    /// Smallest number of firearms with P(accept) ≥ 50% at today's penalties; `None`: not
    /// within [`MAX_THRESHOLD_FIREARMS`].
    pub firearms: Option<u32>,
    /// P(accept) at that number of firearms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acceptance_at_threshold: Option<f64>,
    /// P(accept) with the case's own number of firearms.
    #[serde(serialize_with = "three_decimals")]
    pub acceptance_now: f64,
    /// The threshold if every sentence were scaled: how a penalty change moves it.
    pub by_penalty_scale: Vec<ThresholdAtScale>,
}

/// The smallest number of firearms at which P(accept) reaches 50% for the case under these
/// charges (the rest of the case held fixed), at current penalties and under each of
/// [`PENALTY_SCALES`]. Acceptance never falls as firearms rise (the sentence never does), so
/// a bisection finds it.
pub fn firearms_threshold(
    case: &Case,
    charges: &[ChargeId],
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<ThresholdFinding, EvaluationError> {
    check_params(prosecution)?;
    let acceptance_with = |firearms: Option<u32>, scale: f64| {
        let mut variant = case.clone();
        if firearms.is_some() {
            variant.firearms = firearms;
        }
        let facts = ProsecutionFacts::of(&variant, prosecution);
        let outcome = set_outcome(&variant, charges, &facts, law, sentencing, prosecution)?;
        Ok::<f64, EvaluationError>(acceptance_probability(
            &facts,
            outcome.months_if_convicted * scale,
            prosecution,
        ))
    };
    let find = |scale: f64| -> Result<Option<u32>, EvaluationError> {
        if acceptance_with(Some(MAX_THRESHOLD_FIREARMS), scale)? < 0.5 {
            return Ok(None);
        }
        let (mut lo, mut hi) = (0u32, MAX_THRESHOLD_FIREARMS);
        if acceptance_with(Some(0), scale)? >= 0.5 {
            return Ok(Some(0));
        }
        // Invariant: P(lo) < 0.5 ≤ P(hi).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if acceptance_with(Some(mid), scale)? >= 0.5 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(Some(hi))
    };
    let firearms = find(1.0)?;
    let acceptance_at_threshold = match firearms {
        Some(n) => Some(acceptance_with(Some(n), 1.0)?),
        None => None,
    };
    let by_penalty_scale = PENALTY_SCALES
        .iter()
        .map(|&scale| {
            Ok(ThresholdAtScale {
                penalty_scale: scale,
                firearms: find(scale)?,
            })
        })
        .collect::<Result<Vec<_>, EvaluationError>>()?;
    Ok(ThresholdFinding {
        charges: charges.to_vec(),
        firearms,
        acceptance_at_threshold,
        acceptance_now: acceptance_with(None, 1.0)?,
        by_penalty_scale,
    })
}

/// The comparison as a Markdown table for people (`threshold compare --format table`).
pub fn comparison_markdown(c: &ChargeComparison) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "| # | charges | level → range | P(accept) | declined, % (penalty / evidence / intent / other) | P(convict) | months if convicted | months per referral |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for (i, o) in c.options.iter().enumerate() {
        let r = &o.guideline_range_months;
        let range = match r.max {
            Some(max) if max == r.min => format!("{max} mo"),
            Some(max) => format!("{}–{max} mo", r.min),
            None => format!("{} mo–life", r.min),
        };
        let d = &o.decline_reasons;
        let declined = format!(
            "{:.0} / {:.0} / {:.0} / {:.0}",
            d.low_penalty * 100.0,
            d.weak_evidence * 100.0,
            d.no_intent_evidence * 100.0,
            d.other * 100.0
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} → {} | {:.0}% | {} | {:.0}% | {:.1} | {:.1} |",
            i + 1,
            o.statutes,
            o.offense_level,
            range,
            o.acceptance_probability * 100.0,
            declined,
            o.conviction_probability * 100.0,
            o.expected_months_if_convicted,
            o.expected_prison_months_per_referral
        );
    }
    out
}

//! The one entry point: a case, the law and the sentencing parameters in; the offense
//! level, the range within the statutes, the expected sentence and the worksheet out.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::edition::ManualChoice;
use crate::guidelines::{chapter_four, chapter_three, chapter_two_level};
use crate::i18n::{InputError, Lang, Message};
use crate::imposed::{expected_sentence, ExpectedSentence, SentencingParams};
use crate::law::Date;
use crate::law::{ChapterFive, ChargeId, GuidelineSection, Law, LawEra, MissingLaw};
use crate::sentencing_table::{MAX_LEVEL, MIN_LEVEL};
use crate::worksheet::{
    fact, rule_ref, Recorder, RulesApplied, Silent, Worksheet, RULE_EXPECTED, RULE_TABLE,
    RULE_ZONES,
};
use crate::{guideline_range, zone, CriminalHistory, GuidelineRange, ManualEdition, Zone};

/// A range in months as exported: `max: None` is life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    pub min: u32,
    pub max: Option<u32>,
}

impl From<MonthRange> for GuidelineRange {
    fn from(r: MonthRange) -> GuidelineRange {
        GuidelineRange {
            min_months: r.min,
            max_months: r.max,
        }
    }
}

impl From<GuidelineRange> for MonthRange {
    fn from(r: GuidelineRange) -> MonthRange {
        MonthRange {
            min: r.min_months,
            max: r.max_months,
        }
    }
}

/// Everything computed for one case under one charge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub charge: ChargeId,
    pub statute: String,
    pub law_era: LawEra,
    pub manual: ManualEdition,
    pub guideline: GuidelineSection,
    /// Total offense level (1–43).
    pub offense_level: i32,
    pub criminal_history_category: CriminalHistory,
    /// The Sentencing Table cell, before the statutes.
    pub table_range_months: MonthRange,
    /// The range after the statutory minimum and maximum (§5G1.1, §5G1.2).
    pub guideline_range_months: MonthRange,
    pub zone: Zone,
    /// False when the statute's class bars probation (18 U.S.C. 3561(a)(1)).
    pub probation_allowed: bool,
    pub counts: u32,
    pub statutory_min_months: u32,
    /// Maximum for one count; `None` is life.
    pub statutory_max_months: Option<u32>,
    /// Maximum for all counts run consecutively (§5G1.2(d)); `None` is life.
    pub total_statutory_max_months: Option<u32>,
    pub expected_sentence_months: ExpectedSentence,
    /// Empty when computed by [`evaluate_quick`].
    pub worksheet: Worksheet,
}

/// Why a case could not be evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum EvaluationError {
    /// A fact is out of range (a case built in code rather than read with `Case::from_json`).
    InvalidCase(crate::case::CaseError),
    /// The charge did not exist in the era (e.g. 18 U.S.C. 933 in April 2011).
    ChargeUnavailable {
        charge: ChargeId,
        era: LawEra,
        /// The offense date, when the case gives one (it decides instead of the era).
        date: Option<Date>,
        source: String,
    },
    /// The law (as edited by a scenario) lacks a part the case needs.
    MissingLaw(MissingLaw),
    /// The sentencing parameters are not probabilities or ordered intervals.
    InvalidParams(InputError),
    /// The prosecution parameters are out of range (see `ProsecutionParams::validate`).
    InvalidProsecutionParams(InputError),
}

impl EvaluationError {
    /// The error in the reader's language.
    pub fn message(&self) -> Message {
        match self {
            Self::InvalidCase(e) => e.message(),
            Self::ChargeUnavailable {
                charge,
                era,
                date,
                source,
            } => Message::new("error.field")
                .verbatim("field", "charge")
                .with(
                    "message",
                    Message::new("error.charge_unavailable")
                        .verbatim("charge", charge.statute_text())
                        .with("era", law_on(*era, *date))
                        .verbatim("source", source),
                ),
            Self::MissingLaw(m) => m.message(),
            Self::InvalidParams(why) => {
                Message::new("error.sentencing_params").with("why", why.message())
            }
            Self::InvalidProsecutionParams(why) => {
                Message::new("error.prosecution_params").with("why", why.message())
            }
        }
    }
}

/// English, for the command line and logs.
impl fmt::Display for EvaluationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for EvaluationError {}

impl From<MissingLaw> for EvaluationError {
    fn from(m: MissingLaw) -> Self {
        Self::MissingLaw(m)
    }
}

/// Evaluates a case with its full worksheet.
pub fn evaluate(
    case: &Case,
    law: &Law,
    params: &SentencingParams,
) -> Result<Evaluation, EvaluationError> {
    let mut worksheet = Worksheet::default();
    let mut evaluation = run(case, law, params, &mut worksheet)?;
    mark_verification(&mut worksheet, case, &evaluation, law);
    evaluation.worksheet = worksheet;
    Ok(evaluation)
}

/// Says on each step how its rule was verified: a Manual rule by its provenance in the
/// edition used, the statute's step by its penalty's.
fn mark_verification(worksheet: &mut Worksheet, case: &Case, e: &Evaluation, law: &Law) {
    let manual = law.manual(e.manual).ok();
    let penalty = law
        .charge(case.charge)
        .ok()
        .and_then(|c| c.penalty_on(case.statute_date()));
    for step in &mut worksheet.steps {
        step.checked = match &step.rule_id {
            Some(id) => manual
                .and_then(|m| m.provenance.get(id))
                .map(|p| p.verified.status),
            None if step.rule == e.statute => penalty.map(|p| p.verified.status),
            None => None,
        };
    }
}

/// Evaluates a case without writing the worksheet: the same numbers, for bulk runs.
pub fn evaluate_quick(
    case: &Case,
    law: &Law,
    params: &SentencingParams,
) -> Result<Evaluation, EvaluationError> {
    run(case, law, params, &mut Silent)
}

/// The figures without the worksheet, and the ids of the rules the worksheet would apply.
pub(crate) fn evaluate_rules(
    case: &Case,
    law: &Law,
    params: &SentencingParams,
) -> Result<(Evaluation, Vec<String>), EvaluationError> {
    let mut rules = RulesApplied::default();
    let evaluation = run(case, law, params, &mut rules)?;
    Ok((evaluation, rules.0))
}

/// The case evaluated under every charge that exists in its era (worksheets omitted), in
/// catalog order: the basis of a charge comparison.
pub fn evaluate_each_charge(case: &Case, law: &Law, params: &SentencingParams) -> Vec<Evaluation> {
    law.charges_on(case.statute_date())
        .filter_map(|charge| {
            let mut variant = case.clone();
            variant.charge = charge.id;
            evaluate_quick(&variant, law, params).ok()
        })
        .collect()
}

fn run<R: Recorder>(
    case: &Case,
    law: &Law,
    params: &SentencingParams,
    rec: &mut R,
) -> Result<Evaluation, EvaluationError> {
    case.validate().map_err(EvaluationError::InvalidCase)?;
    params.validate().map_err(EvaluationError::InvalidParams)?;
    let charge = law.charge(case.charge)?;
    let Some(limits) = charge.penalty_on(case.statute_date()) else {
        return Err(EvaluationError::ChargeUnavailable {
            charge: charge.id,
            era: case.law_era,
            date: case.offense_date,
            source: charge.enacted(),
        });
    };
    let edition = choose_manual(case, law, rec)?;
    rec.step(
        charge.guideline.citation(),
        edition.label(Lang::En),
        (None, None),
        || {
            Message::new("worksheet.guideline_section")
                .with("charge", &charge.name)
                .verbatim("statute", &charge.statute)
                .verbatim("guideline", charge.guideline.citation())
        },
    );

    let chapter_two = chapter_two_level(case, charge, edition, law, rec)?;
    let chapter_five = &law.manual(edition)?.text.chapter_five;
    let adjusted =
        chapter_three::adjust(case, chapter_two, law.chapter_three(edition)?, edition, rec);
    let history = fact(
        case.history_category(),
        "criminal_history",
        CriminalHistory::I,
        "assume.criminal_history",
        rec,
    );
    let adjusted = match &law.manual(edition)?.text.zero_point {
        Some(rule) => chapter_four::zero_point(
            case,
            charge.guideline,
            adjusted,
            history,
            rule,
            edition,
            rec,
        ),
        None => adjusted,
    };
    let offense_level = adjusted.clamp(MIN_LEVEL, MAX_LEVEL);
    if offense_level != adjusted {
        let bounds = &chapter_five.table_bounds;
        rec.step(
            &bounds.cite.section,
            rule_ref(&bounds.id, &bounds.cite, edition),
            (Some(adjusted), Some(offense_level)),
            || Message::new("worksheet.table_bounds"),
        );
    }

    let table_range = guideline_range(offense_level, history);
    rec.step(
        RULE_TABLE,
        rule_ref(&chapter_five.table.id, &chapter_five.table.cite, edition),
        (None, None),
        || {
            Message::new("worksheet.table_cell")
                .with("level", offense_level)
                .verbatim("history", history.roman())
                .with("range", table_range.message())
        },
    );

    let counts = fact(case.counts, "counts", 1, "assume.counts", rec);
    let total_max = limits.max_months.map(|m| m.saturating_mul(counts));
    rec.step(&charge.statute, limits, (None, None), || {
        Message::new("worksheet.statutory_limits")
            .with("min", months_text(Some(limits.min_months)))
            .with("max", months_text(limits.max_months))
    });
    if counts > 1 {
        let consecutive = &chapter_five.consecutive_counts;
        rec.step(
            &consecutive.cite.section,
            rule_ref(&consecutive.id, &consecutive.cite, edition),
            (None, None),
            || {
                Message::new("worksheet.consecutive")
                    .with("counts", counts)
                    .with("max", months_text(total_max))
            },
        );
    }
    let final_range = apply_statutes(
        table_range,
        limits.min_months,
        total_max,
        (chapter_five, edition),
        rec,
    );
    let bands = law.zones(edition)?;
    let zone = zone(final_range, bands);
    rec.step(
        RULE_ZONES,
        rule_ref(&bands.id, &bands.cite, edition),
        (None, None),
        || {
            Message::new("worksheet.zone")
                .with("range", final_range.message())
                .verbatim("zone", zone.to_string())
        },
    );

    let bar = &law.sentencing_statutes;
    let probation_barred = bar.bars_probation(limits.max_months);
    if let Some(class) = probation_barred {
        let cite = &bar.probation_barred.cite;
        rec.step(&cite.section, cite.section.as_str(), (None, None), || {
            Message::new("worksheet.probation_barred")
                .verbatim("class", &class.class)
                .with("max", months_text(limits.max_months))
        });
    }
    let probation_allowed = probation_barred.is_none();
    let expected = expected_sentence(
        final_range,
        zone,
        limits.min_months,
        total_max,
        probation_allowed,
        params,
    );
    rec.step(
        RULE_EXPECTED,
        &params.within_range_share.source,
        (None, None),
        || {
            // Fixed decimals, as the command line has always printed them.
            let one = |v: f64| format!("{v:.1}");
            Message::new("worksheet.expected")
                .verbatim("within", one(expected.share_within * 100.0))
                .verbatim("below", one(expected.share_below * 100.0))
                .verbatim("above", one(expected.share_above * 100.0))
                .verbatim("mean", one(expected.mean))
                .verbatim("median", one(expected.median))
        },
    );

    Ok(Evaluation {
        label: case.label.clone(),
        charge: charge.id,
        statute: charge.statute.clone(),
        law_era: case.law_era,
        manual: edition,
        guideline: charge.guideline,
        offense_level,
        criminal_history_category: history,
        table_range_months: table_range.into(),
        guideline_range_months: final_range.into(),
        zone,
        probation_allowed,
        counts,
        statutory_min_months: limits.min_months,
        statutory_max_months: limits.max_months,
        total_statutory_max_months: total_max,
        expected_sentence_months: expected,
        worksheet: Worksheet::default(),
    })
}

/// The law of an era, or of an offense date when there is one, in words.
pub(crate) fn law_on(era: LawEra, date: Option<Date>) -> Message {
    match date {
        Some(day) => Message::new("law_era.on_date").with("date", Message::date(day)),
        None => era.message(),
    }
}

/// The edition a case is evaluated under (§1B1.11 applied where the dates ask for it); the
/// case's own edition when its law cannot be evaluated.
pub fn manual_used(case: &Case, law: &Law) -> ManualEdition {
    choose_manual(case, law, &mut Silent).unwrap_or_else(|_| case.manual_edition())
}

/// Which Manual the case is evaluated under, said in the worksheet: the one named; the one
/// the era implies; or §1B1.11's choice — the Manual in force at sentencing unless it gives a
/// higher range than the one in force on the offense date, which the ex post facto clause
/// then requires, each applied in its entirety.
fn choose_manual<R: Recorder>(
    case: &Case,
    law: &Law,
    rec: &mut R,
) -> Result<ManualEdition, EvaluationError> {
    if let Some(ManualChoice::Edition(edition)) = case.manual {
        return Ok(edition);
    }
    if !case.manual_by_dates() {
        return Ok(fact(
            None,
            "manual",
            case.law_era.default_manual(),
            "assume.manual",
            rec,
        ));
    }
    let sentencing = fact(
        case.sentencing_date,
        "sentencing_date",
        case.sentencing_day(),
        "assume.sentencing_date",
        rec,
    );
    let at_sentencing = ManualEdition::in_force_on(sentencing);
    let c1 = &law.manual(at_sentencing)?.text.chapter_one;
    let offense = case.offense_date.unwrap_or(sentencing);
    let at_offense = ManualEdition::in_force_on(offense);
    if at_offense >= at_sentencing {
        rec.step(
            &c1.manual_in_effect.cite.section,
            rule_ref(
                &c1.manual_in_effect.id,
                &c1.manual_in_effect.cite,
                at_sentencing,
            ),
            (None, None),
            || {
                Message::new("worksheet.manual_at_sentencing")
                    .verbatim("manual", at_sentencing.label(Lang::En))
                    .with("date", Message::date(sentencing))
            },
        );
        return Ok(at_sentencing);
    }
    // The two Manuals' ranges, each applied whole to the same facts; ranges do not depend
    // on the sentencing parameters.
    let range_under = |edition: ManualEdition| -> Result<MonthRange, EvaluationError> {
        let mut fixed = case.clone();
        fixed.manual = Some(ManualChoice::Edition(edition));
        Ok(run(&fixed, law, SentencingParams::embedded(), &mut Silent)?.guideline_range_months)
    };
    let (later, earlier) = (range_under(at_sentencing)?, range_under(at_offense)?);
    let higher = |a: MonthRange, b: MonthRange| {
        let top = |r: MonthRange| r.max.unwrap_or(u32::MAX);
        (a.min, top(a)) > (b.min, top(b))
    };
    let use_earlier = higher(later, earlier);
    let chosen = if use_earlier {
        at_offense
    } else {
        at_sentencing
    };
    let rule = if use_earlier {
        &c1.ex_post_facto
    } else {
        &c1.manual_in_effect
    };
    rec.step(
        &rule.cite.section,
        rule_ref(&rule.id, &rule.cite, at_sentencing),
        (None, None),
        || {
            Message::new(if use_earlier {
                "worksheet.manual_ex_post_facto"
            } else {
                "worksheet.manual_not_higher"
            })
            .verbatim("later", at_sentencing.label(Lang::En))
            .with("later_range", GuidelineRange::from(later).message())
            .verbatim("earlier", at_offense.label(Lang::En))
            .with("earlier_range", GuidelineRange::from(earlier).message())
        },
    );
    Ok(chosen)
}

pub(crate) fn months_text(months: Option<u32>) -> Message {
    match months {
        None => Message::new("worksheet.months.life"),
        Some(0) => Message::new("worksheet.months.none"),
        Some(m) => Message::new("worksheet.months").with("months", m),
    }
}

/// §5G1.1: the statutory maximum caps the range and a mandatory minimum lifts it.
pub(crate) fn apply_statutes<R: Recorder>(
    range: GuidelineRange,
    minimum: u32,
    maximum: Option<u32>,
    (ch5, edition): (&ChapterFive, ManualEdition),
    rec: &mut R,
) -> GuidelineRange {
    let mut r = range;
    if let Some(max) = maximum {
        if r.min_months > max {
            r = GuidelineRange {
                min_months: max,
                max_months: Some(max),
            };
            let rule = &ch5.maximum_below_range;
            rec.step(
                &rule.cite.section,
                rule_ref(&rule.id, &rule.cite, edition),
                (None, None),
                || Message::new("worksheet.above_statutory_max").with("max", max),
            );
        } else if r.max_months.is_none_or(|m| m > max) {
            r.max_months = Some(max);
            let rule = &ch5.within_limits;
            rec.step(
                &rule.cite.section,
                rule_ref(&rule.id, &rule.cite, edition),
                (None, None),
                || Message::new("worksheet.capped_at_max").with("range", r.message()),
            );
        }
    }
    if minimum > r.min_months {
        if r.max_months.is_some_and(|m| minimum > m) {
            r = GuidelineRange {
                min_months: minimum,
                max_months: Some(minimum),
            };
            let rule = &ch5.minimum_above_range;
            rec.step(
                &rule.cite.section,
                rule_ref(&rule.id, &rule.cite, edition),
                (None, None),
                || Message::new("worksheet.minimum_exceeds_range").with("min", minimum),
            );
        } else {
            r.min_months = minimum;
            let rule = &ch5.within_limits;
            rec.step(
                &rule.cite.section,
                rule_ref(&rule.id, &rule.cite, edition),
                (None, None),
                || Message::new("worksheet.raised_to_min").with("range", r.message()),
            );
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{Recipient, Role};

    fn eval(case: &Case) -> Evaluation {
        evaluate(case, Law::embedded(), SentencingParams::embedded()).unwrap()
    }

    fn range(min: u32, max: Option<u32>) -> MonthRange {
        MonthRange { min, max }
    }

    /// Straw purchaser, April 2011 law, 2010 Manual, 5 guns, plea: 12 + 2 − 2 = 12, CHC I →
    /// 10–16 months, zone C; statutory max 10 years.
    #[test]
    fn worked_straw_purchaser_2010() {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.firearms = Some(5);
        let e = eval(&case);
        assert_eq!(e.offense_level, 12);
        assert_eq!(e.guideline_range_months, range(10, Some(16)));
        assert_eq!(e.zone, Zone::C);
        assert_eq!(e.statutory_max_months, Some(120));
        assert!(e
            .worksheet
            .assumptions
            .iter()
            .any(|a| a.field == "criminal_history"));
        assert!(e.worksheet.assumptions.iter().any(|a| a.field == "manual"));
        assert!(!e
            .worksheet
            .assumptions
            .iter()
            .any(|a| a.field == "firearms"));
    }

    /// 554 smuggler, 15 rifles, 2010 Manual: §2M5.2 26 − 3 = 23 → 46–57 months.
    #[test]
    fn worked_smuggler_2010() {
        let mut case = Case::new(LawEra::April2011, ChargeId::Smuggling554);
        case.firearms = Some(15);
        let e = eval(&case);
        assert_eq!(e.offense_level, 23);
        assert_eq!(e.guideline_range_months, range(46, Some(57)));
    }

    /// 841(b)(1)(A) conspirator, 5 kg cocaine, 2010 Manual: 32 − 3 = 29 → 87–108, below the
    /// 120-month minimum, so the guideline sentence is 120 (§5G1.1(b)).
    #[test]
    fn worked_drug_conspirator_2010() {
        let case = Case::new(LawEra::April2011, ChargeId::DrugConspiracy841b1a);
        let e = eval(&case);
        assert_eq!(e.offense_level, 29);
        assert_eq!(e.table_range_months, range(87, Some(108)));
        assert_eq!(e.guideline_range_months, range(120, Some(120)));
        assert_eq!(e.expected_sentence_months.median, 120.0);
        assert!(e
            .worksheet
            .assumptions
            .iter()
            .any(|a| a.field == "drug_grams"));
    }

    /// A 933 organiser today, 30 guns to a cartel, knowingly bound for Mexico, CHC III:
    /// 14 (933 status) + 6 (25–99) + 5 ((b)(5)(C)) + 4 ((b)(6)(A)) = 29; +4 leader = 33;
    /// −3 = 30 → CHC III 121–151, under the 180-month maximum.
    #[test]
    fn worked_933_organiser_today() {
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.firearms = Some(30);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.mexico_nexus = Some(true);
        case.knew_leaving_us = Some(true);
        case.role = Some(Role::OrganizerLeader);
        case.criminal_history = Some(CriminalHistory::III);
        let e = eval(&case);
        assert_eq!(e.offense_level, 30);
        assert_eq!(e.guideline_range_months, range(121, Some(151)));
    }

    /// §5G1.1(a) and §5G1.2(d): a level-34 false-record case (151–188 at CHC I) against a
    /// 60-month maximum: one count → 60; three counts → up to 180, so 151–180.
    #[test]
    fn statutory_maximum_and_counts() {
        let mut case = Case::new(LawEra::April2011, ChargeId::FalseRecord924a1a);
        case.firearms = Some(200); // 12 + 10 = 22
        case.trafficking_recipient = Some(Recipient::Dangerous); // + 4 = 26
        case.other_felony = Some(true); // + 4 = 30
        case.role = Some(Role::OrganizerLeader); // + 4 = 34
        case.accepts_responsibility = Some(false);
        case.knew_buyer_prohibited = Some(false);
        case.manual = crate::ManualChoice::from_code("2010");
        let e = eval(&case);
        assert_eq!(e.offense_level, 34);
        assert_eq!(e.guideline_range_months, range(60, Some(60)));
        assert!(e.expected_sentence_months.p90 <= 60.0);
        case.counts = Some(3);
        let e = eval(&case);
        assert_eq!(e.total_statutory_max_months, Some(180));
        assert_eq!(e.guideline_range_months, range(151, Some(180)));
    }

    /// The statutes follow the offense date: 933 did not exist in 2021, whatever the era
    /// says; a sentencing before the offense is refused.
    #[test]
    fn the_offense_date_decides_the_statutes() {
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.offense_date = "2021-03-01".parse().ok();
        let err = evaluate(&case, Law::embedded(), SentencingParams::embedded()).unwrap_err();
        assert!(
            matches!(err, EvaluationError::ChargeUnavailable { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("March 1, 2021"), "{err}");
        case.offense_date = "2023-03-01".parse().ok();
        let e = eval(&case);
        assert!(e
            .worksheet
            .assumptions
            .iter()
            .any(|a| a.field == "sentencing_date"));
        case.sentencing_date = "2022-12-31".parse().ok();
        let err = evaluate(&case, Law::embedded(), SentencingParams::embedded()).unwrap_err();
        assert!(matches!(err, EvaluationError::InvalidCase(_)), "{err}");
        // Before the first modelled Manual, an earlier one would apply: refused, in words.
        let mut early = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        early.offense_date = "2009-05-01".parse().ok();
        let err = evaluate(&early, Law::embedded(), SentencingParams::embedded()).unwrap_err();
        assert!(err.to_string().contains("November 1, 2010"), "{err}");
        early.offense_date = "2010-11-01".parse().ok();
        assert_eq!(eval(&early).manual.code(), "2026");
    }

    #[test]
    fn charge_missing_in_era_says_so() {
        let case = Case::new(LawEra::April2011, ChargeId::Trafficking933);
        let err = evaluate(&case, Law::embedded(), SentencingParams::embedded()).unwrap_err();
        assert!(matches!(err, EvaluationError::ChargeUnavailable { .. }));
        assert!(err.to_string().contains("Pub. L. 117-159"), "{err}");
    }

    #[test]
    fn quick_and_full_agree_and_each_charge_covers_the_era() {
        let mut case = Case::new(LawEra::Today, ChargeId::StrawPurchase932);
        case.firearms = Some(6);
        let full = eval(&case);
        let quick = evaluate_quick(&case, Law::embedded(), SentencingParams::embedded()).unwrap();
        assert_eq!(quick.worksheet, Worksheet::default());
        assert_eq!(quick.guideline_range_months, full.guideline_range_months);
        assert_eq!(
            quick.expected_sentence_months,
            full.expected_sentence_months
        );
        let all = evaluate_each_charge(&case, Law::embedded(), SentencingParams::embedded());
        assert_eq!(all.len(), 14);
        let then = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        let all = evaluate_each_charge(&then, Law::embedded(), SentencingParams::embedded());
        assert_eq!(all.len(), 10); // no 932 (two tiers), 933 or the 2018 export-control act
    }

    /// The law is data a scenario can edit: make 933 available in 2011, raise the 922(a)(6)
    /// maximum, change the (b)(5) increase, and the evaluation follows.
    #[test]
    fn edited_law_changes_the_result() {
        let params = SentencingParams::embedded();
        let mut law = Law::embedded().clone();
        let mut case = Case::new(LawEra::April2011, ChargeId::Trafficking933);
        case.firearms = Some(10);
        assert!(evaluate(&case, &law, params).is_err());
        let trafficking = law
            .charges
            .iter_mut()
            .find(|c| c.id == ChargeId::Trafficking933)
            .unwrap();
        let mut then = trafficking.penalties[0].clone();
        then.from = None;
        then.max_months = Some(240);
        trafficking.penalties.insert(0, then);
        let e = evaluate(&case, &law, params).unwrap();
        // 2010 Manual: no 933 status, 12 + 4 (10 guns) = 16; − 2 − 1 = 13 → 12–18.
        assert_eq!(e.offense_level, 13);
        assert_eq!(e.total_statutory_max_months, Some(240));

        let mut straw = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        straw.firearms = Some(10);
        straw.trafficking_recipient = Some(Recipient::Dangerous);
        let before = evaluate(&straw, &law, params).unwrap().offense_level; // 12+4+4 = 20 − 3 = 17
        assert_eq!(before, 17);
        let firearms = &mut law
            .manual_mut(ManualEdition::from_code("2010").unwrap())
            .unwrap()
            .firearms;
        firearms.trafficking_tiers[0].increase = 8;
        assert_eq!(evaluate(&straw, &law, params).unwrap().offense_level, 21);

        law.manuals.clear();
        let err = evaluate(&straw, &law, params).unwrap_err();
        assert!(matches!(err, EvaluationError::MissingLaw(_)), "{err}");
    }
}

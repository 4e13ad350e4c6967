//! The answer first: one case under April 2011 law and under today's law, each with the
//! best charge its facts support, and the difference said in one sentence.

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::edition::ManualChoice;
use crate::evaluate::{EvaluationError, MonthRange};
use crate::i18n::{Message, Text};
use crate::law::{ChargeId, Law, LawEra, MissingLaw};
use crate::prosecution::{compare_charges, ChargeOption};
use crate::{ProsecutionParams, SentencingParams};

/// The case under one era's law: its statutes and the Manual of that time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EraAnswer {
    pub era: LawEra,
    pub manual: String,
    /// The charge (set) with the most prison months per referral the facts support.
    pub best: ChargeOption,
    /// Its short plain name beside the section ("§932, straw purchasing (2022)").
    pub charge_name: Text,
    /// The case's own charge in this era, when it exists and is not the best.
    pub own: Option<ChargeOption>,
}

impl EraAnswer {
    pub fn range(&self) -> MonthRange {
        self.best.guideline_range_months
    }

    /// The median sentence if convicted: what a reader means by "the likely sentence".
    pub fn likely_months(&self) -> f64 {
        self.best.expected_sentence_months.median
    }
}

/// Both eras and the sentence that compares them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EraComparison {
    pub april_2011: EraAnswer,
    pub today: EraAnswer,
    /// "Today this case draws about twice the prison time and is 1.3× likelier to be
    /// taken."
    #[serde(with = "crate::i18n::english")]
    pub summary: Message,
}

/// The short plain names of a charge set, joined as the statutes are (" + ").
pub fn charge_set_name(law: &Law, charges: &[ChargeId]) -> Text {
    let names: Vec<&Text> = charges
        .iter()
        .filter_map(|&id| law.charge(id).ok().map(|c| &c.short_name))
        .collect();
    let join = |pick: fn(&Text) -> &str| names.iter().map(|t| pick(t)).collect::<Vec<_>>();
    Text {
        en: join(|t| &t.en).join(" + "),
        es: join(|t| &t.es).join(" + "),
    }
}

/// The first of the options with the most prison months per referral, ties going to the
/// higher statutory maximum: when several charges give the same range (a cartel buyer's
/// 922(a)(6), 932 and 933 all reach level 24), a prosecutor has no reason to prefer the
/// older, lower-capped one, and the reader asking "what does today's law change" should see
/// the new statute.
fn best_of(options: &[ChargeOption]) -> Option<&ChargeOption> {
    let top = options.first()?.expected_prison_months_per_referral;
    let cap = |o: &ChargeOption| o.total_statutory_max_months.unwrap_or(u32::MAX);
    options
        .iter()
        .take_while(|o| (o.expected_prison_months_per_referral - top).abs() < 1e-9)
        .fold(None, |best: Option<&ChargeOption>, o| match best {
            Some(b) if cap(b) >= cap(o) => Some(b),
            _ => Some(o),
        })
}

/// The case as it would be judged in `era`: that era's statutes and the Manual then in
/// force (Nov. 2010 for April 2011, the newest for today); its own dates and Manual choice
/// are set aside, since they would pin another time.
fn in_era(case: &Case, era: LawEra) -> Case {
    let mut c = case.clone();
    c.law_era = era;
    c.offense_date = None;
    c.sentencing_date = None;
    c.manual = Some(ManualChoice::Edition(era.default_manual()));
    c
}

fn era_answer(
    case: &Case,
    era: LawEra,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<EraAnswer, EvaluationError> {
    let mut c = in_era(case, era);
    let manual = era.default_manual().code().to_string();
    // A charge the era lacks (932 in 2011) cannot anchor the comparison; the first the era
    // has does, and the comparison still ranks every charge the facts support.
    if law
        .charge(c.charge)
        .is_ok_and(|ch| !ch.exists_on(c.statute_date()))
    {
        if let Some(first) = law.charges_on(c.statute_date()).next() {
            c.charge = first.id;
        }
    }
    let options = compare_charges(&c, law, sentencing, prosecution)?.options;
    let best = best_of(&options).cloned().ok_or_else(|| {
        EvaluationError::MissingLaw(MissingLaw(Message::new("output.no_charge_fits")))
    })?;
    let own = (best.charges != [case.charge])
        .then(|| options.iter().find(|o| o.charges == [case.charge]).cloned())
        .flatten();
    Ok(EraAnswer {
        era,
        manual,
        charge_name: charge_set_name(law, &best.charges),
        best,
        own,
    })
}

/// The case under April 2011 law and under today's law.
pub fn era_comparison(
    case: &Case,
    law: &Law,
    sentencing: &SentencingParams,
    prosecution: &ProsecutionParams,
) -> Result<EraComparison, EvaluationError> {
    let april_2011 = era_answer(case, LawEra::April2011, law, sentencing, prosecution)?;
    let today = era_answer(case, LawEra::Today, law, sentencing, prosecution)?;
    let summary = summary(&april_2011, &today);
    Ok(EraComparison {
        april_2011,
        today,
        summary,
    })
}

/// The two eras compared in words: prison time by the likely sentence, and acceptance by
/// how many times likelier.
fn summary(then: &EraAnswer, now: &EraAnswer) -> Message {
    let (before, after) = (then.likely_months(), now.likely_months());
    let time = if before <= 0.0 && after <= 0.0 {
        Message::new("answer.time.none")
    } else if before <= 0.0 {
        Message::new("answer.time.from_none").number("months", after, 0)
    } else {
        let r = after / before;
        if (1.9..=2.1).contains(&r) {
            Message::new("answer.time.twice")
        } else if r > 1.1 {
            Message::new("answer.time.times").number("ratio", r, 1)
        } else if r >= 0.9 {
            Message::new("answer.time.same")
        } else {
            Message::new("answer.time.less").number("ratio", r, 2)
        }
    };
    let (a, b) = (
        then.best.acceptance_probability,
        now.best.acceptance_probability,
    );
    let taken = if a <= 0.0 {
        Message::new("answer.taken.same")
    } else {
        let r = b / a;
        if r >= 1.05 {
            Message::new("answer.taken.likelier").number("ratio", r, 1)
        } else if r <= 0.95 {
            Message::new("answer.taken.less").number("ratio", r, 2)
        } else {
            Message::new("answer.taken.same")
        }
    };
    Message::new("answer.summary")
        .with("time", time)
        .with("taken", taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::ManualEdition;
    use crate::i18n::Lang;
    use crate::law::Recipient;

    fn answer(case: &Case) -> EraComparison {
        era_comparison(
            case,
            Law::embedded(),
            SentencingParams::embedded(),
            ProsecutionParams::embedded(),
        )
        .unwrap()
    }

    /// A straw purchaser of 10 rifles bound for Mexico who knew it and bought for a cartel:
    /// 922(a)(6) in 2011 (932 did not exist), 932(b)(2) today, where the facts make one.
    #[test]
    fn each_era_gets_its_own_best_charge() {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.firearms = Some(10);
        case.mexico_nexus = Some(true);
        case.knew_leaving_us = Some(true);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        let a = answer(&case);
        assert!(a.april_2011.best.charges.iter().all(|c| !matches!(
            c,
            ChargeId::StrawPurchase932
                | ChargeId::StrawPurchase932Felony
                | ChargeId::Trafficking933
        )));
        assert!(
            a.today.best.charges.iter().any(|c| matches!(
                c,
                ChargeId::StrawPurchase932
                    | ChargeId::StrawPurchase932Felony
                    | ChargeId::Trafficking933
            )),
            "{:?}",
            a.today.best.charges
        );
        assert_eq!(a.april_2011.manual, "2010");
        assert_eq!(a.today.manual, ManualEdition::latest().code());
        assert!(a.today.likely_months() > a.april_2011.likely_months());
        assert!(
            a.today.charge_name.en.starts_with('§'),
            "{}",
            a.today.charge_name.en
        );
        // The case's own charge under today's law is kept beside the best, to offer the switch.
        let own = a.today.own.as_ref().expect("922(a)(6) still exists today");
        assert_eq!(own.charges, [ChargeId::StrawPurchase922a6]);
        let words = a.summary.render(Lang::En);
        assert!(words.starts_with("Today this case draws "), "{words}");
        assert!(words.ends_with(" to be taken."), "{words}");
        // Without a known buyer the sentence still rises (amendment 753's export increase,
        // then 819), and so does the chance the referral is taken.
        case.trafficking_recipient = None;
        let words = answer(&case).summary.render(Lang::En);
        assert!(words.contains("× likelier to be taken"), "{words}");
    }

    /// The same case in both eras (the same date and Manual pinned) would read "about the
    /// same"; the card sets both aside so each era is its own law.
    #[test]
    fn the_cases_own_dates_and_manual_do_not_pin_an_era() {
        let mut case = Case::new(LawEra::Today, ChargeId::StrawPurchase932);
        case.firearms = Some(10);
        case.manual = Some(ManualChoice::Edition(ManualEdition::first()));
        let a = answer(&case);
        assert_eq!(a.april_2011.era, LawEra::April2011);
        assert_eq!(a.today.manual, ManualEdition::latest().code());
        assert_eq!(a.april_2011.manual, "2010");
    }

    #[test]
    fn the_summary_says_twice_same_and_less_in_words() {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.firearms = Some(10);
        let mut a = answer(&case);
        let set = |x: &mut EraAnswer, months: f64, p: f64| {
            x.best.expected_sentence_months.median = months;
            x.best.acceptance_probability = p;
        };
        let cases: [(f64, f64, f64, f64, &str); 4] = [
            // 24 / 12 = 2 → "twice"; 0.337 / 0.261 = 1.29 → "1.3×".
            (12.0, 0.261, 24.0, 0.337, "Today this case draws about twice the prison time and is 1.3× likelier to be taken."),
            (12.0, 0.5, 12.5, 0.5, "Today this case draws about the same prison time and is about as likely to be taken."),
            // 30 / 12 = 2.5.
            (12.0, 0.5, 30.0, 0.4, "Today this case draws about 2.5 times the prison time and is less likely to be taken (0.8× as likely)."),
            (0.0, 0.2, 6.0, 0.2, "Today this case draws a likely sentence of 6 months, where in April 2011 it drew no prison, and is about as likely to be taken."),
        ];
        for (m0, p0, m1, p1, expected) in cases {
            set(&mut a.april_2011, m0, p0);
            set(&mut a.today, m1, p1);
            assert_eq!(summary(&a.april_2011, &a.today).render(Lang::En), expected);
        }
    }
}

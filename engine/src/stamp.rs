//! The stamp every exported file carries: which engine, which Manual, which day's statutes,
//! which law data and which seed produced its figures, so a file read months later can be
//! reproduced or told apart from one made under other law.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::caseload::Caseload;
use crate::i18n::{Lang, Message};
use crate::law::{Date, Law};

/// What produced a set of figures. Dates are written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// The version of the Threshold engine that computed the figures.
    pub engine_version: String,
    /// The day the Guidelines Manual edition applied took effect.
    pub manual: Date,
    /// The day whose statutes the case is judged by: its offense date, or its era's day.
    pub statutes_on: Date,
    /// The day the embedded statutes and Manuals are entered as of.
    pub law_as_of: Date,
    /// The Monte Carlo seed of the view; figures without randomness carry the caseload's
    /// seed all the same, so a file names the seed that reproduces the view it came from.
    pub seed: u64,
    /// A caseload whose referrals are not all judged under one Manual and one day's
    /// statutes (an imported file mixing eras or dates): `manual` and `statutes_on` are then
    /// those of the most referrals. Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub referrals_differ: bool,
}

impl Stamp {
    /// The stamp of one case's figures: the Manual §1B1.11 (or the case) chooses, and the
    /// statutes of its offense date or era.
    pub fn for_case(case: &Case, law: &Law, seed: u64) -> Stamp {
        Stamp {
            engine_version: crate::VERSION.to_string(),
            manual: crate::evaluate::manual_used(case, law).effective(),
            statutes_on: case.statute_date(),
            law_as_of: crate::edition::law_as_of(),
            seed,
            referrals_differ: false,
        }
    }

    /// The stamp of a caseload projection. A projection compares the status quo with a
    /// proposal, and a proposal may move the Manual or the statutes itself; the proposal's
    /// own column names that change, so the stamp describes the referrals as they are,
    /// under the status quo. Referrals from the population share one era; an imported file
    /// may mix eras and offense dates, and then no single Manual is true of all of them:
    /// the stamp names the Manual and the statutes of the most referrals and says they
    /// differ, rather than pick one silently (on a tie, the later day).
    pub fn for_caseload(caseload: &Caseload, law: &Law, seed: u64) -> Stamp {
        let mut manuals: BTreeMap<Date, usize> = BTreeMap::new();
        let mut statutes: BTreeMap<Date, usize> = BTreeMap::new();
        for referral in &caseload.referrals {
            let one = Stamp::for_case(&referral.case, law, seed);
            *manuals.entry(one.manual).or_default() += 1;
            *statutes.entry(one.statutes_on).or_default() += 1;
        }
        // An empty caseload cannot be built (`Caseload::from_cases` refuses it); the era of
        // the population stands in should one ever be.
        let fallback = crate::caseload::ReferralPopulation::embedded().law_era;
        let most = |counts: &BTreeMap<Date, usize>| {
            counts.iter().max_by_key(|(_, n)| **n).map(|(day, _)| *day)
        };
        Stamp {
            engine_version: crate::VERSION.to_string(),
            manual: most(&manuals).unwrap_or(fallback.default_manual().effective()),
            statutes_on: most(&statutes).unwrap_or(fallback.date()),
            law_as_of: crate::edition::law_as_of(),
            seed,
            referrals_differ: manuals.len() > 1 || statutes.len() > 1,
        }
    }

    /// The stamp in words, for a page footer or a printed brief.
    pub fn message(&self) -> Message {
        let key = if self.referrals_differ {
            "stamp.line.most_referrals"
        } else {
            "stamp.line"
        };
        Message::new(key)
            .verbatim("version", self.engine_version.clone())
            .with("manual", Message::date(self.manual))
            .with("statutes", Message::date(self.statutes_on))
            .with("law", Message::date(self.law_as_of))
            // A seed is a name to type back in, never a quantity: no thousands separator.
            .verbatim("seed", self.seed.to_string())
    }

    /// [`Stamp::message`] rendered in `lang`.
    pub fn line(&self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

/// Figures written to JSON with their stamp beside them: the figures' own fields, in their
/// order, then `"stamp": {…}`. For files a person reads; nothing reads the stamp back.
#[derive(Serialize)]
pub struct Stamped<'a, T: Serialize> {
    #[serde(flatten)]
    pub figures: &'a T,
    pub stamp: &'a Stamp,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caseload::DEFAULT_SEED;
    use crate::{ChargeId, LawEra, ManualEdition};

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn april_2011() -> Case {
        Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6)
    }

    #[test]
    fn a_2011_case_is_judged_by_the_2010_manual_and_april_2011_statutes() {
        let stamp = Stamp::for_case(&april_2011(), Law::embedded(), 7);
        assert_eq!(stamp.manual, day("2010-11-01"));
        assert_eq!(stamp.statutes_on, day("2011-04-01"));
        assert_eq!(stamp.law_as_of, crate::edition::law_as_of());
        assert_eq!(
            (stamp.seed, stamp.engine_version.as_str()),
            (7, crate::VERSION)
        );
    }

    #[test]
    fn todays_case_has_the_newest_manual_and_an_offense_date_sets_the_statutes() {
        let today = Case::new(LawEra::Today, ChargeId::Trafficking933);
        let stamp = Stamp::for_case(&today, Law::embedded(), DEFAULT_SEED);
        assert_eq!(stamp.manual, ManualEdition::latest().effective());
        assert_eq!(stamp.statutes_on, crate::edition::law_as_of());

        let mut dated = april_2011();
        dated.offense_date = Some(day("2013-06-15"));
        dated.sentencing_date = Some(day("2014-02-03"));
        let stamp = Stamp::for_case(&dated, Law::embedded(), DEFAULT_SEED);
        assert_eq!(stamp.statutes_on, day("2013-06-15"));
        assert_eq!(
            stamp.manual,
            crate::evaluate::manual_used(&dated, Law::embedded()).effective()
        );
    }

    #[test]
    fn it_writes_iso_days_and_reads_back() {
        let stamp = Stamp::for_case(&april_2011(), Law::embedded(), 2011);
        let json = serde_json::to_value(&stamp).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "engine_version": crate::VERSION,
                "manual": "2010-11-01",
                "statutes_on": "2011-04-01",
                "law_as_of": crate::edition::law_as_of().to_string(),
                "seed": 2011,
            })
        );
        assert_eq!(serde_json::from_value::<Stamp>(json).unwrap(), stamp);
    }

    #[test]
    fn stamped_figures_keep_their_fields_and_add_the_stamp_last() {
        let stamp = Stamp::for_case(&april_2011(), Law::embedded(), 1);
        let case = april_2011();
        let text = serde_json::to_string(&Stamped {
            figures: &case,
            stamp: &stamp,
        })
        .unwrap();
        let plain = serde_json::to_string(&case).unwrap();
        assert!(text.starts_with(&plain[..plain.len() - 1]), "{text}");
        assert!(text.ends_with(&format!(
            ",\"stamp\":{}}}",
            serde_json::to_string(&stamp).unwrap()
        )));
    }

    #[test]
    fn it_reads_as_a_sentence_in_both_languages() {
        let stamp = Stamp {
            engine_version: "0.1.0".into(),
            manual: day("2010-11-01"),
            statutes_on: day("2011-04-01"),
            law_as_of: day("2026-12-01"),
            seed: 20110,
            referrals_differ: false,
        };
        assert_eq!(
            stamp.line(Lang::En),
            "Threshold engine 0.1.0 · Guidelines Manual of November 1, 2010 · statutes in \
             force on April 1, 2011 · law entered as of December 1, 2026 · seed 20110"
        );
        assert_eq!(
            stamp.line(Lang::Es),
            "Motor de Threshold 0.1.0 · Manual de las Directrices del 1 de noviembre de 2010 · \
             leyes vigentes el 1 de abril de 2011 · ley registrada al 1 de diciembre de 2026 · \
             semilla 20110"
        );
        let mixed = Stamp {
            referrals_differ: true,
            ..stamp
        };
        for lang in Lang::ALL {
            let line = mixed.line(lang);
            assert!(line.contains("2011") && !line.contains('_'), "{line}");
        }
        assert!(mixed.line(Lang::En).contains("most referrals"));
    }

    #[test]
    fn the_population_is_one_era_and_a_mixed_file_says_so() {
        let law = Law::embedded();
        let population = Caseload::default_population();
        let stamp = Stamp::for_caseload(&population, law, 5);
        let era = crate::caseload::ReferralPopulation::embedded().law_era;
        assert_eq!(stamp.manual, era.default_manual().effective());
        assert_eq!(stamp.statutes_on, era.date());
        assert!(!stamp.referrals_differ);
        assert_eq!(stamp.seed, 5);

        let today = Case::new(LawEra::Today, ChargeId::Trafficking933);
        let cases = vec![april_2011(), today.clone(), today];
        let mixed = Stamp::for_caseload(&Caseload::from_cases(cases, "x").unwrap(), law, 5);
        assert!(mixed.referrals_differ);
        assert_eq!(mixed.manual, ManualEdition::latest().effective());
        let json = serde_json::to_value(&mixed).unwrap();
        assert_eq!(json["referrals_differ"], true);
    }
}

//! Invariants of the evaluation over arbitrary cases: monotone in firearms and criminal
//! history, always within the statutes, probabilities in [0, 1], and no input panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use threshold_engine::{
    evaluate, evaluate_quick, Case, ChargeId, CriminalHistory, EvaluationError, Law, LawEra,
    ManualEdition, Recipient, Role, SentencingOverrides, SentencingParams,
};

fn option<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)].boxed()
}

fn case_strategy() -> impl Strategy<Value = Case> {
    let core = (
        prop::sample::select(LawEra::ALL.to_vec()),
        option(prop::sample::select(ManualEdition::ALL.to_vec())),
        prop::sample::select(ChargeId::ALL.to_vec()),
        option(1u32..=5),
        option(prop::sample::select(CriminalHistory::ALL.to_vec())),
        option(0u32..=400),
        option(0u8..=3),
        option(prop::sample::select(vec![
            Recipient::None,
            Recipient::ProhibitedPerson,
            Recipient::Dangerous,
        ])),
        option(prop::sample::select(vec![
            Role::None,
            Role::OrganizerLeader,
            Role::ManagerSupervisor,
            Role::OrganizerSmall,
            Role::Minor,
            Role::MinorMinimal,
            Role::Minimal,
        ])),
    );
    let flags = (
        prop::array::uniform12(option(any::<bool>())),
        option(0u32..=2_000),
        option(0.0f64..200_000.0),
        option(0.0f64..=1.0),
    );
    (core, flags).prop_map(
        |(
            (era, manual, charge, counts, history, firearms, priors, recipient, role),
            (b, rounds, grams, strength),
        )| {
            let mut c = Case::new(era, charge);
            c.manual = manual;
            c.counts = counts;
            c.criminal_history = history;
            c.firearms = firearms;
            c.prior_violent_or_drug_felonies = priors;
            c.trafficking_recipient = recipient;
            c.role = role;
            c.prohibited_person = b[0];
            c.large_capacity_semiautomatic = b[1];
            c.nfa_weapon = b[2];
            c.knew_buyer_prohibited = b[3];
            c.stolen_firearm = b[4];
            c.altered_serial = b[5];
            c.mexico_nexus = b[6];
            c.other_felony = b[7];
            c.fully_automatic = b[8];
            c.accepts_responsibility = b[9];
            c.government_motion = b[10];
            c.crime_gun_recovered = b[11];
            c.ammunition_rounds = rounds;
            c.drug_grams = grams;
            c.evidence_strength = strength;
            c
        },
    )
}

fn quick(case: &Case) -> Result<threshold_engine::Evaluation, EvaluationError> {
    evaluate_quick(case, Law::embedded(), SentencingParams::embedded())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn more_firearms_never_lowers_the_offense_level(case in case_strategy(), extra in 1u32..300) {
        let Ok(before) = quick(&case) else { return Ok(()) };
        let mut more = case.clone();
        more.firearms = Some(case.firearms.unwrap_or(1) + extra);
        let after = quick(&more).unwrap();
        prop_assert!(after.offense_level >= before.offense_level,
            "{} → {}", before.offense_level, after.offense_level);
    }

    #[test]
    fn range_stays_within_the_statutes(case in case_strategy()) {
        let Ok(e) = quick(&case) else { return Ok(()) };
        let r = e.guideline_range_months;
        prop_assert!(r.min >= e.statutory_min_months);
        if let Some(max) = e.total_statutory_max_months {
            prop_assert!(r.min <= max);
            prop_assert!(r.max.is_some_and(|m| m <= max));
        }
        if let Some(m) = r.max { prop_assert!(m >= r.min); }
        let x = e.expected_sentence_months;
        prop_assert!(x.p10 >= f64::from(e.statutory_min_months) - 1e-9);
        if let Some(max) = e.total_statutory_max_months {
            prop_assert!(x.p90 <= f64::from(max) + 1e-9);
            prop_assert!(x.mean <= f64::from(max) + 1e-9);
        }
        prop_assert!(x.p10 <= x.median + 1e-9 && x.median <= x.p90 + 1e-9);
    }

    #[test]
    fn higher_criminal_history_never_lowers_the_range(case in case_strategy()) {
        let mut previous: Option<(u32, u32)> = None;
        for history in CriminalHistory::ALL {
            let mut c = case.clone();
            c.criminal_history = Some(history);
            let Ok(e) = quick(&c) else { return Ok(()) };
            let r = e.guideline_range_months;
            let here = (r.min, r.max.unwrap_or(u32::MAX));
            if let Some(prev) = previous {
                prop_assert!(here.0 >= prev.0 && here.1 >= prev.1, "{prev:?} → {here:?}");
            }
            previous = Some(here);
        }
    }

    #[test]
    fn every_probability_is_within_0_and_1(
        case in case_strategy(),
        within in option(0.0f64..=1.0),
        at_min in option(0.0f64..=1.0),
        zone_a in option(0.0f64..=1.0),
        zone_b in option(0.0f64..=1.0),
    ) {
        let overrides = SentencingOverrides {
            within_range_share: within,
            above_range_share: within.map(|w| (1.0 - w) / 4.0),
            within_at_minimum_share: at_min,
            probation_share_zone_a: zone_a,
            probation_share_zone_b: zone_b,
            ..Default::default()
        };
        let params = SentencingParams::embedded().with_overrides(&overrides).unwrap();
        let Ok(e) = evaluate(&case, Law::embedded(), &params) else { return Ok(()) };
        let x = e.expected_sentence_months;
        for p in [x.p_any_prison, x.p_at_least_12_months, x.p_probation,
                  x.share_within, x.share_below, x.share_above] {
            prop_assert!((0.0..=1.0).contains(&p), "{p} in {x:?}");
        }
        prop_assert!((x.share_within + x.share_below + x.share_above - 1.0).abs() < 1e-9);
    }

    #[test]
    fn no_input_panics(text in ".{0,200}") {
        let _ = Case::from_json(&text);
        let _ = threshold_engine::batch::cases_from_csv(&text);
    }

    #[test]
    fn no_facts_panic(
        case in case_strategy(),
        firearms in any::<u32>(),
        counts in any::<u32>(),
        priors in any::<u8>(),
        rounds in any::<u32>(),
        grams in any::<f64>(),
        strength in any::<f64>(),
    ) {
        let mut c = case;
        c.firearms = Some(firearms);
        c.counts = Some(counts);
        c.prior_violent_or_drug_felonies = Some(priors);
        c.ammunition_rounds = Some(rounds);
        c.drug_grams = Some(grams);
        c.evidence_strength = Some(strength);
        if let Ok(e) = evaluate(&c, Law::embedded(), SentencingParams::embedded()) {
            prop_assert!((1..=43).contains(&e.offense_level));
        }
    }

    #[test]
    fn no_json_case_panics(
        era in "[a-z_0-9]{0,12}",
        charge in "[a-z_0-9]{0,30}",
        firearms in any::<i64>(),
        grams in any::<f64>(),
    ) {
        let text = format!(
            r#"{{"law_era":"{era}","charge":"{charge}","firearms":{firearms},"drug_grams":{}}}"#,
            if grams.is_finite() { grams.to_string() } else { "1".into() }
        );
        if let Ok(case) = Case::from_json(&text) {
            let _ = quick(&case);
        }
    }
}

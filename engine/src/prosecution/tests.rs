//! Unit tests of the prosecution model: hand arithmetic at default parameters, the
//! threshold behaviour, charge sets and the calibration against REFERENCE §3.

use super::calibration::*;
use super::*;
use crate::law::{ChargeId, Law, LawEra};
use crate::{Case, SentencingParams};

fn defaults() -> (
    &'static Law,
    &'static SentencingParams,
    &'static ProsecutionParams,
) {
    (
        Law::embedded(),
        SentencingParams::embedded(),
        ProsecutionParams::embedded(),
    )
}

/// A lone straw purchaser under the 2010 Manual and April 2011 law, pleading guilty.
fn straw(firearms: u32) -> Case {
    let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    case.manual = crate::ManualChoice::from_code("2010");
    case.firearms = Some(firearms);
    case
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn embedded_params_are_valid_sourced_and_explained() {
    let p: ProsecutionParams = serde_json::from_str(PARAMS_JSON).unwrap();
    p.validate().unwrap();
    assert_eq!(p.fields().len(), 17);
    for (name, param) in p.fields() {
        assert!(!param.source.en.is_empty(), "{name} has no source");
        assert!(
            param
                .meaning
                .as_ref()
                .is_some_and(|m| m.en.len() > 20 && m.is_complete()),
            "{name} has no meaning"
        );
        let (low, high) = (param.low.unwrap(), param.high.unwrap());
        assert!(
            low <= param.value && param.value <= high,
            "{name}: {} outside {low}–{high}",
            param.value
        );
        if param.assumption {
            assert!(param.source.en.starts_with("Assumption"), "{name}");
            assert!(param.source.es.starts_with("Supuesto"), "{name}");
        }
    }
}

/// 3 guns, 2010 Manual: level 12 + 2 − 2 = 12 → 10–16, mean 9.584 months (imposed.rs).
/// logit = −7.1 + ln(1 + 9.584/12) + ln(1 + 3) + 5.0 × 0.5
///       = −7.1 + 0.58705 + 1.38629 + 2.5 = −2.62666 → P(accept) = 0.06744.
/// Shortfalls against the reference case (60 months, 20 guns, every fact):
///   penalty: (ln 6 − 0.58705) + (ln 21 − ln 4) + 1.2 + 0.5 + 0.5 + 0.3 = 5.36294
///   weak evidence 5.0 × 0.5 = 2.5; no intent 2.0; other 4.5; total 14.36294.
/// P(decline) 0.93256 × 5.36294 / 14.36294 = 0.34821 low penalty, and so on.
#[test]
fn lone_straw_purchaser_of_three_guns_is_likely_declined() {
    let (law, sp, pp) = defaults();
    let a = assess(&straw(3), law, sp, pp).unwrap();
    let o = &a.option;
    assert!(close(o.expected_months_if_convicted, 9.584, 1e-3));
    assert!(close(o.acceptance_probability, 0.06744, 1e-4), "{o:?}");
    let r = o.decline_reasons;
    assert!(close(r.total(), 1.0 - o.acceptance_probability, 1e-12));
    assert!(close(r.low_penalty, 0.34821, 1e-4), "{r:?}");
    assert!(close(r.weak_evidence, 0.93256 * 2.5 / 14.36294, 1e-4));
    assert!(close(r.no_intent_evidence, 0.93256 * 2.0 / 14.36294, 1e-4));
    assert!(close(r.other, 0.93256 * 4.5 / 14.36294, 1e-4));
    assert!(o.acceptance_probability < 0.5);
}

/// 20 guns, crime gun, evidence 0.9: level 12 + 4 = 16, − 3 = 13 → 12–18, mean 11.287.
/// logit = −7.1 + ln(1 + 11.287/12) + ln 21 + 1.2 + 5.0 × 0.9
///       = −7.1 + 0.66300 + 3.04452 + 1.2 + 4.5 = 2.30752 → P(accept) = 0.90949.
/// Conviction (plea): logit 1.44 + 2.0 × 0.9 = 3.24 → 0.96231.
#[test]
fn twenty_guns_with_a_crime_gun_and_strong_evidence_is_likely_accepted() {
    let (law, sp, pp) = defaults();
    let mut case = straw(20);
    case.crime_gun_recovered = Some(true);
    case.evidence_strength = Some(0.9);
    let o = assess(&case, law, sp, pp).unwrap().option;
    assert!(close(o.acceptance_probability, 0.90949, 1e-4), "{o:?}");
    assert!(close(o.conviction_probability, 0.96231, 1e-4));
    let per_referral = 0.90949 * 0.96231 * 11.2872;
    assert!(close(
        o.expected_prison_months_per_referral,
        per_referral,
        1e-2
    ));
}

/// Conviction at evidence 0.5: plea 1.44 + 1.0 = 2.44 → 0.91988 (Pew: ~92% of federal
/// defendants convicted); trial 2.44 − 0.86 = 1.58 → 0.82920 (Pew: 83% of trials);
/// export charge with a plea 2.44 − 0.5 = 1.94 → 0.87435.
#[test]
fn conviction_table() {
    let pp = ProsecutionParams::embedded();
    let mut facts = ProsecutionFacts::of(&straw(5), pp);
    let rows = [
        (true, false, 0.91988),
        (false, false, 0.82920),
        (true, true, 0.87435),
    ];
    for (plea, export, expected) in rows {
        facts.plea = plea;
        let p = conviction_probability(&facts, export, pp);
        assert!(close(p, expected, 1e-4), "{plea} {export}: {p}");
    }
}

/// Charge set: straw purchase + 554, 20 guns, 2010 Manual. 554 alone: §2M5.2 26 − 3 = 23 →
/// 46–57, mean 41.13 (README). Conviction: straw 0.91988, 554 0.87435 (same evidence,
/// counts perfectly correlated). Months if convicted = [0.87435 × E(both) +
/// (0.91988 − 0.87435) × E(straw alone)] / 0.91988 = (0.87435 × 41.13 + 0.04553 × 11.287)
/// / 0.91988 = 39.65.
#[test]
fn straw_purchase_with_smuggling_falls_back_on_the_straw_count() {
    let (law, sp, pp) = defaults();
    let mut case = straw(20);
    case.ice_joint_investigation = Some(true);
    case.mexico_nexus = Some(true);
    let set = [ChargeId::StrawPurchase922a6, ChargeId::Smuggling554];
    let o = assess_charge_set(&case, &set, law, sp, pp).unwrap().option;
    assert_eq!(o.offense_level, 23);
    assert_eq!(o.total_statutory_max_months, Some(240));
    assert!(close(o.conviction_probability, 0.91988, 1e-4));
    let e554 = o.expected_sentence_months.mean;
    assert!(close(e554, 41.13, 0.01), "{e554}");
    let facts = ProsecutionFacts::of(&case, pp);
    let (p_straw, p_554) = (
        conviction_probability(&facts, false, pp),
        conviction_probability(&facts, true, pp),
    );
    let expected = (p_554 * e554 + (p_straw - p_554) * 11.2872) / p_straw;
    assert!(close(expected, 39.65, 0.01), "{expected}");
    assert!(close(o.expected_months_if_convicted, expected, 1e-3));
    // The order of the charges does not matter, nor does a repeated charge.
    let reversed = [ChargeId::Smuggling554, ChargeId::StrawPurchase922a6];
    let r = assess_charge_set(&case, &reversed, law, sp, pp)
        .unwrap()
        .option;
    assert_eq!(
        r.expected_months_if_convicted,
        o.expected_months_if_convicted
    );
    let twice = [set[0], set[1], set[1]];
    let t = assess_charge_set(&case, &twice, law, sp, pp)
        .unwrap()
        .option;
    assert_eq!(t.total_statutory_max_months, Some(240));
    assert!(assess_charge_set(&case, &[], law, sp, pp).is_err());
}

/// A single-charge option reproduces the sentencing engine's own figures.
#[test]
fn one_charge_option_matches_evaluate() {
    let (law, sp, pp) = defaults();
    for charge in ChargeId::ALL {
        let mut case = Case::new(LawEra::Today, charge);
        case.firearms = Some(30);
        case.counts = Some(2);
        let e = crate::evaluate_quick(&case, law, sp).unwrap();
        let o = assess(&case, law, sp, pp).unwrap().option;
        assert_eq!(
            o.guideline_range_months, e.guideline_range_months,
            "{charge}"
        );
        assert_eq!(o.total_statutory_max_months, e.total_statutory_max_months);
        assert_eq!(o.expected_sentence_months, e.expected_sentence_months);
        assert!(close(
            o.expected_months_if_convicted,
            e.expected_sentence_months.mean,
            1e-9
        ));
    }
}

#[test]
fn comparison_ranks_by_months_per_referral_and_explains_omissions() {
    let (law, sp, pp) = defaults();
    let mut case = straw(12);
    case.crime_gun_recovered = Some(true);
    let atf = compare_charges(&case, law, sp, pp).unwrap();
    // April 2011: no 932/933; no export, drug, 922(g) or 922(d) without their facts.
    let listed: Vec<_> = atf.options.iter().map(|o| o.charges.clone()).collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(atf
        .not_considered
        .iter()
        .any(|n| n.charges == [ChargeId::Smuggling554] && n.reason.to_string().contains("ICE")));
    case.ice_joint_investigation = Some(true);
    case.mexico_nexus = Some(true);
    let joint = compare_charges(&case, law, sp, pp).unwrap();
    assert_eq!(joint.options.len(), 7);
    assert_eq!(
        joint.options[0].charges,
        [ChargeId::StrawPurchase922a6, ChargeId::Smuggling554]
    );
    for pair in joint.options.windows(2) {
        assert!(
            pair[0].expected_prison_months_per_referral
                >= pair[1].expected_prison_months_per_referral
        );
    }
    for o in &joint.options {
        let product =
            o.acceptance_probability * o.conviction_probability * o.expected_months_if_convicted;
        assert!(close(o.expected_prison_months_per_referral, product, 1e-12));
    }
    // The user's own charge is always there, even one the facts would not suggest.
    let mut own = case.clone();
    own.charge = ChargeId::ProhibitedPossession922g;
    let c = compare_charges(&own, law, sp, pp).unwrap();
    assert!(c
        .options
        .iter()
        .any(|o| o.charges == [ChargeId::ProhibitedPossession922g]));
}

/// The threshold case crosses 50% at 15 guns. At 14 guns the logit is
/// −7.1 + ln(1 + 11.287/12) + ln 15 + 1.2 + 2.5 = −7.1 + 0.66300 + 2.70805 + 3.7 = −0.02895
/// (P 0.4928); at 15, ln 16 = 2.77259 instead gives +0.03559 (P 0.5089). Doubling every
/// sentence makes the sentence term ln(1 + 22.574/12) = 1.05820, so the threshold is the
/// first n with ln(1 + n) ≥ 7.1 − 1.05820 − 3.7 = 2.34180: n = 10 (ln 11 = 2.39790).
#[test]
fn firearms_threshold_and_penalty_changes() {
    let (law, sp, pp) = defaults();
    let mut case = straw(3);
    case.crime_gun_recovered = Some(true);
    let t = firearms_threshold(&case, &[case.charge], law, sp, pp).unwrap();
    assert_eq!(t.firearms, Some(15));
    assert!(close(t.acceptance_at_threshold.unwrap(), 0.5089, 1e-4));
    let at = |scale: f64| {
        t.by_penalty_scale
            .iter()
            .find(|s| s.penalty_scale == scale)
            .unwrap()
            .firearms
    };
    // The README's figures: 20, 15, 12, 10 and 7 firearms.
    let scaled: Vec<_> = super::compare::PENALTY_SCALES
        .iter()
        .map(|&s| at(s))
        .collect();
    assert_eq!(scaled, [Some(20), Some(15), Some(12), Some(10), Some(7)]);
    let mut no_crime_gun = case.clone();
    no_crime_gun.crime_gun_recovered = Some(false);
    let t = firearms_threshold(&no_crime_gun, &[case.charge], law, sp, pp).unwrap();
    assert!(t.firearms.unwrap() > 20);
    // With the firearms weight at zero, guns act only through the sentence: 10,000 guns
    // give level 12 + 10 − 3 = 19, 30–37 months, logit about −3.4: never 50%.
    let mut flat = pp.clone();
    flat.firearms_weight.value = 0.0;
    let t = firearms_threshold(&no_crime_gun, &[case.charge], law, sp, &flat).unwrap();
    assert_eq!(t.firearms, None);
    assert!(t.acceptance_at_threshold.is_none());
}

#[test]
fn overrides_apply_are_checked_and_reset() {
    let base = ProsecutionParams::embedded();
    let o: ProsecutionOverrides =
        serde_json::from_str(r#"{"crime_gun_weight": 2.5, "acceptance_intercept": -6}"#).unwrap();
    let p = base.with_overrides(&o).unwrap();
    assert_eq!(p.crime_gun_weight.value, 2.5);
    assert!(p.crime_gun_weight.assumption);
    assert_eq!(p.crime_gun_weight.meaning, base.crime_gun_weight.meaning);
    assert_eq!(p.acceptance_intercept.value, -6.0);
    assert_eq!(
        base.with_overrides(&ProsecutionOverrides::default())
            .unwrap(),
        *base
    );
    for bad in [
        r#"{"crime_gun_weight": -1}"#,
        r#"{"assumed_evidence_strength": 1.5}"#,
        r#"{"reference_sentence_months": 0}"#,
    ] {
        let o: ProsecutionOverrides = serde_json::from_str(bad).unwrap();
        let err = base.with_overrides(&o).unwrap_err();
        let field = bad.split('"').nth(1).unwrap();
        assert!(err.to_string().contains(field), "{err}");
    }
    assert!(serde_json::from_str::<ProsecutionOverrides>(r#"{"crime_gun": 1}"#).is_err());
    let mut nan = base.clone();
    nan.sentence_weight.value = f64::NAN;
    let (law, sp) = (Law::embedded(), SentencingParams::embedded());
    let err = assess(&straw(3), law, sp, &nan).unwrap_err();
    assert!(err.to_string().contains("sentence_weight"));
}

/// No dead parameters: each one moves some figure of a few contrasting cases.
#[test]
fn every_parameter_matters() {
    let (law, sp, base) = defaults();
    let mut joint = straw(12);
    joint.ice_joint_investigation = Some(true);
    joint.mexico_nexus = Some(true);
    joint.crime_gun_recovered = Some(true);
    joint.role = Some(crate::Role::OrganizerLeader);
    joint.trafficking_recipient = Some(crate::Recipient::ProhibitedPerson);
    let mut bare = straw(3);
    bare.accepts_responsibility = Some(false);
    let figures = |p: &ProsecutionParams| {
        let mut out = Vec::new();
        for case in [&joint, &bare] {
            let o = assess_charge_set(
                case,
                &[ChargeId::StrawPurchase922a6, ChargeId::Smuggling554],
                law,
                sp,
                p,
            )
            .unwrap()
            .option;
            let r = o.decline_reasons;
            out.extend([
                o.acceptance_probability,
                o.conviction_probability,
                r.low_penalty,
                r.weak_evidence,
                r.no_intent_evidence,
                r.other,
            ]);
        }
        out
    };
    let reference = figures(base);
    for (name, param) in base.fields() {
        let mut value = serde_json::Map::new();
        let changed = if name == "assumed_evidence_strength" {
            0.8
        } else {
            param.value * 1.5 + 0.1
        };
        value.insert(name.into(), changed.into());
        let o: ProsecutionOverrides = serde_json::from_value(value.into()).unwrap();
        let p = base.with_overrides(&o).unwrap();
        assert_ne!(figures(&p), reference, "{name} changes nothing");
    }
}

#[test]
fn calibration_meets_every_target() {
    let (law, sp, pp) = defaults();
    let data = CalibrationData::embedded();
    let c = calibrate_prosecution(law, sp, pp, data).unwrap();
    let rows = calibration_checks(&c, data);
    assert_eq!(rows.len(), 7);
    for row in &rows {
        assert!(row.passes, "{row:?}");
    }
    assert!(close(c.reason_shares.total(), 1.0, 1e-9));
    let weights: f64 = data.referral_mix.cases().iter().map(|(_, w)| w).sum();
    assert!(close(weights, 1.0, 1e-9));
}

/// The intercept's stated range is the one that moves the mix across TRAC's district range.
#[test]
fn intercept_range_spans_the_district_decline_rates() {
    let (law, sp, pp) = defaults();
    let data = CalibrationData::embedded();
    let rate = |a0: f64| {
        let mut p = pp.clone();
        p.acceptance_intercept.value = a0;
        calibrate_prosecution(law, sp, &p, data)
            .unwrap()
            .decline_rate
    };
    let range = &data.district_decline_rate;
    assert!(close(
        rate(pp.acceptance_intercept.low.unwrap()),
        range.high,
        0.01
    ));
    assert!(close(
        rate(pp.acceptance_intercept.high.unwrap()),
        range.low,
        0.01
    ));
}

/// The README shows what the commands print, not a stale copy.
#[test]
fn readme_shows_the_commands_output() {
    let (law, sp, pp) = defaults();
    let data = CalibrationData::embedded();
    let readme = include_str!("../../README.md");
    let c = calibrate_prosecution(law, sp, pp, data).unwrap();
    let checks = calibration_markdown(&calibration_checks(&c, data));
    assert!(
        readme.contains(&checks),
        "engine/README.md: paste the output of `threshold calibrate-prosecution`"
    );
    assert!(
        readme.contains(&parameter_markdown(pp)),
        "engine/README.md: paste the output of `threshold params`"
    );
    for (_, comparison) in typical_comparisons(law, sp, pp, data).unwrap() {
        let table = compare::comparison_markdown(&comparison);
        assert!(
            readme.contains(&table),
            "engine/README.md: paste `threshold compare --format table` for the typical cases:\n{table}"
        );
    }
}

#[test]
fn overrides_set_and_get_every_parameter_by_name() {
    let params = ProsecutionParams::embedded();
    for (name, param) in params.fields() {
        let mut overrides = ProsecutionOverrides::default();
        assert!(overrides.set(name, Some(param.value)), "{name}");
        assert_eq!(overrides.get(name), Some(param.value), "{name}");
        assert!(overrides.set(name, None));
        assert_eq!(overrides, ProsecutionOverrides::default(), "{name}");
    }
    assert!(!ProsecutionOverrides::default().set("no_such_parameter", Some(1.0)));
}

/// 18 U.S.C. 932(b) needs knowing, or reasonable cause to believe, that the buyer is barred
/// from having guns or means a felony use (or to pass the gun to such a person): a straw
/// purchase today without such a fact is not offered as 932, and says why; with it, 932 is.
#[test]
fn straw_purchasing_932_needs_the_buyers_known_status_or_purpose() {
    let (law, sp, pp) = defaults();
    let mut case = Case::new(LawEra::Today, ChargeId::StrawPurchase922a6);
    case.firearms = Some(5);
    let c = compare_charges(&case, law, sp, pp).unwrap();
    let offered = |c: &ChargeComparison, id| c.options.iter().any(|o| o.charges.contains(&id));
    assert!(!offered(&c, ChargeId::StrawPurchase932));
    let reason = c
        .not_considered
        .iter()
        .find(|n| n.charges == [ChargeId::StrawPurchase932])
        .map(|n| n.reason.to_string())
        .unwrap();
    assert!(
        reason.contains("932(b)") && reason.contains("reasonable cause"),
        "{reason}"
    );
    case.knew_buyer_prohibited = Some(true);
    let c = compare_charges(&case, law, sp, pp).unwrap();
    assert!(offered(&c, ChargeId::StrawPurchase932));
    assert!(!offered(&c, ChargeId::StrawPurchase932Felony));
}

/// Exports since March 9, 2020: an ordinary firearm is on the Commerce Control List, so the
/// export charge is 50 U.S.C. 4819, not the AECA; a fully automatic one stays on the
/// Munitions List (22 U.S.C. 2778). In April 2011 the AECA covered every firearm and 4819
/// did not exist.
#[test]
fn export_charges_follow_the_2020_move_of_firearms_to_the_commerce_control_list() {
    let (law, sp, pp) = defaults();
    let offered = |c: &ChargeComparison, id| c.options.iter().any(|o| o.charges == [id]);
    let reason = |c: &ChargeComparison, id| {
        c.not_considered
            .iter()
            .find(|n| n.charges == [id])
            .map(|n| n.reason.to_string())
            .unwrap_or_default()
    };
    let mut case = Case::new(LawEra::Today, ChargeId::Smuggling554);
    case.firearms = Some(2);
    case.ice_joint_investigation = Some(true);
    case.mexico_nexus = Some(true);
    let today = compare_charges(&case, law, sp, pp).unwrap();
    assert!(offered(&today, ChargeId::ExportControl4819));
    assert!(!offered(&today, ChargeId::ArmsExport2778));
    assert!(reason(&today, ChargeId::ArmsExport2778).contains("Munitions List"));
    case.fully_automatic = Some(true);
    let automatic = compare_charges(&case, law, sp, pp).unwrap();
    assert!(offered(&automatic, ChargeId::ArmsExport2778));
    assert!(!offered(&automatic, ChargeId::ExportControl4819));
    case.fully_automatic = Some(false);
    case.law_era = LawEra::April2011;
    let then = compare_charges(&case, law, sp, pp).unwrap();
    assert!(offered(&then, ChargeId::ArmsExport2778));
    assert!(reason(&then, ChargeId::ExportControl4819).contains("did not exist"));
}

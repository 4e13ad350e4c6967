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
    assert_eq!(p.fields().len(), 19);
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

/// The logistic by hand from the parameters: the intercept plus each weight times its
/// input (logs of 1 + years and 1 + guns, the strength of the evidence, the yes-or-no facts).
fn by_hand(p: &ProsecutionParams, months: f64, guns: f64, evidence: f64, crime_gun: bool) -> f64 {
    let logit = p.acceptance_intercept.value
        + p.sentence_weight.value * (months / 12.0).ln_1p()
        + p.firearms_weight.value * guns.ln_1p()
        + p.evidence_weight.value * evidence
        + if crime_gun {
            p.crime_gun_weight.value
        } else {
            0.0
        };
    1.0 / (1.0 + (-logit).exp())
}

/// 3 guns, 2010 Manual: level 12 + 2 − 2 = 12 → 10–16, mean 9.584 months (imposed.rs).
/// The decline splits by each factor's shortfall against the reference case (60 months,
/// 20 guns, every fact), plus the weight of the other reasons.
#[test]
fn lone_straw_purchaser_of_three_guns_is_likely_declined() {
    let (law, sp, pp) = defaults();
    let a = assess(&straw(3), law, sp, pp).unwrap();
    let o = &a.option;
    assert!(close(o.expected_months_if_convicted, 9.584, 1e-3));
    let p = by_hand(pp, 9.584, 3.0, 0.5, false);
    assert!(close(o.acceptance_probability, p, 1e-4), "{o:?}");
    let r = o.decline_reasons;
    assert!(close(r.total(), 1.0 - p, 1e-4));
    let penalty = pp.sentence_weight.value * ((60.0f64 / 12.0).ln_1p() - (9.584f64 / 12.0).ln_1p())
        + pp.firearms_weight.value * (21.0f64.ln() - 4.0f64.ln())
        + pp.crime_gun_weight.value
        + pp.mexico_nexus_weight.value
        + pp.organiser_weight.value
        + pp.ice_joint_weight.value;
    let weak = pp.evidence_weight.value * 0.5;
    let intent = pp.intent_evidence_weight.value;
    let other = pp.other_reasons_weight.value;
    let total = penalty + weak + intent + other;
    assert!(
        close(r.low_penalty, (1.0 - p) * penalty / total, 1e-4),
        "{r:?}"
    );
    assert!(close(r.weak_evidence, (1.0 - p) * weak / total, 1e-4));
    assert!(close(
        r.no_intent_evidence,
        (1.0 - p) * intent / total,
        1e-4
    ));
    assert!(close(r.other, (1.0 - p) * other / total, 1e-4));
    assert!(o.acceptance_probability < 0.5);
}

/// 20 guns, crime gun, evidence 0.9: level 12 + 4 = 16, − 3 = 13 → 12–18, mean 11.287;
/// the unwritten threshold says such a case is taken.
#[test]
fn twenty_guns_with_a_crime_gun_and_strong_evidence_is_likely_accepted() {
    let (law, sp, pp) = defaults();
    let mut case = straw(20);
    case.crime_gun_recovered = Some(true);
    case.evidence_strength = Some(0.9);
    let o = assess(&case, law, sp, pp).unwrap().option;
    let p = by_hand(pp, 11.2872, 20.0, 0.9, true);
    assert!(close(o.acceptance_probability, p, 1e-4), "{o:?}");
    assert!(p > 0.8);
    let c = 1.0
        / (1.0
            + (-(pp.conviction_intercept.value + pp.conviction_evidence_weight.value * 0.9)).exp());
    assert!(close(o.conviction_probability, c, 1e-4));
    assert!(close(
        o.expected_prison_months_per_referral,
        p * c * 11.2872,
        1e-2
    ));
}

/// Conviction at evidence 0.5 with a plea, at trial, and on an export charge; the plea
/// figure is what the fit gives against TRAC's 90.4% of prosecuted weapons referrals.
#[test]
fn conviction_table() {
    let pp = ProsecutionParams::embedded();
    let mut facts = ProsecutionFacts::of(&straw(5), pp);
    let base = pp.conviction_intercept.value + 0.5 * pp.conviction_evidence_weight.value;
    let rows = [
        (true, false, base),
        (false, false, base + pp.conviction_trial_weight.value),
        (true, true, base + pp.conviction_export_weight.value),
    ];
    for (plea, export, logit) in rows {
        facts.plea = plea;
        let p = conviction_probability(&facts, export, pp);
        assert!(
            close(p, 1.0 / (1.0 + (-logit).exp()), 1e-12),
            "{plea} {export}: {p}"
        );
    }
    facts.plea = true;
    let p = conviction_probability(&facts, false, pp);
    assert!((0.85..0.95).contains(&p), "{p}");
}

/// Charge set: straw purchase + 554, 20 guns, 2010 Manual. 554 alone: §2M5.2 26 − 3 = 23 →
/// 46–57, mean 41.13 (README). The straw count is easier to prove than the 554 one (same
/// evidence, counts perfectly correlated), so months if convicted = [P(554) × E(both) +
/// (P(straw) − P(554)) × E(straw alone)] / P(straw), between 11.29 and 41.13.
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
    let mut facts = ProsecutionFacts::of(&case, pp);
    facts.plea = true;
    assert!(close(
        o.conviction_probability,
        conviction_probability(&facts, false, pp),
        1e-12
    ));
    let e554 = o.expected_sentence_months.mean;
    assert!(close(e554, 41.13, 0.01), "{e554}");
    let facts = ProsecutionFacts::of(&case, pp);
    let (p_straw, p_554) = (
        conviction_probability(&facts, false, pp),
        conviction_probability(&facts, true, pp),
    );
    let expected = (p_554 * e554 + (p_straw - p_554) * 11.2872) / p_straw;
    assert!(expected > 11.2872 && expected < e554, "{expected}");
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

/// The threshold case crosses 50% inside the unwritten 10–20 guns (the fit holds it
/// there): below half one gun short, at or above half at the threshold. Heavier penalties
/// lower it step by step, lighter ones raise it; without a crime gun it is above 20.
#[test]
fn firearms_threshold_and_penalty_changes() {
    let (law, sp, pp) = defaults();
    let mut case = straw(3);
    case.crime_gun_recovered = Some(true);
    let t = firearms_threshold(&case, &[case.charge], law, sp, pp).unwrap();
    let n = t.firearms.unwrap();
    assert!((10..=20).contains(&n), "{n}");
    assert!(t.acceptance_at_threshold.unwrap() >= 0.5);
    let mut short = case.clone();
    short.firearms = Some(n - 1);
    assert!(
        assess(&short, law, sp, pp)
            .unwrap()
            .option
            .acceptance_probability
            < 0.5
    );
    let scaled: Vec<u32> = super::compare::PENALTY_SCALES
        .iter()
        .map(|&s| {
            t.by_penalty_scale
                .iter()
                .find(|x| x.penalty_scale == s)
                .unwrap()
                .firearms
                .unwrap_or(u32::MAX)
        })
        .collect();
    assert!(scaled.windows(2).all(|w| w[0] >= w[1]), "{scaled:?}");
    assert!(scaled[0] > scaled[scaled.len() - 1], "{scaled:?}");
    let mut no_crime_gun = case.clone();
    no_crime_gun.crime_gun_recovered = Some(false);
    let t = firearms_threshold(&no_crime_gun, &[case.charge], law, sp, pp).unwrap();
    assert!(t.firearms.is_none_or(|n| n > 20));
    // With the firearms and sentence weights at zero, guns cannot move the case: never 50%.
    let mut flat = pp.clone();
    flat.firearms_weight.value = 0.0;
    flat.sentence_weight.value = 0.0;
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
    let mut denied = straw(0);
    denied.evidence_strength = Some(0.9);
    let figures = |p: &ProsecutionParams| {
        let mut out = Vec::new();
        for case in [&joint, &bare, &denied] {
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

/// Every fitted target holds; the figures shown beside them for comparison only (months
/// per conviction, the districts' rates) are reported, not required.
#[test]
fn calibration_meets_every_fitted_target() {
    let (law, sp, pp) = defaults();
    let data = CalibrationData::embedded();
    let c = calibrate_prosecution(law, sp, pp, data).unwrap();
    let rows = calibration_checks(&c, data);
    assert_eq!(rows.len(), 11 + data.districts.len() - 1);
    for row in rows.iter().filter(|r| r.fitted) {
        assert!(row.passes, "{row:?}");
    }
    assert!(close(c.figures.reason_shares.total(), 1.0, 1e-9));
}

/// The population's figures from the prepared options equal the projection's exact
/// expectations over the same referrals (best charge, baseline law).
#[test]
fn population_figures_match_the_projection() {
    use crate::caseload::{ArmTable, Caseload, ChargePolicy};
    use crate::scenario::{Applied, Baseline};
    let base = Baseline::embedded();
    let data = CalibrationData::embedded();
    let c = calibrate_prosecution(&base.law, &base.sentencing, &base.prosecution, data).unwrap();
    let table = ArmTable::build(
        &Caseload::default_population(),
        &Applied::baseline(&base),
        ChargePolicy::Best,
    );
    let e = table.expected();
    let n = e.referrals as f64;
    assert!(close(1.0 - e.accepted / n, c.figures.decline_rate, 1e-4));
    assert!(close(
        e.convictions / n,
        c.figures.convictions_per_referral,
        1e-4
    ));
    assert!(close(
        e.prison_years * 12.0 / e.convictions,
        c.figures.months_per_conviction,
        0.05
    ));
}

/// A district's shift moves the national odds of acceptance to the district's exactly.
#[test]
fn district_shift_is_the_ratio_of_odds() {
    let data = CalibrationData::embedded();
    let national = data.national();
    assert_eq!(national.id, "national");
    assert_eq!(national.intercept_shift(national), 0.0);
    for d in &data.districts {
        let odds = |rate: f64| (1.0 - rate) / rate;
        let shifted = odds(national.decline_rate) * d.intercept_shift(national).exp();
        assert!(close(shifted, odds(d.decline_rate), 1e-9), "{}", d.id);
        assert!(!d.source.en.is_empty() && !d.source.es.is_empty());
        assert_eq!(
            d.upper_bound,
            d.source.en.starts_with("Not verified"),
            "{}",
            d.id
        );
    }
    assert!(data.districts.len() >= 6);
}

/// The committed parameters are what the fit gives: rerunning it changes no value by more
/// than its last rounding step.
#[test]
fn committed_parameters_are_the_fit() {
    let base = crate::scenario::Baseline::embedded();
    let fit = crate::prosecution::fit::fit_prosecution(&base, CalibrationData::embedded()).unwrap();
    for (name, value) in &fit.values {
        let committed = base
            .prosecution
            .fields()
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .value;
        assert!(
            (committed - value).abs() <= 0.0015,
            "{name}: committed {committed}, the fit gives {value}; run scripts/fit-prosecution"
        );
    }
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
        "engine/README.md: paste the prosecution table `threshold calibrate` prints"
    );
    assert!(
        include_str!("../../../README.md").contains(&checks),
        "README.md: paste the prosecution table `threshold calibrate` prints"
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

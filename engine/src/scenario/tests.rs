use super::*;
use crate::caseload::{ArmTable, Caseload, ChargePolicy};
use crate::law::{Recipient, Role};
use crate::CriminalHistory;

fn value(outputs: &CaseOutputs, output: Output) -> OutputValue {
    outputs.get(output).cloned().unwrap()
}

#[test]
fn presets_parse_apply_and_are_documented() {
    let base = Baseline::embedded();
    let ids: Vec<&str> = presets().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "status_quo_2011",
            "atf_multiple_sales_2010",
            "hr_2554_2011",
            "gtpa_20yr_straw",
            "amendment_753",
            "today_bsca_819"
        ]
    );
    for s in presets() {
        s.apply(&base).unwrap();
        assert!(s.description.len() > 200, "{}: one paragraph", s.id);
        assert!(!s.source.is_empty(), "{}", s.id);
        for c in &s.changes {
            assert!(!c.label.is_empty() && !c.source.is_empty(), "{}", s.id);
        }
        // What `threshold scenario show` prints reads back as the same scenario.
        let text = serde_json::to_string_pretty(s).unwrap();
        assert_eq!(&Scenario::from_json(&text).unwrap(), s);
    }
}

#[test]
fn status_quo_changes_nothing() {
    let base = Baseline::embedded();
    let s = preset("status_quo_2011").unwrap();
    let sbs = side_by_side(&standard_probe(), &base, s).unwrap();
    assert_eq!(sbs.rows.len(), Output::ALL.len());
    assert!(sbs.rows.iter().all(|r| !r.changed && r.causes.is_empty()));
}

fn caseload_expected(world: &Applied) -> crate::caseload::Expected {
    ArmTable::build(&Caseload::default_population(), world, ChargePolicy::Best).expected()
}

/// Each preset moves every output it claims: single-case claims on its probe case (the
/// standard probe when it names none), caseload claims on the default caseload.
#[test]
fn each_preset_changes_what_it_claims() {
    let base = Baseline::embedded();
    let baseline_world = Applied::baseline(&base);
    let caseload_before = caseload_expected(&baseline_world);
    for s in presets() {
        let probe = s.probe.clone().unwrap_or_else(standard_probe);
        let sbs = side_by_side(&probe, &base, s).unwrap();
        let world = s.apply(&base).unwrap();
        let caseload_after = caseload_expected(&world);
        for claim in &s.claims {
            let output = match claim {
                Claim::GuidelineRange => Some(Output::GuidelineRange),
                Claim::ExpectedSentence => Some(Output::ExpectedSentence),
                Claim::Acceptance => Some(Output::Acceptance),
                Claim::Conviction => Some(Output::Conviction),
                Claim::PrisonMonthsPerReferral => Some(Output::PrisonMonthsPerReferral),
                Claim::BestCharge => Some(Output::BestCharge),
                Claim::CaseloadAccepted => {
                    assert!(
                        (caseload_after.accepted - caseload_before.accepted).abs() > 0.5,
                        "{}: accepted {} → {}",
                        s.id,
                        caseload_before.accepted,
                        caseload_after.accepted
                    );
                    None
                }
                Claim::CaseloadPrisonYears => {
                    assert!(
                        (caseload_after.prison_years - caseload_before.prison_years).abs() > 0.5,
                        "{}: prison-years {} → {}",
                        s.id,
                        caseload_before.prison_years,
                        caseload_after.prison_years
                    );
                    None
                }
            };
            if let Some(output) = output {
                let row = sbs.rows.iter().find(|r| r.output == output).unwrap();
                assert!(row.changed, "{}: {:?} unchanged: {:?}", s.id, output, row);
                assert!(
                    !row.causes.is_empty(),
                    "{}: {:?} has no cause",
                    s.id,
                    output
                );
            }
        }
    }
}

/// Amendment 753 on the standard probe (10 rifles, cartel, Mexico, 922(a)(6)):
/// 2010: 12 + 4 ((b)(1) 8–24) + 4 ((b)(5)) − 3 = 17 → 24–30 months.
/// 2011: 20 (knew the buyer prohibited, large-capacity rifle) + 4 + 4 + 4 ((b)(6)(A)) = 32,
/// −3 = 29 → 87–108 months, under the 120-month maximum.
#[test]
fn amendment_753_side_by_side_is_attributed() {
    let base = Baseline::embedded();
    let s = preset("amendment_753").unwrap();
    let sbs = side_by_side(&standard_probe(), &base, s).unwrap();
    let range = sbs
        .rows
        .iter()
        .find(|r| r.output == Output::GuidelineRange)
        .unwrap();
    assert_eq!(range.baseline.text.to_string(), "level 17 → 24–30 mo");
    assert_eq!(range.scenario.text.to_string(), "level 29 → 87–108 mo");
    assert_eq!(range.delta, Some(63.0));
    assert_eq!(range.causes.len(), 1);
    assert_eq!(range.causes[0].change, 0);
    assert_eq!(range.interaction, Some(0.0));
    let acceptance = sbs
        .rows
        .iter()
        .find(|r| r.output == Output::Acceptance)
        .unwrap();
    assert!(acceptance.delta.unwrap() > 0.0);
    assert!(sbs.method.to_string().contains("alone"));
    assert!(sbs.method.render(crate::Lang::Es).contains("por sí solo"));
}

/// Today's law is two changes. For the standard probe the Manual alone moves the range
/// (2023: 12 → 30 → 97–120 months); today's statutes alone move nothing (their higher
/// maxima do not bind and the 2010 Manual does not know 932/933), but together with the
/// 2023 Manual they make 932(b)(2) the best charge: the part reported as interaction.
#[test]
fn today_preset_attributes_to_both_changes() {
    let base = Baseline::embedded();
    let s = preset("today_bsca_819").unwrap();
    let sbs = side_by_side(&standard_probe(), &base, s).unwrap();
    let best = sbs
        .rows
        .iter()
        .find(|r| r.output == Output::BestCharge)
        .unwrap();
    assert!(best.changed, "{best:?}");
    assert!(
        best.scenario
            .text
            .to_string()
            .starts_with("18 U.S.C. 932(b)(2)"),
        "{best:?}"
    );
    assert!(best.interaction.unwrap() > 0.0);
    assert!(best.causes.iter().all(|c| c.change == 1));
    let range = sbs
        .rows
        .iter()
        .find(|r| r.output == Output::GuidelineRange)
        .unwrap();
    assert_eq!(range.causes.len(), 1, "{range:?}");
    assert_eq!(range.causes[0].change, 1);
    assert_eq!(range.interaction, Some(0.0));
}

/// A new offence in the 2011 world: 933 did not exist, so the case charged under it has no
/// outputs in the baseline and full ones in the scenario.
#[test]
fn offence_made_available() {
    let base = Baseline::embedded();
    let mut case = Case::new(LawEra::April2011, ChargeId::Trafficking933);
    case.firearms = Some(12);
    case.trafficking_recipient = Some(Recipient::Dangerous);
    let before = case_outputs(&case, &Applied::baseline(&base));
    assert!(before.error.as_deref().unwrap().contains("not available"));
    assert_eq!(value(&before, Output::Acceptance).number, None);
    assert!(value(&before, Output::BestCharge).number.is_some());
    let s = preset("hr_2554_2011").unwrap();
    let after = case_outputs(&case, &s.apply(&base).unwrap());
    assert!(after.error.is_none(), "{after:?}");
    assert!(value(&after, Output::Acceptance).number.unwrap() > 0.0);
}

#[test]
fn guideline_rules_apply() {
    let base = Baseline::embedded();
    let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    case.firearms = Some(5);
    // 12 + 2 − 2 = 12 → 10–16; base 12 → 16: 16 + 2 = 18, −3 = 15 → 18–24.
    let s = Scenario::from_json(
        r#"{"id":"x","name":"x","changes":[{"label":"base 16","source":"test",
            "rule":{"kind":"base_level","edition":"2010","subsection":"§2K2.1(a)(7)","level":16}}]}"#,
    )
    .unwrap();
    let out = case_outputs(&case, &s.apply(&base).unwrap());
    assert_eq!(
        value(&out, Output::GuidelineRange).text.to_string(),
        "level 15 → 18–24 mo"
    );
    // A (b)(1) table with +6 from 3 guns: 12 + 6 − 3 = 15 → 18–24.
    let s = Scenario::from_json(
        r#"{"id":"x","name":"x","changes":[{"label":"t","source":"test",
            "rule":{"kind":"firearm_count_table","edition":"2010","tiers":[{"min_firearms":3,"increase":6}]}}]}"#,
    )
    .unwrap();
    let out = case_outputs(&case, &s.apply(&base).unwrap());
    assert_eq!(
        value(&out, Output::GuidelineRange).text.to_string(),
        "level 15 → 18–24 mo"
    );
    // Trafficking +8 and an export enhancement in the 2010 Manual, for a Mexico case:
    // 12 + 2 + 8 + 4 = 26, −3 = 23 → 46–57.
    case.trafficking_recipient = Some(Recipient::Dangerous);
    case.mexico_nexus = Some(true);
    case.knew_leaving_us = Some(true);
    let s = Scenario::from_json(
        r#"{"id":"x","name":"x","changes":[
            {"label":"t","source":"test","rule":{"kind":"trafficking_increase","edition":"2010","increase":8}},
            {"label":"e","source":"test","rule":{"kind":"export_increase","edition":"2010","increase":4}}]}"#,
    )
    .unwrap();
    let out = case_outputs(&case, &s.apply(&base).unwrap());
    assert_eq!(
        value(&out, Output::GuidelineRange).text.to_string(),
        "level 23 → 46–57 mo"
    );
}

/// A mandatory minimum lifts the range: 5 years on 922(a)(6) for the 10–16 case.
#[test]
fn mandatory_minimum_and_policy_knobs() {
    let base = Baseline::embedded();
    let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    case.firearms = Some(5);
    let s = Scenario::from_json(
        r#"{"id":"x","name":"x","changes":[
            {"label":"min","source":"test","rule":{"kind":"mandatory_min","charge":"straw_purchase_922a6","era":"april_2011","min_months":60}},
            {"label":"shift","source":"test","rule":{"kind":"acceptance_shift","log_odds":-1.0}},
            {"label":"p","source":"test","rule":{"kind":"prosecution_params","set":{"crime_gun_weight":2.0}}},
            {"label":"s","source":"test","rule":{"kind":"sentencing_params","set":{"within_range_share":0.7}}}]}"#,
    )
    .unwrap();
    let w = s.apply(&base).unwrap();
    assert_eq!(
        w.prosecution.acceptance_intercept.value,
        base.prosecution.acceptance_intercept.value - 1.0
    );
    assert_eq!(w.prosecution.crime_gun_weight.value, 2.0);
    assert_eq!(w.sentencing.within_range_share.value, 0.7);
    let out = case_outputs(&case, &w);
    assert_eq!(
        value(&out, Output::GuidelineRange).text.to_string(),
        "level 12 → 60 mo"
    );
}

#[test]
fn multiple_sales_rule_strengthens_covered_cases_only() {
    let base = Baseline::embedded();
    let w = preset("atf_multiple_sales_2010")
        .unwrap()
        .apply(&base)
        .unwrap();
    let covered = standard_probe();
    assert_eq!(w.case(&covered).evidence_strength, Some(0.65));
    let mut one_gun = covered.clone();
    one_gun.firearms = Some(1);
    assert_eq!(w.case(&one_gun).evidence_strength, None);
    let mut pistols = covered;
    pistols.large_capacity_semiautomatic = Some(false);
    assert_eq!(w.case(&pistols).evidence_strength, None);
}

#[test]
fn errors_name_the_field() {
    let cases = [
        (r#"{"id":"x","name":"x","changes":[],"colour":1}"#, "colour"),
        (r#"{"id":"x","changes":[]}"#, "name"),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"nope"}}]}"#,
            "changes[0].rule",
        ),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"statutory_max","charge":"straw_purchase_922a6","era":"april_2011","max_months":0}}]}"#,
            "changes[0].rule.max_months",
        ),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"statutory_max","charge":"trafficking_933","era":"april_2011","max_months":240}}]}"#,
            "changes[0].rule.charge",
        ),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"prosecution_params","set":{"acceptance_intercep":1}}}]}"#,
            "changes[0].rule.acceptance_intercep",
        ),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"ice_joint_share","share":1.5}}]}"#,
            "changes[0].rule.share",
        ),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"firearm_count_table","edition":"2010","tiers":[{"min_firearms":5,"increase":2},{"min_firearms":5,"increase":4}]}}]}"#,
            "changes[0].rule.tiers[1].min_firearms",
        ),
        (
            r#"{"id":"x","name":"x","changes":[{"label":"a","source":"b","rule":{"kind":"base_level","edition":"2010","subsection":"§9","level":12}}]}"#,
            "changes[0].rule.subsection",
        ),
        (
            r#"{"id":"x","name":"x","changes":[]} trailing"#,
            "(scenario)",
        ),
    ];
    for (text, field) in cases {
        let e = Scenario::from_json(text).unwrap_err();
        assert!(
            e.field.starts_with(field),
            "{text}: got field {:?} ({})",
            e.field,
            e.message
        );
        assert!(!e.message.to_string().is_empty());
    }
    assert!(scenario_from_name_or_json("no_such_preset")
        .unwrap_err()
        .to_string()
        .contains("amendment_753"));
    assert_eq!(
        scenario_from_name_or_json("amendment_753").unwrap().id,
        "amendment_753"
    );
}

/// A leader of a 200-gun ring with a long record is where the 10-year cap binds; the
/// 20-year straw-purchase maximum lifts his range: 12 + 10 + 4 + 4 − 3 = 27, VI → 130–162,
/// capped at 120 today.
#[test]
fn twenty_year_straw_maximum_bites_only_at_the_cap() {
    let base = Baseline::embedded();
    let s = preset("gtpa_20yr_straw").unwrap();
    let w = s.apply(&base).unwrap();
    let mut ring = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    ring.firearms = Some(200);
    ring.trafficking_recipient = Some(Recipient::Dangerous);
    ring.role = Some(Role::OrganizerLeader);
    ring.criminal_history = Some(CriminalHistory::VI);
    let before = case_outputs(&ring, &Applied::baseline(&base));
    let after = case_outputs(&ring, &w);
    assert_eq!(
        value(&before, Output::GuidelineRange).text.to_string(),
        "level 27 → 120 mo"
    );
    assert_eq!(
        value(&after, Output::GuidelineRange).text.to_string(),
        "level 27 → 130–162 mo"
    );
    let typical = standard_probe();
    assert_eq!(
        case_outputs(&typical, &Applied::baseline(&base)),
        case_outputs(&typical, &w)
    );
}

/// Presets read in the reader's language while unedited; what a user wrote stays as written;
/// and a preset serializes as it did before there was Spanish, so old links still open.
#[test]
fn preset_text_in_both_languages_and_old_files_unchanged() {
    let p = preset("amendment_753").unwrap();
    assert_eq!(p.name_in(Lang::En), "Guidelines amendment 753 (Nov. 2011)");
    assert_eq!(
        p.name_in(Lang::Es),
        "Enmienda 753 de las Directrices (nov. de 2011)"
    );
    assert!(p
        .description_in(Lang::Es)
        .starts_with("La respuesta de la Comisión"));
    assert_eq!(
        p.changes[0].label_in(Lang::Es),
        "Manual de las Directrices de nov. de 2011 (enmienda 753)"
    );
    // Serialized: plain English strings, read back equal.
    let json = serde_json::to_value(p).unwrap();
    assert_eq!(json["name"], "Guidelines amendment 753 (Nov. 2011)");
    assert_eq!(
        json["changes"][0]["label"],
        "Nov. 2011 Guidelines Manual (amendment 753)"
    );
    let back = Scenario::from_json(&json.to_string()).unwrap();
    assert_eq!(&back, p);
    assert_eq!(back.name_in(Lang::Es), p.name_in(Lang::Es));
    // Edited: verbatim in both languages.
    let mut edited = p.clone();
    edited.name = format!("{} (edited copy)", p.name);
    edited.description = "Mine".into();
    edited.changes[0].label = "My label".into();
    assert_eq!(edited.name_in(Lang::Es), edited.name);
    assert_eq!(edited.description_in(Lang::Es), "Mine");
    assert_eq!(edited.changes[0].label_in(Lang::Es), "My label");
    // A preset's label kept in a user's own scenario still reads in Spanish.
    let mut own = edited.clone();
    own.id = "mine".into();
    own.changes = preset("today_bsca_819").unwrap().changes.clone();
    assert_eq!(
        own.changes[1].label_in(Lang::Es),
        "Manual de las Directrices de nov. de 2026 (enmiendas 819–836; los cambios de 2026 sin verificar)"
    );
    for (p, t) in presets().iter().zip(preset_texts()) {
        assert_eq!(p.name, t.name.en);
        assert_eq!(p.changes.len(), t.labels.len(), "{}", p.id);
        assert_eq!(
            p.probe.as_ref().and_then(|c| c.label.clone()),
            t.probe_label.as_ref().map(|l| l.en.clone())
        );
    }
    // The side by side names a preset's rows and causes in the reader's language.
    let sbs = side_by_side(&standard_probe(), &Baseline::embedded(), p).unwrap();
    assert_eq!(sbs.scenario_name.render(Lang::Es), p.name_in(Lang::Es));
    assert_eq!(
        sbs.rows[0].label.render(Lang::Es),
        "rango de las Directrices"
    );
}

/// A preset's sources read in Spanish while unedited, their citations kept as cited; a
/// citation alone is the same in both languages; an edited source stays as written; and the
/// scenario still serializes its sources as the English strings it always had.
#[test]
fn preset_sources_in_both_languages() {
    let p = preset("atf_multiple_sales_2010").unwrap();
    assert!(p.source.starts_with("ATF demand letter to FFLs"));
    assert_eq!(p.source_in(Lang::En), p.source);
    assert!(p.source_in(Lang::Es).starts_with("Carta de requerimiento"));
    assert!(p.source_in(Lang::Es).contains("18 U.S.C. 923(g)(5)"));
    assert!(p.changes[0].source_in(Lang::Es).starts_with("Supuesto"));
    let json = serde_json::to_value(p).unwrap();
    assert_eq!(json["source"], p.source.as_str());
    assert_eq!(json["changes"][0]["source"], p.changes[0].source.as_str());
    let back = Scenario::from_json(&json.to_string()).unwrap();
    assert_eq!(back.source_in(Lang::Es), p.source_in(Lang::Es));
    // A copy under another id keeps the preset's Spanish source.
    let mut copy = p.clone();
    copy.id = "mine".into();
    assert_eq!(copy.source_in(Lang::Es), p.source_in(Lang::Es));
    // A citation alone.
    let cited = preset("amendment_753").unwrap();
    assert_eq!(cited.source_in(Lang::Es), cited.source);
    let today = preset("today_bsca_819").unwrap();
    assert_eq!(
        today.changes[0].source_in(Lang::Es),
        "Pub. L. 117-159 §12004 (June 25, 2022)"
    );
    // Edited.
    let mut edited = p.clone();
    edited.source = "My own notes".into();
    edited.changes[0].source = "My reasoning".into();
    assert_eq!(edited.source_in(Lang::Es), "My own notes");
    assert_eq!(edited.changes[0].source_in(Lang::Es), "My reasoning");
    for (p, t) in presets().iter().zip(preset_texts()) {
        assert_eq!(p.source, t.source.en, "{}", p.id);
        let sources: Vec<&str> = p.changes.iter().map(|c| c.source.as_str()).collect();
        let texts: Vec<&str> = t.change_sources.iter().map(|s| s.en.as_str()).collect();
        assert_eq!(sources, texts, "{}", p.id);
    }
}

/// A chance's difference is read in percentage points with the ratio beside it, never as a
/// fraction ("+0.1" for 26.1% → 33.7% was read as a tenth of a point).
#[test]
fn differences_read_in_points_and_months() {
    use crate::i18n::Lang;
    let cases: [(Output, f64, f64, &str); 9] = [
        // (33.7 − 26.1) = 7.6 points; 33.7 / 26.1 = 1.29 → "1.3×".
        (
            Output::Acceptance,
            0.261,
            0.337,
            "+7.6 points (26.1% → 33.7%), 1.3× likelier",
        ),
        // 0.261 / 0.337 = 0.774 → "0.77×".
        (
            Output::Acceptance,
            0.337,
            0.261,
            "−7.6 points (33.7% → 26.1%), 0.77× as likely",
        ),
        // 99.0 → 99.02: 0.02 points, too small for a figure, and no "+0".
        (
            Output::Conviction,
            0.990,
            0.9902,
            "up by less than 0.1 points (99.0% → 99.0%)",
        ),
        (
            Output::Conviction,
            0.9902,
            0.990,
            "down by less than 0.1 points (99.0% → 99.0%)",
        ),
        // 91.0 → 92.0 is one point; the ratio 1.01 rounds to 1, so it is left out.
        (Output::Acceptance, 0.91, 0.92, "+1.0 point (91.0% → 92.0%)"),
        (
            Output::GuidelineRange,
            12.0,
            24.0,
            "+12 months at the bottom of the range",
        ),
        (
            Output::GuidelineRange,
            12.0,
            13.0,
            "+1 month at the bottom of the range",
        ),
        (Output::ExpectedSentence, 21.5, 11.3, "−10.2 months"),
        (
            Output::PrisonMonthsPerReferral,
            5.8,
            5.84,
            "up by less than 0.1 months",
        ),
    ];
    for (output, from, to, expected) in cases {
        assert_eq!(
            output.difference(from, to).render(Lang::En),
            expected,
            "{output:?} {from} → {to}"
        );
    }
    assert_eq!(
        Output::Acceptance.difference(0.261, 0.337).render(Lang::Es),
        "+7.6 puntos (26.1% → 33.7%), 1.3 veces más probable"
    );
    assert_eq!(
        Output::Acceptance.amount(0.025).render(Lang::En),
        "+2.5 points"
    );
}

/// A proposal that moves nothing for a case says why and offers a case where it bites;
/// the 20-year straw-purchase maximum reaches only a range above the old 10-year cap.
#[test]
fn nothing_moves_says_why_and_finds_a_case_where_it_bites() {
    use crate::i18n::Lang;
    let base = Baseline::embedded();
    let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    case.firearms = Some(5);
    let gtpa = preset("gtpa_20yr_straw").unwrap();
    let comparison = side_by_side(&case, &base, gtpa).unwrap();
    let nothing = nothing_moves(&base, gtpa, &comparison).expect("nothing moves");
    let why = nothing.why.render(Lang::En);
    assert!(why.starts_with("Nothing changes for this case."), "{why}");
    assert!(why.contains("stays inside the statutory limits"), "{why}");
    assert!(why.contains("deterrence, plea leverage"), "{why}");
    let (probe, label) = nothing.probe.expect("the preset's probe case bites");
    assert!(side_by_side(&probe, &base, gtpa)
        .unwrap()
        .rows
        .iter()
        .any(|r| r.changed));
    assert!(label.render(Lang::En).contains("200-gun ring"));
    // Something moves for the probe itself: no explanation is due.
    let moved = side_by_side(&probe, &base, gtpa).unwrap();
    assert_eq!(nothing_moves(&base, gtpa, &moved), None);
    // The status quo has no changes and no case to offer.
    let status_quo = preset("status_quo_2011").unwrap();
    let same = side_by_side(&case, &base, status_quo).unwrap();
    let nothing = nothing_moves(&base, status_quo, &same).unwrap();
    assert!(nothing.why.render(Lang::En).contains("no changes"));
    assert_eq!(nothing.probe, None);
}

/// The chart's two referrals are the side-by-side's own figures: under H.R. 2554 the five-gun
/// straw purchaser's chance of acceptance rises, and each world's shares add up to one.
#[test]
fn referral_outcomes_agree_with_the_side_by_side() {
    let base = Baseline::embedded();
    let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    case.firearms = Some(5);
    let bill = preset("hr_2554_2011").unwrap();
    let [before, after] = referral_outcomes(&case, &base, bill).expect("both worlds assess");
    let comparison = side_by_side(&case, &base, bill).unwrap();
    let acceptance = comparison
        .rows
        .iter()
        .find(|r| r.output == Output::Acceptance)
        .unwrap();
    assert_eq!(
        acceptance.baseline.number,
        Some(before.acceptance_probability)
    );
    assert_eq!(
        acceptance.scenario.number,
        Some(after.acceptance_probability)
    );
    assert!(after.acceptance_probability > before.acceptance_probability);
    for option in [&before, &after] {
        let total = option.acceptance_probability + option.decline_reasons.total();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
    }
}

#[test]
fn a_short_name_is_the_name_up_to_its_colon() {
    use crate::i18n::Lang;
    let bill = preset("hr_2554_2011").unwrap();
    assert_eq!(bill.short_name_in(Lang::En), "H.R. 2554 (2011)");
    let mut own = bill.clone();
    own.name = "My proposal".into();
    assert_eq!(own.short_name_in(Lang::En), "My proposal");
    own.name = ": odd".into();
    assert_eq!(own.short_name_in(Lang::En), ": odd");
}

/// The page words where a proposal is wrong without the file's paths: "change 1, rule,
/// maximum in months"; the command line keeps the path.
#[test]
fn a_refused_proposal_says_where_in_words() {
    use crate::i18n::Lang;
    let base = Baseline::embedded();
    let mut bill = preset("hr_2554_2011").unwrap().clone();
    bill.changes[0].rule = serde_json::from_str(
        r#"{"kind":"statutory_max","charge":"trafficking_933","era":"april_2011","max_months":120}"#,
    )
    .unwrap();
    let e = bill.apply(&base).unwrap_err();
    let plain = e.plain_message().render(Lang::En);
    assert_eq!(
        plain,
        "change 1, rule, charge: 18 U.S.C. 933(a), (b) does not exist under the law as of April 2011; a change that makes the offence available must come first"
    );
    assert!(e
        .message()
        .render(Lang::En)
        .contains("changes[0].rule.charge"));
    let spanish = e.plain_message().render(Lang::Es);
    assert!(spanish.starts_with("cambio 1, regla, cargo: "), "{spanish}");
    assert!(
        !spanish.contains('_') && !spanish.contains('`'),
        "{spanish}"
    );
    assert_eq!(place_words("").render(Lang::En), "the proposal");
    assert_eq!(
        place_words("probe.odd_name").render(Lang::En),
        "example case, odd name"
    );
}

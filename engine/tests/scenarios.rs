//! Scenario invariants over many cases: raising a maximum never lowers any output for that
//! charge; the tornado ranks what matters; projections are reproducible.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use threshold_engine::caseload::{Caseload, ChargePolicy, Projection, ReferralPopulation};
use threshold_engine::prosecution::{assess, compare_charges};
use threshold_engine::scenario::{preset, Applied, Baseline, Change, Rule, Scenario};
use threshold_engine::sensitivity::{sensitivity, Group, Metric, SensitivityRun};
use threshold_engine::{Case, ChargeId, CriminalHistory, LawEra, Recipient, Role};

fn raise_max(charge: ChargeId, era: LawEra, max_months: Option<u32>) -> Scenario {
    Scenario {
        id: "raise".into(),
        name: "raise a maximum".into(),
        description: String::new(),
        source: String::new(),
        claims: Vec::new(),
        probe: None,
        changes: vec![Change {
            label: "higher maximum".into(),
            source: "test".into(),
            assumption: true,
            rule: Rule::StatutoryMax {
                charge,
                era,
                max_months,
            },
        }],
    }
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(ChargeId::ALL.to_vec()),
        prop::bool::ANY,
        1u32..400,
        0usize..6,
        0usize..3,
        0usize..4,
        (prop::bool::ANY, prop::bool::ANY, prop::bool::ANY),
        0.0f64..=1.0,
        1u32..4,
    )
        .prop_map(
            |(charge, today, firearms, chc, recipient, role, flags, evidence, counts)| {
                let era = if today {
                    LawEra::Today
                } else {
                    LawEra::April2011
                };
                let mut case = Case::new(era, charge);
                case.firearms = Some(firearms);
                case.counts = Some(counts);
                case.criminal_history = Some(CriminalHistory::ALL[chc]);
                case.trafficking_recipient = Some(
                    [
                        Recipient::None,
                        Recipient::ProhibitedPerson,
                        Recipient::Dangerous,
                    ][recipient],
                );
                case.role = Some(
                    [
                        Role::None,
                        Role::OrganizerLeader,
                        Role::OrganizerSmall,
                        Role::Minor,
                    ][role],
                );
                case.mexico_nexus = Some(flags.0);
                case.ice_joint_investigation = Some(flags.1);
                case.crime_gun_recovered = Some(flags.2);
                case.evidence_strength = Some(evidence);
                case
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Raising only the case's charge's maximum (or making it life) never lowers the range,
    /// the expected sentence, acceptance, conviction, prison months per referral or the best
    /// option's months per referral.
    #[test]
    fn raising_a_maximum_never_lowers_an_output(
        case in case_strategy(),
        extra in 0u32..600,
        to_life in prop::bool::ANY,
    ) {
        let base = Baseline::embedded();
        let Ok(limits) = base.law.charge(case.charge).map(|c| c.penalty_in(case.law_era).cloned()) else {
            return Ok(());
        };
        let Some(limits) = limits else { return Ok(()); };
        let Some(old_max) = limits.max_months else { return Ok(()); };
        let new_max = if to_life { None } else { Some((old_max + extra).min(1200)) };
        let world = raise_max(case.charge, case.law_era, new_max).apply(&base).unwrap();
        let before_world = Applied::baseline(&base);
        let before = assess(&case, &before_world.law, &before_world.sentencing, &before_world.prosecution).unwrap().option;
        let after = assess(&case, &world.law, &world.sentencing, &world.prosecution).unwrap().option;
        let eps = 1e-9;
        prop_assert!(after.guideline_range_months.min >= before.guideline_range_months.min);
        let max = |m: Option<u32>| m.unwrap_or(u32::MAX);
        prop_assert!(max(after.guideline_range_months.max) >= max(before.guideline_range_months.max));
        prop_assert!(after.expected_sentence_months.mean >= before.expected_sentence_months.mean - eps);
        prop_assert!(after.expected_months_if_convicted >= before.expected_months_if_convicted - eps);
        prop_assert!(after.acceptance_probability >= before.acceptance_probability - eps);
        prop_assert!((after.conviction_probability - before.conviction_probability).abs() < eps);
        prop_assert!(after.expected_prison_months_per_referral >= before.expected_prison_months_per_referral - eps);
        let best = |w: &Applied| compare_charges(&case, &w.law, &w.sentencing, &w.prosecution)
            .unwrap().options[0].expected_prison_months_per_referral;
        prop_assert!(best(&world) >= best(&before_world) - eps);
    }
}

/// Table-driven: the typical 2011 charges raised to 20 years move nothing for a small case
/// (the cap never binds) and everything that depends on the sentence for a large one.
#[test]
fn a_higher_maximum_matters_only_where_the_cap_binds() {
    let base = Baseline::embedded();
    for (charge, firearms, chc, binds) in [
        (ChargeId::StrawPurchase922a6, 5, CriminalHistory::I, false),
        (ChargeId::FalseRecord924a1a, 5, CriminalHistory::I, false),
        (ChargeId::FalseRecord924a1a, 200, CriminalHistory::VI, true),
        (ChargeId::StrawPurchase922a6, 200, CriminalHistory::VI, true),
    ] {
        let mut case = Case::new(LawEra::April2011, charge);
        case.firearms = Some(firearms);
        case.criminal_history = Some(chc);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.role = Some(Role::OrganizerLeader);
        let w = raise_max(charge, LawEra::April2011, Some(240))
            .apply(&base)
            .unwrap();
        let b = Applied::baseline(&base);
        let before = assess(&case, &b.law, &b.sentencing, &b.prosecution)
            .unwrap()
            .option;
        let after = assess(&case, &w.law, &w.sentencing, &w.prosecution)
            .unwrap()
            .option;
        assert_eq!(
            after.expected_prison_months_per_referral > before.expected_prison_months_per_referral,
            binds,
            "{charge} {firearms} {chc}"
        );
    }
}

/// The tornado on a 60-referral mix: sorted by |swing|; the acceptance intercept moves the
/// answer; a parameter used only to split decline reasons moves nothing.
#[test]
fn sensitivity_ranks_the_parameters() {
    let mix = ReferralPopulation::embedded()
        .with_param("referrals", 60.0)
        .unwrap();
    let caseload = Caseload::from_population(&mix);
    let base = Baseline::embedded();
    let s = preset("amendment_753").unwrap();
    let t = sensitivity(
        &caseload,
        Some(&mix),
        &base,
        s,
        Metric::ScenarioPrisonYearsPer100,
        ChargePolicy::Best,
    )
    .unwrap();
    assert!(t.rows.len() >= 30, "{}", t.rows.len());
    for pair in t.rows.windows(2) {
        assert!(pair[0].swing.abs() >= pair[1].swing.abs());
    }
    let row = |name: &str| t.rows.iter().find(|r| r.parameter == name).unwrap();
    assert!(row("acceptance_intercept").swing > 0.0);
    assert_eq!(row("reference_firearms").swing, 0.0);
    assert_eq!(row("within_range_share").group, Group::Sentencing);
    assert!(!row("within_range_share").range_assumed);
    assert!(t
        .rows
        .iter()
        .any(|r| r.group == Group::ReferralPopulation && r.swing != 0.0));
    assert!(t.central.scenario_prison_years_per_100 > t.central.baseline_prison_years_per_100);
    let new_run = || {
        SensitivityRun::new(
            &caseload,
            Some(&mix),
            &base,
            s,
            Metric::ScenarioPrisonYearsPer100,
            ChargePolicy::Best,
        )
        .unwrap()
    };
    // The same rows when computed a few parameters at a time.
    let mut run = new_run();
    while !run.is_done() {
        assert!(run.step(5).unwrap() > 0);
    }
    assert_eq!(run.progress(), 1.0);
    assert_eq!(run.result(), t);
    // And a few referrals at a time, as the page runs it between frames: progress only grows.
    let mut run = new_run();
    let (mut last, mut calls) = (run.progress(), 0);
    while !run.is_done() {
        assert!(run.advance(7).unwrap() <= 7);
        assert!(run.progress() >= last, "{} after {last}", run.progress());
        last = run.progress();
        calls += 1;
    }
    assert!(
        calls > 4 * t.rows.len(),
        "{calls} calls: the work was split"
    );
    assert_eq!(run.progress(), 1.0);
    assert_eq!(run.result(), t);
}

/// Two projections with the same seed are identical; the summary reports the seed.
#[test]
fn same_seed_same_projection() {
    let base = Baseline::embedded();
    let s = preset("today_bsca_819").unwrap();
    let caseload = Caseload::default_population();
    let run = |seed| {
        let mut p = Projection::new(&caseload, &base, s, seed, 200, ChargePolicy::Best).unwrap();
        while !p.is_done() {
            p.step(64);
        }
        p.summary()
    };
    let a = run(42);
    assert_eq!(a, run(42));
    assert_eq!(a.seed, 42);
    assert_eq!(a.draws, 200);
    assert_ne!(a.baseline, run(43).baseline);
}

fn threshold(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threshold"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The commands: list, show (which reads back as a scenario file), project as table and
/// JSON with the same numbers, and bad input that names what is wrong with exit code 2.
#[test]
fn scenario_and_project_commands() {
    let (code, list, _) = threshold(&["scenario", "list"]);
    assert_eq!(code, 0);
    assert!(list.contains("| amendment_753 |"));
    let probe = std::env::temp_dir().join(format!("threshold-probe-{}.json", std::process::id()));
    std::fs::write(
        &probe,
        r#"{"law_era":"april_2011","charge":"straw_purchase_922a6","firearms":10,"trafficking_recipient":"dangerous","mexico_nexus":true,"knew_leaving_us":true,"large_capacity_semiautomatic":true}"#,
    )
    .unwrap();
    let (code, table, err) = threshold(&[
        "scenario",
        "compare",
        "amendment_753",
        probe.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains("| guideline range | level 17 → 24–30 mo | level 29 → 87–108 mo | +63 months at the bottom of the range | Nov. 2011 Guidelines Manual (amendment 753): +63 months at the bottom of the range |"),
        "{table}"
    );
    let (code, json, _) = threshold(&[
        "scenario",
        "compare",
        "today_bsca_819",
        probe.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let sbs: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(sbs["rows"].as_array().unwrap().len(), 6);
    let _ = std::fs::remove_file(&probe);
    let (code, shown, _) = threshold(&["scenario", "show", "gtpa_20yr_straw"]);
    assert_eq!(code, 0);
    let file = std::env::temp_dir().join(format!("threshold-scenario-{}.json", std::process::id()));
    std::fs::write(&file, &shown).unwrap();
    let path = file.to_str().unwrap();
    let args = |format: &'static str| {
        vec![
            "project",
            "--scenario",
            path,
            "--referrals",
            "50",
            "--draws",
            "40",
            "--seed",
            "9",
            "--format",
            format,
        ]
    };
    let (code, table, err) = threshold(&args("table"));
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains("| prison-years per 100 referrals |"),
        "{table}"
    );
    assert!(table.contains("seed 9, 40 draws"));
    let (code, json, _) = threshold(&args("json"));
    assert_eq!(code, 0);
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["seed"], 9);
    assert_eq!(summary["baseline"]["referrals"], 50);
    let _ = std::fs::remove_file(&file);
    for (bad, says) in [
        (vec!["project", "--scenario", "nope"], "no preset"),
        (vec!["project"], "--scenario"),
        (
            vec!["project", "--scenario", "amendment_753", "--draws", "0"],
            "--draws",
        ),
        (
            vec!["project", "--scenario", "amendment_753", "--seed", "-1"],
            "--seed",
        ),
        (
            vec!["project", "--scenario", "amendment_753", "--colour", "red"],
            "--colour",
        ),
        (
            vec![
                "project",
                "--scenario",
                "amendment_753",
                "--cases",
                "/no/such.csv",
            ],
            "cannot read",
        ),
        (vec!["scenario", "show", "nope"], "no preset"),
        (
            vec![
                "sensitivity",
                "--scenario",
                "amendment_753",
                "--metric",
                "x",
            ],
            "--metric",
        ),
    ] {
        let (code, _, err) = threshold(&bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(err.contains(says), "{bad:?}: {err}");
    }
}

/// A CSV line at fault is named by its line number.
#[test]
fn project_names_the_bad_csv_line() {
    let file = std::env::temp_dir().join(format!("threshold-cases-{}.csv", std::process::id()));
    std::fs::write(
        &file,
        "law_era,charge,firearms\napril_2011,straw_purchase_922a6,3\napril_2011,straw_purchase_922a6,many\n",
    )
    .unwrap();
    let (code, _, err) = threshold(&[
        "project",
        "--scenario",
        "amendment_753",
        "--cases",
        file.to_str().unwrap(),
    ]);
    let _ = std::fs::remove_file(&file);
    assert_eq!(code, 2);
    assert!(err.contains("line 3") && err.contains("firearms"), "{err}");
}

/// The README shows what the commands print, not a stale copy.
#[test]
fn readme_shows_the_presets_and_a_projection() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&threshold_engine::scenario::presets_markdown()),
        "engine/README.md: paste the output of `threshold scenario list`"
    );
    let mut p = Projection::new(
        &Caseload::default_population(),
        &Baseline::embedded(),
        preset("amendment_753").unwrap(),
        2011,
        1000,
        ChargePolicy::Best,
    )
    .unwrap();
    p.step(1000);
    let table = threshold_engine::caseload::summary_markdown(&p.summary());
    assert!(
        readme.contains(table.trim_end()),
        "engine/README.md: paste `threshold project --scenario amendment_753 --draws 1000 --seed 2011`:\n{table}"
    );
    assert!(
        readme.contains(&threshold_engine::caseload::projection_fingerprint(2011, 100).to_string())
    );
}

//! The `threshold` command end to end: output shape, and exit code 2 with the field named
//! on bad input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn threshold(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_threshold"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("threshold runs");
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    // A command that does not read its input (e.g. `example`, or one that fails on its
    // arguments first) may exit before the write: a closed pipe is its answer, not a fault.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("threshold finishes")
}

#[test]
fn example_evaluates_with_the_promised_fields() {
    let example = threshold(&["example"], "");
    assert!(example.status.success());
    let out = threshold(
        &["evaluate", "-"],
        &String::from_utf8_lossy(&example.stdout),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "offense_level",
        "criminal_history_category",
        "guideline_range_months",
        "zone",
        "statutory_max_months",
        "expected_sentence_months",
        "worksheet",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in ["mean", "median", "p10", "p90"] {
        assert!(v["expected_sentence_months"][key].is_number(), "{key}");
    }
    assert!(v["guideline_range_months"]["min"].is_number());
    assert!(!v["worksheet"]["steps"].as_array().unwrap().is_empty());
}

#[test]
fn life_maximum_is_null() {
    let out = threshold(
        &["evaluate", "-"],
        r#"{"law_era":"today","charge":"drug_conspiracy_841b1a","drug_grams":500000,"role":"organizer_leader","accepts_responsibility":false,"criminal_history":"VI"}"#,
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["guideline_range_months"]["max"].is_null());
    assert!(v["statutory_max_months"].is_null());
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let cases = [
        (
            r#"{"law_era":"today","charge":"trafficking_933","firearms":"many"}"#,
            "firearms",
        ),
        (
            r#"{"law_era":"today","charge":"trafficking_933","gun_count":3}"#,
            "gun_count",
        ),
        (
            r#"{"law_era":"april_2011","charge":"trafficking_933"}"#,
            "charge",
        ),
        (r#"{"law_era":"today"}"#, "charge"),
        ("{", "JSON"),
    ];
    for (input, named) in cases {
        let out = threshold(&["evaluate", "-"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(named), "{input}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(
        threshold(&["evaluate", "/no/such/file"], "").status.code(),
        Some(2)
    );
    assert_eq!(threshold(&["frobnicate"], "").status.code(), Some(2));
}

#[test]
fn calibrate_prints_the_table() {
    let out = threshold(&["calibrate"], "");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().filter(|l| l.starts_with("| (")).count(), 5);
    // Every seed-paper row and every fitted prosecution row holds; the rows shown for
    // comparison only (months per conviction, Nevada) may not.
    for line in text.lines().filter(|l| l.ends_with("| no |")) {
        assert!(
            line.contains("not fitted") || line.contains("Nevada"),
            "{line}"
        );
    }
    assert!(text.contains("| share of referrals declined |"));
    assert!(text.contains("District of Arizona"));
}

/// The lone straw purchaser of REFERENCE §3 with a recovered crime gun, 12 guns: just
/// under the fitted threshold of 13.
const STRAW_12: &str = r#"{"law_era":"april_2011","manual":"2010","charge":"straw_purchase_922a6","firearms":12,"crime_gun_recovered":true}"#;

#[test]
fn evaluate_prints_the_prosecution_model() {
    let out = threshold(&["evaluate", "-"], STRAW_12);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let accept = v["acceptance_probability"].as_f64().unwrap();
    let convict = v["conviction_probability"].as_f64().unwrap();
    let per_referral = v["expected_prison_months_per_referral"].as_f64().unwrap();
    let reasons: f64 = [
        "low_penalty",
        "weak_evidence",
        "no_intent_evidence",
        "other",
    ]
    .iter()
    .map(|k| v["decline_reasons"][k].as_f64().unwrap())
    .sum();
    // Three-decimal output: the parts may each be off by 0.0005.
    assert!(
        (reasons - (1.0 - accept)).abs() < 0.003,
        "{reasons} vs {accept}"
    );
    // Twelve guns with a crime gun sit just past the fitted 50% threshold (11 firearms).
    assert!(
        accept > 0.5 && accept < 0.6 && convict > 0.9,
        "{accept} {convict}"
    );
    let mean = v["expected_sentence_months"]["mean"].as_f64().unwrap();
    assert!((per_referral - accept * convict * mean).abs() < 0.01);
    assert_eq!(v["offense_level"], 13);
}

#[test]
fn compare_ranks_charges_as_json_and_table() {
    let joint = STRAW_12.replace(
        '}',
        r#","mexico_nexus":true,"ice_joint_investigation":true}"#,
    );
    let out = threshold(&["compare", "-"], &joint);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let options = v["options"].as_array().unwrap();
    assert_eq!(options.len(), 7);
    assert_eq!(
        options[0]["charges"],
        serde_json::json!(["straw_purchase_922a6", "smuggling_554"])
    );
    for key in [
        "acceptance_probability",
        "decline_reasons",
        "conviction_probability",
        "expected_months_if_convicted",
        "expected_prison_months_per_referral",
    ] {
        assert!(options[0].get(key).is_some(), "missing {key}");
    }
    let out = threshold(&["compare", "--format", "table", "-"], &joint);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().filter(|l| l.starts_with("| ")).count(), 8); // header + 7
    assert!(text.contains("| 1 | 18 U.S.C. 922(a)(6), 924(a)(2) + 18 U.S.C. 554 |"));
    let out = threshold(&["compare", "-", "--format", "xml"], &joint);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn prosecution_overrides_are_read_and_checked() {
    let wrapped = format!(r#"{{"case":{STRAW_12},"prosecution_params":{{"crime_gun_weight":3}}}}"#);
    let out = threshold(&["evaluate", "-"], &wrapped);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["acceptance_probability"].as_f64().unwrap() > 0.5);
    for (params, named) in [
        (r#"{"crime_gun_weight":-3}"#, "crime_gun_weight"),
        (r#"{"crime_gun":3}"#, "prosecution_params"),
    ] {
        let wrapped = format!(r#"{{"case":{STRAW_12},"prosecution_params":{params}}}"#);
        let out = threshold(&["compare", "-"], &wrapped);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(named), "{err}");
    }
}

#[test]
fn threshold_calibration_and_parameter_commands() {
    let out = threshold(&["find-threshold", "-"], STRAW_12);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["firearms"], 11);
    let out = threshold(&["calibrate-prosecution"], "");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("| share of referrals declined |"));
    assert!(text.contains("18 U.S.C. 554"));
    let out = threshold(&["params"], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().filter(|l| l.starts_with("| `")).count(), 19);
}

/// `range` and `evaluate` take every edition's code, and `range` defaults to the newest.
#[test]
fn range_and_evaluate_accept_every_edition() {
    for edition in threshold_engine::ManualEdition::all() {
        let out = threshold(&["range", "20", "I", edition.code()], "");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("33–41"),
            "{edition:?}: {text}"
        );
        let case = format!(
            r#"{{"law_era":"today","manual":"{}","charge":"straw_purchase_922a6","firearms":5}}"#,
            edition.code()
        );
        let out = threshold(&["evaluate", "-"], &case);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["manual"], edition.code());
    }
    let out = threshold(&["range", "20", "I", "2017"], "");
    assert_eq!(out.status.code(), Some(2), "there was no 2017 Manual");
}

/// The law commands: every edition with its status, one case's timeline as a table and as
/// JSON, and the law of an edition or of a day.
#[test]
fn law_commands_show_editions_timelines_and_days() {
    let out = threshold(&["editions"], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.contains("| 2026 | Nov. 1, 2026 | none | not verified |"),
        "{text}"
    );
    assert!(text.contains("amendment 834"));

    let case = r#"{"law_era":"today","charge":"straw_purchase_922a6","firearms":10,"knew_leaving_us":true}"#;
    let out = threshold(&["law", "timeline", "-"], case);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("| Nov. 1, 2011 |") && text.contains("level 17 → 24–30 mo"),
        "{text}"
    );
    let out = threshold(&["law", "timeline", "-", "--format", "json"], case);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = v["events"].as_array().unwrap();
    assert_eq!(events[0]["after"]["offense_level"], 13);
    assert!(events
        .iter()
        .any(|e| e["edition"] == "2011" && e["after"]["offense_level"] == 17));

    let out = threshold(&["law", "show", "2025"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["edition"], "2025");
    assert!(v["provenance"]["2k2_1.conversion_devices"].is_object());

    let out = threshold(&["law", "show", "2022-06-25"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["edition"], "2021");
    let charges = v["charges"].as_array().unwrap();
    assert!(charges.iter().any(|c| c["charge"] == "trafficking_933"));
    let out = threshold(&["law", "show", "2022-06-24"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let charges = v["charges"].as_array().unwrap();
    assert!(!charges.iter().any(|c| c["charge"] == "trafficking_933"));

    let out = threshold(&["law", "show", "1999"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("EDITION must be one of"));
}

/// `project` draws the full uncertainty by default and chance alone on request; a district
/// changes the acceptance odds; an unknown one is refused naming the known ones.
#[test]
fn project_uncertainty_and_district() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "project",
            "--scenario",
            "today_bsca_819",
            "--draws",
            "200",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let out = threshold(&args, "");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let full = run(&[]);
    assert_eq!(full["uncertainty"], "full");
    let width = |v: &serde_json::Value| v["p95"].as_f64().unwrap() - v["p5"].as_f64().unwrap();
    assert!(
        width(&full["full"]["difference_prison_years"]) > width(&full["difference_prison_years"])
    );
    let chance = run(&["--uncertainty", "chance"]);
    assert!(chance.get("full").is_none());
    assert_eq!(
        chance["difference_prison_years"],
        full["difference_prison_years"]
    );
    let arizona = run(&["--district", "d_ariz"]);
    let accepted = |v: &serde_json::Value| v["baseline"]["expected"]["accepted"].as_f64().unwrap();
    assert!(accepted(&arizona) < accepted(&full));
    let out = threshold(
        &[
            "project",
            "--scenario",
            "today_bsca_819",
            "--district",
            "mars",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("d_ariz"));
    let out = threshold(
        &[
            "project",
            "--scenario",
            "today_bsca_819",
            "--uncertainty",
            "some",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn backtest_prints_the_groups_and_the_cases_furthest_off() {
    let out = threshold(&["backtest"], "");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("| all | all |"));
    assert!(text.contains("Furthest off:"));
    let out = threshold(&["backtest", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["cases"].as_array().unwrap().len() >= 40);
    assert_eq!(
        threshold(&["backtest", "--format", "xml"], "")
            .status
            .code(),
        Some(2)
    );
}

/// Every metric `threshold --help` names is one `sensitivity` takes, spelt as it prints it.
#[test]
fn sensitivity_takes_each_metric_the_help_names() {
    let help = String::from_utf8(threshold(&["--help"], "").stdout).unwrap();
    for metric in [
        "delta_prison_years_per_100",
        "delta_accepted_per_100",
        "scenario_prison_years_per_100",
        "scenario_accepted_per_100",
    ] {
        assert!(help.contains(metric), "{metric} not in the help");
        let out = threshold(
            &[
                "sensitivity",
                "--scenario",
                "status_quo_2011",
                "--referrals",
                "40",
                "--metric",
                metric,
            ],
            "",
        );
        assert!(
            out.status.success(),
            "{metric}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains(metric));
    }
}

/// Every JSON and CSV output that mirrors a page download names the engine, the Manual, the
/// statutes' day, the law data's day and the seed; without randomness the seed is 2011.
#[test]
fn json_and_csv_outputs_carry_the_stamp() {
    let version = env!("CARGO_PKG_VERSION");
    let law_as_of = threshold_engine::edition::law_as_of().to_string();
    let newest = threshold_engine::ManualEdition::latest().effective();
    let case = r#"{"law_era":"april_2011","charge":"straw_purchase_922a6","firearms":12}"#;
    let run = |args: &[&str], stdin: &str| {
        let out = threshold(args, stdin);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let expected = |seed: u64| {
        serde_json::json!({
            "engine_version": version,
            "manual": "2010-11-01",
            "statutes_on": "2011-04-01",
            "law_as_of": law_as_of,
            "seed": seed,
        })
    };
    let dir = std::env::temp_dir().join(format!("threshold-stamp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case_file = dir.join("case.json");
    std::fs::write(&case_file, case).unwrap();
    let case_path = case_file.to_str().unwrap();
    let stamp = format!(",{version},2010-11-01,2011-04-01,{law_as_of},2011");
    let v: serde_json::Value = serde_json::from_str(&run(&["evaluate", "-"], case)).unwrap();
    assert_eq!(v["stamp"], expected(2011));
    for format in ["json", "csv"] {
        let compare = run(&["compare", "-", "--format", format], case);
        let side = ["scenario", "compare", "hr_2554_2011", case_path, "--format"];
        let side = run(&[&side[..], &[format]].concat(), "");
        let project = ["project", "--scenario", "hr_2554_2011", "--draws", "20"];
        let project = run(
            &[&project[..], &["--seed", "77", "--format", format]].concat(),
            "",
        );
        if format == "json" {
            for json in [&compare, &side] {
                let v: serde_json::Value = serde_json::from_str(json).unwrap();
                assert_eq!(v["stamp"], expected(2011), "{json}");
            }
            let v: serde_json::Value = serde_json::from_str(&project).unwrap();
            assert_eq!((&v["stamp"], &v["seed"]), (&expected(77), &77.into()));
            continue;
        }
        for csv in [&compare, &side] {
            let mut lines = csv.lines();
            let header = lines.next().unwrap();
            assert!(header.ends_with(",engine_version,manual,statutes_on,law_as_of,seed"));
            for line in lines {
                assert!(line.ends_with(&stamp), "{line}");
            }
        }
        // The projection's own seed column stands for the stamp's.
        for line in project.lines().skip(1) {
            let end = format!(",{version},2010-11-01,2011-04-01,{law_as_of}");
            assert!(line.ends_with(&end) && line.contains(",77,20,"), "{line}");
        }
    }
    let batch_file = dir.join("cases.csv");
    std::fs::write(
        &batch_file,
        "law_era,charge,firearms\napril_2011,straw_purchase_922a6,12\n\
         today,trafficking_933,12\n",
    )
    .unwrap();
    let batch = run(&["batch", batch_file.to_str().unwrap()], "");
    let lines: Vec<&str> = batch.lines().collect();
    assert!(lines[0].ends_with(",error,engine_version,manual,statutes_on,law_as_of,seed"));
    assert!(lines[1].ends_with(&stamp), "{}", lines[1]);
    assert!(
        lines[2].ends_with(&format!(",{version},{newest},{law_as_of},{law_as_of},2011")),
        "{}",
        lines[2]
    );
    std::fs::remove_dir_all(&dir).ok();
}

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
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
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
    assert!(!text.contains("| no |"));
}

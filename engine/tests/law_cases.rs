//! Legal cases as data: one file of named cases per Manual edition in `tests/law/`, each with
//! its hand arithmetic and source, checked against the engine; every edition must have some.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;
use threshold_engine::{evaluate, Case, Law, ManualEdition, SentencingParams};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LegalCase {
    name: String,
    /// The provisions the arithmetic applies, with the Manual.
    source: String,
    /// The computation written out by hand.
    arithmetic: String,
    case: serde_json::Value,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    offense_level: i32,
    /// [min, max]; `null` for a maximum of life.
    #[serde(default)]
    range: Option<(u32, Option<u32>)>,
    #[serde(default)]
    zone: Option<String>,
    #[serde(default)]
    statutory_max_months: Option<u32>,
    /// False when a statute bars probation.
    #[serde(default)]
    probation_allowed: Option<bool>,
    /// Worksheet rules that must appear.
    #[serde(default)]
    rules: Vec<String>,
    /// Worksheet rules that must not appear.
    #[serde(default)]
    absent_rules: Vec<String>,
}

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/law")
}

#[test]
fn every_legal_case_holds() {
    let mut failures = Vec::new();
    let mut editions_with_cases = BTreeSet::new();
    let mut total = 0;
    for entry in std::fs::read_dir(cases_dir()).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let edition = ManualEdition::from_code(&stem)
            .unwrap_or_else(|| panic!("{}: not an edition's code", path.display()));
        let text = std::fs::read_to_string(&path).unwrap();
        let cases: Vec<LegalCase> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for c in cases {
            assert!(
                !c.arithmetic.trim().is_empty() && !c.source.trim().is_empty(),
                "{}",
                c.name
            );
            let case = Case::from_value(c.case.clone())
                .unwrap_or_else(|e| panic!("{stem}, {}: {e}", c.name));
            let e = evaluate(&case, Law::embedded(), SentencingParams::embedded())
                .unwrap_or_else(|e| panic!("{stem}, {}: {e}", c.name));
            assert_eq!(
                e.manual, edition,
                "{stem}, {}: evaluated under another Manual",
                c.name
            );
            let x = &c.expect;
            let mut wrong = Vec::new();
            if e.offense_level != x.offense_level {
                wrong.push(format!(
                    "level {} (expected {})",
                    e.offense_level, x.offense_level
                ));
            }
            if let Some((min, max)) = x.range {
                let got = (e.guideline_range_months.min, e.guideline_range_months.max);
                if got != (min, max) {
                    wrong.push(format!("range {got:?} (expected {:?})", (min, max)));
                }
            }
            if let Some(zone) = &x.zone {
                if &e.zone.to_string() != zone {
                    wrong.push(format!("zone {} (expected {zone})", e.zone));
                }
            }
            if x.statutory_max_months.is_some() && e.statutory_max_months != x.statutory_max_months
            {
                wrong.push(format!("maximum {:?}", e.statutory_max_months));
            }
            if x.probation_allowed
                .is_some_and(|p| p != e.probation_allowed)
            {
                wrong.push(format!("probation allowed: {}", e.probation_allowed));
            }
            if !e.probation_allowed && e.expected_sentence_months.p_probation != 0.0 {
                wrong.push("a chance of probation where a statute bars it".into());
            }
            let rules: Vec<&str> = e.worksheet.steps.iter().map(|s| s.rule.as_str()).collect();
            for r in &x.rules {
                if !rules.contains(&r.as_str()) {
                    wrong.push(format!("no step {r} in {rules:?}"));
                }
            }
            for r in &x.absent_rules {
                if rules.contains(&r.as_str()) {
                    wrong.push(format!("a step {r} that should not apply"));
                }
            }
            if !wrong.is_empty() {
                failures.push(format!(
                    "{stem}, {}: {} — {}",
                    c.name,
                    wrong.join("; "),
                    c.arithmetic
                ));
            }
            total += 1;
        }
        editions_with_cases.insert(stem);
    }
    let missing: Vec<&str> = ManualEdition::all()
        .map(|e| e.code())
        .filter(|code| !editions_with_cases.contains(*code))
        .collect();
    assert!(
        missing.is_empty(),
        "editions with no legal cases: {missing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

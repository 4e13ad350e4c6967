//! Golden snapshots of the resolved law: each Manual edition as the engine applies it,
//! written to `tests/golden/`, so any change to a rule shows as a reviewable diff.
//!
//! `UPDATE_GOLDEN=1 cargo test -p threshold-engine golden` rewrites the files.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::law::Law;
use crate::sentencing_table::{guideline_range, zone_bands_json, CriminalHistory, MAX_LEVEL};
use crate::ManualEdition;

fn snapshot(law: &Law, edition: ManualEdition) -> Value {
    let find = |items: Vec<Value>| {
        items
            .into_iter()
            .find(|v| v["edition"] == json!(edition.code()))
            .unwrap_or(Value::Null)
    };
    let to_values = |v: Value| v.as_array().cloned().unwrap_or_default();
    json!({
        "edition": edition.code(),
        "firearms_2k2_1": find(to_values(serde_json::to_value(&law.firearms).unwrap())),
        "export_2m5_2": find(to_values(serde_json::to_value(&law.export).unwrap())),
        "drugs_2d1_1": find(to_values(serde_json::to_value(&law.drugs).unwrap())),
        "chapter_three": find(to_values(serde_json::to_value(&law.chapter_three).unwrap())),
        "zones": find(to_values(zone_bands_json())),
        "sentencing_table": (1..=MAX_LEVEL)
            .map(|level| {
                let cells: Vec<String> = CriminalHistory::ALL
                    .into_iter()
                    .map(|c| guideline_range(level, c).to_string())
                    .collect();
                format!("{level}: {}", cells.join(" | "))
            })
            .collect::<Vec<_>>(),
    })
}

fn statutes(law: &Law) -> Value {
    serde_json::to_value(&law.charges).unwrap()
}

fn check(name: &str, value: &Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        golden == text,
        "{} differs from the resolved law; review the diff after UPDATE_GOLDEN=1",
        path.display()
    );
}

#[test]
fn resolved_law_matches_the_golden_snapshots() {
    let law = Law::embedded();
    for edition in ManualEdition::ALL {
        check(
            &format!("law-{}.json", edition.code()),
            &snapshot(law, edition),
        );
    }
    check("statutes.json", &statutes(law));
}

//! Golden snapshots of the resolved law: each Manual edition as the engine applies it,
//! written to `tests/golden/`, so any change to a rule shows as a reviewable diff.
//!
//! `UPDATE_GOLDEN=1 cargo test -p threshold-engine golden` rewrites the files.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::law::{Law, Manual};
use crate::sentencing_table::{guideline_range, CriminalHistory, MAX_LEVEL};
use crate::ManualEdition;

/// One resolved edition: every rule by its stable id with its citation, and for each rule
/// the amendments that changed it and how its present text was verified.
fn snapshot(manual: &Manual) -> Value {
    let provenance: serde_json::Map<String, Value> = manual
        .provenance
        .iter()
        .map(|(id, p)| {
            let mut row = json!({ "verified": p.verified.status });
            if !p.amended_by.is_empty() {
                row["amended_by"] = json!(p.amended_by);
            }
            (id.clone(), row)
        })
        .collect();
    json!({
        "edition": manual.edition.code(),
        "effective": manual.edition.effective(),
        "text": manual.text,
        "provenance": provenance,
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

/// The felony classes, then every charge with its penalties as dated periods, each cited
/// and verified.
fn statutes(law: &Law) -> Value {
    json!({ "sentencing": law.sentencing_statutes, "charges": law.charges })
}

/// JSON with each object or array that fits in 100 columns kept on one line, so that a
/// golden diff shows one line per changed rule.
fn compact(v: &Value, indent: usize, out: &mut String) {
    let one = v.to_string();
    let nested = match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    };
    if !nested || indent + one.len() <= 100 {
        out.push_str(&one);
        return;
    }
    let pad = " ".repeat(indent + 2);
    let (open, close) = if v.is_object() {
        ('{', '}')
    } else {
        ('[', ']')
    };
    out.push(open);
    let items: Vec<(Option<&String>, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, x)| (Some(k), x)).collect(),
        Value::Array(a) => a.iter().map(|x| (None, x)).collect(),
        _ => Vec::new(),
    };
    for (i, (key, item)) in items.iter().enumerate() {
        out.push('\n');
        out.push_str(&pad);
        if let Some(key) = key {
            out.push_str(&Value::from(key.as_str()).to_string());
            out.push_str(": ");
        }
        compact(item, indent + 2, out);
        if i + 1 < items.len() {
            out.push(',');
        }
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(close);
}

fn check(name: &str, value: &Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let mut text = String::new();
    compact(value, 0, &mut text);
    text.push('\n');
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
    for edition in ManualEdition::all() {
        let manual = law.manual(edition).unwrap();
        check(&format!("law-{}.json", edition.code()), &snapshot(manual));
    }
    check("statutes.json", &statutes(law));
}

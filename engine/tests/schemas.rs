//! The published JSON Schemas hold to the types that read the files.
//!
//! The checked-in schemas are what the types generate, real files validate against them,
//! and a file the engine refuses the schema refuses too.
//! `UPDATE_SCHEMAS=1 cargo test -p threshold-engine --test schemas` rewrites the files in
//! `docs/schemas/`.
#![cfg(all(feature = "schema", not(target_arch = "wasm32")))]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{json, Value};
use threshold_engine::files::{CaseloadFile, ProposalFile, WorkspaceFile, VERSION};
use threshold_engine::scenario::{preset, presets, standard_probe, Scenario};
use threshold_engine::schema::schema_files;
use threshold_engine::{Case, Date, Law, ProsecutionOverrides, SentencingOverrides, Stamp};

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schemas")
}

/// The checked-in schema, as a reader of the repository finds it (the first test holds it
/// equal to the generated one), built once: the property tests ask for it on every input.
fn validator(name: &str) -> &'static jsonschema::Validator {
    static CASE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static WORKSPACE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static PROPOSAL: OnceLock<jsonschema::Validator> = OnceLock::new();
    let cell = match name {
        "case" => &CASE,
        "workspace" => &WORKSPACE,
        _ => &PROPOSAL,
    };
    cell.get_or_init(|| build_validator(name))
}

fn build_validator(name: &str) -> jsonschema::Validator {
    let path = schemas_dir().join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run UPDATE_SCHEMAS=1)", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{name}: not a valid JSON Schema: {e}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, what: &str, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance:#}");
}

#[test]
fn checked_in_schemas_are_what_the_types_generate() {
    let dir = schemas_dir();
    let files = schema_files();
    for file in &files {
        let path = dir.join(&file.file_name);
        let generated = serde_json::to_string_pretty(&file.schema).unwrap() + "\n";
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            // Renamed into place whole: the other tests read these files meanwhile.
            std::fs::create_dir_all(&dir).unwrap();
            let part = path.with_extension("json.part");
            std::fs::write(&part, &generated).unwrap();
            std::fs::rename(&part, &path).unwrap();
            continue;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "docs/schemas/{} differs from the types; run \
             UPDATE_SCHEMAS=1 cargo test -p threshold-engine --test schemas and review the diff",
            file.file_name
        );
    }
    // A schema left behind by a renamed or removed format would mislead its readers.
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = files.iter().map(|f| f.file_name.clone()).collect();
    expected.sort();
    assert_eq!(
        on_disk, expected,
        "docs/schemas/ holds a file no type generates"
    );
    let readme = include_str!("../../README.md");
    for file in &expected {
        assert!(
            readme.contains(&format!("(docs/schemas/{file})")),
            "README.md: link docs/schemas/{file} under File formats"
        );
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn data(path: &str) -> Value {
    read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
}

/// The cases as their files write them (not read and written again): the example cases of
/// the form and every legal case of every edition.
#[test]
fn every_case_in_the_data_and_the_legal_tests_validates() {
    let case = validator("case");
    let mut count = 0;
    for example in data("data/examples.json")["examples"].as_array().unwrap() {
        assert_valid(case, example["id"].as_str().unwrap(), &example["case"]);
        count += 1;
    }
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/law")).unwrap()
    {
        for legal in read_json(&entry.unwrap().path()).as_array().unwrap() {
            assert_valid(case, legal["name"].as_str().unwrap(), &legal["case"]);
            count += 1;
        }
    }
    assert!(count > 100, "only {count} cases found");
}

fn stamp() -> Stamp {
    Stamp::for_case(&standard_probe(), Law::embedded(), 2011)
}

fn proposal_file(scenario: &Scenario) -> Value {
    serde_json::to_value(ProposalFile {
        threshold: "proposal".into(),
        version: VERSION,
        exported: Some("2026-12-01T12:00:00.000Z".into()),
        proposal: scenario.clone(),
        stamp: Some(stamp()),
    })
    .unwrap()
}

/// A workspace with every part filled in, as the app writes one (the app's own tests
/// validate the files it really writes).
fn workspace_file() -> Value {
    let mut case =
        Case::from_value(data("data/examples.json")["examples"][2]["case"].clone()).unwrap();
    case.offense_date = Some("2024-03-01".parse().unwrap());
    case.evidence_strength = Some(0.6);
    let sentencing = SentencingOverrides {
        within_range_share: Some(0.5),
        ..Default::default()
    };
    let prosecution = ProsecutionOverrides {
        acceptance_intercept: Some(-0.5),
        ..Default::default()
    };
    let mut proposal = preset("gtpa_20yr_straw").unwrap().clone();
    proposal.id = "mine".into();
    serde_json::to_value(WorkspaceFile {
        threshold: "workspace".into(),
        version: VERSION,
        name: Some("Briefing".into()),
        exported: Some("2026-12-01T12:00:00.000Z".into()),
        engine_version: Some(threshold_engine::VERSION.into()),
        charges: Some(vec![case.charge]),
        case,
        sentencing_assumptions: sentencing,
        prosecution_assumptions: prosecution,
        preset: None,
        proposal: Some(proposal),
        caseload: CaseloadFile {
            seed: Some(2011),
            draws: Some(1000),
            mix: [("mexico_nexus_share".to_string(), 0.4)].into(),
        },
        stamp: Some(stamp()),
    })
    .unwrap()
}

#[test]
fn every_preset_as_a_proposal_file_and_a_full_workspace_validate() {
    let proposal = validator("proposal");
    for scenario in presets() {
        assert_valid(proposal, &scenario.id, &proposal_file(scenario));
    }
    assert_valid(validator("workspace"), "workspace", &workspace_file());
}

/// What the engine makes of a file: read it, and check the case's ranges as opening does.
fn engine_reads(kind: &str, file: &Value) -> bool {
    let case_ok = |case: &Case| case.validate().is_ok();
    match kind {
        "case" => Case::from_value(file.clone()).is_ok_and(|c| case_ok(&c)),
        "workspace" => {
            serde_json::from_value::<WorkspaceFile>(file.clone()).is_ok_and(|f| case_ok(&f.case))
        }
        _ => serde_json::from_value::<ProposalFile>(file.clone()).is_ok(),
    }
}

type Edit = (&'static str, fn(&mut Value));

fn at<'a>(file: &'a mut Value, pointer: &str) -> &'a mut Value {
    file.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"))
}

fn remove(file: &mut Value, pointer: &str, key: &str) {
    at(file, pointer).as_object_mut().unwrap().remove(key);
}

/// Each edit makes a file the engine refuses; the schema must refuse it too.
const CASE_EDITS: [Edit; 16] = [
    ("an unknown fact", |f| f["guns"] = json!(5)),
    ("a count as text", |f| f["firearms"] = json!("5")),
    ("a negative count", |f| f["firearms"] = json!(-1)),
    ("a fraction of a gun", |f| f["firearms"] = json!(1.5)),
    ("too many guns", |f| f["firearms"] = json!(1_000_001)),
    ("no counts", |f| f["counts"] = json!(0)),
    ("evidence above 1", |f| f["evidence_strength"] = json!(1.5)),
    ("negative grams", |f| f["drug_grams"] = json!(-1)),
    ("an unknown charge", |f| f["charge"] = json!("murder")),
    ("an unknown era", |f| f["law_era"] = json!("2011")),
    ("an unknown Manual", |f| f["manual"] = json!("1999")),
    ("a date without its zero", |f| {
        f["offense_date"] = json!("2011-4-01")
    }),
    ("a thirteenth month", |f| {
        f["offense_date"] = json!("2011-13-01")
    }),
    ("an unknown category", |f| {
        f["criminal_history"] = json!("VII")
    }),
    ("no charge", |f| remove(f, "", "charge")),
    ("a yes as text", |f| f["mexico_nexus"] = json!("yes")),
];

const WORKSPACE_EDITS: [Edit; 12] = [
    ("an unknown part", |f| f["notes"] = json!("x")),
    ("an unknown caseload setting", |f| {
        f["caseload"]["speed"] = json!(1)
    }),
    ("an unknown sentencing assumption", |f| {
        f["sentencing_assumptions"]["within_share"] = json!(0.5)
    }),
    ("an unknown prosecution assumption", |f| {
        f["prosecution_assumptions"]["intercept"] = json!(0.5)
    }),
    ("an assumption as text", |f| {
        f["prosecution_assumptions"]["acceptance_intercept"] = json!("high")
    }),
    ("an unknown count", |f| f["charges"] = json!(["murder"])),
    ("a fact as text", |f| f["case"]["firearms"] = json!("ten")),
    ("an unknown fact", |f| f["case"]["guns"] = json!(10)),
    ("a negative seed", |f| f["caseload"]["seed"] = json!(-1)),
    ("a version as text", |f| f["version"] = json!("1")),
    ("no case", |f| remove(f, "", "case")),
    ("an unknown key in a change's rule", |f| {
        at(f, "/proposal/changes/0/rule")["note"] = json!("x")
    }),
];

const PROPOSAL_EDITS: [Edit; 12] = [
    ("an unknown kind of change", |f| {
        at(f, "/proposal/changes/0/rule")["kind"] = json!("abolish")
    }),
    ("a rule without its charge", |f| {
        remove(f, "/proposal/changes/0/rule", "charge")
    }),
    ("an unknown key in a rule", |f| {
        at(f, "/proposal/changes/0/rule")["note"] = json!("x")
    }),
    ("a maximum as text", |f| {
        at(f, "/proposal/changes/0/rule")["max_months"] = json!("240")
    }),
    ("a change without its label", |f| {
        remove(f, "/proposal/changes/0", "label")
    }),
    ("an unknown key in a change", |f| {
        at(f, "/proposal/changes/0")["why"] = json!("x")
    }),
    ("an unknown claim", |f| {
        f["proposal"]["claims"] = json!(["everything"])
    }),
    ("an unknown fact in the probe case", |f| {
        f["proposal"]["probe"]["guns"] = json!(1)
    }),
    ("an unknown key in the proposal", |f| {
        f["proposal"]["author"] = json!("x")
    }),
    ("an unknown part", |f| f["notes"] = json!("x")),
    ("no proposal", |f| remove(f, "", "proposal")),
    ("changes as one object", |f| {
        f["proposal"]["changes"] = json!({})
    }),
];

#[test]
fn the_schemas_refuse_what_the_engine_refuses() {
    let case = data("data/examples.json")["examples"][0]["case"].clone();
    let proposal = proposal_file(preset("gtpa_20yr_straw").unwrap());
    for (kind, base, edits) in [
        ("case", case, &CASE_EDITS[..]),
        ("workspace", workspace_file(), &WORKSPACE_EDITS[..]),
        ("proposal", proposal, &PROPOSAL_EDITS[..]),
    ] {
        let schema = validator(kind);
        assert!(engine_reads(kind, &base), "{kind}: the unedited file");
        assert_valid(schema, kind, &base);
        for (what, edit) in edits {
            let mut file = base.clone();
            edit(&mut file);
            assert!(
                !engine_reads(kind, &file),
                "{kind}, {what}: the engine reads it"
            );
            assert!(
                !schema.is_valid(&file),
                "{kind}, {what}: the schema accepts it"
            );
        }
    }
}

/// Where the schemas and the engine part, said here so that a change to either is seen.
/// The schema lets through a whole number written 5.0 (JSON Schema counts it whole) and a
/// day before the first Manual (a rule across two fields' meaning, not a shape). It is
/// stricter on a day with spaces around it, which the engine trims, and on the stamp, which
/// opening skips unread: it is held to the shape Threshold writes.
#[test]
fn the_known_differences_are_these_alone() {
    let case = validator("case");
    let base = data("data/examples.json")["examples"][0]["case"].clone();
    for (what, key, value, engine, schema) in [
        ("5.0 guns", "firearms", json!(5.0), false, true),
        (
            "a day before the first Manual",
            "offense_date",
            json!("2009-06-01"),
            false,
            true,
        ),
        (
            "a day with spaces",
            "offense_date",
            json!(" 2011-04-01 "),
            true,
            false,
        ),
    ] {
        let mut file = base.clone();
        file[key] = value;
        assert_eq!(
            engine_reads("case", &file),
            engine,
            "{what}: the engine changed"
        );
        assert_eq!(case.is_valid(&file), schema, "{what}: the schema changed");
    }
    let mut file = proposal_file(&presets()[0]);
    file["stamp"] = json!({"edited": true});
    assert!(engine_reads("proposal", &file));
    assert!(!validator("proposal").is_valid(&file));
}

/// Every field with a range in the case schema, and whether it is whole.
const RANGED: [(&str, bool); 8] = [
    ("counts", true),
    ("criminal_history_points", true),
    ("firearms", true),
    ("prior_violent_or_drug_felonies", true),
    ("conversion_devices", true),
    ("ammunition_rounds", true),
    ("drug_grams", false),
    ("evidence_strength", false),
];

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-3i64..=120).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            255i64,
            256,
            1_000_000,
            1_000_001,
            100_000_000,
            100_000_001
        ])
        .prop_map(Value::from),
        (-2.0f64..2.0).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no infinity", |x| x.is_finite())
            .prop_map(Value::from),
    ]
}

proptest! {
    /// On every ranged number the case schema and the engine agree, except that the schema
    /// counts a whole float as a whole number (see above).
    #[test]
    fn the_case_schema_and_the_engine_agree_on_every_number(
        field in prop::sample::select(RANGED.to_vec()),
        value in number(),
    ) {
        let (name, whole) = field;
        if whole && value.as_f64().is_some_and(|x| value.is_f64() && x.fract() == 0.0) {
            return Ok(());
        }
        let mut file = json!({"law_era": "today", "charge": "trafficking_933"});
        file[name] = value;
        prop_assert_eq!(
            engine_reads("case", &file),
            validator("case").is_valid(&file),
            "{}",
            file
        );
    }

    /// The schema reads the same days as the engine: its pattern holds the years and the
    /// form, and its format the calendar (February 30 is refused by a validator that checks
    /// formats, as this one does; one that only notes them lets it through).
    #[test]
    fn the_case_schema_and_the_engine_read_the_same_days(
        year in 1850u16..2250,
        month in 0u8..14,
        day in 0u8..33,
    ) {
        let text = format!("{year:04}-{month:02}-{day:02}");
        let mut file = json!({"law_era": "today", "charge": "trafficking_933"});
        file["sentencing_date"] = json!(text);
        // The day alone: a case also refuses days before the first Manual (see above).
        prop_assert_eq!(
            serde_json::from_value::<Date>(json!(text)).is_ok(),
            validator("case").is_valid(&file),
            "{}",
            file
        );
    }
}

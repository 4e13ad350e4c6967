//! The published JSON Schemas hold to the types that read the files.
//!
//! The checked-in schemas are what the types generate.
//! `UPDATE_SCHEMAS=1 cargo test -p threshold-engine --test schemas` rewrites the files in
//! `docs/schemas/`.
#![cfg(all(feature = "schema", not(target_arch = "wasm32")))]

use std::path::PathBuf;

use threshold_engine::schema::schema_files;

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schemas")
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
}

//! The JSON Schemas of the case, workspace and proposal files, made from the types.
//!
//! `docs/schemas/` holds them, and `engine/tests/schemas.rs` fails when the checked-in files
//! and the types that read the files disagree.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};

use crate::case::Case;
use crate::files::{ProposalFile, WorkspaceFile};

/// One published schema: its file under `docs/schemas/` and its contents.
pub struct SchemaFile {
    pub file_name: String,
    pub schema: serde_json::Value,
}

/// Every file format's schema, in the order the README lists them.
pub fn schema_files() -> Vec<SchemaFile> {
    vec![
        schema_file::<Case>("case", "Threshold case file"),
        schema_file::<WorkspaceFile>("workspace", "Threshold workspace file"),
        schema_file::<ProposalFile>("proposal", "Threshold proposal file"),
    ]
}

/// The schema as the engine reads files: a field with a default may be left out, even where
/// the app always writes it.
fn schema_file<T: JsonSchema>(name: &str, title: &str) -> SchemaFile {
    let mut schema = SchemaSettings::draft2020_12()
        .for_deserialize()
        .with_transform(RecursiveTransform(unwrapped_description))
        .into_generator()
        .into_root_schema_for::<T>();
    // No address publishes these files: a URN names each format without promising one.
    schema.insert("$id".into(), format!("urn:threshold:schema:{name}").into());
    schema.insert("title".into(), title.into());
    SchemaFile {
        file_name: format!("{name}.schema.json"),
        schema: schema.to_value(),
    }
}

/// A doc comment's lines break where the source is wrapped at 100 columns; a reader of the
/// schema sees one paragraph.
fn unwrapped_description(schema: &mut Schema) {
    if let Some(serde_json::Value::String(text)) = schema.get_mut("description") {
        *text = text
            .split("\n\n")
            .map(|paragraph| paragraph.replace('\n', " "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
}

//! The workspace and proposal files as plain data: the shapes the app writes and opens.
//!
//! They live in the engine, beside the case and the proposal they hold, so that one set of
//! types gives both the files and their published JSON Schemas (`docs/schemas/`); how a file
//! is checked and opened, and the words of its errors, stay with the app.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::imposed::SentencingOverrides;
use crate::law::ChargeId;
use crate::prosecution::ProsecutionOverrides;
use crate::scenario::Scenario;
use crate::stamp::Stamp;

/// The version of both files this engine writes and opens.
pub const VERSION: u32 = 1;

/// A whole view of Threshold saved to a file: the case, the assumptions, the proposal and the
/// caseload settings, to keep, mail and open again.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkspaceFile {
    /// What the file is: always "workspace".
    #[cfg_attr(feature = "schema", schemars(extend("const" = "workspace")))]
    pub threshold: String,
    /// The version of the file's format: 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = VERSION)))]
    pub version: u32,
    /// The name the workspace was saved under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When it was written (date and time, UTC); for the reader, not read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
    /// The version of Threshold that wrote it; for the reader, not read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<String>,
    /// The case on the page.
    pub case: Case,
    /// The counts brought together; the first is the case's charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charges: Option<Vec<ChargeId>>,
    /// The likely-sentence assumptions the user changed.
    #[serde(default)]
    pub sentencing_assumptions: SentencingOverrides,
    /// The prosecution assumptions the user changed.
    #[serde(default)]
    pub prosecution_assumptions: ProsecutionOverrides,
    /// The proposal, when it is a preset: its identifier. With neither this nor "proposal",
    /// the page's default proposal applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The proposal in full, when it is not a preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Scenario>,
    /// The caseload projection's settings.
    #[serde(default)]
    pub caseload: CaseloadFile,
    /// Last, as a signature is: what made the figures of this view. Opening a file ignores
    /// it, so an absent or edited stamp never stops a file from opening.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "unread"
    )]
    pub stamp: Option<Stamp>,
}

/// The caseload projection's settings in a workspace file.
#[derive(Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseloadFile {
    /// The seed of the Monte Carlo draws: the same seed gives the same figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// How many times the caseload is drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub draws: Option<u64>,
    /// The referral population's parameters the user changed, by name.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(schema_with = "mix_schema"))]
    pub mix: BTreeMap<String, f64>,
}

/// A proposal saved to a file on its own, to open over any case.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProposalFile {
    /// What the file is: always "proposal".
    #[cfg_attr(feature = "schema", schemars(extend("const" = "proposal")))]
    pub threshold: String,
    /// The version of the file's format: 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = VERSION)))]
    pub version: u32,
    /// When it was written (date and time, UTC); for the reader, not read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
    /// The proposal.
    pub proposal: Scenario,
    /// What made the figures of the case it was written beside, as a proposal's figures
    /// depend on one. Opening a file ignores it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "unread"
    )]
    pub stamp: Option<Stamp>,
}

/// Reads past a stamp, whatever it holds: the figures come from the file's case and the
/// engine opening it, never from what the stamp says made them.
fn unread<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Stamp>, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| None)
}

/// Only the population's own parameter names are read (the app refuses any other), so the
/// schema lists them from the same table.
#[cfg(feature = "schema")]
fn mix_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = crate::caseload::ReferralPopulation::embedded()
        .params()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    schemars::json_schema!({
        "type": "object",
        "propertyNames": { "enum": names },
        "additionalProperties": { "type": "number" }
    })
}

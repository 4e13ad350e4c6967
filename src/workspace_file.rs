//! Workspace and proposal files: the whole view, or one proposal, as readable JSON to keep on
//! disk, mail, and open again; every file is checked as a share link is, and an error names
//! the field at fault.
//!
//! A file starts with `"threshold": "workspace"` (or `"proposal"`) and `"version": 1`. The
//! rest is written in full words, not a link's short keys, so a person can read and edit it.
//! Its shape is the engine's (`threshold_engine::files`), published as JSON Schemas in
//! `docs/schemas/`.
//! Each file carries a `"stamp"` (engine, Manual, statutes' day, law data's day, seed) for
//! the person who reads it later; opening a file ignores it, so an edited or absent stamp
//! never stops a file from opening.

use std::fmt;

use serde::Deserialize;
use threshold_engine::files::{CaseloadFile, ProposalFile, WorkspaceFile};
use threshold_engine::scenario::{presets, Scenario};
use threshold_engine::serde_words::serde_detail;
use threshold_engine::{Law, Stamp};

use crate::case_fields::case_field_label;
use crate::i18n::{render, t, tf, Arg, Lang, Message, Text};
use crate::parameters::{prosecution_param_label, prosecution_param_name, SentencingParam};
use crate::share_link::{self, SharedState};
use crate::state::AppState;

/// The version [`workspace_json`] and [`proposal_json`] write.
pub use threshold_engine::files::VERSION;

/// Files larger than this are refused before parsing: a workspace is a few kilobytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// What a file held.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    /// A whole view, and the name it was saved under, if any.
    Workspace(Box<AppState>, Option<String>),
    /// A proposal, checked to apply over the current assumptions.
    Proposal(Box<Scenario>),
}

/// Why a file was not opened, as a sentence in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// A whole sentence of its own.
    Says(Message),
    /// A share link's reason (a clause), said as a sentence of its own.
    Link(Message),
}

impl FileError {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FileError::Says(message) => render(lang, message),
            FileError::Link(reason) => {
                let reason = render(lang, reason);
                let mut chars = reason.chars();
                match chars.next() {
                    Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                    None => reason,
                }
            }
        }
    }
}

/// English, for logs and tests; the page shows [`FileError::text`] in its language.
impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for FileError {}

fn says(message: Message) -> FileError {
    FileError::Says(message)
}

/// Just enough of any file to know what it is.
#[derive(Deserialize)]
struct Header {
    threshold: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The whole view as a workspace file. `exported` is a timestamp supplied by the caller
/// (the engine has no clock).
pub fn workspace_json(state: &AppState, name: Option<&str>, exported: Option<&str>) -> String {
    let is_preset = presets().contains(&state.scenario);
    let file = WorkspaceFile {
        threshold: "workspace".into(),
        version: VERSION,
        name: name.map(str::to_string),
        exported: exported.map(str::to_string),
        engine_version: Some(threshold_engine::VERSION.to_string()),
        case: state.case.clone(),
        charges: Some(state.charges.clone()),
        sentencing_assumptions: state.sentencing_overrides.clone(),
        prosecution_assumptions: state.prosecution_overrides.clone(),
        preset: is_preset.then(|| state.scenario.id.clone()),
        proposal: (!is_preset).then(|| state.scenario.clone()),
        caseload: CaseloadFile {
            seed: Some(state.caseload.seed),
            draws: Some(state.caseload.draws as u64),
            mix: state.caseload.mix_edits().collect(),
        },
        stamp: Some(Stamp::for_case(
            &state.case,
            Law::embedded(),
            state.caseload.seed,
        )),
    };
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

/// The current proposal as a proposal file, stamped with the view it was written from.
pub fn proposal_json(scenario: &Scenario, stamp: &Stamp, exported: Option<&str>) -> String {
    let file = ProposalFile {
        threshold: "proposal".into(),
        version: VERSION,
        exported: exported.map(str::to_string),
        proposal: scenario.clone(),
        stamp: Some(stamp.clone()),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

/// Reads a workspace or proposal file. A proposal is checked against `current` (its
/// assumptions are the ones it will be applied over).
pub fn open(text: &str, current: &AppState) -> Result<Opened, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(says(
            Message::new("keep.file.too_large")
                .verbatim("size", text.len().to_string())
                .verbatim("max", MAX_FILE_BYTES.to_string()),
        ));
    }
    let header: Header = serde_json::from_str(text).map_err(|why| {
        says(Message::new("keep.file.not_json").with("why", serde_detail(&why.to_string())))
    })?;
    let kind = match header.threshold {
        Some(serde_json::Value::String(kind)) => kind,
        _ => return Err(says(Message::new("keep.file.no_kind"))),
    };
    match header.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(VERSION)) => {}
        Some(other) => {
            return Err(says(
                Message::new("keep.file.wrong_version")
                    .verbatim("version", VERSION.to_string())
                    .verbatim("other", other.to_string()),
            ))
        }
        None => return Err(says(Message::new("keep.file.no_version"))),
    }
    match kind.as_str() {
        "workspace" => open_workspace(text),
        "proposal" => open_proposal(text, current),
        other => Err(says(
            Message::new("keep.file.unknown_kind").verbatim("kind", format!("{other:?}")),
        )),
    }
}

/// serde's error in plain words, with the field at fault by its label on the page when it
/// has one ("Number of firearms: should be a whole number …"); otherwise the line and
/// column serde gives say where.
fn read<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, FileError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let detail = serde_detail(&e.into_inner().to_string());
        says(match field_words(&path) {
            Some(field) => Message::new("keep.file.field")
                .with("field", field)
                .with("detail", detail),
            None => Message::new("keep.file.at_root").with("detail", detail),
        })
    })
}

/// A place in a file (`case.firearms`, `proposal.changes[0].rule`) in a reader's words:
/// the last name the page labels, after the position of the item it is in ("change 1").
fn field_words(path: &str) -> Option<Text> {
    let mut item: Option<(&str, usize)> = None;
    let mut label: Option<Text> = None;
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        if let Some(index) = index {
            item = Some((name, index + 1));
        }
        let words = |lang| {
            case_field_label(lang, name)
                .map(|l| l.to_string())
                .or_else(|| SentencingParam::from_key(name).map(|p| p.label(lang).to_string()))
                .or_else(|| {
                    prosecution_param_name(lang, name).map(|_| prosecution_param_label(lang, name))
                })
                .or_else(|| match name {
                    "seed" => Some(t(lang, "caseload.seed").to_string()),
                    "draws" => Some(t(lang, "caseload.draws").to_string()),
                    _ => None,
                })
        };
        if let (Some(en), Some(es)) = (words(Lang::En), words(Lang::Es)) {
            label = Some(Text::new(en, es));
        }
    }
    let position = item.and_then(|(name, n)| {
        let key = match name {
            "changes" => "keep.file.change_number",
            "charges" => "keep.file.charge_number",
            _ => return None,
        };
        Some(Text::new(
            tf(Lang::En, key, &[("n", Arg::from(n))]),
            tf(Lang::Es, key, &[("n", Arg::from(n))]),
        ))
    });
    match (position, label) {
        (Some(p), Some(l)) => Some(Text::new(
            format!("{}, {}", p.en, l.en),
            format!("{}, {}", p.es, l.es),
        )),
        (p, l) => p.or(l),
    }
}

fn open_workspace(text: &str) -> Result<Opened, FileError> {
    let file: WorkspaceFile = read(text)?;
    let shared = SharedState {
        case: Some(file.case),
        charges: file.charges,
        sentencing: file.sentencing_assumptions,
        prosecution: file.prosecution_assumptions,
        preset: file.preset,
        scenario: file.proposal,
        seed: file.caseload.seed,
        draws: file.caseload.draws,
        mix: file.caseload.mix.into_iter().collect(),
        // A file is work, not a view: it opens in the reader's language.
        lang: None,
    };
    let state = share_link::from_shared(shared).map_err(|e| FileError::Link(e.reason))?;
    Ok(Opened::Workspace(Box::new(state), file.name))
}

fn open_proposal(text: &str, current: &AppState) -> Result<Opened, FileError> {
    let file: ProposalFile = read(text)?;
    let scenario = file.proposal;
    if let Some(probe) = &scenario.probe {
        probe.validate().map_err(|why| {
            says(Message::new("keep.file.probe_invalid").with("why", why.message()))
        })?;
    }
    let baseline = current.baseline().map_err(says)?;
    scenario
        .apply(&baseline)
        .map_err(|why| says(Message::new("keep.file.cannot_apply").with("why", why.message())))?;
    Ok(Opened::Proposal(Box::new(scenario)))
}

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

//! Share links: the whole view (case, charges, edited assumptions, proposal, caseload settings)
//! written into the URL fragment and read back, checked so that a broken or tampered link
//! can only ever give a plain message, never a panic or a state that fails later.
//!
//! Format **v1**: `v1.` followed by base64url (RFC 4648 §5, no padding) of a compact JSON
//! [`SharedState`]; every field equal to its default is left out, so the default view is
//! `v1.e30` (`{}`). Format **v0** (the first shape, still opened): `case=` followed by the
//! percent-encoded JSON of a case alone; everything else takes its default.
//!
//! Cases imported from a CSV file are not in the link: they may be many and private.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use threshold_engine::caseload::ReferralPopulation;
use threshold_engine::scenario::{preset, presets, Scenario};
use threshold_engine::{Case, ChargeId, ProsecutionOverrides, SentencingOverrides};

use crate::case_fields::case_error_words;
use crate::i18n::{render, verbatim, Lang, Message};
use crate::parameters::plain_refusal;
use crate::state::{AppState, CaseloadSettings, MAX_DRAWS};

/// The proposal a link means when it names none: amendment 753, the page's first proposal
/// when such links were written. Fixed, so a link keeps its meaning when the page's first
/// proposal changes.
pub(crate) const LINK_IMPLIED_SCENARIO: &str = "amendment_753";

/// The version written by [`encode`].
pub const VERSION: u32 = 1;

/// Longer fragments are refused before any decoding: a real link is a few hundred
/// characters, and an edited proposal a few thousand.
pub const MAX_LINK_BYTES: usize = 64 * 1024;

/// Why a link could not be opened, kept as a message so the page says it in the reader's
/// language.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareLinkError {
    /// The reason alone, a clause that fits into a longer sentence.
    pub reason: Message,
}

impl ShareLinkError {
    /// The reason, with any refused parameter said by its label and in its unit.
    fn new(reason: Message) -> ShareLinkError {
        ShareLinkError {
            reason: plain_refusal(&reason),
        }
    }

    /// The whole sentence the page shows: render it with `crate::i18n::render`.
    pub fn message(&self) -> Message {
        Message::new("keep.link.error").with("reason", self.reason.clone())
    }
}

/// English, for logs and tests; the page renders [`ShareLinkError::message`].
impl fmt::Display for ShareLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(Lang::En, &self.message()))
    }
}

impl std::error::Error for ShareLinkError {}

/// What a v1 link carries. Short keys keep links short; absent means default.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SharedState {
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub(crate) case: Option<Case>,
    /// Left out when it is just the case's own charge.
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub(crate) charges: Option<Vec<ChargeId>>,
    #[serde(rename = "s", default, skip_serializing_if = "is_default")]
    pub(crate) sentencing: SentencingOverrides,
    #[serde(rename = "p", default, skip_serializing_if = "is_default")]
    pub(crate) prosecution: ProsecutionOverrides,
    /// A preset, by id: presets are embedded, so the id is enough.
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    pub(crate) preset: Option<String>,
    /// The user's own edited proposal, in full.
    #[serde(rename = "y", default, skip_serializing_if = "Option::is_none")]
    pub(crate) scenario: Option<Scenario>,
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub(crate) seed: Option<u64>,
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub(crate) draws: Option<u64>,
    /// Edited synthetic-mix parameters as `[name, value]` pairs, in the order edited.
    #[serde(rename = "m", default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) mix: Vec<(String, f64)>,
    /// The page's language; always written, so a link reads as its sender saw it. Links
    /// made before languages leave it out and open in the reader's own.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<Lang>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The fragment (without `#`) that reproduces `state`, imported cases aside.
pub fn encode(state: &AppState) -> String {
    let defaults = AppState::default();
    let caseload_defaults = CaseloadSettings::default();
    let is_preset = presets().contains(&state.scenario);
    let shared = SharedState {
        case: (state.case != defaults.case).then(|| state.case.clone()),
        charges: (state.charges != [state.case.charge]).then(|| state.charges.clone()),
        sentencing: state.sentencing_overrides.clone(),
        prosecution: state.prosecution_overrides.clone(),
        preset: (is_preset && state.scenario.id != LINK_IMPLIED_SCENARIO)
            .then(|| state.scenario.id.clone()),
        scenario: (!is_preset).then(|| state.scenario.clone()),
        seed: (state.caseload.seed != caseload_defaults.seed).then_some(state.caseload.seed),
        draws: (state.caseload.draws != caseload_defaults.draws)
            .then_some(state.caseload.draws as u64),
        mix: state.caseload.mix_edits().collect(),
        lang: Some(state.lang),
    };
    // Serialising plain data with string keys cannot fail; an empty payload would only
    // open the default view, never a wrong one.
    let json = serde_json::to_vec(&shared).unwrap_or_default();
    format!("v{VERSION}.{}", base64url_encode(&json))
}

/// True when a fragment is meant as a share link rather than an anchor in the page (such as
/// `main`, the skip link's target), which is left alone.
pub fn is_link(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    !fragment.is_empty()
        && !fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The state a fragment (with or without its `#`) describes, or why it cannot be opened.
/// Its language is the link's, or English for links made before languages.
pub fn decode(fragment: &str) -> Result<AppState, ShareLinkError> {
    from_shared(shared_of(fragment)?)
}

/// The state a fragment describes and the language it names, if it names one.
pub fn decode_with_lang(fragment: &str) -> Result<(AppState, Option<Lang>), ShareLinkError> {
    let shared = shared_of(fragment)?;
    let lang = shared.lang;
    Ok((from_shared(shared)?, lang))
}

fn shared_of(fragment: &str) -> Result<SharedState, ShareLinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_LINK_BYTES {
        return Err(ShareLinkError::new(
            Message::new("keep.link.too_long")
                .with("length", verbatim(fragment.len().to_string()))
                .with("limit", verbatim(MAX_LINK_BYTES.to_string())),
        ));
    }
    if let Some(v0) = fragment.strip_prefix("case=") {
        return migrate_v0(v0);
    }
    let Some((version, payload)) = fragment
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .filter(|(v, _)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
    else {
        return Err(ShareLinkError::new(Message::new("keep.link.not_threshold")));
    };
    match version.parse::<u32>() {
        Ok(1) => decode_v1(payload),
        _ => Err(ShareLinkError::new(
            Message::new("keep.link.unknown_version").verbatim("version", version),
        )),
    }
}

fn decode_v1(payload: &str) -> Result<SharedState, ShareLinkError> {
    let bytes = base64url_decode(payload).map_err(|why| {
        ShareLinkError::new(Message::new("keep.link.damaged").with("why", why.message()))
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ShareLinkError::new(Message::new("keep.link.not_text")))?;
    // from_str, not from_slice: the app already reads cases and proposals from text, and a
    // second reader type would compile every one of their readers again (about 80 KB).
    let shared: SharedState = serde_json::from_str(&text).map_err(|why| {
        // serde's own words name line and column of text nobody sees: say what happened.
        ShareLinkError::new(Message::new(match why.classify() {
            Category::Eof => "keep.link.cut_short",
            Category::Syntax | Category::Io => "keep.link.changed",
            Category::Data => "keep.link.unusable_setting",
        }))
    })?;
    Ok(shared)
}

/// v0 links carried only the case, as percent-encoded JSON; everything else is the default.
fn migrate_v0(encoded: &str) -> Result<SharedState, ShareLinkError> {
    let json = percent_decode(encoded)
        .ok_or_else(|| ShareLinkError::new(Message::new("keep.link.v0_damaged")))?;
    let case = Case::from_json(&json).map_err(|why| {
        ShareLinkError::new(
            Message::new("keep.link.v0_invalid").with("why", case_error_words(&why)),
        )
    })?;
    Ok(SharedState {
        case: Some(case),
        ..SharedState::default()
    })
}

/// Builds the state and checks it the way the app will use it, so nothing fails later.
/// Workspace files arrive here too, in their own longer words.
pub(crate) fn from_shared(shared: SharedState) -> Result<AppState, ShareLinkError> {
    let mut state = AppState {
        lang: shared.lang.unwrap_or_default(),
        ..AppState::default()
    };
    if let Some(case) = shared.case {
        case.validate().map_err(|why| {
            ShareLinkError::new(
                Message::new("keep.link.case_invalid").with("why", case_error_words(&why)),
            )
        })?;
        state.case = case;
    }
    state.charges = shared.charges.unwrap_or_else(|| vec![state.case.charge]);
    if state.charges.first() != Some(&state.case.charge) {
        return Err(ShareLinkError::new(Message::new("keep.link.charges_first")));
    }
    let mut seen = state.charges.clone();
    seen.sort();
    seen.dedup();
    if seen.len() != state.charges.len() {
        return Err(ShareLinkError::new(Message::new("keep.link.charge_twice")));
    }
    state.sentencing_overrides = shared.sentencing;
    state.prosecution_overrides = shared.prosecution;
    let baseline = state.baseline().map_err(ShareLinkError::new)?;
    state.scenario = match (shared.preset, shared.scenario) {
        (Some(_), Some(_)) => {
            return Err(ShareLinkError::new(Message::new(
                "keep.link.preset_and_proposal",
            )))
        }
        (Some(id), None) => preset(&id).cloned().ok_or_else(|| {
            ShareLinkError::new(
                Message::new("keep.link.no_preset").verbatim("id", format!("{id:?}")),
            )
        })?,
        (None, Some(scenario)) => {
            if let Some(probe) = &scenario.probe {
                probe.validate().map_err(|why| {
                    ShareLinkError::new(
                        Message::new("keep.link.probe_invalid").with("why", case_error_words(&why)),
                    )
                })?;
            }
            scenario.apply(&baseline).map_err(|why| {
                ShareLinkError::new(
                    Message::new("keep.link.cannot_apply").with("why", why.message()),
                )
            })?;
            scenario
        }
        (None, None) => preset(LINK_IMPLIED_SCENARIO)
            .cloned()
            .unwrap_or(state.scenario),
    };
    if let Some(seed) = shared.seed {
        state.caseload.seed = seed;
    }
    if let Some(draws) = shared.draws {
        if !(1..=MAX_DRAWS as u64).contains(&draws) {
            return Err(ShareLinkError::new(
                Message::new("keep.link.draws").verbatim("max", MAX_DRAWS.to_string()),
            ));
        }
        state.caseload.draws = draws as usize;
    }
    let defaults = ReferralPopulation::embedded();
    let names = defaults.params();
    let mut mix = defaults.clone();
    for (name, value) in shared.mix {
        let Some(&(known, _)) = names.iter().find(|(n, _)| *n == name) else {
            return Err(ShareLinkError::new(
                Message::new("keep.link.no_mix_param").verbatim("name", format!("{name:?}")),
            ));
        };
        if state
            .caseload
            .mix_overrides
            .iter()
            .any(|(n, _)| *n == known)
        {
            return Err(ShareLinkError::new(
                Message::new("keep.link.mix_twice").verbatim("name", known),
            ));
        }
        mix = mix.with_param(known, value).map_err(|why| {
            ShareLinkError::new(Message::new("keep.link.mix_invalid").with("why", why.message()))
        })?;
        state.caseload.mix_overrides.push((known, value));
    }
    Ok(state)
}

/// Why base64url text is not a link's: it is a reason inside a longer message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64Error {
    Length,
    Character,
    Ending,
}

impl Base64Error {
    pub fn message(self) -> Message {
        Message::new(match self {
            Base64Error::Length => "keep.link.b64.length",
            Base64Error::Character => "keep.link.b64.character",
            Base64Error::Ending => "keep.link.b64.ending",
        })
    }
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(Lang::En, &self.message()))
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url without padding: safe in a fragment with no escaping.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn base64url_value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Strict: only the canonical unpadded form is accepted, so a changed character cannot
/// hide in unused bits.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let text = text.as_bytes();
    if text.len() % 4 == 1 {
        return Err(Base64Error::Length);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = base64url_value(c).ok_or(Base64Error::Character)?;
            n |= v << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let kept = chunk.len() - 1;
        if bytes[kept..].iter().any(|&b| b != 0) {
            return Err(Base64Error::Ending);
        }
        out.extend_from_slice(&bytes[..kept]);
    }
    Ok(out)
}

/// `%XX` escapes to bytes, then UTF-8; `None` for a broken escape or invalid text.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let digit = |b: u8| char::from(b).to_digit(16);
            out.push((digit(hex[0])? * 16 + digit(hex[1])?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

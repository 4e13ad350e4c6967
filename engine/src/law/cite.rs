//! Structured citations and how each rule was checked: a rule names its section, any note,
//! and the amendment that gave it its text; the Manual it belongs to is added when shown.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::edition::ManualEdition;

/// Where a Guidelines rule is written. `section` is the Manual's own designation
/// ("§2K2.1(b)(5)(B)"); it changes when the Commission renumbers, the rule's id does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub section: String,
    /// An application note, or where in the section ("flush language after (b)(4)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The amendment that gave the rule its present text; filled in by the loader from the
    /// amendment files, or given in the base text for an amendment older than the base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amendment: Option<u16>,
    /// Where the text can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

impl Cite {
    /// The citation as a reader checks it: "USSG §2K2.1(b)(5), application note 13
    /// (Nov. 1, 2010 Manual)"; the same in every language, since it names English documents.
    pub fn in_manual(&self, edition: ManualEdition) -> String {
        let mut out = format!("USSG {}", self.section);
        if let Some(note) = &self.note {
            out.push_str(", ");
            out.push_str(note);
        }
        out.push_str(&format!(" ({} Manual", edition.effective().short_en()));
        if let Some(n) = self.amendment {
            out.push_str(&format!(", amendment {n}"));
        }
        out.push(')');
        out
    }
}

/// How far a rule's text was checked against primary sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Checked {
    /// Read in the Manual, the amendment, the Federal Register or the U.S. Code itself, or in
    /// a court opinion quoting that text.
    PrimaryText,
    /// Read only in a secondary source (a summary, a practitioner's note).
    SecondarySource,
    /// Not read in any source: entered from what is known of the rule and labelled so.
    NotVerified,
    /// Not law at all: a proposal's change to it.
    Proposal,
}

/// How a rule (or an amendment's change to it) was verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub status: Checked,
    /// What was read, in a few words ("amendment 834 as published by the Commission").
    pub how: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

impl Verification {
    pub fn is_primary(&self) -> bool {
        self.status == Checked::PrimaryText
    }
}

impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Checked::PrimaryText => "primary text",
            Checked::SecondarySource => "secondary source only",
            Checked::NotVerified => "not verified",
            Checked::Proposal => "a proposal's change",
        })
    }
}
